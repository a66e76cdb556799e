// "Prior experience": periods of relevant experience (endedOn exclusive, empty = ongoing). Add, correct (If-Match
// with the period's version) and withdraw (GET/POST/PUT/DELETE /api/profiles/me/experience).
import { api, ApiError } from './api.js';
import { $, h, formatDate } from './dom.js';
import { busy, clearFieldErrors, say, showProblem, valueOrNull } from './forms.js';

const FIELDS = {
  startedon: 'experience-started-on', endedon: 'experience-ended-on', description: 'experience-description',
};
let editing = null; // the period being corrected, or null when adding
let handlers = { onUnauthorized: () => {} };

export async function loadExperience() {
  const data = await api('/api/profiles/me/experience?size=200');
  renderExperience(data?.items ?? []);
}

function renderExperience(periods) {
  say('experience-empty', periods.length ? '' : 'No periods recorded: add relevant work before this job and it counts '
    + 'towards the years a level asks for.');
  $('experience-list').replaceChildren(...periods.map((p) => h('li', {
    class: 'item experience', 'data-id': p.id, 'data-state': p.state,
  },
  h('div', { class: 'item-title' }, p.description),
  h('div', { class: 'item-meta' }, `${formatDate(p.startedOn)} – ${p.endedOn ? formatDate(p.endedOn) : 'ongoing'}`),
  h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'experience-edit',
      'aria-label': `Correct “${p.description}”`, onclick: () => startEditing(p) }, 'Correct'),
    h('button', { type: 'button', class: 'button secondary small danger', 'data-testid': 'experience-withdraw',
      'aria-label': `Withdraw “${p.description}”`, onclick: (e) => withdraw(p, e.currentTarget) }, 'Withdraw')))));
}

function startEditing(p) {
  editing = p;
  $('experience-started-on').value = p.startedOn || '';
  $('experience-ended-on').value = p.endedOn || '';
  $('experience-description').value = p.description || '';
  $('experience-form-title').textContent = 'Correct a period';
  $('experience-submit').textContent = 'Save correction';
  $('experience-cancel').hidden = false;
  clearFieldErrors(FIELDS, 'experience-error', 'experience-success');
  $('experience-started-on').focus();
}

function stopEditing() {
  editing = null;
  $('experience-form').reset();
  $('experience-form-title').textContent = 'Add a period';
  $('experience-submit').textContent = 'Add period';
  $('experience-cancel').hidden = true;
}

async function withdraw(p, button) {
  if (!window.confirm(`Withdraw “${p.description}”? It will no longer count.`)) return;
  await busy(button, async () => {
    try {
      await api(`/api/profiles/me/experience/${encodeURIComponent(p.id)}`, { method: 'DELETE' });
      if (editing?.id === p.id) stopEditing();
      say('experience-success', `Withdrawn: ${p.description}.`);
      await loadExperience();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) handlers.onUnauthorized();
      else say('experience-error', `Could not withdraw: ${error.message}`);
    }
  });
}

export function initExperience(options) {
  handlers = { ...handlers, ...options };
  $('experience-cancel').addEventListener('click', () => {
    stopEditing();
    clearFieldErrors(FIELDS, 'experience-error', 'experience-success');
  });
  $('experience-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(FIELDS, 'experience-error', 'experience-success');
    const body = {
      startedOn: valueOrNull('experience-started-on'),
      endedOn: valueOrNull('experience-ended-on'),
      description: valueOrNull('experience-description'),
    };
    await busy($('experience-submit'), async () => {
      try {
        if (editing) {
          await api(`/api/profiles/me/experience/${encodeURIComponent(editing.id)}`, {
            method: 'PUT', body, headers: { 'If-Match': `"${editing.version}"` },
          });
          say('experience-success', 'Correction saved.');
        } else {
          await api('/api/profiles/me/experience', { method: 'POST', body });
          say('experience-success', 'Period added.');
        }
        stopEditing();
        await loadExperience();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) handlers.onUnauthorized();
        else if (error instanceof ApiError && error.status === 412) {
          say('experience-error', 'This period changed since it was loaded: the list was reloaded, correct it again.');
          stopEditing();
          await loadExperience();
        } else showProblem(error, FIELDS, 'experience-error', 'Could not save the period');
      }
    });
  });
}
