// The draft editor's buttons: Validate and Preview impact check the document in hand (the form's or the JSON text)
// without storing it; Save stores it (If-Match = the ETag last read) and shows what it changes against the published
// version with its impact; Review shows that for the stored draft; Publish stores unsaved edits first, then
// publishes; Reload discards the unsaved edits.
import { api, apiResponse, ApiError } from './api.js';
import { $ } from './dom.js';
import { clearResults, problemsOf, renderProblems, show, showConflict, status } from './catalog-feedback.js';
import { isDirty, loadDraft, renderDraftMeta, saveDraft } from './catalog-draft.js';
import { initImpact, previewImpact } from './catalog-impact.js';
import { documentInHand } from './catalog-mode.js';
import { clearReview, loadReview } from './catalog-review.js';
import { action, base, state } from './catalog-state.js';
import { loadSide, loadTracks } from './catalog-tracks.js';

const NOT_SENT = 'Nothing was sent: correct the fields marked.';

function onValidate() {
  return action(async () => {
    clearResults();
    const document = documentInHand(renderProblems);
    if (!document) { status(NOT_SENT); return; }
    try {
      const result = await api(`${base(state.trackId)}/draft/validate`, { method: 'POST', body: document });
      const problems = result?.problems ?? [];
      renderProblems(problems);
      status(problems.length ? `${problems.length} problem(s) found.` : 'No problems: the draft can be published.');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        renderProblems(problemsOf(error), 'The draft cannot be read');
        status('The draft cannot be read.');
      } else throw error;
    }
  });
}

/** Works on the document in hand, saved or not: catalog-service builds the release, progress-service evaluates it. */
function onPreviewImpact() {
  return action(async () => {
    clearResults();
    const document = documentInHand(renderProblems);
    if (!document) { status(`No preview. ${NOT_SENT}`); return; }
    let release;
    try {
      release = await api(`${base(state.trackId)}/draft/release-preview`, { method: 'POST', body: document });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        renderProblems(problemsOf(error), 'No preview — the draft has problems');
        status('No preview: fix the problems listed.');
        return;
      }
      throw error;
    }
    await previewImpact(release);
    status('');
  });
}

function onSave() {
  return action(async () => {
    clearResults();
    clearReview();
    const document = documentInHand(renderProblems);
    if (!document) { status(`Not saved. ${NOT_SENT}`); return; }
    if (await saveDraft(document)) {
      status(`Draft saved (revision ${state.etag?.replace(/^W\//, '').replace(/"/g, '')}).`);
      await loadSide();
      await loadReview();
    } else if ($('draft-conflict').hidden) {
      status('Not saved: fix the problems listed.');
    }
  });
}

function onReview() {
  return action(async () => {
    clearResults();
    await loadReview({ unsaved: isDirty() });
    status(isDirty() ? 'Shown for the saved draft; save to include your unsaved changes.' : '');
  });
}

function onPublish() {
  return action(async () => {
    clearResults();
    // Unsaved edits are stored first, so what is published is what the admin sees.
    if (isDirty()) {
      const document = documentInHand(renderProblems);
      if (!document) { status(`Not published. ${NOT_SENT}`); return; }
      if (!(await saveDraft(document))) {
        if ($('draft-conflict').hidden) {
          status('Not published: fix the problems listed.');
          $('draft-problems-title').textContent = 'Not published — the draft has problems';
        }
        return;
      }
    }
    try {
      const { data } = await apiResponse(`${base(state.trackId)}/publish`, {
        method: 'POST', headers: { 'If-Match': state.etag ?? '' },
      });
      clearReview();
      show('publish-result', `Published version ${data.version}`);
      $('publish-result').dataset.version = String(data.version);
      status('');
      await loadTracks(state.trackId);
      await loadSide();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) showConflict();
      else if (error instanceof ApiError && error.status === 422) {
        renderProblems(problemsOf(error), 'Not published — the draft has problems');
        status('Not published: fix the problems listed.');
      } else throw error;
    }
  });
}

/** force: after a conflict the admin already chose to reload, so unsaved edits are not asked about again. */
function onReload(force) {
  if (!force && isDirty()
      && $('draft-conflict').hidden && !window.confirm('Discard your unsaved changes and reload the draft?')) return;
  return action(async () => {
    clearResults();
    clearReview();
    await loadDraft();
    await loadSide();
    status('Draft reloaded.');
  });
}

export function initEditor() {
  $('draft-validate').addEventListener('click', onValidate);
  $('draft-impact').addEventListener('click', onPreviewImpact);
  initImpact();
  $('draft-save').addEventListener('click', onSave);
  $('draft-review').addEventListener('click', onReview);
  $('draft-publish').addEventListener('click', onPublish);
  $('draft-reload').addEventListener('click', () => onReload(false));
  $('draft-conflict-reload').addEventListener('click', () => onReload(true));
  $('draft-editor').addEventListener('input', renderDraftMeta);
}
