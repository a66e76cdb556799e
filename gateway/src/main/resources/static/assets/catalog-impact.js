// The impact preview: who would gain or lose readiness or a level if the draft in the editor were published now.
// Only the rendering; the "Preview impact" button (catalog-editor.js) fetches it.
import { $, h } from './dom.js';

export function clearImpact() {
  $('impact-box').hidden = true;
  $('impact-summary').textContent = '';
  $('impact-list').replaceChildren();
}

const people = (n) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** impacts: progress-service's answer for the release catalog-service would publish (ImpactPreview.Impact). */
export function renderImpact(release, impacts) {
  const gains = impacts.filter((i) => i.change === 'GAIN').length;
  const losses = impacts.length - gains;
  $('impact-summary').textContent = impacts.length
    ? `Publishing this as version ${release.version} would change ${people(impacts.length)}: `
      + `${gains} would gain, ${losses} would lose.`
    : `Publishing this as version ${release.version} changes nobody's level or readiness.`;
  // losses first: they are what an admin must weigh before publishing
  const ordered = [...impacts].sort((a, b) => (a.change === b.change ? a.displayName.localeCompare(b.displayName)
    : a.change === 'LOSS' ? -1 : 1));
  $('impact-list').replaceChildren(...ordered.map((i) => {
    const before = i.currentLevelName ?? i.currentLevel ?? 'not evaluated yet';
    const after = i.levelAfterName ?? i.levelAfter;
    return h('li', { class: `impact ${i.change === 'GAIN' ? 'gain' : 'loss'}`, 'data-employee-id': i.employeeId,
      'data-change': i.change },
      h('span', { class: 'item-title' }, i.displayName),
      h('span', { class: `badge small-badge${i.change === 'GAIN' ? '' : ' risk'}` }, i.change === 'GAIN' ? 'gains' : 'loses'),
      h('div', { class: 'item-meta' }, before === after ? `stays ${after}` : `${before} → ${after}`,
        ` · readiness ${i.readinessBefore}% → ${i.readinessAfter}%`));
  }));
  $('impact-box').hidden = false;
}
