// "Verification" for managers and deputies (admins: everyone's): the queue of pending certification claims (with
// their evidence file or verification URL) and self-assessed skills; Verify, Reject with a required reason, confirm a
// skill at a chosen proficiency (GET /api/profiles/verification/queue, POST …/certifications/{id}/verify|reject,
// POST …/skills/{id}/verify).
import { api, ApiError } from './api.js';
import { $, h, formatDate, formatDateTime } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem } from './forms.js';

const rows = new Map(); // item id -> {json, li}
let handlers = { onUnauthorized: () => {}, onCount: () => {} };
const SCALE = ['', 'Awareness', 'Working knowledge', 'Practitioner', 'Advanced', 'Expert'];
// a long queue (an admin sees everyone's) is read a page at a time, oldest first
const PAGE_SIZE = 25;
let pageNumber = 0;

export function initVerification(options) {
  handlers = { ...handlers, ...options };
  const turn = (by) => {
    pageNumber = Math.max(0, pageNumber + by);
    loadQueue().then(() => $('verification-title').focus()).catch(() => {});
  };
  $('verification-prev').addEventListener('click', () => turn(-1));
  $('verification-next').addEventListener('click', () => turn(1));
}

export async function loadQueue() {
  let page = await api(`/api/profiles/verification/queue?page=${pageNumber}&size=${PAGE_SIZE}`);
  if (!page?.items?.length && pageNumber > 0 && page?.total) {
    // the last item of the last page was decided: the page before
    pageNumber = Math.max(0, Math.ceil(page.total / PAGE_SIZE) - 1);
    page = await api(`/api/profiles/verification/queue?page=${pageNumber}&size=${PAGE_SIZE}`);
  }
  renderQueue(page);
  return page;
}

function renderQueue(page) {
  const items = page?.items ?? [];
  const total = page?.total ?? items.length;
  handlers.onCount(total);
  const count = $('verification-count');
  count.textContent = String(total);
  count.hidden = total === 0;
  say('verification-empty', items.length ? '' : 'Nothing is waiting for you: claims of the people you manage appear '
    + 'here when they record them.');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  say('verification-page', pages > 1 ? `Page ${pageNumber + 1} of ${pages} (${total} waiting).` : '');
  $('verification-prev').hidden = pages <= 1;
  $('verification-next').hidden = pages <= 1;
  $('verification-prev').disabled = pageNumber === 0;
  $('verification-next').disabled = pageNumber + 1 >= pages;
  const seen = new Set();
  const lis = items.map((item) => {
    seen.add(item.id);
    const json = JSON.stringify(item);
    const known = rows.get(item.id);
    if (known && known.json === json) return known.li;
    const li = item.kind === 'SKILL' ? renderSkill(item) : renderCertification(item);
    rows.set(item.id, { json, li });
    return li;
  });
  for (const id of [...rows.keys()]) if (!seen.has(id)) rows.delete(id);
  $('verification-queue').replaceChildren(...lis);
}

const safeUrl = (url) => (/^https:\/\//i.test(url) ? url : '#');

function renderCertification(item) {
  const c = item.certification ?? {};
  const base = `queue-${item.id}`;
  const reasonId = `${base}-reason`;
  const evidence = [];
  if (c.evidence) {
    evidence.push(h('a', { href: c.evidence.downloadPath, download: c.evidence.filename || '', 'data-testid': 'queue-evidence-file' },
      `Download ${c.evidence.filename || 'evidence'}`),
    h('span', { class: 'item-meta' }, ` (${c.evidence.contentType || 'file'}, ${Math.max(1, Math.round((c.evidence.size || 0) / 1024))} KB)`));
  }
  if (c.verificationUrl) {
    if (evidence.length) evidence.push(' · ');
    evidence.push(h('a', { href: safeUrl(c.verificationUrl), rel: 'noopener noreferrer', target: '_blank', 'data-testid': 'queue-evidence-url' },
      'Open the verification link'), h('span', { class: 'item-meta' }, ` (${c.verificationUrl})`));
  }
  const name = c.certificationName || c.certificationId;
  const rejectForm = h('form', { class: 'claim-form reject-form', novalidate: true, 'data-testid': 'queue-reject-form', hidden: true },
    h('div', { class: 'field' },
      h('label', { for: reasonId }, 'Reason for rejecting', h('span', { class: 'optional' }, ' (the employee sees it)')),
      h('textarea', { id: reasonId, rows: 2, maxlength: 1000, required: true, 'data-testid': 'queue-reject-reason',
        'aria-describedby': `${reasonId}-error` }),
      h('p', { class: 'field-error', id: `${reasonId}-error`, hidden: true })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button primary small danger', 'data-testid': 'queue-reject-confirm' }, 'Reject claim'),
      h('button', { type: 'button', class: 'button secondary small', onclick: () => { rejectForm.hidden = true; } }, 'Cancel')));
  const errorId = `${base}-error`;
  rejectForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = { reason: reasonId };
    clearFieldErrors(fields, errorId);
    const reason = $(reasonId).value.trim();
    if (!reason) { fieldError(reasonId, 'Give a reason: the employee sees it.').focus(); return; }
    await decide(rejectForm.querySelector('button'), `${item.decidePath}/reject`, { reason }, fields, errorId,
      `Rejected ${name} of ${item.employeeName}.`);
  });
  return h('li', { class: 'item queue-item', 'data-id': item.id, 'data-kind': 'CERTIFICATION', 'data-employee-id': item.employeeId,
    'data-certification-id': c.certificationId, 'data-credential-id': c.credentialId },
  h('div', { class: 'claim-head' },
    h('div', { class: 'item-title' }, `${item.employeeName || item.employeeId}: ${name}`),
    h('span', { class: 'claim-state pending' }, h('span', { 'aria-hidden': 'true' }, '◔ '), 'Certification claim')),
  h('div', { class: 'item-meta' }, [c.credentialId && `Credential ${c.credentialId}`, c.issuer].filter(Boolean).join(' · ')),
  h('div', { class: 'item-meta' }, [c.issuedOn && `Issued ${formatDate(c.issuedOn)}`, c.expiresOn && `expires ${formatDate(c.expiresOn)}`,
    item.claimedAt && `claimed ${formatDateTime(item.claimedAt)}`].filter(Boolean).join(' · ')),
  h('div', { class: 'queue-evidence', 'data-testid': 'queue-evidence' }, evidence.length ? ['Evidence: ', ...evidence] : h('span', { class: 'item-meta' }, 'No evidence attached.')),
  item.countsBeforeVerification ? h('div', { class: 'item-meta' }, 'Already counts on their track while pending.') : null,
  h('p', { class: 'form-error', id: errorId, role: 'alert', hidden: true }),
  h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'button primary small', 'data-testid': 'queue-verify',
      'aria-label': `Verify ${name} of ${item.employeeName}`,
      onclick: (e) => decide(e.currentTarget, `${item.decidePath}/verify`, undefined, {}, errorId, `Verified ${name} of ${item.employeeName}.`) },
    'Verify'),
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'queue-reject',
      'aria-label': `Reject ${name} of ${item.employeeName}`,
      onclick: () => { rejectForm.hidden = false; $(reasonId).focus(); } }, 'Reject…')),
  rejectForm);
}

function renderSkill(item) {
  const s = item.skill ?? {};
  const base = `queue-${item.id}`;
  const selectId = `${base}-proficiency`;
  const errorId = `${base}-error`;
  const name = s.skillName || s.skillId;
  const select = h('select', { id: selectId, 'data-testid': 'queue-skill-proficiency', 'aria-describedby': `${selectId}-error` },
    [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: n === s.proficiency }, `${n} — ${SCALE[n]}`)));
  return h('li', { class: 'item queue-item', 'data-id': item.id, 'data-kind': 'SKILL', 'data-employee-id': item.employeeId,
    'data-skill-id': s.skillId },
  h('div', { class: 'claim-head' },
    h('div', { class: 'item-title' }, `${item.employeeName || item.employeeId}: ${name}`),
    h('span', { class: 'claim-state pending' }, h('span', { 'aria-hidden': 'true' }, '◔ '), 'Self-assessed skill')),
  h('div', {}, `Self-assessed at ${s.proficiency} — ${SCALE[s.proficiency] ?? ''}`,
    s.assessedOn ? h('span', { class: 'item-meta' }, ` on ${formatDate(s.assessedOn)}`) : null),
  s.note ? h('p', { class: 'item-meta' }, `Note: “${s.note}”`) : null,
  h('div', { class: 'field inline-field' },
    h('label', { for: selectId }, 'Confirm at proficiency'), select,
    h('p', { class: 'field-error', id: `${selectId}-error`, hidden: true })),
  h('p', { class: 'form-error', id: errorId, role: 'alert', hidden: true }),
  h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'button primary small', 'data-testid': 'queue-confirm-skill',
      'aria-label': `Confirm ${name} of ${item.employeeName}`,
      onclick: (e) => decide(e.currentTarget, `${item.decidePath}/verify`, { proficiency: Number(select.value) },
        { proficiency: selectId }, errorId, `Confirmed ${name} of ${item.employeeName} at ${select.value}.`) },
    'Confirm')));
}

async function decide(button, path, body, fields, errorId, done) {
  await busy(button, async () => {
    try {
      await api(path, { method: 'POST', body });
      say('verification-status', done);
      await loadQueue();
      $('view-verification-title').focus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) handlers.onUnauthorized();
      else if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        say(errorId, 'Already decided or no longer yours to decide; the queue was reloaded.');
        await loadQueue();
      } else showProblem(error, fields, errorId, 'Could not record the decision');
    }
  });
}
