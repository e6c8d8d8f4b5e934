/*
 * The lifecycle console: reads the actuator's services endpoint every refresh interval and draws the dependency
 * graph (requirements left, dependents right, one column per layer: the longest path from a service without
 * requirements), the state of each service, the timeline of the starts with the start-up's critical path, and, when
 * the endpoint's write operation is mapped, buttons to fail, restart, stop and start a service.
 */
(() => {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 168;
  const NODE_H = 46;
  const GAP_X = 76;
  const GAP_Y = 18;
  const MIN_VIEW_W = 720;
  const ACTIONS = ['fail', 'restart', 'stop', 'start'];

  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const config = {
    services: body.dataset.services || '',
    writable: body.dataset.writable === 'true',
    refresh: Math.max(100, Number(body.dataset.refresh) || 1000),
    problem: body.dataset.problem || '',
  };

  const graph = $('graph');
  const edgeLayer = $('edges');
  const nodeLayer = $('nodes');
  const tooltip = $('tooltip');
  const details = $('details');

  let structureKey = null;
  let byId = new Map();
  let criticalPath = [];
  const nodes = new Map();
  const starts = new Map();
  let timelineKey = null;
  let selected = null;
  let hovered = null;
  let shownDetails = null;
  let view = null;
  let bounds = null;
  let userMoved = false;
  let requested = 0;
  let rendered = 0;

  // ---- reading the endpoint ----------------------------------------------------------------------------------

  async function poll() {
    const seq = ++requested;
    try {
      const response = await fetch(config.services, {
        headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin',
      });
      if (!response.ok) {
        throw new Error(await describeError(response));
      }
      const data = await response.json();
      accept(seq, data);
      setStatus('live', 'Live, updated ' + formatInstant(new Date().toISOString()));
    } catch (error) {
      setStatus('error', 'Cannot read ' + config.services + ': ' + error.message + '. Retrying.');
    } finally {
      window.setTimeout(poll, config.refresh);
    }
  }

  /**
   * Renders an answer of the endpoint unless a newer one has been rendered: reads are numbered when sent, an
   * operation's answer when it arrives.
   */
  function accept(seq, data) {
    if (seq < rendered) {
      return;
    }
    rendered = seq;
    render(data);
  }

  async function describeError(response) {
    let text = '';
    try {
      text = await response.text();
      const json = JSON.parse(text);
      text = json.message || json.error || json.detail || json.title || text;
    } catch (ignored) {
      // not JSON: keep the text
    }
    text = String(text).trim();
    if (text.length > 400) {
      text = text.slice(0, 400) + '...';
    }
    return 'HTTP ' + response.status + (text ? ': ' + text : '');
  }

  function setStatus(kind, text) {
    const status = $('status');
    status.className = kind;
    status.textContent = text;
  }

  function showMessage(kind, text) {
    const message = $('message');
    message.className = 'banner ' + kind;
    message.textContent = text;
    message.hidden = false;
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  function render(data) {
    const services = Array.isArray(data.services) ? data.services : [];
    byId = new Map(services.map((s) => [idOf(s), s]));
    criticalPath = Array.isArray(data.criticalPath) ? data.criticalPath : [];
    const edges = edgesOf(data, services).filter((e) => byId.has(e.requirement) && byId.has(e.dependent));
    const key = [...byId.keys()].join('\n') + '\n|\n'
        + edges.map((e) => e.requirement + '>' + e.dependent + (e.optional ? '?' : '')).join('\n');
    if (key !== structureKey) {
      structureKey = key;
      buildGraph(edges);
    }
    for (const [id, s] of byId) {
      updateNode(nodes.get(id), s);
    }
    renderSummary(services);
    renderTimeline(services);
    renderDetails();
    if (hovered && !byId.has(hovered)) {
      hovered = null;
      tooltip.hidden = true;
    } else if (hovered && !tooltip.hidden) {
      showTooltip();
    }
  }

  function idOf(service) {
    return service.id || service.name;
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

  // ---- graph -------------------------------------------------------------------------------------------------

  function buildGraph(edges) {
    const positions = layout([...byId.keys()], edges);
    edgeLayer.replaceChildren();
    nodeLayer.replaceChildren();
    nodes.clear();
    for (const e of edges) {
      const from = positions.get(e.requirement);
      const to = positions.get(e.dependent);
      const x1 = from.x + NODE_W;
      const y1 = from.y + NODE_H / 2;
      const x2 = to.x;
      const y2 = to.y + NODE_H / 2;
      const dx = Math.max(30, (x2 - x1) / 2);
      const path = svg('path', {
        class: 'edge' + (e.optional ? ' optional' : ''),
        d: `M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}`,
        'marker-end': 'url(#arrow)',
        'data-from': e.requirement,
        'data-to': e.dependent,
      });
      edgeLayer.appendChild(path);
    }
    for (const [id, p] of positions) {
      const g = svg('g', {
        class: 'node', 'data-id': id, transform: `translate(${p.x} ${p.y})`, tabindex: '0', role: 'button',
      });
      g.appendChild(svg('rect', { width: NODE_W, height: NODE_H, rx: 7 }));
      const name = svg('text', { class: 'name', x: 10, y: 19 });
      name.textContent = id.length > 21 ? id.slice(0, 20) + '\u2026' : id;
      const state = svg('text', { class: 'state', x: 10, y: 37 });
      const restarts = svg('text', { class: 'restarts', x: NODE_W - 10, y: 37, 'text-anchor': 'end' });
      const title = svg('title', {});
      g.append(name, state, restarts, title);
      nodeLayer.appendChild(g);
      nodes.set(id, g);
    }
    const placed = [...positions.values()];
    bounds = placed.length === 0 ? { left: 0, top: 0, right: NODE_W, bottom: NODE_H } : {
      left: Math.min(...placed.map((p) => p.x)),
      top: Math.min(...placed.map((p) => p.y)),
      right: Math.max(...placed.map((p) => p.x)) + NODE_W,
      bottom: Math.max(...placed.map((p) => p.y)) + NODE_H,
    };
    const ids = $('service-ids');
    ids.replaceChildren(...[...byId.keys()]
        .map((id) => Object.assign(document.createElement('option'), { value: id })));
    if (selected && !byId.has(selected)) {
      selected = null;
    }
    highlightSelection();
    if (!userMoved || !view) {
      fit();
    }
  }

  /** How a start mode other than ACTIVE is shown: 'on demand', 'disabled'; null for ACTIVE. */
  function modeLabel(mode) {
    return mode === 'ON_DEMAND' ? 'on demand' : mode === 'NEVER' ? 'disabled' : null;
  }

  function updateNode(g, s) {
    const state = String(s.state || 'UNKNOWN');
    const mode = modeLabel(s.mode);
    const label = state + (mode ? ' \u00b7 ' + mode : '');
    if (g.dataset.state !== state || g.dataset.label !== label) {
      g.dataset.state = state;
      g.dataset.label = label;
      g.setAttribute('class', 'node state-' + state.toLowerCase() + (idOf(s) === selected ? ' selected' : ''));
      g.querySelector('.state').textContent = label;
    }
    const restarts = '\u21bb ' + (s.restarts || 0);
    const r = g.querySelector('.restarts');
    if (r.textContent !== restarts) {
      r.textContent = restarts;
    }
    g.setAttribute('aria-label', idOf(s) + ': ' + state + (mode ? ' (' + mode + ')' : '') + ', restarted '
        + (s.restarts || 0) + ' times');
    g.querySelector('title').textContent = idOf(s);
  }

  /**
   * Columns by longest path from a service without requirements; within a column, services ordered by the mean
   * position of their neighbours (a few sweeps each way), which keeps edges short and crossings few.
   */
  function layout(ids, edges) {
    const requirements = new Map(ids.map((id) => [id, []]));
    const dependents = new Map(ids.map((id) => [id, []]));
    for (const e of edges) {
      requirements.get(e.dependent).push(e.requirement);
      dependents.get(e.requirement).push(e.dependent);
    }
    const pending = new Map(ids.map((id) => [id, requirements.get(id).length]));
    const layerOf = new Map();
    const queue = ids.filter((id) => pending.get(id) === 0);
    queue.forEach((id) => layerOf.set(id, 0));
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      for (const d of dependents.get(id)) {
        layerOf.set(d, Math.max(layerOf.get(d) || 0, layerOf.get(id) + 1));
        pending.set(d, pending.get(d) - 1);
        if (pending.get(d) === 0) {
          queue.push(d);
        }
      }
    }
    let deepest = Math.max(0, ...layerOf.values());
    for (const id of ids) {
      if (!layerOf.has(id)) {
        layerOf.set(id, ++deepest);
      }
    }
    const layers = [];
    for (const id of ids) {
      const l = layerOf.get(id);
      (layers[l] = layers[l] || []).push(id);
    }
    for (let l = 0; l < layers.length; l++) {
      layers[l] = layers[l] || [];
    }
    const tallest = Math.max(1, ...layers.map((l) => l.length));
    const row = new Map();
    const place = (layer) => layer.forEach((id, i) => row.set(id, i + (tallest - layer.length) / 2));
    layers.forEach(place);
    const mean = (id, neighbours) => {
      const rows = neighbours.get(id).map((n) => row.get(n));
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : row.get(id);
    };
    for (let sweep = 0; sweep < 4; sweep++) {
      const down = sweep % 2 === 0;
      const neighbours = down ? requirements : dependents;
      for (let k = 1; k < layers.length; k++) {
        const l = down ? k : layers.length - 1 - k;
        const keys = new Map(layers[l].map((id) => [id, mean(id, neighbours)]));
        layers[l].sort((a, b) => keys.get(a) - keys.get(b));
        place(layers[l]);
      }
    }
    return place2d(layers, row);
  }

  /**
   * Coordinates: one column per layer, left to right. A layer taller than suits the graph's frame is wrapped into
   * several narrower columns, side by side, so that a graph of hundreds of services keeps a usable shape; the
   * columns of a layer still all lie left of the next layer.
   */
  function place2d(layers, row) {
    const frame = graph.getBoundingClientRect();
    const target = frame.width > 0 && frame.height > 0 ? frame.width / frame.height : 1.8;
    const tallest = Math.max(1, ...layers.map((l) => l.length));
    let rows = tallest;
    let best = Infinity;
    for (let r = Math.min(tallest, 8); r <= tallest; r++) {
      const columns = layers.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / r)), 0);
      const score = Math.abs(Math.log(columns * (NODE_W + GAP_X) / (r * (NODE_H + GAP_Y)) / target));
      if (score < best - 1e-9) {
        best = score;
        rows = r;
      }
    }
    const positions = new Map();
    let x = 0;
    for (const layer of layers) {
      if (layer.length <= rows) {
        layer.forEach((id) => positions.set(id, { x, y: (row.get(id) - (tallest - rows) / 2) * (NODE_H + GAP_Y) }));
        x += NODE_W + GAP_X;
        continue;
      }
      for (let start = 0; start < layer.length; start += rows) {
        const chunk = layer.slice(start, start + rows);
        chunk.forEach((id, i) => positions.set(id, { x, y: (i + (rows - chunk.length) / 2) * (NODE_H + GAP_Y) }));
        x += NODE_W + (start + rows < layer.length ? GAP_Y * 2 : GAP_X);
      }
    }
    return positions;
  }

  function svg(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) {
      element.setAttribute(k, String(v));
    }
    return element;
  }

  // ---- zoom and pan ------------------------------------------------------------------------------------------

  function applyView() {
    graph.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  }

  function aspect() {
    const r = graph.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r.height / r.width : 0.5;
  }

  function fit() {
    const pad = 24;
    const w = Math.max(bounds.right - bounds.left + 2 * pad, MIN_VIEW_W);
    const h = bounds.bottom - bounds.top + 2 * pad;
    const a = aspect();
    const vw = Math.max(w, h / a);
    const vh = vw * a;
    view = {
      x: (bounds.left + bounds.right) / 2 - vw / 2,
      y: (bounds.top + bounds.bottom) / 2 - vh / 2,
      w: vw,
      h: vh,
    };
    userMoved = false;
    applyView();
  }

  function toGraph(clientX, clientY) {
    const r = graph.getBoundingClientRect();
    return { x: view.x + (clientX - r.left) / r.width * view.w, y: view.y + (clientY - r.top) / r.height * view.h };
  }

  function zoom(factor, at) {
    const widest = Math.max(MIN_VIEW_W, (bounds.right - bounds.left) * 4, (bounds.bottom - bounds.top) * 4);
    const w = Math.min(Math.max(view.w * factor, 120), widest);
    const f = w / view.w;
    view = { x: at.x - (at.x - view.x) * f, y: at.y - (at.y - view.y) * f, w: view.w * f, h: view.h * f };
    userMoved = true;
    applyView();
  }

  function center() {
    return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  }

  graph.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoom(Math.exp(event.deltaY * 0.0015), toGraph(event.clientX, event.clientY));
  }, { passive: false });

  let drag = null;
  let dragged = false;
  graph.addEventListener('pointerdown', (event) => {
    if (event.button === 0) {
      drag = { x: event.clientX, y: event.clientY, view: { ...view }, id: event.pointerId };
      dragged = false;
    }
  });
  graph.addEventListener('pointermove', (event) => {
    if (!drag) {
      return;
    }
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 4) {
      return;
    }
    if (!dragged) {
      dragged = true;
      graph.setPointerCapture(drag.id);
      graph.classList.add('dragging');
    }
    const r = graph.getBoundingClientRect();
    view = { ...drag.view, x: drag.view.x - dx / r.width * drag.view.w, y: drag.view.y - dy / r.height * drag.view.h };
    userMoved = true;
    applyView();
  });
  const endDrag = () => {
    drag = null;
    graph.classList.remove('dragging');
  };
  graph.addEventListener('pointerup', endDrag);
  graph.addEventListener('pointercancel', endDrag);

  $('zoom-in').addEventListener('click', () => zoom(1 / 1.3, center()));
  $('zoom-out').addEventListener('click', () => zoom(1.3, center()));
  $('fit').addEventListener('click', fit);
  // The frame changes size with the window, and when a scroll bar comes or goes: keep the view's proportions.
  new ResizeObserver(() => {
    if (!view) {
      return;
    }
    if (userMoved) {
      view.h = view.w * aspect();
      applyView();
    } else {
      fit();
    }
  }).observe(graph);

  // ---- selection, hover, details -----------------------------------------------------------------------------

  function nodeOf(target) {
    const g = target instanceof Element ? target.closest('g.node') : null;
    return g ? g.dataset.id : null;
  }

  graph.addEventListener('click', (event) => {
    if (dragged) {
      dragged = false;
      return;
    }
    select(nodeOf(event.target));
  });
  graph.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      const id = nodeOf(event.target);
      if (id) {
        event.preventDefault();
        select(id);
      }
    }
  });

  function select(id) {
    selected = id;
    shownDetails = null;
    highlightSelection();
    renderDetails();
  }

  function highlightSelection() {
    for (const [id, g] of nodes) {
      g.classList.toggle('selected', id === selected);
    }
    for (const path of edgeLayer.children) {
      path.classList.toggle('related', selected !== null
          && (path.dataset.from === selected || path.dataset.to === selected));
    }
  }

  $('find').addEventListener('change', (event) => {
    const id = event.target.value.trim();
    if (!byId.has(id)) {
      return;
    }
    select(id);
    const g = nodes.get(id);
    const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(g.getAttribute('transform'));
    view = { ...view, x: Number(m[1]) + NODE_W / 2 - view.w / 2, y: Number(m[2]) + NODE_H / 2 - view.h / 2 };
    userMoved = true;
    applyView();
  });

  graph.addEventListener('pointerover', (event) => {
    const id = nodeOf(event.target);
    if (!id || drag) {
      hovered = null;
      tooltip.hidden = true;
      return;
    }
    hovered = id;
    showTooltip();
    moveTooltip(event);
  });
  graph.addEventListener('pointermove', (event) => {
    if (!tooltip.hidden) {
      moveTooltip(event);
    }
  });
  graph.addEventListener('pointerleave', () => {
    hovered = null;
    tooltip.hidden = true;
  });

  function showTooltip() {
    tooltip.replaceChildren(textElement('strong', hovered), facts(byId.get(hovered), true));
    tooltip.hidden = false;
  }

  function moveTooltip(event) {
    const section = $('graph-section').getBoundingClientRect();
    const left = Math.min(event.clientX - section.left + 16, section.width - tooltip.offsetWidth - 8);
    tooltip.style.left = Math.max(8, left) + 'px';
    tooltip.style.top = (event.clientY - section.top + 16) + 'px';
  }

  function textElement(tag, text) {
    const element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  /** The facts about a service worth showing, as a definition list; brief for the tooltip. */
  function facts(s, brief) {
    const rows = [];
    const add = (label, value) => {
      if (value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) {
        rows.push([label, Array.isArray(value) ? value.join(', ') : String(value)]);
      }
    };
    add('State', s.state + (s.reason ? ' (' + s.reason.toLowerCase() + ')' : ''));
    add('Mode', modeLabel(s.mode));
    add('Leader only', s.leaderGroup ? 'group ' + s.leaderGroup + ': ' + (s.leadership === 'LEADER' ? 'leader'
        : s.leadership === 'STANDBY' ? 'standby' : 'standby (leadership unknown)') : null);
    add('Since', formatInstant(s.since));
    add('Waiting on', s.waitingOn);
    add('Missing', s.missing);
    add('Root cause', s.rootCause);
    if (s.abandonedStart) {
      // A start the registry gave up waiting for: its code still runs, and the value it returns will be stopped.
      const a = s.abandonedStart;
      add('Abandoned start', 'began ' + formatInstant(a.startedAt) + ', abandoned ' + formatInstant(a.abandonedAt)
          + (a.returned ? '; it returned, and its value is being stopped'
              : '; still running: the value it returns will be stopped'));
    }
    add('Restarts', s.restarts);
    add('Next restart', formatInstant(s.nextRestartAt));
    if (s.lastFailure) {
      const f = s.lastFailure;
      add('Last failure', shortType(f.type) + (f.message ? ': ' + f.message : '')
          + (f.at ? ' at ' + formatInstant(f.at) : ''));
    }
    add('Last start took', formatDuration(parseDuration(s.startDuration)));
    add('Last stop took', formatDuration(parseDuration(s.stopDuration)));
    if (!brief) {
      add('Health', s.health);
      add('Health check', s.healthCheck);
      add('Type', s.type);
      add('Qualifier', s.qualifier);
      add('Critical', s.critical ? 'yes' : null);
      add('Requires', s.requires);
      add('Wants', s.wants);
      add('Dependents', s.dependents);
    }
    const list = document.createElement('dl');
    for (const [label, value] of rows) {
      list.append(textElement('dt', label), textElement('dd', value));
    }
    return list;
  }

  function renderDetails() {
    const s = selected ? byId.get(selected) : null;
    if (!s) {
      if (shownDetails !== '') {
        shownDetails = '';
        details.replaceChildren(textElement('p', 'Select a service to see its details.'));
        details.firstChild.className = 'hint';
      }
      return;
    }
    const key = JSON.stringify(s);
    if (key === shownDetails) {
      return;
    }
    const fresh = shownDetails === null || details.dataset.id !== selected;
    shownDetails = key;
    if (fresh) {
      details.dataset.id = selected;
      const title = textElement('h2', selected);
      const badge = textElement('span', '');
      badge.id = 'details-state';
      const list = document.createElement('div');
      list.id = 'details-facts';
      details.replaceChildren(title, badge, list, actions(selected));
    }
    const badge = $('details-state');
    badge.className = 'badge state-' + String(s.state).toLowerCase();
    badge.textContent = s.state;
    $('details-facts').replaceChildren(facts(s, false));
  }

  function actions(id) {
    const box = document.createElement('div');
    box.className = 'actions';
    if (!config.writable) {
      const note = textElement('p', 'Read-only: the services endpoint does not allow fail, restart, stop or start '
          + '(management.endpoint.services.access is not unrestricted).');
      note.className = 'hint';
      box.appendChild(note);
      return box;
    }
    for (const action of ACTIONS) {
      const button = textElement('button', action);
      button.type = 'button';
      button.dataset.action = action;
      button.className = 'action ' + action;
      button.addEventListener('click', () => act(id, action, box));
      box.appendChild(button);
    }
    return box;
  }

  async function act(id, action, box) {
    const buttons = [...box.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    const label = action + ' ' + id;
    showMessage('info', label + ': sent');
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      const token = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
      if (token) {
        headers['X-XSRF-TOKEN'] = decodeURIComponent(token[1]);
      }
      const payload = action === 'fail' ? { action, reason: 'Failed from the console' } : { action };
      const response = await fetch(config.services + '/' + encodeURIComponent(id).replace(/%3A/gi, ':'), {
        method: 'POST', headers, body: JSON.stringify(payload), credentials: 'same-origin',
      });
      if (!response.ok) {
        showMessage('error', label + ' refused: ' + await describeError(response));
        return;
      }
      const data = await response.json();
      // The answer describes the registry once the operation has settled: newer than any read still in flight.
      accept(++requested, data);
      const after = (Array.isArray(data.services) ? data.services : []).find((s) => idOf(s) === id);
      showMessage('ok', label + ': done, ' + id + ' is ' + (after ? after.state : 'gone'));
    } catch (error) {
      showMessage('error', label + ' failed: ' + error.message);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  // ---- timeline ----------------------------------------------------------------------------------------------

  function renderTimeline(services) {
    for (const s of services) {
      const duration = parseDuration(s.startDuration);
      const end = parseInstant(s.since);
      if (s.state === 'RUNNING' && duration !== null && end !== null) {
        starts.set(idOf(s), { start: end - duration, end, duration });
      }
    }
    for (const id of [...starts.keys()]) {
      if (!byId.has(id)) {
        starts.delete(id);
      }
    }
    const critical = new Set(criticalPath.map((e) => e.id));
    const rows = [...starts.entries()].map(([id, t]) => ({ id, ...t, stale: byId.get(id).state !== 'RUNNING' }))
        .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
    const scroll = $('timeline-scroll');
    const width = Math.max(480, scroll.clientWidth - 4);
    const key = width + '|' + [...critical].join(',') + '|'
        + rows.map((r) => r.id + ':' + r.start + ':' + r.duration + ':' + r.stale).join('|');
    if (key === timelineKey) {
      return;
    }
    timelineKey = key;
    $('critical-path').textContent = criticalPath.length === 0 ? ''
        : 'Critical path of the start-up: ' + criticalPath.map((e) => e.id + ' ('
            + formatDuration(parseDuration(e.duration)) + ')').join(' \u2192 ');
    const timeline = $('timeline');
    timeline.replaceChildren();
    if (rows.length === 0) {
      timeline.setAttribute('width', width);
      timeline.setAttribute('height', 30);
      const empty = svg('text', { x: 8, y: 20, class: 'empty' });
      empty.textContent = 'No service has started yet.';
      timeline.appendChild(empty);
      return;
    }
    const labelWidth = 170;
    const rowHeight = 20;
    const top = 24;
    const chart = width - labelWidth - 90;
    const axis = compressedAxis(rows, labelWidth, chart);
    const height = top + rows.length * rowHeight + (axis.gaps.length ? 20 : 6);
    timeline.setAttribute('width', width);
    timeline.setAttribute('height', height);
    timeline.setAttribute('viewBox', `0 0 ${width} ${height}`);
    let lastTick = -Infinity;
    for (const tick of axis.ticks) {
      if (tick.x - lastTick < 56) {
        continue;
      }
      lastTick = tick.x;
      timeline.appendChild(svg('line', { class: 'tick', x1: tick.x, x2: tick.x, y1: top - 6, y2: height }));
      const label = svg('text', { class: 'tick-label', x: tick.x, y: top - 10, 'text-anchor': 'middle' });
      label.textContent = tick.label;
      timeline.appendChild(label);
    }
    for (const gap of axis.gaps) {
      timeline.appendChild(svg('line', { class: 'gap', x1: gap.x, x2: gap.x, y1: top - 6, y2: height - 16 }));
      const label = svg('text', { class: 'gap-label', x: gap.x, y: height - 4, 'text-anchor': 'middle' });
      label.textContent = '+' + formatDuration(gap.duration);
      timeline.appendChild(label);
    }
    rows.forEach((r, i) => {
      const y = top + i * rowHeight;
      const name = svg('text', { class: 'row-label', x: labelWidth - 8, y: y + 14, 'text-anchor': 'end' });
      name.textContent = r.id.length > 24 ? r.id.slice(0, 23) + '\u2026' : r.id;
      const x = axis.x(r.start);
      const w = Math.max(2, axis.x(r.end) - x);
      const bar = svg('rect', {
        class: 'bar' + (critical.has(r.id) ? ' critical' : '') + (r.stale ? ' stale' : ''),
        'data-id': r.id, x, y: y + 3, width: w, height: rowHeight - 6, rx: 2,
      });
      const title = svg('title', {});
      title.textContent = r.id + ': began starting ' + formatDuration(r.start - axis.origin) + ' after the first, took '
          + formatDuration(r.duration) + (critical.has(r.id) ? '; on the critical path of the start-up' : '')
          + (r.stale ? '; not running now' : '');
      bar.appendChild(title);
      const took = svg('text', { class: 'took', x: x + w + 4, y: y + 14 });
      took.textContent = formatDuration(r.duration);
      timeline.append(name, bar, took);
    });
  }

  /**
   * A time axis that keeps bursts of starts readable: the idle time between two bursts (more than a second with
   * nothing starting, such as between the start-up and a later restart) is cut out and marked, so that one late
   * restart does not squeeze the start-up into a sliver.
   */
  function compressedAxis(rows, left, width) {
    const idle = 1000;
    const gapWidth = 36;
    const segments = [];
    for (const r of [...rows].sort((a, b) => a.start - b.start)) {
      const last = segments[segments.length - 1];
      if (last && r.start <= last.end + idle) {
        last.end = Math.max(last.end, r.end);
      } else {
        segments.push({ start: r.start, end: r.end });
      }
    }
    const busy = Math.max(0.001, segments.reduce((sum, g) => sum + (g.end - g.start), 0));
    const scale = Math.max(1, width - gapWidth * (segments.length - 1)) / busy;
    let offset = left;
    for (const g of segments) {
      g.left = offset;
      offset += (g.end - g.start) * scale + gapWidth;
    }
    const x = (t) => {
      let g = segments[0];
      for (const candidate of segments) {
        if (candidate.start <= t) {
          g = candidate;
        }
      }
      return g.left + (Math.min(t, g.end) - g.start) * scale;
    };
    const origin = segments[0].start;
    const step = niceStep(busy / 6);
    const ticks = [];
    segments.forEach((g, i) => {
      if (i === 0) {
        for (let t = origin; t <= g.end + step / 100; t += step) {
          ticks.push({ x: x(t), label: formatDuration(t - origin) });
        }
        return;
      }
      ticks.push({ x: x(g.start), label: formatDuration(g.start - origin) });
      for (let t = g.start + step; t <= g.end + step / 100; t += step) {
        ticks.push({ x: x(t), label: '+' + formatDuration(t - g.start) });
      }
    });
    const gaps = segments.slice(1).map((g, i) => ({
      x: g.left - gapWidth / 2, duration: g.start - segments[i].end,
    }));
    return { origin, x, ticks, gaps };
  }

  function niceStep(raw) {
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const n = raw / power;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
  }

  // ---- values ------------------------------------------------------------------------------------------------

  /** Milliseconds of an ISO-8601 duration as Java writes it (PT0.12S, PT1M30S, PT2H), or null. */
  function parseDuration(text) {
    const m = typeof text === 'string' && /^PT(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?$/.exec(text);
    if (!m) {
      return null;
    }
    return ((Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 1000;
  }

  /** Milliseconds since the epoch of an ISO-8601 instant, keeping digits past the millisecond, or null. */
  function parseInstant(text) {
    const m = typeof text === 'string' && /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
    if (!m) {
      return null;
    }
    const whole = Date.parse(m[1] + 'Z');
    return Number.isNaN(whole) ? null : whole + (m[2] ? Number('0.' + m[2]) * 1000 : 0);
  }

  /** Local time of day with milliseconds, 24-hour clock. */
  function formatInstant(text) {
    const t = parseInstant(text);
    if (t === null) {
      return null;
    }
    const d = new Date(t);
    const two = (n) => String(n).padStart(2, '0');
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + '.'
        + String(d.getMilliseconds()).padStart(3, '0');
  }

  function formatDuration(ms) {
    if (ms === null || ms === undefined) {
      return null;
    }
    if (ms === 0) {
      return '0 ms';
    }
    if (ms < 1) {
      return ms.toFixed(2) + ' ms';
    }
    if (ms < 1000) {
      return (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + ' ms';
    }
    return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  }

  function shortType(type) {
    return type ? type.slice(type.lastIndexOf('.') + 1) : '';
  }

  // ---- start -------------------------------------------------------------------------------------------------

  if (config.problem || !config.services) {
    const problem = $('problem');
    problem.textContent = config.problem || 'The console does not know where the services endpoint is.';
    problem.hidden = false;
    setStatus('error', 'Not connected');
  } else {
    poll();
  }
})();
