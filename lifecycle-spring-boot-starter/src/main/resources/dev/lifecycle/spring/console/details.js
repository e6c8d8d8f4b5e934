/*
 * What the console says about one service: the facts worth showing, in the details panel of the selected service,
 * and its id, state and one line in the tooltip of the service under the pointer.
 */

import { $, textElement } from './dom.js';
import {
  awaitsOperator, formatDuration, formatInstant, modeLabel, nodeLabel, parseDuration, shortType,
} from './format.js';

/**
 * The sentence an operator most needs about a service's state, or null: that a FAILED service will not restart and
 * must be started by hand, when a scheduled restart is due, why a service on standby is down. kind: error or info.
 */
export function verdict(s) {
  if (s.state === 'FAILED' && awaitsOperator(s)) {
    return {
      kind: 'error',
      text: 'No restart is coming: it gave up, or its restart policy never restarts it. It stays FAILED until an '
          + 'operator starts it.' + (s.critical ? ' As a critical service, it keeps the application DOWN until then.'
          : ''),
    };
  }
  if (s.state === 'FAILED') {
    return { kind: 'info', text: 'Its restart policy restarts it at ' + formatInstant(s.nextRestartAt) + '.' };
  }
  if (s.standby) {
    return {
      kind: 'info',
      text: s.leaderGroup ? 'On standby: this instance does not lead group ' + s.leaderGroup
          + '. It starts when leadership of the group is granted here.'
          : 'On standby: it waits for leader-only services of a group this instance does not lead.',
    };
  }
  return null;
}

/** The facts about a service worth showing, as a definition list; brief for fewer of them. */
export function facts(s, brief) {
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
  add('Next restart', s.state === 'FAILED' && awaitsOperator(s) ? 'none: an operator must start it'
      : formatInstant(s.nextRestartAt));
  if (s.lastFailure) {
    const f = s.lastFailure;
    add('Last failure', shortType(f.type) + (f.message ? ': ' + f.message : '')
        + (f.at ? ' at ' + formatInstant(f.at) : ''));
  }
  add('Last start took', formatDuration(parseDuration(s.startDuration)));
  add('Last stop took', formatDuration(parseDuration(s.stopDuration)));
  if (!brief) {
    add('Health', s.health);
    add('Health check', s.healthCheck === 'UNKNOWN' && s.state !== 'RUNNING' ? 'not checked (not running)'
        : s.healthCheck);
    add('Type', s.type);
    add('Qualifier', s.qualifier);
    add('Critical', s.critical ? 'yes' : null);
    add('Requires', s.requires);
    add('Wants', s.wants);
    add('Dependents', s.dependents);
  }
  const list = document.createElement('dl');
  for (const [label, value] of rows) {
    list.append(textElement('dt', label), breakable('dd', value));
  }
  return list;
}

/**
 * An element holding text that may wrap after the dots and slashes of class names and paths
 * (dev.lifecycle.spring.OperatorFailureException) rather than in the middle of a word.
 */
export function breakable(tag, text) {
  const element = document.createElement(tag);
  const parts = String(text).split(/(?<=[./$])(?=\w)/);
  parts.forEach((part, i) => {
    if (i > 0) {
      element.appendChild(document.createElement('wbr'));
    }
    element.appendChild(document.createTextNode(part));
  });
  return element;
}

/**
 * The details panel (#details): show(id, service) draws the selected service, or the hint when there is none;
 * actions(id) makes the panel's buttons for a service.
 */
export function createDetails(actions) {
  const details = $('details');
  let shown = null;

  function show(id, s) {
    if (!s) {
      if (shown !== '') {
        shown = '';
        details.replaceChildren(textElement('p', 'Select a service to see its details.'));
        details.firstChild.className = 'hint';
      }
      return;
    }
    const key = JSON.stringify(s);
    if (key === shown && details.dataset.id === id) {
      return;
    }
    const fresh = shown === null || details.dataset.id !== id || !$('details-facts');
    shown = key;
    if (fresh) {
      details.dataset.id = id;
      const title = breakable('h2', id);
      const badge = textElement('span', '');
      badge.id = 'details-state';
      const said = document.createElement('p');
      said.id = 'details-verdict';
      const list = document.createElement('div');
      list.id = 'details-facts';
      details.replaceChildren(title, badge, said, list, actions.box(id));
    }
    const said = verdict(s);
    const sentence = $('details-verdict');
    sentence.hidden = said === null;
    sentence.className = 'verdict ' + (said ? said.kind : '');
    sentence.textContent = said ? said.text : '';
    const badge = $('details-state');
    badge.className = 'badge state-' + String(s.state).toLowerCase();
    badge.textContent = s.state;
    $('details-facts').replaceChildren(facts(s, false));
    actions.update(s);
  }

  /** Draws the panel afresh at the next show. */
  function reset() {
    shown = null;
  }

  return { show, reset };
}

/**
 * The one line the tooltip says of a service besides its id and state: why it waits, how it failed, why it is on
 * standby, or since when it is in its state. The details panel says the rest.
 */
export function oneLine(s) {
  if (s.state === 'FAILED' && s.lastFailure) {
    return shortType(s.lastFailure.type) + (s.lastFailure.message ? ': ' + s.lastFailure.message : '');
  }
  if (s.rootCause) {
    return s.rootCause;
  }
  if (Array.isArray(s.waitingOn) && s.waitingOn.length > 0) {
    return 'waiting on ' + s.waitingOn.join(', ');
  }
  if (s.standby) {
    return s.leaderGroup ? 'standby: this instance does not lead group ' + s.leaderGroup : 'standby';
  }
  const since = formatInstant(s.since);
  return (since ? 'since ' + since : '') + (s.restarts ? (since ? ', ' : '') + 'restarted ' + s.restarts
      + (s.restarts === 1 ? ' time' : ' times') : '');
}

/**
 * The tooltip (#tooltip) of the service under the pointer: its id, its state and one line, placed beside the
 * service on the side where it covers the fewest other services (right, left, above or below).
 */
export function createTooltip() {
  const tooltip = $('tooltip');
  let hovered = null;

  function hover(id, s) {
    hovered = s ? id : null;
    if (!s) {
      tooltip.hidden = true;
      return;
    }
    const state = textElement('span', nodeLabel(s));
    state.className = 'badge state-' + String(s.state).toLowerCase();
    const line = textElement('div', oneLine(s));
    line.className = 'line';
    tooltip.replaceChildren(textElement('strong', id), state, line);
    tooltip.hidden = false;
    place(id);
  }

  /** Beside the service, on the side where the tooltip covers the fewest other services and stays in the frame. */
  function place(id) {
    const node = [...document.querySelectorAll('#nodes g.node')].find((g) => g.dataset.id === id);
    if (!node) {
      return;
    }
    const section = $('graph-section').getBoundingClientRect();
    const frame = $('graph').getBoundingClientRect();
    const n = node.getBoundingClientRect();
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    const gap = 6;
    const others = [...document.querySelectorAll('#nodes g.node')].filter((g) => g !== node)
        .map((g) => g.getBoundingClientRect());
    const candidates = [
      { left: n.right + gap, top: n.top + (n.height - h) / 2 },
      { left: n.left - gap - w, top: n.top + (n.height - h) / 2 },
      { left: n.left + (n.width - w) / 2, top: n.top - gap - h },
      { left: n.left + (n.width - w) / 2, top: n.bottom + gap },
    ];
    let best = null;
    for (const c of candidates) {
      const box = { left: c.left, top: c.top, right: c.left + w, bottom: c.top + h };
      const covered = others.filter((o) => o.left < box.right && o.right > box.left && o.top < box.bottom
          && o.bottom > box.top).length;
      const outside = box.left < frame.left || box.right > frame.right || box.top < frame.top
          || box.bottom > frame.bottom ? 1000 : 0;
      const score = covered + outside;
      if (best === null || score < best.score) {
        best = { ...c, score };
      }
    }
    tooltip.style.left = Math.round(best.left - section.left) + 'px';
    tooltip.style.top = Math.round(best.top - section.top) + 'px';
  }

  /** Shows the hovered service as the latest answer describes it, or hides the tooltip if it is gone. */
  function refresh(byId) {
    if (hovered && !byId.has(hovered)) {
      hover(null, null);
    } else if (hovered && !tooltip.hidden) {
      hover(hovered, byId.get(hovered));
    }
  }

  return { hover, refresh };
}
