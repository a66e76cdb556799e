// Talks to the gateway: same-origin fetch with the session cookie, CSRF header on writes,
// RFC 9457 problem documents turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(describe(status, problem, path));
    this.status = status;
    this.problem = problem || {};
    this.path = path;
  }

  /** [{field, message}] of a 400/422 problem document (Ladder services list every problem in `errors`). */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function describe(status, problem, path) {
  if (status === 0) return `Could not reach the server (${path}).`;
  const text = problem?.detail || problem?.title || `HTTP ${status}`;
  return `${text} (${path})`;
}

export function csrfToken() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
}

/** Resolves to the parsed JSON body (or null for 204); rejects with ApiError. */
export async function api(path, options = {}) {
  return (await apiResponse(path, options)).data;
}

/** The largest page a Ladder list serves (the kit Page's MAX_SIZE). */
export const MAX_PAGE_SIZE = 200;

/**
 * Every item of a paged list ({items, page, size, total}): reads pages of the largest size until it has them all
 * (most lists: one request), at most `max` pages. `path` may carry a query of its own; `options` as for api().
 */
export async function allPages(path, { max = 10, ...options } = {}) {
  const all = [];
  const join = path.includes('?') ? '&' : '?';
  for (let page = 0; page < max; page++) {
    const answer = await api(`${path}${join}page=${page}&size=${MAX_PAGE_SIZE}`, options);
    all.push(...(answer?.items ?? []));
    if (all.length >= (answer?.total ?? 0) || !answer?.items?.length) break;
  }
  return all;
}

/**
 * Like api(), but resolves to {data, status, etag}: for optimistic-concurrency writes (the ETag of a read goes back
 * in If-Match). `text` + `contentType` send a raw body (e.g. Markdown) instead of JSON; `form` a FormData (multipart);
 * `headers` are added;
 * `cache` is the fetch cache mode (e.g. 'no-cache' to always revalidate data an admin is about to edit).
 */
export async function apiResponse(path, { method = 'GET', body, text, contentType, form, headers: extra = {}, cache } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // `form` (FormData, e.g. a file upload): the browser sets the multipart Content-Type with its boundary
  if (text !== undefined) headers['Content-Type'] = contentType || 'text/plain';
  if (method !== 'GET' && method !== 'HEAD') headers['X-XSRF-TOKEN'] = csrfToken();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      redirect: 'manual',
      cache,
      body: form !== undefined ? form : text !== undefined ? text : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkError) {
    throw new ApiError(0, { detail: networkError.message }, path);
  }
  // A redirect means the gateway wants a (re)login; for an API call that is the same as a 401.
  if (response.type === 'opaqueredirect') throw new ApiError(401, { detail: 'Your session has ended' }, path);
  const data = await readBody(response);
  if (!response.ok) throw new ApiError(response.status, data && typeof data === 'object' ? data : { detail: data }, path);
  return { data, status: response.status, etag: response.headers.get('ETag') };
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
