// Ladder portal: plain ES modules, no build step. Everything goes through the gateway, which holds the login session
// and relays the access token to the services. The page is a set of views by task (router.js); each view loads what
// it shows when it is shown, and only the view on screen polls. Notifications do not poll: one live stream keeps the
// badge and the list current (notifications.js).
import { allPages, api, ApiError, csrfToken } from './api.js';
import { $, h } from './dom.js';
import { initCatalogAdmin } from './catalog-admin.js';
import { isRoute, rememberDeepLink, takeDeepLink } from './deep-link.js';
import { initClaims, renderClaims } from './claims.js';
import { initExperience, loadExperience } from './experience.js';
import { initMemberView, showMember } from './member.js';
import { initNotifications, showNotifications, startNotificationStream, stopNotificationStream } from './notifications.js';
import { initOrganisation, loadOrganisation } from './organisation.js';
import { initOverview, loadOverview } from './org-overview.js';
import { initRecordForm, renderCertificationOptions } from './record.js';
import { initResponsive } from './responsive.js';
import { initRoadmapSearch, loadRoadmap } from './roadmap.js';
import { defineView, setAllowed, startRouter } from './router.js';
import { initSettings, leaveSettings, showSettings } from './settings.js';
import { initSkills, loadSkills } from './skills.js';
import { initTeamCharts, loadTeamCharts } from './team-charts.js';
import { MEMBER_PAGE, openNextPage, teamCounts, withOpenedPages } from './team-pages.js';
import { loadTimeline } from './timeline-chart.js';
import { initVerification, loadQueue } from './verification.js';
import {
  initAsOf, levelNamesOf, renderPlacement, renderProgress, renderSession, renderTeam,
  renderTeamReadiness, teamMembers, teamMoreControl,
} from './views.js';
import { initWhatIf, renderWhatIfCertifications, renderWhatIfSkills, whatIfForMe } from './whatif.js';

const POLL_MS = 2000;
// where the gateway starts the Keycloak login (its default for a page without a session; README "The portal")
const SIGN_IN = '/oauth2/authorization/keycloak';
const errors = new Map(); // source -> message shown in the banner
const lastSeen = new Map(); // source -> JSON last rendered, so unchanged data does not re-render
let sessionEnded = false;
let session = null;
let myAsOf = null; // the day "My progress" shows ('yyyy-MM-dd'), or null for today

// ---- banner ---------------------------------------------------------------------------------

function renderBanner() {
  const banner = $('error-banner');
  if (sessionEnded) {
    banner.replaceChildren(
      session ? 'Your session has ended. ' : 'You are not signed in. ',
      h('a', { href: SIGN_IN, id: 'relogin', 'data-testid': 'relogin', onclick: () => rememberDeepLink() },
        session ? 'Log in again' : 'Sign in'));
    banner.hidden = false;
    return;
  }
  const messages = [...errors.values()];
  banner.replaceChildren(...(messages.length === 1
    ? [messages[0]]
    : [h('ul', {}, messages.map((m) => h('li', {}, m)))]));
  banner.hidden = messages.length === 0;
}

function reportError(source, error) {
  if (error instanceof ApiError && error.status === 401) {
    onUnauthorized();
    return;
  }
  const label = {
    session: 'Your account', profile: 'Your profile', catalog: 'The catalog', progress: 'Your progress',
    certifications: 'Your certifications', notifications: 'Notifications', team: 'Your team',
    'catalog-admin': 'The catalog editor', roadmap: 'Your roadmap', skills: 'Your skills', experience: 'Your experience',
    verification: 'The verification queue', organisation: 'The organisation', permissions: 'Your teams',
  }[source] ?? source;
  errors.set(source, `${label} could not be loaded: ${error.message}`);
  renderBanner();
  showPanelError(source, errors.get(source));
}

function clearError(source) {
  clearPanelError(source);
  if (errors.delete(source)) renderBanner();
}

// ---- each panel's own error state -----------------------------------------------------------

// The placeholder of each panel a source fills ("Loading…" until its data is shown; a select's only option): when
// the source fails before anything was shown, the placeholder says what failed instead of loading for ever.
const PANELS = {
  progress: ['progress-empty', 'what-if-skills'],
  catalog: ['certification', 'what-if-certifications'],
  certifications: ['certifications-empty'],
  skills: ['skills-empty', 'skill-select'],
  experience: ['experience-empty'],
  roadmap: ['roadmap-empty'],
  notifications: ['notifications-empty'],
  team: ['team-empty'],
  verification: ['verification-empty'],
  organisation: ['people-summary', 'audit-summary'],
  'catalog-admin': ['catalog-track'],
};

/** Nothing shown yet in this placeholder: it is empty, still loading, or already showing an error. */
const placeholderOpen = (el) => el.dataset.state === 'error' || /^\s*(Loading\b|$)/.test(el.tagName === 'SELECT'
  ? (el.options.length === 1 ? el.options[0].text : 'data') : el.textContent);

function showPanelError(source, message) {
  for (const id of PANELS[source] ?? []) {
    const el = $(id);
    if (!el || !placeholderOpen(el)) continue;
    el.dataset.state = 'error';
    if (el.tagName === 'SELECT') el.options[0].text = message;
    else {
      el.textContent = message;
      el.hidden = false;
    }
  }
}

function clearPanelError(source) {
  for (const id of PANELS[source] ?? []) {
    const el = $(id);
    if (el?.dataset.state !== 'error') continue;
    delete el.dataset.state;
    // a renderer that showed the data replaced the message; one that had nothing to replace it with shows nothing
    if (el.tagName === 'SELECT' && el.options.length === 1) el.options[0].text = 'Loading…';
  }
}

function onUnauthorized() {
  if (sessionEnded) return;
  sessionEnded = true;
  stopNotificationStream();
  rememberDeepLink(); // the view on screen, to come back to after signing in
  renderBanner();
  // Go through login again, but never loop: at most one automatic attempt every 30 seconds.
  const last = Number(sessionStorage.getItem('ladder.relogin') || 0);
  if (Date.now() - last > 30000) {
    sessionStorage.setItem('ladder.relogin', String(Date.now()));
    window.location.assign(SIGN_IN);
  }
}

// ---- loaders --------------------------------------------------------------------------------

/** Calls render only when the data changed since the last render of this source. */
function changed(source, data) {
  const json = JSON.stringify(data ?? null);
  if (lastSeen.get(source) === json) return false;
  lastSeen.set(source, json);
  return true;
}

async function orNullOn404(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

let profilePromise = null;

/** GET /api/profiles/me (track, region), once; again after a failure. */
function ensureProfile() {
  profilePromise ??= api('/api/profiles/me').catch((error) => {
    profilePromise = null;
    throw error;
  });
  return profilePromise;
}

let catalogLoaded = false;

/** The certifications for the record form and what-if: the employee's own track's pathway first. */
async function loadCatalog() {
  if (catalogLoaded) return;
  // every certification of the catalog (GET /api/catalog/certifications, a page at a time, in pathway order)
  const certifications = await allPages('/api/catalog/certifications');
  let own = [];
  let trackName = null;
  try {
    const profile = await ensureProfile();
    if (profile?.trackId) {
      const pathway = await api(`/api/catalog/tracks/${encodeURIComponent(profile.trackId)}/certifications`);
      own = (pathway ?? []).map((c) => c.id);
      trackName = (await allPages('/api/catalog/tracks')).find((t) => t.id === profile.trackId)?.name ?? null;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    // without the profile or the track the select still lists every certification
  }
  renderCertificationOptions(certifications, own, trackName);
  ensureProfile().then(async (profile) => {
    // the newest placement at a level (admins place people who join with a history); shown to the person
    const placements = await api(`/api/profiles/${encodeURIComponent(profile.id)}/placements?size=1`);
    renderPlacement(profile, trackName, placements?.items?.[0]);
  }).catch(() => {});
  renderWhatIfCertifications(certifications);
  catalogLoaded = true;
}

/** 404 until progress-service has received the first catalog release, or for a day before the first one. */
async function loadProgress() {
  const day = myAsOf;
  let progress = null;
  let empty;
  try {
    progress = await api(`/api/progress/me${day ? `?asOf=${day}` : ''}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    if (day) empty = error.problem?.detail || 'Nothing was recorded by then.';
  }
  if (day !== myAsOf) return; // the day changed while this was loading
  if (changed('progress', { day, progress, empty })) {
    renderProgress(progress, '', empty);
    if (!day) renderWhatIfSkills(progress); // what-if starts from today
  }
}

async function loadCertifications() {
  const data = await api('/api/profiles/me/certifications');
  if (changed('certifications', data)) renderClaims(data);
}

function renderPending(count) {
  const badge = $('nav-pending');
  badge.replaceChildren(String(count), h('span', { class: 'sr-only' }, ' waiting'));
  badge.hidden = !count;
}

async function forbiddenAsEmpty(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return []; // not a manager
    throw error;
  }
}

// the teams someone leads come a page at a time: the largest page holds every team of any real manager, and the Team
// view says so when there are more
const TEAMS_PAGE = 200;

/** The items of a page ({items, page, size, total}); a 403/404 answered as empty ([]) has none. */
const itemsOf = (page) => (Array.isArray(page) ? page : page?.items ?? []);

/**
 * Membership from profile-service, readiness (histogram, skill gaps, expiring certifications) from progress-service;
 * each team with the pages of its people opened so far (team-pages.js).
 */
async function loadTeam() {
  const query = `size=${TEAMS_PAGE}&memberSize=${MEMBER_PAGE}`;
  const [profilePage, progressPage] = await Promise.all([
    forbiddenAsEmpty(api(`/api/profiles/teams/mine?${query}`)),
    forbiddenAsEmpty(api(`/api/progress/teams/mine?${query}`)),
  ]);
  const { profileTeams, progressTeams } = await withOpenedPages(itemsOf(profilePage), itemsOf(progressPage));
  const total = Math.max(profilePage?.total ?? profileTeams.length, progressPage?.total ?? progressTeams.length);
  if (changed('team', { profileTeams, progressTeams, total })) {
    $('team-card').hidden = false;
    const shown = Math.max(profileTeams.length, progressTeams.length);
    $('team-more').textContent = total > shown ? `Showing ${shown} of the ${total} teams you lead.` : '';
    $('team-more').hidden = total <= shown;
    const members = teamMembers(profileTeams, progressTeams);
    teamsShown = teamCounts(profileTeams, progressTeams, members);
    const more = (teamId) => {
      const team = teamsShown.get(teamId);
      return team?.more ? teamMoreControl(teamId, team.name, team.shown, team.total, showMoreMembers) : null;
    };
    renderTeamReadiness(progressTeams, more);
    renderTeam(members, levelNamesOf(progressTeams), showMember);
    $('team-list-more').replaceChildren(...[...teamsShown.keys()].map(more).filter(Boolean));
  }
}

let teamsShown = new Map(); // team id -> {name, shown, total, more}, as last rendered

/**
 * "Show more members": opens the team's next page and shows it; says how many are shown now, and moves focus to the
 * first member it added (as "Load older" does for notifications), else back to the team's control.
 */
async function showMoreMembers(teamId, button) {
  const before = new Set([...$('team-list').children].map((li) => li.dataset.employeeId));
  const container = button.closest('#team-readiness, #team-list-more'); // the button itself is replaced
  button.disabled = true;
  openNextPage(teamId);
  await run('team', loadTeam);
  button.disabled = false; // still there when nothing changed
  const team = teamsShown.get(teamId);
  if (team) {
    // the same words again get a no-break space, so they are said again
    const text = `Showing ${team.shown} of the ${team.total} members of ${team.name}.`;
    $('team-live').textContent = $('team-live').textContent === text ? `${text}\u00a0` : text;
  }
  const added = [...$('team-list').children].find((li) => !before.has(li.dataset.employeeId));
  const target = added ?? container?.querySelector(
    `.team-more-members[data-team-id="${CSS.escape(teamId)}"] button`) ?? $('team-members-title');
  if (!target.matches('button')) target.tabIndex = -1;
  target.focus();
}

// ---- polling --------------------------------------------------------------------------------

async function run(source, loader) {
  if (sessionEnded) return;
  try {
    await loader();
    clearError(source);
  } catch (error) {
    reportError(source, error);
  }
}

let visit = 0; // increases whenever a view is shown or hidden: a poll of an earlier visit stops

/**
 * Runs each task of a view now; tasks with `every` repeat (a pause between calls, never piling up) while it is shown.
 * The view is marked busy (aria-busy) until each task's first load has ended, shown or failed.
 */
function startTasks(tasks, view) {
  const mine = ++visit;
  const first = [];
  for (const { source, load, every } of tasks) {
    const tick = async () => {
      if (mine !== visit || sessionEnded) return;
      await run(source, load);
      if (every && mine === visit && !sessionEnded) setTimeout(tick, every);
    };
    first.push(tick());
  }
  const section = view && $(`view-${view}`);
  if (!section) return;
  section.setAttribute('aria-busy', 'true');
  Promise.allSettled(first).then(() => { if (mine === visit) section.setAttribute('aria-busy', 'false'); });
}

/** Hidden views stop polling; their errors leave the banner. */
function stopTasks(tasks, view) {
  visit++;
  $(`view-${view}`)?.setAttribute('aria-busy', 'false');
  for (const { source } of tasks) clearError(source);
}

/** A view whose `tasks` run while it is shown; `enter` runs first. */
function taskView(name, tasks, { allowed = true, enter = () => {} } = {}) {
  defineView(name, {
    allowed,
    enter: () => { enter(); startTasks(tasks, name); },
    leave: () => stopTasks(tasks, name),
  });
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  initResponsive();
  $('logout-form').addEventListener('submit', () => {
    $('logout-csrf').value = csrfToken();
    sessionEnded = true; // stop polling while the browser leaves
    stopNotificationStream();
  });
  initRecordForm({
    onRecorded: () => run('certifications', loadCertifications),
    onUnauthorized,
  });
  initClaims({ reload: () => run('certifications', loadCertifications), onUnauthorized });
  initSkills({ onUnauthorized });
  initExperience({ onUnauthorized });
  initWhatIf({ onUnauthorized });
  initRoadmapSearch({ onUnauthorized });
  initVerification({ onUnauthorized, onCount: renderPending });
  initNotifications({
    onUnauthorized,
    onError: (error) => reportError('notifications', error),
    onOk: () => clearError('notifications'),
  });
  initAsOf('progress-', (day) => { myAsOf = day; run('progress', loadProgress); });

  // a link to a view opened without a session: remembered before anything sends the browser to sign in
  rememberDeepLink();
  try {
    session = await api('/session');
    renderSession(session);
    sessionStorage.removeItem('ladder.relogin');
  } catch (error) {
    reportError('session', error);
    return;
  }
  const roles = session.roles ?? [];
  const admin = roles.includes('admin');
  // a manager is anyone who leads a team (as manager or deputy), whatever their roles say
  let leads = false;
  try {
    leads = itemsOf(await forbiddenAsEmpty(api('/api/profiles/teams/mine?size=1'))).length > 0;
  } catch (error) {
    reportError('permissions', error);
  }

  taskView('progress', [
    { source: 'catalog', load: loadCatalog },
    { source: 'progress', load: loadProgress, every: POLL_MS },
    // history changes slowly: drawn once per visit (the chart shows its own loading, empty and error states)
    { source: 'timeline', load: () => loadTimeline($('my-timeline'), { id: 'my-timeline-chart', url: '/api/progress/me/timeline', onUnauthorized }) },
  ], { enter: whatIfForMe });
  taskView('roadmap', [{ source: 'roadmap', load: async () => loadRoadmap(await ensureProfile()) }]);
  taskView('record', [
    { source: 'catalog', load: loadCatalog },
    { source: 'certifications', load: loadCertifications, every: 5 * POLL_MS / 2 },
    { source: 'skills', load: loadSkills },
    { source: 'experience', load: loadExperience },
  ]);
  // loaded once; then the live stream keeps the list and the badge current (no polling)
  taskView('notifications', [{ source: 'notifications', load: showNotifications }]);
  // a team's dashboard is large (about 0.8 MB for 1,000 members) and changes slowly: every 10 s, not every 2 s
  // the catalog: "What if…" for a member offers its certifications
  taskView('team', [
    { source: 'catalog', load: loadCatalog },
    { source: 'team', load: loadTeam, every: 5 * POLL_MS },
    { source: 'team-charts', load: loadTeamCharts },
  ], { allowed: leads });
  taskView('verification', [{ source: 'verification', load: loadQueue, every: 5 * POLL_MS }], { allowed: leads || admin });
  taskView('organisation', [
    { source: 'organisation', load: loadOrganisation },
    { source: 'org-overview', load: loadOverview },
  ], { allowed: admin });
  let catalogStarted = false;
  defineView('catalog', {
    allowed: admin,
    enter: () => {
      if (catalogStarted) return;
      catalogStarted = true; // the editor keeps its state (and unsaved edits) between visits
      initCatalogAdmin({ onUnauthorized, onError: (error) => reportError('catalog-admin', error) });
    },
  });
  // everyone: notification preferences; managers (team leads) and admins: their teams' chat webhooks too
  initSettings({ onUnauthorized, webhooks: leads || admin, admin });
  defineView('settings', { enter: () => { showSettings(); }, leave: leaveSettings });
  if (leads) initMemberView({ onUnauthorized });
  if (leads) initTeamCharts({ onUnauthorized });
  if (admin) initOrganisation({ onUnauthorized });
  if (admin) initOverview({ onUnauthorized });
  $('main-nav').hidden = false;
  // back from signing in: the view whose link was opened (the router falls back if this user may not use it)
  const wanted = takeDeepLink();
  if (wanted && !isRoute(window.location.hash)) window.history.replaceState(null, '', wanted);
  startRouter('progress');

  // the unread badge: live from the stream (its first event is the count)
  startNotificationStream();
  // the badges of views not shown: counted once at the start, then by their views
  if (leads || admin) run('verification', async () => renderPending((await api('/api/profiles/verification/queue?size=1')).total));
}

start();
