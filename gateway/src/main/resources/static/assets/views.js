// Renders the cards from the services' JSON (shapes in the services' OpenAPI documents); optional fields that are
// absent degrade to "–" rather than a broken page.
import { $, h, formatDate, percent, setBar } from './dom.js';

const levelName = (level) => (level == null ? null : level.name ?? level.id);

// Ladder's own realm roles; Keycloak adds others to every account (default-roles-…, offline_access, …)
const LADDER_ROLES = ['employee', 'manager', 'admin'];

export function renderSession(session) {
  $('user-name').textContent = session.name || session.username || 'Signed in';
  $('user-name').title = session.email || '';
  const roles = (Array.isArray(session.roles) ? session.roles : []).filter((role) => LADDER_ROLES.includes(role));
  $('user-roles').replaceChildren(...roles.map((role) => h('li', { 'data-role': role }, role)));
}

/**
 * Where the person stands in the organisation (GET /api/profiles/me): team, track, region, start date, and the
 * newest placement at a level (GET /api/profiles/{id}/placements), with its reason.
 */
export function renderPlacement(profile, trackName, placement) {
  if (!profile) return;
  const parts = [
    profile.teamName ? `Team ${profile.teamName}` : 'No team yet',
    `Track ${trackName || profile.trackId || '–'}`,
    profile.region ? `Region ${profile.region}` : null,
    profile.startDate ? `Started ${formatDate(profile.startDate)}` : null,
    placement ? `Placed at ${placement.levelName || placement.levelId} from ${formatDate(placement.effectiveOn)}`
      + (placement.reason ? ` (${placement.reason})` : '') : null,
  ].filter(Boolean);
  const line = $('progress-placement');
  line.textContent = parts.join(' · ');
  line.dataset.teamId = profile.teamId || '';
  line.dataset.trackId = profile.trackId || '';
  line.hidden = false;
}

/**
 * One progress view (GET /api/progress/me or /employees/{id}) into the elements whose ids start with `prefix`: '' is
 * "My progress", 'member-' the team member a manager opened (a copy of the same markup, see cloneProgressView).
 * `empty` is the text shown when there is no progress to show.
 */
export function renderProgress(progress, prefix = '', empty = 'No progress yet. Record a certification to get started.') {
  const el = (id) => $(prefix + id);
  if (!progress) {
    el('progress-empty').textContent = empty;
    el('progress-empty').hidden = false;
    el('progress-details').hidden = true;
    el('at-risk').hidden = true;
    return;
  }
  el('progress-empty').hidden = true;
  el('progress-details').hidden = false;
  el('current-level').textContent = levelName(progress.currentLevel) ?? '–';
  const next = levelName(progress.nextLevel);
  el('next-level').textContent = next ?? 'Top level reached';
  const readiness = percent(progress.readinessPercent);
  el('readiness-percent').textContent = `${readiness}%`;
  el('readiness-percent').dataset.value = String(readiness);
  setBar(el('readiness-fill'), el('readiness-bar'), readiness);
  el('readiness-label').textContent = next ? `Readiness for ${next}` : 'Readiness';
  el('at-risk').hidden = !progress.atRisk;

  const groups = progress.groups ?? [];
  el('requirement-groups').replaceChildren(
    ...(groups.length
      ? groups.map(renderGroup)
      : [h('li', { class: 'muted' }, next ? 'No requirements listed for the next level.' : 'Nothing left to reach.')]),
  );
  renderGaps(el('gaps-title'), el('gap-list'), progress.gaps ?? [], groups, next);
}

/** Copies the markup of "My progress" into `target`, every id and test id prefixed, for a second progress view. */
export function cloneProgressView(prefix, target) {
  const copy = $('progress-details').cloneNode(true);
  for (const el of copy.querySelectorAll('[id], [data-testid], [aria-labelledby]')) {
    if (el.id) el.id = prefix + el.id;
    if (el.dataset.testid) el.dataset.testid = prefix + el.dataset.testid;
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) el.setAttribute('aria-labelledby', labelledBy.split(' ').map((id) => prefix + id).join(' '));
  }
  target.replaceChildren(...copy.childNodes);
}

/**
 * The "Show as of" date field of a progress view: `onChange(day)` with 'yyyy-MM-dd', or null for today (the Today
 * button). Days after today are refused by the field: this is history, not a forecast.
 */
export function initAsOf(prefix, onChange) {
  const input = $(`${prefix}as-of`);
  const today = $(`${prefix}today`);
  input.max = new Date().toISOString().slice(0, 10);
  const note = $(`${prefix}as-of-note`);
  const changed = () => {
    if (input.value && !input.checkValidity()) {
      note.textContent = 'Choose a day no later than today.';
      note.hidden = false;
      return;
    }
    const day = input.value || null;
    today.hidden = !day;
    note.textContent = day ? `As it stood on ${formatDate(day)}: the achievements in effect by then, judged by the `
      + 'catalog version in force then (the first one, for a day before it).' : '';
    note.hidden = !day;
    onChange(day);
  };
  input.addEventListener('change', changed);
  today.addEventListener('click', () => { input.value = ''; changed(); });
}

/** MET / UNMET / EXPIRING / PENDING; older payloads without `status` fall back to `met`. */
export function itemStatus(item) {
  const status = String(item.status ?? '').toUpperCase();
  if (status === 'MET' || status === 'UNMET' || status === 'EXPIRING' || status === 'PENDING') return status;
  return item.met ? 'MET' : 'UNMET';
}

const STATUS = {
  MET: { mark: '✓', css: 'met', label: 'Met' },
  EXPIRING: { mark: '⚠', css: 'expiring', label: 'Expiring soon' },
  UNMET: { mark: '○', css: 'unmet', label: 'Not met' },
  // an unverified claim the track's verification policy does not count yet
  PENDING: { mark: '◔', css: 'pending', label: 'Pending verification' },
};

function renderGroup(group) {
  const met = Boolean(group.met);
  const items = group.items ?? [];
  const counted = Number.isFinite(group.required) && group.required > 0
    ? h('span', { class: 'item-meta' }, ` · ${Math.min(group.metCount ?? 0, group.required)} of ${group.required}`)
    : null;
  return h('li', { class: 'group', 'data-group-id': group.id, 'data-met': String(met) },
    h('div', { class: 'group-head' },
      h('span', { class: 'group-title' }, group.description || group.id, counted),
      h('span', { class: `status ${met ? 'met' : 'unmet'}` }, met ? 'Met' : 'Not met')),
    items.length ? h('ul', { class: 'group-items' }, items.map(renderItem)) : null);
}

function renderItem(item) {
  const status = itemStatus(item);
  const s = STATUS[status];
  let label = s.label;
  if (status === 'MET' && item.metOn) label = `Met since ${formatDate(item.metOn)}`;
  if (status === 'EXPIRING' && item.metOn) label = `Expiring soon (met since ${formatDate(item.metOn)})`;
  return h('li', {
    class: `req-item ${s.css}`, 'data-ref': item.ref, 'data-met': String(Boolean(item.met)), 'data-status': status,
    title: item.detail || null,
  },
  h('span', { class: `mark ${s.css}`, 'aria-hidden': 'true' }, s.mark),
  h('span', { class: 'req-name' }, item.name || item.ref || item.type,
    item.type ? h('span', { class: 'item-meta' }, ` · ${String(item.type).toLowerCase()}`) : null),
  h('span', { class: `req-status ${s.css}`, 'data-testid': 'item-status' }, label));
}

function renderGaps(title, list, gaps, groups, next) {
  if (!next) {
    title.hidden = true;
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  title.hidden = false;
  list.hidden = false;
  if (!gaps.length) {
    list.replaceChildren(h('li', { class: 'muted' }, `Nothing is missing for ${next}.`));
    return;
  }
  const groupName = new Map(groups.map((g) => [g.id, g.description || g.id]));
  list.replaceChildren(...gaps.map((gap) =>
    h('li', { class: 'gap', 'data-ref': gap.ref, 'data-group-id': gap.groupId },
      h('span', { class: 'gap-name' }, gap.name || gap.ref || String(gap.type ?? '').toLowerCase()),
      gap.detail ? h('span', { class: 'item-meta' }, ` — ${gap.detail}`) : null,
      groupName.has(gap.groupId) ? h('div', { class: 'item-meta' }, groupName.get(gap.groupId)) : null)));
}

/** The items of a list of people inside a team ({items, page, size, total}: the services page them). */
const peopleOf = (list) => list?.items ?? [];

/**
 * GET /api/profiles/teams/mine → [{id, name, members:{items:[{id, displayName}], total}}] and GET
 * /api/progress/teams/mine → [{teamId, teamName, members:{items:[{employeeId, displayName, currentLevelName,
 * nextLevelId, readinessPercent, atRisk}], total}}]: one row per member shown, readiness from progress-service when it
 * knows the member.
 */
export function teamMembers(profileTeams, progressTeams) {
  const rows = new Map();
  for (const team of progressTeams ?? []) {
    for (const m of peopleOf(team.members)) {
      rows.set(m.employeeId, { id: m.employeeId, name: m.displayName || m.employeeId, team: team.teamName, teamId: team.teamId, progress: m });
    }
  }
  for (const team of profileTeams ?? []) {
    for (const m of peopleOf(team.members)) {
      if (!rows.has(m.id)) rows.set(m.id, { id: m.id, name: m.displayName, team: team.name, teamId: team.id, progress: null });
    }
  }
  return [...rows.values()];
}

/** onView(member): opens that member's progress (the "View" button of each row). */
export function renderTeam(members, levelNames = new Map(), onView = null) {
  $('team-empty').textContent = "You don't manage a team yet.";
  $('team-empty').hidden = members.length > 0;
  $('team-list').replaceChildren(...members.map((m) => {
    const p = m.progress;
    const current = p ? p.currentLevelName ?? p.currentLevelId ?? '–' : null;
    const next = p?.nextLevelId ? p.nextLevelName ?? levelNames.get(p.nextLevelId) ?? p.nextLevelId : null;
    const readiness = p ? percent(p.readinessPercent ?? 0) : 0;
    const fill = h('div', { class: 'bar-fill' });
    const bar = h('div', { class: 'bar small', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': `${m.name} readiness` }, fill);
    setBar(fill, bar, readiness);
    return h('li', { class: 'team-member', 'data-employee-id': m.id, 'data-team-id': m.teamId, 'data-at-risk': String(Boolean(p?.atRisk)) },
      h('div', {}, h('div', { class: 'name' }, m.name), m.team ? h('div', { class: 'item-meta' }, m.team) : null),
      h('div', {},
        h('div', { class: 'member-level' }, p ? current : 'No progress yet',
          p?.atRisk ? h('span', { class: 'badge risk small-badge' }, 'At risk') : null),
        next ? h('div', { class: 'item-meta' }, `next: ${next}`) : null),
      h('div', { class: 'team-readiness' }, bar, h('span', { class: 'member-readiness' }, `${readiness}%`)),
      onView ? h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'view-member',
        'aria-label': `View the progress of ${m.name}`, onclick: () => onView(m) }, 'View') : null);
  }));
}

/** Level ids → names, as far as the members' current levels tell. */
export function levelNamesOf(progressTeams) {
  const names = new Map();
  for (const team of progressTeams ?? []) {
    for (const m of peopleOf(team.members)) if (m.currentLevelId) names.set(m.currentLevelId, m.currentLevelName || m.currentLevelId);
  }
  return names;
}

/**
 * One block per team: level distribution, readiness histogram, skill-gap matrix, expiring certifications, CSV.
 * `more(team)` is the team's "Show more members" control, or null when every one of its people is shown.
 */
export function renderTeamReadiness(progressTeams, more = () => null) {
  const names = levelNamesOf(progressTeams);
  $('team-readiness').replaceChildren(...(progressTeams ?? []).map((team) => renderTeamBlock(team, names, more(team.teamId))));
}

/** "12 members" (a count of people). */
const membersText = (n) => `${n} member${n === 1 ? '' : 's'}`;

function renderTeamBlock(team, levelNames, more) {
  const id = team.teamId;
  const headingId = `team-${id}-title`;
  const members = peopleOf(team.members);
  const total = team.members?.total ?? members.length;
  return h('section', { class: 'team-block', 'data-team-id': id, 'aria-labelledby': headingId },
    h('div', { class: 'team-block-head' },
      h('h3', { id: headingId }, team.teamName || id,
        h('span', { class: 'item-meta' }, ` · ${membersText(total)}`)),
      h('a', {
        class: 'button secondary small team-csv', 'data-testid': 'team-csv', download: `team-${id}-readiness.csv`,
        href: `/api/progress/teams/${encodeURIComponent(id)}/export.csv`,
      }, 'Download CSV')),
    h('div', { class: 'team-stats' },
      renderLevelDistribution(team.levelDistribution ?? {}, levelNames, id),
      renderHistogram(team.readinessHistogram ?? {}, id)),
    renderSkillGaps(team, id),
    renderExpiring(team.expiringCertifications, id),
    more);
}

/**
 * The "Show more members" control of a team (a real button, named after the team) and the line saying how many of
 * its people are shown; `onMore` reads the next page. `data-team-id` lets focus come back to it after a re-render.
 */
export function teamMoreControl(teamId, teamName, shown, total, onMore) {
  return h('div', { class: 'team-more-members', 'data-team-id': teamId },
    h('p', { class: 'item-meta', 'data-testid': 'team-members-shown' }, `Showing ${shown} of the ${membersText(total)} of ${teamName}.`),
    h('button', {
      type: 'button', class: 'button secondary small', 'data-testid': 'team-members-more',
      'aria-label': `Show more members of ${teamName}`, onclick: (event) => onMore(teamId, event.currentTarget),
    }, 'Show more members'));
}

function renderLevelDistribution(distribution, levelNames, teamId) {
  const entries = Object.entries(distribution);
  const titleId = `team-${teamId}-levels`;
  return h('div', { class: 'stat' },
    h('h4', { id: titleId }, 'Level distribution'),
    entries.length
      ? h('ul', { class: 'level-distribution', 'data-testid': 'level-distribution', 'aria-labelledby': titleId },
          entries.map(([level, count]) => h('li', { 'data-level-id': level },
            h('span', {}, levelNames.get(level) ?? level), h('strong', {}, String(count)))))
      : h('p', { class: 'muted' }, 'No levels yet.'));
}

function renderHistogram(histogram, teamId) {
  // JSON object order is lost for the integer-like key "100" (JS lists it first): sort by the bucket's lower bound.
  const entries = Object.entries(histogram).sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10));
  const max = Math.max(1, ...entries.map(([, n]) => Number(n) || 0));
  const titleId = `team-${teamId}-histogram`;
  return h('div', { class: 'stat' },
    h('h4', { id: titleId }, 'Readiness for the next level'),
    h('ul', { class: 'histogram', 'data-testid': 'readiness-histogram', 'aria-labelledby': titleId },
      entries.map(([bucket, count]) => {
        const n = Number(count) || 0;
        const fill = h('span', { class: 'histogram-fill', 'aria-hidden': 'true' });
        fill.style.width = `${Math.round((n / max) * 100)}%`;
        return h('li', { 'data-bucket': bucket, 'data-count': String(n) },
          h('span', { class: 'histogram-label' }, `${bucket}%`),
          h('span', { class: 'histogram-bar' }, fill),
          h('span', { class: 'histogram-count' }, String(n),
            h('span', { class: 'sr-only' }, n === 1 ? ' member' : ' members')));
      })));
}

function renderSkillGaps(team, teamId) {
  const skills = team.skillGaps?.skills ?? [];
  const members = peopleOf(team.members); // the columns: the members shown (the cells come with their page)
  const wrap = h('div', { class: 'stat wide-stat' }, h('h4', {}, 'Skill gaps for the next level'));
  if (!skills.length || !members.length) {
    wrap.append(h('p', { class: 'muted' }, 'No skill requirements for the members\' next levels.'));
    return wrap;
  }
  const table = h('table', { class: 'gap-matrix', 'data-testid': 'skill-gaps', id: `team-${teamId}-skill-gaps` },
    h('caption', { class: 'sr-only' },
      `Skill gaps of ${team.teamName || teamId}: assessed proficiency / required proficiency per skill and member`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Skill'),
      members.map((m) => h('th', { scope: 'col', 'data-employee-id': m.employeeId }, m.displayName || m.employeeId)))),
    h('tbody', {}, skills.map((skill) => {
      const cells = new Map((skill.members ?? []).map((c) => [c.employeeId, c]));
      return h('tr', { 'data-skill-id': skill.skillId },
        h('th', { scope: 'row' }, skill.name || skill.skillId),
        members.map((m) => gapCell(cells.get(m.employeeId))));
    })));
  wrap.append(h('div', { class: 'table-scroll' }, table),
    h('p', { class: 'item-meta' }, 'Cells show assessed / required proficiency; highlighted cells are gaps.'));
  return wrap;
}

function gapCell(cell) {
  if (!cell || (cell.assessed == null && cell.required == null)) {
    return h('td', { class: 'na' }, h('span', { 'aria-hidden': 'true' }, '·'), h('span', { class: 'sr-only' }, 'not required'));
  }
  const assessed = cell.assessed == null ? '–' : String(cell.assessed);
  const required = cell.required == null ? '–' : String(cell.required);
  return h('td', { class: cell.gap ? 'gap' : 'ok', 'data-gap': String(Boolean(cell.gap)) },
    `${assessed} / ${required}`,
    h('span', { class: 'sr-only' }, cell.gap ? ' (gap)' : ' (met)'));
}

function renderExpiring(page, teamId) {
  const titleId = `team-${teamId}-expiring`;
  const expiring = peopleOf(page);
  const total = page?.total ?? expiring.length;
  return h('div', { class: 'stat wide-stat' },
    h('h4', { id: titleId }, 'Certifications expiring within 90 days',
      total > expiring.length ? h('span', { class: 'item-meta' }, ` · ${expiring.length} of ${total} shown`) : null),
    expiring.length
      ? h('ul', { class: 'items compact expiring', 'data-testid': 'expiring-certifications', 'aria-labelledby': titleId },
          expiring.map((c) => h('li', { class: 'item', 'data-employee-id': c.employeeId, 'data-certification-id': c.certificationId },
            h('span', { class: 'item-title' }, c.displayName || c.employeeId), ' — ', c.name || c.certificationId,
            h('div', { class: 'item-meta' },
              `expires ${formatDate(c.expiresOn)}${Number.isFinite(c.daysLeft) ? ` (in ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'})` : ''}`))))
      : h('p', { class: 'muted', 'data-testid': 'expiring-none' }, 'None.'));
}
