// The track's published versions, and the diff between any two of them.
import { api, ApiError } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { renderChanges, summarise } from './catalog-diff.js';
import { base, failure, FRESH, state, unauthorized } from './catalog-state.js';

// The versions are paged oldest first (GET …/versions?page=&size=): the newest page (up to the largest size) is the
// one listed and offered for comparison, with a note when older ones are left out.
const PAGE_SIZE = 200;

/** Lists the versions (newest first) and offers the two newest for comparison. */
export async function loadVersions() {
  let versions;
  let total = 0;
  try {
    const url = (page) => `${base(state.trackId)}/versions?page=${page}&size=${PAGE_SIZE}`;
    let page = await api(url(0), FRESH);
    const last = Math.max(0, Math.ceil((page.total ?? 0) / PAGE_SIZE) - 1);
    if (last > 0) page = await api(url(last), FRESH);
    versions = page.items ?? [];
    total = page.total ?? versions.length;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) versions = [];
    else throw error;
  }
  $('catalog-versions-more').textContent = total > versions.length
    ? `The newest ${versions.length} of ${total} versions.` : '';
  $('catalog-versions-more').hidden = total <= versions.length;
  const numbers = versions.map((v) => v.latestVersion ?? v.version);
  $('catalog-versions').replaceChildren(...(versions.length
    ? [...versions].reverse().map((v) => {
        const n = v.latestVersion ?? v.version;
        const previous = numbers[numbers.indexOf(n) - 1];
        return h('li', { class: 'item cf-version', 'data-version': n },
          h('span', {},
            h('span', { class: 'item-title' }, `Version ${n}`),
            v.publishedAt ? h('span', { class: 'item-meta' }, ` · published ${formatDateTime(v.publishedAt)}`) : null),
          previous !== undefined ? h('button', {
            type: 'button', class: 'button secondary small', id: `version-changes-${n}`, 'data-testid': `version-changes-${n}`,
            'aria-label': `Changes from version ${previous} to version ${n}`,
            onclick: () => {
              $('diff-from').value = String(previous);
              $('diff-to').value = String(n);
              compare();
            },
          }, 'Changes') : null);
      })
    : [h('li', { class: 'muted' }, 'Not published yet.')]));
  const fill = (select, selected) => {
    select.replaceChildren(...numbers.map((n) => h('option', { value: n }, `Version ${n}`)));
    if (selected !== undefined) select.value = String(selected);
  };
  fill($('diff-from'), numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  fill($('diff-to'), numbers[numbers.length - 1]);
  $('versions-compare').disabled = numbers.length < 2;
}

/** A diff shown belongs to the track it was made for. */
export function clearDiff() {
  $('catalog-diff').replaceChildren();
  $('diff-summary').textContent = '';
}

async function compare(event) {
  event?.preventDefault();
  const from = $('diff-from').value;
  const to = $('diff-to').value;
  if (!from || !to) return;
  try {
    const changes = await api(`${base(state.trackId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    $('diff-summary').textContent = `From version ${from} to version ${to}: `
      + `${changes.length ? summarise(changes) : 'no changes.'}`;
    renderChanges($('catalog-diff'), changes, { before: `Version ${from}`, after: `Version ${to}` });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) unauthorized();
    else {
      $('catalog-diff').replaceChildren();
      $('diff-summary').textContent = `Could not compare: ${failure(error)}`;
    }
  }
}

export function initVersions() {
  $('versions-compare-form').addEventListener('submit', compare);
}
