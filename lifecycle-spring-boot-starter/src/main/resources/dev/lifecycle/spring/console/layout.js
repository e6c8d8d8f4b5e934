/*
 * The layered layout of the dependency graph: requirements left, dependents right, one column per layer.
 */

export const NODE_W = 168;
export const NODE_H = 46;
const GAP_X = 76;
const GAP_Y = 18;

/** How many ordering sweeps the layout makes; it keeps the ordering with the fewest crossings it met. */
const SWEEPS = 24;

/**
 * Positions (top left corners) of the services, in the layered way (Sugiyama's): columns by longest path from a
 * service without requirements, each service then moved right next to its nearest dependent (so that a requirement
 * of a few late services, such as a clock, sits beside them rather than far left); within a column, services ordered
 * by the median position of their neighbours, an edge that spans several columns counted as a chain of invisible
 * points, one per column it crosses. Sweeps go right and left in turn, and the ordering with the fewest crossings
 * between neighbouring columns wins. frame is the size of the drawing area, whose proportions the layout aims at.
 */
export function layout(ids, edges, frame) {
  const requirements = new Map(ids.map((id) => [id, []]));
  const dependents = new Map(ids.map((id) => [id, []]));
  for (const e of edges) {
    requirements.get(e.dependent).push(e.requirement);
    dependents.get(e.requirement).push(e.dependent);
  }
  const layerOf = layers(ids, requirements, dependents);
  const order = ordering(ids, edges, layerOf);
  const tallest = Math.max(1, ...order.map((l) => l.length));
  const row = new Map();
  order.forEach((layer) => layer.forEach((id, i) => row.set(id, i + (tallest - layer.length) / 2)));
  return place2d(order, row, frame);
}

/** The column of each service: its longest path from a service without requirements, then as far right as it goes. */
function layers(ids, requirements, dependents) {
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
  // Dependents first: each service moves to the column just left of its nearest dependent.
  for (let i = queue.length - 1; i >= 0; i--) {
    const near = dependents.get(queue[i]).map((d) => layerOf.get(d));
    if (near.length > 0) {
      layerOf.set(queue[i], Math.min(...near) - 1);
    }
  }
  let deepest = Math.max(0, ...layerOf.values());
  for (const id of ids) {
    if (!layerOf.has(id)) {
      layerOf.set(id, ++deepest);
    }
  }
  return layerOf;
}

/** The services of each column, top to bottom, ordered to cross few edges. */
function ordering(ids, edges, layerOf) {
  const up = new Map(ids.map((id) => [id, []]));
  const down = new Map(ids.map((id) => [id, []]));
  const layerAll = new Map(layerOf);
  const virtual = new Set();
  for (const e of edges) {
    let from = e.requirement;
    for (let l = layerOf.get(e.requirement) + 1; l < layerOf.get(e.dependent); l++) {
      const point = {};
      virtual.add(point);
      layerAll.set(point, l);
      up.set(point, [from]);
      down.set(point, []);
      down.get(from).push(point);
      from = point;
    }
    down.get(from).push(e.dependent);
    up.get(e.dependent).push(from);
  }
  // First ordering: depth first from the services without requirements, so that related services start close.
  const columns = [];
  const seen = new Set();
  const visit = (node) => {
    if (!seen.has(node)) {
      seen.add(node);
      const l = layerAll.get(node);
      (columns[l] = columns[l] || []).push(node);
      down.get(node).forEach(visit);
    }
  };
  ids.filter((id) => up.get(id).length === 0).forEach(visit);
  ids.forEach(visit);
  for (let l = 0; l < columns.length; l++) {
    columns[l] = columns[l] || [];
  }
  const position = new Map();
  const index = (column) => column.forEach((node, i) => position.set(node, i));
  columns.forEach(index);
  const crossings = () => {
    let count = 0;
    for (let l = 0; l + 1 < columns.length; l++) {
      const between = columns[l].flatMap((u) => down.get(u).map((v) => [position.get(u), position.get(v)]));
      for (let i = 0; i < between.length; i++) {
        for (let j = i + 1; j < between.length; j++) {
          if ((between[i][0] - between[j][0]) * (between[i][1] - between[j][1]) < 0) {
            count++;
          }
        }
      }
    }
    return count;
  };
  let best = columns.map((c) => [...c]);
  let fewest = crossings();
  for (let sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
    const rightward = sweep % 2 === 0;
    const neighbours = rightward ? up : down;
    for (let k = 1; k < columns.length; k++) {
      const l = rightward ? k : columns.length - 1 - k;
      const keys = new Map(columns[l].map((node) => [node, median(neighbours.get(node).map((n) => position.get(n)),
          position.get(node))]));
      columns[l].sort((a, b) => keys.get(a) - keys.get(b));
      index(columns[l]);
    }
    const count = crossings();
    if (count < fewest) {
      fewest = count;
      best = columns.map((c) => [...c]);
    }
  }
  return best.map((column) => column.filter((node) => !virtual.has(node)));
}

/** The median of positions, or the fallback when there are none. */
function median(positions, fallback) {
  if (positions.length === 0) {
    return fallback;
  }
  positions.sort((a, b) => a - b);
  const m = positions.length >> 1;
  return positions.length % 2 ? positions[m] : (positions[m - 1] + positions[m]) / 2;
}

/**
 * Coordinates: one column per layer, left to right. A layer taller than suits the graph's frame is wrapped into
 * several narrower columns, side by side, so that a graph of hundreds of services keeps a usable shape; the
 * columns of a layer still all lie left of the next layer.
 */
function place2d(layers, row, frame) {
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
