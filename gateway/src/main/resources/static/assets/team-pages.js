// The Team view's lists of people come a page at a time (the services' memberPage / memberSize): each team arrives
// with the first MEMBER_PAGE of its members, their skill-gap cells and its expiring certifications
// (GET /api/progress|profiles/teams/mine?memberSize=), and "Show more members" opens the team's next page
// (GET …/teams/{id}?memberPage=). The pages opened stay open while the view refreshes: each refresh reads them again,
// so what is shown stays current.
import { api } from './api.js';

export const MEMBER_PAGE = 50;

const opened = new Map(); // team id -> pages of its people shown (absent: the first, which comes with the team)

const itemsOf = (list) => list?.items ?? [];
const hidden = (list) => Math.max(0, (list?.total ?? 0) - itemsOf(list).length);

/**
 * Per team (either service's answer may lack it): its name, how many of its members the list shows (`members`: the
 * rows of views.teamMembers), how many it has, and whether any of its lists of people has more than it shows.
 */
export function teamCounts(profileTeams, progressTeams, members) {
  const profileOf = new Map(profileTeams.map((t) => [t.id, t]));
  const progressOf = new Map(progressTeams.map((t) => [t.teamId, t]));
  const counts = new Map();
  for (const id of new Set([...progressOf.keys(), ...profileOf.keys()])) {
    const progress = progressOf.get(id);
    const profile = profileOf.get(id);
    counts.set(id, {
      name: progress?.teamName ?? profile?.name ?? id,
      shown: members.filter((m) => m.teamId === id).length,
      total: Math.max(progress?.members?.total ?? 0, profile?.members?.total ?? 0),
      more: hasMore(progress, profile),
    });
  }
  return counts;
}

/** Whether a team has people neither list shows yet (members of either service, expiring certifications). */
function hasMore(progressTeam, profileTeam) {
  return hidden(progressTeam?.members) > 0 || hidden(progressTeam?.expiringCertifications) > 0
    || hidden(profileTeam?.members) > 0;
}

/** The next refresh (and "Show more members" now) reads one more page of the team's people. */
export function openNextPage(teamId) {
  opened.set(teamId, (opened.get(teamId) ?? 1) + 1);
}

/** The teams (each service's page of them) with every page opened so far appended to their lists of people. */
export async function withOpenedPages(profileTeams, progressTeams) {
  const byId = (teams, key) => new Map((teams ?? []).map((t) => [t[key], t]));
  const profile = byId(profileTeams, 'id');
  const progress = byId(progressTeams, 'teamId');
  await Promise.all([...opened].map(async ([teamId, pages]) => {
    const later = Array.from({ length: pages - 1 }, (_, i) => i + 1);
    // only a service whose first page said there are more is asked (the other may not know the team at all), in
    // pages of the size its first page had
    const read = (service, team, lists) => {
      const size = team?.members?.size ?? MEMBER_PAGE;
      return Promise.all(later.map((page) => (lists(team).some((list) => (list?.total ?? 0) > page * size)
        ? api(teamPath(service, teamId, page, size)) : null)));
    };
    const [profilePages, progressPages] = await Promise.all([
      read('profiles', profile.get(teamId), (t) => [t?.members]),
      read('progress', progress.get(teamId), (t) => [t?.members, t?.expiringCertifications]),
    ]);
    for (const next of profilePages) if (next) profile.set(teamId, appendProfile(profile.get(teamId), next));
    for (const next of progressPages) if (next) progress.set(teamId, appendProgress(progress.get(teamId), next));
  }));
  return {
    profileTeams: (profileTeams ?? []).map((t) => profile.get(t.id)),
    progressTeams: (progressTeams ?? []).map((t) => progress.get(t.teamId)),
  };
}

const teamPath = (service, teamId, page, size) =>
  `/api/${service}/teams/${encodeURIComponent(teamId)}?memberPage=${page}&memberSize=${size}`;

const append = (list, next) => ({ ...next, page: 0, size: list.size, items: [...itemsOf(list), ...itemsOf(next)] });

function appendProfile(team, next) {
  return { ...team, members: append(team.members, next.members) };
}

/** The next page's members, their cells in each row of the skill-gap matrix and the expiring certifications. */
function appendProgress(team, next) {
  const cells = new Map((next.skillGaps?.skills ?? []).map((row) => [row.skillId, row.members ?? []]));
  return {
    ...team,
    members: append(team.members, next.members),
    expiringCertifications: append(team.expiringCertifications, next.expiringCertifications),
    skillGaps: {
      ...team.skillGaps,
      skills: (team.skillGaps?.skills ?? []).map((row) => ({
        ...row, members: [...(row.members ?? []), ...(cells.get(row.skillId) ?? [])],
      })),
    },
  };
}
