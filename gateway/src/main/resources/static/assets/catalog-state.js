// What the catalog card's modules share: the track being edited, its draft's ETag, and the rule that one user action
// runs at a time (the buttons are disabled meanwhile) with a 401 handed to the portal's session handling.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { status } from './catalog-feedback.js';

export const base = (trackId) => `/api/catalog/tracks/${encodeURIComponent(trackId)}`;
// Admin data must be current: always revalidate instead of trusting the browser's cache (tracks are max-age 60).
export const FRESH = { cache: 'no-cache' };

export const state = {
  trackId: null,
  etag: null, // ETag of the draft as last read or written
  savedText: '', // the draft as stored, as pretty JSON, to tell unsaved edits apart
  doc: null, // the draft being edited in the form (the JSON mode edits its text instead)
  mode: 'form', // 'form' | 'json' (Advanced: JSON)
  busy: false,
};

let handleUnauthorized = () => {};

/** app.js's session handling; set once when the card starts. */
export function setUnauthorizedHandler(handler) {
  handleUnauthorized = handler;
}

export function unauthorized() {
  handleUnauthorized();
}

export function setBusy(busy) {
  state.busy = busy;
  for (const id of ['draft-validate', 'draft-impact', 'draft-save', 'draft-publish', 'draft-reload', 'catalog-track',
    'draft-review', 'draft-discard', 'draft-export-markdown', 'draft-export-json', 'catalog-mode-form',
    'catalog-mode-json']) {
    const el = $(id);
    if (el) el.disabled = busy;
  }
  $('catalog-admin').setAttribute('aria-busy', String(busy));
}

/** Runs one user action: one at a time, and a 401 goes to the portal's session handling. */
export async function action(fn) {
  if (state.busy) return;
  setBusy(true);
  try {
    await fn();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) handleUnauthorized();
    else status(`Failed: ${failure(error)}`);
  } finally {
    setBusy(false);
  }
}

/**
 * What a failed request means to the admin: the service is down or unreachable (their unsaved edits are kept), or
 * what the service said.
 */
export function failure(error) {
  if (error instanceof ApiError && error.status === 0) {
    return 'the portal could not reach the server. Check your connection; your unsaved changes are kept.';
  }
  if (error instanceof ApiError && error.status >= 500) {
    return `the catalog service is not available right now (HTTP ${error.status}). Try again in a moment; your `
      + 'unsaved changes are kept.';
  }
  return error.message;
}
