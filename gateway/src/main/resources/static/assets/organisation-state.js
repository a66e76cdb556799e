// What the "Organisation" view's modules share: the teams, tracks and active people last loaded (for their selects
// and for names), the portal's 401 handling, and one way to say "the organisation changed" so every list reloads.
import { ApiError } from './api.js';
import { h } from './dom.js';

export const org = {
  teams: [], // TeamDetails, retired ones too when "Include retired teams" is ticked
  tracks: [], // catalog tracks {id, name}
  everyone: [], // active people (first 200), for manager and deputy choices and names
};

// Admin data must be current: always revalidate instead of trusting the browser's cache.
export const FRESH = { cache: 'no-cache' };

let handlers = { onUnauthorized: () => {}, onChanged: async () => {} };

export function setHandlers(options) {
  handlers = { ...handlers, ...options };
}

/** A 401 goes to the portal's session handling (sign in again); true when it did. */
export function unauthorized(error) {
  if (error instanceof ApiError && error.status === 401) {
    handlers.onUnauthorized();
    return true;
  }
  return false;
}

/** Something was written: people, teams and the audit trail are loaded again. */
export function changed() {
  return handlers.onChanged();
}

export const nameOf = (id) => org.everyone.find((p) => p.id === id)?.displayName ?? id;

/** Fills a team select (active teams, plus `keep` even if retired) with a first option, keeping its choice. */
export function fillTeamSelect(select, firstLabel, value = select.value, keep = null) {
  select.replaceChildren(h('option', { value: '' }, firstLabel),
    ...org.teams.filter((t) => t.active || t.id === keep).map((t) => h('option', { value: t.id }, t.name)));
  select.value = org.teams.some((t) => t.id === value) ? value : '';
}

/** Fills a track select; `firstLabel` adds an empty first choice (e.g. "Default track"). */
export function fillTrackSelect(select, value, firstLabel = null) {
  select.replaceChildren(...(firstLabel ? [h('option', { value: '' }, firstLabel)] : []),
    ...org.tracks.map((t) => h('option', { value: t.id }, t.name)));
  if (value && !org.tracks.some((t) => t.id === value)) select.append(h('option', { value }, value));
  select.value = value || '';
}
