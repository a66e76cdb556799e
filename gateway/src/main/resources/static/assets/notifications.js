// Notifications, live: the list of the Notifications view and the unread badges, kept current by one Server-Sent
// Events stream (GET /api/notifications/me/stream) opened after sign-in, instead of polling. The stream sends
// `unread` ({unread}) first and after every change of the count (this tab's, another tab's, another device's),
// `notification` (the notification; its event id is its seq) for each new one, `reset` when more was missed than it
// replays (reload the list), `evicted` when the person has too many streams open (this one is closed). The browser
// reconnects a dropped stream by itself and resumes with Last-Event-ID; a stream it gave up on (an error status) is
// reopened here with ?lastEventId= after checking that the session still holds.
import { api, ApiError } from './api.js';
import { $, h, formatDateTime } from './dom.js';

const STREAM = '/api/notifications/me/stream';
const FEED = '/api/notifications/me';
const PAGE_SIZE = 50;
const MAX_RETRY_MS = 60000;

let hooks = { onUnauthorized: () => {}, onError: () => {}, onOk: () => {} };
const items = new Map(); // id -> notification: the newest pages loaded, plus what arrived live
let loaded = false; // the first page has been loaded
let loading = null; // the first page's load in flight
let next = null; // the seq to load the next older page before; null: no older page
let unread = null; // the person's unread count, as the server last said (locally adjusted until it says again)
let lastSeq = null; // the newest stream position seen: where a reopened stream resumes
let source = null;
let failures = 0;
let retryTimer = null;
let stopped = true;

/** Newest first, as the server orders the feed: when it happened, then id. */
function newerFirst(a, b) {
  const at = Date.parse(a.createdAt ?? '') || 0;
  const bt = Date.parse(b.createdAt ?? '') || 0;
  if (at !== bt) return bt - at;
  return String(b.id).localeCompare(String(a.id));
}

const sorted = () => [...items.values()].sort(newerFirst);
const localUnread = () => [...items.values()].filter((n) => !n.read).length;
const newestSeq = () => Math.max(lastSeq ?? 0, ...[...items.values()].map((n) => Number(n.seq) || 0));

// ---- rendering ------------------------------------------------------------------------------

function itemElement(n) {
  return h('li', {
    class: `item notification${n.read ? '' : ' unread'}`, 'data-id': n.id, 'data-seq': n.seq,
    'data-read': String(Boolean(n.read)), 'data-kind': n.kind,
  },
  h('div', {},
    h('div', { class: 'item-title' }, n.title || 'Notification'),
    n.message ? h('p', {}, n.message) : null,
    n.createdAt ? h('div', { class: 'item-meta' }, formatDateTime(n.createdAt)) : null,
    // the portal's hash route to act on it (#/verification, #/certifications, #/progress)
    typeof n.link === 'string' && /^#\/[a-z-]+(\/[a-z-]+)?$/.test(n.link)
      ? h('a', { href: n.link, class: 'notification-link', 'data-testid': 'notification-link' }, 'Open') : null),
  n.read
    ? null
    : h('button', {
        type: 'button', class: 'button secondary small mark-read', 'data-testid': 'mark-read',
        'aria-label': `Mark “${n.title || 'notification'}” as read`,
        onclick: (e) => markRead(n.id, e.currentTarget),
      }, 'Mark read'));
}

const listItem = (id) => [...$('notifications').children].find((li) => li.dataset.id === id);

/** The whole list from `items`; the element that had focus in it gets it back. */
function renderList() {
  const list = $('notifications');
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  const focusedId = focused?.closest('li')?.dataset.id;
  const focusedTestId = focused?.dataset?.testid;
  list.replaceChildren(...sorted().map(itemElement));
  if (focusedId) {
    const li = listItem(focusedId);
    const target = li?.querySelector(`[data-testid="${focusedTestId}"]`) ?? li?.querySelector('button, a');
    if (target) target.focus();
    else $('notifications-title').focus();
  }
  renderChrome();
}

function renderChrome() {
  $('notifications-empty').textContent = 'No notifications yet: you are told here when a claim is decided, a '
    + 'certification is about to expire or you come closer to your next level.';
  $('notifications-empty').hidden = !loaded || items.size > 0;
  $('notifications-older').hidden = next === null;
  renderUnread();
}

function renderUnread() {
  const count = unread ?? localUnread();
  const nav = $('nav-unread');
  nav.replaceChildren(String(count), h('span', { class: 'sr-only' }, ' unread'));
  nav.hidden = count === 0;
  const badge = $('unread-count');
  badge.textContent = String(count);
  badge.setAttribute('aria-label', `${count} unread`);
  badge.hidden = count === 0;
  $('notifications-mark-all').disabled = count === 0 && localUnread() === 0;
}

/** Says it once through the polite live region (the same words again get a no-break space, so they are said again). */
function announce(text) {
  const region = $('notifications-live');
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}

// ---- the list -------------------------------------------------------------------------------

/** One page (asking one more than shown tells whether there is an older page). */
async function fetchPage(before) {
  const page = await api(`${FEED}?size=${PAGE_SIZE + 1}${before == null ? '' : `&before=${before}`}`);
  const shown = (page ?? []).slice(0, PAGE_SIZE);
  return { shown, next: page.length > PAGE_SIZE ? shown[shown.length - 1].seq : null };
}

/** The newest page; what arrived live meanwhile (newer than the page's oldest) stays. */
function loadFirstPage() {
  loading ??= (async () => {
    try {
      const page = await fetchPage(null);
      const oldest = page.shown[page.shown.length - 1];
      const live = [...items.values()];
      items.clear();
      page.shown.forEach((n) => items.set(n.id, n));
      for (const n of live) {
        if (!items.has(n.id) && (!oldest || page.next === null || newerFirst(n, oldest) < 0)) items.set(n.id, n);
      }
      next = page.next;
      loaded = true;
      renderList();
    } finally {
      loading = null;
    }
  })();
  return loading;
}

async function loadOlder() {
  const button = $('notifications-older');
  if (next === null) return;
  button.disabled = true;
  try {
    const page = await fetchPage(next);
    page.shown.forEach((n) => { if (!items.has(n.id)) items.set(n.id, n); });
    next = page.next;
    renderList();
    hooks.onOk();
    announce(page.shown.length ? `${page.shown.length} older notifications loaded` : 'No older notifications');
    // the first of the loaded ones, so keyboard and screen reader users continue where the new items start
    const first = page.shown.length ? listItem(page.shown[0].id) : null;
    if (first) {
      first.tabIndex = -1;
      first.focus();
    } else if (button.hidden) {
      $('notifications-title').focus();
    }
  } catch (error) {
    report(error);
  } finally {
    button.disabled = false;
  }
}

/** A notification from the stream: at the top (or where it belongs), announced politely. */
function arrived(n) {
  const known = items.get(n.id);
  items.set(n.id, known ? { ...n, read: known.read || n.read } : n);
  if (!loaded) return; // kept for when the list is loaded
  const list = $('notifications');
  const all = sorted();
  const index = all.findIndex((x) => x.id === n.id);
  if (next !== null && index === all.length - 1 && all.length > 1) {
    items.delete(n.id); // older than everything loaded: it comes with its page
    return;
  }
  listItem(n.id)?.remove();
  const element = itemElement(items.get(n.id));
  if (!known) element.classList.add('arrived');
  const after = index + 1 < all.length ? listItem(all[index + 1].id) : null;
  list.insertBefore(element, after ?? null);
  renderChrome();
  if (!known) announce(`New notification: ${n.title || 'Notification'}`);
}

// ---- marking read ---------------------------------------------------------------------------

function setRead(n, read) {
  items.set(n.id, { ...n, read });
}

async function markRead(id, button) {
  const n = items.get(id);
  if (!n || n.read) return;
  const siblings = [...$('notifications').querySelectorAll('[data-testid="mark-read"]')];
  const at = siblings.indexOf(button);
  const focusNext = siblings[at + 1] ?? siblings[at - 1] ?? null;
  // shown read at once (the server's `unread` may arrive before the answer, and must find this list agreeing)
  setRead(n, true);
  const before = unread;
  if (unread !== null && unread > 0) unread -= 1;
  replaceItem(id);
  renderChrome();
  if (focusNext?.isConnected) focusNext.focus(); // the button is gone: on to the next one to mark, else the heading
  else $('notifications-title').focus();
  try {
    await api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
    hooks.onOk();
  } catch (error) {
    setRead(items.get(id) ?? n, false);
    unread = before;
    replaceItem(id);
    renderChrome();
    report(error);
  }
}

function replaceItem(id) {
  const n = items.get(id);
  const li = listItem(id);
  if (n && li) li.replaceWith(itemElement(n));
}

async function markAllRead() {
  const button = $('notifications-mark-all');
  const upTo = newestSeq();
  const marked = [...items.values()].filter((n) => !n.read && (Number(n.seq) || 0) <= upTo);
  const before = unread;
  // shown read at once, like one; the stream's `unread` confirms (or counts what arrived since)
  marked.forEach((n) => setRead(n, true));
  unread = localUnread();
  renderList();
  $('notifications-title').focus();
  try {
    await api(`${FEED}/read-all${upTo > 0 ? `?upTo=${upTo}` : ''}`, { method: 'POST' });
    hooks.onOk();
    announce('All notifications marked read');
  } catch (error) {
    marked.forEach((n) => setRead(items.get(n.id) ?? n, false));
    unread = before;
    renderList();
    button.focus();
    report(error);
  }
}

// ---- the stream -----------------------------------------------------------------------------

/** The server's count; a lower count than this list shows unread means something was read elsewhere. */
function unreadChanged(count) {
  unread = count;
  renderUnread();
  if (loaded && !loading && count < localUnread()) loadFirstPage().catch(report);
}

function position(event) {
  const seq = Number(event.lastEventId);
  if (event.lastEventId && Number.isFinite(seq)) lastSeq = seq;
}

function connect() {
  if (stopped || source) return;
  const stream = new EventSource(lastSeq === null ? STREAM : `${STREAM}?lastEventId=${lastSeq}`);
  source = stream;
  stream.addEventListener('unread', (e) => {
    position(e);
    unreadChanged(Number(JSON.parse(e.data).unread) || 0);
  });
  stream.addEventListener('notification', (e) => {
    position(e);
    arrived(JSON.parse(e.data));
  });
  stream.addEventListener('reset', (e) => {
    position(e);
    if (loaded) loadFirstPage().catch(report);
  });
  stream.addEventListener('evicted', () => {
    // too many tabs open: this one stays quiet until it is looked at again
    close();
    document.addEventListener('visibilitychange', function reopen() {
      if (document.visibilityState !== 'visible') return;
      document.removeEventListener('visibilitychange', reopen);
      connect();
    });
  });
  stream.addEventListener('open', () => {
    failures = 0;
    hooks.onOk();
  });
  stream.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself; CLOSED: it gave up (an error status, e.g. the session ended)
    if (stream.readyState !== EventSource.CLOSED) return;
    close();
    retry();
  });
}

function close() {
  source?.close();
  source = null;
}

/** Reopens a stream the browser gave up on, later each time; a session that ended goes to sign-in instead. */
function retry() {
  if (stopped) return;
  clearTimeout(retryTimer);
  failures += 1;
  const delay = Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(failures, 6));
  retryTimer = setTimeout(async () => {
    try {
      unreadChanged((await api(`${FEED}/unread-count`)).unread);
      connect();
    } catch (error) {
      report(error);
      if (!(error instanceof ApiError && error.status === 401)) retry();
    }
  }, delay);
}

function report(error) {
  if (error instanceof ApiError && error.status === 401) {
    stopNotificationStream();
    hooks.onUnauthorized();
    return;
  }
  hooks.onError(error);
}

// ---- the portal's hooks ---------------------------------------------------------------------

/** onUnauthorized(): the session ended; onError(error) / onOk(): for the banner. */
export function initNotifications({ onUnauthorized, onError, onOk }) {
  hooks = { onUnauthorized, onError, onOk };
  $('notifications-mark-all').addEventListener('click', markAllRead);
  $('notifications-older').addEventListener('click', loadOlder);
}

/** Opens the stream (once, after sign-in): from now on the badge and the list follow the feed. */
export function startNotificationStream() {
  stopped = false;
  connect();
}

/** Closes the stream for good (signing out, the session ended). */
export function stopNotificationStream() {
  stopped = true;
  clearTimeout(retryTimer);
  close();
}

/** The Notifications view is shown: the first time the newest page is loaded; after that the stream keeps it. */
export async function showNotifications() {
  if (!loaded) await loadFirstPage();
  else renderList();
}
