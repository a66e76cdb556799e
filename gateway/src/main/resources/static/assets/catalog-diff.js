// A side-by-side diff rendered from catalog-service's change list: each change ({kind: added|removed|changed|moved,
// entity, id, path, before, after}, entries matched by id, so an inserted skill is one "added" change) is one row with
// what it was on the left and what it becomes on the right. Used for the draft against the published version
// (before publishing) and between two published versions.
import { h } from './dom.js';

const ENTITIES = {
  track: 'Track', level: 'Level', skill: 'Skill', certification: 'Certification', salaryBand: 'Salary band',
  requirementGroup: 'Requirement group', requirement: 'Requirement', section: 'Section',
};
const KINDS = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

/** The kind of a change; an older service's change without one is told by which side is missing. */
export function kindOf(change) {
  if (change.kind) return String(change.kind).toLowerCase();
  if (change.before === null || change.before === undefined) return 'added';
  if (change.after === null || change.after === undefined) return 'removed';
  return 'changed';
}

const KIND_WORDS = { ALL_OF: 'all of', ANY_OF: 'any one of', N_OF_M: 'N of M' };

/** A requirement as a person reads it: "Skill threat-modeling at 4+", "Certification cissp", "3+ years". */
function requirementText(r) {
  if (!r || typeof r !== 'object') return String(r);
  if (r.type === 'EXPERIENCE') return `${r.minYears ?? 0}+ years of experience`;
  const what = r.type === 'SKILL' ? 'Skill' : r.type === 'CERTIFICATION' ? 'Certification' : r.type;
  return `${what} ${r.ref}${r.type === 'SKILL' && r.minProficiency != null ? ` at ${r.minProficiency}+` : ''}`;
}

/** Requirement groups and requirements read as sentences (with the JSON kept for the exact values). */
function readable(v, entity) {
  if (entity === 'requirementGroup' && v && Array.isArray(v.items)) {
    const n = v.kind === 'ALL_OF' ? v.items.length : v.kind === 'ANY_OF' ? 1 : v.required;
    return h('div', {},
      h('p', { class: 'cf-diff-line' }, `${v.description ? `${v.description}: ` : ''}${n} of ${v.items.length} `
        + `(${KIND_WORDS[v.kind] ?? v.kind}, ${v.kind})`),
      h('ul', { class: 'cf-diff-items' }, v.items.map((r) => h('li', {}, requirementText(r)))));
  }
  if (entity === 'requirement' && v && v.type) return h('span', { class: 'cf-diff-value' }, requirementText(v));
  return null;
}

function value(v, kind, side, entity) {
  if (kind === 'moved') return h('span', {}, v === null || v === undefined ? '—' : `position ${Number(v) + 1}`);
  if (v === null || v === undefined) {
    return h('span', { class: 'muted' }, kind === 'added' && side === 'before' ? '(not there)'
      : kind === 'removed' && side === 'after' ? '(gone)' : '(none)');
  }
  if (typeof v === 'object') {
    return readable(v, entity) ?? h('pre', { class: 'cf-diff-value' }, JSON.stringify(v, null, 2));
  }
  return h('span', { class: 'cf-diff-value' }, typeof v === 'string' ? v : JSON.stringify(v));
}

/** "3 changes: 1 added, 2 changed" */
export function summarise(changes) {
  if (!changes.length) return 'No changes.';
  const counts = {};
  for (const c of changes) counts[kindOf(c)] = (counts[kindOf(c)] ?? 0) + 1;
  const parts = Object.keys(KINDS).filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`);
  return `${changes.length} change(s): ${parts.join(', ')}.`;
}

/**
 * Fills the list with one row per change. labels: {before, after} — the two sides' names ("Version 2", "Draft").
 */
export function renderChanges(list, changes, labels) {
  list.replaceChildren(...changes.map((c) => {
    const kind = kindOf(c);
    const before = kind === 'moved' ? c.from ?? c.before : c.before;
    const after = kind === 'moved' ? c.to ?? c.after : c.after;
    const what = [ENTITIES[c.entity] ?? c.entity, c.id].filter((x) => x !== null && x !== undefined && x !== '')
      .join(' ');
    return h('li', {
      class: `cf-change ${kind}`, 'data-kind': kind, 'data-entity': c.entity ?? '', 'data-id': c.id ?? '',
      'data-path': c.path ?? '',
    },
    h('div', { class: 'cf-change-head' },
      h('span', { class: `badge small-badge cf-kind ${kind}` }, KINDS[kind] ?? kind),
      what ? h('span', { class: 'item-title' }, what) : null,
      h('code', { class: 'cf-change-path' }, c.path || '(whole track)')),
    h('div', { class: 'cf-sides' },
      h('div', { class: 'cf-side before' }, h('span', { class: 'cf-side-label' }, labels.before), value(before, kind, 'before', c.entity)),
      h('span', { class: 'cf-arrow', 'aria-hidden': 'true' }, '→'),
      h('div', { class: 'cf-side after' }, h('span', { class: 'cf-side-label' }, labels.after), value(after, kind, 'after', c.entity))));
  }));
  // a long list scrolls inside its box: reachable with the keyboard too
  if (changes.length) list.setAttribute('tabindex', '0');
  else list.removeAttribute('tabindex');
}
