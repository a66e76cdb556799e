// What the last action tells the admin under the draft editor: the status line, the problems list (every problem,
// never just the first; in the form each is also shown at its field), the conflict notice, the publish result. Each
// action starts by clearing them all.
import { ApiError } from './api.js';
import { $, h } from './dom.js';
import { clearFormProblems, goToField, placeOf, showFormProblems } from './catalog-form-problems.js';
import { clearImpact } from './catalog-impact.js';
import { state } from './catalog-state.js';

/** Sets a message element's text and hides it while there is none. */
export function show(id, text) {
  const el = $(id);
  el.textContent = text ?? '';
  el.hidden = !text;
}

export function status(text) {
  $('draft-status').textContent = text ?? '';
}

/**
 * problems: [{field, message}] (JSON path of the draft) — all of them, never just the first. In the form each is
 * shown at its field too (the first focused) and listed with a button to go to it; placed: already shown there.
 */
export function renderProblems(problems, heading, placed = false) {
  const form = state.mode === 'form';
  if (form && !placed) {
    if (problems.length) showFormProblems(problems);
    else clearFormProblems();
  }
  const list = $('draft-problems');
  list.replaceChildren(...problems.map((p) => {
    const reachable = form && p.field && placeOf($('draft-form'), p.field);
    return h('li', { 'data-field': p.field ?? '' },
      p.field ? h('code', {}, p.field) : null, p.field ? ': ' : null, p.message ?? String(p),
      reachable ? h('button', {
        type: 'button', class: 'button secondary small cf-goto', onclick: () => goToField(p.field),
        'aria-label': `Go to the field: ${p.field}`,
      }, 'Go to field') : null);
  }));
  $('draft-problems-title').textContent = heading ?? `${problems.length} problem(s)`;
  $('draft-problems-title').hidden = problems.length === 0;
  if (problems.length && !form) $('draft-editor').setAttribute('aria-invalid', 'true');
  else $('draft-editor').removeAttribute('aria-invalid');
}

/** 400/422 from catalog-service list their problems in `errors`; other failures are reported as one problem. */
export function problemsOf(error) {
  if (error instanceof ApiError && error.fieldErrors.length) return error.fieldErrors;
  return [{ field: '', message: error.problem?.detail || error.message }];
}

export function showConflict() {
  $('draft-conflict').hidden = false;
  status('Someone else changed the draft — reload');
  $('draft-conflict-reload').focus();
}

export function clearResults() {
  renderProblems([]);
  clearImpact();
  show('publish-result', '');
  $('draft-conflict').hidden = true;
  status('');
}
