// What the pages that change something share: the reason field, field errors shown next to their input, sending a
// form (400 → inline errors, 409 → offer to reload), and the history with a diff per version and roll back.
import { ApiError, fieldErrorMessage, problemMessage } from './api.js';
import { badge, errorAlert, h } from './dom.js';
import { formatTime, localized, t } from './i18n.js';
import { normalizeField } from './settings.js';

export function reasonField(id) {
  return [
    h('label', { for: id }, t('common.reason')),
    h('textarea', { id, rows: 2, dataset: { field: 'reason' } }),
    h('p', { class: 'hint' }, t('common.reasonHint')),
    h('p', { class: 'field-error', dataset: { errorFor: 'reason' }, hidden: true }),
  ];
}

/**
 * The error slot for an API field in form: the field's own, else its nearest parent's ("services.land.purposes.0" →
 * "services.land.purposes"), so an error about one list item lands next to the list's input.
 */
function slotFor(form, field) {
  const slots = [...form.querySelectorAll('[data-error-for]')];
  const parts = normalizeField(field).split('.');
  while (parts.length > 0) {
    const path = parts.join('.');
    const slot = slots.find((element) => element.dataset.errorFor.toLowerCase() === path);
    if (slot) {
      return slot;
    }
    parts.pop();
  }
  return undefined;
}

/** Shows each field error next to its field in form; returns those that have no field there. */
export function showFieldErrors(form, errors) {
  const unplaced = [];
  for (const error of errors) {
    const slot = slotFor(form, error.field);
    if (slot) {
      // An error placed at a parent's slot names its own field (which item of the list, which unknown key).
      const own = slot.dataset.errorFor.toLowerCase() === normalizeField(error.field);
      slot.hidden = false;
      // The message names the setting by its label; the API's field and reason code stay at hand in the tooltip.
      slot.append(fieldErrorText(error), ' ');
      form.querySelector(`[data-field="${slot.dataset.errorFor}"]`)?.classList.add('invalid');
    } else {
      unplaced.push(error);
    }
  }
  return unplaced;
}

/** One field error as the operator reads it: the sentence only; the field and the reason's code in the tooltip. */
function fieldErrorText(error) {
  return h('span', {
    class: 'error-text',
    dataset: { reason: error.reason, apiField: error.field },
    title: t('error.fieldCode', { field: error.field || '–', reason: error.reason }),
  }, fieldErrorMessage(error));
}

export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.replaceChildren();
    slot.hidden = true;
  }
  for (const input of form.querySelectorAll('.invalid')) {
    input.classList.remove('invalid');
  }
}

/**
 * Sends forms of one page. conflictKey is the text for a 409 (placeholder {version}); reload draws the page again
 * from the hub. submit(form, status, send) returns send()'s answer, or null after showing what went wrong.
 */
export function formSender({ context, reload, conflictKey }) {
  /** The alert for a failed change: a conflict offers to reload; anything else shows the problem and its code. */
  function failure(error) {
    if (error instanceof ApiError && error.status === 409) {
      const version = error.problem.currentVersion ?? '?';
      const button = h('button', { type: 'button', class: 'secondary', id: 'conflict-reload', onclick: () => reload() }, t('adapter.conflictReload'));
      const box = errorAlert(error, button);
      box.classList.add('conflict');
      box.querySelector('.message').textContent = `${t(conflictKey, { version })} ${problemMessage(error.problem)}`;
      return box;
    }
    return errorAlert(error);
  }

  async function submit(form, status, send) {
    clearFieldErrors(form);
    status.replaceChildren();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      return await send();
    } catch (error) {
      if (context.handle(error)) {
        return null;
      }
      if (error instanceof ApiError && error.status === 400) {
        const unplaced = showFieldErrors(form, error.fieldErrors);
        const box = errorAlert(error, unplaced.length
          ? h('ul', {}, unplaced.map((e) => h('li', {}, fieldErrorText(e))))
          : null);
        box.querySelector('.message').textContent = `${problemMessage(error.problem)} ${t('adapter.fixErrors')}`;
        status.append(box);
      } else {
        status.append(failure(error));
      }
      return null;
    } finally {
      button.disabled = false;
    }
  }

  return { submit };
}

const json = (value) => (value === null || value === undefined ? t('common.none') : JSON.stringify(value));

/**
 * The history card: each version with its diff; every version but the current one can be rolled back to, with a
 * reason. rollback(toVersion, reason) sends it and returns the answer; done(toVersion, answer) redraws the page.
 */
export function historyCard({ history, currentVersion, submit, rollback, done }) {
  const items = history?.items ?? [];
  const current = history?.currentVersion ?? currentVersion;
  return h('section', { class: 'card', id: 'history' },
    h('h2', {}, t('history.title')),
    items.map((item) => historyItem(item, current, submit, rollback, done)));
}

function historyItem(item, currentVersion, submit, rollback, done) {
  const isCurrent = item.version === currentVersion;
  const changes = item.changes ?? [];
  const status = h('div', { class: 'status' });
  const element = h('article', { class: `history-item${isCurrent ? ' current' : ''}`, dataset: { version: item.version } },
    h('header', {},
      h('strong', {}, t('history.version', { version: item.version })), ' ',
      badge(t(`action.${item.action}`), item.action === 'disable' ? 'bad' : 'neutral'), ' ',
      isCurrent ? badge(t('history.current'), 'ok') : null, ' ',
      h('span', { class: 'muted' }, [
        item.at ? formatTime(item.at) : null,
        item.by ? t('history.by', { by: item.by }) : null,
        item.rolledBackTo !== null && item.rolledBackTo !== undefined ? t('history.rolledBackTo', { version: item.rolledBackTo }) : null,
      ].filter(Boolean).join(' · '))),
    item.reason ? h('p', { class: 'reason' }, item.reason) : null,
    item.action === 'files'
      ? h('p', { class: 'muted' }, t('history.filesNote'))
      : changes.length === 0
        ? h('p', { class: 'muted' }, t('history.noChanges'))
        : h('table', { class: 'diff' },
          h('thead', {}, h('tr', {}, h('th', {}, t('history.path')), h('th', {}, t('history.from')), h('th', {}, t('history.to')))),
          h('tbody', {}, changes.map((change) => h('tr', { dataset: { path: change.path } },
            h('td', { class: 'path' }, localized(change.label, change.path), h('div', { class: 'hint mono' }, change.path)),
            h('td', { class: 'from' }, json(change.from)),
            h('td', { class: 'to' }, '→ ', json(change.to)))))),
    status);

  if (!isCurrent) {
    const open = h('button', { type: 'button', class: 'secondary rollback-open' }, t('history.rollback'));
    const form = h('form', { class: 'rollback-form', novalidate: true, hidden: true },
      reasonField(`rollback-reason-${item.version}`),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'rollback-confirm' }, t('history.rollbackConfirm', { version: item.version })),
        h('button', { type: 'button', class: 'secondary', onclick: () => { form.hidden = true; open.hidden = false; } }, t('common.cancel'))));
    open.addEventListener('click', () => {
      open.hidden = true;
      form.hidden = false;
      form.querySelector('textarea').focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await submit(form, status, () => rollback(item.version, form.querySelector('textarea').value.trim()));
      if (answer) {
        await done(item.version, answer);
      }
    });
    element.append(h('div', { class: 'actions' }, open), form);
  }
  return element;
}
