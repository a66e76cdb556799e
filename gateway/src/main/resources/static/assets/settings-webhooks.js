// "Team chat (webhooks)" on the Settings view, for managers (the teams they manage or deputise for) and admins (any
// team, or the whole organisation): the endpoints, newest first and paged; adding one; editing its URL, format, kinds,
// description and whether it is enabled; rotating its signing secret; deleting it (asked first); its delivery log
// (settings-deliveries.js). A secret is in the answer to adding an endpoint or rotating its secret only: it is shown
// here once, with a copy button, and forgotten when the box is closed or the view is left.
// notification-service decides who may do what (403 / 404); showing the card to managers and admins is a convenience.
import { api, ApiError } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { busy, fieldError, say } from './forms.js';
import { closeDeliveries, initDeliveries, openDeliveries } from './settings-deliveries.js';
import {
  clearProblems, FORMAT_LABELS, kindLabel, ORGANISATION_KINDS, showProblems, TEAM_KINDS, unauthorized,
} from './settings-common.js';

const PATH = '/api/notifications/webhooks';
const PAGE_SIZE = 20;
const ORGANISATION = ''; // the team select's value for an organisation-wide endpoint (teamId null)
const FORM_IDS = ['webhook-team', 'webhook-url', 'webhook-format', 'webhook-kinds', 'webhook-description', 'webhook-enabled'];

let admin = false;
let teams = new Map(); // team id -> name: the teams this person may add endpoints for (admins: all)
let page = 0;
let editing = null; // the WebhookView being edited, or null when adding
let latest = 0;

/** The control of a field the service names: url, format, kinds, kinds[2], teamId, description, enabled. */
function inputOf(field) {
  const name = field.replace(/\[\d+\]$/, '').toLowerCase();
  return {
    url: 'webhook-url', format: 'webhook-format', kinds: 'webhook-kinds', teamid: 'webhook-team',
    description: 'webhook-description', enabled: 'webhook-enabled',
  }[name] ?? null;
}

const teamName = (teamId) => (teamId == null ? 'Whole organisation' : teams.get(teamId) ?? teamId);
const endpointName = (w) => w.description || `${teamName(w.teamId)} (${FORMAT_LABELS[w.format] ?? w.format})`;

export function initWebhooks(options) {
  admin = Boolean(options.admin);
  $('webhooks-card').hidden = false;
  $('webhook-form').addEventListener('submit', submit);
  $('webhook-cancel').addEventListener('click', () => edit(null));
  $('webhook-team').addEventListener('change', () => renderKinds(kindsChecked()));
  $('webhooks-prev').addEventListener('click', () => { page = Math.max(0, page - 1); loadList().catch(report); });
  $('webhooks-next').addEventListener('click', () => { page += 1; loadList().catch(report); });
  $('webhook-secret-copy').addEventListener('click', copySecret);
  $('webhook-secret-done').addEventListener('click', () => { hideSecret(); $('webhooks-title').focus(); });
  initDeliveries({ nameOf: endpointName });
}

function report(error) {
  if (!unauthorized(error)) say('webhooks-error', `The endpoints could not be loaded: ${error.message}`);
}

/** Each time the view is shown: the teams to choose from, then the endpoints. */
export async function loadWebhooks() {
  const card = $('webhooks-card');
  card.setAttribute('aria-busy', 'true');
  if (!$('webhooks-summary').textContent) $('webhooks-summary').textContent = 'Loading the endpoints…';
  try {
    await loadTeams();
    if (!editing) edit(null, false);
    await loadList();
  } catch (error) {
    $('webhooks-summary').textContent = '';
    report(error);
  } finally {
    card.setAttribute('aria-busy', 'false');
  }
}

/** Leaving the view: a secret on screen is forgotten, the delivery log closed. */
export function leaveWebhooks() {
  latest++;
  hideSecret();
  closeDeliveries(false);
}

async function loadTeams() {
  let list;
  if (admin) {
    list = (await api('/api/profiles/admin/teams?size=200', { cache: 'no-cache' }))?.items?.filter((t) => t.active !== false) ?? [];
  } else {
    try {
      list = (await api('/api/profiles/teams/mine?size=200'))?.items ?? [];
    } catch (error) {
      if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) throw error;
      list = [];
    }
  }
  teams = new Map((list ?? []).map((t) => [t.id, t.name || t.id]));
  fillTeams();
}

/** The teams to choose from (admins: and the organisation), keeping the choice; `extra` adds an endpoint's own team. */
function fillTeams(extra) {
  const select = $('webhook-team');
  const chosen = select.value;
  select.replaceChildren(...[...teams].map(([id, name]) => h('option', { value: id }, name)),
    admin ? h('option', { value: ORGANISATION }, 'Whole organisation (admin news)') : null);
  if (extra !== undefined && ![...select.options].some((o) => o.value === extra)) {
    select.append(h('option', { value: extra }, extra === ORGANISATION ? 'Whole organisation' : teamName(extra)));
  }
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

async function loadList() {
  const mine = ++latest;
  const data = await api(`${PATH}?page=${page}&size=${PAGE_SIZE}`, { cache: 'no-cache' });
  if (mine !== latest) return;
  const items = data?.items ?? [];
  const total = data?.total ?? items.length;
  if (!items.length && page > 0) { // the last one of a page was deleted
    page -= 1;
    await loadList();
    return;
  }
  say('webhooks-error', '');
  $('webhooks-summary').textContent = total
    ? `${total} endpoint${total === 1 ? '' : 's'}${total > PAGE_SIZE ? `; page ${page + 1} of ${Math.ceil(total / PAGE_SIZE)}` : ''}.`
    : 'No endpoints yet: add one below to post your team\'s news to its chat.';
  $('webhooks-prev').hidden = page === 0;
  $('webhooks-next').hidden = (page + 1) * PAGE_SIZE >= total;
  $('webhooks-list').replaceChildren(...items.map(endpointItem));
}

function endpointItem(w) {
  const name = endpointName(w);
  const confirmId = `webhook-${w.id}-confirm`;
  const questionId = `webhook-${w.id}-question`;
  const askDelete = h('button', {
    type: 'button', class: 'button secondary small danger', 'data-testid': 'webhook-delete',
    'aria-expanded': 'false', 'aria-controls': confirmId, 'aria-label': `Delete endpoint ${name}…`,
  }, 'Delete…');
  const yes = h('button', { type: 'button', class: 'button primary small danger', 'data-testid': 'webhook-delete-yes',
    'aria-describedby': questionId }, 'Yes, delete');
  const no = h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'webhook-delete-no' }, 'Keep it');
  const confirm = h('div', { id: confirmId, class: 'confirm', 'data-testid': 'webhook-delete-confirm', hidden: true },
    h('p', { id: questionId }, 'Delete the endpoint ', h('strong', {}, name),
      '? Nothing more is posted to it, not even what is still queued. This cannot be undone.'),
    h('div', { class: 'actions' }, yes, no));
  const ask = (asking) => {
    confirm.hidden = !asking;
    askDelete.setAttribute('aria-expanded', String(asking));
    (asking ? yes : askDelete).focus();
  };
  askDelete.addEventListener('click', () => ask(true));
  no.addEventListener('click', () => ask(false));
  confirm.addEventListener('keydown', (e) => { if (e.key === 'Escape') ask(false); });
  yes.addEventListener('click', () => remove(w, yes));

  return h('li', {
    class: 'item webhook', 'data-id': w.id, 'data-team-id': w.teamId ?? '', 'data-enabled': String(Boolean(w.enabled)),
    'data-format': w.format,
  },
  h('div', { class: 'claim-head' },
    h('div', { class: 'item-title' }, teamName(w.teamId),
      h('span', { class: 'item-meta' }, ` · ${FORMAT_LABELS[w.format] ?? w.format}${w.description ? ` · ${w.description}` : ''}`)),
    h('span', { class: `claim-state ${w.enabled ? 'verified' : 'rejected'}`, 'data-testid': 'webhook-state' },
      w.enabled ? 'Enabled' : 'Disabled')),
  h('div', { class: 'item-meta webhook-url', 'data-testid': 'webhook-url-shown' }, w.url),
  h('div', { class: 'item-meta' }, `Posts: ${(w.kinds ?? []).map(kindLabel).join('; ') || 'nothing'}`),
  !w.enabled ? h('p', { class: 'claim-reason', 'data-testid': 'webhook-disabled-reason' },
    `Disabled${w.disabledAt ? ` ${formatDateTime(w.disabledAt)}` : ''}: ${w.disabledReason || 'no reason given'}`) : null,
  w.failingSince ? h('p', { class: 'webhook-failing', 'data-testid': 'webhook-failing' },
    `Failing since ${formatDateTime(w.failingSince)}: see the delivery log. It is disabled after 5 days of failures.`) : null,
  w.previousSecretValidUntil ? h('div', { class: 'item-meta' },
    `The previous secret also signs until ${formatDateTime(w.previousSecretValidUntil)}.`) : null,
  h('div', { class: 'actions webhook-actions' },
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'webhook-edit',
      'aria-label': `Edit endpoint ${name}`, onclick: () => edit(w) }, 'Edit'),
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'webhook-toggle',
      'aria-label': `${w.enabled ? 'Disable' : 'Enable'} endpoint ${name}`,
      onclick: (e) => setEnabled(w, !w.enabled, e.currentTarget) }, w.enabled ? 'Disable' : 'Enable'),
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'webhook-rotate',
      'aria-label': `New signing secret for endpoint ${name}`, onclick: (e) => rotate(w, e.currentTarget) }, 'Rotate secret'),
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'webhook-deliveries',
      'aria-label': `Delivery log of endpoint ${name}`, onclick: () => openDeliveries(w) }, 'Delivery log'),
    askDelete),
  confirm);
}

// ---- the form: add or edit ----------------------------------------------------------------------

const organisationChosen = () => (editing ? editing.teamId == null : $('webhook-team').value === ORGANISATION);

const kindsChecked = () => [...document.querySelectorAll('#webhook-kinds-options input:checked')].map((i) => i.value);

/** The kinds the chosen team (or the organisation) can take, with `checked` ticked. */
function renderKinds(checked) {
  const kinds = organisationChosen() ? ORGANISATION_KINDS : TEAM_KINDS;
  const any = kinds.some((k) => checked.includes(k.kind));
  $('webhook-kinds-options').replaceChildren(...kinds.map(({ kind, label }) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `webhook-kind-${kind}`, value: kind, 'data-testid': `webhook-kind-${kind}`,
      checked: any ? checked.includes(kind) : true }),
    h('label', { for: `webhook-kind-${kind}` }, label))));
}

/** Opens the form for `endpoint` (null: a new one); `focus` moves the keyboard focus to it. */
function edit(endpoint, focus = true) {
  editing = endpoint;
  clearProblems(FORM_IDS, 'webhook-form-error');
  const select = $('webhook-team');
  fillTeams(endpoint ? endpoint.teamId ?? ORGANISATION : undefined);
  if (endpoint) select.value = endpoint.teamId ?? ORGANISATION;
  select.disabled = Boolean(endpoint);
  $('webhook-team-hint').hidden = !endpoint;
  $('webhook-url').value = endpoint?.url ?? '';
  $('webhook-format').value = endpoint?.format ?? 'SLACK';
  $('webhook-description').value = endpoint?.description ?? '';
  $('webhook-enabled').checked = endpoint ? Boolean(endpoint.enabled) : true;
  $('webhook-enabled-box').hidden = !endpoint;
  renderKinds(endpoint?.kinds ?? []);
  $('webhook-form-title').textContent = endpoint ? `Edit endpoint ${endpointName(endpoint)}` : 'Add endpoint';
  $('webhook-submit').textContent = endpoint ? 'Save endpoint' : 'Add endpoint';
  $('webhook-cancel').hidden = !endpoint;
  const none = !endpoint && select.options.length === 0;
  $('webhook-submit').disabled = none;
  say('webhook-form-error', none ? 'You manage no team yet: endpoints are added for a team you manage.' : '');
  if (focus) {
    $('webhook-form').scrollIntoView({ block: 'start' });
    (endpoint ? $('webhook-url') : $('webhook-form-title')).focus();
  }
}

async function submit(event) {
  event.preventDefault();
  clearProblems(FORM_IDS, 'webhook-form-error');
  const kinds = kindsChecked();
  const url = $('webhook-url').value.trim();
  let first = null;
  if (!url) first ??= fieldError('webhook-url', 'Give the address the chat gave you.');
  if (!kinds.length) first ??= fieldError('webhook-kinds', 'Choose at least one kind of news to post.');
  if (first) {
    say('webhook-form-error', 'Nothing was saved: see the marked fields.');
    first.focus();
    return;
  }
  const fields = { url, format: $('webhook-format').value, kinds, description: $('webhook-description').value.trim() };
  const target = editing;
  await busy($('webhook-submit'), async () => {
    try {
      if (target) {
        const data = await api(`${PATH}/${encodeURIComponent(target.id)}`, {
          method: 'PATCH', body: { ...fields, enabled: $('webhook-enabled').checked },
        });
        edit(null, false);
        status(`Saved the endpoint ${endpointName(data)}${data.enabled ? '' : ' (disabled)'}.`);
      } else {
        const teamId = $('webhook-team').value === ORGANISATION ? null : $('webhook-team').value;
        const data = await api(PATH, { method: 'POST', body: { ...fields, teamId, description: fields.description || null } });
        edit(null, false);
        showSecret(data, false);
      }
      await loadList();
    } catch (error) {
      if (unauthorized(error)) return;
      if (error instanceof ApiError && error.status === 403) {
        fieldError('webhook-team', error.problem.detail || 'You cannot add endpoints for this team.').focus();
        say('webhook-form-error', 'Nothing was saved.');
      } else if (error instanceof ApiError && error.status === 404) {
        edit(null, false);
        say('webhook-form-error', 'That endpoint no longer exists: the list was reloaded.');
        await loadList().catch(report);
      } else {
        showProblems(error, inputOf, 'webhook-form-error', 'Nothing was saved');
      }
    }
  });
}

// ---- actions on one endpoint --------------------------------------------------------------------

function status(text, focus = false) {
  say('webhooks-error', '');
  say('webhooks-status', text);
  if (focus) $('webhooks-status').focus();
}

function failed(what, error) {
  if (unauthorized(error)) return;
  say('webhooks-status', '');
  say('webhooks-error', error instanceof ApiError && error.status === 404
    ? `${what}: the endpoint no longer exists.` : `${what}: ${error instanceof ApiError ? error.problem.detail || error.message : error.message}`);
  loadList().catch(report);
}

async function setEnabled(w, enabled, button) {
  await busy(button, async () => {
    try {
      const data = await api(`${PATH}/${encodeURIComponent(w.id)}`, { method: 'PATCH', body: { enabled } });
      status(enabled ? `Enabled the endpoint ${endpointName(data)}; its past failures are forgotten.`
        : `Disabled the endpoint ${endpointName(data)}: nothing is posted to it until it is enabled again.`);
      if (editing?.id === w.id) edit(null, false);
      await loadList();
      $('webhooks-list').querySelector(`li[data-id="${w.id}"] [data-testid="webhook-toggle"]`)?.focus();
    } catch (error) {
      failed(`Could not ${enabled ? 'enable' : 'disable'} ${endpointName(w)}`, error);
    }
  });
}

async function rotate(w, button) {
  await busy(button, async () => {
    try {
      showSecret(await api(`${PATH}/${encodeURIComponent(w.id)}/secret/rotate`, { method: 'POST' }), true);
      await loadList();
    } catch (error) {
      failed(`Could not rotate the secret of ${endpointName(w)}`, error);
    }
  });
}

async function remove(w, button) {
  await busy(button, async () => {
    try {
      await api(`${PATH}/${encodeURIComponent(w.id)}`, { method: 'DELETE' });
      if (editing?.id === w.id) edit(null, false);
      closeDeliveries(false, w.id);
      status(`Deleted the endpoint ${endpointName(w)}.`, true);
      await loadList();
    } catch (error) {
      failed(`Could not delete ${endpointName(w)}`, error);
    }
  });
}

// ---- the secret, shown once ---------------------------------------------------------------------

function showSecret(w, rotated) {
  say('webhooks-status', '');
  $('webhook-secret').dataset.endpointId = w.id;
  $('webhook-secret-value').value = w.secret ?? '';
  $('webhook-secret-copied').textContent = '';
  $('webhook-secret-note').replaceChildren(...(rotated
    ? ['A new signing secret for ', h('strong', {}, endpointName(w)), '. ', h('strong', {}, 'Store it now'),
      ' in the receiving service: it is not shown again. The old secret keeps working beside it for 24 hours',
      w.previousSecretValidUntil ? ` (until ${formatDateTime(w.previousSecretValidUntil)})` : '',
      ', so nothing is lost while you switch.']
    : ['Added the endpoint ', h('strong', {}, endpointName(w)), '. This is its signing secret: ',
      h('strong', {}, 'store it now'), ' in the receiving service to check our signatures. It is not shown again ',
      '(you can rotate it to get a new one).']));
  $('webhook-secret').hidden = false;
  $('webhook-secret').scrollIntoView({ block: 'center' });
  $('webhook-secret-title').focus();
}

function hideSecret() {
  $('webhook-secret-value').value = '';
  $('webhook-secret-copied').textContent = '';
  delete $('webhook-secret').dataset.endpointId;
  $('webhook-secret').hidden = true;
}

async function copySecret() {
  const input = $('webhook-secret-value');
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    }
  } catch {
    // fall back to selecting it
  }
  if (!copied) {
    input.focus();
    input.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  $('webhook-secret-copied').textContent = copied ? 'Copied to the clipboard.'
    : 'The secret is selected: copy it with Ctrl+C (⌘C on a Mac).';
}
