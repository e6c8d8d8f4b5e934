/*
 * The layered layout of the dependency graph: requirements left, dependents right, one column per layer (the
 * longest path from a service without requirements).
 */

export const NODE_W = 168;
export const NODE_H = 46;
const GAP_X = 76;
const GAP_Y = 18;

/**
 * Positions (top left corners) of the services: columns by longest path from a service without requirements; within
 * a column, services ordered by the mean position of their neighbours (a few sweeps each way), which keeps edges
 * short and crossings few. frame is the size of the drawing area, whose proportions the layout aims at.
 */
export function layout(ids, edges, frame) {
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
  return place2d(layers, row, frame);
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
