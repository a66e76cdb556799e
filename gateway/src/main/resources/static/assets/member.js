// A team member's progress, opened by their manager from the team list: GET /api/progress/employees/{id} (progress-
// service checks that the caller manages them or is an admin), today or as of a past day, and a "What if…" for them.
import { api, ApiError } from './api.js';
import { $ } from './dom.js';
import { cloneProgressView, initAsOf, renderProgress } from './views.js';
import { whatIfFor } from './whatif.js';
import { loadTimeline } from './timeline-chart.js';

const PREFIX = 'member-';
let member = null; // {id, name} of the member shown
let opener = null; // the element that opened the card, focused again when it closes
let asOf = null; // 'yyyy-MM-dd', or null for today
let latest = 0; // only the newest request renders, however the answers arrive
let handleUnauthorized = () => {};

const progressOf = (id, day) => api(`/api/progress/employees/${encodeURIComponent(id)}${day ? `?asOf=${day}` : ''}`);

export function initMemberView({ onUnauthorized }) {
  handleUnauthorized = onUnauthorized;
  cloneProgressView(PREFIX, $('member-progress-details'));
  initAsOf(PREFIX, (day) => { asOf = day; load(); });
  $('member-close').addEventListener('click', () => {
    member = null;
    $('member-card').hidden = true;
    if (opener?.isConnected) opener.focus();
  });
  $('member-what-if').addEventListener('click', tryWhatIf);
}

/** member: {id, name} from the team list. */
export function showMember(chosen) {
  member = { id: chosen.id, name: chosen.name };
  opener = document.activeElement;
  $('member-name').textContent = chosen.name;
  $('member-card').hidden = false;
  load();
  // the member's readiness over time: always the last 12 months, whatever day the card shows
  loadTimeline($('member-timeline'), {
    id: 'member-timeline-chart', url: `/api/progress/employees/${encodeURIComponent(member.id)}/timeline`,
    who: member.name, onUnauthorized: handleUnauthorized,
  });
  $('member-card').scrollIntoView({ block: 'start' });
  $('member-title').focus();
}

async function load() {
  if (!member) return;
  const request = ++latest;
  const { id, name } = member;
  const day = asOf;
  try {
    const progress = await progressOf(id, day);
    if (request === latest) renderProgress(progress, PREFIX);
  } catch (error) {
    if (request !== latest) return;
    if (error instanceof ApiError && error.status === 401) {
      handleUnauthorized();
      return;
    }
    const notFound = error instanceof ApiError && error.status === 404;
    renderProgress(null, PREFIX, notFound
      ? (day ? error.problem?.detail || `Nothing was recorded for ${name} by then.` : `${name} has no progress yet.`)
      : `${name}'s progress could not be loaded: ${error.message}`);
  }
}

/** What-if always starts from today's progress, whatever day the card shows. */
async function tryWhatIf() {
  if (!member) return;
  let today = null;
  try {
    today = await progressOf(member.id, null);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      handleUnauthorized();
      return;
    }
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  whatIfFor(member, today);
}
