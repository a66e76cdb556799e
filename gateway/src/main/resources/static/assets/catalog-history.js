// The track's audit trail (imports, draft changes, publications; who and when), newest first.
import { api } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { base, FRESH, state } from './catalog-state.js';

const ACTIONS = {
  IMPORT: 'Imported', DRAFT_UPDATE: 'Draft changed', DRAFT_DISCARD: 'Draft discarded', PUBLISH: 'Published',
};

export async function loadHistory() {
  const entries = await api(`${base(state.trackId)}/history`, FRESH);
  $('catalog-history').replaceChildren(...(entries.length
    ? [...entries].reverse().map((e) => {
        const who = e.actor?.username || e.actor?.id || 'unknown';
        const what = e.action === 'PUBLISH' && e.version != null
          ? `Published version ${e.version}` : ACTIONS[e.action] ?? e.action;
        return h('li', { class: 'item', 'data-action': e.action, 'data-actor': who },
          h('div', { class: 'item-title' }, `${what} by ${who}`),
          h('div', { class: 'item-meta' }, [formatDateTime(e.at), e.revision != null ? `revision ${e.revision}` : null]
            .filter(Boolean).join(' · ')),
          e.detail ? h('div', { class: 'item-meta' }, e.detail) : null);
      })
    : [h('li', { class: 'muted' }, 'No history recorded.')]));
}
