/*
 * Reading the services endpoint, and sending it operations. The page listens to the console's change stream
 * (Server-Sent Events that carry only a sequence number) and reads the endpoint when it says that services changed:
 * "live". When the stream is missing, refused or broken, it reads the endpoint every refresh interval instead:
 * "polling", until the stream works again. Reads are numbered when sent, an operation's answer when it arrives: an
 * answer older than one already shown is dropped.
 */

import { formatInstant } from './format.js';

/** How long the page waits before it tries a stream that was refused (404, 503, not an event stream) again. */
const STREAM_RETRY_MS = 30000;

/**
 * Reads config.services when config.changes (the change stream) says so, or every config.refresh milliseconds
 * without it, giving each answer to show(data), the connection's state to status(kind, text) and the way it learns
 * of changes to mode(name, explanation), name being 'live' or 'polling'; send(id, payload) posts an operation and
 * shows its answer.
 */
export function connect(config, show, status, mode) {
  let requested = 0;
  let rendered = 0;
  let reading = false;
  let readAgain = false;
  let live = false;
  let polling = false;
  let pollTimer = null;
  let safetyTimer = null;
  let seen = -1;

  function accept(seq, data) {
    if (seq < rendered) {
      return;
    }
    rendered = seq;
    show(data);
  }

  /** Reads the endpoint once; a read asked for while one is in flight follows it. */
  async function read() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
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
      status('ok', 'Updated ' + formatInstant(new Date().toISOString()));
    } catch (error) {
      status('error', 'Cannot read ' + config.services + ': ' + error.message + '. Retrying.');
    } finally {
      reading = false;
      if (readAgain) {
        readAgain = false;
        read();
      }
    }
  }

  /** Reads every refresh interval while not live; at most one such loop runs. */
  function poll() {
    pollTimer = null;
    if (live) {
      polling = false;
      return;
    }
    read().finally(() => {
      if (live) {
        polling = false;
      } else {
        pollTimer = window.setTimeout(poll, config.refresh);
      }
    });
  }

  function goLive() {
    live = true;
    if (pollTimer !== null) {
      window.clearTimeout(pollTimer);
      pollTimer = null;
      polling = false;
    }
    mode('live', 'Live: the server tells the page when services change.');
    // What the stream cannot tell (a health check that changes no state): read now and then anyway.
    window.clearInterval(safetyTimer);
    safetyTimer = window.setInterval(read, Math.max(10000, config.refresh * 10));
  }

  function goPolling(why) {
    live = false;
    window.clearInterval(safetyTimer);
    safetyTimer = null;
    mode('polling', 'Polling every ' + (config.refresh >= 1000 ? config.refresh / 1000 + ' s' : config.refresh + ' ms')
        + ': ' + why);
    if (!polling) {
      polling = true;
      poll();
    }
  }

  function openStream() {
    let source;
    try {
      source = new EventSource(config.changes, { withCredentials: true });
    } catch (error) {
      goPolling('the change stream cannot be opened (' + error.message + ').');
      return;
    }
    const notice = (event) => {
      let sequence = null;
      try {
        sequence = Number(JSON.parse(event.data).sequence);
      } catch (ignored) {
        // not a notice this page knows: read anyway
      }
      if (event.type === 'ready' || sequence === null || sequence !== seen) {
        seen = sequence;
        read();
      }
    };
    source.addEventListener('ready', (event) => {
      goLive();
      notice(event);
    });
    source.addEventListener('change', notice);
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        goPolling('the change stream is unavailable; trying it again in ' + STREAM_RETRY_MS / 1000 + ' s.');
        window.setTimeout(openStream, STREAM_RETRY_MS);
      } else {
        goPolling('the change stream was interrupted; reconnecting.');
      }
    });
  }

  function start() {
    if (config.changes && typeof EventSource === 'function') {
      // Until the stream says it is ready, poll as before.
      goPolling('connecting to the change stream.');
      openStream();
    } else {
      goPolling('this browser has no EventSource.');
    }
  }

  /** Posts an operation on a service; resolves to the endpoint's answer, or throws an Error with its message. */
  async function send(id, payload) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const token = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
    if (token) {
      headers['X-XSRF-TOKEN'] = decodeURIComponent(token[1]);
    }
    const response = await fetch(config.services + '/' + encodeURIComponent(id).replace(/%3A/gi, ':'), {
      method: 'POST', headers, body: JSON.stringify(payload), credentials: 'same-origin',
    });
    if (!response.ok) {
      throw new RefusedError(await describeError(response));
    }
    const data = await response.json();
    // The answer describes the registry once the operation has settled: newer than any read still in flight.
    accept(++requested, data);
    return data;
  }

  /** Reads the transition history (config.history); resolves to its answer, or throws an Error with its message. */
  async function readHistory() {
    const response = await fetch(config.history, {
      headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin',
    });
    if (!response.ok) {
      throw new Error(await describeError(response));
    }
    return response.json();
  }

  return { start, send, read, readHistory };
}

/** The endpoint answered an operation with an error status. */
export class RefusedError extends Error {
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
