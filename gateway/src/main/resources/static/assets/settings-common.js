// What the parts of the "Settings" view share: the portal's 401 handling, field problems of RFC 9457 documents shown
// at the control they name, and the words for modes and kinds. notification-service names nested fields
// ("quietHours.from", "kinds.CLAIM_PENDING.email", "kinds[0]"), which forms.js's last-segment matching cannot tell
// apart, so each form here maps the whole field path to its control.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { fieldError, say } from './forms.js';

let handlers = { onUnauthorized: () => {} };

export function setSettingsHandlers(options) {
  handlers = { ...handlers, ...options };
}

/** A 401 goes to the portal's session handling (sign in again); true when it did. */
export function unauthorized(error) {
  if (error instanceof ApiError && error.status === 401) {
    handlers.onUnauthorized();
    return true;
  }
  return false;
}

const sentence = (text) => {
  const s = String(text ?? '').trim();
  if (!s) return s;
  return `${s[0].toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;
};

/**
 * Puts each field problem of `error` at the control `inputOf(field)` names (its `${id}-error` element, which the
 * control lists in aria-describedby) and says in `formErrorId` that nothing was saved; problems without a control,
 * and errors without a problem document, go to `formErrorId`. Focuses the first invalid control.
 */
export function showProblems(error, inputOf, formErrorId, what) {
  if (!(error instanceof ApiError)) {
    say(formErrorId, `${what}: ${error.message}`);
    return;
  }
  const unmatched = [];
  let first = null;
  let matched = 0;
  for (const { field, message } of error.fieldErrors) {
    const inputId = inputOf(String(field ?? ''));
    if (!inputId || !$(inputId)) {
      unmatched.push(field ? `${field}: ${message}` : message);
      continue;
    }
    matched += 1;
    const input = fieldError(inputId, sentence(message));
    first ??= input;
  }
  const parts = [];
  if (matched) parts.push(`${what}: ${matched === 1 ? 'one problem, shown at its field' : `${matched} problems, shown at their fields`}.`);
  if (unmatched.length) parts.push(unmatched.join(' '));
  if (!parts.length) parts.push(`${what}: ${error.problem.detail || error.message}`);
  say(formErrorId, parts.join(' '));
  first?.focus();
}

/** Removes every field error of these controls and empties the message elements. */
export function clearProblems(inputIds, ...messageIds) {
  for (const id of inputIds) {
    $(id)?.removeAttribute('aria-invalid');
    say(`${id}-error`, '');
  }
  for (const id of messageIds) say(id, '');
}

export const MODE_LABELS = { ON: 'On', OFF: 'Off', DAILY: 'Daily digest', WEEKLY: 'Weekly digest' };
export const modeLabel = (mode) => MODE_LABELS[mode] ?? String(mode ?? '–');

/** The kinds a chat endpoint can post: a team's (for its managers) and the organisation's (admins). */
export const TEAM_KINDS = [
  { kind: 'REPORT_ADVANCED', label: 'Someone in the team advanced a level' },
  { kind: 'CLAIM_PENDING', label: 'A certification claim waits for verification' },
  { kind: 'REPORT_CERTIFICATION_EXPIRING', label: 'A certification in the team expires within 30 days' },
  { kind: 'TEAM_WEEKLY_SUMMARY', label: 'Weekly summary: who advanced, who is at risk, what expires next quarter' },
];
export const ORGANISATION_KINDS = [
  { kind: 'CATALOG_REEVALUATED', label: 'A catalog release re-evaluated people (one message per release)' },
];
export const kindLabel = (kind) => [...TEAM_KINDS, ...ORGANISATION_KINDS].find((k) => k.kind === kind)?.label ?? kind;

export const FORMAT_LABELS = { SLACK: 'Slack', TEAMS: 'Microsoft Teams', JSON: 'JSON' };
