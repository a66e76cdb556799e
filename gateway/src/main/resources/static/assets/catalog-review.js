// Before publishing: what the stored draft changes against the published version (side by side, entries matched by
// id) and, next to it, who publishing it would affect (the impact preview). Each part says why when it cannot be
// shown — a track never published, a draft with problems, a service that is down — instead of staying blank.
import { api, ApiError } from './api.js';
import { $ } from './dom.js';
import { renderChanges, summarise } from './catalog-diff.js';
import { clearImpact, previewImpact } from './catalog-impact.js';
import { base, failure, FRESH, state } from './catalog-state.js';

/** The selected track's latest published version (from the track list), or null when it was never published. */
export function latestVersion() {
  const option = $('catalog-track').selectedOptions?.[0];
  const latest = option?.dataset.latestVersion;
  return latest ? Number(latest) : null;
}

export function clearReview() {
  $('draft-diff-box').hidden = true;
  $('draft-diff-summary').textContent = '';
  $('draft-diff').replaceChildren();
  clearImpact();
}

function diffMessage(text) {
  $('draft-diff-summary').textContent = text;
  $('draft-diff').replaceChildren();
  $('draft-diff-box').hidden = false;
}

/** Loads both parts for the stored draft; `unsaved`: the editor holds edits that are not part of it. */
export async function loadReview({ unsaved = false } = {}) {
  clearReview();
  $('draft-diff-box').setAttribute('aria-busy', 'true');
  try {
    await Promise.all([loadDiff(unsaved), loadImpact()]);
  } finally {
    $('draft-diff-box').removeAttribute('aria-busy');
  }
}

async function loadDiff(unsaved) {
  const latest = latestVersion();
  let changes;
  try {
    changes = await api(`${base(state.trackId)}/draft/diff`, FRESH);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    diffMessage(`The changes could not be compared: ${failure(error)}`);
    return;
  }
  const against = latest ? `version ${latest}` : 'nothing published yet';
  $('draft-diff-summary').textContent = `${changes.length ? summarise(changes) : 'No unpublished changes.'} `
    + `Stored draft against ${against}.${unsaved ? ' Unsaved edits are not included: save them to see them here.' : ''}`;
  renderChanges($('draft-diff'), changes, { before: latest ? `Version ${latest}` : 'Not published', after: 'Draft' });
  $('draft-diff-box').hidden = false;
}

async function loadImpact() {
  let release;
  try {
    release = await api(`${base(state.trackId)}/draft/release-preview`, { method: 'POST' });
    await previewImpact(release);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    const text = error instanceof ApiError && error.status === 422
      ? 'No impact preview: the draft has problems (Validate lists them).'
      : `No impact preview: ${failure(error)}`;
    clearImpact();
    $('impact-summary').textContent = text;
    $('impact-box').hidden = false;
  }
}
