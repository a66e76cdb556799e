// "Teams" on the Organisation view: the list (retired ones on request), create, rename and set the manager and deputy
// (If-Match = the version last read), retire an empty team.
import { api, ApiError } from './api.js';
import { $, h } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem, valueOrNull } from './forms.js';
import { changed, FRESH, nameOf, org, unauthorized } from './organisation-state.js';

const TEAM_FIELDS = { id: 'team-form-id', name: 'team-form-name', managerid: 'team-form-manager', deputyid: 'team-form-deputy' };

let editingTeam = null; // TeamDetails being renamed, or null when creating

export function initTeams() {
  $('teams-retired').addEventListener('change', () => changed());
  $('team-form').addEventListener('submit', saveTeam);
  $('team-form-cancel').addEventListener('click', () => editTeam(null));
}

export async function loadTeams() {
  const data = await api(`/api/profiles/admin/teams?size=200&includeRetired=${$('teams-retired').checked}`, FRESH);
  org.teams = data?.items ?? [];
  $('teams-list').replaceChildren(...org.teams.map((t) => h('li', { class: 'item team-row', 'data-team-id': t.id, 'data-active': String(t.active) },
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
    ...org.everyone.filter((p) => p.active).map((p) => h('option', { value: p.id }, p.displayName || p.username || p.id)));
  select.value = value ?? '';
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
      await changed();
    } catch (error) {
      if (unauthorized(error)) return;
      if (error instanceof ApiError && error.status === 409) fieldError('team-form-id', error.problem.detail || 'That id is taken.').focus();
      else if (error instanceof ApiError && error.status === 412) {
        say('team-form-error', 'Someone changed this team meanwhile: the list was reloaded, edit it again.');
        editTeam(null);
        await changed();
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
      await changed();
    } catch (error) {
      if (unauthorized(error)) return;
      say('teams-status', error instanceof ApiError && error.status === 409
        ? `${team.name} still has active members: move them to another team first.`
        : `Could not retire ${team.name}: ${error.message}`);
    }
  });
}
