// Discard the draft (after confirming: back to the last published version, for everyone) and export it as a download
// (roadmap Markdown or the JSON model, as stored: unsaved edits are not part of it).
import { apiResponse, ApiError, csrfToken } from './api.js';
import { $ } from './dom.js';
import { clearResults, showConflict, status } from './catalog-feedback.js';
import { isDirty, loadDraft } from './catalog-draft.js';
import { action, base, state } from './catalog-state.js';
import { loadSide } from './catalog-tracks.js';
import { clearReview, latestVersion } from './catalog-review.js';

function onDiscard() {
  const latest = latestVersion();
  if (!latest) {
    status('Nothing to discard to: this track has never been published.');
    return undefined;
  }
  if (!window.confirm(`Discard the draft and go back to the published version ${latest}? Every unpublished change `
    + '(saved or not) is lost, for every admin.')) return undefined;
  return action(async () => {
    clearResults();
    clearReview();
    try {
      await apiResponse(`${base(state.trackId)}/draft`, { method: 'DELETE', headers: { 'If-Match': state.etag ?? '' } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) { showConflict(); return; }
      if (error instanceof ApiError && error.status === 409) {
        status(`Not discarded: ${error.problem.detail || 'the track has never been published'}`);
        return;
      }
      throw error;
    }
    await loadDraft();
    await loadSide();
    status(`Draft discarded: back to the published version ${latest}.`);
  });
}

function filenameOf(response, fallback) {
  const match = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '');
  return match ? match[1] : fallback;
}

/** Downloads the stored draft in a format: the service's document, saved under the name it gives. */
function onExport(format) {
  return action(async () => {
    const path = `${base(state.trackId)}/draft/export?format=${format}`;
    let response;
    try {
      response = await fetch(path, {
        credentials: 'same-origin', redirect: 'manual', cache: 'no-cache',
        headers: { Accept: format === 'json' ? 'application/json' : 'text/markdown, application/problem+json',
          'X-XSRF-TOKEN': csrfToken() },
      });
    } catch (networkError) {
      throw new ApiError(0, { detail: networkError.message }, path);
    }
    if (response.type === 'opaqueredirect') throw new ApiError(401, { detail: 'Your session has ended' }, path);
    if (!response.ok) {
      let problem = {};
      try { problem = await response.json(); } catch { /* not a problem document */ }
      throw new ApiError(response.status, problem, path);
    }
    const blob = await response.blob();
    const name = filenameOf(response, `${state.trackId}-draft.${format === 'json' ? 'json' : 'md'}`);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status(`Downloaded ${name}${isDirty() ? ' (the saved draft: your unsaved changes are not in it)' : ''}.`);
  });
}

export function initDraftTools() {
  $('draft-discard').addEventListener('click', onDiscard);
  $('draft-export-markdown').addEventListener('click', () => onExport('markdown'));
  $('draft-export-json').addEventListener('click', () => onExport('json'));
}
