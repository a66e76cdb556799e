// The delivery log of one webhook endpoint on the Settings view (GET /api/notifications/webhooks/{id}/deliveries):
// each request, newest first and paged, with its status, what it carried, every attempt (outcome, HTTP status,
// error) and when it is tried next.
import { api } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { say } from './forms.js';
import { unauthorized } from './settings-common.js';

const PAGE_SIZE = 20;
const STATUS = {
  OPEN: 'Collecting', SENDING: 'Sending', RETRY: 'Waiting to retry', SENT: 'Sent', FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};
const OUTCOME = { DELIVERED: 'delivered', RETRY: 'failed, will retry', GONE: 'gone (410): endpoint disabled', FAILED: 'failed' };

let endpoint = null; // the WebhookView whose log is shown
let page = 0;
let latest = 0;
let nameOf = (w) => w.id;

export function initDeliveries(options) {
  nameOf = options.nameOf ?? nameOf;
  $('deliveries-close').addEventListener('click', () => closeDeliveries(true));
  $('deliveries-refresh').addEventListener('click', () => load());
  $('deliveries-prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  $('deliveries-next').addEventListener('click', () => { page += 1; load(); });
}

export async function openDeliveries(w) {
  endpoint = w;
  page = 0;
  $('deliveries-endpoint').textContent = nameOf(w);
  $('deliveries-card').dataset.endpointId = w.id;
  $('deliveries-list').replaceChildren();
  say('deliveries-summary', 'Loading…');
  $('deliveries-card').hidden = false;
  $('deliveries-card').scrollIntoView({ block: 'start' });
  $('deliveries-title').focus();
  await load();
}

/** Closes the log (only if it shows `onlyId`, when given); `focus` returns to the endpoint's button. */
export function closeDeliveries(focus, onlyId = null) {
  if (onlyId && endpoint?.id !== onlyId) return;
  const id = endpoint?.id;
  latest++;
  endpoint = null;
  $('deliveries-card').hidden = true;
  delete $('deliveries-card').dataset.endpointId;
  if (focus && id) {
    ($('webhooks-list').querySelector(`li[data-id="${id}"] [data-testid="webhook-deliveries"]`) ?? $('webhooks-title')).focus();
  }
}

async function load() {
  if (!endpoint) return;
  const mine = ++latest;
  try {
    const data = await api(`/api/notifications/webhooks/${encodeURIComponent(endpoint.id)}/deliveries?page=${page}&size=${PAGE_SIZE}`,
      { cache: 'no-cache' });
    if (mine !== latest) return;
    const items = data?.items ?? [];
    const total = data?.total ?? items.length;
    say('deliveries-summary', total
      ? `${total} request${total === 1 ? '' : 's'}; page ${page + 1} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))}.`
      : 'Nothing was sent to this endpoint yet.');
    $('deliveries-prev').disabled = page === 0;
    $('deliveries-next').disabled = (page + 1) * PAGE_SIZE >= total;
    $('deliveries-list').replaceChildren(...items.map(row));
  } catch (error) {
    if (mine !== latest || unauthorized(error)) return;
    say('deliveries-summary', `The delivery log could not be loaded: ${error.message}`);
  }
}

function row(d) {
  const titles = d.titles ?? [];
  const shown = titles.slice(0, 3);
  return h('tr', { 'data-id': d.id, 'data-status': d.status },
    h('td', {}, formatDateTime(d.createdAt)),
    h('td', {}, h('span', { class: `delivery-status ${String(d.status).toLowerCase()}` }, STATUS[d.status] ?? d.status),
      d.sentAt ? h('div', { class: 'item-meta' }, formatDateTime(d.sentAt)) : null),
    h('td', {}, `${d.itemCount} notification${d.itemCount === 1 ? '' : 's'}`,
      shown.length ? h('ul', { class: 'delivery-titles' }, shown.map((t) => h('li', {}, t)),
        titles.length > shown.length ? h('li', { class: 'item-meta' }, `…and ${d.itemCount - shown.length} more`) : null) : null),
    h('td', {}, attempts(d)),
    h('td', {}, d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '–'));
}

function attempts(d) {
  const log = d.attemptLog ?? [];
  if (!log.length) return d.attempts ? String(d.attempts) : 'None yet';
  return h('ol', { class: 'delivery-attempts' }, log.map((a) => h('li', { 'data-outcome': a.outcome },
    `${formatDateTime(a.startedAt)}: ${OUTCOME[a.outcome] ?? a.outcome}`,
    a.statusCode != null ? `, HTTP ${a.statusCode}` : '',
    a.error ? h('div', { class: 'item-meta delivery-error' }, a.error) : null,
    a.nextAttemptAt && a.outcome === 'RETRY' ? h('div', { class: 'item-meta' }, `next try ${formatDateTime(a.nextAttemptAt)}`) : null)));
}
