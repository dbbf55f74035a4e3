// Sign-in through the hub's own OpenID Connect provider: authorization code + PKCE (S256), public client
// "operators-console". Tokens live in sessionStorage (this tab only, gone when it closes), never in localStorage.
import { language } from './i18n.js';

export const clientId = 'operators-console';
const scope = 'openid profile lgsp.admin';
const sessionKey = 'lgsp.console.session';
const pendingKey = 'lgsp.console.pending';

export const callbackPath = '/console/callback';
const redirectUri = () => `${location.origin}${callbackPath}`;
const postLogoutUri = () => `${location.origin}/console/`;

let discovery;

async function discover() {
  if (!discovery) {
    const response = await fetch('/.well-known/openid-configuration', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`discovery: HTTP ${response.status}`);
    }
    discovery = await response.json();
  }
  return discovery;
}

function base64Url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) {
    text += String.fromCharCode(b);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(size = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The current session ({ accessToken, idToken, expiresAt, user }) or null when absent or expired. */
export function session() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null');
    if (stored && stored.accessToken && stored.expiresAt > Date.now()) {
      return stored;
    }
  } catch {
    // A damaged entry is the same as none.
  }
  return null;
}

export function clearSession() {
  sessionStorage.removeItem(sessionKey);
}

/** Sends the browser to the hub's sign-in; back at /console/callback, then at returnHash. */
export async function signIn(returnHash = location.hash) {
  const config = await discover();
  const verifier = randomString(32);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(16);
  const nonce = randomString(16);
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, nonce, returnHash: returnHash || '#/adapters' }));
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ui_locales: language(),
  });
  location.assign(`${config.authorization_endpoint}?${query}`);
}

/** The claims of a JWT's payload (no signature check: see checkIdToken), or null when it is not one. */
function jwtClaims(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/**
 * The ID token must be the one issued for this very sign-in (OpenID Connect Core 3.1.3.7): the nonce kept with the
 * PKCE verifier, this client as audience, the hub as issuer. It came straight from the token endpoint over the
 * page's own origin (TLS in production), which the spec accepts in place of checking the signature here; the nonce
 * is what binds it to the request, so a token injected or replayed from another sign-in is refused.
 * Returns the name of the first claim that does not match, or null.
 */
function checkIdToken(idToken, pending, config) {
  const claims = idToken ? jwtClaims(idToken) : null;
  if (!claims) {
    return 'id_token';
  }
  if (typeof claims.nonce !== 'string' || claims.nonce !== pending.nonce) {
    return 'nonce';
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(clientId)) {
    return 'aud';
  }
  if (claims.iss !== config.issuer) {
    return 'iss';
  }
  return null;
}

/**
 * At /console/callback: checks the state, redeems the code with the verifier, checks the ID token's nonce, keeps
 * the tokens and returns the hash to go back to. Throws an Error whose `reason` is 'state', 'token' (with the
 * provider's error text) or 'id_token' (with the claim that did not match); nothing is kept then.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  // Drop the code from the address bar and history whatever happens next.
  history.replaceState(null, '', '/console/');

  if (!pending || !params.get('state') || params.get('state') !== pending.state) {
    throw Object.assign(new Error('state'), { reason: 'state' });
  }
  if (params.get('error') === 'access_denied' && /\/account\/admin-assurance\?/.test(params.get('error_uri') ?? '')) {
    // lgsp.admin refused for the sign-in's level of assurance: the hub's page says why (error_uri); so do we, in our language.
    const uri = new URL(params.get('error_uri'));
    throw Object.assign(new Error('assurance'), { reason: 'assurance', level: uri.searchParams.get('level'), minimum: uri.searchParams.get('minimum') });
  }
  if (params.get('error')) {
    throw Object.assign(new Error(params.get('error_description') || params.get('error')), { reason: 'token' });
  }

  const config = await discover();
  const response = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: clientId,
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw Object.assign(new Error(answer.error_description || answer.error || `HTTP ${response.status}`), { reason: 'token' });
  }
  const mismatch = checkIdToken(answer.id_token, pending, config);
  if (mismatch) {
    throw Object.assign(new Error(mismatch), { reason: 'id_token' });
  }

  const stored = {
    accessToken: answer.access_token,
    idToken: answer.id_token,
    // A little early, so a call never leaves with a token about to expire.
    expiresAt: Date.now() + Math.max(0, (answer.expires_in ?? 600) - 20) * 1000,
    user: await fetchUser(config, answer.access_token),
  };
  sessionStorage.setItem(sessionKey, JSON.stringify(stored));
  return pending.returnHash;
}

async function fetchUser(config, accessToken) {
  try {
    const response = await fetch(config.userinfo_endpoint, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });
    if (response.ok) {
      const info = await response.json();
      return info.preferred_username || info.name || info.sub;
    }
  } catch {
    // The name is only shown; the console works without it.
  }
  return null;
}

/** Ends the console's session and the hub's sign-in session (RP-initiated logout), then comes back to /console/. */
export async function signOut() {
  const current = session();
  clearSession();
  const config = await discover().catch(() => null);
  if (!config?.end_session_endpoint || !current?.idToken) {
    location.assign('/console/');
    return;
  }
  const query = new URLSearchParams({
    client_id: clientId,
    id_token_hint: current.idToken,
    post_logout_redirect_uri: postLogoutUri(),
    ui_locales: language(),
  });
  location.assign(`${config.end_session_endpoint}?${query}`);
}
