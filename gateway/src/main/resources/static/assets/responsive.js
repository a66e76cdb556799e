// Small screens (a phone is about 390 CSS pixels wide): the main navigation folds behind a "Menu" button, and data
// tables become stacked cards, one per row, each value preceded by its column's name (styles.css, "narrow screens").
// The column names are copied here from each table's header row into its cells (data-label), for every table with
// the class data-table, whenever its rows are rendered. A table that still scrolls sideways inside its wrapper (a
// matrix, e.g. the team's skill gaps) gets a wrapper that can be focused and scrolled with the arrow keys.
import { $ } from './dom.js';

const NARROW = window.matchMedia('(max-width: 640px)');

export function initResponsive() {
  initMenu();
  labelTables(document);
  new MutationObserver((records) => {
    const tables = new Set();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : null;
      const table = target?.closest('table');
      if (table) tables.add(table);
      else if (target) for (const t of target.querySelectorAll('table')) tables.add(t);
    }
    for (const table of tables) labelTable(table);
  }).observe(document.body, { childList: true, subtree: true });
  // whether a wrapper scrolls is known only once its view is shown
  const measure = () => requestAnimationFrame(() => labelTables(document));
  window.addEventListener('resize', measure);
  window.addEventListener('hashchange', measure);
}

// ---- the navigation's menu button -----------------------------------------------------------

function initMenu() {
  const nav = $('main-nav');
  const toggle = $('nav-toggle');
  if (!nav || !toggle) return;
  const open = (yes) => toggle.setAttribute('aria-expanded', String(yes));
  const isOpen = () => toggle.getAttribute('aria-expanded') === 'true';
  toggle.addEventListener('click', () => {
    open(!isOpen());
    if (isOpen()) (nav.querySelector('a[aria-current="page"]') ?? nav.querySelector('li:not([hidden]) a'))?.focus();
  });
  // a link followed closes the menu (the view's heading then gets the focus)
  nav.addEventListener('click', (event) => { if (event.target.closest('a')) open(false); });
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) {
      open(false);
      toggle.focus();
    }
  });
  // leaving the menu with the keyboard, or a click elsewhere, closes it
  nav.addEventListener('focusout', (event) => {
    if (isOpen() && NARROW.matches && event.relatedTarget && !nav.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener('click', (event) => { if (isOpen() && !nav.contains(event.target)) open(false); });
  // the button says which view is shown
  const current = $('nav-toggle-current');
  const showCurrent = () => {
    const link = nav.querySelector('a[aria-current="page"]');
    current.textContent = link ? `: ${link.firstChild?.textContent?.trim() ?? ''}` : '';
  };
  new MutationObserver(showCurrent).observe(nav, { attributes: true, attributeFilter: ['aria-current'], subtree: true });
  showCurrent();
}

// ---- tables as cards ------------------------------------------------------------------------

function labelTables(root) {
  for (const table of root.querySelectorAll('table')) labelTable(table);
}

function labelTable(table) {
  if (table.classList.contains('data-table')) {
    // a column whose name is only for screen readers ("Actions") gets no visible label
    const names = [...(table.tHead?.rows[0]?.cells ?? [])]
      .map((th) => (th.querySelector('.sr-only') && th.textContent.trim() === th.querySelector('.sr-only').textContent.trim()
        ? '' : th.textContent.trim()));
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const name = cell.colSpan > 1 ? '' : names[column] ?? ''; // a row-wide message has no column
          if (cell.getAttribute('data-label') !== name) cell.setAttribute('data-label', name);
          column += cell.colSpan || 1;
        }
      }
    }
  }
  const wrapper = table.closest('.table-scroll');
  if (!wrapper) return;
  const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
  // only what this file added is taken away again (a wrapper made focusable in the markup stays so)
  if (scrolls && wrapper.tabIndex !== 0) {
    wrapper.dataset.scrollFocus = 'auto';
    wrapper.tabIndex = 0;
    wrapper.setAttribute('role', 'region');
    const caption = table.caption?.textContent.trim();
    const labelledBy = table.getAttribute('aria-labelledby');
    if (labelledBy) wrapper.setAttribute('aria-labelledby', labelledBy);
    else wrapper.setAttribute('aria-label', `${caption || 'Table'} (scrolls sideways)`);
  } else if (!scrolls && wrapper.dataset.scrollFocus === 'auto') {
    delete wrapper.dataset.scrollFocus;
    wrapper.removeAttribute('tabindex');
    wrapper.removeAttribute('role');
    wrapper.removeAttribute('aria-label');
    wrapper.removeAttribute('aria-labelledby');
  }
}
