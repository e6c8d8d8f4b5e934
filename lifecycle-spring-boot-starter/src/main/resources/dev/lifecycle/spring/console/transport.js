/*
 * Reading the services endpoint every refresh interval, and sending it operations. Reads are numbered when sent, an
 * operation's answer when it arrives: an answer older than one already shown is dropped.
 */

import { formatInstant } from './format.js';

/**
 * Reads config.services every config.refresh milliseconds, giving each answer to show(data) and the connection's
 * state to status(kind, text); send(id, payload) posts an operation and shows its answer.
 */
export function connect(config, show, status) {
  let requested = 0;
  let rendered = 0;

  function accept(seq, data) {
    if (seq < rendered) {
      return;
    }
    rendered = seq;
    show(data);
  }

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
      status('live', 'Live, updated ' + formatInstant(new Date().toISOString()));
    } catch (error) {
      status('error', 'Cannot read ' + config.services + ': ' + error.message + '. Retrying.');
    } finally {
      window.setTimeout(poll, config.refresh);
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

  return { start: poll, send };
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
