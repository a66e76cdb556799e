// What the last action tells the admin under the draft editor: the status line, the problems list (every problem,
// never just the first), the conflict notice, the publish result. Each action starts by clearing them all.
import { ApiError } from './api.js';
import { $, h } from './dom.js';
import { clearImpact } from './catalog-impact.js';

/** Sets a message element's text and hides it while there is none. */
export function show(id, text) {
  const el = $(id);
  el.textContent = text ?? '';
  el.hidden = !text;
}

export function status(text) {
  $('draft-status').textContent = text ?? '';
}

/** problems: [{field, message}] (JSON path of the draft) — all of them, never just the first. */
export function renderProblems(problems, heading) {
  const list = $('draft-problems');
  list.replaceChildren(...problems.map((p) => h('li', { 'data-field': p.field ?? '' },
    p.field ? h('code', {}, p.field) : null, p.field ? ': ' : null, p.message ?? String(p))));
  $('draft-problems-title').textContent = heading ?? `${problems.length} problem(s)`;
  $('draft-problems-title').hidden = problems.length === 0;
  if (problems.length) $('draft-editor').setAttribute('aria-invalid', 'true');
  else $('draft-editor').removeAttribute('aria-invalid');
}

/** 400/422 from catalog-service list their problems in `errors`; other failures are reported as one problem. */
export function problemsOf(error) {
  if (error instanceof ApiError && error.fieldErrors.length) return error.fieldErrors;
  return [{ field: '', message: error.problem?.detail || error.message }];
}

/** The editor's JSON, or null after listing the syntax error as a problem. */
export function parseEditor() {
  try {
    return JSON.parse($('draft-editor').value);
  } catch (error) {
    renderProblems([{ field: 'JSON', message: error.message }], 'The draft is not valid JSON');
    return null;
  }
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
