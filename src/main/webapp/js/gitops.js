/*
 * GitOps pages: renders the job, build and root views from their JSON view model (docs/ui.md).
 *
 * Content Security Policy friendly by construction: no eval, no inline handlers or styles, and every
 * value from the JSON reaches the page through textContent or a checked attribute, never as markup.
 * Mounts on each element carrying data-gitops-url (JSON fetched from the same origin) or
 * data-gitops-embedded (JSON in a child <script type="application/json">).
 */
(() => {
  'use strict';

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const DRIFT_ROWS_SHOWN = 25;
  const RESOURCE_ROWS_SHOWN = 100;
  const RESOURCE_COLUMNS = [
    ['kind', 'Kind'], ['namespace', 'Namespace'], ['name', 'Name'], ['status', 'Status'], ['health', 'Health'],
    ['message', 'Message'],
  ];
  const STATUS_TONES = { InSync: 'ok', Drifted: 'warn', Missing: 'warn', Failed: 'bad', Pruned: 'neutral' };
  const TREND_WIDTH = 320;
  const TREND_HEIGHT = 64;
  const TREND_PAD = 6;

  // Chip tone per known value; anything else from the JSON gets the neutral tone, so data never
  // chooses a class name.
  const PHASE_TONES = { Synced: 'ok', Progressing: 'busy', OutOfSync: 'warn', Failed: 'bad' };
  const HEALTH_TONES = { Healthy: 'ok', Progressing: 'busy', Degraded: 'bad', Unknown: 'neutral' };
  const PROMOTION_TONES = {
    Pending: 'busy', Applied: 'busy', Healthy: 'ok', Degraded: 'bad', Superseded: 'neutral',
  };
  const PHASE_LABELS = { OutOfSync: 'Out of sync' };
  const FINAL_STATES = new Set(['Healthy', 'Degraded', 'Superseded']);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

  // ---- DOM helpers -------------------------------------------------------------------------

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : text(child));
    }
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  /** Any JSON value as the text a person reads. */
  function text(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  function present(value) {
    return value !== null && value !== undefined && value !== '';
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function count(value) {
    return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  /** The URL as an absolute http(s) address, or null for anything else (javascript:, data:, ...). */
  function safeUrl(url) {
    if (typeof url !== 'string' || url.trim() === '') return null;
    try {
      const parsed = new URL(url, document.baseURI);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
    } catch (e) {
      return null;
    }
  }

  /** A link when the URL is http(s), plain text otherwise. */
  function link(url, label, className) {
    const safe = safeUrl(url);
    if (!safe) return el('span', className, label);
    const a = el('a', className, label);
    a.href = safe.href;
    if (safe.origin !== window.location.origin) a.rel = 'noopener noreferrer';
    return a;
  }

  function code(value) {
    return el('code', 'gitops-code', text(value));
  }

  /** Full SHAs are long; the first 7 characters name a commit for a person. */
  function shortCommit(sha) {
    const value = text(sha);
    return /^[0-9a-f]{8,64}$/i.test(value) ? value.slice(0, 7) : value;
  }

  function commitLink(sha, url) {
    const a = link(url, shortCommit(sha), 'gitops-code');
    a.title = text(sha);
    return a;
  }

  function chip(label, tone, kind) {
    const node = el('span', `jenkins-badge gitops-chip gitops-chip--${tone}`, label);
    if (kind) node.title = kind;
    return node;
  }

  function toneOf(tones, value) {
    return Object.prototype.hasOwnProperty.call(tones, value) ? tones[value] : 'neutral';
  }

  function phaseChip(phase) {
    if (!present(phase)) return chip('No report yet', 'neutral', 'Sync phase');
    const label = Object.prototype.hasOwnProperty.call(PHASE_LABELS, phase) ? PHASE_LABELS[phase] : text(phase);
    return chip(label, toneOf(PHASE_TONES, phase), 'Sync phase');
  }

  function healthChip(health) {
    if (!present(health)) return chip('Health unknown', 'neutral', 'Health');
    return chip(text(health), toneOf(HEALTH_TONES, health), 'Health');
  }

  function stateChip(state) {
    return chip(text(state), toneOf(PROMOTION_TONES, state), 'State');
  }

  // ---- Times ----------------------------------------------------------------------------------

  // Date() alone reads almost anything as some date; only ISO-8601 with a zone is a time here.
  const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

  function parseTime(iso) {
    if (typeof iso !== 'string' || !ISO_TIME.test(iso)) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function ageText(date, now) {
    const seconds = Math.floor((now - date.getTime()) / 1000);
    if (seconds < 45) return 'just now';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${Math.max(minutes, 1)} min ago`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${plural(hours, 'hour', 'hours')} ago`;
    const days = Math.floor(hours / 24);
    if (days < 60) return `${plural(days, 'day', 'days')} ago`;
    if (days < 365) return `${plural(Math.floor(days / 30), 'month', 'months')} ago`;
    return `${plural(Math.floor(days / 365), 'year', 'years')} ago`;
  }

  function absoluteText(date) {
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
  }

  /** "3 min ago" with the absolute time in the title; an unreadable time is shown as given. */
  function timeAgo(iso, fallback) {
    const date = parseTime(iso);
    if (!date) return el('span', 'gitops-muted', present(iso) ? text(iso) : fallback || 'never');
    const node = el('time', 'gitops-time', ageText(date, Date.now()));
    node.dateTime = date.toISOString();
    node.title = absoluteText(date);
    return node;
  }

  // ---- Shared pieces --------------------------------------------------------------------------

  function resourcesSummary(resources) {
    if (!resources || typeof resources !== 'object') return el('span', 'gitops-muted', 'none reported');
    const total = count(resources.total);
    const parts = [
      ['inSync', 'in sync'], ['drifted', 'drifted'], ['missing', 'missing'],
      ['failed', 'failed'], ['pruned', 'pruned'],
    ]
      .filter(([key]) => count(resources[key]) > 0)
      .map(([key, label]) => `${count(resources[key])} ${label}`);
    const unlisted = count(resources.unlisted);
    // A large environment's report counts its in-sync resources instead of listing them.
    return el('span', 'gitops-resources',
      plural(total, 'resource', 'resources') + (parts.length ? ` (${parts.join(', ')})` : '')
      + (unlisted > 0 ? `; ${unlisted} counted but not listed in the report` : ''));
  }

  function revision(environment) {
    if (!present(environment.revision)) return el('span', 'gitops-muted', 'none yet');
    return commitLink(environment.revision, environment.revisionUrl);
  }

  function facts(pairs) {
    const dl = el('dl', 'gitops-facts');
    for (const [term, value] of pairs) {
      dl.append(el('div', 'gitops-facts__item', el('dt', null, term), el('dd', null, value)));
    }
    return dl;
  }

  function table(headers, className) {
    const tbody = el('tbody');
    const head = el('tr');
    for (const header of headers) head.append(el('th', null, header));
    const node = el('table', `jenkins-table jenkins-table--small gitops-table ${className || ''}`.trim(),
      el('thead', null, head), tbody);
    return { node, tbody };
  }

  function row(...cells) {
    const tr = el('tr');
    for (const cell of cells) tr.append(cell instanceof Node && cell.nodeName === 'TD' ? cell : el('td', null, cell));
    return tr;
  }

  function emptyState(message) {
    return el('p', 'gitops-empty', message);
  }

  function section(title, ...content) {
    return el('section', 'gitops-section', el('h3', 'gitops-section__title', title), ...content);
  }

  function resourceLabel(resource) {
    if (!resource || typeof resource !== 'object') return text(resource);
    const name = present(resource.namespace) ? `${text(resource.namespace)}/${text(resource.name)}` : text(resource.name);
    return `${text(resource.kind)} ${name}`;
  }

  function resourceSortKey(resource) {
    if (!resource || typeof resource !== 'object') return [text(resource), '', ''];
    return [text(resource.kind), text(resource.namespace), text(resource.name)];
  }

  function compareKeys(a, b) {
    for (let i = 0; i < a.length; i++) {
      const order = collator.compare(a[i], b[i]);
      if (order !== 0) return order;
    }
    return 0;
  }

  // ---- Job page -------------------------------------------------------------------------------

  function driftValue(value) {
    if (value === null || value === undefined) return el('span', 'gitops-muted', '(absent)');
    return el('code', 'gitops-code gitops-value', text(value));
  }

  function driftRow(diff) {
    const resourceCell = el('td', 'gitops-resource', resourceLabel(diff.resource));
    if (diff.resource && present(diff.resource.apiVersion)) resourceCell.title = text(diff.resource.apiVersion);
    return row(resourceCell, code(diff.path), driftValue(diff.desired), driftValue(diff.live),
      present(diff.manager) ? text(diff.manager) : el('span', 'gitops-muted', 'unknown'),
      timeAgo(diff.changedAt, 'unknown'));
  }

  function driftTable(drift) {
    const rows = list(drift)
      .filter((diff) => diff && typeof diff === 'object')
      .map((diff) => ({ diff, key: [...resourceSortKey(diff.resource), text(diff.path)] }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map(({ diff }) => diff);
    if (rows.length === 0) return emptyState('No drift: the live objects match Git.');
    const { node, tbody } = table(['Resource', 'Field', 'Git value', 'Live value', 'Changed by', 'When'], 'gitops-drift');
    for (const diff of rows.slice(0, DRIFT_ROWS_SHOWN)) tbody.append(driftRow(diff));
    const wrapper = el('div', 'gitops-drift-wrapper', node);
    if (rows.length > DRIFT_ROWS_SHOWN) {
      const more = el('button', 'jenkins-button gitops-show-all', `Show all ${rows.length} drifted fields`);
      more.type = 'button';
      more.addEventListener('click', () => {
        for (const diff of rows.slice(DRIFT_ROWS_SHOWN)) tbody.append(driftRow(diff));
        more.remove();
      });
      wrapper.append(el('p', 'gitops-muted gitops-drift-cap',
        `Showing ${DRIFT_ROWS_SHOWN} of ${rows.length} drifted fields. `), more);
    }
    return wrapper;
  }

  // Every resource of the last report: filtered by any column's text, sorted by a column (click its header
  // again to reverse), and drawn RESOURCE_ROWS_SHOWN rows at a time so thousands stay quick.
  function resourceTable(resources) {
    const all = list(resources).filter((r) => r && typeof r === 'object')
      .map((resource) => ({ resource, cells: RESOURCE_COLUMNS.map(([field]) => text(resource[field])) }))
      .map((entry) => ({ ...entry, haystack: entry.cells.join(' ').toLowerCase() }));
    if (all.length === 0) return emptyState('The last report lists no resources.');
    const state = { sortColumn: 0, descending: false, filter: '', shown: RESOURCE_ROWS_SHOWN };
    const tbody = el('tbody');
    const headRow = el('tr');
    const headers = RESOURCE_COLUMNS.map(([, label], index) => {
      const button = el('button', 'gitops-sort', label);
      button.type = 'button';
      button.addEventListener('click', () => {
        state.descending = state.sortColumn === index ? !state.descending : false;
        state.sortColumn = index;
        state.shown = RESOURCE_ROWS_SHOWN;
        draw();
      });
      const th = el('th', null, button);
      headRow.append(th);
      return th;
    });
    const node = el('table', 'jenkins-table jenkins-table--small gitops-table gitops-resources', el('thead', null, headRow), tbody);
    const filter = el('input', 'jenkins-input gitops-filter');
    filter.type = 'search';
    filter.placeholder = 'Filter by kind, namespace, name, status, health or message';
    filter.setAttribute('aria-label', 'Filter resources');
    filter.addEventListener('input', () => {
      state.filter = filter.value.trim().toLowerCase();
      state.shown = RESOURCE_ROWS_SHOWN;
      draw();
    });
    const caption = el('p', 'gitops-muted gitops-resources-cap');
    const more = el('button', 'jenkins-button gitops-show-more');
    more.type = 'button';
    more.addEventListener('click', () => {
      state.shown += RESOURCE_ROWS_SHOWN;
      draw();
    });

    function resourceRow({ resource, cells }) {
      return row(cells[0], present(resource.namespace) ? cells[1] : el('span', 'gitops-muted', '(cluster)'), cells[2],
        chip(cells[3], toneOf(STATUS_TONES, resource.status), 'status'), healthChip(resource.health),
        present(resource.message) ? cells[5] : '');
    }

    function draw() {
      const terms = state.filter.split(/\s+/).filter((term) => term.length > 0);
      const matching = all.filter((entry) => terms.every((term) => entry.haystack.includes(term)));
      const column = state.sortColumn;
      matching.sort((a, b) => {
        const order = compareKeys([a.cells[column], ...a.cells], [b.cells[column], ...b.cells]);
        return state.descending ? -order : order;
      });
      headers.forEach((th, index) => th.setAttribute('aria-sort',
        index !== column ? 'none' : state.descending ? 'descending' : 'ascending'));
      tbody.replaceChildren(...matching.slice(0, state.shown).map(resourceRow));
      const shown = Math.min(state.shown, matching.length);
      caption.textContent = matching.length === all.length
        ? `Showing ${shown} of ${plural(all.length, 'resource', 'resources')}.`
        : `Showing ${shown} of ${matching.length} matching, ${plural(all.length, 'resource', 'resources')} in all.`;
      more.textContent = `Show ${Math.min(RESOURCE_ROWS_SHOWN, matching.length - shown)} more`;
      more.hidden = shown >= matching.length;
    }

    draw();
    return el('div', 'gitops-resources-wrapper', filter, node, caption, more);
  }

  function trendChart(trend) {
    const points = list(trend)
      .map((point) => ({ point, date: point && parseTime(point.at) }))
      .filter(({ point, date }) => date && Number.isFinite(point.drifted))
      .sort((a, b) => a.date - b.date);
    if (points.length < 2) return emptyState('Not enough reports yet for a trend.');
    const max = Math.max(0, ...points.map(({ point }) => point.drifted));
    const scale = Math.max(1, max);
    const step = (TREND_WIDTH - 2 * TREND_PAD) / (points.length - 1);
    const y = (value) => TREND_HEIGHT - TREND_PAD - (Math.max(0, value) / scale) * (TREND_HEIGHT - 2 * TREND_PAD);
    const latest = points[points.length - 1].point.drifted;
    const summary = `Drifted resources over the last ${points.length} reports: now ${latest}, at most ${max}.`;
    const chart = svg('svg', {
      viewBox: `0 0 ${TREND_WIDTH} ${TREND_HEIGHT}`, width: TREND_WIDTH, height: TREND_HEIGHT,
      role: 'img', 'aria-label': summary, class: 'gitops-trend',
    });
    chart.append(svg('line', {
      x1: TREND_PAD, x2: TREND_WIDTH - TREND_PAD, y1: y(0), y2: y(0), class: 'gitops-trend__axis',
    }));
    const coordinates = points.map(({ point }, i) => [TREND_PAD + i * step, y(point.drifted)]);
    chart.append(svg('polyline', {
      points: coordinates.map(([cx, cy]) => `${cx.toFixed(1)},${cy.toFixed(1)}`).join(' '),
      class: 'gitops-trend__line',
    }));
    points.forEach(({ point, date }, i) => {
      const dot = svg('circle', {
        cx: coordinates[i][0].toFixed(1), cy: coordinates[i][1].toFixed(1), r: 2.5,
        class: point.drifted > 0 ? 'gitops-trend__dot gitops-trend__dot--drift' : 'gitops-trend__dot',
      });
      const title = svg('title');
      title.textContent = `${plural(point.drifted, 'drifted resource', 'drifted resources')} at ${absoluteText(date)}`;
      dot.append(title);
      chart.append(dot);
    });
    return el('figure', 'gitops-figure', chart, el('figcaption', 'gitops-muted', summary));
  }

  function revertForm(revert, crumb, promotion) {
    const target = revert && safeUrl(revert.url);
    if (!target || target.origin !== window.location.origin) return null;
    const form = el('form', 'gitops-revert');
    form.method = 'post';
    form.action = target.href;
    if (crumb && present(crumb.field) && present(crumb.value)) {
      const hidden = el('input');
      hidden.type = 'hidden';
      hidden.name = text(crumb.field);
      hidden.value = text(crumb.value);
      form.append(hidden);
    }
    const button = el('button', 'jenkins-button jenkins-button--destructive gitops-revert__button', 'Revert this promotion');
    button.type = 'submit';
    form.append(button);
    // A revert pushes a commit that changes what runs: the first click only asks to confirm.
    let armed = false;
    form.addEventListener('submit', (event) => {
      if (armed) return;
      event.preventDefault();
      armed = true;
      button.textContent = `Confirm: revert ${shortCommit(promotion.commit)}`;
      button.classList.add('gitops-revert__button--armed');
    });
    button.addEventListener('blur', () => {
      armed = false;
      button.textContent = 'Revert this promotion';
      button.classList.remove('gitops-revert__button--armed');
    });
    return form;
  }

  function buildLink(build) {
    if (!build || typeof build !== 'object') return el('span', 'gitops-muted', present(build) ? text(build) : 'unknown');
    return link(build.url, text(build.name));
  }

  function promotionsTable(promotions, crumb) {
    const rows = list(promotions).filter((p) => p && typeof p === 'object');
    if (rows.length === 0) return emptyState('No promotions yet.');
    const { node, tbody } = table(['Image', 'Commit', 'Build', 'When', 'State', ''], 'gitops-promotions');
    for (const promotion of rows) {
      tbody.append(row(code(promotion.image), commitLink(promotion.commit, promotion.commitUrl),
        buildLink(promotion.build), timeAgo(promotion.time, 'unknown'), stateChip(promotion.state),
        revertForm(promotion.revert, crumb, promotion)));
    }
    return node;
  }

  function environmentCard(environment, crumb) {
    const reported = present(environment.lastReportAt);
    const card = el('article', 'gitops-card');
    card.dataset.environment = text(environment.name);
    card.append(el('header', 'gitops-card__header',
      el('h2', 'gitops-card__title', text(environment.name)),
      el('span', 'gitops-chips', phaseChip(environment.phase), reported ? healthChip(environment.health) : null)));
    if (present(environment.message)) card.append(el('p', 'gitops-message', text(environment.message)));
    const dropped = count(environment.droppedEvents);
    if (dropped > 0) {
      card.append(el('p', 'gitops-message',
        `The agent dropped ${plural(dropped, 'event', 'events')} it could not deliver while Jenkins was unreachable.`));
    }
    card.append(facts([
      ['Revision', revision(environment)],
      ['Last report', timeAgo(environment.lastReportAt, 'never')],
      ['Resources', resourcesSummary(environment.resources)],
    ]));
    if (!reported) {
      card.append(emptyState('No report from the agent yet. Sync, health and drift show up after its first report.'));
    } else {
      const drifts = list(environment.drift);
      card.append(section(drifts.length ? `Drift (${plural(drifts.length, 'field', 'fields')})` : 'Drift', driftTable(drifts)));
      card.append(section('Drift trend', trendChart(environment.trend)));
      if (Array.isArray(environment.resourceList)) {
        const omitted = count(environment.resourceListOmitted);
        card.append(section(`Resources (${environment.resourceList.length + omitted})`, resourceTable(environment.resourceList),
          omitted > 0 ? el('p', 'gitops-muted', `${plural(omitted, 'more resource is', 'more resources are')} not listed here.`) : null));
      }
    }
    card.append(section('Recent promotions', promotionsTable(environment.promotions, crumb)));
    return card;
  }

  // What the last revert did, sent once by the server after its redirect back to this page. While the revert
  // runs, the notice names where to ask for the one that replaces it, which the page does until it is final.
  const POLL_MILLISECONDS = 2000;

  function noticeClass(value) {
    if (value.success === true) return 'gitops-notice gitops-notice--success';
    return present(value.poll) ? 'gitops-notice gitops-notice--running' : 'gitops-notice gitops-notice--failure';
  }

  function notice(value) {
    if (!value || typeof value !== 'object' || !present(value.text)) return null;
    const node = el('p', noticeClass(value), text(value.text));
    node.setAttribute('role', 'status');
    follow(node, value);
    return node;
  }

  function follow(node, value) {
    const target = present(value.poll) && safeUrl(value.poll);
    if (!target || target.origin !== window.location.origin) return;
    setTimeout(async () => {
      if (!node.isConnected) return;
      let next = null;
      try {
        const response = await fetch(target.href, {
          credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
        });
        if (response.ok) next = await response.json();
      } catch (e) {
        next = null; // unreachable or not JSON: ask again, the revert goes on without the page
      }
      if (!next || typeof next !== 'object' || !present(next.text)) {
        follow(node, value);
        return;
      }
      node.className = noticeClass(next);
      node.textContent = text(next.text);
      follow(node, next);
    }, POLL_MILLISECONDS);
  }

  function renderJob(data) {
    const environments = list(data.environments).filter((e) => e && typeof e === 'object');
    const content = environments.length === 0
      ? emptyState('No environments yet. Promote an image with the gitopsPromote step to see it here.')
      : el('div', 'gitops-cards', ...environments.map((e) => environmentCard(e, data.crumb)));
    const shown = notice(data.notice);
    return shown ? el('div', null, shown, content) : content;
  }

  // ---- Build page -----------------------------------------------------------------------------

  function step(label, at, tone) {
    return el('li', `gitops-step gitops-step--${tone}`,
      el('span', 'gitops-step__label', label), at === undefined ? null : timeAgo(at, ''));
  }

  function timeline(states) {
    const reached = list(states).filter((s) => s && typeof s === 'object');
    const ol = el('ol', 'gitops-steps');
    // Only the step the commit is at now takes its state's colour; the ones before it are history.
    reached.forEach((s, i) => ol.append(step(text(s.state), s.at,
      i === reached.length - 1 ? `${toneOf(PROMOTION_TONES, s.state)} gitops-step--current` : 'past')));
    const last = reached.length ? reached[reached.length - 1].state : undefined;
    if (!FINAL_STATES.has(last)) {
      if (last !== 'Applied') ol.append(step('Applied', undefined, 'upcoming'));
      ol.append(step('Healthy', undefined, 'upcoming'));
    }
    return ol;
  }

  function promotionSummary(promotion) {
    const summary = el('p', 'gitops-promotion__summary', 'Promoted ', code(promotion.image), ' to ',
      el('strong', null, text(promotion.environment)));
    if (present(promotion.commit)) {
      summary.append(' - commit ', commitLink(promotion.commit, promotion.commitUrl));
    } else {
      summary.append(' - no change: the image was already there');
    }
    return summary;
  }

  function renderBuild(data) {
    const promotions = list(data.promotions).filter((p) => p && typeof p === 'object');
    if (promotions.length === 0) return emptyState('This build promoted nothing.');
    return el('div', 'gitops-build', ...promotions.map((promotion) => {
      const block = el('article', 'gitops-card gitops-promotion', promotionSummary(promotion));
      if (present(promotion.commit)) block.append(timeline(promotion.states));
      if (present(promotion.supersededBy)) {
        block.append(el('p', 'gitops-muted', 'Superseded by commit ',
          commitLink(promotion.supersededBy, promotion.supersededByUrl)));
      }
      return block;
    }));
  }

  // ---- Root page ------------------------------------------------------------------------------

  function renderRoot(data) {
    const environments = list(data.environments).filter((e) => e && typeof e === 'object');
    if (environments.length === 0) {
      return emptyState('No environments are configured. Add one in the GitOps section of the system configuration.');
    }
    const { node, tbody } = table(['Environment', 'Sync', 'Health', 'Revision', 'Resources', 'Last report'], 'gitops-environments');
    const sorted = [...environments].sort((a, b) => collator.compare(text(a.name), text(b.name)));
    for (const environment of sorted) {
      const reported = present(environment.lastReportAt);
      tbody.append(row(link(environment.url, text(environment.name), 'gitops-environment-name'),
        phaseChip(environment.phase), reported ? healthChip(environment.health) : el('span', 'gitops-muted', '-'),
        revision(environment), resourcesSummary(environment.resources), timeAgo(environment.lastReportAt, 'never')));
    }
    return node;
  }

  // ---- Mounting -------------------------------------------------------------------------------

  const VIEWS = { job: renderJob, build: renderBuild, root: renderRoot };

  function render(root, data) {
    if (!data || typeof data !== 'object' || !Object.prototype.hasOwnProperty.call(VIEWS, data.view)) {
      throw new Error('the data names no known view (job, build or root)');
    }
    root.replaceChildren(VIEWS[data.view](data));
    root.dataset.gitopsState = 'ready';
  }

  function showError(root, message, retry) {
    const box = el('div', 'gitops-error', el('strong', null, 'Could not show GitOps data: '), message);
    box.setAttribute('role', 'alert');
    if (retry) {
      const again = el('button', 'jenkins-button gitops-retry', 'Try again');
      again.type = 'button';
      again.addEventListener('click', retry);
      box.append(' ', again);
    }
    root.replaceChildren(box);
    root.dataset.gitopsState = 'error';
  }

  async function load(root, url) {
    root.dataset.gitopsState = 'loading';
    root.replaceChildren(el('p', 'gitops-muted gitops-loading', 'Loading...'));
    const retry = () => load(root, url);
    const target = safeUrl(url);
    if (!target || target.origin !== window.location.origin) {
      showError(root, 'the data address is not on this server.', null);
      return;
    }
    let data;
    try {
      const response = await fetch(target.href, {
        credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
      });
      if (!response.ok) {
        showError(root, `the server answered ${response.status} ${response.statusText}`.trim() + '.', retry);
        return;
      }
      data = await response.json();
    } catch (e) {
      showError(root, e instanceof SyntaxError ? 'the server sent data that is not JSON.' : 'the server could not be reached.', retry);
      return;
    }
    try {
      render(root, data);
    } catch (e) {
      showError(root, `${e.message}.`, null);
    }
  }

  function mountEmbedded(root) {
    const script = root.querySelector('script[type="application/json"]');
    try {
      render(root, JSON.parse(script ? script.textContent : ''));
    } catch (e) {
      showError(root, e instanceof SyntaxError ? 'the embedded data is not JSON.' : `${e.message}.`, null);
    }
  }

  function mountAll() {
    for (const root of document.querySelectorAll('[data-gitops-url]')) {
      root.classList.add('gitops');
      load(root, root.dataset.gitopsUrl);
    }
    for (const root of document.querySelectorAll('[data-gitops-embedded]')) {
      root.classList.add('gitops');
      mountEmbedded(root);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountAll);
  } else {
    mountAll();
  }
})();
