// "Organisation" for admins: people (filters, unplaced first), editing a person (If-Match), placing them at a level
// with a reason, and teams (create, rename, manager and deputy, retire). profile-service checks the role on every
// call; showing the view to admins only is a convenience.
import { api, apiResponse, ApiError } from './api.js';
import { $, h } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem, valueOrNull } from './forms.js';

const PAGE_SIZE = 50;
const PERSON_FIELDS = {
  displayname: 'person-display-name', email: 'person-email', jobtitle: 'person-job-title', teamid: 'person-team',
  trackid: 'person-track', region: 'person-region', startdate: 'person-start-date',
};
const PLACEMENT_FIELDS = {
  levelid: 'placement-level', effectiveon: 'placement-effective-on', reason: 'placement-reason', trackid: 'placement-level',
};
const TEAM_FIELDS = { id: 'team-form-id', name: 'team-form-name', managerid: 'team-form-manager', deputyid: 'team-form-deputy' };

let page = 0;
let teams = [];
let tracks = [];
let everyone = []; // active people, for manager and deputy choices
let person = null; // {data, etag} being edited
let editingTeam = null; // TeamDetails being renamed, or null when creating
let handlers = { onUnauthorized: () => {} };

const unauthorized = (error) => {
  if (error instanceof ApiError && error.status === 401) { handlers.onUnauthorized(); return true; }
  return false;
};

export function initOrganisation(options) {
  handlers = { ...handlers, ...options };
  $('people-filter').addEventListener('submit', (e) => { e.preventDefault(); page = 0; loadPeople().catch(report); });
  $('people-prev').addEventListener('click', () => { page = Math.max(0, page - 1); loadPeople().catch(report); });
  $('people-next').addEventListener('click', () => { page += 1; loadPeople().catch(report); });
  $('person-close').addEventListener('click', closePerson);
  $('person-form').addEventListener('submit', savePerson);
  $('placement-form').addEventListener('submit', place);
  $('teams-retired').addEventListener('change', () => loadTeams().catch(report));
  $('team-form').addEventListener('submit', saveTeam);
  $('team-form-cancel').addEventListener('click', () => editTeam(null));
}

function report(error) {
  if (!unauthorized(error)) say('people-summary', `Could not load: ${error.message}`);
}

export async function loadOrganisation() {
  const [trackList, everyonePage] = await Promise.all([
    api('/api/catalog/tracks'),
    api('/api/profiles/admin/people?size=200'),
  ]);
  tracks = trackList ?? [];
  everyone = everyonePage?.items ?? [];
  await loadTeams();
  await loadPeople();
}

const nameOf = (id) => everyone.find((p) => p.id === id)?.displayName ?? id;

async function loadTeams() {
  const data = await api(`/api/profiles/admin/teams?size=200&includeRetired=${$('teams-retired').checked}`);
  teams = data?.items ?? [];
  const teamFilter = $('people-team');
  const chosen = teamFilter.value;
  teamFilter.replaceChildren(h('option', { value: '' }, 'Any team'),
    ...teams.filter((t) => t.active).map((t) => h('option', { value: t.id }, t.name)));
  teamFilter.value = teams.some((t) => t.id === chosen) ? chosen : '';
  $('teams-list').replaceChildren(...teams.map((t) => h('li', { class: 'item team-row', 'data-team-id': t.id, 'data-active': String(t.active) },
    h('div', { class: 'claim-head' },
      h('div', { class: 'item-title' }, t.name, h('span', { class: 'item-meta' }, ` · ${t.id}`)),
      h('span', { class: 'item-meta' }, t.active ? `${t.activeMembers} member${t.activeMembers === 1 ? '' : 's'}` : 'Retired')),
    h('div', { class: 'item-meta' }, `Manager: ${t.managerId ? nameOf(t.managerId) : 'none'} · Deputy: ${t.deputyId ? nameOf(t.deputyId) : 'none'}`),
    t.active ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'team-edit', 'aria-label': `Edit team ${t.name}`,
        onclick: () => editTeam(t) }, 'Rename / leaders'),
      h('button', { type: 'button', class: 'button secondary small danger', 'data-testid': 'team-retire', 'aria-label': `Retire team ${t.name}`,
        onclick: (e) => retireTeam(t, e.currentTarget) }, 'Retire')) : null)));
  fillPeopleSelect($('team-form-manager'), editingTeam?.managerId);
  fillPeopleSelect($('team-form-deputy'), editingTeam?.deputyId);
}

function fillPeopleSelect(select, value) {
  select.replaceChildren(h('option', { value: '' }, 'Nobody'),
    ...everyone.filter((p) => p.active).map((p) => h('option', { value: p.id }, p.displayName || p.username || p.id)));
  select.value = value ?? '';
}

async function loadPeople() {
  const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  const q = $('people-q').value.trim();
  if (q) params.set('q', q);
  if ($('people-team').value) params.set('teamId', $('people-team').value);
  if ($('people-unplaced').checked) params.set('unplaced', 'true');
  if ($('people-retired').checked) params.set('includeRetired', 'true');
  const data = await api(`/api/profiles/admin/people?${params}`);
  const items = [...(data?.items ?? [])].sort((a, b) => Number(b.needsPlacement) - Number(a.needsPlacement));
  const total = data?.total ?? items.length;
  say('people-summary', total ? `${total} ${total === 1 ? 'person' : 'people'}; page ${page + 1} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))}. Unplaced people are listed first.` : 'Nobody matches.');
  $('people-prev').disabled = page === 0;
  $('people-next').disabled = (page + 1) * PAGE_SIZE >= total;
  $('people-list').replaceChildren(...items.map((p) => h('tr', { 'data-employee-id': p.id, 'data-unplaced': String(p.needsPlacement) },
    h('th', { scope: 'row' }, p.displayName || p.username, h('div', { class: 'item-meta' }, p.email || p.username || '')),
    h('td', {}, p.teamName || p.teamId || '–'),
    h('td', {}, p.trackId || '–'),
    h('td', {}, p.region || '–'),
    h('td', {}, !p.active ? 'Retired' : p.needsPlacement ? h('span', { class: 'badge risk' }, 'Unplaced') : 'Active'),
    h('td', {}, p.active ? h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'person-edit',
      'aria-label': `Edit ${p.displayName || p.username}`, onclick: () => openPerson(p.id).catch(report) }, 'Edit') : null))));
}

async function openPerson(id) {
  const { data, etag } = await apiResponse(`/api/profiles/people/${encodeURIComponent(id)}`, { cache: 'no-cache' });
  person = { data, etag };
  clearFieldErrors(PERSON_FIELDS, 'person-error', 'person-success');
  clearFieldErrors(PLACEMENT_FIELDS, 'placement-error', 'placement-success');
  $('person-name').textContent = data.displayName || data.username;
  $('person-display-name').value = data.displayName || '';
  $('person-email').value = data.email || '';
  $('person-job-title').value = data.jobTitle || '';
  $('person-team').replaceChildren(h('option', { value: '' }, 'No team'),
    ...teams.filter((t) => t.active || t.id === data.teamId).map((t) => h('option', { value: t.id }, t.name)));
  $('person-team').value = data.teamId || '';
  $('person-track').replaceChildren(...tracks.map((t) => h('option', { value: t.id }, t.name)));
  if (data.trackId && !tracks.some((t) => t.id === data.trackId)) $('person-track').append(h('option', { value: data.trackId }, data.trackId));
  $('person-track').value = data.trackId || '';
  $('person-region').value = data.region || '';
  $('person-start-date').value = data.startDate || '';
  $('person-start-date').max = new Date().toISOString().slice(0, 10);
  $('placement-effective-on').max = $('person-start-date').max;
  $('placement-effective-on').value = $('person-start-date').max;
  await fillLevels(data.trackId);
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
      await fillLevels(data.trackId);
      await loadPeople();
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
      await loadPeople();
    } catch (error) {
      if (!unauthorized(error)) showProblem(error, PLACEMENT_FIELDS, 'placement-error', 'Could not place');
    }
  });
}

function editTeam(team) {
  editingTeam = team;
  clearFieldErrors(TEAM_FIELDS, 'team-form-error');
  $('team-form-title').textContent = team ? `Rename ${team.name} or change its leaders` : 'New team';
  $('team-form-id').value = team?.id ?? '';
  $('team-form-id').disabled = Boolean(team);
  $('team-form-name').value = team?.name ?? '';
  fillPeopleSelect($('team-form-manager'), team?.managerId);
  fillPeopleSelect($('team-form-deputy'), team?.deputyId);
  $('team-form-submit').textContent = team ? 'Save team' : 'Create team';
  $('team-form-cancel').hidden = !team;
  (team ? $('team-form-name') : $('team-form-id')).focus();
}

async function saveTeam(event) {
  event.preventDefault();
  clearFieldErrors(TEAM_FIELDS, 'team-form-error');
  const body = {
    name: valueOrNull('team-form-name'), managerId: valueOrNull('team-form-manager'), deputyId: valueOrNull('team-form-deputy'),
  };
  await busy($('team-form-submit'), async () => {
    try {
      if (editingTeam) {
        await api(`/api/profiles/admin/teams/${encodeURIComponent(editingTeam.id)}`, {
          method: 'PUT', body, headers: { 'If-Match': `"${editingTeam.version}"` },
        });
        say('teams-status', `Saved team ${body.name}.`);
      } else {
        await api('/api/profiles/admin/teams', { method: 'POST', body: { id: valueOrNull('team-form-id'), ...body } });
        say('teams-status', `Created team ${body.name}.`);
      }
      editTeam(null);
      await loadTeams();
    } catch (error) {
      if (unauthorized(error)) return;
      if (error instanceof ApiError && error.status === 409) fieldError('team-form-id', error.problem.detail || 'That id is taken.').focus();
      else if (error instanceof ApiError && error.status === 412) {
        say('team-form-error', 'Someone changed this team meanwhile: the list was reloaded, edit it again.');
        editTeam(null);
        await loadTeams();
      } else showProblem(error, TEAM_FIELDS, 'team-form-error', 'Could not save the team');
    }
  });
}

async function retireTeam(team, button) {
  if (!window.confirm(`Retire team ${team.name}? It keeps its history and takes no new members.`)) return;
  await busy(button, async () => {
    try {
      await api(`/api/profiles/admin/teams/${encodeURIComponent(team.id)}/retire`, {
        method: 'POST', headers: { 'If-Match': `"${team.version}"` },
      });
      say('teams-status', `Retired team ${team.name}.`);
      await loadTeams();
    } catch (error) {
      if (unauthorized(error)) return;
      say('teams-status', error instanceof ApiError && error.status === 409
        ? `${team.name} still has active members: move them to another team first.`
        : `Could not retire ${team.name}: ${error.message}`);
    }
  });
}
