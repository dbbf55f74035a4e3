// Adapters at a glance: one row per source, refreshed every few seconds.
import { api } from './api.js';
import { badge, errorAlert, h, replace } from './dom.js';
import { formatNumber, formatPercent, formatTime, localized, t } from './i18n.js';

export const refreshSeconds = 5;

export function circuitBadge(circuit) {
  const tone = { closed: 'ok', open: 'bad', 'half-open': 'warn' }[circuit] ?? 'neutral';
  return badge(t(`circuit.${circuit ?? 'unknown'}`), tone);
}

export function enabledBadge(enabled) {
  return badge(enabled ? t('state.enabled') : t('state.disabled'), enabled ? 'ok' : 'bad');
}

export function renderAdapters(main, _params, context) {
  const table = h('div', { id: 'adapters-list' }, h('p', { class: 'muted' }, t('app.loading')));
  const updated = h('p', { class: 'muted', id: 'adapters-updated' });
  replace(main,
    h('h1', {}, t('adapters.title')),
    h('p', { class: 'muted' }, t('adapters.lead', { seconds: refreshSeconds })),
    h('p', { class: 'hint', id: 'circuit-hint' }, t('adapters.circuitHint')),
    table,
    updated);

  let stopped = false;
  async function refresh() {
    try {
      const { data } = await api('GET', '/admin/v1/adapters');
      if (stopped) {
        return;
      }
      replace(table, adaptersTable(data ?? []));
      updated.textContent = t('common.updatedAt', { time: formatTime(new Date().toISOString()) });
    } catch (error) {
      if (!stopped && !context.handle(error)) {
        replace(table, errorAlert(error));
      }
    }
  }

  refresh();
  const timer = setInterval(refresh, refreshSeconds * 1000);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

function adaptersTable(adapters) {
  if (adapters.length === 0) {
    return h('p', { class: 'muted' }, t('adapters.empty'));
  }
  return h('table', { id: 'adapters-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('adapters.name')),
      h('th', {}, t('adapters.kind')),
      h('th', {}, t('adapters.enabled')),
      h('th', {}, t('adapters.circuit')),
      h('th', { class: 'num' }, t('adapters.errorRate')),
      h('th', { class: 'num' }, t('adapters.p95')),
      h('th', { class: 'num' }, t('adapters.version')),
      h('th', {}, t('adapters.baseUrl')))),
    h('tbody', {}, adapters.map((adapter) => h('tr', { dataset: { source: adapter.source } },
      h('td', { class: 'source' },
        h('a', { href: `#/adapters/${encodeURIComponent(adapter.source)}` }, localized(adapter.name, adapter.source)),
        h('div', { class: 'hint mono' }, adapter.source)),
      h('td', {}, t(`kind.${adapter.kind}`)),
      h('td', { class: 'enabled' }, enabledBadge(adapter.enabled)),
      h('td', { class: 'circuit' }, circuitBadge(adapter.health?.circuit)),
      h('td', { class: 'num' }, formatPercent(adapter.health?.errorRate)),
      h('td', { class: 'num' }, formatNumber(adapter.health?.p95Ms)),
      h('td', { class: 'num version' }, adapter.version),
      h('td', { class: 'mono' }, adapter.baseUrl ?? '–')))));
}
