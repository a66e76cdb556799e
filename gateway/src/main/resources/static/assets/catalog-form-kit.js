// Building blocks of the form-based catalog editor (catalog-form.js): labelled inputs bound to one field of the draft
// document, and lists of entries that can be added, moved up or down and removed with buttons (keyboard-accessible,
// each named after its entry). Every input carries `data-path`, the draft's JSON path exactly as catalog-service's
// TrackValidator reports it (`levels[1].requirements[0].items[2].ref`), so a problem can be shown at its field; its
// message goes into `${id}-error`, which the input names in aria-describedby.
import { h } from './dom.js';

/** The element id of the input (or list) at a JSON path: `levels[1].name` → `cf-levels-1-name`. */
export const idFor = (path) => `cf-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

/** Paths of entries: `levels` + 2 → `levels[2]`; a field of an entry: `levels[2]` + `name` → `levels[2].name`. */
export const at = (path, index) => `${path}[${index}]`;
export const dot = (path, name) => (path ? `${path}.${name}` : name);

/** Entries created in this session whose id still follows their name (an existing id is never changed silently). */
export const derived = new WeakSet();

/** What the form does after an edit: { changed() } for every value, { rerender(focusId) } after a structural one. */
let ctx = { changed() {}, rerender() {} };
export function setFormContext(context) {
  ctx = context;
}

// Details elements keep their open state across re-renders, following the entry object when it moves. When the
// document is replaced by an equal one (the stored draft after a save), the entries open before stay open by path.
const open = new WeakMap();
let openPaths = new Set();
function isOpen(item, path) {
  const known = item && typeof item === 'object' ? open.get(item) : undefined;
  if (known !== undefined) return known;
  const byPath = openPaths.has(path);
  if (byPath && item && typeof item === 'object') open.set(item, true);
  return byPath;
}
function setOpen(item, value) {
  if (item && typeof item === 'object') open.set(item, value);
}
/** Before the document is replaced by an equal one: which entries (by path) are open now. */
export function rememberOpen(root) {
  openPaths = new Set([...root.querySelectorAll('details[open]')]
    .map((d) => d.closest('[data-path]')?.dataset.path).filter(Boolean));
}
/** Another track or a reloaded draft: every entry starts closed. */
export function forgetOpen() {
  openPaths = new Set();
}

function errorSlot(id) {
  return h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': id, hidden: true });
}

function described(id, hint) {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

function labelText(label, optional) {
  return [label, optional ? h('span', { class: 'optional' }, ` (${optional})`) : null];
}

/**
 * A text or number input (or textarea) bound to one field.
 * kind: 'text' | 'int' | 'textarea'; required: must not be blank; nullable (int): blank means null;
 * min/max (int); optional: text shown beside the label; hint: help text under the input; read(raw) → value and
 * write(value) → raw override the conversion (e.g. paragraphs ↔ text with blank lines).
 */
export function field({ path, label, value, set, kind = 'text', required = false, nullable = false, min, max,
  optional, hint, read, write, attrs = {} }) {
  const id = idFor(path);
  const raw = write ? write(value) : value ?? '';
  const common = {
    id, 'data-path': path, 'data-testid': id, 'aria-describedby': described(id, hint),
    'data-required': required ? 'true' : null, required: required || null, ...attrs,
  };
  const onInput = (e) => {
    const text = e.target.value;
    if (read) set(read(text));
    else if (kind === 'int') {
      if (text.trim() === '') { if (nullable) set(null); }
      else if (/^-?\d+$/.test(text.trim())) set(Number(text.trim()));
    } else set(text);
    clearError(e.target);
    ctx.changed();
  };
  const input = kind === 'textarea'
    ? h('textarea', { ...common, rows: attrs.rows ?? 3, oninput: onInput }, String(raw))
    : h('input', {
      ...common, type: kind === 'int' ? 'number' : 'text', inputmode: kind === 'int' ? 'numeric' : null,
      step: kind === 'int' ? '1' : null, min: min ?? null, max: max ?? null, 'data-int': kind === 'int' ? 'true' : null,
      'data-nullable': nullable ? 'true' : null, value: String(raw), oninput: onInput,
    });
  if (kind !== 'textarea') input.value = String(raw);
  return h('div', { class: 'field' },
    h('label', { for: id }, labelText(label, optional)),
    input,
    hint ? h('p', { class: 'item-meta', id: `${id}-hint` }, hint) : null,
    errorSlot(id));
}

/** A checkbox bound to one boolean field. */
export function check({ path, label, value, set, hint }) {
  const id = idFor(path);
  return h('div', { class: 'field cf-check' },
    h('span', { class: 'cf-check-row' },
      h('input', {
        type: 'checkbox', id, 'data-path': path, 'data-testid': id, checked: value ? true : null,
        'aria-describedby': described(id, hint),
        onchange: (e) => { set(e.target.checked); ctx.changed(); },
      }),
      h('label', { for: id }, label)),
    hint ? h('p', { class: 'item-meta', id: `${id}-hint` }, hint) : null,
    errorSlot(id));
}

/**
 * A select bound to one field. options: [{value, label}] or a function returning them (pickers: refreshed when the
 * track's skills or certifications change); placeholder: the first, empty option; rerenders: the form is rebuilt after
 * a change (the choice changes which fields exist).
 */
export function choice({ path, label, value, set, options, placeholder, required = false, hint, picker, rerenders }) {
  const id = idFor(path);
  const select = h('select', {
    id, 'data-path': path, 'data-testid': id, 'aria-describedby': described(id, hint),
    'data-required': required ? 'true' : null, required: required || null, 'data-picker': picker ?? null,
    onchange: (e) => {
      set(e.target.value);
      clearError(e.target);
      ctx.changed();
      if (rerenders) ctx.rerender(id);
    },
  });
  select.cfOptions = typeof options === 'function' ? options : () => options;
  select.cfPlaceholder = placeholder;
  fillOptions(select, value ?? '');
  return h('div', { class: 'field' }, h('label', { for: id }, label), select,
    hint ? h('p', { class: 'item-meta', id: `${id}-hint` }, hint) : null, errorSlot(id));
}

/** (Re)fills a select's options, keeping its value; a value no longer offered stays, marked as unknown. */
export function fillOptions(select, value) {
  const options = select.cfOptions();
  const list = [];
  if (select.cfPlaceholder !== undefined) list.push({ value: '', label: select.cfPlaceholder });
  list.push(...options);
  if (value !== '' && !options.some((o) => o.value === value)) list.push({ value, label: `${value} (not on this track)` });
  select.replaceChildren(...list.map((o) => h('option', { value: o.value }, o.label)));
  select.value = value;
}

export function clearError(input) {
  input.removeAttribute('aria-invalid');
  const slot = document.getElementById(`${input.id}-error`);
  if (slot) { slot.textContent = ''; slot.hidden = true; }
}

/**
 * A list of entries: each with Move up, Move down and Remove buttons (named after the entry), and an Add button.
 * list: the array in the draft (mutated in place); noun: what an entry is ("level"); title(item, index): its name
 * for the buttons and the summary; create(): a new entry; render(item, itemPath, index): the entry's fields;
 * collapsible: entries are <details> (closed unless opened; new entries open); afterChange(list): keeps dependent
 * fields right (e.g. how many of a group's items are required); empty: text while there are none.
 */
export function entries({ path, list, noun, title, create, render, collapsible = false, afterChange, empty, addLabel,
  inline = false }) {
  // the list's own id is its path's (`cf-levels`); an entry's is `cf-levels-0-entry` (its fields' ids start with
  // `cf-levels-0-`, and a list of plain strings has its input at the entry's own path)
  const listId = idFor(path);
  const items = list.map((item, index) => {
    const itemPath = at(path, index);
    const itemId = idFor(itemPath);
    const name = title(item, index) || `${noun} ${index + 1}`;
    const move = (delta) => {
      const target = index + delta;
      list.splice(target, 0, list.splice(index, 1)[0]);
      afterChange?.(list);
      ctx.changed();
      const moved = idFor(at(path, target));
      const canKeep = delta < 0 ? target > 0 : target < list.length - 1;
      ctx.rerender(`${moved}-${canKeep ? (delta < 0 ? 'up' : 'down') : (delta < 0 ? 'down' : 'up')}`);
    };
    const remove = () => {
      list.splice(index, 1);
      afterChange?.(list);
      ctx.changed();
      // focus stays in the list: on the entry that took this one's place, else the one before, else Add
      const next = list.length === 0 ? `${listId}-add` : `${idFor(at(path, Math.min(index, list.length - 1)))}-remove`;
      ctx.rerender(next);
    };
    const tools = h('div', { class: 'cf-tools', role: 'group', 'aria-label': `${capitalise(noun)} “${name}”` },
      h('button', {
        type: 'button', class: 'button secondary small', id: `${itemId}-up`, 'data-testid': `${itemId}-up`,
        'aria-label': `Move ${noun} “${name}” up`, disabled: index === 0 ? true : null, onclick: () => move(-1),
      }, '↑ Up'),
      h('button', {
        type: 'button', class: 'button secondary small', id: `${itemId}-down`, 'data-testid': `${itemId}-down`,
        'aria-label': `Move ${noun} “${name}” down`, disabled: index === list.length - 1 ? true : null,
        onclick: () => move(1),
      }, '↓ Down'),
      h('button', {
        type: 'button', class: 'button secondary small cf-remove', id: `${itemId}-remove`,
        'data-testid': `${itemId}-remove`, 'aria-label': `Remove ${noun} “${name}”`, onclick: remove,
      }, 'Remove'));
    const body = render(item, itemPath, index);
    const entryId = `${itemId}-entry`;
    if (inline) {
      return h('li', { class: 'cf-entry cf-inline', 'data-path': itemPath, id: entryId }, body, tools, errorSlot(entryId));
    }
    if (collapsible) {
      const details = h('details', {
        class: 'cf-entry-box', open: isOpen(item, itemPath) ? true : null,
        ontoggle: (e) => setOpen(item, e.target.open),
      }, h('summary', { id: `${itemId}-summary`, 'data-testid': `${itemId}-summary` }, name), errorSlot(entryId), body,
      tools);
      return h('li', { class: 'cf-entry', 'data-path': itemPath, id: entryId }, details);
    }
    return h('li', { class: 'cf-entry', 'data-path': itemPath, id: entryId },
      h('fieldset', { class: 'cf-entry-box' }, h('legend', {}, name), errorSlot(entryId), body, tools));
  });
  const add = h('button', {
    type: 'button', class: 'button secondary small cf-add', id: `${listId}-add`, 'data-testid': `${listId}-add`,
    onclick: () => {
      const item = create(list);
      setOpen(item, true);
      if (item && typeof item === 'object') derived.add(item);
      list.push(item);
      afterChange?.(list);
      ctx.changed();
      const added = idFor(at(path, list.length - 1));
      ctx.rerender(`${added}-entry-first`);
    },
  }, addLabel ?? `Add ${noun}`);
  return h('div', { class: 'cf-list', 'data-path': path, id: listId },
    errorSlot(listId),
    items.length ? h('ol', { class: `cf-entries${inline ? ' cf-inline-list' : ''}` }, items)
      : h('p', { class: 'muted cf-empty' }, empty ?? `No ${noun}s yet.`),
    add);
}

/** A list of plain strings (job titles, responsibilities, KPIs, paragraphs…), one input per entry. */
export function strings({ path, list, noun, label, empty }) {
  return h('fieldset', { class: 'cf-strings' }, h('legend', {}, label),
    entries({
      path, list, noun, inline: true, title: (text) => (text ? truncate(text) : ''), empty,
      create: () => '',
      render: (text, itemPath, index) => field({
        path: itemPath, label: `${capitalise(noun)} ${index + 1}`, value: text, required: true,
        set: (value) => { list[index] = value; },
      }),
    }));
}

export const truncate = (text, n = 40) => (String(text).length > n ? `${String(text).slice(0, n - 1)}…` : String(text));
export const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** A slug as catalog-service's Slugs makes them: lower case letters and digits separated by single dashes. */
export const slug = (text) => String(text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  .slice(0, 60).replace(/-+$/, '');
