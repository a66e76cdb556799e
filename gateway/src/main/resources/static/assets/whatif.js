// "What if…": hypothetical certifications, skills and years sent to progress-service, which evaluates them in memory
// and answers {employeeId, before, after} (two progress views). Nothing is recorded. For the signed-in user, or for a
// team member a manager opened (whatIfFor); progress-service checks that the caller may see that person.
import { api, ApiError } from './api.js';
import { $, h, percent } from './dom.js';

const levelName = (level) => (level == null ? null : level.name ?? level.id);
let lastSkillsKey = null;
let mine = null; // the signed-in user's progress, as last loaded
let target = null; // {id, name} of the team member tried, or null for oneself

/** Checkboxes of the catalog's certifications (every page of GET /api/catalog/certifications); keeps the ticked ones. */
export function renderWhatIfCertifications(certifications) {
  const box = $('what-if-certifications');
  const ticked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  const rows = [];
  for (const c of certifications ?? []) {
    const id = typeof c === 'string' ? c : c.id ?? c.certificationId;
    const name = typeof c === 'string' ? c : c.name ?? c.certificationName ?? id;
    if (!id) continue;
    const inputId = `what-if-cert-${id}`;
    rows.push(h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: inputId, name: 'certifications', value: id, 'data-certification-id': id, checked: ticked.has(id) }),
      h('label', { for: inputId }, name)));
  }
  box.replaceChildren(...(rows.length ? rows : [h('p', { class: 'muted' }, 'No certifications in the catalog.')]));
}

/** The signed-in user's progress (GET /api/progress/me): their skills are offered unless a member is being tried. */
export function renderWhatIfSkills(progress) {
  mine = progress;
  if (!target) renderSkills(progress);
}

/** Tries achievements for a team member (their progress from /api/progress/employees/{id}) instead of oneself. */
export function whatIfFor(member, progress) {
  target = { id: member.id, name: member.name };
  // the panel moves to the Team view, below the member's card, and back to "My progress" for oneself
  $('member-card').after($('what-if'));
  switchTo(` for ${member.name}`, `See where certifications, skills or experience would put ${member.name}. Nothing is recorded.`,
    progress);
  $('what-if').scrollIntoView({ block: 'start' });
  $('what-if-title').focus();
}

/** Back to trying one's own achievements (the panel returns to "My progress"). */
export function whatIfForMe() {
  $('progress-card').after($('what-if'));
  if (!target) return;
  target = null;
  switchTo('', 'See where certifications, skills or experience would put you. Nothing is recorded.', mine);
}

function switchTo(who, intro, progress) {
  $('what-if-who').textContent = who;
  $('what-if-intro').textContent = intro;
  $('what-if-for-me').hidden = !target;
  $('what-if-form').reset();
  lastSkillsKey = null;
  renderSkills(progress);
}

/** Skill items of the next level's requirement groups; keeps chosen proficiencies. */
function renderSkills(progress) {
  const skills = new Map();
  for (const group of progress?.groups ?? []) {
    for (const item of group.items ?? []) {
      if (String(item.type).toUpperCase() === 'SKILL' && item.ref && !skills.has(item.ref)) {
        skills.set(item.ref, { ref: item.ref, name: item.name || item.ref, met: Boolean(item.met), detail: item.detail });
      }
    }
  }
  const key = JSON.stringify([...skills.values()]);
  if (key === lastSkillsKey) return;
  lastSkillsKey = key;
  const box = $('what-if-skills');
  const chosen = new Map([...box.querySelectorAll('select')].map((s) => [s.dataset.skillId, s.value]));
  if (!skills.size) {
    box.replaceChildren(h('p', { class: 'muted' }, progress?.nextLevel
      ? 'The next level asks for no skills.' : 'No skills to try: there is no next level.'));
    return;
  }
  box.replaceChildren(...[...skills.values()].map((skill, i) => {
    const selectId = `what-if-skill-${i}`;
    const select = h('select', { id: selectId, 'data-skill-id': skill.ref, 'data-testid': 'what-if-skill' },
      h('option', { value: '' }, 'as now'),
      [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n) }, String(n))));
    const previous = chosen.get(skill.ref);
    if (previous) select.value = previous;
    return h('div', { class: 'skill-pick', 'data-skill-id': skill.ref },
      h('label', { for: selectId }, skill.name,
        skill.met ? h('span', { class: 'item-meta' }, ' (met)') : null),
      select);
  }));
}

function request() {
  const certifications = [...$('what-if-certifications').querySelectorAll('input:checked')]
    .map((input) => ({ certificationId: input.value }));
  const skills = [...$('what-if-skills').querySelectorAll('select')]
    .filter((s) => s.value !== '')
    .map((s) => ({ skillId: s.dataset.skillId, proficiency: Number(s.value) }));
  const body = { certifications, skills };
  const years = $('what-if-years').value.trim();
  if (years !== '') body.experienceYears = Number(years);
  return body;
}

function showError(message, details = []) {
  const box = $('what-if-error');
  box.replaceChildren(message, details.length ? h('ul', {}, details.map((d) => h('li', {}, d))) : null);
  box.hidden = false;
}

function side(label, view, cls) {
  const readiness = percent(view?.readinessPercent ?? 0);
  const next = levelName(view?.nextLevel);
  return h('div', { class: `what-if-side ${cls}` },
    h('div', { class: 'item-meta' }, label),
    h('div', { class: 'what-if-level', 'data-testid': `what-if-${cls}-level` }, levelName(view?.currentLevel) ?? '–'),
    h('div', {},
      h('strong', { id: `what-if-${cls}`, 'data-testid': `what-if-${cls}`, 'data-value': String(readiness) }, `${readiness}%`),
      h('span', { class: 'item-meta' }, next ? ` ready for ${next}` : ' (top level)')));
}

function renderResult(result) {
  const { before, after } = result ?? {};
  const box = $('what-if-result');
  const b = percent(before?.readinessPercent ?? 0);
  const a = percent(after?.readinessPercent ?? 0);
  const levelChanged = levelName(before?.currentLevel) !== levelName(after?.currentLevel);
  const summary = levelChanged
    ? `${target ? target.name : 'You'} would reach ${levelName(after?.currentLevel)}.`
    : a > b ? `Readiness would rise from ${b}% to ${a}%.`
      : a < b ? `Readiness would drop from ${b}% to ${a}%.` : `Readiness would stay at ${b}%.`;
  const remaining = after?.gaps ?? [];
  box.replaceChildren(
    h('p', { class: 'what-if-summary', 'data-testid': 'what-if-summary' }, summary),
    h('div', { class: 'what-if-compare' },
      side('Now', before, 'before'),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      side('With these', after, 'after')),
    levelName(after?.nextLevel)
      ? h('div', {},
          h('h3', { class: 'subhead' }, `Still missing for ${levelName(after.nextLevel)}`),
          remaining.length
            ? h('ul', { class: 'gaps' }, remaining.map((g) => h('li', { class: 'gap', 'data-ref': g.ref }, g.name || g.ref || String(g.type ?? '').toLowerCase(),
                g.detail ? h('span', { class: 'item-meta' }, ` — ${g.detail}`) : null)))
            : h('p', { class: 'muted' }, 'Nothing.'))
      : null,
    h('p', { class: 'item-meta' }, 'Hypothetical only — nothing was recorded.'));
  box.dataset.before = String(b);
  box.dataset.after = String(a);
  box.hidden = false;
}

/** onUnauthorized: session handling from app.js. */
export function initWhatIf({ onUnauthorized }) {
  const form = $('what-if-form');
  const submit = $('what-if-submit');
  $('what-if-for-me').addEventListener('click', () => {
    whatIfForMe();
    // the panel went back to "My progress"; in the Team view, focus stays with the member's card
    if ($('member-card').hidden || !$('member-card').offsetParent) $('what-if-title').focus();
    else $('member-what-if').focus();
  });
  form.addEventListener('reset', () => {
    $('what-if-error').hidden = true;
    $('what-if-result').hidden = true;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('what-if-error').hidden = true;
    const body = request();
    if (body.experienceYears !== undefined
        && (!Number.isInteger(body.experienceYears) || body.experienceYears < 0 || body.experienceYears > 60)) {
      showError('Extra years must be a whole number from 0 to 60.');
      $('what-if-years').focus();
      return;
    }
    submit.disabled = true;
    try {
      const path = target ? `/api/progress/employees/${encodeURIComponent(target.id)}/what-if` : '/api/progress/me/what-if';
      renderResult(await api(path, { method: 'POST', body }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        onUnauthorized();
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        showError(error.problem.detail || 'The hypothetical achievements were refused:',
          error.fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)));
      } else {
        showError(`Could not evaluate: ${error.message}`);
      }
    } finally {
      submit.disabled = false;
    }
  });
}
