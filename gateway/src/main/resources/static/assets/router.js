// Views by task, one at a time, addressed by hash routes (#/progress, #/record, …) so a link opens the right view and
// the back button works. Each view says what to do when it is shown (load, start polling) and hidden (stop); a view
// the user may not use (not a manager, not an admin) is neither linked nor shown.
import { $ } from './dom.js';

const views = new Map(); // name -> {enter, leave, allowed}
// older or other names of a place in a view (links in notifications): the view, and the heading to focus
const ALIASES = { certifications: { view: 'record', focus: 'certifications-title' } };
let current = null;
let fallback = 'progress';
let started = false;

/** enter(): called each time the view is shown; leave(): each time it is hidden. */
export function defineView(name, { enter = () => {}, leave = () => {}, allowed = true } = {}) {
  views.set(name, { enter, leave, allowed });
  setAllowed(name, allowed);
}

/** Shows or hides a view's link; a view not allowed is never shown. */
export function setAllowed(name, allowed) {
  const view = views.get(name);
  if (view) view.allowed = allowed;
  const link = $(`nav-${name}`);
  if (link) link.closest('li').hidden = !allowed;
}

export const currentView = () => current;

/** The view of a hash like "#/record" (anything after a further "/" or "?" is the view's own business). */
function viewOf(hash) {
  const match = /^#\/([a-z-]+)/.exec(hash || '');
  return match ? match[1] : null;
}

function route() {
  let name = viewOf(window.location.hash);
  const alias = ALIASES[name];
  if (alias) {
    window.history.replaceState(null, '', `#/${alias.view}`);
    name = alias.view;
  }
  if (!name) {
    // "#main" (the skip link) or no hash: stay where we are, or open the default view
    if (!current) show(fallback, false);
    return;
  }
  const view = views.get(name);
  if (!view || !view.allowed) {
    window.history.replaceState(null, '', `#/${fallback}`);
    show(fallback, started);
    return;
  }
  show(name, started && !alias);
  if (alias) {
    const target = $(alias.focus);
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  }
}

function show(name, focus) {
  if (current === name) return;
  const previous = current;
  current = name;
  if (previous) {
    $(`view-${previous}`).hidden = true;
    views.get(previous).leave();
  }
  for (const link of document.querySelectorAll('#main-nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const section = $(`view-${name}`);
  section.hidden = false;
  const heading = $(`view-${name}-title`);
  document.title = `${heading.textContent.trim()} · Ladder`;
  if (focus) heading.focus();
  views.get(name).enter();
}

/** Opens a view as if its link were followed (adds a history entry). */
export function navigate(name) {
  if (viewOf(window.location.hash) === name) route();
  else window.location.hash = `#/${name}`;
}

export function startRouter(defaultView) {
  fallback = defaultView;
  // "Skip to content" lands on the heading of the view shown (focused and announced), and the address keeps the view
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    const heading = current && $(`view-${current}-title`);
    if (!heading) return;
    event.preventDefault();
    heading.focus();
  });
  // the link of the view already shown: no change of address, so no hashchange; the heading gets the focus anyway
  $('main-nav')?.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-view]');
    if (!link || link.dataset.view !== current || viewOf(window.location.hash) !== current) return;
    event.preventDefault();
    $(`view-${current}-title`)?.focus();
  });
  window.addEventListener('hashchange', route);
  route();
  started = true;
}
