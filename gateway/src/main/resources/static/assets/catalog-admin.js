// "Catalog" card for admins: edit a track's draft as JSON, validate, preview who publishing it would affect, save
// (If-Match = the ETag last read), publish, compare published versions, read the audit trail and import a roadmap in
// Markdown. catalog-service checks the role on every write; hiding the card from other users is only a convenience.
// This module wires the card's parts (catalog-*.js) together and loads the first track.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { isDirty } from './catalog-draft.js';
import { initEditor } from './catalog-editor.js';
import { initImport } from './catalog-import.js';
import { action, setBusy, setUnauthorizedHandler, state, unauthorized } from './catalog-state.js';
import { loadTracks, selectTrack } from './catalog-tracks.js';
import { initVersions } from './catalog-versions.js';

/** Shows the card and loads the first track; only called for admins. onError(error) reports load failures. */
export async function initCatalogAdmin({ onUnauthorized, onError }) {
  setUnauthorizedHandler(onUnauthorized);
  $('catalog-admin').hidden = false;
  initEditor();
  $('catalog-track').addEventListener('change', (e) => {
    const previous = state.trackId;
    if (isDirty() && !window.confirm('Discard your unsaved changes to this draft?')) {
      e.target.value = previous;
      return;
    }
    action(() => selectTrack(e.target.value));
  });
  initVersions();
  initImport();

  setBusy(true);
  try {
    await loadTracks();
    await selectTrack($('catalog-track').value);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) unauthorized();
    else onError(error);
  } finally {
    setBusy(false);
  }
}
