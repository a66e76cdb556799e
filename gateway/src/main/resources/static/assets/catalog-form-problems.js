// Problems in the catalog form: each shown at its field (aria-invalid, the message in the field's described-by
// element) or, when its path names no field, at the entry or list it falls in; the first one focused and every one
// revealed (collapsed entries opened). Also the form's own checks before anything is sent.
import { $ } from './dom.js';
import { formProblems } from './catalog-form-checks.js';

/** Opens every closed <details> around an element, so it can be seen and focused. */
export function reveal(el) {
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) {
    if (!d.open) d.open = true;
  }
}

/** Removes every problem shown in the form. */
export function clearFormProblems() {
  const root = $('draft-form');
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const slot of root.querySelectorAll('[data-error-for]')) { slot.textContent = ''; slot.hidden = true; }
}

/**
 * Shows each problem ({field, message}, field = the draft's JSON path) at its input — or, when the path names no
 * input (`levels`, `levels[2]`), at the closest list or entry it falls in — and focuses the first one. Returns the
 * problems that found no place in the form (shown only in the list).
 */
export function showFormProblems(problems) {
  clearFormProblems();
  const root = $('draft-form');
  const placed = [];
  const unplaced = [];
  for (const problem of problems) {
    const target = placeOf(root, problem.field ?? '');
    if (!target) { unplaced.push(problem); continue; }
    const slot = document.getElementById(`${target.id}-error`);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : problem.message;
      slot.hidden = false;
      reveal(slot); // every problem can be seen, not only the first
    }
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute('aria-invalid', 'true');
    placed.push(target);
  }
  const first = placed.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  if (first) {
    const focusable = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(first.tagName) ? first
      : first.querySelector('summary, input, select, textarea, button');
    if (focusable) { reveal(focusable); focusable.focus(); }
  }
  return unplaced;
}

/** The input at a path, else the entry or list holding it (`levels[1].requirements[0].x` → the group's entry). */
export function placeOf(root, path) {
  let p = path;
  while (p) {
    const selector = `[data-path="${CSS.escape(p)}"]`;
    const el = root.querySelector(`input${selector}, select${selector}, textarea${selector}`)
      ?? root.querySelector(selector);
    if (el) return el;
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === p) break;
    p = shorter;
  }
  return null;
}

/** Focuses the field a problem names (the problems list offers it). */
export function goToField(path) {
  const target = placeOf($('draft-form'), path);
  if (!target) return false;
  const focusable = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? target
    : target.querySelector('summary, input, select, textarea, button');
  if (!focusable) return false;
  reveal(focusable);
  focusable.focus();
  return true;
}

/** The form's own checks (required, whole numbers, ranges) before anything is sent; shown at their fields. */
export function checkForm() {
  const problems = formProblems($('draft-form'));
  if (problems.length) showFormProblems(problems);
  return problems;
}
