// Starts the built `tellald --demo` on a free loopback port and reads the
// panel's address and one-time password from the banner it prints
// ("panel: http://127.0.0.1:PORT/  password: PW").
import {spawn} from 'node:child_process';
import net from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

const BANNER = /panel:\s+(http:\/\/\S+?)\/?\s+password:\s+(\S+)/;

// → {url, password, stop(), output()}; rejects if the daemon exits or the
// banner does not appear within timeoutMs.
export async function startDemo(tellald, {timeoutMs = 30000} = {}) {
  const port = await freePort();
  const child = spawn(tellald, ['--demo', '--listen', `127.0.0.1:${port}`], {stdio: ['ignore', 'pipe', 'pipe']});
  let log = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { log += chunk; });
  const banner = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no panel banner from tellald --demo within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const match = BANNER.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({url: match[1], password: match[2]});
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`tellald --demo exited (${code ?? signal}) before printing the panel banner:\n${log}`));
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    ...banner,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
}
