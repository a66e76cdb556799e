// "Organisation" for admins: people (filters, unplaced first), editing a person (If-Match), placing them at a level
// with a reason, retiring them, and their recent changes; the view's other cards are their own modules: teams
// (organisation-teams.js), adding a person (organisation-provision.js), the CSV first load (organisation-import.js)
// and the audit trail (organisation-audit.js). profile-service checks the role on every call; showing the view to
// admins only is a convenience.
import { allPages, api, apiResponse, ApiError } from './api.js';
import { $, h } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem, valueOrNull } from './forms.js';
import { fillAuditTeams, initAudit, loadAudit, loadRecent, showAuditOf } from './organisation-audit.js';
import { initImport } from './organisation-import.js';
import { fillProvisionChoices, initProvision } from './organisation-provision.js';
import { changed, fillTeamSelect, fillTrackSelect, FRESH, org, setHandlers, unauthorized } from './organisation-state.js';
import { initTeams, loadTeams } from './organisation-teams.js';

const PAGE_SIZE = 50;
const PERSON_FIELDS = {
  displayname: 'person-display-name', email: 'person-email', jobtitle: 'person-job-title', teamid: 'person-team',
  trackid: 'person-track', region: 'person-region', startdate: 'person-start-date',
};
const PLACEMENT_FIELDS = {
  levelid: 'placement-level', effectiveon: 'placement-effective-on', reason: 'placement-reason', trackid: 'placement-level',
};

let page = 0;
let person = null; // {data, etag} being edited
let latestPeople = 0; // the last list asked for: an earlier answer arriving later is dropped

export function initOrganisation({ onUnauthorized }) {
  setHandlers({ onUnauthorized, onChanged: () => refresh().catch(report) });
  $('people-filter').addEventListener('submit', (e) => { e.preventDefault(); page = 0; loadPeople().catch(report); });
  $('people-prev').addEventListener('click', () => { page = Math.max(0, page - 1); loadPeople().catch(report); });
  $('people-next').addEventListener('click', () => { page += 1; loadPeople().catch(report); });
  $('person-close').addEventListener('click', closePerson);
  $('person-form').addEventListener('submit', savePerson);
  $('placement-form').addEventListener('submit', place);
  $('person-retire').addEventListener('click', () => askRetire(true));
  $('person-retire-no').addEventListener('click', () => askRetire(false));
  $('person-retire-yes').addEventListener('click', retire);
  $('person-retire-confirm').addEventListener('keydown', (e) => { if (e.key === 'Escape') askRetire(false); });
  $('person-erase').addEventListener('click', () => askErase(true));
  $('person-erase-no').addEventListener('click', () => askErase(false));
  $('person-erase-yes').addEventListener('click', erase);
  $('person-erase-confirm').addEventListener('keydown', (e) => { if (e.key === 'Escape') askErase(false); });
  $('person-audit-all').addEventListener('click', () => person && showAuditOf(person.data));
  initTeams();
  initProvision({ onOpen: (id) => openPerson(id).catch(report) });
  initImport();
  initAudit();
}

function report(error) {
  if (!unauthorized(error)) say('people-summary', `Could not load: ${error.message}`);
}

export async function loadOrganisation() {
  await refresh();
}

/** Everything the view shows, again: after any change, so lists, names and the audit trail agree. */
async function refresh() {
  const [trackList, everyonePage] = await Promise.all([
    allPages('/api/catalog/tracks'),
    api('/api/profiles/admin/people?size=200', FRESH),
  ]);
  org.tracks = trackList ?? [];
  org.everyone = everyonePage?.items ?? [];
  await loadTeams();
  fillTeamSelect($('people-team'), 'Any team');
  fillAuditTeams();
  fillProvisionChoices();
  await Promise.all([loadPeople(), loadAudit(), person ? loadRecent(person.data.id, $('person-audit')) : null]);
}

async function loadPeople() {
  const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  const q = $('people-q').value.trim();
  if (q) params.set('q', q);
  if ($('people-team').value) params.set('teamId', $('people-team').value);
  if ($('people-unplaced').checked) params.set('unplaced', 'true');
  if ($('people-retired').checked) params.set('includeRetired', 'true');
  const mine = ++latestPeople;
  const data = await api(`/api/profiles/admin/people?${params}`);
  if (mine !== latestPeople) return;
  const items = [...(data?.items ?? [])].sort((a, b) => Number(b.needsPlacement) - Number(a.needsPlacement));
  const total = data?.total ?? items.length;
  say('people-summary', total ? `${total} ${total === 1 ? 'person' : 'people'}; page ${page + 1} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))}. Unplaced people are listed first.` : 'Nobody matches: change or clear the filter.');
  $('people-prev').disabled = page === 0;
  $('people-next').disabled = (page + 1) * PAGE_SIZE >= total;
  $('people-list').replaceChildren(...items.map((p) => h('tr', { 'data-employee-id': p.id, 'data-unplaced': String(p.needsPlacement) },
    h('th', { scope: 'row' }, p.displayName || p.username, h('div', { class: 'item-meta' }, p.email || p.username || '')),
    h('td', {}, p.teamName || p.teamId || '–'),
    h('td', {}, p.trackId || '–'),
    h('td', {}, p.region || '–'),
    h('td', {}, !p.active ? 'Retired' : p.needsPlacement ? h('span', { class: 'badge risk' }, 'Unplaced') : 'Active'),
    h('td', {}, p.active
      ? h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'person-edit',
        'aria-label': `Edit ${p.displayName || p.username}`, onclick: () => openPerson(p.id).catch(report) }, 'Edit')
      : h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'person-history',
        'aria-label': `History of ${p.displayName || p.username}`, onclick: () => showAuditOf(p) }, 'History')))));
}

async function openPerson(id) {
  const { data, etag } = await apiResponse(`/api/profiles/people/${encodeURIComponent(id)}`, { cache: 'no-cache' });
  person = { data, etag };
  say('people-status', '');
  clearFieldErrors(PERSON_FIELDS, 'person-error', 'person-success');
  clearFieldErrors(PLACEMENT_FIELDS, 'placement-error', 'placement-success');
  $('person-name').textContent = data.displayName || data.username;
  $('person-display-name').value = data.displayName || '';
  $('person-email').value = data.email || '';
  $('person-job-title').value = data.jobTitle || '';
  fillTeamSelect($('person-team'), 'No team', data.teamId || '', data.teamId);
  fillTrackSelect($('person-track'), data.trackId);
  $('person-region').value = data.region || '';
  $('person-start-date').value = data.startDate || '';
  $('person-start-date').max = new Date().toISOString().slice(0, 10);
  $('placement-effective-on').max = $('person-start-date').max;
  $('placement-effective-on').value = $('person-start-date').max;
  askRetire(false, false);
  say('person-retire-error', '');
  $('person-retire-name').textContent = data.displayName || data.username;
  askErase(false, false);
  say('person-erase-error', '');
  $('person-erase-name').textContent = data.displayName || data.username;
  await Promise.all([fillLevels(data.trackId), loadRecent(data.id, $('person-audit')).catch((error) => {
    if (!unauthorized(error)) $('person-audit').replaceChildren(h('li', { class: 'muted' }, `Could not load: ${error.message}`));
  })]);
  $('person-card').hidden = false;
  $('person-title').focus();
}

async function fillLevels(trackId) {
  const select = $('placement-level');
  select.replaceChildren(h('option', { value: '' }, 'Choose a level…'));
  if (!trackId) return;
  try {
    const [levels, salaries] = await Promise.all([
      api(`/api/catalog/tracks/${encodeURIComponent(trackId)}/levels`),
      api(`/api/catalog/tracks/${encodeURIComponent(trackId)}/salaries`),
    ]);
    select.append(...levels.map((l) => h('option', { value: l.id }, l.name)));
    const regions = new Map((salaries ?? []).map((s) => [s.region, s.regionName]));
    $('region-options').replaceChildren(...[...regions].map(([id, name]) => h('option', { value: id }, name)));
  } catch (error) {
    if (!unauthorized(error)) say('placement-error', `The track's levels could not be loaded: ${error.message}`);
  }
}

function closePerson() {
  person = null;
  $('person-card').hidden = true;
  $('people-list').querySelector('button')?.focus();
}

async function savePerson(event) {
  event.preventDefault();
  if (!person) return;
  clearFieldErrors(PERSON_FIELDS, 'person-error', 'person-success');
  const body = {
    displayName: valueOrNull('person-display-name'), email: valueOrNull('person-email'), teamId: valueOrNull('person-team'),
    trackId: valueOrNull('person-track'), region: valueOrNull('person-region'), startDate: valueOrNull('person-start-date'),
    jobTitle: valueOrNull('person-job-title'),
  };
  await busy($('person-save'), async () => {
    try {
      const { data, etag } = await apiResponse(`/api/profiles/admin/people/${encodeURIComponent(person.data.id)}`, {
        method: 'PUT', body, headers: { 'If-Match': person.etag ?? `"${person.data.version}"` },
      });
      person = { data, etag };
      say('person-success', `Saved ${data.displayName}.`);
      $('person-name').textContent = data.displayName || data.username;
      $('person-retire-name').textContent = data.displayName || data.username;
      await fillLevels(data.trackId);
      await changed();
    } catch (error) {
      if (unauthorized(error)) return;
      if (error instanceof ApiError && error.status === 412) {
        say('person-error', 'Someone changed this person since you opened them. Close and open them again to see the current data.');
        return;
      }
      showProblem(error, PERSON_FIELDS, 'person-error', 'Could not save');
    }
  });
}

async function place(event) {
  event.preventDefault();
  if (!person) return;
  clearFieldErrors(PLACEMENT_FIELDS, 'placement-error', 'placement-success');
  const body = {
    trackId: person.data.trackId, levelId: valueOrNull('placement-level'),
    effectiveOn: valueOrNull('placement-effective-on'), reason: valueOrNull('placement-reason'),
  };
  let first = null;
  if (!body.levelId) first ??= fieldError('placement-level', 'Choose a level.');
  if (!body.effectiveOn) first ??= fieldError('placement-effective-on', 'Give the date it takes effect.');
  if (!body.reason) first ??= fieldError('placement-reason', 'A reason is required.');
  if (first) { first.focus(); return; }
  await busy($('placement-submit'), async () => {
    try {
      await api(`/api/profiles/admin/people/${encodeURIComponent(person.data.id)}/placements`, { method: 'POST', body });
      const level = $('placement-level').selectedOptions[0]?.textContent ?? body.levelId;
      say('placement-success', `Placed ${person.data.displayName} at ${level} from ${body.effectiveOn}.`);
      $('placement-reason').value = '';
      await changed();
    } catch (error) {
      if (!unauthorized(error)) showProblem(error, PLACEMENT_FIELDS, 'placement-error', 'Could not place');
    }
  });
}

/** Retiring is two steps: "Retire…" asks, "Yes, retire" does it; `focus` moves to the button that now matters. */
function askRetire(asking, focus = true) {
  $('person-retire-confirm').hidden = !asking;
  $('person-retire').setAttribute('aria-expanded', String(asking));
  if (asking) say('person-retire-error', '');
  if (focus) (asking ? $('person-retire-yes') : $('person-retire')).focus();
}

async function retire() {
  if (!person) return;
  const { data, etag } = person;
  const name = data.displayName || data.username;
  await busy($('person-retire-yes'), async () => {
    try {
      await apiResponse(`/api/profiles/admin/people/${encodeURIComponent(data.id)}/retire`, {
        method: 'POST', headers: { 'If-Match': etag ?? `"${data.version}"` },
      });
      person = null;
      $('person-card').hidden = true;
      say('people-status', `Retired ${name}. Their history stays; tick "Include retired" to list them.`);
      await changed();
      $('people-status').focus();
    } catch (error) {
      if (unauthorized(error)) return;
      askRetire(false, false);
      const why = !(error instanceof ApiError) ? error.message
        : error.status === 409 ? error.problem.detail || 'they lead a team: give it another manager or deputy first.'
          : error.status === 412 ? 'Someone changed this person since you opened them. Close and open them again, then retire them.'
            : error.problem.detail || error.message;
      say('person-retire-error', `Could not retire ${name}: ${why}`);
      $('person-retire').focus();
    }
  });
}

/** Erasing is two steps, as retiring: "Erase…" asks, "Yes, erase" does it. */
function askErase(asking, focus = true) {
  $('person-erase-confirm').hidden = !asking;
  $('person-erase').setAttribute('aria-expanded', String(asking));
  if (asking) say('person-erase-error', '');
  if (focus) (asking ? $('person-erase-yes') : $('person-erase')).focus();
}

async function erase() {
  if (!person) return;
  const { data } = person;
  const name = data.displayName || data.username;
  await busy($('person-erase-yes'), async () => {
    try {
      await api('/api/profiles/admin/erasures', { method: 'POST', body: { employeeId: data.id } });
      person = null;
      $('person-card').hidden = true;
      // the name is not repeated: after an erasure the portal should not keep showing it
      say('people-status', 'Erased. Every service removes what it held; the event topics follow within minutes.');
      await changed();
      $('people-status').focus();
    } catch (error) {
      if (unauthorized(error)) return;
      askErase(false, false);
      const why = error instanceof ApiError ? error.problem.detail || error.message : error.message;
      say('person-erase-error', `Could not erase ${name}: ${why}`);
      $('person-erase').focus();
    }
  });
}
