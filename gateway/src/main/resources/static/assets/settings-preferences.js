// "Notifications" on the Settings view: per kind the person receives, how it reaches them in the portal (on/off;
// critical kinds always on) and by e-mail (on, off, daily or weekly digest), beside its default; where e-mail goes;
// time zone, digest hour and day, quiet hours. GET/PUT /api/notifications/preferences; the PUT changes only the kinds
// whose choice was changed here, and a 422 lists every problem at once (nothing is saved then, and the form keeps
// what was typed).
import { api } from './api.js';
import { $, h } from './dom.js';
import { busy, say } from './forms.js';
import { clearProblems, modeLabel, showProblems, unauthorized } from './settings-common.js';

const PATH = '/api/notifications/preferences';
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Berlin', 'Europe/Paris',
  'Europe/Amsterdam', 'Europe/Madrid', 'Europe/Rome', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Stockholm',
  'Europe/Warsaw', 'Europe/Prague', 'Europe/Helsinki', 'Europe/Athens', 'Europe/Istanbul', 'Europe/Kyiv',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Toronto',
  'America/Sao_Paulo', 'America/Mexico_City', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai',
  'Asia/Tokyo', 'Asia/Seoul', 'Australia/Sydney', 'Pacific/Auckland', 'Africa/Johannesburg', 'Africa/Lagos'];
const FIXED_IDS = ['pref-time-zone', 'pref-digest-hour', 'pref-digest-day', 'pref-quiet-on', 'pref-quiet-from',
  'pref-quiet-until'];

let saved = null; // the PreferencesView last read or saved
let latest = 0; // the last load asked for: an earlier answer arriving later is dropped
let keepUtc = false; // the person chose UTC over the browser's zone: stop suggesting it

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
};

const controlId = (kind, channel) => `pref-${kind}-${channel === 'inApp' ? 'inapp' : 'email'}`;

/** The control of a field the service names: timeZone, digestHour, quietHours.from, kinds.CLAIM_PENDING.email … */
function inputOf(field) {
  const fixed = {
    timezone: 'pref-time-zone', digesthour: 'pref-digest-hour', digestday: 'pref-digest-day',
    quiethours: 'pref-quiet-on', 'quiethours.from': 'pref-quiet-from', 'quiethours.until': 'pref-quiet-until',
  }[field.toLowerCase()];
  if (fixed) return fixed;
  const kind = /^kinds\.([A-Z0-9_]+)(?:\.(inApp|email))?$/.exec(field);
  if (kind) return controlId(kind[1], kind[2] ?? 'email');
  return null;
}

const kindIds = () => (saved?.kinds ?? []).flatMap((k) => [controlId(k.kind, 'inApp'), controlId(k.kind, 'email')]);

export function initPreferences() {
  $('pref-digest-hour').replaceChildren(...Array.from({ length: 24 }, (_, hour) =>
    h('option', { value: String(hour) }, `${String(hour).padStart(2, '0')}:00`)));
  $('pref-digest-day').replaceChildren(...DAYS.map((day) =>
    h('option', { value: day }, `${day[0]}${day.slice(1).toLowerCase()}`)));
  let zones = COMMON_ZONES;
  try {
    if (typeof Intl.supportedValuesOf === 'function') zones = ['UTC', ...Intl.supportedValuesOf('timeZone')];
  } catch {
    // the common ones
  }
  $('pref-time-zones').replaceChildren(...[...new Set(zones)].map((zone) => h('option', { value: zone })));
  $('pref-quiet-on').addEventListener('change', quietChanged);
  $('preferences-form').addEventListener('submit', save);
}

/** Reads the preferences and shows them; the form is replaced only by a successful read. */
export async function loadPreferences() {
  const mine = ++latest;
  $('preferences-card').setAttribute('aria-busy', 'true');
  try {
    const data = await api(PATH, { cache: 'no-cache' });
    if (mine !== latest) return;
    saved = data;
    clearProblems([...FIXED_IDS, ...kindIds()], 'preferences-error', 'preferences-success');
    render(data);
    $('preferences-loading').hidden = true;
    $('preferences-form').hidden = false;
  } catch (error) {
    if (mine !== latest || unauthorized(error)) return;
    say('preferences-loading', `Your notification settings could not be loaded: ${error.message}`);
  } finally {
    if (mine === latest) $('preferences-card').setAttribute('aria-busy', 'false');
  }
}

/** Leaving the view: an answer still on its way is not shown. */
export function leavePreferences() {
  latest++;
}

function render(view) {
  $('preferences-email').replaceChildren(...(view.email
    ? ['E-mail goes to ', h('strong', {}, view.email), '.']
    : [h('strong', {}, 'No e-mail address known — ask HR'), ' to add yours. Until then nothing is e-mailed.']));
  $('preferences-email').dataset.email = view.email ?? '';
  $('preferences-kinds').replaceChildren(...(view.kinds ?? []).map(kindRow));
  if (!view.kinds?.length) {
    $('preferences-kinds').append(h('tr', {}, h('td', { colspan: 3, class: 'muted' }, 'You receive no notifications.')));
  }
  renderTimeZone(view.timeZone);
  $('pref-digest-hour').value = String(view.digestHour ?? 8);
  $('pref-digest-day').value = view.digestDay ?? 'MONDAY';
  const quiet = view.quietHours;
  $('pref-quiet-on').checked = Boolean(quiet);
  $('pref-quiet-from').value = quiet?.from ?? '22:00';
  $('pref-quiet-until').value = quiet?.until ?? '07:00';
  quietChanged();
}

function kindRow(k) {
  const rowTitle = `pref-${k.kind}-title`;
  return h('tr', { 'data-kind': k.kind, 'data-critical': String(Boolean(k.critical)) },
    h('th', { scope: 'row', id: rowTitle },
      h('span', {}, k.description || k.kind),
      k.critical ? h('span', { class: 'badge risk small-badge', title: 'Always shown in the portal; ignores quiet hours' }, 'critical') : null),
    h('td', {}, channelControl(k, 'inApp', 'In the portal')),
    h('td', {}, channelControl(k, 'email', 'By e-mail')));
}

function channelControl(k, channel, channelName) {
  const view = k[channel] ?? {};
  const id = controlId(k.kind, channel);
  const allowed = view.allowed?.length ? view.allowed : [view.mode ?? 'ON'];
  const fixed = allowed.length < 2;
  const note = channel === 'inApp' && k.critical ? 'always on: critical' : `default: ${modeLabel(view.default).toLowerCase()}`;
  const select = h('select', {
    id, 'data-testid': id, 'data-kind': k.kind, 'data-channel': channel, disabled: fixed,
    'aria-describedby': `${id}-default ${id}-error`,
  }, allowed.map((mode) => h('option', { value: mode }, modeLabel(mode))));
  select.value = view.mode ?? view.default ?? allowed[0];
  return h('div', { class: 'field compact-field' },
    h('label', { for: id, class: 'sr-only' }, `${channelName}: ${k.description || k.kind}`),
    select,
    h('span', { id: `${id}-default`, class: 'item-meta', 'data-testid': `${id}-default` }, note),
    h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true }));
}

/** The saved zone; while it is still the default UTC, the browser's zone is offered in its place (not yet saved). */
function renderTimeZone(zone) {
  const input = $('pref-time-zone');
  const hint = $('pref-time-zone-hint');
  const suggestion = browserZone();
  if (zone === 'UTC' && !keepUtc && suggestion && suggestion !== 'UTC') {
    input.value = suggestion;
    hint.replaceChildren(`Suggested from your browser; saved is UTC until you save. `,
      h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'pref-keep-utc',
        onclick: () => { keepUtc = true; input.value = 'UTC'; hint.hidden = true; input.focus(); } }, 'Keep UTC'));
    hint.hidden = false;
  } else {
    input.value = zone ?? 'UTC';
    hint.replaceChildren();
    hint.hidden = true;
  }
}

function quietChanged() {
  const on = $('pref-quiet-on').checked;
  $('pref-quiet-from').disabled = !on;
  $('pref-quiet-until').disabled = !on;
  $('pref-quiet-times').classList.toggle('muted', !on);
}

/** The body of the PUT: the settings as shown, and only the kinds' channels changed since they were read. */
function body() {
  const kinds = {};
  for (const k of saved?.kinds ?? []) {
    const change = {};
    for (const channel of ['inApp', 'email']) {
      const select = $(controlId(k.kind, channel));
      if (select && !select.disabled && select.value !== k[channel]?.mode) change[channel] = select.value;
    }
    if (Object.keys(change).length) kinds[k.kind] = change;
  }
  const hour = $('pref-digest-hour').value;
  return {
    timeZone: $('pref-time-zone').value.trim(),
    digestHour: hour === '' ? null : Number(hour),
    digestDay: $('pref-digest-day').value,
    quietHours: $('pref-quiet-on').checked
      ? { from: $('pref-quiet-from').value, until: $('pref-quiet-until').value } : null,
    kinds,
  };
}

async function save(event) {
  event.preventDefault();
  if (!saved) return;
  clearProblems([...FIXED_IDS, ...kindIds()], 'preferences-error', 'preferences-success');
  const request = body();
  await busy($('preferences-save'), async () => {
    try {
      const data = await api(PATH, { method: 'PUT', body: request });
      latest++; // a load still on its way is older than this
      saved = data;
      if (data.timeZone === 'UTC') keepUtc = true; // chosen: no more suggestions
      render(data);
      const changedKinds = Object.keys(request.kinds).length;
      say('preferences-success', `Saved${changedKinds ? ` (${changedKinds} notification${changedKinds === 1 ? '' : 's'} changed)` : ''}. `
        + `Digests: ${String(data.digestHour).padStart(2, '0')}:00 ${data.timeZone}`
        + `${data.quietHours ? `; quiet hours ${data.quietHours.from}–${data.quietHours.until}` : '; no quiet hours'}.`);
    } catch (error) {
      if (!unauthorized(error)) showProblems(error, inputOf, 'preferences-error', 'Nothing was saved');
    }
  });
}
