// Readiness and level over time (GET /api/progress/me/timeline, /employees/{id}/timeline): readiness as a stepped
// line (a point holds until the next one: Chart.js's step 'before' runs level to the next x, then jumps), the level held as a step line on its own axis, and the events that moved
// them as markers on the readiness line. Used by "My progress" and by the member card of the Team view.
import { api, ApiError } from './api.js';
import { formatDate } from './dom.js';
import { chartPanel, dayAxis, dayValue } from './charts.js';

const latest = new Map(); // panel id -> the newest request: an older answer arriving later is dropped

/** Readiness at `day`: the value of the last point on or before it. */
function readinessOn(points, day) {
  let value = points[0]?.readinessPercent ?? 0;
  for (const p of points) if (p.day <= day) value = p.readinessPercent;
  return value;
}

/**
 * Loads `url` into a panel in `container`. `onUnauthorized` is called on a 401 (the session ended); `who` names the
 * person in messages ('You' or a name).
 */
export async function loadTimeline(container, { id, url, who = 'You', onUnauthorized = () => {} }) {
  const panel = chartPanel(container, { id, title: 'Readiness and level over the last 12 months' });
  const request = (latest.get(id) ?? 0) + 1;
  latest.set(id, request);
  panel.loading();
  let timeline;
  try {
    timeline = await api(url);
  } catch (error) {
    if (latest.get(id) !== request) return;
    if (error instanceof ApiError && error.status === 401) { onUnauthorized(); panel.error('Your session has ended.'); return; }
    if (error instanceof ApiError && error.status === 404) { panel.empty(`No history yet: ${error.problem?.detail || 'nothing recorded.'}`); return; }
    panel.error(error instanceof ApiError && error.status >= 500 || error?.status === 0
      ? 'The progress service is not answering; the history cannot be shown right now. Try again in a moment.'
      : `The history could not be loaded: ${error.message}`);
    return;
  }
  if (latest.get(id) !== request) return;
  await drawTimeline(panel, timeline, who);
}

async function drawTimeline(panel, timeline, who) {
  const points = timeline?.points ?? [];
  const events = timeline?.events ?? [];
  if (!points.length) {
    panel.empty(`${who === 'You' ? 'You have' : `${who} has`} no history in this period yet.`);
    return null;
  }
  const levels = new Map(); // rank -> name
  for (const p of points) levels.set(p.levelRank, p.levelName || p.levelId);
  const ranks = [...levels.keys()];
  const first = points[0];
  const last = points[points.length - 1];
  const text = `${who === 'You' ? 'Your' : `${who}'s`} readiness went from ${first.readinessPercent}% (${first.levelName}) `
    + `on ${formatDate(first.day)} to ${last.readinessPercent}% (${last.levelName}`
    + `${last.nextLevelName ? `, working towards ${last.nextLevelName}` : ', top level'}) on ${formatDate(last.day)}; `
    + `${points.length - 1} change${points.length === 2 ? '' : 's'} and ${events.length} event${events.length === 1 ? '' : 's'} in the period.`;
  const eventsByDay = new Map();
  for (const e of events) eventsByDay.set(e.day, [...(eventsByDay.get(e.day) ?? []), e.label]);
  const days = [...new Set([...points.map((p) => p.day), ...eventsByDay.keys()])].sort();
  const rows = days.map((day) => {
    const p = points.filter((x) => x.day <= day).pop() ?? first;
    return [formatDate(day), p.levelName || p.levelId, `${p.readinessPercent}%${p.atRisk ? ' (at risk)' : ''}`,
      (eventsByDay.get(day) ?? []).join('; ') || '–'];
  });
  const config = {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Readiness for the next level (%)', yAxisID: 'y', stepped: 'before', borderColor: '#2e90fa',
          backgroundColor: 'rgba(46,144,250,.15)', fill: true, pointRadius: 3,
          data: points.map((p) => ({ x: dayValue(p.day), y: p.readinessPercent })),
        },
        {
          label: 'Level held', yAxisID: 'level', stepped: 'before', borderColor: '#7a5af8', borderDash: [6, 4],
          pointRadius: 0, data: points.map((p) => ({ x: dayValue(p.day), y: p.levelRank })),
        },
        {
          label: 'What happened', type: 'scatter', yAxisID: 'y', pointStyle: 'triangle', pointRadius: 7,
          borderColor: '#b42318', backgroundColor: '#dc6803',
          data: events.map((e) => ({ x: dayValue(e.day), y: readinessOn(points, e.day), label: e.label, kind: e.kind })),
        },
      ],
    },
    options: {
      parsing: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: dayAxis(timeline.from, timeline.to),
        y: { min: 0, max: 100, title: { display: true, text: 'Readiness %' } },
        level: {
          position: 'right', min: Math.min(...ranks) - 0.5, max: Math.max(...ranks) + 0.5, grid: { drawOnChartArea: false },
          title: { display: true, text: 'Level' },
          // one tick per level held in the period, named
          afterBuildTicks: (axis) => { axis.ticks = ranks.map((value) => ({ value })); },
          ticks: { callback: (value) => levels.get(value) ?? '' },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => formatDate(new Date(items[0].parsed.x).toISOString().slice(0, 10)),
            label: (item) => (item.raw.label ? `${item.raw.label}` : item.datasetIndex === 1
              ? `Level: ${levels.get(item.parsed.y) ?? item.parsed.y}` : `Readiness: ${item.parsed.y}%`),
          },
        },
      },
    },
  };
  return panel.draw(config, text, ['Day', 'Level', 'Readiness', 'What happened'], rows);
}
