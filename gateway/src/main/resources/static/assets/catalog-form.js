// The form-based catalog editor: the whole draft of a track (TrackContent) as labelled fields — the track, its
// policies, certifications with renewal periods, levels (titles, responsibilities, KPIs, years, skills, salary bands
// per region and currency, requirement groups with pickers for the track's own skills and certifications) and the
// descriptive sections. The form edits state.doc in place; the JSON mode (catalog-mode.js) edits the same document.
import { $, h } from './dom.js';
import {
  check, choice, derived, dot, entries, field, fillOptions, idFor, setFormContext, slug, strings,
} from './catalog-form-kit.js';
import { reveal } from './catalog-form-problems.js';
import { sectionsPart } from './catalog-form-sections.js';
import { state } from './catalog-state.js';

const KINDS = [
  { value: 'ALL_OF', label: 'All of the items' },
  { value: 'ANY_OF', label: 'Any one of the items' },
  { value: 'N_OF_M', label: 'At least N of the items' },
];
const TYPES = [
  { value: 'SKILL', label: 'Skill' },
  { value: 'CERTIFICATION', label: 'Certification' },
  { value: 'EXPERIENCE', label: 'Years of experience' },
];
const PROFICIENCY = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} or higher` }));

let onChanged = () => {};

/** onChange: after every edit (the draft's "unsaved changes" marker). */
export function initForm({ onChange }) {
  onChanged = onChange;
  setFormContext({
    changed: () => onChanged(),
    rerender: (focusId) => renderForm(focusId),
  });
}

/** The skills of every level of the draft, once each: what a skill requirement can pick from. */
function skillOptions() {
  const seen = new Map();
  for (const level of state.doc?.levels ?? []) {
    for (const skill of level.skills ?? []) {
      if (skill?.id && !seen.has(skill.id)) seen.set(skill.id, skill.name || skill.id);
    }
  }
  return [...seen].map(([id, name]) => ({ value: id, label: `${name} (${id})` }));
}

function certificationOptions() {
  return (state.doc?.certifications ?? []).filter((c) => c?.id)
    .map((c) => ({ value: c.id, label: `${c.name || c.id} (${c.id})` }));
}

/** After a skill's or certification's id or name changed: every picker offers the current ones. */
function refreshPickers() {
  for (const select of $('draft-form').querySelectorAll('select[data-picker]')) fillOptions(select, select.value);
}

function unique(base, taken) {
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

// ---- sections of the form ------------------------------------------------------------------------------------------

function trackPart(doc) {
  return h('fieldset', { class: 'cf-part', id: 'cf-part-track' }, h('legend', {}, 'Track'),
    h('div', { class: 'cf-grid' },
      field({ path: 'id', label: 'Id', value: doc.id, set: () => {}, attrs: { readonly: true },
        hint: 'Fixed when the track was created.' }),
      field({ path: 'name', label: 'Name', value: doc.name, required: true, set: (v) => { doc.name = v; } })),
    field({ path: 'summary', label: 'Summary', value: doc.summary, kind: 'textarea', optional: 'optional',
      set: (v) => { doc.summary = v === '' ? null : v; } }));
}

function policiesPart(doc) {
  doc.verification ??= { unverifiedCertificationsCount: false, selfAssessedSkillsCount: true };
  const v = doc.verification;
  return h('fieldset', { class: 'cf-part', id: 'cf-part-policies' }, h('legend', {}, 'Policies'),
    check({ path: 'demoteOnExpiry', label: 'Demote when a reached level’s requirement stops holding (e.g. a certification expires)',
      value: doc.demoteOnExpiry, set: (x) => { doc.demoteOnExpiry = x; },
      hint: 'Unchecked: the person keeps the level and is flagged at risk.' }),
    h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'What counts before a manager verifies it'),
      check({ path: 'verification.unverifiedCertificationsCount', label: 'Self-declared certifications count once recorded',
        value: v.unverifiedCertificationsCount, set: (x) => { v.unverifiedCertificationsCount = x; } }),
      check({ path: 'verification.selfAssessedSkillsCount', label: 'Self-assessed skills count',
        value: v.selfAssessedSkillsCount, set: (x) => { v.selfAssessedSkillsCount = x; } })));
}

function certificationsPart(doc) {
  doc.certifications ??= [];
  return h('fieldset', { class: 'cf-part', id: 'cf-part-certifications' }, h('legend', {}, 'Certifications'),
    entries({
      path: 'certifications', list: doc.certifications, noun: 'certification', collapsible: true,
      title: (c) => c.name || c.id,
      create: () => ({ id: '', name: '', pathwayYears: '1-2', renewalMonths: null }),
      render: (c, p) => h('div', { class: 'cf-grid' },
        field({ path: dot(p, 'name'), label: 'Name', value: c.name, required: true, attrs: { 'data-first': 'true' },
          set: (v) => { c.name = v; follow(c, p, v); refreshPickers(); } }),
        field({ path: dot(p, 'id'), label: 'Id', value: c.id, required: true, hint: 'Lower case, digits and dashes.',
          set: (v) => { c.id = v; derived.delete(c); refreshPickers(); } }),
        field({ path: dot(p, 'pathwayYears'), label: 'Pathway years', value: c.pathwayYears, required: true,
          hint: 'e.g. 1-2 or 7+', set: (v) => { c.pathwayYears = v; } }),
        field({ path: dot(p, 'renewalMonths'), label: 'Renewal period (months)', value: c.renewalMonths, kind: 'int',
          nullable: true, min: 1, optional: 'empty: never expires', set: (v) => { c.renewalMonths = v; } })),
    }));
}

/**
 * A new entry's id follows its name until the admin types one (`key`: the id's field); an id that already exists is
 * never changed by renaming, since requirements and people's records refer to it.
 */
function follow(entry, path, name, key = 'id') {
  if (!derived.has(entry)) return;
  entry[key] = slug(name);
  const input = document.getElementById(idFor(dot(path, key)));
  if (input && input.value !== entry[key]) input.value = entry[key];
}

function levelsPart(doc) {
  doc.levels ??= [];
  return h('fieldset', { class: 'cf-part', id: 'cf-part-levels' }, h('legend', {}, 'Levels'),
    entries({
      path: 'levels', list: doc.levels, noun: 'level', collapsible: true,
      title: (l) => (l.name ? `${l.name}${l.rank != null ? ` (rank ${l.rank})` : ''}` : l.id),
      create: (list) => {
        const last = list[list.length - 1];
        const rank = Math.max(0, ...list.map((l) => Number(l.rank) || 0)) + 1;
        return { id: '', rank, name: '',
          minYears: last?.maxYears ?? (last ? last.minYears + 1 : 0), maxYears: null, jobTitles: [],
          responsibilities: [], skills: [], salaryBands: [], kpis: [], requirements: [] };
      },
      render: (level, p) => levelBody(level, p),
    }));
}

function levelBody(level, p) {
  for (const key of ['jobTitles', 'responsibilities', 'skills', 'salaryBands', 'kpis', 'requirements']) level[key] ??= [];
  return h('div', { class: 'cf-level' },
    h('div', { class: 'cf-grid' },
      field({ path: dot(p, 'name'), label: 'Name', value: level.name, required: true, attrs: { 'data-first': 'true' },
        set: (v) => { level.name = v; follow(level, p, v); } }),
      field({ path: dot(p, 'id'), label: 'Id', value: level.id, required: true,
        set: (v) => { level.id = v; derived.delete(level); } }),
      field({ path: dot(p, 'rank'), label: 'Rank', value: level.rank, kind: 'int', required: true, min: 1,
        hint: '1 is the entry level.', set: (v) => { level.rank = v; } }),
      field({ path: dot(p, 'minYears'), label: 'From (years)', value: level.minYears, kind: 'int', required: true, min: 0,
        set: (v) => { level.minYears = v; } }),
      field({ path: dot(p, 'maxYears'), label: 'To (years)', value: level.maxYears, kind: 'int', nullable: true, min: 0,
        optional: 'empty: and above', set: (v) => { level.maxYears = v; } })),
    strings({ path: dot(p, 'jobTitles'), list: level.jobTitles, noun: 'job title', label: 'Job titles' }),
    strings({ path: dot(p, 'responsibilities'), list: level.responsibilities, noun: 'responsibility',
      label: 'Responsibilities', empty: 'No responsibilities yet.' }),
    strings({ path: dot(p, 'kpis'), list: level.kpis, noun: 'KPI', label: 'KPIs (key performance indicators)' }),
    h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'Skills'),
      entries({
        path: dot(p, 'skills'), list: level.skills, noun: 'skill', inline: true, title: (s) => s.name || s.id,
        create: () => ({ id: '', name: '' }),
        render: (s, sp) => h('div', { class: 'cf-grid' },
          field({ path: dot(sp, 'name'), label: 'Skill', value: s.name, required: true, attrs: { 'data-first': 'true' },
            set: (v) => { s.name = v; follow(s, sp, v); refreshPickers(); } }),
          field({ path: dot(sp, 'id'), label: 'Id', value: s.id, required: true,
            set: (v) => { s.id = v; derived.delete(s); refreshPickers(); } })),
      })),
    h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'Salary bands'),
      entries({
        path: dot(p, 'salaryBands'), list: level.salaryBands, noun: 'salary band', inline: true,
        title: (b) => [b.regionName || b.region, b.currency].filter(Boolean).join(' '),
        create: () => ({ region: '', regionName: '', currency: 'USD', min: 0, max: null, openEnded: true }),
        render: (b, bp) => h('div', { class: 'cf-grid' },
          field({ path: dot(bp, 'regionName'), label: 'Region', value: b.regionName, required: true,
            attrs: { 'data-first': 'true' },
            set: (v) => { b.regionName = v; follow(b, bp, v, 'region'); } }),
          field({ path: dot(bp, 'region'), label: 'Region id', value: b.region, required: true,
            hint: 'What people’s profiles hold, e.g. europe.', set: (v) => { b.region = v; derived.delete(b); } }),
          field({ path: dot(bp, 'currency'), label: 'Currency', value: b.currency, required: true,
            hint: 'ISO 4217, e.g. USD', attrs: { maxlength: 3, autocapitalize: 'characters' },
            set: (v) => { b.currency = v.toUpperCase(); } }),
          field({ path: dot(bp, 'min'), label: 'Minimum (per year)', value: b.min, kind: 'int', required: true, min: 0,
            set: (v) => { b.min = v; } }),
          field({ path: dot(bp, 'max'), label: 'Maximum (per year)', value: b.max, kind: 'int', nullable: true, min: 0,
            optional: 'empty: no upper limit', set: (v) => { b.max = v; if (v == null) { b.openEnded = true; } } }),
          check({ path: dot(bp, 'openEnded'), label: 'And above (open-ended)', value: b.openEnded,
            set: (v) => { b.openEnded = v; } })),
      })),
    requirementsPart(level, p));
}

function requirementsPart(level, p) {
  const fit = (group) => {
    const m = group.items.length;
    if (group.kind === 'ALL_OF') group.required = Math.max(1, m);
    else if (group.kind === 'ANY_OF') group.required = 1;
    else group.required = Math.min(Math.max(1, Number(group.required) || 1), Math.max(1, m));
  };
  return h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'Requirements to reach this level'),
    entries({
      path: dot(p, 'requirements'), list: level.requirements, noun: 'requirement group', collapsible: true,
      title: (g) => g.description || g.id,
      empty: 'No requirements: anyone on the track reaches this level.',
      create: (list) => ({ id: unique(`${level.id || 'level'}-group-${list.length + 1}`, list.map((g) => g.id)),
        description: '', kind: 'ALL_OF', required: 1, items: [] }),
      render: (g, gp) => {
        g.items ??= [];
        const count = g.items.length;
        return h('div', { class: 'cf-group' },
          h('div', { class: 'cf-grid' },
            field({ path: dot(gp, 'description'), label: 'Description', value: g.description, optional: 'shown to people',
              attrs: { 'data-first': 'true' }, set: (v) => { g.description = v; } }),
            field({ path: dot(gp, 'id'), label: 'Group id', value: g.id, required: true, set: (v) => { g.id = v; } }),
            choice({ path: dot(gp, 'kind'), label: 'Which must hold', value: g.kind, options: KINDS, rerenders: true,
              set: (v) => { g.kind = v; fit(g); } }),
            field({ path: dot(gp, 'required'), label: 'How many (N)', value: g.required, kind: 'int', required: true,
              min: 1, max: Math.max(1, count),
              hint: g.kind === 'N_OF_M' ? `1 to ${Math.max(1, count)} of the ${count} item(s).`
                : 'Set by the kind of group.',
              attrs: g.kind === 'N_OF_M' ? {} : { readonly: true }, set: (v) => { g.required = v; } })),
          h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'Items'),
            entries({
              path: dot(gp, 'items'), list: g.items, noun: 'item', inline: true, afterChange: () => fit(g),
              title: (item) => [TYPES.find((t) => t.value === item.type)?.label, item.ref ?? (item.minYears != null
                ? `${item.minYears} years` : '')].filter(Boolean).join(' '),
              empty: 'No items yet.',
              create: () => ({ type: 'SKILL', ref: '', minProficiency: 3, minYears: null }),
              render: (item, ip) => requirementItem(item, ip),
            })));
      },
      afterChange: () => {},
    }));
}

function requirementItem(item, ip) {
  const type = choice({ path: dot(ip, 'type'), label: 'Type', value: item.type, options: TYPES, rerenders: true,
    set: (v) => {
      item.type = v;
      item.ref = v === 'EXPERIENCE' ? null : '';
      item.minProficiency = v === 'SKILL' ? 3 : null;
      item.minYears = v === 'EXPERIENCE' ? 0 : null;
    } });
  type.querySelector('select').dataset.first = 'true';
  let rest;
  if (item.type === 'SKILL') {
    rest = [
      choice({ path: dot(ip, 'ref'), label: 'Skill', value: item.ref ?? '', options: skillOptions, picker: 'skill',
        placeholder: 'Choose a skill…', required: true, set: (v) => { item.ref = v; } }),
      choice({ path: dot(ip, 'minProficiency'), label: 'Minimum proficiency',
        value: item.minProficiency == null ? '' : String(item.minProficiency), options: PROFICIENCY,
        placeholder: 'Any', set: (v) => { item.minProficiency = v === '' ? null : Number(v); } }),
    ];
  } else if (item.type === 'CERTIFICATION') {
    rest = [choice({ path: dot(ip, 'ref'), label: 'Certification', value: item.ref ?? '', options: certificationOptions,
      picker: 'certification', placeholder: 'Choose a certification…', required: true,
      set: (v) => { item.ref = v; } })];
  } else {
    rest = [field({ path: dot(ip, 'minYears'), label: 'Minimum years', value: item.minYears, kind: 'int', required: true,
      min: 0, set: (v) => { item.minYears = v; } })];
  }
  return h('div', { class: 'cf-grid' }, type, ...rest);
}

/**
 * The document with every list and policy the form edits present (what catalog-service would read for a missing
 * one), so that showing it in the form changes nothing: a draft as stored is never "unsaved" just by being shown.
 */
export function normalise(doc) {
  if (!doc || typeof doc !== 'object') return doc;
  for (const key of ['levels', 'certifications', 'sections']) doc[key] ??= [];
  doc.verification ??= { unverifiedCertificationsCount: false, selfAssessedSkillsCount: true };
  doc.pathwayPosition ??= 0;
  doc.demoteOnExpiry ??= false;
  for (const level of doc.levels) {
    if (!level || typeof level !== 'object') continue;
    for (const key of ['jobTitles', 'responsibilities', 'skills', 'salaryBands', 'kpis', 'requirements']) level[key] ??= [];
    for (const group of level.requirements) if (group && typeof group === 'object') group.items ??= [];
  }
  const sections = (list) => {
    for (const s of list) {
      if (!s || typeof s !== 'object') continue;
      for (const key of ['paragraphs', 'items', 'children', 'closing']) s[key] ??= [];
      sections(s.children);
    }
  };
  sections(doc.sections);
  return doc;
}

// ---- rendering, problems -------------------------------------------------------------------------------------------

/** (Re)builds the form from state.doc; focusId: what to focus afterwards (`…-first`: an entry's first field). */
export function renderForm(focusId) {
  const root = $('draft-form');
  const doc = state.doc;
  if (!doc || typeof doc !== 'object') {
    root.replaceChildren(h('p', { class: 'muted' }, 'No draft loaded.'));
    return;
  }
  const scroll = window.scrollY;
  root.replaceChildren(trackPart(doc), policiesPart(doc), levelsPart(doc), certificationsPart(doc), sectionsPart(doc));
  if (focusId) {
    window.scrollTo({ top: scroll }); // a rebuilt form stays where it was; focusing scrolls only if needed
    focus(focusId);
  }
}

function focus(id) {
  let el = document.getElementById(id);
  if (!el && id.endsWith('-first')) {
    const entry = document.getElementById(id.slice(0, -'-first'.length));
    el = entry?.querySelector('[data-first]') ?? entry?.querySelector('input, select, textarea, summary');
  }
  if (!el) return;
  if (el.disabled) el = el.parentElement.querySelector('button:not([disabled])') ?? el;
  reveal(el);
  el.focus();
}
