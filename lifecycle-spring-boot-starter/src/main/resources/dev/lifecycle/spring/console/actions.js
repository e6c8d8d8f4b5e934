/*
 * The operations the console offers on a service, when the services endpoint's write operation is mapped.
 */

import { $, textElement } from './dom.js';
import { idOf } from './format.js';
import { RefusedError } from './transport.js';

const ACTIONS = ['fail', 'restart', 'stop', 'start'];

/** The actions that ask the operator to confirm them first: they take a service (and its dependents) down. */
const CONFIRMED = new Set(['fail', 'stop']);

/**
 * The actions that make sense for a service in its state: fail, restart and stop for a RUNNING one; fail and stop
 * while it starts; stop while it waits; start for a STOPPED or INSTALLED one; start (now, or again after it gave
 * up) and stop (to keep it down) for a FAILED one; none while it stops, for a disabled service (which the registry
 * refuses to start) or for a leader-only one on standby (which starts when this instance leads its group).
 */
export function allowedActions(s) {
  if (s.mode === 'NEVER' || (s.standby && s.leaderGroup)) {
    return [];
  }
  switch (s.state) {
    case 'RUNNING':
      return ['fail', 'restart', 'stop'];
    case 'STARTING':
      return ['fail', 'stop'];
    case 'WAITING':
      return ['stop'];
    case 'STOPPED':
    case 'INSTALLED':
      return ['start'];
    case 'FAILED':
      return ['start', 'stop'];
    default:
      return [];
  }
}

/** The question asked before an action that takes a service down. */
function question(action, s) {
  const dependents = Array.isArray(s.dependents) && s.dependents.length > 0
      ? ' Its dependents (' + s.dependents.join(', ') + ') stop with it.' : '';
  return action === 'fail'
      ? 'Fail ' + idOf(s) + '? It is recorded as a failure, and its restart policy decides whether it comes back.'
          + dependents
      : 'Stop ' + idOf(s) + '? It stays stopped until an operator starts it.' + dependents;
}

/** The buttons of the details panel; send(id, payload) posts an operation (see transport.js). */
export function createActions(writable, send) {
  let current = null;

  /** The box of buttons for a service (or the note that the endpoint is read-only). */
  function box(id) {
    const box = document.createElement('div');
    box.className = 'actions';
    if (!writable) {
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
      button.hidden = true;
      button.addEventListener('click', () => {
        if (CONFIRMED.has(action)) {
          confirm(id, action, box);
        } else {
          act(id, action, box);
        }
      });
      box.appendChild(button);
    }
    const none = textElement('p', '');
    none.className = 'hint no-action';
    none.hidden = true;
    box.appendChild(none);
    const confirmation = document.createElement('div');
    confirmation.className = 'confirm';
    confirmation.hidden = true;
    box.appendChild(confirmation);
    return box;
  }

  /** Shows only the actions that make sense in the service's state. */
  function update(s) {
    current = s;
    const box = document.querySelector('#details .actions');
    if (!writable || !box) {
      return;
    }
    const allowed = allowedActions(s);
    for (const button of box.querySelectorAll('button[data-action]')) {
      button.hidden = !allowed.includes(button.dataset.action);
    }
    const none = box.querySelector('.no-action');
    none.hidden = allowed.length > 0;
    none.textContent = s.mode === 'NEVER' ? 'No action: it is disabled (start mode NEVER).'
        : s.standby && s.leaderGroup ? 'No action: it starts when this instance leads group ' + s.leaderGroup + '.'
            : 'No action while it is ' + String(s.state).toLowerCase() + '.';
    const confirmation = box.querySelector('.confirm');
    if (!confirmation.hidden && !allowed.includes(confirmation.dataset.action)) {
      confirmation.hidden = true;
    }
  }

  /** Asks the operator to confirm an action that takes the service down, in the panel. */
  function confirm(id, action, box) {
    const confirmation = box.querySelector('.confirm');
    confirmation.dataset.action = action;
    const yes = textElement('button', action + ' ' + id);
    yes.type = 'button';
    yes.className = 'action ' + action;
    yes.dataset.confirm = action;
    yes.addEventListener('click', () => {
      confirmation.hidden = true;
      act(id, action, box);
    });
    const no = textElement('button', 'cancel');
    no.type = 'button';
    no.dataset.cancel = action;
    no.addEventListener('click', () => {
      confirmation.hidden = true;
    });
    confirmation.replaceChildren(textElement('p', question(action, current && idOf(current) === id ? current
        : { id })), yes, no);
    confirmation.hidden = false;
    no.focus();
  }

  async function act(id, action, box) {
    const buttons = [...box.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    const label = action + ' ' + id;
    showMessage('info', label + ': sent');
    try {
      const payload = action === 'fail' ? { action, reason: 'Failed from the console' } : { action };
      const data = await send(id, payload);
      const after = (Array.isArray(data.services) ? data.services : []).find((s) => idOf(s) === id);
      showMessage('ok', label + ': done, ' + id + ' is ' + (after ? after.state : 'gone'));
    } catch (error) {
      showMessage('error', label + (error instanceof RefusedError ? ' refused: ' : ' failed: ') + error.message);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  return { box, update };
}

/** Shows a message in the page's banner (#message): kind is info, ok or error. */
export function showMessage(kind, text) {
  const message = $('message');
  message.className = 'banner ' + kind;
  message.textContent = text;
  message.hidden = false;
}
