// One adapter: facts and health, enable/disable, connectivity test, the settings form (PATCH with If-Match), and the
// history with a diff per version and roll back.
import { api } from './api.js';
import { circuitBadge, enabledBadge } from './adapters.js';
import { errorAlert, h, replace, showToast, successAlert } from './dom.js';
import { clearFieldErrors, formSender, historyCard, reasonField, showFieldErrors } from './forms.js';
import { formatNumber, formatPercent, formatTime, localized, t } from './i18n.js';
import {
  editedSettings, formFields, getPath, isReadOnly, mergePatch, otherSettings, rateLimitFields, readValue,
} from './settings.js';

const fieldId = (path) => `f-${path.replace(/\./g, '-')}`;

export async function renderAdapter(main, params, context) {
  const source = params.source;
  const base = `/admin/v1/adapters/${encodeURIComponent(source)}`;
  let adapter;
  let etag;

  async function load(flash) {
    try {
      const [current, history] = await Promise.all([api('GET', base), api('GET', `${base}/history`)]);
      adapter = current.data;
      etag = current.etag ?? `"${adapter.version}"`;
      draw(history.data, flash);
    } catch (error) {
      if (!context.handle(error)) {
        replace(main, backLink(), errorAlert(error));
      }
    }
  }

  const { submit } = formSender({ context, reload: () => load(), conflictKey: 'adapter.conflict' });

  function draw(historyData, flash) {
    const settings = adapter.settings ?? {};
    const flashSlot = h('div', { id: 'flash', class: 'toast-region' });
    replace(main,
      backLink(),
      h('h1', {}, localized(adapter.name, adapter.source), ' ', enabledBadge(adapter.enabled)),
      h('p', { class: 'muted' }, t('adapter.title', { source: adapter.source })),
      flashSlot,
      factsCard(),
      healthCard(),
      toggleCard(),
      testCard(settings),
      editCard(settings),
      historySection(historyData));
    if (flash) {
      showToast(flashSlot, flash);
    }
  }

  function factsCard() {
    return h('section', { class: 'card', id: 'facts' },
      h('dl', { class: 'facts' },
        h('dt', {}, t('adapters.kind')), h('dd', {}, t(`kind.${adapter.kind}`)),
        h('dt', {}, t('adapter.version')), h('dd', { id: 'adapter-version' }, adapter.version),
        h('dt', {}, t('adapter.origin')), h('dd', {}, t(`origin.${adapter.origin}`)),
        h('dt', {}, t('adapter.changedAt')), h('dd', {}, formatTime(adapter.changedAt)),
        h('dt', {}, t('adapter.changedBy')), h('dd', {}, adapter.changedBy ?? '–'),
        h('dt', {}, t('adapter.reason')), h('dd', {}, adapter.reason ?? '–'),
        (adapter.readOnly ?? []).map((path) => [
          h('dt', { title: path }, localized(adapter.labels?.[path], path)),
          h('dd', { class: 'fixed' }, String(getPath(adapter.settings ?? {}, path) ?? '–'), ' ', h('span', { class: 'muted' }, t('adapter.fixedByDeployment')))])));
  }

  function healthCard() {
    const health = adapter.health ?? {};
    const last = health.lastFailure;
    return h('section', { class: 'card', id: 'health' },
      h('h2', {}, t('adapter.health'), ' ', h('span', { class: 'muted' }, t('adapter.window', { seconds: health.windowSeconds ?? '–' }))),
      h('dl', { class: 'facts' },
        h('dt', {}, t('adapters.circuit')), h('dd', {}, circuitBadge(health.circuit)),
        h('dt', {}, t('adapters.calls')), h('dd', {}, formatNumber(health.calls, 0)),
        h('dt', {}, t('adapters.errorRate')), h('dd', {}, formatPercent(health.errorRate)),
        h('dt', {}, t('adapter.p50')), h('dd', {}, formatNumber(health.p50Ms)),
        h('dt', {}, t('adapters.p95')), h('dd', {}, formatNumber(health.p95Ms)),
        h('dt', {}, t('adapter.lastFailure')),
        h('dd', {}, last ? [h('code', {}, last.code), ' · ', formatTime(last.at)] : '–')));
  }

  function toggleCard() {
    const status = h('div', { class: 'status' });
    const form = h('form', { id: 'toggle-form', novalidate: true },
      reasonField('toggle-reason'),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', id: adapter.enabled ? 'disable' : 'enable', class: adapter.enabled ? 'secondary' : '' },
          adapter.enabled ? t('adapter.disable') : t('adapter.enable'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = adapter.enabled ? 'disable' : 'enable';
      const done = await submit(form, status, () => api('POST', `${base}/${action}`, {
        ifMatch: etag, body: { reason: form.querySelector('#toggle-reason').value.trim() },
      }));
      if (done) {
        await load(t(action === 'enable' ? 'adapter.enabledDone' : 'adapter.disabledDone', { version: done.data.version }));
      }
    });
    return h('section', { class: 'card', id: 'toggle' },
      h('h2', {}, t('adapter.enableTitle')), h('p', { class: 'muted' }, t('adapter.enableLead')), status, form);
  }

  function testCard(settings) {
    const result = h('div', { id: 'test-result' });
    const candidate = h('input', { type: 'url', id: 'test-url', placeholder: getPath(settings, 'baseUrl') ?? '', dataset: { field: 'baseUrl' } });
    const form = h('form', { id: 'test-form', novalidate: true },
      h('div', { class: 'row' },
        h('div', { class: 'grow' },
          h('label', { for: 'test-url' }, t('adapter.testCandidate')), candidate,
          h('p', { class: 'field-error', dataset: { errorFor: 'baseUrl' }, hidden: true })),
        h('button', { type: 'submit', id: 'test' }, t('adapter.test'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const url = candidate.value.trim();
      const done = await submit(form, result, () => api('POST', `${base}/test`, url ? { body: { baseUrl: url } } : {}));
      if (done) {
        const answer = done.data;
        result.append(answer.reachable
          ? successAlert(t('adapter.testReachable', { target: answer.target, status: answer.status, latency: formatNumber(answer.latencyMs) }))
          : h('div', { class: 'alert error', role: 'alert' }, t('adapter.testUnreachable', {
            target: answer.target, message: answer.error?.message ?? '', code: answer.error?.code ?? '',
          })));
      }
    });
    return h('section', { class: 'card', id: 'test-card' }, h('h2', {}, t('adapter.testTitle')), form, result);
  }

  function input(field, settings) {
    const value = getPath(settings, field.path);
    const fixed = isReadOnly(adapter.readOnly, field.path);
    return h('div', { class: 'field' },
      h('label', { for: fieldId(field.path) }, t(field.label)),
      h('input', {
        type: 'text', id: fieldId(field.path), name: field.path, value: value === undefined || value === null ? '' : String(value),
        inputmode: field.kind === 'int' ? 'numeric' : null, dataset: { field: field.path }, spellcheck: 'false', autocomplete: 'off',
        readonly: fixed, 'aria-readonly': fixed ? 'true' : null,
      }),
      field.kind === 'time' ? h('p', { class: 'hint' }, t('adapter.timeHint')) : null,
      fixed ? h('p', { class: 'hint' }, t('adapter.fixedByDeployment')) : null,
      field.hint ? h('p', { class: 'hint' }, t(field.hint)) : null,
      h('p', { class: 'field-error', dataset: { errorFor: field.path }, hidden: true }));
  }

  function editCard(settings) {
    const status = h('div', { class: 'status', id: 'edit-status' });
    const rateOn = getPath(settings, 'rateLimit') !== null && getPath(settings, 'rateLimit') !== undefined;
    const rateToggle = h('input', { type: 'checkbox', id: 'f-rateLimit', dataset: { field: 'rateLimit' }, checked: rateOn });
    const rateBlock = h('div', { class: 'grid', id: 'rate-fields', hidden: !rateOn },
      rateLimitFields.map((field) => input(field, settings)));
    rateToggle.addEventListener('change', () => { rateBlock.hidden = !rateToggle.checked; });
    const json = h('textarea', { id: 'f-other', class: 'json', spellcheck: 'false', dataset: { field: 'other' } });
    json.value = JSON.stringify(otherSettings(settings, adapter.readOnly ?? []), null, 2);

    const form = h('form', { id: 'edit-form', novalidate: true },
      h('div', { class: 'grid' }, formFields.map((field) => input(field, settings))),
      h('label', { class: 'check' }, rateToggle, ' ', t('adapter.rateLimitOn')),
      h('p', { class: 'field-error', dataset: { errorFor: 'rateLimit' }, hidden: true }),
      rateBlock,
      h('label', { for: 'f-other' }, t('adapter.otherSettings')),
      json,
      h('p', { class: 'hint' }, t('adapter.otherHint')),
      h('p', { class: 'field-error', dataset: { errorFor: 'other' }, hidden: true }),
      reasonField('edit-reason'),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save' }, t('adapter.save'))));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFieldErrors(form);
      status.replaceChildren();
      let other;
      try {
        other = JSON.parse(json.value || '{}');
      } catch (error) {
        showFieldErrors(form, [{ field: 'other', reason: 'json.invalid', messageVi: t('adapter.invalidJson', { message: error.message }), messageEn: t('adapter.invalidJson', { message: error.message }) }]);
        return;
      }
      if (other === null || typeof other !== 'object' || Array.isArray(other)) {
        showFieldErrors(form, [{ field: 'other', reason: 'json.not_object', messageVi: t('adapter.notObject'), messageEn: t('adapter.notObject') }]);
        return;
      }

      const values = {};
      for (const field of [...formFields, ...rateLimitFields]) {
        values[field.path] = readValue(field, form.querySelector(`#${fieldId(field.path)}`).value);
      }
      const changes = mergePatch(settings, editedSettings(settings, other, values, rateToggle.checked, adapter.readOnly ?? []));
      if (Object.keys(changes).length === 0) {
        status.append(h('div', { class: 'alert info', role: 'status' }, t('adapter.noChanges')));
        return;
      }

      const done = await submit(form, status, () => api('PATCH', base, {
        ifMatch: etag, body: { reason: form.querySelector('#edit-reason').value.trim(), changes },
      }));
      if (done) {
        await load(t('adapter.saved', { version: done.data.version }));
      }
    });

    return h('section', { class: 'card', id: 'edit' },
      h('h2', {}, t('adapter.editTitle')), h('p', { class: 'muted' }, t('adapter.editLead')), status, form);
  }

  function historySection(data) {
    return historyCard({
      history: data,
      currentVersion: adapter.version,
      submit,
      rollback: (toVersion, reason) => api('POST', `${base}/rollback`, { ifMatch: etag, body: { toVersion, reason } }),
      done: (toVersion, answer) => load(t('history.rolledBack', { to: toVersion, version: answer.data.version })),
    });
  }

  replace(main, backLink(), h('p', { class: 'muted' }, t('app.loading')));
  await load();
}

function backLink() {
  return h('p', {}, h('a', { href: '#/adapters' }, t('common.back')));
}
