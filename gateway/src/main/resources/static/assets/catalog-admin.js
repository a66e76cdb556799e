// "Catalog" card for admins: edit a track's draft as JSON, validate, preview who publishing it would affect, save
// (If-Match = the ETag last read), publish, compare published versions, read the audit trail and import a roadmap in Markdown. catalog-service checks the role
// on every write; hiding the card from other users is only a convenience.
import { api, apiResponse, ApiError } from './api.js';
import { $, h, formatDateTime } from './dom.js';

const base = (trackId) => `/api/catalog/tracks/${encodeURIComponent(trackId)}`;
// Admin data must be current: always revalidate instead of trusting the browser's cache (tracks are max-age 60).
const FRESH = { cache: 'no-cache' };

const state = {
  trackId: null,
  etag: null, // ETag of the draft as last read or written
  savedText: '', // the editor text that matches the stored draft, to tell unsaved edits apart
  busy: false,
};
let handleUnauthorized = () => {};

// ---- small helpers ----------------------------------------------------------------------------

function show(id, text) {
  const el = $(id);
  el.textContent = text ?? '';
  el.hidden = !text;
}

function status(text) {
  $('draft-status').textContent = text ?? '';
}

function setBusy(busy) {
  state.busy = busy;
  for (const id of ['draft-validate', 'draft-impact', 'draft-save', 'draft-publish', 'draft-reload', 'catalog-track']) {
    $(id).disabled = busy;
  }
  $('catalog-admin').setAttribute('aria-busy', String(busy));
}

/** Runs one user action: one at a time, and a 401 goes to the portal's session handling. */
async function action(fn) {
  if (state.busy) return;
  setBusy(true);
  try {
    await fn();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) handleUnauthorized();
    else status(`Failed: ${error.message}`);
  } finally {
    setBusy(false);
  }
}

const pretty = (value) => JSON.stringify(value, null, 2);

function renderValue(value) {
  if (value === undefined || value === null) return '(none)';
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

// ---- problems ---------------------------------------------------------------------------------

/** problems: [{field, message}] (JSON path of the draft) — all of them, never just the first. */
function renderProblems(problems, heading) {
  const list = $('draft-problems');
  list.replaceChildren(...problems.map((p) => h('li', { 'data-field': p.field ?? '' },
    p.field ? h('code', {}, p.field) : null, p.field ? ': ' : null, p.message ?? String(p))));
  $('draft-problems-title').textContent = heading ?? `${problems.length} problem(s)`;
  $('draft-problems-title').hidden = problems.length === 0;
  if (problems.length) $('draft-editor').setAttribute('aria-invalid', 'true');
  else $('draft-editor').removeAttribute('aria-invalid');
}

function clearResults() {
  renderProblems([]);
  clearImpact();
  show('publish-result', '');
  $('draft-conflict').hidden = true;
  status('');
}

/** The editor's JSON, or null after listing the syntax error as a problem. */
function parseEditor() {
  try {
    return JSON.parse($('draft-editor').value);
  } catch (error) {
    renderProblems([{ field: 'JSON', message: error.message }], 'The draft is not valid JSON');
    return null;
  }
}

/** 400/422 from catalog-service list their problems in `errors`; other failures are reported as one problem. */
function problemsOf(error) {
  if (error instanceof ApiError && error.fieldErrors.length) return error.fieldErrors;
  return [{ field: '', message: error.problem?.detail || error.message }];
}

function showConflict() {
  $('draft-conflict').hidden = false;
  status('Someone else changed the draft — reload');
  $('draft-conflict-reload').focus();
}

// ---- draft ------------------------------------------------------------------------------------

function renderDraftMeta() {
  const dirty = $('draft-editor').value !== state.savedText;
  const revision = state.etag ? state.etag.replace(/^W\//, '').replace(/"/g, '') : '–';
  $('draft-meta').textContent = `Draft revision ${revision}${dirty ? ' · unsaved changes' : ''}`;
  $('draft-meta').dataset.dirty = String(dirty);
}

async function loadDraft() {
  const { data, etag } = await apiResponse(`${base(state.trackId)}/draft`, FRESH);
  state.etag = etag;
  state.savedText = pretty(data);
  $('draft-editor').value = state.savedText;
  renderDraftMeta();
}

/** PUT the editor's document; true when stored. Lists the problems (422) or offers a reload (412). */
async function save(document) {
  try {
    const { data, etag } = await apiResponse(`${base(state.trackId)}/draft`, {
      method: 'PUT', body: document, headers: { 'If-Match': state.etag ?? '' },
    });
    state.etag = etag;
    state.savedText = pretty(data);
    $('draft-editor').value = state.savedText;
    renderDraftMeta();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      showConflict();
      return false;
    }
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
      renderProblems(problemsOf(error), 'The draft was not saved');
      return false;
    }
    throw error;
  }
}

function onValidate() {
  return action(async () => {
    clearResults();
    const document = parseEditor();
    if (!document) { status('Not valid JSON.'); return; }
    try {
      const result = await api(`${base(state.trackId)}/draft/validate`, { method: 'POST', body: document });
      const problems = result?.problems ?? [];
      renderProblems(problems);
      status(problems.length ? `${problems.length} problem(s) found.` : 'No problems: the draft can be published.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        renderProblems(problemsOf(error), 'The draft cannot be read');
        status('The draft cannot be read.');
      } else throw error;
    }
  });
}

// ---- impact preview ---------------------------------------------------------------------------

function clearImpact() {
  $('impact-box').hidden = true;
  $('impact-summary').textContent = '';
  $('impact-list').replaceChildren();
}

const people = (n) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** impacts: progress-service's answer for the release catalog-service would publish (ImpactPreview.Impact). */
function renderImpact(release, impacts) {
  const gains = impacts.filter((i) => i.change === 'GAIN').length;
  const losses = impacts.length - gains;
  $('impact-summary').textContent = impacts.length
    ? `Publishing this as version ${release.version} would change ${people(impacts.length)}: `
      + `${gains} would gain, ${losses} would lose.`
    : `Publishing this as version ${release.version} changes nobody's level or readiness.`;
  // losses first: they are what an admin must weigh before publishing
  const ordered = [...impacts].sort((a, b) => (a.change === b.change ? a.displayName.localeCompare(b.displayName)
    : a.change === 'LOSS' ? -1 : 1));
  $('impact-list').replaceChildren(...ordered.map((i) => {
    const before = i.currentLevelName ?? i.currentLevel ?? 'not evaluated yet';
    const after = i.levelAfterName ?? i.levelAfter;
    return h('li', { class: `impact ${i.change === 'GAIN' ? 'gain' : 'loss'}`, 'data-employee-id': i.employeeId,
      'data-change': i.change },
      h('span', { class: 'item-title' }, i.displayName),
      h('span', { class: `badge small-badge${i.change === 'GAIN' ? '' : ' risk'}` }, i.change === 'GAIN' ? 'gains' : 'loses'),
      h('div', { class: 'item-meta' }, before === after ? `stays ${after}` : `${before} → ${after}`,
        ` · readiness ${i.readinessBefore}% → ${i.readinessAfter}%`));
  }));
  $('impact-box').hidden = false;
}

/** Works on the editor's text, saved or not: catalog-service builds the release, progress-service evaluates it. */
function onPreviewImpact() {
  return action(async () => {
    clearResults();
    const document = parseEditor();
    if (!document) { status('No preview: not valid JSON.'); return; }
    let release;
    try {
      release = await api(`${base(state.trackId)}/draft/release-preview`, { method: 'POST', body: document });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        renderProblems(problemsOf(error), 'No preview — the draft has problems');
        status('No preview: fix the problems listed.');
        return;
      }
      throw error;
    }
    renderImpact(release, await api('/api/progress/admin/impact-preview', { method: 'POST', body: release }));
    status('');
  });
}

function onSave() {
  return action(async () => {
    clearResults();
    const document = parseEditor();
    if (!document) { status('Not saved: not valid JSON.'); return; }
    if (await save(document)) {
      status(`Draft saved (revision ${state.etag?.replace(/"/g, '')}).`);
      await loadSide();
    } else if ($('draft-conflict').hidden) {
      status('Not saved: fix the problems listed.');
    }
  });
}

function onPublish() {
  return action(async () => {
    clearResults();
    // Unsaved edits are stored first, so what is published is what the admin sees.
    if ($('draft-editor').value !== state.savedText) {
      const document = parseEditor();
      if (!document) { status('Not published: not valid JSON.'); return; }
      if (!(await save(document))) {
        if ($('draft-conflict').hidden) {
          status('Not published: fix the problems listed.');
          $('draft-problems-title').textContent = 'Not published — the draft has problems';
        }
        return;
      }
    }
    try {
      const { data } = await apiResponse(`${base(state.trackId)}/publish`, {
        method: 'POST', headers: { 'If-Match': state.etag ?? '' },
      });
      show('publish-result', `Published version ${data.version}`);
      $('publish-result').dataset.version = String(data.version);
      status('');
      await loadTracks(state.trackId);
      await loadSide();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) showConflict();
      else if (error instanceof ApiError && error.status === 422) {
        renderProblems(problemsOf(error), 'Not published — the draft has problems');
        status('Not published: fix the problems listed.');
      } else throw error;
    }
  });
}

/** force: after a conflict the admin already chose to reload, so unsaved edits are not asked about again. */
function onReload(force) {
  if (!force && $('draft-editor').value !== state.savedText
      && $('draft-conflict').hidden && !window.confirm('Discard your unsaved changes and reload the draft?')) return;
  return action(async () => {
    clearResults();
    await loadDraft();
    await loadSide();
    status('Draft reloaded.');
  });
}

// ---- versions, diff, history ------------------------------------------------------------------

async function loadSide() {
  await Promise.all([loadVersions(), loadHistory()]);
}

async function loadVersions() {
  let versions;
  try {
    versions = await api(`${base(state.trackId)}/versions`, FRESH);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) versions = [];
    else throw error;
  }
  const numbers = versions.map((v) => v.latestVersion ?? v.version);
  $('catalog-versions').replaceChildren(...(versions.length
    ? [...versions].reverse().map((v) => {
        const n = v.latestVersion ?? v.version;
        return h('li', { class: 'item', 'data-version': n },
          h('span', { class: 'item-title' }, `Version ${n}`),
          v.publishedAt ? h('span', { class: 'item-meta' }, ` · published ${formatDateTime(v.publishedAt)}`) : null);
      })
    : [h('li', { class: 'muted' }, 'Not published yet.')]));
  const fill = (select, selected) => {
    select.replaceChildren(...numbers.map((n) => h('option', { value: n }, `Version ${n}`)));
    if (selected !== undefined) select.value = String(selected);
  };
  fill($('diff-from'), numbers.length > 1 ? numbers[numbers.length - 2] : numbers[0]);
  fill($('diff-to'), numbers[numbers.length - 1]);
  $('versions-compare').disabled = numbers.length < 2;
}

async function compare(event) {
  event.preventDefault();
  const from = $('diff-from').value;
  const to = $('diff-to').value;
  if (!from || !to) return;
  try {
    const changes = await api(`${base(state.trackId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    $('diff-summary').textContent = `${changes.length} change(s) from version ${from} to version ${to}`;
    $('catalog-diff').replaceChildren(...changes.map((c) => h('li', { 'data-path': c.path },
      h('code', {}, c.path), ': ',
      h('span', { class: 'before' }, renderValue(c.before)), ' → ',
      h('span', { class: 'after' }, renderValue(c.after)))));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) handleUnauthorized();
    else $('diff-summary').textContent = `Could not compare: ${error.message}`;
  }
}

const ACTIONS = { IMPORT: 'Imported', DRAFT_UPDATE: 'Draft changed', PUBLISH: 'Published' };

async function loadHistory() {
  const entries = await api(`${base(state.trackId)}/history`, FRESH);
  $('catalog-history').replaceChildren(...(entries.length
    ? [...entries].reverse().map((e) => {
        const who = e.actor?.username || e.actor?.id || 'unknown';
        const what = e.action === 'PUBLISH' && e.version != null
          ? `Published version ${e.version}` : ACTIONS[e.action] ?? e.action;
        return h('li', { class: 'item', 'data-action': e.action, 'data-actor': who },
          h('div', { class: 'item-title' }, `${what} by ${who}`),
          h('div', { class: 'item-meta' }, [formatDateTime(e.at), e.revision != null ? `revision ${e.revision}` : null]
            .filter(Boolean).join(' · ')),
          e.detail ? h('div', { class: 'item-meta' }, e.detail) : null);
      })
    : [h('li', { class: 'muted' }, 'No history recorded.')]));
}

// ---- tracks -----------------------------------------------------------------------------------

/** Every editable track, imported drafts that were never published included. */
async function loadTracks(selected) {
  const all = (await api('/api/catalog/drafts', FRESH)).map((d) => ({ id: d.trackId, name: d.name, latestVersion: d.latestVersion }));
  const select = $('catalog-track');
  select.replaceChildren(...(all.length
    ? all.map((t) => h('option', { value: t.id, 'data-latest-version': t.latestVersion ?? '' },
        t.latestVersion ? `${t.name} (v${t.latestVersion})` : `${t.name} (draft only)`))
    : [h('option', { value: '' }, 'No tracks yet')]));
  const keep = selected ?? state.trackId;
  if (keep && all.some((t) => t.id === keep)) select.value = keep;
}

async function selectTrack(trackId) {
  state.trackId = trackId || null;
  clearResults();
  $('catalog-diff').replaceChildren();
  $('diff-summary').textContent = '';
  if (!state.trackId) return;
  await loadDraft();
  await loadSide();
}

// ---- import -----------------------------------------------------------------------------------

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
    if (error instanceof ApiError && error.status === 401) handleUnauthorized();
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

// ---- start ------------------------------------------------------------------------------------

/** Shows the card and loads the first track; only called for admins. onError(error) reports load failures. */
export async function initCatalogAdmin({ onUnauthorized, onError }) {
  handleUnauthorized = onUnauthorized;
  $('catalog-admin').hidden = false;
  $('draft-validate').addEventListener('click', onValidate);
  $('draft-impact').addEventListener('click', onPreviewImpact);
  $('draft-save').addEventListener('click', onSave);
  $('draft-publish').addEventListener('click', onPublish);
  $('draft-reload').addEventListener('click', () => onReload(false));
  $('draft-conflict-reload').addEventListener('click', () => onReload(true));
  $('draft-editor').addEventListener('input', renderDraftMeta);
  $('catalog-track').addEventListener('change', (e) => {
    const previous = state.trackId;
    if ($('draft-editor').value !== state.savedText
        && !window.confirm('Discard your unsaved changes to this draft?')) {
      e.target.value = previous;
      return;
    }
    action(() => selectTrack(e.target.value));
  });
  $('versions-compare-form').addEventListener('submit', compare);
  $('import-form').addEventListener('submit', onImport);
  $('import-file').addEventListener('change', () => {
    $('import-markdown').disabled = Boolean($('import-file').files?.length);
  });

  setBusy(true);
  try {
    await loadTracks();
    await selectTrack($('catalog-track').value);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) handleUnauthorized();
    else onError(error);
  } finally {
    setBusy(false);
  }
}
