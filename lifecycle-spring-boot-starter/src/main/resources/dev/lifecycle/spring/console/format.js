/*
 * Values as the services endpoint writes them (ISO-8601 durations and instants) and as the console shows them.
 */

/** Milliseconds of an ISO-8601 duration as Java writes it (PT0.12S, PT1M30S, PT2H), or null. */
export function parseDuration(text) {
  const m = typeof text === 'string' && /^PT(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!m) {
    return null;
  }
  return ((Number(m[1] || 0) * 60 + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 1000;
}

/** Milliseconds since the epoch of an ISO-8601 instant, keeping digits past the millisecond, or null. */
export function parseInstant(text) {
  const m = typeof text === 'string' && /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  if (!m) {
    return null;
  }
  const whole = Date.parse(m[1] + 'Z');
  return Number.isNaN(whole) ? null : whole + (m[2] ? Number('0.' + m[2]) * 1000 : 0);
}

/** Local time of day with milliseconds, 24-hour clock. */
export function formatInstant(text) {
  const t = parseInstant(text);
  if (t === null) {
    return null;
  }
  const d = new Date(t);
  const two = (n) => String(n).padStart(2, '0');
  return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + '.'
      + String(d.getMilliseconds()).padStart(3, '0');
}

export function formatDuration(ms) {
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

/** The simple name of a Java class name. */
export function shortType(type) {
  return type ? type.slice(type.lastIndexOf('.') + 1) : '';
}

/** The id of a service as the endpoint describes it. */
export function idOf(service) {
  return service.id || service.name;
}

/** How a start mode other than ACTIVE is shown: 'on demand', 'disabled'; null for ACTIVE. */
export function modeLabel(mode) {
  return mode === 'ON_DEMAND' ? 'on demand' : mode === 'NEVER' ? 'disabled' : null;
}

/** Whether a service is FAILED with no restart coming, so that it stays FAILED until an operator starts it. */
export function awaitsOperator(s) {
  return s.awaitingOperator === true || (s.awaitingOperator === undefined && s.state === 'FAILED' && !s.nextRestartAt);
}

/**
 * What the graph says of a service under its name: its state, and what it most needs said: "no restart" for a
 * FAILED service that gave up, "will restart" for one whose restart is scheduled, "standby" for one down because
 * this instance does not lead its group, its start mode when it is not ACTIVE.
 */
export function nodeLabel(s) {
  const state = String(s.state || 'UNKNOWN');
  const mode = modeLabel(s.mode);
  const note = state === 'FAILED' ? (awaitsOperator(s) ? 'no restart' : 'will restart')
      : s.standby ? 'standby' : mode;
  return state + (note ? ' \u00b7 ' + note : '');
}
