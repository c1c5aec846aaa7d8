// Loads a module of web/panel/js for a unit test. The panel's files are
// served to the browser as they are, with no package.json beside them, so
// Node would read them as CommonJS; a data: URL makes Node treat the text
// as an ES module. Only modules without imports can be loaded this way.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

export const panelDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/panel');

export function loadPanelModule(relative) {
  const source = readFileSync(path.join(panelDir, relative), 'utf8');
  return import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);
}
