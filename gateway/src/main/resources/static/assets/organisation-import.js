// "First load from CSV" on the Organisation view: one CSV of people and their teams (README "CSV first load"). Preview
// checks every row and rehearses the load without writing anything; Import is offered only for the file whose preview
// found no problems, and applies it all or nothing (a problem found then → 422, nothing written).
import { apiResponse, ApiError } from './api.js';
import { $, h } from './dom.js';
import { say } from './forms.js';
import { changed, unauthorized } from './organisation-state.js';

const MAX_BYTES = 1024 * 1024; // profile-service's limit (413 above it): said before uploading

let previewed = null; // the File whose preview found no problems, or null

export function initImport() {
  $('csv-import-form').addEventListener('submit', (e) => { e.preventDefault(); preview(); });
  $('csv-import').addEventListener('click', importFile);
  $('csv-file').addEventListener('change', () => {
    previewed = null;
    $('csv-import').disabled = true;
    clear();
  });
}

// the status line stays in place (a live region that appears with its text may not be announced)
const status = (text) => { $('csv-status').textContent = text; };

function clear() {
  status('');
  say('csv-error', '');
  $('csv-result').hidden = true;
  $('csv-problems').replaceChildren();
  $('csv-changes').replaceChildren();
  $('csv-file').removeAttribute('aria-invalid');
}

/** The chosen file, or null after saying why there is none to send. */
function chosenFile() {
  const file = $('csv-file').files?.[0];
  if (!file) say('csv-error', 'Choose a CSV file first.');
  else if (file.size > MAX_BYTES) say('csv-error', `${file.name} is larger than 1 MB: split it into several files.`);
  else return file;
  $('csv-file').setAttribute('aria-invalid', 'true');
  $('csv-file').focus();
  return null;
}

function form(file) {
  const data = new FormData();
  data.append('file', file, file.name);
  return data;
}

async function preview() {
  clear();
  previewed = null;
  $('csv-import').disabled = true;
  const file = chosenFile();
  if (!file) return;
  await running(`Checking ${file.name}…`, async () => {
    try {
      const { data } = await apiResponse('/api/profiles/admin/import/preview', { method: 'POST', form: form(file) });
      if ($('csv-file').files?.[0] !== file) return; // another file was chosen meanwhile
      render(data, false);
      if (data.valid) {
        previewed = file;
        $('csv-import').disabled = false;
        status(`${file.name}: ${data.rows} ${data.rows === 1 ? 'row' : 'rows'}, no problems. ${summary(data, false)} Nothing was written yet: Import applies it.`);
      } else {
        status(`${file.name}: ${data.problems.length} ${data.problems.length === 1 ? 'problem' : 'problems'} in ${data.rows} ${data.rows === 1 ? 'row' : 'rows'}. Nothing was written. Correct the file and preview it again.`);
      }
    } catch (error) {
      failed(error, 'Preview failed');
    }
  });
}

async function importFile() {
  const file = $('csv-file').files?.[0];
  if (!previewed || file !== previewed) {
    $('csv-import').disabled = true;
    say('csv-error', 'Preview the file first: Import applies only a file whose preview found no problems.');
    return;
  }
  clear();
  $('csv-import').disabled = true;
  await running(`Importing ${file.name}…`, async () => {
    try {
      const { data } = await apiResponse('/api/profiles/admin/import', { method: 'POST', form: form(file) });
      render(data, true);
      previewed = null;
      $('csv-file').value = '';
      status(`Imported ${file.name}: ${summary(data, true)}`);
      await changed();
    } catch (error) {
      // 422: something changed since the preview (e.g. a username taken meanwhile); the report says what
      if (error instanceof ApiError && error.status === 422 && error.problem.report) render(error.problem.report, false);
      else if (error instanceof ApiError && error.status === 422 && Array.isArray(error.problem.problems)) {
        render({ problems: error.problem.problems, teams: [], people: [] }, false);
      }
      previewed = null;
      failed(error, 'Import failed');
    }
  });
}

/** Disables both buttons and marks the card busy while a request runs. */
async function running(message, fn) {
  const card = $('csv-import-card');
  card.setAttribute('aria-busy', 'true');
  $('csv-preview').disabled = true;
  status(message);
  try {
    await fn();
  } finally {
    $('csv-preview').disabled = false;
    card.setAttribute('aria-busy', 'false');
  }
}

function failed(error, what) {
  if (unauthorized(error)) return;
  status('');
  if (!(error instanceof ApiError)) {
    say('csv-error', `${what}: ${error.message}`);
    return;
  }
  const detail = error.problem.detail || error.problem.title || `HTTP ${error.status}`;
  const why = {
    400: 'The file could not be read',
    413: 'The file is too large',
    415: 'The file was not sent as CSV',
    422: 'Nothing was imported',
  }[error.status] ?? what;
  say('csv-error', `${why}: ${detail}`);
}

function summary(report, done) {
  const count = (changes, action) => (changes ?? []).filter((c) => c.action === action).length;
  const parts = [
    [count(report.teams, 'create'), 'team', done ? 'created' : 'to create'],
    [count(report.teams, 'update'), 'team', done ? 'updated' : 'to update'],
    [count(report.people, 'create'), 'person', done ? 'added' : 'to add'],
    [count(report.people, 'update'), 'person', done ? 'updated' : 'to update'],
  ].filter(([n]) => n > 0).map(([n, noun, verb]) => `${n} ${n === 1 ? noun : noun === 'person' ? 'people' : `${noun}s`} ${verb}`);
  return parts.length ? `${parts.join(', ')}.` : 'No changes.';
}

const rowLabel = (row) => (row === 0 ? 'File' : row === 1 ? 'Header' : `Row ${row}`);

/** Every problem (row, column, message) and every change; `done`: the changes were made. */
function render(report, done) {
  const problems = report.problems ?? [];
  $('csv-problems-title').hidden = problems.length === 0;
  $('csv-problems-table').hidden = problems.length === 0;
  $('csv-problems').replaceChildren(...problems.map((p) => h('tr', { 'data-row': p.row, 'data-column': p.column ?? '' },
    h('th', { scope: 'row' }, rowLabel(p.row)),
    h('td', {}, p.column ? h('code', {}, p.column) : 'whole row'),
    h('td', {}, p.message))));
  const changes = [
    ...(report.teams ?? []).map((c) => ({ ...c, kind: 'Team' })),
    ...(report.people ?? []).map((c) => ({ ...c, kind: 'Person' })),
  ].sort((a, b) => a.row - b.row);
  $('csv-changes-title').textContent = done ? 'Changes made' : problems.length
    ? 'What the rows ask for (nothing is written while there are problems)' : 'Changes the import would make';
  $('csv-changes-title').hidden = changes.length === 0;
  $('csv-changes-table').hidden = changes.length === 0;
  $('csv-changes').replaceChildren(...changes.map((c) => h('tr', { 'data-kind': c.kind.toLowerCase(), 'data-key': c.key, 'data-action': c.action },
    h('th', { scope: 'row' }, rowLabel(c.row)),
    h('td', {}, c.kind),
    h('td', {}, h('code', {}, c.key)),
    h('td', {}, c.action === 'create' ? (done ? 'Created' : 'Create') : c.action === 'update' ? (done ? 'Updated' : 'Update') : c.action))));
  $('csv-result').hidden = problems.length === 0 && changes.length === 0;
  if (problems.length) $('csv-file').setAttribute('aria-invalid', 'true');
}
