// Renders the cards from the services' JSON. Tolerant by design: services evolve independently,
// so missing or renamed optional fields degrade to "–" rather than a broken page.
import { $, h, formatDate, formatDateTime, percent, setBar } from './dom.js';

export const listOf = (data, ...keys) => {
  if (Array.isArray(data)) return data;
  for (const key of keys) if (Array.isArray(data?.[key])) return data[key];
  return [];
};

const levelName = (level) =>
  level == null ? null : typeof level === 'string' ? level : level.name ?? level.levelName ?? level.id ?? null;

export function renderSession(session) {
  $('user-name').textContent = session.name || session.username || 'Signed in';
  $('user-name').title = session.email || '';
  const roles = Array.isArray(session.roles) ? session.roles : [];
  $('user-roles').replaceChildren(...roles.map((role) => h('li', { 'data-role': role }, role)));
}

export function renderProgress(progress) {
  const empty = $('progress-empty');
  if (!progress) {
    empty.textContent = 'No progress yet. Record a certification to get started.';
    empty.hidden = false;
    $('progress-details').hidden = true;
    return;
  }
  empty.hidden = true;
  $('progress-details').hidden = false;
  $('current-level').textContent = levelName(progress.currentLevel ?? progress.currentLevelName) ?? '–';
  const next = levelName(progress.nextLevel ?? progress.nextLevelName);
  $('next-level').textContent = next ?? 'Top level reached';
  const readiness = percent(progress.readinessPercent ?? progress.readiness ?? (next ? 0 : 100));
  $('readiness-percent').textContent = `${readiness}%`;
  $('readiness-percent').dataset.value = String(readiness);
  setBar($('readiness-fill'), $('readiness-bar'), readiness);
  $('readiness-label').textContent = next ? `Readiness for ${next}` : 'Readiness';

  const groups = listOf(progress.groups ?? progress.requirements ?? progress.requirementGroups);
  $('requirement-groups').replaceChildren(
    ...(groups.length
      ? groups.map(renderGroup)
      : [h('li', { class: 'muted' }, next ? 'No requirements listed for the next level.' : 'Nothing left to reach.')]),
  );
}

function renderGroup(group) {
  const met = Boolean(group.met);
  const items = listOf(group.items ?? group.requirements);
  return h('li', { class: 'group', 'data-group-id': group.id, 'data-met': String(met) },
    h('div', { class: 'group-head' },
      h('span', { class: 'group-title' }, group.description || group.name || group.id || 'Requirement'),
      h('span', { class: `status ${met ? 'met' : 'unmet'}` }, met ? 'Met' : 'Not met')),
    items.length
      ? h('ul', { class: 'group-items' }, items.map((item) =>
          h('li', { 'data-ref': item.ref, 'data-met': String(Boolean(item.met)) },
            h('span', { class: `mark ${item.met ? 'met' : 'unmet'}`, 'aria-hidden': 'true' }, item.met ? '✓' : '○'),
            h('span', {}, item.name || item.ref || item.type || 'Item'),
            item.type ? h('span', { class: 'item-meta' }, ` · ${String(item.type).toLowerCase()}`) : null,
            h('span', { class: 'sr-only' }, item.met ? ' (met)' : ' (not met)'))))
      : null);
}

export function renderCertifications(data) {
  const records = listOf(data, 'items', 'certifications', 'content');
  $('certifications-empty').textContent = 'No certifications recorded yet.';
  $('certifications-empty').hidden = records.length > 0;
  $('certifications-list').replaceChildren(...records.map((r) => {
    const dates = [r.issuedOn && `Issued ${formatDate(r.issuedOn)}`, r.expiresOn && `expires ${formatDate(r.expiresOn)}`]
      .filter(Boolean).join(' · ');
    const credential = [r.credentialId && `Credential ${r.credentialId}`, r.issuer].filter(Boolean).join(' · ');
    return h('li', { class: 'item certification', 'data-id': r.id, 'data-certification-id': r.certificationId },
      h('div', { class: 'item-title' }, r.certificationName || r.name || r.certificationId || 'Certification'),
      credential ? h('div', { class: 'item-meta' }, credential) : null,
      dates ? h('div', { class: 'item-meta' }, dates) : null);
  }));
}

export function renderNotifications(data, onMarkRead) {
  const notifications = [...listOf(data, 'items', 'notifications', 'content')]
    .sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
  const unread = notifications.filter((n) => !n.read).length;
  const badge = $('unread-count');
  badge.textContent = String(unread);
  badge.setAttribute('aria-label', `${unread} unread`);
  badge.hidden = unread === 0;
  $('notifications-empty').textContent = 'No notifications yet.';
  $('notifications-empty').hidden = notifications.length > 0;
  $('notifications').replaceChildren(...notifications.map((n) =>
    h('li', { class: `item notification${n.read ? '' : ' unread'}`, 'data-id': n.id, 'data-read': String(Boolean(n.read)), 'data-kind': n.kind },
      h('div', {},
        h('div', { class: 'item-title' }, n.title || 'Notification'),
        n.message ? h('p', {}, n.message) : null,
        n.createdAt ? h('div', { class: 'item-meta' }, formatDateTime(n.createdAt)) : null),
      n.read
        ? null
        : h('button', {
            type: 'button', class: 'button secondary small mark-read', 'data-testid': 'mark-read',
            'aria-label': `Mark “${n.title || 'notification'}” as read`, onclick: (e) => onMarkRead(n.id, e.currentTarget),
          }, 'Mark read'))));
}

/** teams/mine may be one team, a list of teams, or a list of members; returns [{id, name, team}]. */
export function teamMembers(data) {
  const entries = Array.isArray(data) ? data : Array.isArray(data?.teams) ? data.teams : data ? [data] : [];
  const members = [];
  for (const entry of entries) {
    const people = entry.members ?? entry.employees;
    if (Array.isArray(people)) {
      for (const m of people) members.push({ ...m, teamName: m.teamName ?? entry.name ?? entry.teamName ?? entry.id });
    } else if (entry.employeeId) {
      members.push(entry); // the response was a bare list of members
    }
  }
  return members
    .map((m) => ({
      id: m.employeeId ?? m.id,
      name: m.displayName ?? m.name ?? m.username ?? m.email ?? m.employeeId ?? m.id,
      team: m.teamName,
    }))
    .filter((m) => m.id);
}

export function renderTeam(members, progressById) {
  $('team-empty').textContent = "You don't manage a team yet.";
  $('team-empty').hidden = members.length > 0;
  $('team-list').replaceChildren(...members.map((m) => {
    const p = progressById.get(m.id);
    const current = p ? levelName(p.currentLevel) ?? '–' : null;
    const next = p ? levelName(p.nextLevel) : null;
    const readiness = p ? percent(p.readinessPercent ?? 0) : 0;
    const fill = h('div', { class: 'bar-fill' });
    const bar = h('div', { class: 'bar small', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': `${m.name} readiness` }, fill);
    setBar(fill, bar, readiness);
    return h('li', { class: 'team-member', 'data-employee-id': m.id },
      h('div', {}, h('div', { class: 'name' }, m.name), m.team ? h('div', { class: 'item-meta' }, m.team) : null),
      h('div', {},
        h('div', { class: 'member-level' }, p ? current : 'No progress yet'),
        next ? h('div', { class: 'item-meta' }, `next: ${next}`) : null),
      h('div', { class: 'team-readiness' }, bar, h('span', { class: 'member-readiness' }, `${readiness}%`)));
  }));
}
