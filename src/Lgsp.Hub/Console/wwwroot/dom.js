// A tiny element builder: text goes in as text (never as HTML), so nothing from the API can inject markup.
import { ApiError, problemMessage } from './api.js';
import { t } from './i18n.js';
import { session } from './auth.js';

/** h('div', { class: 'x', onclick: fn }, 'text', child, [children]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value') {
      element.value = value;
    } else if (name === 'checked') {
      element.checked = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** An alert box for any error: the problem's message in the console's language and its code. */
export function errorAlert(error, extra) {
  const box = h('div', { class: 'alert error', role: 'alert', dataset: { code: error instanceof ApiError ? error.code : 'error' } });
  if (error instanceof ApiError) {
    const text = error.status === 403
      ? t('auth.forbidden', { user: session()?.user ?? '' })
      : problemMessage(error.problem);
    box.append(h('span', { class: 'message' }, text), ' ', h('span', { class: 'code' }, `(${t('error.code')}: `, h('code', {}, error.code), ')'));
  } else {
    box.append(h('span', { class: 'message' }, error?.message ?? String(error)));
  }
  if (extra) {
    box.append(' ', extra);
  }
  return box;
}

export function successAlert(text) {
  return h('div', { class: 'alert success', role: 'status' }, text);
}

/**
 * A confirmation where the operator is looking: the page is redrawn after a change while it is scrolled down at the
 * button, so the message floats at the top of the window (it lets clicks through to the page) until closed.
 */
export function toast(text) {
  const box = h('div', { class: 'alert success toast', role: 'status', tabindex: '-1' }, h('span', { class: 'message' }, text));
  box.append(h('button', { type: 'button', class: 'link toast-close', 'aria-label': t('common.close'), onclick: () => box.remove() }, '×'));
  return box;
}

/** Shows a toast in slot (replacing any) and moves focus to it without scrolling, so screen readers read it too. */
export function showToast(slot, text) {
  const box = toast(text);
  slot.replaceChildren(box);
  box.focus({ preventScroll: true });
  return box;
}

export function badge(text, tone) {
  return h('span', { class: `badge ${tone}` }, text);
}

/** Replaces the children of element. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}
