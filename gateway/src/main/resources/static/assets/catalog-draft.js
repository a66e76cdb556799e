// The stored draft behind the editor: read it with its ETag, write it back with If-Match (optimistic locking), and
// tell the admin which revision they are editing and whether they have unsaved edits.
import { apiResponse, ApiError } from './api.js';
import { $ } from './dom.js';
import { problemsOf, renderProblems, showConflict } from './catalog-feedback.js';
import { base, FRESH, state } from './catalog-state.js';

const pretty = (value) => JSON.stringify(value, null, 2);

/** True when the editor holds edits that are not stored. */
export const isDirty = () => $('draft-editor').value !== state.savedText;

export function renderDraftMeta() {
  const dirty = isDirty();
  const revision = state.etag ? state.etag.replace(/^W\//, '').replace(/"/g, '') : '–';
  $('draft-meta').textContent = `Draft revision ${revision}${dirty ? ' · unsaved changes' : ''}`;
  $('draft-meta').dataset.dirty = String(dirty);
}

function showStored(data, etag) {
  state.etag = etag;
  state.savedText = pretty(data);
  $('draft-editor').value = state.savedText;
  renderDraftMeta();
}

export async function loadDraft() {
  const { data, etag } = await apiResponse(`${base(state.trackId)}/draft`, FRESH);
  showStored(data, etag);
}

/** PUT the editor's document; true when stored. Lists the problems (422) or offers a reload (412). */
export async function saveDraft(document) {
  try {
    const { data, etag } = await apiResponse(`${base(state.trackId)}/draft`, {
      method: 'PUT', body: document, headers: { 'If-Match': state.etag ?? '' },
    });
    showStored(data, etag);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      showConflict();
      return false;
    }
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
      renderProblems(problemsOf(error), 'The draft was not saved');
      return false;
    }
    throw error;
  }
}
