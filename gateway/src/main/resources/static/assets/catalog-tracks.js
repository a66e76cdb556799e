// The track selector and what the card shows for the selected track: its draft, versions and history.
import { allPages, ApiError } from './api.js';
import { $, h } from './dom.js';
import { clearResults } from './catalog-feedback.js';
import { loadDraft, showDocument } from './catalog-draft.js';
import { loadHistory } from './catalog-history.js';
import { clearReview } from './catalog-review.js';
import { failure, FRESH, state } from './catalog-state.js';
import { clearDiff, loadVersions } from './catalog-versions.js';

/**
 * What the editor area shows instead of the form while it has no draft: loading, no tracks at all, or why the draft
 * could not be loaded (with Try again). null: the form.
 */
export function showLoadState(kind, text) {
  const box = $('catalog-load-state');
  box.dataset.state = kind ?? '';
  $('catalog-load-message').textContent = text ?? '';
  $('catalog-retry').hidden = kind !== 'error';
  box.hidden = !kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  $('draft-editing').hidden = Boolean(kind);
}

/** Loads the track list and the selected track; failures are shown in the card (and passed on). */
export async function loadAll() {
  showLoadState('loading', 'Loading the catalog…');
  try {
    await loadTracks();
    if (!$('catalog-track').value) {
      showLoadState('empty', 'No tracks yet. Import a roadmap below to create the first one.');
      return;
    }
    await selectTrack($('catalog-track').value);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      showLoadState('error', `The catalog could not be loaded: ${failure(error)}`);
    }
    throw error;
  }
}

// the drafts come a page at a time (GET /api/catalog/drafts?page=&size=, by name): the selector reads pages of the
// largest size until it has them all (a catalog has few tracks: one request), at most 10 of them
function drafts() {
  return allPages('/api/catalog/drafts', FRESH);
}

/** Every editable track, imported drafts that were never published included. */
export async function loadTracks(selected) {
  const all = (await drafts()).map((d) => ({ id: d.trackId, name: d.name, latestVersion: d.latestVersion }));
  const select = $('catalog-track');
  select.replaceChildren(...(all.length
    ? all.map((t) => h('option', { value: t.id, 'data-latest-version': t.latestVersion ?? '' },
        t.latestVersion ? `${t.name} (v${t.latestVersion})` : `${t.name} (draft only)`))
    : [h('option', { value: '' }, 'No tracks yet')]));
  const keep = selected ?? state.trackId;
  if (keep && all.some((t) => t.id === keep)) select.value = keep;
}

export async function selectTrack(trackId) {
  state.trackId = trackId || null;
  clearResults();
  clearDiff();
  clearReview();
  if (!state.trackId) {
    showDocument(null);
    return;
  }
  showLoadState('loading', 'Loading the draft…');
  try {
    await loadDraft();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      showLoadState('error', `The draft of this track could not be loaded: ${failure(error)}`);
    }
    throw error;
  }
  showLoadState(null);
  await loadSide();
}

/** The side column (versions and history): after anything that may have added a version or an audit entry. */
export async function loadSide() {
  await Promise.all([
    loadVersions().catch((error) => sideError('catalog-versions', 'The versions could not be loaded', error)),
    loadHistory().catch((error) => sideError('catalog-history', 'The history could not be loaded', error)),
  ]);
}

/** A part of the side column that could not be loaded says so (the rest of the card keeps working). */
function sideError(id, what, error) {
  if (error instanceof ApiError && error.status === 401) throw error;
  $(id).replaceChildren(h('li', { class: 'form-error', role: 'alert' }, `${what}: ${failure(error)}`));
}
