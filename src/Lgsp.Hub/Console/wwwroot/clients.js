// Clients and their access rights (read-only: they are configured in config/).
import { api } from './api.js';
import { errorAlert, h, replace } from './dom.js';
import { t } from './i18n.js';

export async function renderClients(main, _params, context) {
  const body = h('div', {}, h('p', { class: 'muted' }, t('app.loading')));
  replace(main, h('h1', {}, t('clients.title')), h('p', { class: 'muted' }, t('clients.lead')), body);
  try {
    const { data } = await api('GET', '/admin/v1/clients');
    replace(body, clientsTable(data ?? []));
  } catch (error) {
    if (!context.handle(error)) {
      replace(body, errorAlert(error));
    }
  }
}

const list = (values) => (values?.length ? h('ul', {}, values.map((v) => h('li', { class: 'mono' }, v))) : '–');

function rights(accessRights) {
  if (!accessRights) {
    return h('span', { class: 'muted' }, t('clients.noRights'));
  }
  const services = Object.entries(accessRights.services ?? {});
  return h('div', {},
    h('div', {}, `${t('clients.agency')}: `, h('code', {}, accessRights.agencyCode ?? '–')),
    h('ul', {}, services.map(([source, service]) => h('li', {},
      h('strong', {}, source), ': ',
      `${t('clients.purposes')} ${(service.purposes ?? []).join(', ') || '–'}; `,
      `${t('clients.fields')} ${service.fields ? service.fields.join(', ') : t('clients.allFields')}`))));
}

function clientsTable(clients) {
  return h('table', { id: 'clients-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('clients.clientId')),
      h('th', {}, t('clients.name')),
      h('th', {}, t('clients.type')),
      h('th', {}, t('clients.grants')),
      h('th', {}, t('clients.scopes')),
      h('th', {}, t('clients.redirects')),
      h('th', {}, t('clients.rights')))),
    h('tbody', {}, clients.map((client) => h('tr', { dataset: { client: client.clientId } },
      h('td', { class: 'mono' }, client.clientId),
      h('td', {}, client.displayName ?? '–'),
      h('td', {}, client.type ?? '–'),
      h('td', {}, list(client.grantTypes)),
      h('td', {}, list(client.scopes)),
      h('td', {}, list([...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])])),
      h('td', {}, rights(client.accessRights))))));
}
