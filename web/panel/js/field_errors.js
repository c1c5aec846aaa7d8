// Shows an API error beside the form field it names. The daemon's 400s
// carry `field` ("match.keyword", "actions[1].group", "options[0].title",
// "closes_at"); each route says which fields are its own, and an error no
// route claims goes to the form's general box.
import {errorBox} from './ui.js';

// routes: [{control, matches: (field) => boolean}]. Each route gets its own
// alert box, placed by the caller with boxFor(control).
let nextId = 0;

export function fieldErrors(general, routes) {
  const boxes = new Map(routes.map((r) => {
    const box = errorBox();
    box.id = `field-error-${++nextId}`;
    return [r.control, box];
  }));
  const clear = () => {
    general.show(null);
    for (const [control, box] of boxes) {
      box.show(null);
      control.removeAttribute('aria-invalid');
    }
  };
  return {
    general,
    boxFor: (control) => boxes.get(control),
    clear,
    show(error) {
      clear();
      const route = error && error.field ? routes.find((r) => r.matches(error.field)) : null;
      if (!route) {
        general.show(error);
        return;
      }
      const box = boxes.get(route.control);
      box.show(error);
      route.control.setAttribute('aria-invalid', 'true');
      const described = (route.control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (!described.includes(box.id)) route.control.setAttribute('aria-describedby', [...described, box.id].join(' '));
      route.control.focus();
    },
  };
}
