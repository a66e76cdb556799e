// Ladder portal: one page, plain ES modules, no build step. Everything goes through the gateway,
// which holds the login session and relays the access token to the services.
import { api, ApiError, csrfToken } from './api.js';
import { $, h } from './dom.js';
import { initCatalogAdmin } from './catalog-admin.js';
import { initMemberView, showMember } from './member.js';
import { initRecordForm, renderCertificationOptions } from './record.js';
import {
  initAsOf, levelNamesOf, renderCertifications, renderNotifications, renderProgress, renderSession, renderTeam,
  renderTeamReadiness, teamMembers,
} from './views.js';
import { initWhatIf, renderWhatIfCertifications, renderWhatIfSkills } from './whatif.js';

const POLL_MS = 2000;
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
      'Your session has ended. ',
      h('a', { href: '/', id: 'relogin' }, 'Log in again'));
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
  const label = { session: 'Your account', catalog: 'The catalog', progress: 'Your progress', certifications: 'Your certifications', notifications: 'Notifications', team: 'Your team', 'catalog-admin': 'The catalog editor' }[source] ?? source;
  errors.set(source, `${label} could not be loaded: ${error.message}`);
  renderBanner();
}

function clearError(source) {
  if (errors.delete(source)) renderBanner();
}

function onUnauthorized() {
  if (sessionEnded) return;
  sessionEnded = true;
  renderBanner();
  // Go through login again, but never loop: at most one automatic attempt every 30 seconds.
  const last = Number(sessionStorage.getItem('ladder.relogin') || 0);
  if (Date.now() - last > 30000) {
    sessionStorage.setItem('ladder.relogin', String(Date.now()));
    window.location.assign('/');
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

async function loadCatalog() {
  const certifications = await api('/api/catalog/certifications');
  renderCertificationOptions(certifications);
  renderWhatIfCertifications(certifications);
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
  if (changed('certifications', data)) renderCertifications(data);
}

async function loadNotifications() {
  const data = await api('/api/notifications/me');
  if (changed('notifications', data)) renderNotifications(data, markRead);
}

async function forbiddenAsEmpty(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return []; // not a manager
    throw error;
  }
}

/** Membership from profile-service, readiness (histogram, skill gaps, expiring certifications) from progress-service. */
async function loadTeam() {
  const [profileTeams, progressTeams] = await Promise.all([
    forbiddenAsEmpty(api('/api/profiles/teams/mine')),
    forbiddenAsEmpty(api('/api/progress/teams/mine')),
  ]);
  if (changed('team', { profileTeams, progressTeams })) {
    renderTeamReadiness(progressTeams);
    renderTeam(teamMembers(profileTeams, progressTeams), levelNamesOf(progressTeams), showMember);
  }
}

async function markRead(id, button) {
  button.disabled = true;
  try {
    await api(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
    await loadNotifications();
    clearError('notifications');
  } catch (error) {
    button.disabled = false;
    reportError('notifications', error);
  }
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

/** For data that rarely changes: load once, retrying only while it fails. */
function retryUntilLoaded(source, loader, intervalMs) {
  const tick = async () => {
    if (sessionEnded) return;
    try {
      await loader();
      clearError(source);
    } catch (error) {
      reportError(source, error);
      setTimeout(tick, intervalMs);
    }
  };
  tick();
}

/** Polls with a pause between calls (not setInterval) so slow responses never pile up. */
function poll(source, loader, intervalMs) {
  const tick = async () => {
    await run(source, loader);
    if (!sessionEnded) setTimeout(tick, intervalMs);
  };
  tick();
}

// ---- start ----------------------------------------------------------------------------------

async function start() {
  $('logout-form').addEventListener('submit', () => {
    $('logout-csrf').value = csrfToken();
    sessionEnded = true; // stop polling while the browser leaves
  });
  initRecordForm({
    onRecorded: () => { run('certifications', loadCertifications); run('progress', loadProgress); },
    onUnauthorized,
  });
  initWhatIf({ onUnauthorized });
  initAsOf('progress-', (day) => { myAsOf = day; run('progress', loadProgress); });

  try {
    session = await api('/session');
    renderSession(session);
    sessionStorage.removeItem('ladder.relogin');
  } catch (error) {
    reportError('session', error);
    return;
  }

  retryUntilLoaded('catalog', loadCatalog, 5000);
  poll('progress', loadProgress, POLL_MS);
  poll('notifications', loadNotifications, POLL_MS);
  poll('certifications', loadCertifications, 5 * POLL_MS);
  if ((session.roles ?? []).includes('manager')) {
    $('team-card').hidden = false;
    initMemberView({ onUnauthorized });
    // a team's dashboard is large (about 0.8 MB for 1,000 members) and changes slowly: every 10 s, not every 2 s
    poll('team', loadTeam, 5 * POLL_MS);
  }
  if ((session.roles ?? []).includes('admin')) {
    initCatalogAdmin({ onUnauthorized, onError: (error) => reportError('catalog-admin', error) });
  }
}

start();
