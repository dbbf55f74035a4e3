// Maintenance of the whole hub or of one agency's clients (/admin/v1/maintenance): the banner every page shows while
// a window is in force, and the page that switches windows on (message in Vietnamese and English, an end) and off,
// each a new version with a reason (If-Match: the version read).
import { api } from './api.js';
import { errorAlert, h, replace } from './dom.js';
import { formatTime, language, t } from './i18n.js';

const base = '/admin/v1/maintenance';

/** Shows the windows in force above every page (hidden when none); never fails the page it sits on. */
export async function refreshBanner() {
  const banner = document.getElementById('maintenance-banner');
  if (!banner) {
    return;
  }
  try {
    const { data } = await api('GET', base);
    const active = (data ?? []).filter((w) => w.active);
    banner.hidden = active.length === 0;
    replace(banner, ...active.map((w) => h('p', { dataset: { scope: w.scope } },
      h('strong', {}, w.scope === 'hub' ? t('maintenance.bannerHub') : t('maintenance.bannerAgency', { scope: w.scope })), ' ',
      t('maintenance.until', { until: formatTime(w.until) }), ' — ',
      language() === 'en' ? w.messageEn : w.messageVi)));
  } catch {
    banner.hidden = true;
  }
}

export async function renderMaintenance(main, _params, context) {
  async function load(flash) {
    try {
      const { data } = await api('GET', base);
      draw(data ?? [], flash);
    } catch (error) {
      if (!context.handle(error)) {
        replace(main, errorAlert(error));
      }
    }
    await refreshBanner();
  }

  function draw(windows, flash) {
    const status = h('div', { class: 'status', id: 'maintenance-status' }, flash ? h('div', { class: 'alert success', role: 'status' }, flash) : null);
    replace(main,
      h('h1', {}, t('maintenance.title')),
      h('p', { class: 'muted' }, t('maintenance.lead')),
      status,
      h('section', { class: 'card' },
        h('table', { id: 'maintenance-table' },
          h('thead', {}, h('tr', {},
            h('th', {}, t('maintenance.scope')), h('th', {}, t('adapter.version')), h('th', {}, t('maintenance.active')),
            h('th', {}, t('maintenance.untilLabel')), h('th', {}, t('maintenance.message')), h('th', {}, ''))),
          h('tbody', {}, windows.map((w) => h('tr', { dataset: { scope: w.scope, active: String(w.active) } },
            h('td', { class: 'mono' }, w.scope),
            h('td', {}, w.version),
            h('td', { class: 'active' }, w.active ? t('maintenance.yes') : t('maintenance.no')),
            h('td', {}, w.until ? formatTime(w.until) : '–'),
            h('td', {}, w.on ? (language() === 'en' ? w.messageEn : w.messageVi) : '–'),
            h('td', {}, w.active ? offButton(w, status) : null)))))),
      onCard(status));
  }

  function offButton(window, status) {
    const reason = h('input', { type: 'text', class: 'off-reason', placeholder: t('maintenance.reason'), 'aria-label': t('maintenance.reason') });
    const button = h('button', { type: 'button', class: 'secondary off' }, t('maintenance.off'));
    button.addEventListener('click', () => send(window.scope, 'off', { reason: reason.value }, status));
    return h('span', {}, reason, ' ', button);
  }

  function onCard(status) {
    const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id }, label), input);
    const scope = h('input', { type: 'text', id: 'm-scope', value: 'hub', spellcheck: 'false' });
    const vi = h('textarea', { id: 'm-message-vi', rows: 2 });
    const en = h('textarea', { id: 'm-message-en', rows: 2 });
    const until = h('input', { type: 'datetime-local', id: 'm-until' });
    const reason = h('input', { type: 'text', id: 'm-reason' });
    const button = h('button', { type: 'button', id: 'm-on' }, t('maintenance.on'));
    button.addEventListener('click', () => send(scope.value.trim() || 'hub', 'on', {
      reason: reason.value,
      messageVi: vi.value,
      messageEn: en.value,
      until: until.value ? new Date(until.value).toISOString() : null,
    }, status));
    return h('section', { class: 'card', id: 'maintenance-on' },
      h('h2', {}, t('maintenance.onTitle')),
      field('m-scope', t('maintenance.scopeHint'), scope),
      field('m-message-vi', t('maintenance.messageVi'), vi),
      field('m-message-en', t('maintenance.messageEn'), en),
      field('m-until', t('maintenance.untilLabel'), until),
      field('m-reason', t('maintenance.reason'), reason),
      button);
  }

  async function send(scope, action, body, status) {
    const path = `${base}/${encodeURIComponent(scope)}`;
    try {
      const read = await api('GET', path);
      const { data } = await api('POST', `${path}/${action}`, { ifMatch: read.etag ?? `"${read.data.version}"`, body });
      await load(t(action === 'on' ? 'maintenance.savedOn' : 'maintenance.savedOff', { scope: data.scope, version: data.version }));
    } catch (error) {
      if (!context.handle(error)) {
        replace(status, errorAlert(error));
      }
    }
  }

  await load();
}
