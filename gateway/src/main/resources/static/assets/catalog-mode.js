// The two ways to edit a draft: the form (the main one) and "Advanced: JSON" (the whole document as text). Both edit
// the same draft: switching carries unsaved changes across, and text that is not a readable track document keeps the
// admin in the JSON mode with the reason, instead of losing their edits.
import { $ } from './dom.js';
import { pretty, renderDraftMeta } from './catalog-draft.js';
import { normalise, renderForm } from './catalog-form.js';
import { checkForm, clearFormProblems } from './catalog-form-problems.js';
import { state } from './catalog-state.js';

function showMode(mode) {
  state.mode = mode;
  $('draft-form').hidden = mode !== 'form';
  $('draft-json').hidden = mode !== 'json';
  $('catalog-mode-form').setAttribute('aria-pressed', String(mode === 'form'));
  $('catalog-mode-json').setAttribute('aria-pressed', String(mode === 'json'));
  $('draft-hint-form').hidden = mode !== 'form';
}

function modeError(text) {
  const el = $('catalog-mode-error');
  el.textContent = text ?? '';
  el.hidden = !text;
  if (text) $('draft-editor').setAttribute('aria-invalid', 'true');
  else $('draft-editor').removeAttribute('aria-invalid');
}

/** Why a parsed text cannot be shown as the form (null: it can). */
function notATrack(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'it is not a JSON object';
  for (const key of ['levels', 'certifications', 'sections']) {
    if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key])) return `"${key}" is not a list`;
  }
  for (const [i, level] of (value.levels ?? []).entries()) {
    if (level === null || typeof level !== 'object') return `levels[${i}] is not an object`;
    for (const key of ['jobTitles', 'responsibilities', 'skills', 'salaryBands', 'kpis', 'requirements']) {
      if (level[key] !== undefined && level[key] !== null && !Array.isArray(level[key])) {
        return `levels[${i}].${key} is not a list`;
      }
    }
  }
  return null;
}

export function toJson() {
  if (state.mode === 'json') return;
  $('draft-editor').value = state.doc ? pretty(state.doc) : '';
  clearFormProblems();
  modeError('');
  showMode('json');
  $('draft-editor').focus();
}

/** Back to the form with the text's document; false (and the reason at the text) when the text cannot be read. */
export function toForm() {
  if (state.mode === 'form') return true;
  let value;
  try {
    value = JSON.parse($('draft-editor').value);
  } catch (error) {
    modeError(`The JSON is not valid, so the form cannot show it: ${error.message}. Fix it here (or Reload the `
      + 'stored draft) to switch back.');
    $('draft-editor').focus();
    return false;
  }
  const why = notATrack(value);
  if (why) {
    modeError(`The form cannot show this document: ${why}. Fix it here (or Reload the stored draft) to switch back.`);
    $('draft-editor').focus();
    return false;
  }
  modeError('');
  state.doc = normalise(value);
  showMode('form');
  renderForm();
  renderDraftMeta();
  $('catalog-mode-form').focus();
  return true;
}

/**
 * The document to validate, preview or save: the form's (after its own checks, shown at their fields) or the JSON
 * text parsed. Null when it cannot be sent; what is wrong is already shown.
 */
export function documentInHand(renderProblems) {
  if (state.mode === 'form') {
    const problems = checkForm();
    if (problems.length) {
      renderProblems(problems, `${problems.length} field(s) to correct first`, true);
      return null;
    }
    return state.doc;
  }
  try {
    return JSON.parse($('draft-editor').value);
  } catch (error) {
    renderProblems([{ field: 'JSON', message: error.message }], 'The draft is not valid JSON');
    return null;
  }
}

export function initModes() {
  $('catalog-mode-form').addEventListener('click', () => toForm());
  $('catalog-mode-json').addEventListener('click', () => toJson());
  $('draft-editor').addEventListener('input', () => { if (!$('catalog-mode-error').hidden) modeError(''); });
  showMode(state.mode);
}

/** A document replaced from outside (reload, discard, another track): nothing left to complain about. */
export function clearModeError() {
  modeError('');
}
