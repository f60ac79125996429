// api.js — the one way the UI talks to attain serve: JSON over fetch with the
// session cookie, X-CSRF-Token on state changes, errors as ApiError
// ({status, code, message, field}). A 401 sends the user to the sign-in page.
let csrf = '';
let onUnauthorized = () => {};

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

export function setCsrf(token) { csrf = token || ''; }
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

/** PATH with the non-empty entries of PARAMS as a query string. */
export function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function call(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') { headers['Content-Type'] = opts.type || 'text/csv'; payload = body; }
    else { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    const e = (data && data.error) || {};
    const err = new ApiError(res.status, e.code || `http_${res.status}`, e.message || res.statusText, e.field);
    if (res.status === 401 && !opts.quiet401) onUnauthorized(err);
    throw err;
  }
  return data;
}

export const api = {
  get: (path, params, opts) => call('GET', url(path, params), undefined, opts),
  post: (path, body, opts) => call('POST', path, body === undefined ? {} : body, opts),
  patch: (path, body, opts) => call('PATCH', path, body, opts),
  del: (path, opts) => call('DELETE', path, undefined, opts),
};

/** GET that answers FALLBACK when the route is not there (404 not_found on the
 * route itself) — for screens whose API may not have landed yet. */
export async function getOr(path, params, fallbackValue) {
  try { return await api.get(path, params); } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405) && e.code !== 'forbidden') return fallbackValue;
    throw e;
  }
}
