// The impact preview: who would gain or lose readiness or a level if the draft in the editor were published now
// (POST /api/progress/admin/impact-preview with the release catalog-service would publish). The people come a page at
// a time, losses first; "Show more people" posts the same release for the next page.
import { api } from './api.js';
import { $, h } from './dom.js';

const PAGE_SIZE = 50;
let shown = null; // {release, page, people: [], total} of the preview on screen

export function clearImpact() {
  shown = null;
  $('impact-box').hidden = true;
  $('impact-summary').textContent = '';
  $('impact-list').replaceChildren();
  $('impact-more').hidden = true;
  $('impact-shown').textContent = '';
}

const people = (n) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** Reads the first page of who `release` (catalog-service's release preview) would change, and shows it. */
export async function previewImpact(release) {
  const answer = await page(release, 0);
  shown = { release, page: 0, people: answer.people?.items ?? [], total: answer.people?.total ?? 0 };
  $('impact-summary').textContent = shown.total
    ? `Publishing this as version ${release.version} would change ${people(shown.total)}: `
      + `${answer.gains} would gain, ${answer.losses} would lose.`
    : `Publishing this as version ${release.version} changes nobody's level or readiness.`;
  $('impact-list').replaceChildren(...shown.people.map(item));
  renderMore();
  $('impact-box').hidden = false;
}

const page = (release, number) => api(`/api/progress/admin/impact-preview?page=${number}&size=${PAGE_SIZE}`,
  { method: 'POST', body: release });

/** The next page, added to the list; focus moves to the first person it added, the status line says how many. */
async function showMore() {
  const button = $('impact-more');
  const preview = shown;
  button.disabled = true;
  try {
    const answer = await page(preview.release, preview.page + 1);
    if (shown !== preview) return; // another preview replaced this one meanwhile
    const added = (answer.people?.items ?? []).map(item);
    preview.page += 1;
    preview.people.push(...(answer.people?.items ?? []));
    preview.total = answer.people?.total ?? preview.total;
    $('impact-list').append(...added);
    renderMore();
    const first = added[0];
    if (first) {
      first.tabIndex = -1;
      first.focus();
    }
  } catch (error) {
    $('impact-shown').textContent = `Could not read more: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

function renderMore() {
  const more = shown.people.length < shown.total;
  $('impact-more').hidden = !more;
  $('impact-shown').textContent = more || shown.page > 0
    ? `Showing ${shown.people.length} of ${people(shown.total)}, losses first.` : '';
}

function item(i) {
  const before = i.currentLevelName ?? i.currentLevel ?? 'not evaluated yet';
  const after = i.levelAfterName ?? i.levelAfter;
  return h('li', { class: `impact ${i.change === 'GAIN' ? 'gain' : 'loss'}`, 'data-employee-id': i.employeeId,
    'data-change': i.change },
    h('span', { class: 'item-title' }, i.displayName),
    h('span', { class: `badge small-badge${i.change === 'GAIN' ? '' : ' risk'}` }, i.change === 'GAIN' ? 'gains' : 'loses'),
    h('div', { class: 'item-meta' }, before === after ? `stays ${after}` : `${before} → ${after}`,
      ` · readiness ${i.readinessBefore}% → ${i.readinessAfter}%`));
}

export function initImpact() {
  $('impact-more').addEventListener('click', showMore);
}
