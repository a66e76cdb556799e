// "My roadmap": every level of the employee's track (GET /api/catalog/tracks/{trackId}) with job titles,
// responsibilities, required skills beside the employee's own proficiency (GET /api/profiles/me/skills), KPIs and
// the salary band of their region (the profile's region); the certification pathway marked with what they hold
// (their claims); the roadmap's descriptive sections as readable text. And a search over the whole catalog.
import { api, ApiError } from './api.js';
import { $, h, formatDate } from './dom.js';
import { say } from './forms.js';

const SCALE = ['', 'Awareness', 'Working knowledge', 'Practitioner', 'Advanced', 'Expert'];
let loaded = null; // {track, profile} of the last render, for the search's "Show" buttons

async function optional(promise, fallback = null) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    return fallback;
  }
}

/** profile: GET /api/profiles/me (trackId, region). */
export async function loadRoadmap(profile) {
  let trackId = profile?.trackId;
  // without a track of their own: the first published one (GET /api/catalog/tracks is paged, by name)
  if (!trackId) trackId = (await api('/api/catalog/tracks?size=1'))?.items?.[0]?.id;
  if (!trackId) {
    say('roadmap-empty', 'No track is published yet.');
    return;
  }
  const [track, skills, claims, progress] = await Promise.all([
    api(`/api/catalog/tracks/${encodeURIComponent(trackId)}`),
    optional(api('/api/profiles/me/skills?size=200')),
    optional(api('/api/profiles/me/certifications'), []),
    optional(api('/api/progress/me')),
  ]);
  renderRoadmap(track, profile, skills, claims, progress);
}

function renderRoadmap(track, profile, skillsView, claims, progress) {
  loaded = { track, profile };
  const mine = new Map((skillsView?.skills?.items ?? []).map((s) => [s.skillId, s]));
  const scale = skillsView?.scale ?? [];
  const scaleName = (n) => scale.find((s) => s.proficiency === n)?.name ?? SCALE[n] ?? '';
  $('roadmap-track').textContent = track.name || track.id;
  $('roadmap-summary').replaceChildren(...inline(track.summary || ''));
  $('roadmap-summary').hidden = !track.summary;
  $('roadmap-meta').textContent = [`Version ${track.version}`, track.publishedAt && `published ${formatDate(track.publishedAt)}`,
    profile?.region ? `salaries for ${regionLabel(track, profile.region)}` : 'salaries for every region (your profile names none)']
    .filter(Boolean).join(' · ');
  const current = progress?.currentLevel?.id;
  const next = progress?.nextLevel?.id;
  $('roadmap-levels').replaceChildren(...(track.levels ?? [])
    .slice().sort((a, b) => a.rank - b.rank)
    .map((level) => renderLevel(level, { current, next, mine, scaleName, region: profile?.region })));
  renderPathway(track, claims ?? []);
  renderSections(track);
  $('roadmap-empty').hidden = true;
  $('roadmap-content').hidden = false;
}

function regionLabel(track, region) {
  for (const level of track.levels ?? []) {
    const band = (level.salaryBands ?? []).find((b) => b.region === region);
    if (band) return band.regionName || region;
  }
  return region;
}

const years = (l) => (l.maxYears == null ? `${l.minYears}+ years` : `${l.minYears}–${l.maxYears} years`);

function list(title, items, testid) {
  if (!items?.length) return null;
  return h('div', { class: 'roadmap-part' }, h('h4', {}, title),
    h('ul', { 'data-testid': testid }, items.map((t) => h('li', {}, inline(t)))));
}

function renderLevel(level, { current, next, mine, scaleName, region }) {
  const headingId = `roadmap-level-${level.id}-title`;
  const here = level.id === current ? 'You are here' : level.id === next ? 'Your next level' : null;
  const minimum = new Map();
  for (const group of level.requirements ?? []) {
    for (const item of group.items ?? []) {
      if (item.type === 'SKILL' && item.ref) minimum.set(item.ref, item.minProficiency ?? null);
    }
  }
  return h('section', {
    class: `roadmap-level${here ? ' highlighted' : ''}`, id: `roadmap-level-${level.id}`, 'data-level-id': level.id,
    'aria-labelledby': headingId, tabindex: '-1',
  },
  h('h3', { id: headingId }, level.name, h('span', { class: 'item-meta' }, ` · ${years(level)}`),
    here ? h('span', { class: 'badge subtle level-badge', 'data-testid': 'roadmap-here' }, here) : null),
  h('div', { class: 'roadmap-level-grid' },
    list('Job titles', level.jobTitles, 'roadmap-job-titles'),
    list('Responsibilities', level.responsibilities, 'roadmap-responsibilities'),
    renderSkills(level, minimum, mine, scaleName),
    list('Key performance indicators', level.kpis, 'roadmap-kpis'),
    renderSalary(level, region)));
}

function renderSkills(level, minimum, mine, scaleName) {
  if (!level.skills?.length) return null;
  return h('div', { class: 'roadmap-part wide-part' }, h('h4', {}, 'Required skills'),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table roadmap-skills', 'data-testid': 'roadmap-skills' },
      h('caption', { class: 'sr-only' }, `Required skills of ${level.name}, with your proficiency`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Skill'), h('th', { scope: 'col' }, 'Needed'),
        h('th', { scope: 'col' }, 'Yours'))),
      h('tbody', {}, level.skills.map((skill) => {
        const need = minimum.get(skill.id);
        const own = mine.get(skill.id);
        const p = own?.proficiency ?? null;
        const verdict = p == null ? '' : need == null ? '' : p >= need ? ' ✓ meets it' : ' · below';
        return h('tr', { 'data-skill-id': skill.id, id: `roadmap-${level.id}-skill-${skill.id}`, tabindex: '-1' },
          h('th', { scope: 'row' }, skill.name),
          h('td', {}, need ? `${need} — ${scaleName(need)}` : '–'),
          h('td', { 'data-testid': 'my-proficiency', 'data-proficiency': p ?? '', class: p == null ? 'muted' : (need && p >= need ? 'ok' : '') },
            p == null ? 'not assessed' : `${p} — ${scaleName(p)}${own.state === 'PENDING' ? ' (self-assessed)' : ''}${verdict}`));
      })))));
}

function money(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

const band = (b) => `${money(b.min, b.currency)} – ${b.max == null ? '' : money(b.max, b.currency)}${b.openEnded ? '+' : ''}`;

function renderSalary(level, region) {
  const bands = level.salaryBands ?? [];
  if (!bands.length) return null;
  const own = region ? bands.filter((b) => b.region === region) : [];
  const shown = own.length ? own : bands;
  return h('div', { class: 'roadmap-part' }, h('h4', {}, own.length ? 'Salary in your region' : 'Salary by region'),
    h('ul', { 'data-testid': 'roadmap-salary' }, shown.map((b) => h('li', { 'data-region': b.region },
      h('span', {}, `${b.regionName || b.region}: `), h('strong', {}, band(b)), h('span', { class: 'item-meta' }, ' a year')))),
    own.length && bands.length > 1 ? h('details', {}, h('summary', {}, 'Other regions'),
      h('ul', {}, bands.filter((b) => b.region !== region).map((b) => h('li', {}, `${b.regionName || b.region}: ${band(b)}`)))) : null);
}

const HELD = {
  VERIFIED: { mark: '✓', label: 'Held, verified' },
  PENDING: { mark: '◔', label: 'Claimed, waiting for verification' },
  EXPIRED: { mark: '⚠', label: 'Expired' },
  NONE: { mark: '○', label: 'Not held' },
};

function heldStatus(claims, certificationId) {
  const today = new Date().toISOString().slice(0, 10);
  const own = claims.filter((c) => c.certificationId === certificationId && (c.state === 'VERIFIED' || c.state === 'PENDING'));
  const valid = own.filter((c) => !c.expiresOn || c.expiresOn > today);
  if (valid.some((c) => c.state === 'VERIFIED')) return 'VERIFIED';
  if (valid.length) return 'PENDING';
  return own.length ? 'EXPIRED' : 'NONE';
}

function renderPathway(track, claims) {
  const buckets = new Map();
  for (const c of track.certifications ?? []) {
    const key = c.pathwayYears || 'Other';
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(c);
  }
  $('roadmap-pathway').replaceChildren(...[...buckets.entries()].map(([yearsKey, certs]) => h('div', { class: 'pathway-step' },
    h('h4', {}, yearsKey === 'Other' ? 'Other' : `Year ${yearsKey}`),
    h('ul', { class: 'pathway-list' }, certs.map((c) => {
      const status = heldStatus(claims, c.id);
      return h('li', { 'data-certification-id': c.id, 'data-status': status, id: `roadmap-cert-${c.id}`, tabindex: '-1',
        class: `pathway-item ${status.toLowerCase()}` },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, HELD[status].mark),
      h('span', {}, c.name, c.renewalMonths ? h('span', { class: 'item-meta' }, ` · renew every ${c.renewalMonths} months`) : null),
      h('span', { class: 'pathway-status', 'data-testid': 'pathway-status' }, HELD[status].label));
    })))));
}

function renderSections(track) {
  const sections = (track.sections ?? []).map((s) => renderSection(s, 3));
  const pathway = document.querySelector('.roadmap-pathway');
  const at = Math.max(0, Math.min(sections.length, Number.isInteger(track.pathwayPosition) ? track.pathwayPosition : sections.length));
  sections.splice(at, 0, pathway);
  $('roadmap-sections').replaceChildren(...sections);
}

function renderSection(section, depth) {
  const tag = `h${Math.min(6, depth)}`;
  const items = section.items ?? [];
  return h('section', { class: 'roadmap-section', 'data-heading': section.heading },
    h(tag, {}, inline(section.heading || '')),
    (section.paragraphs ?? []).map((p) => h('p', {}, inline(p))),
    items.length ? renderItems(items, section.ordered) : null,
    (section.children ?? []).map((child) => renderSection(child, depth + 1)),
    (section.closing ?? []).map((p) => h('p', {}, inline(p))));
}

function renderItems(items, ordered) {
  return h(ordered ? 'ol' : 'ul', {}, items.map((item) => h('li', {}, inline(item.text || ''),
    item.items?.length ? renderItems(item.items, false) : null)));
}

// Inline Markdown of the roadmap's text: links, bare URLs, **strong**, *emphasis*, `code`. Built as elements, never
// as HTML; only http(s) links become links.
const INLINE = /\[([^\]]*)\]\(([^)\s]+)\)|(https?:\/\/[^\s)\]]+)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|`([^`]+)`/g;

export function inline(text) {
  const out = [];
  let last = 0;
  const value = String(text ?? '');
  for (const m of value.matchAll(INLINE)) {
    if (m.index > last) out.push(value.slice(last, m.index));
    if (m[1] !== undefined) out.push(link(m[1], m[2]));
    else if (m[3]) out.push(link(m[3], m[3]));
    else if (m[4] || m[5]) out.push(h('strong', {}, m[4] ?? m[5]));
    else if (m[6]) out.push(h('em', {}, m[6]));
    else if (m[7]) out.push(h('code', {}, m[7]));
    last = m.index + m[0].length;
  }
  if (last < value.length) out.push(value.slice(last));
  return out;
}

function link(label, url) {
  if (!/^https?:\/\//i.test(url)) return label;
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label || url);
}

// ---- search ----

const KINDS = { TRACK: 'Track', LEVEL: 'Level', SKILL: 'Skill', CERTIFICATION: 'Certification' };

function targetOf(hit) {
  if (!loaded || hit.trackId !== loaded.track.id) return null;
  if (hit.kind === 'LEVEL') return $(`roadmap-level-${hit.id}`);
  if (hit.kind === 'CERTIFICATION') return $(`roadmap-cert-${hit.id}`);
  if (hit.kind === 'SKILL') return document.querySelector(`#roadmap-levels tr[data-skill-id="${CSS.escape(hit.id)}"]`);
  if (hit.kind === 'TRACK') return $('roadmap-title');
  return null;
}

/** onUnauthorized: the portal's session handling. */
export function initRoadmapSearch({ onUnauthorized }) {
  $('catalog-search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('catalog-search');
    const q = input.value.trim();
    input.removeAttribute('aria-invalid');
    if (q.length < 2) {
      input.setAttribute('aria-invalid', 'true');
      say('catalog-search-summary', 'Type at least two characters.');
      $('catalog-search-results').replaceChildren();
      input.focus();
      return;
    }
    await searchPage(q, 0, onUnauthorized);
  });
}

// the hits come a page at a time (GET /api/catalog/search?q=&page=&size=): "More results" appends the next page
const SEARCH_PAGE = 50;

async function searchPage(q, page, onUnauthorized) {
  try {
    const answer = await api(`/api/catalog/search?q=${encodeURIComponent(q)}&page=${page}&size=${SEARCH_PAGE}`);
    const hits = answer?.items ?? [];
    const total = answer?.total ?? hits.length;
    const list = $('catalog-search-results');
    list.querySelector('.search-more')?.remove();
    const items = hits.map((hit) => {
      const target = targetOf(hit);
      return h('li', { class: 'item search-hit', 'data-kind': hit.kind, 'data-id': hit.id, tabindex: '-1' },
        h('span', { class: 'badge subtle' }, KINDS[hit.kind] ?? hit.kind), ' ', h('span', { class: 'item-title' }, hit.name),
        hit.trackId && hit.kind !== 'TRACK' ? h('span', { class: 'item-meta' }, ` · ${hit.trackId}${hit.levelId ? ` / ${hit.levelId}` : ''}`) : null,
        target ? h('button', { type: 'button', class: 'button secondary small', 'aria-label': `Show ${hit.name} on your roadmap`,
          onclick: () => { target.scrollIntoView({ block: 'center' }); target.focus(); } }, 'Show') : null);
    });
    if (page === 0) list.replaceChildren(...items);
    else list.append(...items);
    const shown = list.querySelectorAll('.search-hit').length;
    say('catalog-search-summary', total
      ? `${total} result${total === 1 ? '' : 's'} for “${q}”${shown < total ? ` (showing ${shown})` : ''}.`
      : `Nothing found for “${q}”.`);
    if (shown < total) {
      list.append(h('li', { class: 'search-more' }, h('button', {
        type: 'button', class: 'button secondary small', 'data-testid': 'catalog-search-more',
        // the first hit of the next page gets the focus, so a keyboard user reads on from there
        onclick: () => searchPage(q, page + 1, onUnauthorized).then((first) => first?.focus()),
      }, 'More results')));
    }
    return items[0];
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) onUnauthorized();
    else say('catalog-search-summary', `Search failed: ${error.message}`);
    return null;
  }
}
