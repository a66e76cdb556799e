// The stored draft behind the editor: read it with its ETag, write it back with If-Match (optimistic locking), and
// tell the admin which revision they are editing and whether they have unsaved edits — in the form or in the JSON
// mode, which edit the same document (catalog-mode.js).
import { apiResponse, ApiError } from './api.js';
import { $ } from './dom.js';
import { problemsOf, renderProblems, showConflict } from './catalog-feedback.js';
import { normalise, renderForm } from './catalog-form.js';
import { forgetOpen, rememberOpen } from './catalog-form-kit.js';
import { clearModeError } from './catalog-mode.js';
import { base, FRESH, state } from './catalog-state.js';

export const pretty = (value) => JSON.stringify(value, null, 2);

/** The document being edited, as pretty JSON: the form's, or the JSON mode's text as typed. */
export const currentText = () => (state.mode === 'form' ? (state.doc ? pretty(state.doc) : '') : $('draft-editor').value);

/** True when the editor holds edits that are not stored. */
export const isDirty = () => state.trackId !== null && currentText() !== state.savedText;

export function renderDraftMeta() {
  const dirty = isDirty();
  const revision = state.etag ? state.etag.replace(/^W\//, '').replace(/"/g, '') : '–';
  $('draft-meta').textContent = `Draft revision ${revision}${dirty ? ' · unsaved changes' : ''}`;
  $('draft-meta').dataset.dirty = String(dirty);
}

/** Shows a document in both modes: the form's copy and the JSON text. keepOpen: the same track's draft again. */
export function showDocument(data, keepOpen = false) {
  if (keepOpen) rememberOpen($('draft-form'));
  else forgetOpen();
  state.doc = data === null || data === undefined ? null : JSON.parse(JSON.stringify(data));
  $('draft-editor').value = data === null || data === undefined ? '' : pretty(data);
  clearModeError();
  renderForm();
  forgetOpen();
  renderDraftMeta();
}

/** After a save the form stays as it is (focus, open entries) unless the service stored something else. */
function showStored(stored, etag, keepOpen = false) {
  const data = normalise(stored);
  state.etag = etag;
  state.savedText = pretty(data);
  if (keepOpen && currentText() === state.savedText) renderDraftMeta();
  else showDocument(data, keepOpen);
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
    showStored(data, etag, true);
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
