// Bộ chỉ số 766: an agency's figures for a period (the control API's /admin/v1/indicators/766), the ranking of its
// units by points, a monthly trend of the progress rate, and the figures per procedure.
import { api } from './api.js';
import { errorAlert, h, replace } from './dom.js';
import { formatNumber, t } from './i18n.js';

const svg = 'http://www.w3.org/2000/svg';

export async function renderIndicators(main, params, context) {
  const query = new URLSearchParams(params.query ?? '');
  const agency = query.get('agency') || 'H56';
  const period = query.get('period') || String(new Date().getFullYear());
  const body = h('div', {}, h('p', { class: 'muted' }, t('app.loading')));
  const agencyInput = h('input', { id: 'ind-agency', value: agency, size: 18 });
  const periodInput = h('input', { id: 'ind-period', value: period, size: 18 });
  const form = h('form', { class: 'row', id: 'ind-form' },
    h('div', {}, h('label', { for: 'ind-agency' }, t('ind.agency')), agencyInput),
    h('div', {}, h('label', { for: 'ind-period' }, t('ind.period')), periodInput, h('p', { class: 'muted' }, t('ind.periodHint'))),
    h('div', {}, h('button', { type: 'submit', id: 'ind-show' }, t('ind.show'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/indicators?${new URLSearchParams({ agency: agencyInput.value.trim(), period: periodInput.value.trim() })}`;
  });

  replace(main, h('h1', {}, t('ind.title')), h('p', { class: 'muted' }, t('ind.lead')), form, body);

  try {
    const { data } = await api('GET', `/admin/v1/indicators/766?${new URLSearchParams({ agency, period })}`);
    replace(body,
      h('h2', {}, t('ind.totalTitle', { agency: data.agencyShortForm, period: data.period })),
      h('p', { class: 'muted' }, t('ind.reference', { day: data.referenceDay })),
      figuresTable('ind-total', [[data.agencyShortForm, data.total]]),
      h('h2', {}, t('ind.trendTitle')),
      trend(data.months),
      h('h2', {}, t('ind.rankingTitle')),
      ranking(data.units),
      h('h2', {}, t('ind.proceduresTitle')),
      figuresTable('ind-procedures', data.procedures.map((p) => [p.field ? `${p.procedure} (${p.field})` : p.procedure, p.figures])));
  } catch (error) {
    if (!context.handle(error)) {
      replace(body, errorAlert(error));
    }
  }
}

function percent(value) {
  return value === null || value === undefined ? '–' : `${formatNumber(value, 2)} %`;
}

function figuresTable(id, rows) {
  return h('table', { id },
    h('thead', {}, h('tr', {},
      h('th', {}, ''),
      ['received', 'closedOnTime', 'closedLate', 'openOnTime', 'openOverdue', 'paused'].map((k) => h('th', { class: 'num' }, t(`ind.${k}`))),
      ['progress', 'online', 'onlinePayment', 'digitized'].map((k) => h('th', { class: 'num' }, t(`ind.rate.${k}`))),
      h('th', { class: 'num' }, t('ind.points')))),
    h('tbody', {}, rows.map(([name, f]) => h('tr', { dataset: { key: name } },
      h('th', {}, name),
      ['received', 'closedOnTime', 'closedLate', 'openOnTime', 'openOverdue', 'paused'].map((k) => h('td', { class: 'num', dataset: { col: k } }, formatNumber(f.counts[k], 0))),
      ['progress', 'online', 'onlinePayment', 'digitized'].map((k) => h('td', { class: 'num', dataset: { col: `rate-${k}` } }, percent(f.rates[k]))),
      h('td', { class: 'num', dataset: { col: 'points' } }, `${formatNumber(f.points.total, 2)} / ${formatNumber(f.points.max, 0)}`)))));
}

/** Units by points, best first (ties by code): the agency ranking. */
function ranking(units) {
  if (units.length === 0) {
    return h('p', { class: 'muted', id: 'ind-ranking-empty' }, t('ind.noUnits'));
  }
  const sorted = [...units].sort((a, b) => (b.figures.points.total - a.figures.points.total) || a.agencyShortForm.localeCompare(b.agencyShortForm));
  return h('table', { id: 'ind-ranking' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'num' }, t('ind.rank')), h('th', {}, t('ind.unit')), h('th', { class: 'num' }, t('ind.received')),
      h('th', { class: 'num' }, t('ind.rate.progress')), h('th', { class: 'num' }, t('ind.points')))),
    h('tbody', {}, sorted.map((u, i) => h('tr', { dataset: { agency: u.agencyShortForm } },
      h('td', { class: 'num' }, String(i + 1)),
      h('td', {}, u.agencyShortForm),
      h('td', { class: 'num' }, formatNumber(u.figures.counts.received, 0)),
      h('td', { class: 'num', dataset: { col: 'rate-progress' } }, percent(u.figures.rates.progress)),
      h('td', { class: 'num', dataset: { col: 'points' } }, formatNumber(u.figures.points.total, 2))))));
}

/** The progress rate per month as bars (SVG, no inline style), with the month's figures in a table under it. */
function trend(months) {
  const width = 40;
  const chart = document.createElementNS(svg, 'svg');
  chart.setAttribute('id', 'ind-trend');
  chart.setAttribute('class', 'trend');
  chart.setAttribute('viewBox', `0 0 ${months.length * width} 120`);
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', t('ind.trendTitle'));
  months.forEach((m, i) => {
    const rate = m.figures.rates.progress;
    const height = rate === null ? 0 : rate;
    const bar = document.createElementNS(svg, 'rect');
    bar.setAttribute('x', String((i * width) + 6));
    bar.setAttribute('y', String(105 - height));
    bar.setAttribute('width', String(width - 12));
    bar.setAttribute('height', String(height));
    bar.setAttribute('class', 'bar');
    bar.dataset.month = m.month;
    const title = document.createElementNS(svg, 'title');
    title.textContent = `${m.month}: ${percent(rate)}`;
    bar.append(title);
    const label = document.createElementNS(svg, 'text');
    label.setAttribute('x', String((i * width) + (width / 2)));
    label.setAttribute('y', '118');
    label.setAttribute('text-anchor', 'middle');
    label.setAttribute('class', 'axis');
    label.textContent = m.month.slice(5);
    chart.append(bar, label);
  });
  return h('div', {}, chart, figuresTable('ind-months', months.map((m) => [m.month, m.figures])));
}
