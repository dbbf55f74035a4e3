// Dead letters of the status sync: list per destination, replay one.
import { api, sourceNames } from './api.js';
import { errorAlert, h, replace, showToast } from './dom.js';
import { formatTime, localized, t } from './i18n.js';

const destinations = ['dvcqg', 'provincial'];

export async function renderDeadLetters(main, params, context) {
  const query = new URLSearchParams(params.query ?? '');
  const destination = query.get('destination') ?? '';
  const after = query.get('after') ?? '0';
  const flash = h('div', { id: 'dead-flash' });
  const body = h('div', {}, h('p', { class: 'muted' }, t('app.loading')));
  const names = await sourceNames();

  const select = h('select', {
    id: 'dead-destination',
    onchange: () => { location.hash = `#/dead-letters?${new URLSearchParams({ destination: select.value })}`; },
  },
  h('option', { value: '' }, t('dead.all')),
  destinations.map((d) => h('option', { value: d, selected: d === destination }, localized(names[d], d))));
  select.value = destination;

  replace(main,
    h('h1', {}, t('dead.title')),
    h('p', { class: 'muted' }, t('dead.lead')),
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'dead-destination' }, t('dead.destination')), select)),
    flash,
    body);

  async function load() {
    const search = new URLSearchParams({ after, limit: '50' });
    if (destination) {
      search.set('destination', destination);
    }
    try {
      const { data } = await api('GET', `/admin/v1/dead-letters?${search}`);
      replace(body, table(data?.items ?? []), data?.next != null
        ? h('p', {}, h('a', { href: `#/dead-letters?${new URLSearchParams({ destination, after: String(data.next) })}` }, t('dead.more')))
        : null);
    } catch (error) {
      if (!context.handle(error)) {
        replace(body, errorAlert(error));
      }
    }
  }

  async function replay(eventId, button) {
    button.disabled = true;
    try {
      await api('POST', `/admin/v1/dead-letters/${encodeURIComponent(eventId)}/replay`);
      showToast(flash, t('dead.replayed', { id: eventId }));
      await load();
    } catch (error) {
      button.disabled = false;
      if (!context.handle(error)) {
        replace(flash, errorAlert(error));
      }
    }
  }

  function table(items) {
    if (items.length === 0) {
      return h('p', { class: 'muted', id: 'dead-empty' }, t('dead.empty'));
    }
    return h('table', { id: 'dead-table' },
      h('thead', {}, h('tr', {},
        h('th', { class: 'num' }, t('dead.position')),
        h('th', {}, t('dead.dossier')),
        h('th', {}, t('dead.destination')),
        h('th', {}, t('dead.type')),
        h('th', {}, t('dead.deadAt')),
        h('th', {}, t('dead.reason')),
        h('th', { class: 'num' }, t('dead.attempts')),
        h('th', {}, ''))),
      h('tbody', {}, items.map((item) => {
        const button = h('button', { type: 'button', class: 'secondary' }, t('dead.replay'));
        button.addEventListener('click', () => replay(item.eventId, button));
        return h('tr', { dataset: { event: item.eventId } },
          h('td', { class: 'num' }, item.position),
          h('td', { class: 'mono' }, item.dossierCode ?? '–'),
          h('td', { title: item.destination }, localized(names[item.destination], item.destination)),
          h('td', {}, item.type),
          h('td', {}, formatTime(item.deadAt)),
          h('td', {}, item.reason ?? '–'),
          h('td', { class: 'num' }, item.attempts),
          h('td', {}, button));
      })));
  }

  await load();
}
