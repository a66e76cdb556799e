// Field errors of RFC 9457 problem documents (`errors: [{field, message}]`) shown at their fields. `fields` maps a
// field name as the service reports it (normalised: last path segment, lower case, letters and digits only) to an
// input id; the message goes into the element `${inputId}-error`, which the input names in aria-describedby.
import { ApiError } from './api.js';
import { $ } from './dom.js';

export const normalise = (field) =>
  String(field || '').split(/[./[\]]/).filter(Boolean).pop()?.toLowerCase().replace(/[^a-z0-9]/g, '') ?? '';

/** Shows (text) or hides (empty text) a message element. */
export function say(id, text) {
  const el = typeof id === 'string' ? $(id) : id;
  if (!el) return;
  el.textContent = text || '';
  el.hidden = !text;
}

export function clearFieldErrors(fields, ...messageIds) {
  for (const inputId of new Set(Object.values(fields))) {
    $(inputId)?.removeAttribute('aria-invalid');
    say(`${inputId}-error`, '');
  }
  for (const id of messageIds) say(id, '');
}

/** Marks one field invalid with a message (client-side checks); returns the input for focusing. */
export function fieldError(inputId, message) {
  const input = $(inputId);
  input?.setAttribute('aria-invalid', 'true');
  const target = $(`${inputId}-error`);
  say(target, target?.textContent ? `${target.textContent} ${message}` : message);
  return input;
}

/**
 * Puts an error's field problems at their fields and anything else into `formErrorId`; focuses the first invalid
 * field. `what` names the action for errors without a problem document ("Could not save: …").
 */
export function showProblem(error, fields, formErrorId, what) {
  if (!(error instanceof ApiError)) {
    say(formErrorId, `${what}: ${error.message}`);
    return;
  }
  const unmatched = [];
  let first = null;
  for (const { field, message } of error.fieldErrors) {
    const inputId = fields[normalise(field)];
    if (!inputId || !$(inputId)) {
      unmatched.push(field ? `${field}: ${message}` : message);
      continue;
    }
    first ??= fieldError(inputId, message);
  }
  const summary = unmatched.length ? unmatched.join(' ')
    : first ? '' : `${what}: ${error.problem.detail || error.message}`;
  say(formErrorId, summary);
  first?.focus();
}

export function valueOrNull(id) {
  const value = $(id).value.trim();
  return value === '' ? null : value;
}

/** Runs an async action with a button disabled meanwhile. */
export async function busy(button, fn) {
  button.disabled = true;
  try {
    return await fn();
  } finally {
    button.disabled = false;
  }
}
