// "My certification claims": each claim with its state (Pending / Verified / Rejected with the reason / Withdrawn),
// its evidence (a file, a verification URL), and what the employee can do with it: attach evidence, correct the
// details (If-Match), withdraw. Rows are updated in place, so a refresh never closes a form someone is typing in.
import { api, ApiError } from './api.js';
import { $, h, formatDate, formatDateTime } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem } from './forms.js';

const MAX_BYTES = 5 * 1024 * 1024;
const STATES = {
  PENDING: { mark: '◔', label: 'Pending verification' },
  VERIFIED: { mark: '✓', label: 'Verified' },
  REJECTED: { mark: '✗', label: 'Rejected' },
  WITHDRAWN: { mark: '–', label: 'Withdrawn' },
};
const rows = new Map(); // claim id -> {json, li}
let handlers = { reload: async () => {}, onUnauthorized: () => {} };

/** reload(): reloads the claims; onUnauthorized: the portal's session handling. */
export function initClaims(options) {
  handlers = { ...handlers, ...options };
}

export function renderClaims(claims) {
  $('certifications-empty').textContent = 'No certifications recorded yet: record one with the form, and it counts '
    + 'towards your readiness once your manager verifies it.';
  $('certifications-empty').hidden = claims.length > 0;
  const policy = claims.find((c) => c.countsBeforeVerification !== null && c.countsBeforeVerification !== undefined);
  say('certifications-policy', policy ? (policy.countsBeforeVerification
    ? 'On your track a pending claim already counts towards your readiness.'
    : 'On your track a claim counts towards your readiness once it is verified.') : '');
  const seen = new Set();
  const items = claims.map((claim) => {
    seen.add(claim.id);
    const json = JSON.stringify(claim);
    const known = rows.get(claim.id);
    if (known && known.json === json) return known.li;
    const li = renderClaim(claim);
    // keep an open panel open across a re-render of its claim
    if (known?.li.querySelector('details')?.open) li.querySelector('details')?.setAttribute('open', '');
    rows.set(claim.id, { json, li });
    return li;
  });
  for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
  const list = $('certifications-list');
  const focused = list.contains(document.activeElement) ? document.activeElement : null;
  list.replaceChildren(...items);
  if (focused && !focused.isConnected) list.focus?.();
}

function stateOf(claim) {
  const state = String(claim.state ?? 'PENDING').toUpperCase();
  return STATES[state] ? state : 'PENDING';
}

function renderClaim(c) {
  const state = stateOf(c);
  const s = STATES[state];
  const dates = [c.issuedOn && `Issued ${formatDate(c.issuedOn)}`, c.expiresOn && `expires ${formatDate(c.expiresOn)}`]
    .filter(Boolean).join(' · ');
  const credential = [c.credentialId && `Credential ${c.credentialId}`, c.issuer].filter(Boolean).join(' · ');
  const name = c.certificationName || c.name || c.certificationId || 'Certification';
  const base = `claim-${c.id}`;
  return h('li', {
    class: `item certification claim ${state.toLowerCase()}`, 'data-id': c.id, 'data-certification-id': c.certificationId,
    'data-credential-id': c.credentialId, 'data-state': state,
  },
  h('div', { class: 'claim-head' },
    h('div', { class: 'item-title' }, name),
    h('span', { class: `claim-state ${state.toLowerCase()}`, 'data-testid': 'claim-state' },
      h('span', { 'aria-hidden': 'true' }, `${s.mark} `), s.label)),
  credential ? h('div', { class: 'item-meta' }, credential) : null,
  dates ? h('div', { class: 'item-meta', 'data-testid': 'claim-dates' }, dates) : null,
  state === 'REJECTED' ? h('p', { class: 'claim-reason', 'data-testid': 'claim-reason' },
    `Reason: ${c.reason || 'none given'}`) : null,
  state === 'VERIFIED' && c.decidedAt ? h('div', { class: 'item-meta' }, `Verified ${formatDateTime(c.decidedAt)}`) : null,
  state === 'WITHDRAWN' && c.decidedAt ? h('div', { class: 'item-meta' }, `Withdrawn ${formatDateTime(c.decidedAt)}`) : null,
  renderEvidence(c),
  state === 'WITHDRAWN' ? null : h('details', { class: 'claim-actions', 'data-testid': 'claim-actions' },
    h('summary', { 'data-testid': 'claim-actions-toggle' }, 'Evidence, correct or withdraw',
      h('span', { class: 'sr-only' }, ` — ${name}`)),
    evidenceFileForm(c, base),
    evidenceUrlForm(c, base),
    editForm(c, base),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', class: 'button secondary small danger', 'data-testid': 'claim-withdraw',
        onclick: (e) => withdraw(c, name, e.currentTarget),
      }, 'Withdraw claim'))));
}

function renderEvidence(c) {
  const parts = [];
  if (c.evidence) {
    const size = c.evidence.size ? ` (${Math.max(1, Math.round(c.evidence.size / 1024))} KB)` : '';
    parts.push(h('span', {}, 'File: ',
      h('a', { href: `/api/profiles/me/certifications/${encodeURIComponent(c.id)}/evidence`, download: c.evidence.filename || '',
        'data-testid': 'claim-evidence-file' }, c.evidence.filename || 'evidence'), size));
  }
  if (c.verificationUrl) {
    parts.push(h('span', {}, 'Link: ',
      h('a', { href: safeUrl(c.verificationUrl), rel: 'noopener noreferrer', target: '_blank',
        'data-testid': 'claim-evidence-url' }, c.verificationUrl)));
  }
  if (!parts.length) return h('div', { class: 'item-meta', 'data-testid': 'claim-evidence' }, 'No evidence attached.');
  return h('div', { class: 'item-meta claim-evidence', 'data-testid': 'claim-evidence' },
    'Evidence: ', parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
}

const safeUrl = (url) => (/^https:\/\//i.test(url) ? url : '#');

function fail(error, fields, formErrorId, what) {
  if (error instanceof ApiError && error.status === 401) {
    handlers.onUnauthorized();
    return;
  }
  if (error instanceof ApiError && error.status === 413) {
    fieldError(fields.file, 'The file is larger than 5 MB.');
    return;
  }
  if (error instanceof ApiError && error.status === 415) {
    fieldError(fields.file, 'Only PDF, PNG or JPEG files are accepted.');
    return;
  }
  if (error instanceof ApiError && error.status === 412) {
    say(formErrorId, 'Someone changed this claim since it was loaded: it was reloaded, please try again.');
    handlers.reload();
    return;
  }
  showProblem(error, fields, formErrorId, what);
}

function evidenceFileForm(c, base) {
  const input = `${base}-file`;
  const fields = { file: input };
  const form = h('form', { class: 'claim-form', novalidate: true, 'data-testid': 'evidence-file-form' },
    h('div', { class: 'field' },
      h('label', { for: input }, c.evidence ? 'Replace the evidence file' : 'Evidence file',
        h('span', { class: 'optional' }, ' (PDF, PNG or JPEG, up to 5 MB)')),
      h('input', { id: input, type: 'file', 'data-testid': 'evidence-file', accept: '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg',
        'aria-describedby': `${input}-error` }),
      h('p', { class: 'field-error', id: `${input}-error`, hidden: true })),
    h('p', { class: 'form-error', id: `${base}-file-form-error`, role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'button secondary small', 'data-testid': 'evidence-upload' }, 'Upload file'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(fields, `${base}-file-form-error`);
    const file = $(input).files?.[0];
    if (!file) { fieldError(input, 'Choose a file first.').focus(); return; }
    if (file.size > MAX_BYTES) { fieldError(input, 'The file is larger than 5 MB.').focus(); return; }
    const data = new FormData();
    data.append('file', file, file.name);
    await busy(event.submitter ?? form.querySelector('button'), async () => {
      try {
        await api(`/api/profiles/me/certifications/${encodeURIComponent(c.id)}/evidence`, { method: 'PUT', form: data });
        await handlers.reload();
      } catch (error) {
        fail(error, fields, `${base}-file-form-error`, 'Could not upload the file');
      }
    });
  });
  return form;
}

function evidenceUrlForm(c, base) {
  const input = `${base}-url`;
  const fields = { verificationurl: input };
  const form = h('form', { class: 'claim-form', novalidate: true, 'data-testid': 'evidence-url-form' },
    h('div', { class: 'field' },
      h('label', { for: input }, 'Verification link', h('span', { class: 'optional' }, ' (https, where the issuer shows it)')),
      h('input', { id: input, type: 'url', inputmode: 'url', 'data-testid': 'evidence-url', value: c.verificationUrl || '',
        placeholder: 'https://', maxlength: 2000, 'aria-describedby': `${input}-error` }),
      h('p', { class: 'field-error', id: `${input}-error`, hidden: true })),
    h('p', { class: 'form-error', id: `${base}-url-form-error`, role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'button secondary small', 'data-testid': 'evidence-url-save' }, 'Save link'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(fields, `${base}-url-form-error`);
    const url = $(input).value.trim();
    if (!/^https:\/\/\S+$/i.test(url)) { fieldError(input, 'Enter an https:// link.').focus(); return; }
    await busy(form.querySelector('button'), async () => {
      try {
        await api(`/api/profiles/me/certifications/${encodeURIComponent(c.id)}/evidence`, {
          method: 'PUT', body: { verificationUrl: url },
        });
        await handlers.reload();
      } catch (error) {
        fail(error, fields, `${base}-url-form-error`, 'Could not save the link');
      }
    });
  });
  return form;
}

function editForm(c, base) {
  const ids = {
    credentialid: `${base}-credential-id`, issuer: `${base}-issuer`, issuedon: `${base}-issued-on`,
    expireson: `${base}-expires-on`,
  };
  const field = (key, label, attrs) => h('div', { class: 'field' },
    h('label', { for: ids[key] }, label),
    h('input', { id: ids[key], 'aria-describedby': `${ids[key]}-error`, ...attrs }),
    h('p', { class: 'field-error', id: `${ids[key]}-error`, hidden: true }));
  const errorId = `${base}-edit-error`;
  const form = h('form', { class: 'claim-form', novalidate: true, 'data-testid': 'claim-edit-form' },
    h('h4', {}, 'Correct the details'),
    c.state === 'VERIFIED' || c.state === 'REJECTED'
      ? h('p', { class: 'item-meta' }, 'A corrected claim goes back to pending until it is verified again.') : null,
    field('credentialid', 'Credential ID', { type: 'text', value: c.credentialId || '', required: true, 'data-testid': 'claim-credential-id' }),
    field('issuer', 'Issuer', { type: 'text', value: c.issuer || '' }),
    h('div', { class: 'field-row' },
      field('issuedon', 'Issued on', { type: 'date', value: c.issuedOn || '', required: true }),
      field('expireson', 'Expires on (empty: the default)', { type: 'date', value: c.expiresOn || '' })),
    h('p', { class: 'form-error', id: errorId, role: 'alert', hidden: true }),
    h('button', { type: 'submit', class: 'button secondary small', 'data-testid': 'claim-save' }, 'Save changes'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(ids, errorId);
    const value = (key) => { const v = $(ids[key]).value.trim(); return v === '' ? null : v; };
    const body = {
      credentialId: value('credentialid'), issuer: value('issuer'), issuedOn: value('issuedon'), expiresOn: value('expireson'),
    };
    await busy(form.querySelector('button'), async () => {
      try {
        await api(`/api/profiles/me/certifications/${encodeURIComponent(c.id)}`, {
          method: 'PUT', body, headers: { 'If-Match': `"${c.version}"` },
        });
        await handlers.reload();
      } catch (error) {
        fail(error, ids, errorId, 'Could not save the changes');
      }
    });
  });
  return form;
}

async function withdraw(c, name, button) {
  if (!window.confirm(`Withdraw your claim of ${name}? It stays listed as withdrawn and no longer counts.`)) return;
  await busy(button, async () => {
    try {
      await api(`/api/profiles/me/certifications/${encodeURIComponent(c.id)}`, { method: 'DELETE' });
      await handlers.reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) handlers.onUnauthorized();
      else window.alert(`Could not withdraw the claim: ${error.message}`);
    }
  });
}
