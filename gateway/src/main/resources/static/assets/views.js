// Renders the cards from the services' JSON (shapes in the services' OpenAPI documents); optional fields that are
// absent degrade to "–" rather than a broken page.
import { $, h, formatDate, formatDateTime, percent, setBar } from './dom.js';

const levelName = (level) => (level == null ? null : level.name ?? level.id);

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
  $('current-level').textContent = levelName(progress.currentLevel) ?? '–';
  const next = levelName(progress.nextLevel);
  $('next-level').textContent = next ?? 'Top level reached';
  const readiness = percent(progress.readinessPercent);
  $('readiness-percent').textContent = `${readiness}%`;
  $('readiness-percent').dataset.value = String(readiness);
  setBar($('readiness-fill'), $('readiness-bar'), readiness);
  $('readiness-label').textContent = next ? `Readiness for ${next}` : 'Readiness';

  const groups = progress.groups;
  $('requirement-groups').replaceChildren(
    ...(groups.length
      ? groups.map(renderGroup)
      : [h('li', { class: 'muted' }, next ? 'No requirements listed for the next level.' : 'Nothing left to reach.')]),
  );
}

function renderGroup(group) {
  const met = Boolean(group.met);
  const items = group.items;
  return h('li', { class: 'group', 'data-group-id': group.id, 'data-met': String(met) },
    h('div', { class: 'group-head' },
      h('span', { class: 'group-title' }, group.description || group.id),
      h('span', { class: `status ${met ? 'met' : 'unmet'}` }, met ? 'Met' : 'Not met')),
    items.length
      ? h('ul', { class: 'group-items' }, items.map((item) =>
          h('li', { 'data-ref': item.ref, 'data-met': String(Boolean(item.met)) },
            h('span', { class: `mark ${item.met ? 'met' : 'unmet'}`, 'aria-hidden': 'true' }, item.met ? '✓' : '○'),
            h('span', {}, item.name || item.ref || item.type),
            item.type ? h('span', { class: 'item-meta' }, ` · ${String(item.type).toLowerCase()}`) : null,
            h('span', { class: 'sr-only' }, item.met ? ' (met)' : ' (not met)'))))
      : null);
}

export function renderCertifications(records) {
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
  const notifications = [...data]
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

/** GET /api/profiles/teams/mine → [{id, name, members:[{id, displayName}]}]; one row per member. */
export function teamMembers(teams) {
  return (teams ?? []).flatMap((team) => team.members.map((m) => ({ id: m.id, name: m.displayName, team: team.name })));
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
