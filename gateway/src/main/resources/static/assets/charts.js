// Charts for the portal: Chart.js (the WebJar the gateway serves, no CDN) loaded once, on the first chart shown. Every
// chart is a panel with a one-line summary (the canvas's accessible name) and its data as a table behind a
// "Show the data" toggle, so a screen reader (or anyone) gets the same facts; and a status line for loading, empty
// and error states. Animations are off: the charts show history, and motion helps nobody read it.
import { h, formatDate } from './dom.js';

const CHART_JS = '/webjars/chart.js/4.5.1/dist/chart.umd.js';
let loading = null;

/** Resolves to the Chart constructor; rejects with a readable error (the panel shows it) if the script fails. */
export function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => {
        if (!window.Chart) { loading = null; reject(new Error('The charting library did not start.')); return; }
        window.Chart.defaults.animation = false;
        window.Chart.defaults.maintainAspectRatio = false;
        resolve(window.Chart);
      };
      script.onerror = () => { loading = null; script.remove(); reject(new Error('The charting library could not be loaded.')); };
      document.head.append(script);
    });
  }
  return loading;
}

/** 'yyyy-MM-dd' → milliseconds (UTC midnight), the x value of a point on a day axis. */
export const dayValue = (day) => Date.parse(`${day}T00:00:00Z`);
export const dayOf = (value) => new Date(value).toISOString().slice(0, 10);

/** A linear x axis of days (Chart.js's time axis needs a date adapter; a day is a number here). */
export function dayAxis(min, max) {
  return {
    type: 'linear', min: dayValue(min), max: dayValue(max),
    ticks: { maxTicksLimit: 8, callback: (value) => formatDate(dayOf(value)) },
  };
}

/**
 * A chart panel in `container` (replacing what it held). `id` prefixes the ids and test ids of its parts:
 * `${id}-canvas`, `${id}-summary`, `${id}-table`, `${id}-status`.
 */
export function chartPanel(container, { id, title, tall = false }) {
  const titleId = `${id}-title`;
  const status = h('p', { id: `${id}-status`, 'data-testid': `${id}-status`, class: 'muted chart-status', role: 'status' });
  const canvas = h('canvas', { id: `${id}-canvas`, 'data-testid': `${id}-canvas`, role: 'img', 'aria-describedby': `${id}-summary` });
  const frame = h('div', { class: tall ? 'chart-frame tall' : 'chart-frame', hidden: true }, canvas);
  const summary = h('p', { id: `${id}-summary`, 'data-testid': `${id}-summary`, class: 'chart-summary', hidden: true });
  const table = h('table', { id: `${id}-table`, 'data-testid': `${id}-table`, class: 'chart-table' });
  // narrow screens scroll the table, not the page
  const scroller = h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `${title}: the data` }, table);
  const details = h('details', { class: 'chart-data', hidden: true }, h('summary', {}, 'Show the data as a table'), scroller);
  const root = h('figure', { class: 'chart-panel', id, 'data-testid': id, 'aria-labelledby': titleId },
    h('figcaption', { id: titleId, class: 'chart-title' }, title), status, frame, summary, details);
  container.replaceChildren(root);
  const show = (what) => {
    frame.hidden = what !== 'chart';
    summary.hidden = what !== 'chart';
    details.hidden = what !== 'chart';
    status.hidden = what === 'chart';
  };
  const destroy = () => window.Chart?.getChart?.(canvas)?.destroy();
  return {
    root,
    loading(text = 'Loading…') { destroy(); root.setAttribute('aria-busy', 'true'); status.textContent = text; status.dataset.state = 'loading'; show('status'); },
    empty(text) { destroy(); root.removeAttribute('aria-busy'); status.textContent = text; status.dataset.state = 'empty'; show('status'); },
    error(text) { destroy(); root.removeAttribute('aria-busy'); status.textContent = text; status.dataset.state = 'error'; show('status'); },
    /**
     * Draws `config` (a Chart.js configuration), with `text` (one or two sentences saying what it shows) as the
     * canvas's description and `head` / `rows` (arrays of strings) as the table of its data.
     */
    async draw(config, text, head, rows) {
      let Chart;
      try {
        Chart = await loadChartJs();
      } catch (error) {
        this.error(`${error.message} The data is in the table below.`);
        fillTable(table, head, rows);
        details.hidden = false;
        details.open = true;
        return null;
      }
      destroy();
      root.removeAttribute('aria-busy');
      canvas.setAttribute('aria-label', `${title}. ${text}`);
      summary.textContent = text;
      fillTable(table, head, rows);
      status.dataset.state = 'drawn';
      show('chart');
      return new Chart(canvas, config);
    },
  };
}

function fillTable(table, head, rows) {
  table.replaceChildren(
    h('thead', {}, h('tr', {}, head.map((cell) => h('th', { scope: 'col' }, cell)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell)))))),
  );
}

/** A readable colour per series (bands, levels), the same in every chart. */
export const PALETTE = ['#b42318', '#dc6803', '#ca8504', '#2e90fa', '#039855', '#7a5af8', '#667085', '#0e9384'];
export const BAND_COLOURS = { '0-24': '#d92d20', '25-49': '#f79009', '50-74': '#eaaa08', '75-99': '#2e90fa', 100: '#039855' };
