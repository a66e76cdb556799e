// The track's published versions, and the diff between any two of them.
import { api, ApiError } from './api.js';
import { $, h, formatDateTime } from './dom.js';
import { base, FRESH, state, unauthorized } from './catalog-state.js';

function renderValue(value) {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Lists the versions (newest first) and offers the two newest for comparison. */
export async function loadVersions() {
  let versions;
  try {
    versions = await api(`${base(state.trackId)}/versions`, FRESH);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) versions = [];
    else throw error;
  }
  const numbers = versions.map((v) => v.latestVersion ?? v.version);
  $('catalog-versions').replaceChildren(...(versions.length
    ? [...versions].reverse().map((v) => {
        const n = v.latestVersion ?? v.version;
        return h('li', { class: 'item', 'data-version': n },
          h('span', { class: 'item-title' }, `Version ${n}`),
          v.publishedAt ? h('span', { class: 'item-meta' }, ` · published ${formatDateTime(v.publishedAt)}`) : null);
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
  event.preventDefault();
  const from = $('diff-from').value;
  const to = $('diff-to').value;
  if (!from || !to) return;
  try {
    const changes = await api(`${base(state.trackId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    $('diff-summary').textContent = `${changes.length} change(s) from version ${from} to version ${to}`;
    $('catalog-diff').replaceChildren(...changes.map((c) => h('li', { 'data-path': c.path },
      h('code', {}, c.path), ': ',
      h('span', { class: 'before' }, renderValue(c.before)), ' → ',
      h('span', { class: 'after' }, renderValue(c.after)))));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) unauthorized();
    else $('diff-summary').textContent = `Could not compare: ${error.message}`;
  }
}

export function initVersions() {
  $('versions-compare-form').addEventListener('submit', compare);
}
