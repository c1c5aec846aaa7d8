// The panel's only door to tellald: fetch() on the same origin with the
// session cookie (HttpOnly, so scripts never see it) and, on every request
// that changes something, the X-CSRF-Token header the session handed out.
// The API token is never known to the browser.

let csrfToken = null;

// An API error: the HTTP status, the daemon's message, and the field it names
// (the API's {"error": {"code", "message", "field"}} or the session routes'
// {"error": "...", "field": "..."}).
export class ApiError extends Error {
  constructor(status, message, field, code, retryAfter) {
    super(message);
    this.status = status;
    this.field = field ?? null;
    this.code = code ?? null;
    this.retryAfter = retryAfter ?? null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

// Called with no arguments when a request comes back 401: the session has
// ended (expired, or logged out in another tab) and the page must show the
// login form again.
let onUnauthorized = () => {};
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

async function errorFrom(response) {
  let message = response.statusText || `HTTP ${response.status}`;
  let field = null;
  let code = null;
  try {
    const body = await response.json();
    if (typeof body.error === 'string') {
      message = body.error;
      field = body.field ?? null;
    } else if (body.error && typeof body.error === 'object') {
      message = body.error.message ?? message;
      field = body.error.field ?? null;
      code = body.error.code ?? null;
    }
  } catch {
    // Not JSON (a proxy's page, say): the status text is all there is.
  }
  return new ApiError(response.status, message, field, code, response.headers.get('Retry-After'));
}

// request('POST', '/api/v1/messages', {json: {...}}) → parsed JSON, the text
// for text/csv answers, or null for 204. Throws ApiError.
export async function request(method, path, {json, body, contentType, query, signal} = {}) {
  const headers = {Accept: 'application/json'};
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const text = params.toString();
    if (text) url += `?${text}`;
  }
  const response = await fetch(url, {method, headers, body: payload, credentials: 'same-origin', signal});
  if (response.status === 401 && !path.startsWith('/api/v1/session')) {
    csrfToken = null;
    onUnauthorized();
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, query) => request('GET', path, {query});
// Actions such as /start or /read take no body: the path says it all.
export const post = (path, json) => request('POST', path, json === undefined ? {} : {json});
export const patch = (path, json) => request('PATCH', path, {json});
export const del = (path, query) => request('DELETE', path, {query});

// A path segment: phone numbers start with '+', which must travel as %2B.
export const segment = (value) => encodeURIComponent(String(value));

// Every page of a cursor-paged list, up to maxRows rows.
export async function getAll(path, key, query = {}, maxRows = 10000) {
  const rows = [];
  let cursor = null;
  do {
    const page = await get(path, {...query, limit: 1000, cursor});
    rows.push(...page[key]);
    cursor = page.next_cursor;
  } while (cursor && rows.length < maxRows);
  return rows;
}

// The session: null when logged out.
export async function currentSession() {
  try {
    const session = await request('GET', '/api/v1/session');
    csrfToken = session.csrf_token;
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logIn(password) {
  const session = await request('POST', '/api/v1/session', {json: {password}});
  csrfToken = session.csrf_token;
  return session;
}

export async function logOut() {
  try {
    await request('DELETE', '/api/v1/session');
  } finally {
    csrfToken = null;
  }
}
