// The operators' console: sign-in, a hash router (#/adapters, #/adapters/{source}, #/dead-letters, #/clients,
// #/clients/{clientId}, #/indicators) and the
// language toggle. Every page talks to the control API (/admin/v1) with the signed-in operator's token.
import { SignInRequired } from './api.js';
import { callbackPath, completeSignIn, session, signIn, signOut } from './auth.js';
import { h, replace } from './dom.js';
import { language, setLanguage, t, translateStatic } from './i18n.js';
import { renderAdapters } from './adapters.js';
import { renderAdapter } from './adapter.js';
import { renderDeadLetters } from './deadletters.js';
import { renderClient, renderClients } from './clients.js';
import { renderIndicators } from './indicators.js';
import { refreshBanner, renderMaintenance } from './maintenance.js';

const main = document.getElementById('main');
let cleanup = null;

const routes = [
  { pattern: /^#\/adapters\/?$/, nav: 'adapters', render: renderAdapters },
  { pattern: /^#\/adapters\/([^/?]+)$/, nav: 'adapters', render: renderAdapter, params: (m) => ({ source: decodeURIComponent(m[1]) }) },
  { pattern: /^#\/dead-letters(?:\?(.*))?$/, nav: 'dead-letters', render: renderDeadLetters, params: (m) => ({ query: m[1] ?? '' }) },
  { pattern: /^#\/indicators(?:\?(.*))?$/, nav: 'indicators', render: renderIndicators, params: (m) => ({ query: m[1] ?? '' }) },
  { pattern: /^#\/clients\/?$/, nav: 'clients', render: renderClients },
  { pattern: /^#\/clients\/([^/?]+)$/, nav: 'clients', render: renderClient, params: (m) => ({ clientId: decodeURIComponent(m[1]) }) },
  { pattern: /^#\/maintenance\/?$/, nav: 'maintenance', render: renderMaintenance },
];

/** Shared by the pages: a missing or expired session sends the operator to the sign-in screen. */
const context = {
  handle(error) {
    if (error instanceof SignInRequired) {
      showSignIn(t('auth.expired'));
      return true;
    }
    return false;
  },
};

function stopPage() {
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = null;
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  if (!signedIn) {
    document.getElementById('maintenance-banner').hidden = true;
  }
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('user').textContent = signedIn ? session()?.user ?? '' : '';
}

function showSignIn(message) {
  stopPage();
  showChrome(false);
  replace(main,
    h('section', { class: 'card', id: 'signed-out' },
      h('h1', {}, t('auth.signedOutTitle')),
      message ? h('div', { class: 'alert error', role: 'alert' }, message) : null,
      h('p', {}, t('auth.signedOutLead')),
      h('button', { type: 'button', id: 'sign-in', onclick: () => signIn(location.hash || '#/adapters') }, t('auth.signIn'))));
}

async function route() {
  stopPage();
  if (!session()) {
    showSignIn();
    return;
  }
  showChrome(true);
  refreshBanner();
  const hash = location.hash || '#/adapters';
  for (const candidate of routes) {
    const match = hash.match(candidate.pattern);
    if (match) {
      for (const link of document.querySelectorAll('#nav a')) {
        link.classList.toggle('active', link.dataset.route === candidate.nav);
      }
      try {
        cleanup = await candidate.render(main, candidate.params ? candidate.params(match) : {}, context);
      } catch (error) {
        if (!context.handle(error)) {
          throw error;
        }
      }
      return;
    }
  }
  location.replace('#/adapters');
}

async function start() {
  setLanguage(language());
  translateStatic();
  document.getElementById('lang-toggle').addEventListener('click', () => {
    setLanguage(language() === 'vi' ? 'en' : 'vi');
    translateStatic();
    route();
  });
  document.getElementById('sign-out').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', route);

  if (location.pathname === callbackPath) {
    try {
      const returnHash = await completeSignIn();
      history.replaceState(null, '', `/console/${returnHash}`);
    } catch (error) {
      const reasons = {
        state: () => t('auth.stateMismatch'),
        id_token: () => t('auth.idTokenMismatch', { claim: error.message }),
        assurance: () => t('auth.assurance', { level: error.level ?? '1', minimum: error.minimum ?? '2' }),
      };
      showSignIn((reasons[error.reason] ?? (() => t('auth.failed', { error: error.message })))());
      return;
    }
  }
  await route();
}

start();
