/*
 * The timeline of the starts: the latest start of each service (setup and start), with the start-up's critical path
 * highlighted.
 */

import { $, svg } from './dom.js';
import { formatDuration, idOf, parseDuration, parseInstant } from './format.js';

const starts = new Map();
let timelineKey = null;

/**
 * Draws the latest start of each service in #timeline, and the critical path in #critical-path. byId: the services
 * of the latest answer by id; criticalPath: its entries.
 */
export function renderTimeline(services, byId, criticalPath) {
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
