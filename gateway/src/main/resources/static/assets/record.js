// "Record a certification": posts to profile-service and shows its field errors next to each field; before saving
// it shows the expiry a claim without one will get.
import { api, ApiError } from './api.js';
import { $, h, formatDate } from './dom.js';

// field name as the service reports it (normalised) -> input id
const FIELDS = {
  certificationid: 'certification',
  certification: 'certification',
  credentialid: 'credential-id',
  issuer: 'issuer',
  issuedon: 'issued-on',
  expireson: 'expires-on',
};

const normalise = (field) =>
  String(field || '').split(/[./[\]]/).filter(Boolean).pop()?.toLowerCase().replace(/[^a-z0-9]/g, '') ?? '';

/**
 * The certification select: the employee's own track's pathway first (trackCertificationIds, in pathway order), then
 * every other certification of the catalog.
 */
export function renderCertificationOptions(certifications, trackCertificationIds = [], trackName = null) {
  const select = $('certification');
  const selected = select.value;
  const byId = new Map();
  for (const c of certifications ?? []) {
    const id = typeof c === 'string' ? c : c.id ?? c.certificationId;
    const name = typeof c === 'string' ? c : c.name ?? c.certificationName ?? id;
    if (id && !byId.has(id)) byId.set(id, name);
  }
  const option = (id) => h('option', { value: id }, byId.get(id));
  const own = trackCertificationIds.filter((id) => byId.has(id));
  const others = [...byId.keys()].filter((id) => !own.includes(id));
  const options = [h('option', { value: '' }, 'Choose a certification…')];
  if (own.length) {
    options.push(h('optgroup', { label: trackName ? `Your track: ${trackName}` : 'Your track' }, own.map(option)));
    if (others.length) options.push(h('optgroup', { label: 'Other certifications' }, others.map(option)));
  } else {
    options.push(...others.map(option));
  }
  select.replaceChildren(...options);
  if (selected && [...select.options].some((o) => o.value === selected)) select.value = selected;
}

let expiryRequest = 0;

/**
 * Before saving: with a certification and an issue date but no expiry typed, the expiry the claim will get
 * (GET /api/profiles/certifications/{id}/default-expiry?issuedOn=: issuedOn + the catalog's renewal period).
 */
async function showDefaultExpiry() {
  const note = $('expires-on-default');
  const certificationId = $('certification').value;
  const issuedOn = $('issued-on').value;
  const request = ++expiryRequest;
  if (!certificationId || !issuedOn || $('expires-on').value || !/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) {
    note.hidden = true;
    note.textContent = '';
    delete note.dataset.expiresOn;
    return;
  }
  try {
    const path = `/api/profiles/certifications/${encodeURIComponent(certificationId)}/default-expiry`
      + `?issuedOn=${encodeURIComponent(issuedOn)}`;
    const answer = await api(path);
    if (request !== expiryRequest) return;
    if (answer?.expiresOn) {
      note.textContent = `With no expiry typed, it expires on ${formatDate(answer.expiresOn)}`
        + (answer.renewalMonths ? ` (renewal every ${answer.renewalMonths} months).` : '.');
      note.dataset.expiresOn = answer.expiresOn;
    } else {
      note.textContent = 'With no expiry typed, it does not expire: the catalog has no renewal period for it.';
      note.dataset.expiresOn = '';
    }
    note.hidden = false;
  } catch (error) {
    if (request !== expiryRequest) return;
    note.hidden = true; // the form still works; the service computes the same on saving
  }
}

function clearMessages() {
  for (const inputId of new Set(Object.values(FIELDS))) {
    const input = $(inputId);
    input.removeAttribute('aria-invalid');
    const error = $(`${inputId}-error`);
    error.textContent = '';
    error.hidden = true;
  }
  $('record-error').hidden = true;
  $('record-error').textContent = '';
  $('record-success').hidden = true;
  $('record-success').textContent = '';
}

function showFieldErrors(error) {
  const unmatched = [];
  let first = null;
  for (const { field, message } of error.fieldErrors) {
    const inputId = FIELDS[normalise(field)];
    if (!inputId) {
      unmatched.push(field ? `${field}: ${message}` : message);
      continue;
    }
    const target = $(`${inputId}-error`);
    target.textContent = target.textContent ? `${target.textContent} ${message}` : message;
    target.hidden = false;
    $(inputId).setAttribute('aria-invalid', 'true');
    first ??= $(inputId);
  }
  const summary = unmatched.length ? unmatched.join(' ') : first ? '' : error.problem.detail || error.message;
  if (summary) {
    $('record-error').textContent = summary;
    $('record-error').hidden = false;
  }
  first?.focus();
}

function valueOrNull(id) {
  const value = $(id).value.trim();
  return value === '' ? null : value;
}

/** onRecorded: refreshes the lists; onUnauthorized: session handling; both from app.js. */
export function initRecordForm({ onRecorded, onUnauthorized }) {
  const form = $('record-form');
  const submit = $('record-submit');
  for (const id of ['certification', 'issued-on', 'expires-on']) {
    $(id).addEventListener('change', showDefaultExpiry);
    $(id).addEventListener('input', showDefaultExpiry);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearMessages();
    const select = $('certification');
    const certificationName = select.selectedOptions[0]?.textContent ?? '';
    const payload = {
      certificationId: valueOrNull('certification'),
      credentialId: valueOrNull('credential-id'),
      issuer: valueOrNull('issuer'),
      issuedOn: valueOrNull('issued-on'),
      expiresOn: valueOrNull('expires-on'),
    };
    submit.disabled = true;
    try {
      const saved = await api('/api/profiles/me/certifications', { method: 'POST', body: payload });
      const name = saved?.certificationName || certificationName || payload.certificationId;
      form.reset();
      showDefaultExpiry();
      const expiry = saved?.expiresOn ? ` It expires on ${formatDate(saved.expiresOn)}.` : '';
      $('record-success').textContent = `Recorded ${name}: pending until your manager verifies it.${expiry} `
        + 'You can attach evidence to it under "My certification claims".';
      $('record-success').hidden = false;
      // the form was emptied: the focus goes to what happened, and Tab goes on from there
      $('record-success').focus();
      onRecorded(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        onUnauthorized();
      } else if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        showFieldErrors(error);
      } else {
        $('record-error').textContent = `Could not record the certification: ${error.message}`;
        $('record-error').hidden = false;
      }
    } finally {
      submit.disabled = false;
    }
  });
}
