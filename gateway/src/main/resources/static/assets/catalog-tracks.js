// The track selector and what the card shows for the selected track: its draft, versions and history.
import { api } from './api.js';
import { $, h } from './dom.js';
import { clearResults } from './catalog-feedback.js';
import { loadDraft } from './catalog-draft.js';
import { loadHistory } from './catalog-history.js';
import { FRESH, state } from './catalog-state.js';
import { clearDiff, loadVersions } from './catalog-versions.js';

/** Every editable track, imported drafts that were never published included. */
export async function loadTracks(selected) {
  const all = (await api('/api/catalog/drafts', FRESH)).map((d) => ({ id: d.trackId, name: d.name, latestVersion: d.latestVersion }));
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
  if (!state.trackId) return;
  await loadDraft();
  await loadSide();
}

/** The side column (versions and history): after anything that may have added a version or an audit entry. */
export async function loadSide() {
  await Promise.all([loadVersions(), loadHistory()]);
}
