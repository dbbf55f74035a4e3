// Clients and their access rights: the list (clients are configured in config/identity.json), and one client's page
// with its rights in force, the edit form (PATCH with If-Match, a merge patch of what changed) and the history.
import { api, sourceNames } from './api.js';
import { badge, errorAlert, h, replace, showToast } from './dom.js';
import { clearFieldErrors, formSender, historyCard, reasonField } from './forms.js';
import { formatTime, localized, t } from './i18n.js';
import { findKey, getPath, mergePatch } from './settings.js';
import { usageCard } from './usage.js';

/** The lookup sources a client can be granted, in the order shown. */
export const lookupSources = ['business', 'population', 'land', 'insurance', 'civilregistry'];

export async function renderClients(main, _params, context) {
  const body = h('div', {}, h('p', { class: 'muted' }, t('app.loading')));
  replace(main, h('h1', {}, t('clients.title')), h('p', { class: 'muted' }, t('clients.lead')), body);
  try {
    const [{ data }, names] = await Promise.all([api('GET', '/admin/v1/clients'), sourceNames()]);
    replace(body, clientsTable(data ?? [], names));
  } catch (error) {
    if (!context.handle(error)) {
      replace(body, errorAlert(error));
    }
  }
}

/** An identifier or URL that may break after its separators (". _ / : -"), never inside a word, so narrow columns stay readable. */
const breakable = (text) => String(text).split(/(?<=[._/:-])/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]));
const list = (values) => (values?.length ? h('ul', {}, values.map((v) => h('li', { class: 'mono' }, breakable(v)))) : '–');
const clientHref = (clientId) => `#/clients/${encodeURIComponent(clientId)}`;
const purposesText = (purposes) => (purposes?.length ? purposes.map((p) => (p === '*' ? t('client.anyPurpose') : p)).join(', ') : '–');
const fieldsText = (fields) => (fields?.length ? fields.join(', ') : t('clients.allFields'));

const agenciesText = (agencies) => (agencies?.length ? agencies.join(', ') : t('client.noDossiers'));

/** A source as operators know it: its name, the id in small print. */
const sourceLabel = (source, names) => [localized(names?.[source], source), ' ', h('span', { class: 'hint mono' }, source)];

function rights(accessRights, names) {
  const services = Object.entries(accessRights?.services ?? {});
  if (!accessRights || (services.length === 0 && !accessRights.agencyCode && !accessRights.dossierAgencies?.length)) {
    return h('span', { class: 'muted' }, t('clients.noRights'));
  }
  return h('div', {},
    h('div', {}, `${t('clients.agency')}: `, h('code', {}, accessRights.agencyCode ?? '–')),
    h('div', {}, `${t('client.dossierAgencies')}: `, h('code', {}, agenciesText(accessRights.dossierAgencies))),
    h('ul', {}, services.map(([source, service]) => h('li', {},
      h('strong', {}, localized(names?.[source], source)), ': ',
      `${t('clients.purposes')} ${purposesText(service?.purposes)}; `,
      `${t('clients.fields')} ${fieldsText(service?.fields)}`))));
}

function clientsTable(clients, names) {
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
      h('td', { class: 'mono client-id' }, h('a', { href: clientHref(client.clientId) }, client.clientId)),
      h('td', { class: 'client-name' }, client.displayName ?? '–'),
      h('td', {}, client.type ?? '–'),
      h('td', {}, list(client.grantTypes)),
      h('td', {}, list(client.scopes)),
      h('td', {}, list([...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])])),
      h('td', {}, rights(client.accessRights, names))))));
}

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** "a, b,,c " → ["a", "b", "c"]: the API judges each item (and names it by index when one is wrong). */
export function splitList(text) {
  return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * The access rights the form describes, built on the current ones so that what the form does not show (another
 * source, a key the console does not know) stays as it is and the merge patch carries only what changed.
 */
export function editedRights(current, form) {
  const next = clone(current) ?? {};
  const agencyKey = findKey(next, 'agencyCode') ?? 'agencyCode';
  if (form.agencyCode !== '') {
    next[agencyKey] = form.agencyCode;
  } else if (next[agencyKey] !== undefined) {
    next[agencyKey] = null;
  }

  const dossiersKey = findKey(next, 'dossierAgencies') ?? 'dossierAgencies';
  if (form.dossierAgencies.length > 0) {
    next[dossiersKey] = form.dossierAgencies;
  } else if (next[dossiersKey] !== undefined) {
    // None: the client reads no dossier ("dossierAgencies": null).
    next[dossiersKey] = null;
  }

  const servicesKey = findKey(next, 'services') ?? 'services';
  const services = next[servicesKey] ?? {};
  for (const [source, edit] of Object.entries(form.sources)) {
    const key = findKey(services, source) ?? source;
    if (!edit.granted) {
      // Absent from the edited rights: the merge patch withdraws it ("services.<source>": null).
      delete services[key];
      continue;
    }
    const service = services[key] ?? {};
    service[findKey(service, 'purposes') ?? 'purposes'] = edit.purposes;
    const fieldsKey = findKey(service, 'fields');
    if (edit.fields.length > 0) {
      service[fieldsKey ?? 'fields'] = edit.fields;
    } else if (fieldsKey !== undefined) {
      // Empty = the whole record: "fields": null.
      service[fieldsKey] = null;
    }
    services[key] = service;
  }
  if (Object.keys(services).length > 0 || next[servicesKey] !== undefined) {
    next[servicesKey] = services;
  }
  return next;
}

export async function renderClient(main, params, context) {
  const clientId = params.clientId;
  const base = `/admin/v1/clients/${encodeURIComponent(clientId)}/access-rights`;
  let current;
  let etag;
  let names = {};
  let usage;

  async function load(flash) {
    try {
      const [answer, history, sources, used] = await Promise.all([api('GET', base), api('GET', `${base}/history`), sourceNames(),
        api('GET', `/admin/v1/clients/${encodeURIComponent(clientId)}/usage`)]);
      names = sources;
      usage = used.data;
      current = answer.data;
      etag = answer.etag ?? `"${current.version}"`;
      draw(history.data, flash);
    } catch (error) {
      if (!context.handle(error)) {
        replace(main, backLink(), errorAlert(error));
      }
    }
  }

  const { submit } = formSender({ context, reload: () => load(), conflictKey: 'client.conflict' });

  function draw(history, flash) {
    const accessRights = current.accessRights ?? {};
    const flashSlot = h('div', { id: 'flash', class: 'toast-region' });
    replace(main,
      backLink(),
      h('h1', {}, t('client.title', { clientId: current.clientId ?? clientId })),
      flashSlot,
      factsCard(),
      rightsCard(accessRights),
      usageCard(usage, names),
      editCard(accessRights),
      historyCard({
        history,
        currentVersion: current.version,
        submit,
        rollback: (toVersion, reason) => api('POST', `${base}/rollback`, { ifMatch: etag, body: { toVersion, reason } }),
        done: (toVersion, answer) => load(t('history.rolledBack', { to: toVersion, version: answer.data.version })),
      }));
    if (flash) {
      showToast(flashSlot, flash);
    }
  }

  function factsCard() {
    return h('section', { class: 'card', id: 'facts' },
      h('dl', { class: 'facts' },
        h('dt', {}, t('clients.clientId')), h('dd', { class: 'mono' }, current.clientId ?? clientId),
        h('dt', {}, t('adapter.version')), h('dd', { id: 'rights-version' }, current.version),
        h('dt', {}, t('adapter.origin')), h('dd', {}, t(`origin.${current.origin}`)),
        h('dt', {}, t('adapter.changedAt')), h('dd', {}, formatTime(current.changedAt)),
        h('dt', {}, t('adapter.changedBy')), h('dd', {}, current.changedBy ?? '–'),
        h('dt', {}, t('adapter.reason')), h('dd', {}, current.reason ?? '–')));
  }

  /** Every lookup source, then any other the rights name: what this client may read, and for which procedures. */
  function shownSources(accessRights) {
    const named = Object.keys(getPath(accessRights, 'services') ?? {});
    return [...lookupSources, ...named.filter((name) => !lookupSources.includes(name.toLowerCase()))];
  }

  function rightsCard(accessRights) {
    return h('section', { class: 'card', id: 'rights' },
      h('h2', {}, t('client.rightsTitle')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('clients.agency')), h('dd', {}, h('code', { id: 'rights-agency' }, getPath(accessRights, 'agencyCode') ?? '–')),
        h('dt', {}, t('client.dossierAgencies')),
        h('dd', {}, h('code', { id: 'rights-dossier-agencies' }, agenciesText(getPath(accessRights, 'dossierAgencies'))))),
      h('table', { id: 'rights-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, t('adapters.source')), h('th', {}, t('client.granted')),
          h('th', {}, t('client.purposes')), h('th', {}, t('client.fields')))),
        h('tbody', {}, shownSources(accessRights).map((source) => {
          const service = getPath(accessRights, `services.${source}`);
          const granted = service !== undefined && service !== null;
          return h('tr', { dataset: { source, granted: String(granted) } },
            h('td', {}, h('strong', {}, sourceLabel(source, names))),
            h('td', {}, granted ? badge(t('client.grantedYes'), 'ok') : badge(t('client.grantedNo'), 'neutral')),
            h('td', { class: 'purposes' }, granted ? purposesText(getPath(service, 'purposes')) : '–'),
            h('td', { class: 'fields' }, granted ? fieldsText(getPath(service, 'fields')) : '–'));
        }))));
  }

  const errorSlot = (field) => h('p', { class: 'field-error', dataset: { errorFor: field }, hidden: true });

  function sourceRow(source, service) {
    const granted = service !== undefined && service !== null;
    const id = (part) => `r-${source}-${part}`;
    const check = h('input', { type: 'checkbox', id: id('granted'), dataset: { field: `services.${source}` }, checked: granted });
    const purposes = h('input', {
      type: 'text', id: id('purposes'), value: (getPath(service, 'purposes') ?? []).join(', '), disabled: !granted,
      dataset: { field: `services.${source}.purposes` }, spellcheck: 'false', autocomplete: 'off', 'aria-label': `${localized(names[source], source)}: ${t('client.purposes')}`,
    });
    const fields = h('input', {
      type: 'text', id: id('fields'), value: (getPath(service, 'fields') ?? []).join(', '), disabled: !granted,
      dataset: { field: `services.${source}.fields` }, spellcheck: 'false', autocomplete: 'off', 'aria-label': `${localized(names[source], source)}: ${t('client.fields')}`,
      placeholder: t('clients.allFields'),
    });
    check.addEventListener('change', () => {
      purposes.disabled = !check.checked;
      fields.disabled = !check.checked;
    });
    return h('tr', { dataset: { source } },
      h('td', {}, h('label', { class: 'check', for: id('granted') }, check, ' ', sourceLabel(source, names)), errorSlot(`services.${source}`)),
      h('td', {}, purposes, errorSlot(`services.${source}.purposes`)),
      h('td', {}, fields, errorSlot(`services.${source}.fields`)));
  }

  function editCard(accessRights) {
    const status = h('div', { class: 'status', id: 'edit-status' });
    const sources = shownSources(accessRights).filter((source) => lookupSources.includes(source));
    const form = h('form', { id: 'rights-form', novalidate: true },
      h('div', { class: 'grid' }, h('div', { class: 'field' },
        h('label', { for: 'r-agencyCode' }, t('clients.agency')),
        h('input', {
          type: 'text', id: 'r-agencyCode', value: getPath(accessRights, 'agencyCode') ?? '', dataset: { field: 'agencyCode' },
          spellcheck: 'false', autocomplete: 'off',
        }),
        h('p', { class: 'hint' }, t('client.agencyHint')),
        errorSlot('agencyCode')),
      h('div', { class: 'field' },
        h('label', { for: 'r-dossierAgencies' }, t('client.dossierAgencies')),
        h('input', {
          type: 'text', id: 'r-dossierAgencies', value: (getPath(accessRights, 'dossierAgencies') ?? []).join(', '),
          dataset: { field: 'dossierAgencies' }, spellcheck: 'false', autocomplete: 'off',
        }),
        h('p', { class: 'hint' }, t('client.dossierAgenciesHint')),
        errorSlot('dossierAgencies'))),
      h('table', { id: 'rights-edit' },
        h('thead', {}, h('tr', {},
          h('th', {}, t('client.granted')), h('th', {}, t('client.purposes')), h('th', {}, t('client.fields')))),
        h('tbody', {}, sources.map((source) => sourceRow(source, getPath(accessRights, `services.${source}`))))),
      h('p', { class: 'hint' }, t('client.purposesHint')),
      h('p', { class: 'hint' }, t('client.fieldsHint')),
      errorSlot('services'),
      reasonField('rights-reason'),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save' }, t('client.save'))));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      status.replaceChildren();
      const edit = {
        agencyCode: form.querySelector('#r-agencyCode').value.trim(),
        dossierAgencies: splitList(form.querySelector('#r-dossierAgencies').value),
        sources: {},
      };
      for (const source of sources) {
        edit.sources[source] = {
          granted: form.querySelector(`#r-${source}-granted`).checked,
          purposes: splitList(form.querySelector(`#r-${source}-purposes`).value),
          fields: splitList(form.querySelector(`#r-${source}-fields`).value),
        };
      }
      const changes = mergePatch(accessRights, editedRights(accessRights, edit));
      if (Object.keys(changes).length === 0) {
        status.append(h('div', { class: 'alert info', role: 'status' }, t('adapter.noChanges')));
        return;
      }

      const done = await submit(form, status, () => api('PATCH', base, {
        ifMatch: etag, body: { reason: form.querySelector('#rights-reason').value.trim(), changes },
      }));
      if (done) {
        await load(t('client.saved', { version: done.data.version }));
      }
    });

    return h('section', { class: 'card', id: 'edit' },
      h('h2', {}, t('client.editTitle')), h('p', { class: 'muted' }, t('client.editLead')), status, form);
  }

  replace(main, backLink(), h('p', { class: 'muted' }, t('app.loading')));
  await load();
}

function backLink() {
  return h('p', {}, h('a', { href: '#/clients' }, t('client.back')));
}
