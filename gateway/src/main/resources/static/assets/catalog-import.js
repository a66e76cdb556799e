// "Import roadmap": a roadmap in Markdown (a file or pasted) becomes a new track's draft, selected for review; a
// roadmap that cannot be read has every problem listed with its line and nothing is created.
import { apiResponse, ApiError } from './api.js';
import { $, h } from './dom.js';
import { show } from './catalog-feedback.js';
import { action, unauthorized } from './catalog-state.js';
import { loadTracks, selectTrack } from './catalog-tracks.js';

async function onImport(event) {
  event.preventDefault();
  show('import-result', '');
  show('import-error', '');
  $('import-problems').replaceChildren();
  const file = $('import-file').files?.[0];
  const markdown = file ? await file.text() : $('import-markdown').value;
  if (!markdown.trim()) {
    show('import-error', 'Choose a roadmap file or paste its Markdown.');
    return;
  }
  const submit = $('import-submit');
  submit.disabled = true;
  try {
    const { data } = await apiResponse('/api/catalog/tracks/import', {
      method: 'POST', text: markdown, contentType: 'text/markdown; charset=UTF-8',
    });
    show('import-result', `Imported “${data.name}” as a draft (${data.id}). Review it, then publish.`);
    $('import-form').reset();
    await action(async () => {
      await loadTracks(data.id);
      await selectTrack(data.id);
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) unauthorized();
    else if (error instanceof ApiError && error.status === 422) {
      show('import-error', error.problem.detail || 'The roadmap has problems; nothing was imported.');
      $('import-problems').replaceChildren(...error.fieldErrors.map((p) => h('li', { 'data-line': p.line ?? '' },
        p.line ? h('code', {}, `Line ${p.line}`) : p.field ? h('code', {}, p.field) : null,
        p.line || p.field ? ': ' : null, p.message)));
    } else {
      show('import-error', `Not imported: ${error.message}`);
    }
  } finally {
    submit.disabled = false;
  }
}

export function initImport() {
  $('import-form').addEventListener('submit', onImport);
  $('import-file').addEventListener('change', () => {
    $('import-markdown').disabled = Boolean($('import-file').files?.length);
  });
}
