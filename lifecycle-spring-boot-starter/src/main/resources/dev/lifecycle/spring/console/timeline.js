/*
 * The timeline: each service's starts (setup and start) and how long it then ran, read from the transition history
 * (the serviceevents endpoint), so that a service that stopped or failed stays on it with how its run ended; the
 * start-up's critical path marked on the starts that made it. Without the history, the latest start of each running
 * service, as the services endpoint describes it.
 */

import { $, svg } from './dom.js';
import { formatDuration, idOf, parseDuration, parseInstant } from './format.js';

const latestStarts = new Map();
let timelineKey = null;

/** What the history says of each service: its starts, its runs and how each ended, in time order. */
export function rowsFromHistory(events, now) {
  const rows = new Map();
  const row = (id) => {
    if (!rows.has(id)) {
      rows.set(id, { id, starts: [], runs: [], starting: null, running: null });
    }
    return rows.get(id);
  };
  for (const e of events) {
    const t = parseInstant(e.at);
    if (t === null) {
      continue;
    }
    const r = row(e.service);
    if (e.from === 'STARTING' && r.starting !== null) {
      r.starts.push({ start: r.starting, end: t,
        outcome: e.to === 'RUNNING' ? 'started' : endOf(e) === 'failed' ? 'failed' : 'stopped' });
      r.starting = null;
    }
    if (e.to === 'STARTING') {
      r.starting = t;
    }
    if (e.from === 'RUNNING') {
      const since = r.running !== null ? r.running : t - (parseDuration(e.timeInPreviousState) || 0);
      r.runs.push({ start: since, end: t, ended: endOf(e), reason: e.reason, cause: e.cause });
      r.running = null;
    }
    if (e.to === 'RUNNING') {
      r.running = t;
    }
  }
  for (const r of rows.values()) {
    if (r.starting !== null) {
      r.starts.push({ start: r.starting, end: now, outcome: 'starting' });
    }
    if (r.running !== null) {
      r.runs.push({ start: r.running, end: null, ended: null });
    }
  }
  return [...rows.values()].filter((r) => r.starts.length > 0 || r.runs.length > 0);
}

/**
 * How a run ended: 'dependency' (a requirement left RUNNING, whatever its cause), 'failed' (a failure of its own, or
 * failed by an operator), else 'stopped'.
 */
function endOf(e) {
  if (e.reason === 'DEPENDENCY') {
    return 'dependency';
  }
  const cause = e.cause !== null && e.cause !== undefined;
  return e.reason === 'FAILURE' || e.to === 'FAILED' || (e.reason === 'OPERATOR' && cause) ? 'failed' : 'stopped';
}

const ENDED = { failed: 'failed', dependency: 'stopped with a requirement', stopped: 'stopped' };

/**
 * Draws the timeline in #timeline and the critical path in #critical-path. history: the serviceevents endpoint's
 * answer ({serviceEvents: [...]}), or null when there is none, problem then saying why.
 */
export function renderTimeline(services, byId, criticalPath, history, problem) {
  const now = Date.now();
  const note = $('timeline-note');
  let rows;
  let complete = true;
  if (history) {
    const events = Array.isArray(history.serviceEvents) ? history.serviceEvents : [];
    complete = events.length === 0 || events[0].sequence === 1;
    rows = rowsFromHistory(events, now);
    const shown = new Set(rows.map((r) => r.id));
    // A running service whose start the history no longer keeps: its latest start, as the endpoint describes it.
    for (const s of services) {
      const latest = latestStart(s);
      if (!shown.has(idOf(s)) && latest) {
        rows.push({ id: idOf(s), starts: [{ ...latest, outcome: 'started' }],
          runs: [{ start: latest.end, end: null, ended: null }] });
      }
    }
    note.hidden = true;
  } else {
    for (const s of services) {
      const latest = latestStart(s);
      if (latest) {
        latestStarts.set(idOf(s), latest);
      }
    }
    for (const id of [...latestStarts.keys()]) {
      if (!byId.has(id)) {
        latestStarts.delete(id);
      }
    }
    rows = [...latestStarts.entries()].map(([id, t]) => ({
      id, starts: [{ ...t, outcome: 'started' }],
      runs: byId.get(id).state === 'RUNNING' ? [{ start: t.end, end: null, ended: null }] : [],
    }));
    note.textContent = problem || '';
    note.hidden = !problem;
  }
  // The critical path is of the start-up: its starts are the first starts of its services, when the history holds
  // them (or, without the history, the latest start, which is the start-up's for a service never restarted).
  const critical = new Set(criticalPath.map((e) => e.id));
  for (const r of rows) {
    r.starts.sort((a, b) => a.start - b.start);
    r.criticalStart = critical.has(r.id) && complete ? r.starts[0] : null;
    r.first = r.starts.length > 0 ? r.starts[0].start : r.runs[0].start;
  }
  rows.sort((a, b) => a.first - b.first || a.id.localeCompare(b.id));
  const scroll = $('timeline-scroll');
  const width = Math.max(480, scroll.clientWidth - 4);
  const key = width + '|' + complete + '|' + [...critical].join(',') + '|' + rows.map((r) => r.id + ':'
      + r.starts.map((s) => s.start + '-' + (s.outcome === 'starting' ? '' : s.end) + s.outcome).join(',') + ':'
      + r.runs.map((u) => u.start + '-' + u.end + u.ended).join(',')).join('|');
  if (key === timelineKey) {
    return;
  }
  timelineKey = key;
  $('critical-path').textContent = criticalPath.length === 0 ? ''
      : 'Critical path of the start-up: ' + criticalPath.map((e) => e.id + ' ('
          + formatDuration(parseDuration(e.duration)) + ')').join(' \u2192 ')
          + (complete ? '' : ' (its starts are older than the transitions the history keeps)');
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
  const moments = rows.flatMap((r) => [...r.starts.map((s) => ({ start: s.start, end: s.end })),
    ...r.runs.filter((u) => u.end !== null).map((u) => ({ start: u.end, end: u.end }))]);
  const axis = compressedAxis(moments, labelWidth, chart);
  const right = labelWidth + chart;
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
    const group = svg('g', { class: 'row', 'data-id': r.id });
    const name = svg('text', { class: 'row-label', x: labelWidth - 8, y: y + 14, 'text-anchor': 'end' });
    name.textContent = r.id.length > 24 ? r.id.slice(0, 23) + '\u2026' : r.id;
    group.appendChild(name);
    for (const u of r.runs) {
      const x1 = axis.x(u.start);
      const x2 = u.end === null ? right : axis.x(u.end);
      // Under the bars, so that the duration written after a bar stays legible.
      const line = svg('line', { class: 'run', x1, x2: Math.max(x1, x2), y1: y + 17, y2: y + 17 });
      const title = svg('title', {});
      title.textContent = r.id + ' ran ' + (u.end === null ? 'from ' + formatDuration(u.start - axis.origin)
          + ' on, and runs now' : 'for ' + formatDuration(u.end - u.start) + ', then ' + ENDED[u.ended]
          + (u.cause ? ': ' + u.cause.type + (u.cause.message ? ': ' + u.cause.message : '') : ''));
      line.appendChild(title);
      group.appendChild(line);
      if (u.end !== null) {
        const end = svg('path', {
          class: 'ended ' + u.ended, 'data-ended': u.ended,
          d: u.ended === 'failed' ? `M ${x2 - 4} ${y + 10} l 7 7 m 0 -7 l -7 7` : `M ${x2 - 4} ${y + 10} h 7 v 7 h -7 z`,
        });
        end.appendChild(title.cloneNode(true));
        group.appendChild(end);
      }
    }
    let lastStart = null;
    for (const s of r.starts) {
      const x = axis.x(s.start);
      const w = Math.max(2, axis.x(s.end) - x);
      const onPath = s === r.criticalStart;
      const bar = svg('rect', {
        class: 'bar ' + s.outcome + (onPath ? ' critical' : ''),
        'data-id': r.id, x, y: y + 3, width: w, height: rowHeight - 6, rx: 2,
      });
      const title = svg('title', {});
      title.textContent = r.id + ': began starting ' + formatDuration(s.start - axis.origin) + ' after the first, '
          + (s.outcome === 'starting' ? 'still starting' : 'took ' + formatDuration(s.end - s.start))
          + (s.outcome === 'failed' ? ', and failed' : s.outcome === 'stopped' ? ', and was stopped' : '')
          + (onPath ? '; on the critical path of the start-up' : '');
      bar.appendChild(title);
      group.appendChild(bar);
      lastStart = { s, x, w };
    }
    if (lastStart && lastStart.s.outcome !== 'starting') {
      const took = svg('text', { class: 'took', x: Math.min(lastStart.x + lastStart.w + 4, right + 4), y: y + 14 });
      took.textContent = formatDuration(lastStart.s.end - lastStart.s.start);
      group.appendChild(took);
    }
    timeline.appendChild(group);
  });
}

/** The latest start of a RUNNING service as the services endpoint describes it, or null. */
function latestStart(s) {
  const duration = parseDuration(s.startDuration);
  const end = parseInstant(s.since);
  return s.state === 'RUNNING' && duration !== null && end !== null ? { start: end - duration, end, duration } : null;
}

/**
 * A time axis that keeps bursts of activity readable: the idle time between two bursts (more than a second with
 * nothing starting or ending, such as between the start-up and a later restart) is cut out and marked, so that one
 * late restart does not squeeze the start-up into a sliver.
 */
function compressedAxis(moments, left, width) {
  const idle = 1000;
  const gapWidth = 36;
  const segments = [];
  for (const r of [...moments].sort((a, b) => a.start - b.start)) {
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
    return g.left + (Math.min(Math.max(t, g.start), g.end) - g.start) * scale;
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
