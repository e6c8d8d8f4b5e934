/*
 * The operations the console offers on a service, when the services endpoint's write operation is mapped.
 */

import { $, textElement } from './dom.js';
import { idOf } from './format.js';
import { RefusedError } from './transport.js';

const ACTIONS = ['fail', 'restart', 'stop', 'start'];

/** The buttons of the details panel; send(id, payload) posts an operation (see transport.js). */
export function createActions(writable, send) {

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
      button.addEventListener('click', () => act(id, action, box));
      box.appendChild(button);
    }
    return box;
  }

  /** Brings the buttons in line with the service's state. */
  function update(s) {
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
