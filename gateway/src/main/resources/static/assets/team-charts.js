// The Team view's charts, per team the manager leads (GET /api/profiles/teams/mine for the teams, then
// GET /api/progress/teams/{id}/trends): readiness bands and levels at the end of each of the last 12 months (stacked
// bars), who is closest to their next level (horizontal bars), and the certifications lapsing in the next 12 months
// with what each lapse costs its holder (points on a date axis, one row per person).
import { api, ApiError } from './api.js';
import { $, h, formatDate } from './dom.js';
import { BAND_COLOURS, chartPanel, dayAxis, dayValue, PALETTE } from './charts.js';

const BANDS = ['0-24', '25-49', '50-74', '75-99', '100'];
let handleUnauthorized = () => {};
let shown = ''; // JSON of what was drawn last: unchanged data is not redrawn

export function initTeamCharts({ onUnauthorized }) {
  handleUnauthorized = onUnauthorized;
}

function serviceDown(error) {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/** A task of the Team view: loads and draws every team's charts (errors are shown in the panels, not thrown). */
export async function loadTeamCharts() {
  const root = $('team-charts');
  if (!root) return;
  let teams;
  try {
    // one page, the largest: every team of any real manager (the Team view says when there are more)
    teams = (await api('/api/profiles/teams/mine?size=200'))?.items ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) { handleUnauthorized(); return; }
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) teams = [];
    else {
      shown = '';
      root.replaceChildren(h('p', { class: 'muted chart-status', 'data-state': 'error', role: 'status' },
        serviceDown(error) ? 'The profile service is not answering: your teams cannot be listed right now.'
          : `Your teams could not be listed: ${error.message}`));
      return;
    }
  }
  if (!teams?.length) {
    shown = '';
    root.replaceChildren(h('p', { class: 'muted', 'data-state': 'empty' }, 'No team to chart yet.'));
    return;
  }
  const results = await Promise.all(teams.map(async (team) => {
    try {
      return { team, trends: await api(`/api/progress/teams/${encodeURIComponent(team.id)}/trends`) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) handleUnauthorized();
      return { team, error };
    }
  }));
  const json = JSON.stringify(results.map((r) => r.trends ?? String(r.error?.status)));
  if (json === shown && root.childElementCount) return;
  shown = json;
  root.replaceChildren(...results.map(({ team }) => h('section', {
    class: 'team-charts', 'data-team-id': team.id, 'data-testid': `team-charts-${team.id}`, 'aria-labelledby': `team-charts-${team.id}-title`,
  }, h('h3', { class: 'subhead', id: `team-charts-${team.id}-title` }, `${team.name || team.id}: over time and ahead`),
  h('div', { class: 'chart-grid' },
    h('div', { id: `tc-${team.id}-bands-slot` }), h('div', { id: `tc-${team.id}-levels-slot` }),
    h('div', { id: `tc-${team.id}-closest-slot` }), h('div', { id: `tc-${team.id}-expiry-slot` })))));
  for (const { team, trends, error } of results) {
    const slot = (name) => $(`tc-${team.id}-${name}-slot`);
    const panels = {
      bands: chartPanel(slot('bands'), { id: `tc-${team.id}-bands`, title: 'Readiness bands, month by month' }),
      levels: chartPanel(slot('levels'), { id: `tc-${team.id}-levels`, title: 'Levels held, month by month' }),
      closest: chartPanel(slot('closest'), { id: `tc-${team.id}-closest`, title: 'Closest to their next level' }),
      expiry: chartPanel(slot('expiry'), { id: `tc-${team.id}-expiry`, title: 'Certifications lapsing in the next 12 months' }),
    };
    if (error) {
      const text = serviceDown(error) ? 'The progress service is not answering: these charts cannot be shown right now.'
        : `These charts could not be loaded: ${error.message}`;
      Object.values(panels).forEach((panel) => panel.error(text));
      continue;
    }
    await drawBands(panels.bands, trends);
    await drawLevels(panels.levels, trends);
    await drawClosest(panels.closest, trends);
    await drawExpiries(panels.expiry, trends);
  }
}

function monthLabel(month) {
  const date = new Date(`${month.month}-01T00:00:00Z`);
  return date.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function drawBands(panel, trends) {
  const months = trends.months ?? [];
  if (!months.some((m) => m.members > 0)) return panel.empty('Nobody in this team has a history in the last 12 months.');
  const last = months[months.length - 1];
  const text = `At the end of each of the last ${months.length} months, how many members were in each readiness band. `
    + `Now: ${BANDS.map((b) => `${last.readiness?.[b] ?? 0} at ${b}%`).join(', ')}.`;
  return panel.draw({
    type: 'bar',
    data: {
      labels: months.map(monthLabel),
      datasets: BANDS.map((band) => ({
        label: `${band}%`, backgroundColor: BAND_COLOURS[band], data: months.map((m) => m.readiness?.[band] ?? 0),
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Members' } } } },
  }, text, ['Month', ...BANDS.map((b) => `${b}%`), 'Members'],
  months.map((m) => [monthLabel(m), ...BANDS.map((b) => String(m.readiness?.[b] ?? 0)), String(m.members)]));
}

function drawLevels(panel, trends) {
  const months = trends.months ?? [];
  const names = trends.levelNames ?? {};
  const levels = Object.keys(names);
  if (!levels.length) return panel.empty('No levels recorded in the last 12 months.');
  const last = months[months.length - 1];
  const text = `How many members held each level at the end of each month. Now: ${levels.map((l) => `${last.levels?.[l] ?? 0} ${names[l]}`).join(', ')}.`;
  return panel.draw({
    type: 'bar',
    data: {
      labels: months.map(monthLabel),
      datasets: levels.map((level, i) => ({ label: names[level], backgroundColor: PALETTE[(i + 3) % PALETTE.length], data: months.map((m) => m.levels?.[level] ?? 0) })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  }, text, ['Month', ...levels.map((l) => names[l])], months.map((m) => [monthLabel(m), ...levels.map((l) => String(m.levels?.[l] ?? 0))]));
}

function drawClosest(panel, trends) {
  const closest = trends.closestToNext ?? [];
  if (!closest.length) return panel.empty('Nobody has a next level to work towards.');
  const top = closest[0];
  const text = `Members sorted by readiness for their next level; ${top.displayName} is closest, `
    + `${top.readinessPercent}% of the way to ${top.nextLevelName || top.nextLevelId}.`;
  return panel.draw({
    type: 'bar',
    data: {
      labels: closest.map((m) => `${m.displayName} → ${m.nextLevelName || m.nextLevelId}`),
      datasets: [{ label: 'Readiness %', backgroundColor: closest.map((m) => (m.readinessPercent >= 75 ? '#039855' : '#2e90fa')), data: closest.map((m) => m.readinessPercent) }],
    },
    options: { indexAxis: 'y', scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } },
  }, text, ['Member', 'Level now', 'Next level', 'Readiness'],
  closest.map((m) => [m.displayName, m.currentLevelName || '–', m.nextLevelName || m.nextLevelId, `${m.readinessPercent}%${m.atRisk ? ' (at risk)' : ''}`]));
}

function effect(e) {
  if (e.levelLost) return `drops to ${e.levelAfter}`;
  const cost = e.readinessCost ? `readiness ${e.readinessBefore}% → ${e.readinessAfter}% (−${e.readinessCost})` : 'no readiness lost';
  return e.atRiskAfter ? `${cost}; at risk` : cost;
}

function drawExpiries(panel, trends) {
  const expiries = trends.expiries ?? [];
  if (!expiries.length) return panel.empty('No certification lapses in the next 12 months.');
  const people = [...new Set(expiries.map((e) => e.displayName))];
  const today = new Date().toISOString().slice(0, 10);
  const horizon = new Date(Date.now() + 366 * 86400000).toISOString().slice(0, 10);
  const costly = expiries.filter((e) => e.readinessCost > 0 || e.levelLost || e.atRiskAfter).length;
  const text = `${expiries.length} certification${expiries.length === 1 ? '' : 's'} lapse in the next 12 months, the first `
    + `${expiries[0].name} of ${expiries[0].displayName} on ${formatDate(expiries[0].lapsesOn)}; ${costly} of them would cost readiness or the level.`;
  return panel.draw({
    type: 'scatter',
    data: {
      datasets: [{
        label: 'Lapses (size: readiness it costs)', backgroundColor: expiries.map((e) => (e.readinessCost > 0 || e.levelLost ? '#d92d20' : '#667085')),
        pointRadius: expiries.map((e) => 5 + Math.min(15, (e.readinessCost ?? 0) / 4)),
        data: expiries.map((e) => ({ x: dayValue(e.lapsesOn), y: people.indexOf(e.displayName), label: `${e.displayName}: ${e.name} lapses ${formatDate(e.lapsesOn)}; ${effect(e)}` })),
      }],
    },
    options: {
      scales: {
        x: dayAxis(today, horizon),
        y: {
          min: -0.5, max: people.length - 0.5, reverse: true,
          afterBuildTicks: (axis) => { axis.ticks = people.map((_, value) => ({ value })); },
          ticks: { callback: (value) => people[value] ?? '' },
        },
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => item.raw.label } } },
    },
  }, text, ['Lapses on', 'Member', 'Certification', 'Effect'],
  expiries.map((e) => [formatDate(e.lapsesOn), e.displayName, e.name, effect(e)]));
}
