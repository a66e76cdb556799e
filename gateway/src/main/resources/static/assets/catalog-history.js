// The track's audit trail (imports, draft changes, publications; who and when), newest first.
import { api } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { base, FRESH, state } from './catalog-state.js';

const ACTIONS = {
  IMPORT: 'Imported', DRAFT_UPDATE: 'Draft changed', DRAFT_DISCARD: 'Draft discarded', PUBLISH: 'Published',
};

// The trail is paged oldest first (GET …/history?page=&size=): the newest page is shown first, and "Show older
// entries" prepends the page before it.
const PAGE_SIZE = 50;
let shown = { trackId: null, entries: [], oldestPage: 0, total: 0 };

const pageOf = (trackId, page) => api(`${base(trackId)}/history?page=${page}&size=${PAGE_SIZE}`, FRESH);

export async function loadHistory() {
  const trackId = state.trackId;
  let page = await pageOf(trackId, 0);
  const last = Math.max(0, Math.ceil((page.total ?? 0) / PAGE_SIZE) - 1);
  if (last > 0) page = await pageOf(trackId, last);
  shown = { trackId, entries: page.items ?? [], oldestPage: last, total: page.total ?? 0 };
  render();
}

async function older() {
  const { trackId, oldestPage } = shown;
  if (oldestPage <= 0 || trackId !== state.trackId) return;
  const page = await pageOf(trackId, oldestPage - 1);
  if (trackId !== state.trackId) return;
  shown = { ...shown, entries: [...(page.items ?? []), ...shown.entries], oldestPage: oldestPage - 1,
    total: page.total ?? shown.total };
  render();
  $('catalog-history-older')?.focus();
}

function render() {
  const { entries, oldestPage, total } = shown;
  const more = oldestPage > 0
    ? [h('li', { class: 'item-meta' }, `The newest ${entries.length} of ${total} entries. `,
        h('button', { type: 'button', class: 'button secondary small', id: 'catalog-history-older',
          'data-testid': 'catalog-history-older', onclick: () => older().catch(() => {}) }, 'Show older entries'))]
    : [];
  $('catalog-history').replaceChildren(...(entries.length
    ? [...[...entries].reverse().map((e) => {
        const who = e.actor?.username || e.actor?.id || 'unknown';
        const what = e.action === 'PUBLISH' && e.version != null
          ? `Published version ${e.version}` : ACTIONS[e.action] ?? e.action;
        return h('li', { class: 'item', 'data-action': e.action, 'data-actor': who },
          h('div', { class: 'item-title' }, `${what} by ${who}`),
          h('div', { class: 'item-meta' }, [formatDateTime(e.at), e.revision != null ? `revision ${e.revision}` : null]
            .filter(Boolean).join(' · ')),
          e.detail ? h('div', { class: 'item-meta' }, e.detail) : null);
      }), ...more]
    : [h('li', { class: 'muted' }, 'No history recorded.')]));
}
