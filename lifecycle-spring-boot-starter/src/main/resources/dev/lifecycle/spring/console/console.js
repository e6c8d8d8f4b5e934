/*
 * The lifecycle console: reads the actuator's services endpoint whenever the console's change stream says that
 * services changed (or every refresh interval without it) and draws the dependency
 * graph (graph.js, laid out by layout.js), the state of each service, its details (details.js), the timeline of the
 * starts with the start-up's critical path (timeline.js), and, when the endpoint's write operation is mapped,
 * buttons to fail, restart, stop and start a service (actions.js). transport.js reads and writes the endpoint.
 */

import { createActions } from './actions.js';
import { $ } from './dom.js';
import { createDetails, createTooltip } from './details.js';
import { idOf } from './format.js';
import { createGraph } from './graph.js';
import { renderTimeline } from './timeline.js';
import { connect } from './transport.js';

const body = document.body;
const config = {
  services: body.dataset.services || '',
  history: body.dataset.history || '',
  changes: body.dataset.changes || '',
  writable: body.dataset.writable === 'true',
  refresh: Math.max(100, Number(body.dataset.refresh) || 1000),
  problem: body.dataset.problem || '',
};

let byId = new Map();
let selected = null;
let latest = null;
/** The transition history's latest answer, and what it was read for; null without one. */
let history = null;
let historyKey = null;
let historyProblem = config.history ? null : 'The transition history is not exposed over HTTP, so this timeline shows '
    + 'only the latest start of each running service: add serviceevents to management.endpoints.web.exposure.include '
    + 'to keep stopped and failed services on it, with their starts and how their runs ended.';
/** The service the address names (#id) that the latest answer did not have yet. */
let wanted = serviceInHash();

const transport = connect(config, render, setStatus, setMode);
const actions = createActions(config.writable, transport.send);
const details = createDetails(actions);
const tooltip = createTooltip();
const graph = createGraph(select, (id) => tooltip.hover(id, id ? byId.get(id) : null));

function render(data) {
  const services = Array.isArray(data.services) ? data.services : [];
  byId = new Map(services.map((s) => [idOf(s), s]));
  const criticalPath = Array.isArray(data.criticalPath) ? data.criticalPath : [];
  const edges = edgesOf(data, services).filter((e) => byId.has(e.requirement) && byId.has(e.dependent));
  if (selected && !byId.has(selected)) {
    selected = null;
  }
  graph.update(byId, edges);
  if (wanted && byId.has(wanted)) {
    const id = wanted;
    wanted = null;
    select(id);
    graph.centerOn(id);
  }
  renderSummary(services);
  renderApplication(data.application);
  latest = { services, criticalPath };
  drawTimeline();
  readHistoryIfChanged(services);
  details.show(selected, selected ? byId.get(selected) : null);
  tooltip.refresh(byId);
}

function drawTimeline() {
  if (latest) {
    renderTimeline(latest.services, byId, latest.criticalPath, history, historyProblem);
  }
}

/** Reads the transition history again when the services changed since it was read. */
async function readHistoryIfChanged(services) {
  if (!config.history) {
    return;
  }
  const key = services.map((s) => idOf(s) + ':' + s.state + ':' + s.since + ':' + s.restarts).join('|');
  if (key === historyKey) {
    return;
  }
  historyKey = key;
  try {
    const answer = await transport.readHistory();
    if (historyKey === key) {
      history = answer;
      historyProblem = null;
    }
  } catch (error) {
    history = null;
    historyKey = null;
    historyProblem = 'Cannot read the transition history at ' + config.history + ' (' + error.message + '), so this '
        + 'timeline shows only the latest start of each running service.';
  }
  drawTimeline();
}

function edgesOf(data, services) {
  if (Array.isArray(data.edges)) {
    return data.edges;
  }
  return services.flatMap((s) => (s.requires || [])
      .map((r) => ({ requirement: r, dependent: idOf(s), optional: false })));
}

function renderSummary(services) {
  const counts = new Map();
  for (const s of services) {
    counts.set(s.state, (counts.get(s.state) || 0) + 1);
  }
  const parts = [services.length + (services.length === 1 ? ' service' : ' services')];
  for (const [state, count] of counts) {
    parts.push(count + ' ' + state.toLowerCase());
  }
  $('summary').textContent = parts.join(' \u00b7 ');
}

/**
 * The application's own state in the header, as the endpoint's application field says: UP or DOWN (a critical
 * service is not where it should be), its readiness, and the critical services that are down.
 */
function renderApplication(application) {
  const badge = $('application');
  if (!application || !application.status) {
    badge.hidden = true;
    return;
  }
  const parts = ['Application ' + application.status];
  if (application.readiness === 'ACCEPTING_TRAFFIC') {
    parts.push('accepting traffic');
  } else if (application.readiness === 'REFUSING_TRAFFIC') {
    parts.push('refusing traffic');
  }
  const down = Array.isArray(application.criticalDown) ? application.criticalDown : [];
  if (down.length > 0) {
    parts.push('critical ' + (down.length === 1 ? 'service' : 'services') + ' down: ' + down.join(', '));
  }
  badge.textContent = parts.join(' \u00b7 ');
  badge.className = application.status === 'UP' && application.readiness !== 'REFUSING_TRAFFIC' ? 'up' : 'down';
  badge.hidden = false;
}

/** The service id the address's fragment names, or null. */
function serviceInHash() {
  const hash = window.location.hash.slice(1);
  if (!hash) {
    return null;
  }
  try {
    return decodeURIComponent(hash);
  } catch (ignored) {
    return null;
  }
}

/** Selects a service, and names it in the address (#id) so that a link or a reload shows it again. */
function select(id) {
  if (id !== selected || serviceInHash() !== id) {
    const address = window.location.pathname + window.location.search + (id ? '#' + encodeURIComponent(id) : '');
    window.history.replaceState(null, '', address);
  }
  selected = id;
  details.reset();
  graph.highlight(id);
  details.show(id, id ? byId.get(id) : null);
}

/** Says how the page learns of changes: 'live' (the server pushes them) or 'polling'; why, in its title. */
function setMode(name, explanation) {
  const mode = $('mode');
  mode.textContent = name;
  mode.className = name;
  mode.title = explanation;
  mode.hidden = false;
}

function setStatus(kind, text) {
  const status = $('status');
  status.className = kind;
  status.textContent = text;
}

window.addEventListener('hashchange', () => {
  const id = serviceInHash();
  if (id && byId.has(id)) {
    select(id);
    graph.centerOn(id);
  } else if (id) {
    wanted = id;
  } else {
    select(null);
  }
});

// Finding a service: typing marks the services whose id or type holds the text; Enter selects the first of them and
// moves the view to it; Escape clears; '/' anywhere else on the page goes to the box.
const find = $('find');

function showMatches(found) {
  const matches = $('matches');
  matches.textContent = found === null ? '' : found.length === 0 ? 'no match'
      : found.length === 1 ? '1 match' : found.length + ' matches';
}

find.addEventListener('input', () => showMatches(find.value.trim() ? graph.match(find.value) : (graph.match(''), null)));
find.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    const found = graph.match(find.value);
    showMatches(find.value.trim() ? found : null);
    if (found.length > 0) {
      select(found[0]);
      graph.centerOn(found[0]);
    }
  } else if (event.key === 'Escape') {
    find.value = '';
    graph.match('');
    showMatches(null);
    find.blur();
  }
});
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable
      || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    find.focus();
    find.select();
  }
});

if (config.problem || !config.services) {
  const problem = $('problem');
  problem.textContent = config.problem || 'The console does not know where the services endpoint is.';
  problem.hidden = false;
  setStatus('error', 'Not connected');
} else {
  transport.start();
}
