// "My skills": the track's skills with the 1-5 scale and what each step means, the current proficiency, a
// self-assessment (proficiency + optional note), each skill's history and the level requirements it serves
// (GET/POST /api/profiles/me/skills).
import { api, ApiError } from './api.js';
import { $, h, formatDate, formatDateTime } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem } from './forms.js';

const FIELDS = { skillid: 'skill-select', proficiency: 'skill-proficiency', note: 'skill-note' };
const SOURCES = { SELF: 'self-assessed', MANAGER: 'by a manager', ASSESSMENT: 'formal assessment' };
const STATES = {
  PENDING: 'waiting for confirmation', VERIFIED: 'confirmed', SUPERSEDED: 'replaced by a newer one', RECORDED: 'recorded',
};
let scale = [];
let skills = [];
let handlers = { onUnauthorized: () => {}, onSaved: () => {} };

export const scaleName = (steps, n) => steps.find((s) => s.proficiency === n)?.name ?? '';

export async function loadSkills() {
  const data = await api('/api/profiles/me/skills?size=200');
  renderSkills(data);
  return data;
}

export function renderSkills(data) {
  scale = data?.scale ?? [];
  skills = data?.skills?.items ?? [];
  say('skills-policy', data ? (data.selfAssessedSkillsCount
    ? 'On your track a self-assessment counts towards your readiness right away; your manager may confirm or adjust it.'
    : 'On your track a self-assessment counts once your manager confirms it.') : '');
  $('skills-scale').replaceChildren(...scale.map((s) => [
    h('dt', {}, `${s.proficiency} — ${s.name}`), h('dd', {}, s.meaning)]).flat());
  renderScaleOptions();
  renderSelect();
  say('skills-empty', skills.length ? '' : 'Your track lists no skills.');
  $('skills-list').replaceChildren(...skills.map(renderSkill));
  describeSelected();
}

function renderScaleOptions() {
  const box = $('skill-proficiency-options');
  const chosen = box.querySelector('input:checked')?.value;
  box.replaceChildren(...scale.map((s) => {
    const id = `skill-proficiency-${s.proficiency}`;
    return h('div', { class: 'check scale-option' },
      h('input', { type: 'radio', name: 'proficiency', id, value: String(s.proficiency), 'data-testid': `skill-proficiency-${s.proficiency}`,
        checked: chosen === String(s.proficiency), 'aria-describedby': `${id}-meaning` }),
      h('label', { for: id }, `${s.proficiency} — ${s.name}`),
      h('span', { class: 'item-meta', id: `${id}-meaning` }, s.meaning));
  }));
}

function renderSelect() {
  const select = $('skill-select');
  const selected = select.value;
  select.replaceChildren(h('option', { value: '' }, skills.length ? 'Choose a skill…' : 'No skills'),
    ...skills.map((s) => h('option', { value: s.skillId },
      s.proficiency ? `${s.name} (now ${s.proficiency})` : s.name)));
  if (selected && skills.some((s) => s.skillId === selected)) select.value = selected;
}

function current(s) {
  if (!s.proficiency) return 'Not assessed yet';
  const how = [SOURCES[s.source] ?? s.source?.toLowerCase(), s.state === 'PENDING' ? STATES.PENDING : null]
    .filter(Boolean).join(', ');
  return `${s.proficiency} — ${scaleName(scale, s.proficiency)}${how ? ` (${how})` : ''}`
    + (s.assessedOn ? ` since ${formatDate(s.assessedOn)}` : '');
}

function describeSelected() {
  const s = skills.find((k) => k.skillId === $('skill-select').value);
  $('skill-select-current').textContent = s ? `Now: ${current(s)}. ${requirementText(s) || ''}` : '';
}

function requirementText(s) {
  const reqs = s.requirements ?? [];
  if (!reqs.length) return '';
  return `Needed for ${reqs.map((r) => `${r.levelName || r.levelId}${r.minProficiency ? ` (at least ${r.minProficiency})` : ''}`).join(', ')}.`;
}

function renderSkill(s) {
  const history = s.history ?? [];
  return h('li', { class: 'item skill', 'data-skill-id': s.skillId, 'data-proficiency': s.proficiency ?? '' },
    h('div', { class: 'claim-head' },
      h('div', { class: 'item-title' }, s.name || s.skillId),
      h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'skill-assess',
        'aria-label': `Self-assess ${s.name || s.skillId}`, onclick: () => choose(s.skillId) }, 'Assess')),
    h('div', { 'data-testid': 'skill-current', class: s.proficiency ? '' : 'muted' }, current(s)),
    (s.requirements ?? []).length
      ? h('ul', { class: 'item-meta skill-requirements', 'data-testid': 'skill-requirements' },
          s.requirements.map((r) => h('li', { 'data-level-id': r.levelId },
            `${r.levelName || r.levelId}: ${r.minProficiency ? `at least ${r.minProficiency}` : 'required'}`
            + (r.groupRequired > 1 ? ` (one of ${r.groupRequired} needed in its group)` : ''))))
      : h('div', { class: 'item-meta' }, 'No level requires it.'),
    history.length ? h('details', { class: 'skill-history', 'data-testid': 'skill-history' },
      h('summary', {}, `History (${history.length})`, h('span', { class: 'sr-only' }, ` of ${s.name}`)),
      h('ol', { class: 'history-list' }, history.map((a) => h('li', { 'data-state': a.state },
        `${formatDate(a.assessedOn)}: ${a.proficiency} — ${scaleName(scale, a.proficiency)}, `
        + `${SOURCES[a.source] ?? a.source}, ${STATES[a.state] ?? String(a.state ?? '').toLowerCase()}`,
        a.note ? h('div', { class: 'item-meta' }, `“${a.note}”`) : null,
        a.decidedAt && a.state === 'VERIFIED' ? h('div', { class: 'item-meta' }, `confirmed ${formatDateTime(a.decidedAt)}`) : null))))
      : null);
}

function choose(skillId) {
  $('skill-select').value = skillId;
  describeSelected();
  $('skill-form').scrollIntoView({ block: 'start' });
  $('skill-select').focus();
}

/** onSaved(assessment): after a self-assessment; onUnauthorized: the portal's session handling. */
export function initSkills(options) {
  handlers = { ...handlers, ...options };
  $('skill-select').addEventListener('change', describeSelected);
  const form = $('skill-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(FIELDS, 'skill-error', 'skill-success');
    const skillId = $('skill-select').value;
    const proficiency = $('skill-proficiency-options').querySelector('input:checked')?.value;
    let first = null;
    if (!skillId) first ??= fieldError('skill-select', 'Choose a skill.');
    if (!proficiency) {
      fieldError('skill-proficiency', 'Choose a proficiency from 1 to 5.');
      first ??= $('skill-proficiency-options').querySelector('input');
    }
    if (first) { first.focus(); return; }
    const note = $('skill-note').value.trim();
    await busy($('skill-submit'), async () => {
      try {
        const saved = await api('/api/profiles/me/skills', {
          method: 'POST', body: { skillId, proficiency: Number(proficiency), note: note || null },
        });
        const name = skills.find((s) => s.skillId === skillId)?.name ?? skillId;
        $('skill-note').value = '';
        say('skill-success', `Saved: ${name} at ${saved?.proficiency ?? proficiency} — `
          + `${scaleName(scale, Number(saved?.proficiency ?? proficiency))}.`);
        handlers.onSaved(saved);
        await loadSkills();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) handlers.onUnauthorized();
        else showProblem(error, FIELDS, 'skill-error', 'Could not save the self-assessment');
      }
    });
  });
}
