// "Catalog" card for admins: edit a track's draft in a form (or, in "Advanced: JSON", as a whole document), validate,
// preview who publishing it would affect, save (If-Match = the ETag last read), review what it changes against the
// published version, publish, discard, export; compare published versions, read the audit trail and import a roadmap
// in Markdown. catalog-service checks the role on every write; hiding the card from other users is only a convenience.
// This module wires the card's parts (catalog-*.js) together and loads the first track.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { isDirty, renderDraftMeta } from './catalog-draft.js';
import { initDraftTools } from './catalog-draft-tools.js';
import { initEditor } from './catalog-editor.js';
import { initForm } from './catalog-form.js';
import { initImport } from './catalog-import.js';
import { initModes } from './catalog-mode.js';
import { action, setBusy, setUnauthorizedHandler, state, unauthorized } from './catalog-state.js';
import { loadAll, selectTrack } from './catalog-tracks.js';
import { initVersions } from './catalog-versions.js';

/** Shows the card and loads the first track; only called for admins. onError(error) reports load failures. */
export async function initCatalogAdmin({ onUnauthorized, onError }) {
  setUnauthorizedHandler(onUnauthorized);
  $('catalog-admin').hidden = false;
  initForm({ onChange: renderDraftMeta });
  initModes();
  initEditor();
  initDraftTools();
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
  $('catalog-retry').addEventListener('click', () => load(onError));
  await load(onError);
}

async function load(onError) {
  setBusy(true);
  try {
    await loadAll();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) unauthorized();
    else onError(error);
  } finally {
    setBusy(false);
  }
}
