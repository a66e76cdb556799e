// "Add a person" on the Organisation view: provisions someone who has not signed in yet (POST /admin/people). They
// are linked to this record on their first sign-in by username, else by a verified e-mail. profile-service judges
// every field; its problems are shown at their fields.
import { apiResponse, ApiError } from './api.js';
import { $, h } from './dom.js';
import { busy, clearFieldErrors, fieldError, say, showProblem, valueOrNull } from './forms.js';
import { changed, fillTeamSelect, fillTrackSelect, unauthorized } from './organisation-state.js';

const FIELDS = {
  username: 'new-person-username', externalid: 'new-person-external-id', displayname: 'new-person-display-name',
  email: 'new-person-email', teamid: 'new-person-team', trackid: 'new-person-track', region: 'new-person-region',
  startdate: 'new-person-start-date', jobtitle: 'new-person-job-title',
};

let openPerson = () => {};

/** onOpen(id): opens the editor of the person just added. */
export function initProvision({ onOpen }) {
  openPerson = onOpen;
  $('provision-form').addEventListener('submit', provision);
  $('provision-form').addEventListener('reset', () => {
    clearFieldErrors(FIELDS, 'provision-error');
    $('provision-success').replaceChildren();
    $('provision-success').hidden = true;
  });
}

/** The teams or tracks changed: the selects offer them, keeping what was chosen. */
export function fillProvisionChoices() {
  fillTeamSelect($('new-person-team'), 'No team');
  fillTrackSelect($('new-person-track'), $('new-person-track').value, 'Default track');
  $('new-person-start-date').max = new Date().toISOString().slice(0, 10);
}

async function provision(event) {
  event.preventDefault();
  clearFieldErrors(FIELDS, 'provision-error');
  say('provision-success', '');
  const body = {
    username: valueOrNull('new-person-username'), externalId: valueOrNull('new-person-external-id'),
    displayName: valueOrNull('new-person-display-name'), email: valueOrNull('new-person-email'),
    teamId: valueOrNull('new-person-team'), trackId: valueOrNull('new-person-track'),
    region: valueOrNull('new-person-region'), startDate: valueOrNull('new-person-start-date'),
    jobTitle: valueOrNull('new-person-job-title'),
  };
  let first = null;
  if (!body.username) first ??= fieldError('new-person-username', 'A username is required: the one they sign in with.');
  if (!body.displayName) first ??= fieldError('new-person-display-name', 'A name is required.');
  if (first) { first.focus(); return; }
  await busy($('provision-submit'), async () => {
    try {
      const { data } = await apiResponse('/api/profiles/admin/people', { method: 'POST', body });
      $('provision-form').reset();
      fillProvisionChoices();
      const name = data.displayName || data.username;
      $('provision-success').replaceChildren(`Added ${name} (${data.username}). They are linked on their first sign-in. `,
        h('button', { type: 'button', class: 'button secondary small', 'data-testid': 'provision-open',
          onclick: () => openPerson(data.id) }, `Edit ${name}`));
      $('provision-success').hidden = false;
      $('provision-success').dataset.employeeId = data.id;
      await changed();
    } catch (error) {
      if (unauthorized(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        // "Username '…' belongs to someone already" or "External id '…' belongs to someone already"
        const detail = error.problem.detail || 'Someone has this username or external id already.';
        fieldError(/external id/i.test(detail) ? 'new-person-external-id' : 'new-person-username', detail).focus();
        return;
      }
      showProblem(error, FIELDS, 'provision-error', 'Could not add the person');
    }
  });
}
