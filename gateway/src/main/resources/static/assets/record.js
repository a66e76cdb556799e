// "Record a certification": posts to profile-service and shows its field errors next to each field.
import { api, ApiError } from './api.js';
import { $, h } from './dom.js';

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

export function renderCertificationOptions(certifications) {
  const select = $('certification');
  const selected = select.value;
  const options = [h('option', { value: '' }, 'Choose a certification…')];
  for (const c of certifications) {
    const id = typeof c === 'string' ? c : c.id ?? c.certificationId;
    const name = typeof c === 'string' ? c : c.name ?? c.certificationName ?? id;
    if (id) options.push(h('option', { value: id }, name));
  }
  select.replaceChildren(...options);
  if (selected && [...select.options].some((o) => o.value === selected)) select.value = selected;
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
      $('record-success').textContent = `Recorded ${name}. Your progress updates in a few seconds.`;
      $('record-success').hidden = false;
      onRecorded();
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
