// The Organisation view's "Overview" card (admins): every team and track with its level distribution, average
// readiness, certifications lapsing within 90 days (GET /api/progress/admin/overview?team=&track=) and unverified
// claims (GET /api/profiles/verification/unverified-counts: profile-service owns the verification queue). Filter by
// team and track (the options: GET /api/progress/admin/overview/teams and /tracks, every page); "Download CSV" saves
// exactly the rows shown, both services' columns together (RFC 4180). The rows come a page at a time (Previous /
// Next); the totals are over every row that matches the filter.
import { allPages, api, ApiError } from './api.js';
import { $, h } from './dom.js';
import { chartPanel, PALETTE } from './charts.js';

let handleUnauthorized = () => {};
let latest = 0;
let csvUrl = null;
let csvText = '';

/** The CSV of the rows shown last (what "Download CSV" saves). */
export const overviewCsv = () => csvText;

const PAGE_SIZE = 50;
let pageNumber = 0;
// the unverified counts are paged too (one row per team and track with pending claims): read at the largest size,
// at most COUNT_PAGES pages; the status line says when some are left out
const COUNTS_PAGE = 200;
const COUNT_PAGES = 10;

export function initOverview({ onUnauthorized }) {
  handleUnauthorized = onUnauthorized;
  const refilter = () => { pageNumber = 0; loadOverview(); };
  $('overview-team').addEventListener('change', refilter);
  $('overview-track').addEventListener('change', refilter);
  const turn = (by) => { pageNumber = Math.max(0, pageNumber + by); loadOverview(); };
  $('overview-prev').addEventListener('click', () => turn(-1));
  $('overview-next').addEventListener('click', () => turn(1));
}

/** Every unverified count, a page of the largest size at a time; `complete` is false when some were left out. */
async function unverifiedCounts() {
  const items = [];
  let total = 0;
  for (let page = 0; page < COUNT_PAGES; page++) {
    const answer = await api(`/api/profiles/verification/unverified-counts?page=${page}&size=${COUNTS_PAGE}`);
    items.push(...(answer.items ?? []));
    total = answer.total ?? items.length;
    if (items.length >= total || !answer.items?.length) break;
  }
  return { items, complete: items.length >= total };
}

const down = (error) => error instanceof ApiError && (error.status === 0 || error.status >= 500);
const key = (teamId, trackId) => `${teamId ?? ''}\u0000${trackId ?? ''}`;

function status(text, state) {
  const line = $('overview-status');
  line.textContent = text;
  line.dataset.state = state;
  line.hidden = !text;
}

/** A task of the Organisation view, and the filters' change handler. */
export async function loadOverview() {
  const request = ++latest;
  const team = $('overview-team').value;
  const track = $('overview-track').value;
  const query = new URLSearchParams();
  if (team) query.set('team', team);
  if (track) query.set('track', track);
  query.set('page', String(pageNumber));
  query.set('size', String(PAGE_SIZE));
  $('overview-card').setAttribute('aria-busy', 'true');
  status('Loading…', 'loading');
  const [overview, unverified, options] = await Promise.allSettled([
    api(`/api/progress/admin/overview?${query}`),
    unverifiedCounts(),
    // the filter's teams and tracks grow with the organisation: lists of their own, paged
    Promise.all([allPages('/api/progress/admin/overview/teams'), allPages('/api/progress/admin/overview/tracks')]),
  ]);
  if (request !== latest) return;
  $('overview-card').removeAttribute('aria-busy');
  for (const result of [overview, unverified, options]) {
    if (result.status === 'rejected' && result.reason instanceof ApiError && result.reason.status === 401) {
      handleUnauthorized();
      return;
    }
  }
  if (overview.status === 'rejected') {
    const error = overview.reason;
    const text = down(error) ? 'The progress service is not answering: the overview cannot be shown right now. Try again in a moment.'
      : `The overview could not be loaded: ${error.message}`;
    $('overview-rows').replaceChildren();
    $('overview-totals').textContent = '';
    renderPager(null);
    csvText = '';
    $('overview-csv').hidden = true;
    chartPanel($('overview-levels-slot'), { id: 'overview-levels', title: 'Levels by team and track' }).error(text);
    chartPanel($('overview-readiness-slot'), { id: 'overview-readiness', title: 'Average readiness and risk by team and track' }).error(text);
    status(text, 'error');
    return;
  }
  const rowsPage = overview.value.rows ?? {};
  if (!rowsPage.items?.length && pageNumber > 0 && rowsPage.total) {
    // fewer rows than before (a filter, a team gone): the last page there is
    pageNumber = Math.max(0, Math.ceil(rowsPage.total / PAGE_SIZE) - 1);
    loadOverview();
    return;
  }
  const counts = unverified.status === 'fulfilled' ? unverified.value.items : null;
  if (options.status === 'fulfilled') { // else the filters keep the options they have
    const [teams, tracks] = options.value;
    fillFilter($('overview-team'), teams, 'All teams', [{ id: '-', name: 'No team' }]);
    fillFilter($('overview-track'), tracks, 'All tracks');
  }
  render(overview.value, counts);
  renderPager(rowsPage);
  if (!rowsPage.total) status('Nobody matches this filter.', 'empty');
  else if (!counts) status('Unverified claims are not shown: the profile service is not answering.', 'partial');
  else if (!unverified.value.complete) status(`Unverified claims are shown for the first ${counts.length} team and track rows that have any.`, 'partial');
  else status('', 'ok');
}

function renderPager(rowsPage) {
  const total = rowsPage?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const line = $('overview-page');
  line.textContent = pages > 1 ? `Page ${pageNumber + 1} of ${pages} (${total} team and track rows).` : '';
  line.hidden = pages <= 1;
  $('overview-prev').hidden = pages <= 1;
  $('overview-next').hidden = pages <= 1;
  $('overview-prev').disabled = pageNumber === 0;
  $('overview-next').disabled = pageNumber + 1 >= pages;
}

function fillFilter(select, options, all, extra = []) {
  const value = select.value;
  const wanted = [{ id: '', name: all }, ...options, ...extra];
  if (select.options.length === wanted.length && [...select.options].every((o, i) => o.value === wanted[i].id)) return;
  select.replaceChildren(...wanted.map((o) => h('option', { value: o.id }, o.name || o.id)));
  select.value = wanted.some((o) => o.id === value) ? value : '';
}

function render(overview, counts) {
  const unverified = new Map((counts ?? []).map((c) => [key(c.teamId, c.trackId), c]));
  const rows = (overview?.rows?.items ?? []).map((row) => {
    const c = unverified.get(key(row.teamId, row.trackId));
    return { ...row, unverifiedCertifications: counts ? c?.certifications ?? 0 : null, unverifiedSkills: counts ? c?.skills ?? 0 : null };
  });
  renderTable(rows, overview?.totals, overview?.rows?.total ?? rows.length);
  renderCsv(rows);
  renderCharts(rows).catch(() => {});
}

const label = (row) => `${row.teamName || row.teamId || 'No team'} · ${row.trackName || row.trackId}`;
// two lines on a chart's axis: a long team and track name is not cut
const axisLabel = (row) => [row.teamName || row.teamId || 'No team', row.trackName || row.trackId];
const people = (n) => `${n} ${n === 1 ? 'person' : 'people'}`;
const levelsText = (row) => Object.entries(row.levelDistribution ?? {})
  .map(([id, n]) => `${row.levelNames?.[id] || id}: ${n}`).join(', ') || '–';
const shown = (value) => (value === null || value === undefined ? '–' : String(value));

function renderTable(rows, totals, allRows) {
  $('overview-rows').replaceChildren(...rows.map((row) => h('tr', { 'data-team-id': row.teamId ?? '', 'data-track-id': row.trackId },
    h('th', { scope: 'row' }, row.teamName || row.teamId || 'No team'), h('td', {}, row.trackName || row.trackId),
    h('td', { class: 'num' }, row.members), h('td', {}, levelsText(row)),
    h('td', { class: 'num' }, row.averageReadiness == null ? '–' : `${row.averageReadiness}%`),
    h('td', { class: 'num' }, row.atRisk), h('td', { class: 'num', 'data-col': 'expiring' }, row.expiringWithin90Days),
    h('td', { class: 'num', 'data-col': 'unverified-certifications' }, shown(row.unverifiedCertifications)),
    h('td', { class: 'num', 'data-col': 'unverified-skills' }, shown(row.unverifiedSkills)))));
  $('overview-totals').textContent = totals && rows.length
    ? `${people(totals.members)} in ${allRows} team and track row${allRows === 1 ? '' : 's'}; average readiness `
      + `${totals.averageReadiness == null ? '–' : `${totals.averageReadiness}%`}; ${totals.atRisk} at risk; `
      + `${totals.expiringWithin90Days} certification${totals.expiringWithin90Days === 1 ? '' : 's'} lapsing within 90 days.`
    : '';
}

const CSV_HEAD = ['teamId', 'teamName', 'trackId', 'trackName', 'members', 'levelDistribution', 'averageReadiness',
  'atRisk', 'expiringWithin90Days', 'unverifiedCertifications', 'unverifiedSkills'];

// A text cell a spreadsheet would run as a formula (OWASP "CSV Injection"): one starting with = + - @, TAB or CR, or
// with = + - @ after leading white space (importers that trim cells would otherwise see the formula). It gets a leading
// single quote, shown as text. The same rule as progress-service's team CSV (TeamCsv).
const FORMULA = /^[\t\r]|^\s*[=+\-@]/;

// RFC 4180 with every field quoted (a double quote doubled), so commas, quotes and line breaks stay in their cell.
// Numbers this view writes (members, readiness, counts) are never neutralised: only text (team and track ids and
// names, level ids) comes from people or the catalog; the quotes are CSV syntax, a spreadsheet still reads a number.
function cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = typeof value === 'string' && FORMULA.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

function renderCsv(rows) {
  const lines = [CSV_HEAD, ...rows.map((r) => [r.teamId, r.teamName, r.trackId, r.trackName, r.members,
    Object.entries(r.levelDistribution ?? {}).map(([id, n]) => `${id}=${n}`).join(' '), r.averageReadiness, r.atRisk,
    r.expiringWithin90Days, r.unverifiedCertifications, r.unverifiedSkills])];
  csvText = `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = URL.createObjectURL(new Blob([csvText], { type: 'text/csv;charset=utf-8' }));
  const link = $('overview-csv');
  link.href = csvUrl;
  link.dataset.rows = String(rows.length);
  link.hidden = rows.length === 0;
}

async function renderCharts(rows) {
  const levels = chartPanel($('overview-levels-slot'), { id: 'overview-levels', title: 'Levels by team and track', tall: rows.length > 6 });
  const readiness = chartPanel($('overview-readiness-slot'), { id: 'overview-readiness', title: 'Average readiness and risk by team and track', tall: rows.length > 6 });
  if (!rows.length) {
    levels.empty('Nobody matches this filter.');
    readiness.empty('Nobody matches this filter.');
    return;
  }
  const levelIds = [];
  const names = {};
  for (const row of rows) {
    for (const id of Object.keys(row.levelDistribution ?? {})) {
      if (!levelIds.includes(id)) levelIds.push(id);
      names[id] = row.levelNames?.[id] || id;
    }
  }
  const members = rows.reduce((sum, r) => sum + r.members, 0);
  await levels.draw({
    type: 'bar',
    data: {
      labels: rows.map(axisLabel),
      datasets: levelIds.map((id, i) => ({ label: names[id], backgroundColor: PALETTE[(i + 3) % PALETTE.length], data: rows.map((r) => r.levelDistribution?.[id] ?? 0) })),
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  }, `${people(members)} in ${rows.length} team and track row${rows.length === 1 ? '' : 's'}, by the level they hold.`,
  ['Team · track', ...levelIds.map((id) => names[id])], rows.map((r) => [label(r), ...levelIds.map((id) => String(r.levelDistribution?.[id] ?? 0))]));
  const best = [...rows].filter((r) => r.averageReadiness != null).sort((a, b) => b.averageReadiness - a.averageReadiness)[0];
  await readiness.draw({
    type: 'bar',
    data: {
      labels: rows.map(axisLabel),
      datasets: [
        { label: 'Average readiness %', backgroundColor: '#2e90fa', data: rows.map((r) => r.averageReadiness ?? 0), xAxisID: 'x' },
        { label: 'Certifications lapsing ≤ 90 days', backgroundColor: '#dc6803', data: rows.map((r) => r.expiringWithin90Days), xAxisID: 'count' },
        { label: 'Unverified claims', backgroundColor: '#667085', data: rows.map((r) => (r.unverifiedCertifications ?? 0) + (r.unverifiedSkills ?? 0)), xAxisID: 'count' },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, position: 'top', title: { display: true, text: 'Readiness %' } }, count: { beginAtZero: true, position: 'bottom', ticks: { precision: 0 }, title: { display: true, text: 'Count' } } },
    },
  }, best ? `Highest average readiness: ${label(best)} at ${best.averageReadiness}%. Lapsing certifications and unverified claims per row beside it.`
    : 'Nobody has been evaluated yet.',
  ['Team · track', 'Average readiness', 'At risk', 'Lapsing ≤ 90 days', 'Unverified claims'],
  rows.map((r) => [label(r), r.averageReadiness == null ? '–' : `${r.averageReadiness}%`, String(r.atRisk), String(r.expiringWithin90Days),
    r.unverifiedCertifications == null ? '–' : String(r.unverifiedCertifications + r.unverifiedSkills)]));
}
