// The descriptive sections of a track in the catalog form (specialised roles, industry paths, education…): heading,
// paragraphs, a list, closing text and sub-sections, to any depth. Nested list items are kept as they are (the form
// shows how many; Advanced: JSON edits them).
import { h } from './dom.js';
import { check, dot, entries, field } from './catalog-form-kit.js';

export function sectionsPart(doc) {
  doc.sections ??= [];
  return h('fieldset', { class: 'cf-part', id: 'cf-part-sections' }, h('legend', {}, 'Descriptive sections'),
    h('p', { class: 'item-meta' }, 'Roles, industry paths, education and the like: shown on the roadmap as text. '
      + 'Text keeps its Markdown (emphasis, links).'),
    field({ path: 'pathwayPosition', label: 'Certification pathway stands before section number', kind: 'int',
      value: doc.pathwayPosition, required: true, min: 0, hint: '0: before every section.',
      set: (v) => { doc.pathwayPosition = v; } }),
    sectionList('sections', doc.sections));
}

const paragraphs = {
  write: (list) => (list ?? []).join('\n\n'),
  read: (text) => text.split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean),
};

function sectionList(path, list) {
  return entries({
    path, list, noun: 'section', collapsible: true, title: (s) => s.heading,
    create: () => ({ heading: '', ordered: false, paragraphs: [], items: [], children: [], closing: [] }),
    render: (s, sp) => {
      for (const key of ['paragraphs', 'items', 'children', 'closing']) s[key] ??= [];
      return h('div', { class: 'cf-section' },
        field({ path: dot(sp, 'heading'), label: 'Heading', value: s.heading, required: true,
          attrs: { 'data-first': 'true' }, set: (v) => { s.heading = v; } }),
        field({ path: dot(sp, 'paragraphs'), label: 'Text', value: s.paragraphs, kind: 'textarea', optional: 'optional',
          hint: 'A blank line starts a new paragraph.', ...paragraphs, set: (v) => { s.paragraphs = v; } }),
        h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'List'),
          check({ path: dot(sp, 'ordered'), label: 'Numbered list', value: s.ordered, set: (v) => { s.ordered = v; } }),
          entries({
            path: dot(sp, 'items'), list: s.items, noun: 'list item', inline: true, title: (i) => i.text,
            create: () => ({ text: '', items: [] }),
            render: (item, ip, index) => h('div', {},
              field({ path: dot(ip, 'text'), label: `Item ${index + 1}`, value: item.text, kind: 'textarea',
                attrs: { rows: 2, 'data-first': 'true' }, set: (v) => { item.text = v; } }),
              item.items?.length ? h('p', { class: 'item-meta' },
                `${item.items.length} nested item(s), kept as they are (edit them in Advanced: JSON).`) : null),
          })),
        field({ path: dot(sp, 'closing'), label: 'Text after the list', value: s.closing, kind: 'textarea',
          optional: 'optional', ...paragraphs, set: (v) => { s.closing = v; } }),
        h('fieldset', { class: 'cf-sub' }, h('legend', {}, 'Sub-sections'), sectionList(dot(sp, 'children'), s.children)));
    },
  });
}
