// "Audit trail" on the Organisation view: every change to people and teams (who, what, when, about whom, and which
// attributes changed), newest first, paged, by team or by person; and a person's recent entries in their editor.
import { api } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { say } from './forms.js';
import { fillTeamSelect, FRESH, org } from './organisation-state.js';

const PAGE_SIZE = 25;
const ACTIONS = {
  'employee.provisioned': 'Person added', 'employee.registered': 'Registered on first sign-in',
  'employee.linked': 'Account linked on first sign-in', 'employee.updated': 'Person changed',
  'employee.track-moved': 'Moved to another track', 'employee.retired': 'Person retired',
  'placement.recorded': 'Placed at a level', 'team.created': 'Team created', 'team.updated': 'Team changed',
  'team.retired': 'Team retired',
};
// bookkeeping, not something an admin changed
const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'activeMembers']);
// what a creation's summary leaves out: ids and flags nobody typed
const NOT_TYPED = new Set([...IGNORED, 'id', 'subject', 'employeeId', 'managerId', 'deputyManagerId', 'needsPlacement', 'active']);

let page = 0;
let person = null; // {id, name}: only this person's entries, or null for everyone
let latest = 0; // the last load asked for: an earlier answer arriving later is dropped

export function initAudit() {
  $('audit-filter').addEventListener('submit', (e) => { e.preventDefault(); page = 0; reload(); });
  $('audit-prev').addEventListener('click', () => { page = Math.max(0, page - 1); reload(); });
  $('audit-next').addEventListener('click', () => { page += 1; reload(); });
  $('audit-person-clear').addEventListener('click', () => { setPerson(null); page = 0; reload(); $('audit-team').focus(); });
}

function reload() {
  loadAudit().catch((error) => say('audit-summary', `The audit trail could not be loaded: ${error.message}`));
}

/** The teams changed: the filter offers them (retired ones too: their history stays). */
export function fillAuditTeams() {
  const select = $('audit-team');
  const chosen = select.value;
  fillTeamSelect(select, 'Any team', chosen);
  for (const t of org.teams.filter((x) => !x.active)) select.append(h('option', { value: t.id }, `${t.name} (retired)`));
  select.value = chosen && [...select.options].some((o) => o.value === chosen) ? chosen : '';
}

export async function loadAudit() {
  const params = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
  if (person) params.set('employeeId', person.id);
  if ($('audit-team').value) params.set('teamId', $('audit-team').value);
  const mine = ++latest;
  const data = await api(`/api/profiles/admin/audit?${params}`, FRESH);
  if (mine !== latest) return;
  const items = data?.items ?? [];
  const total = data?.total ?? items.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  say('audit-summary', total
    ? `${total} ${total === 1 ? 'change' : 'changes'}${person ? ` about ${person.name}` : ''}, newest first; page ${page + 1} of ${pages}.`
    : 'No changes recorded for this filter.');
  $('audit-prev').disabled = page === 0;
  $('audit-next').disabled = (page + 1) * PAGE_SIZE >= total;
  $('audit-list').replaceChildren(...items.map((e) => h('tr', { 'data-action': e.action, 'data-actor': actorOf(e), 'data-entry-id': e.id },
    h('td', {}, h('time', { datetime: e.at }, formatDateTime(e.at))),
    h('td', {}, actorOf(e)),
    h('th', { scope: 'row' }, ACTIONS[e.action] ?? e.action, h('div', { class: 'item-meta' }, e.action)),
    h('td', {}, targetOf(e)),
    h('td', {}, changeList(e)))));
}

/** Shows the trail of one person ({id, displayName, username}) and brings it into view. */
export function showAuditOf(who) {
  setPerson({ id: who.id, name: who.displayName || who.username || who.id });
  page = 0;
  reload();
  $('audit-card').scrollIntoView({ block: 'start' });
  $('audit-title').focus();
}

function setPerson(who) {
  person = who;
  $('audit-person-name').textContent = who?.name ?? '';
  $('audit-person-filter').hidden = !who;
}

/** A person's latest entries (the editor's "Recent changes"); the list element gets them. */
export async function loadRecent(employeeId, list) {
  const data = await api(`/api/profiles/admin/audit?employeeId=${encodeURIComponent(employeeId)}&size=5`, FRESH);
  const items = data?.items ?? [];
  list.replaceChildren(...(items.length ? items.map((e) => h('li', { class: 'item', 'data-action': e.action },
    h('div', { class: 'item-title' }, `${ACTIONS[e.action] ?? e.action} by ${actorOf(e)}`),
    h('div', { class: 'item-meta' }, formatDateTime(e.at)),
    changeList(e))) : [h('li', { class: 'muted' }, 'No changes recorded.')]));
}

const actorOf = (e) => e.actorUsername || (e.actorId ? nameOf(e.actorId) : 'system');

const nameOf = (id) => org.everyone.find((p) => p.id === id)?.displayName ?? id;

function targetOf(e) {
  const state = e.after ?? e.before ?? {};
  if (e.employeeId) {
    const name = state.displayName ?? nameOf(e.employeeId);
    return h('span', {}, name, state.username ? h('div', { class: 'item-meta' }, state.username) : null);
  }
  if (e.teamId) return h('span', {}, `Team ${state.name ?? e.teamId}`, h('div', { class: 'item-meta' }, e.teamId));
  return '–';
}

/** "field: before → after" for what changed; what a creation set is summarised instead. */
function changeList(e) {
  if (!e.before || !e.after || typeof e.before !== 'object' || typeof e.after !== 'object') {
    const state = e.after ?? e.before;
    if (!state || typeof state !== 'object') return h('span', { class: 'item-meta' }, '–');
    const set = Object.entries(state).filter(([k, v]) => !NOT_TYPED.has(k) && v !== null && v !== '' && typeof v !== 'object');
    return h('ul', { class: 'change-list' }, set.slice(0, 6).map(([k, v]) => h('li', {}, h('code', {}, k), `: ${v}`)),
      set.length > 6 ? h('li', { class: 'item-meta' }, `… ${set.length - 6} more`) : null);
  }
  const keys = [...new Set([...Object.keys(e.before), ...Object.keys(e.after)])]
    .filter((k) => !IGNORED.has(k) && JSON.stringify(e.before[k] ?? null) !== JSON.stringify(e.after[k] ?? null));
  if (!keys.length) return h('span', { class: 'item-meta' }, 'no visible change');
  return h('ul', { class: 'change-list' }, keys.map((k) => h('li', {}, h('code', {}, k), ': ',
    h('span', { class: 'before' }, show(e.before[k])), ' → ', h('span', { class: 'after' }, show(e.after[k])))));
}

const show = (value) => (value === null || value === undefined || value === '' ? '(none)'
  : typeof value === 'object' ? JSON.stringify(value) : String(value));
