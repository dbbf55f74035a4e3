// A client's limits and today's use (GET /admin/v1/clients/{id}/usage): per source, its rate limit, daily quota,
// calls counted today against the quota and calls refused today by each limit. The figures are the whole cluster's
// (counted in the database); the day is the Vietnam calendar day.
import { h } from './dom.js';
import { formatNumber, localized, t } from './i18n.js';

const whole = (value) => formatNumber(value, 0);

const rateText = (rate) => (rate ? t('usage.rateValue', { permits: whole(rate.permitsPerSecond), burst: whole(rate.burst) }) : t('usage.none'));

function quotaText(source) {
  if (source.dailyQuota === null || source.dailyQuota === undefined) {
    return t('usage.none');
  }
  return t('usage.quotaValue', { quota: whole(source.dailyQuota) });
}

function usedText(source) {
  if (source.dailyQuota === null || source.dailyQuota === undefined) {
    return whole(source.used);
  }
  return t('usage.usedOf', { used: whole(source.used), quota: whole(source.dailyQuota) });
}

/** The card: a table of every source the client holds or used today. */
export function usageCard(usage, names) {
  const sources = usage?.sources ?? [];
  return h('section', { class: 'card', id: 'usage' },
    h('h2', {}, t('usage.title')),
    h('p', { class: 'muted' }, t('usage.lead', { day: usage?.day ?? '–' })),
    h('table', { id: 'usage-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('adapters.source')), h('th', {}, t('usage.rate')), h('th', {}, t('usage.quota')),
        h('th', {}, t('usage.used')), h('th', {}, t('usage.refusedRate')), h('th', {}, t('usage.refusedConcurrency')),
        h('th', {}, t('usage.refusedQuota')))),
      h('tbody', {}, sources.length === 0
        ? h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('usage.empty')))
        : sources.map((source) => h('tr', { dataset: { source: source.source } },
          h('td', {}, h('strong', {}, localized(names?.[source.source], source.source))),
          h('td', { class: 'rate' }, rateText(source.rateLimit)),
          h('td', { class: 'quota' }, quotaText(source)),
          h('td', { class: 'used' }, usedText(source)),
          h('td', { class: 'refused-rate' }, whole(source.refused?.rate ?? 0)),
          h('td', { class: 'refused-concurrency' }, whole(source.refused?.concurrency ?? 0)),
          h('td', { class: 'refused-quota' }, whole(source.refused?.dailyQuota ?? 0)))))));
}
