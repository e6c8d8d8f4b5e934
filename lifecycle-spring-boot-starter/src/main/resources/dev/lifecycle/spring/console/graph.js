/*
 * The dependency graph: draws the services (each in the colour of its state) and their edges, zooms and pans, finds
 * a service, and tells which service the operator selects or points at.
 */

import { $, svg } from './dom.js';
import { awaitsOperator, idOf, nodeLabel } from './format.js';
import { layout, NODE_H, NODE_W } from './layout.js';

const MIN_VIEW_W = 720;
/**
 * The least scale (screen pixels per unit of the drawing) at which a service's name is readable: a graph that would
 * be drawn smaller to fit opens at this scale on the service most in need of attention, and Fit shows all of it.
 */
const READABLE = 0.75;
/** A graph of more services than this draws its edges lighter, so that the selected service's stand out. */
const LARGE = 60;

/**
 * The graph drawn in the page's #graph; onSelect(id) is called when the operator selects a service (null: none),
 * onHover(id, event) when the pointer enters a service or leaves the services (id null).
 */
export function createGraph(onSelect, onHover) {
  const graph = $('graph');
  const edgeLayer = $('edges');
  const nodeLayer = $('nodes');
  const nodes = new Map();
  let structureKey = null;
  let selected = null;
  let view = null;
  let bounds = null;
  let userMoved = false;
  let query = '';
  /** The services of the latest update, by id. */
  let services = new Map();

  /** Draws the services and edges (laid out again only when they changed) in their states. */
  function update(byId, edges) {
    services = byId;
    const key = [...byId.keys()].join('\n') + '\n|\n'
        + edges.map((e) => e.requirement + '>' + e.dependent + (e.optional ? '?' : '')).join('\n');
    if (key !== structureKey) {
      structureKey = key;
      build(byId, edges);
    }
    for (const [id, s] of byId) {
      updateNode(nodes.get(id), s);
    }
  }

  function build(byId, edges) {
    const positions = layout([...byId.keys()], edges, graph.getBoundingClientRect());
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
      edgeLayer.appendChild(svg('path', {
        class: 'edge' + (e.optional ? ' optional' : ''),
        d: `M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}`,
        'marker-end': 'url(#arrow)',
        'data-from': e.requirement,
        'data-to': e.dependent,
      }));
    }
    for (const [id, p] of positions) {
      const g = svg('g', {
        class: 'node', 'data-id': id, transform: `translate(${p.x} ${p.y})`, tabindex: '0', role: 'button',
      });
      g.appendChild(svg('rect', { width: NODE_W, height: NODE_H, rx: 7 }));
      // A critical service: the dark corner, as in the legend.
      g.appendChild(svg('path', {
        class: 'critical-mark', d: `M ${NODE_W - 18} 0 H ${NODE_W - 7} Q ${NODE_W} 0 ${NODE_W} 7 V 18 Z`,
      }));
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
    graph.classList.toggle('large', byId.size > LARGE);
    highlight(selected && byId.has(selected) ? selected : null);
    match(query);
    if (!userMoved || !view) {
      home(byId);
    }
  }

  function updateNode(g, s) {
    g.dataset.type = s.type || '';
    const state = String(s.state || 'UNKNOWN');
    const label = nodeLabel(s);
    const classes = 'node state-' + state.toLowerCase() + (s.critical ? ' critical' : '')
        + (s.standby ? ' standby' : '') + (awaitsOperator(s) ? ' awaiting-operator' : '')
        + (idOf(s) === selected ? ' selected' : '');
    if (g.dataset.state !== state || g.dataset.label !== label || g.dataset.classes !== classes) {
      g.dataset.state = state;
      g.dataset.label = label;
      g.dataset.classes = classes;
      g.setAttribute('class', classes + (hits(idOf(s), g) ? ' match' : ''));
      g.querySelector('.state').textContent = label;
      g.querySelector('.critical-mark').style.display = s.critical ? '' : 'none';
    }
    const restarts = '\u21bb ' + (s.restarts || 0);
    const r = g.querySelector('.restarts');
    if (r.textContent !== restarts) {
      r.textContent = restarts;
    }
    g.setAttribute('aria-label', idOf(s) + (s.critical ? ' (critical)' : '') + ': ' + label + ', restarted '
        + (s.restarts || 0) + ' times');
    g.querySelector('title').textContent = idOf(s) + (s.critical ? ' (critical)' : '');
  }

  /** Marks the selected service and its edges; the other edges fade. */
  function highlight(id) {
    selected = id;
    for (const [nodeId, g] of nodes) {
      g.classList.toggle('selected', nodeId === selected);
    }
    for (const path of edgeLayer.children) {
      path.classList.toggle('related', selected !== null
          && (path.dataset.from === selected || path.dataset.to === selected));
    }
    graph.classList.toggle('focused', selected !== null);
  }

  /**
   * Marks the services whose id or type contains the text (case-insensitive), fading the others; an empty text
   * marks none. Returns the ids marked, in the order of the graph's columns, top to bottom.
   */
  function match(text) {
    query = String(text || '').trim().toLowerCase();
    const found = [];
    for (const [id, g] of nodes) {
      const hit = hits(id, g);
      g.classList.toggle('match', hit);
      if (hit) {
        found.push(id);
      }
    }
    graph.classList.toggle('searching', query !== '');
    const at = (id) => {
      const p = where(id);
      return p.x * 1e6 + p.y;
    };
    const exact = found.filter((id) => id.toLowerCase() === query);
    return [...exact, ...found.filter((id) => !exact.includes(id)).sort((a, b) => at(a) - at(b))];
  }

  function hits(id, g) {
    return query !== '' && (id.toLowerCase().includes(query)
        || String(g.dataset.type || '').toLowerCase().includes(query));
  }

  function where(id) {
    const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(nodes.get(id).getAttribute('transform'));
    return { x: Number(m[1]), y: Number(m[2]) };
  }

  /** Moves the view so that the service is in its middle, zooming in until its name is readable. */
  function centerOn(id) {
    const g = nodes.get(id);
    if (!g || !view) {
      return;
    }
    const p = where(id);
    const w = Math.min(view.w, readableWidth());
    const h = w * aspect();
    view = { x: p.x + NODE_W / 2 - w / 2, y: p.y + NODE_H / 2 - h / 2, w, h };
    userMoved = true;
    applyView();
  }

  /** The widest view (in units of the drawing) at which names are readable. */
  function readableWidth() {
    const r = graph.getBoundingClientRect();
    return Math.max(120, (r.width || MIN_VIEW_W) / READABLE);
  }

  /**
   * The view a graph opens with: all of it when its names are readable so; else, at a readable scale, the service
   * most in need of attention (the selected one, else a FAILED one, a critical one that is not RUNNING, a WAITING
   * one), or the top left of the graph.
   */
  function home(byId) {
    fit();
    if (view.w <= readableWidth() * 1.001) {
      return;
    }
    const attention = (s) => (s.state === 'FAILED' ? 0 : s.critical && s.state !== 'RUNNING' ? 1
        : s.state === 'WAITING' ? 2 : 3);
    let focus = selected && nodes.has(selected) ? selected : null;
    if (!focus) {
      const ranked = [...byId.values()].filter((s) => attention(s) < 3).sort((a, b) => attention(a) - attention(b));
      focus = ranked.length ? idOf(ranked[0]) : null;
    }
    const w = readableWidth();
    const h = w * aspect();
    if (focus) {
      const p = where(focus);
      view = { x: p.x + NODE_W / 2 - w / 2, y: p.y + NODE_H / 2 - h / 2, w, h };
    } else {
      view = { x: bounds.left - 24, y: (bounds.top + bounds.bottom) / 2 - h / 2, w, h };
    }
    applyView();
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
  $('fit').addEventListener('click', () => {
    fit();
    userMoved = true;
  });
  // The frame changes size with the window, and when a scroll bar comes or goes: keep the view's proportions.
  new ResizeObserver(() => {
    if (!view) {
      return;
    }
    if (userMoved) {
      view.h = view.w * aspect();
      applyView();
    } else {
      home(services);
    }
  }).observe(graph);

  // ---- selection and hover -----------------------------------------------------------------------------------

  function nodeOf(target) {
    const g = target instanceof Element ? target.closest('g.node') : null;
    return g ? g.dataset.id : null;
  }

  graph.addEventListener('click', (event) => {
    if (dragged) {
      dragged = false;
      return;
    }
    onSelect(nodeOf(event.target));
  });
  graph.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      const id = nodeOf(event.target);
      if (id) {
        event.preventDefault();
        onSelect(id);
      }
    }
  });
  graph.addEventListener('pointerover', (event) => {
    onHover(drag ? null : nodeOf(event.target), event);
  });
  graph.addEventListener('pointerleave', (event) => onHover(null, event));

  return { update, highlight, centerOn, match };
}
