// An OpenID Connect conformance-style pass against the LGSP hub, through openid-client (a certified relying-party
// library) and jose, not through anything the project wrote. Prints one JSON line per check:
//   {"check":"discovery.issuer","passed":true,"detail":"..."}
// and exits 0 when every check passed, 1 otherwise, 2 when it could not run at all.
//
// Usage:
//   LGSP_CONFORMANCE_CLIENT_SECRET=... LGSP_CONFORMANCE_PASSWORD=... node conformance.mjs \
//     --issuer https://127.0.0.1:8443/ --client-id provincial-portal \
//     --redirect-uri http://127.0.0.1:5080/signin-oidc --post-logout-redirect-uri http://127.0.0.1:5080/signout-callback-oidc \
//     --username canbo.xyz --scope "openid profile offline_access lgsp.business.read" \
//     --client-credentials-scope lgsp.business.read --forbidden-scope lgsp.admin
// Secrets come from the environment, never from the command line (visible to every user of the machine).
// A self-signed TLS certificate is trusted with NODE_EXTRA_CA_CERTS=cert.pem.
//
// The sign-in step is what a browser does: the authorization URL the library built is followed with plain HTTP
// requests and a cookie jar (redirects read one by one), the hub's sign-in form is posted with its antiforgery
// token, and the final redirect to the client's redirect_uri is handed back to the library as the callback URL.

import { parseArgs } from 'node:util';
import { createHash, webcrypto } from 'node:crypto';

// Node 18 (Debian 12's nodejs package) has WebCrypto but not as a global, which both libraries expect.
globalThis.crypto ??= webcrypto;
const client = await import('openid-client');
const jose = await import('jose');

const { values: args } = parseArgs({
  options: {
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    'redirect-uri': { type: 'string' },
    'post-logout-redirect-uri': { type: 'string' },
    username: { type: 'string' },
    scope: { type: 'string', default: 'openid profile offline_access' },
    'client-credentials-scope': { type: 'string' },
    'forbidden-scope': { type: 'string' },
    'api-path': { type: 'string', default: '/api/v1/me' },
  },
});

for (const required of ['issuer', 'client-id', 'redirect-uri', 'post-logout-redirect-uri', 'username', 'client-credentials-scope', 'forbidden-scope']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}

const secret = process.env.LGSP_CONFORMANCE_CLIENT_SECRET;
const password = process.env.LGSP_CONFORMANCE_PASSWORD;
if (!secret || !password) {
  console.error('LGSP_CONFORMANCE_CLIENT_SECRET and LGSP_CONFORMANCE_PASSWORD must be set');
  process.exit(2);
}

const issuer = new URL(args.issuer);
const clientId = args['client-id'];
const redirectUri = args['redirect-uri'];
const postLogoutRedirectUri = args['post-logout-redirect-uri'];

let failures = 0;

function report(check, passed, detail) {
  if (!passed) failures++;
  console.log(JSON.stringify({ check, passed, detail: detail ?? '' }));
}

/** Runs one check: the body returns a detail string or throws with what went wrong. */
async function check(name, body) {
  try {
    report(name, true, (await body()) ?? '');
  } catch (error) {
    report(name, false, describe(error));
  }
}

function describe(error) {
  if (error instanceof client.ResponseBodyError) return `${error.status} ${error.error}: ${error.error_description ?? ''}`;
  if (error instanceof client.WWWAuthenticateChallengeError) return `${error.status} ${JSON.stringify(error.cause)}`;
  const cause = error?.cause ? ` (cause: ${error.cause?.message ?? JSON.stringify(error.cause)})` : '';
  return `${error?.code ? error.code + ': ' : ''}${error?.message ?? String(error)}${cause}`;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The OAuth error code a failed request surfaced through the library, however it carried it. */
async function errorOf(promise) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof client.ResponseBodyError) return { error: error.error, status: error.status };
    if (error instanceof client.WWWAuthenticateChallengeError) {
      return { error: error.cause?.[0]?.parameters?.error, status: error.status };
    }
    throw error;
  }
  throw new Error('the request succeeded; an error was expected');
}

async function expectError(promise, expected) {
  const { error, status } = await errorOf(promise);
  assert(error === expected, `expected ${expected}, the library surfaced ${error} (HTTP ${status})`);
  return `${status} ${error}`;
}

// ----------------------------------------------------------------------------------------------------------------
// A browser: a cookie jar and redirects followed one at a time.

const jar = new Map();

function keepCookies(response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

async function browse(url, init = {}) {
  const headers = new Headers(init.headers);
  if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  keepCookies(response);
  return response;
}

/** Follows redirects on the hub until one leaves it (for the client) or a page answers. */
async function follow(url, init) {
  let response = await browse(url, init);
  let current = new URL(url);
  for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
    const next = new URL(response.headers.get('location'), current);
    if (next.origin !== issuer.origin) return { redirect: next, response };
    current = next;
    response = await browse(next);
  }

  return { page: current, response };
}

function decodeHtml(value) {
  return value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x2B;', '+').replaceAll('&#x3D;', '=').replaceAll('&#x2F;', '/');
}

/** Follows an authorization URL as a browser would, signing in on the hub's page; returns the callback URL. */
async function signInThrough(authorizationUrl) {
  const first = await follow(authorizationUrl);
  if (first.redirect) return first.redirect;
  assert(first.page.pathname === '/account/login', `expected the sign-in page, got ${first.page} (${first.response.status})`);
  const html = await first.response.text();
  const action = html.match(/<form method="post"[^>]*action="([^"]*)"/)?.[1];
  const token = html.match(/name="__RequestVerificationToken" type="hidden" value="([^"]*)"/)?.[1];
  assert(action && token, 'the sign-in page has no form with an antiforgery token');
  const form = new URLSearchParams({ 'Input.UserName': args.username, 'Input.Password': password, __RequestVerificationToken: decodeHtml(token) });
  const posted = await follow(new URL(decodeHtml(action), first.page), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  assert(posted.redirect, `the sign-in did not lead back to the client (${posted.page} answered ${posted.response.status})`);
  return posted.redirect;
}

// ----------------------------------------------------------------------------------------------------------------

const REQUIRED_DISCOVERY = [
  'issuer', 'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'end_session_endpoint',
  'revocation_endpoint', 'introspection_endpoint',
];

let config;
let metadata;
try {
  config = await client.discovery(issuer, clientId, undefined, client.ClientSecretBasic(secret));
  metadata = config.serverMetadata();
} catch (error) {
  report('discovery.document', false, describe(error));
  process.exit(1);
}

report('discovery.document', true, `${metadata.issuer} discovered by openid-client; fields: ${Object.keys(metadata).join(' ')}`);

await check('discovery.issuer', () => {
  assert(metadata.issuer === issuer.href, `issuer ${metadata.issuer} is not ${issuer.href}`);
  return metadata.issuer;
});

await check('discovery.endpoints', () => {
  const missing = REQUIRED_DISCOVERY.filter((k) => typeof metadata[k] !== 'string');
  assert(missing.length === 0, `missing ${missing.join(', ')}`);
  const foreign = REQUIRED_DISCOVERY.filter((k) => k !== 'issuer' && new URL(metadata[k]).origin !== issuer.origin);
  assert(foreign.length === 0, `not on the issuer's origin: ${foreign.join(', ')}`);
  const insecure = REQUIRED_DISCOVERY.filter((k) => new URL(metadata[k]).protocol !== 'https:');
  assert(insecure.length === 0, `not https: ${insecure.join(', ')}`);
  return REQUIRED_DISCOVERY.map((k) => `${k}=${new URL(metadata[k]).pathname}`).join(' ');
});

function includesAll(field, expected, forbidden = []) {
  const values = metadata[field];
  assert(Array.isArray(values), `${field} is missing`);
  const missing = expected.filter((v) => !values.includes(v));
  assert(missing.length === 0, `${field} lacks ${missing.join(', ')} (has ${values.join(', ')})`);
  const present = forbidden.filter((v) => values.includes(v));
  assert(present.length === 0, `${field} advertises ${present.join(', ')}`);
  return `${field}: ${values.join(' ')}`;
}

await check('discovery.response_types', () => includesAll('response_types_supported', ['code'], ['token', 'id_token token']));
await check('discovery.grant_types', () => includesAll('grant_types_supported', ['authorization_code', 'refresh_token', 'client_credentials'], ['implicit', 'password']));
await check('discovery.code_challenge_methods', () => {
  const detail = includesAll('code_challenge_methods_supported', ['S256'], ['plain']);
  assert(metadata.code_challenge_methods_supported.length === 1, 'S256 must be the only method');
  return detail;
});
// Only what a registered client can use: no client has a key set, so private_key_jwt would always fail.
await check('discovery.token_endpoint_auth_methods', () => includesAll('token_endpoint_auth_methods_supported', ['client_secret_basic', 'client_secret_post'], ['none', 'private_key_jwt']));
await check('discovery.id_token_signing_algs', () => {
  const detail = includesAll('id_token_signing_alg_values_supported', [], ['none']);
  assert(metadata.id_token_signing_alg_values_supported.length > 0, 'no algorithm');
  return detail;
});
await check('discovery.scopes_and_claims', () => {
  const scopes = includesAll('scopes_supported', ['openid', 'profile', 'offline_access']);
  const claims = includesAll('claims_supported', ['sub', 'iss', 'aud', 'exp', 'iat', 'name', 'preferred_username']);
  return `${scopes}; ${claims}`;
});
await check('discovery.subject_types', () => includesAll('subject_types_supported', ['public']));
await check('discovery.revocation_and_introspection_auth', () =>
  [includesAll('revocation_endpoint_auth_methods_supported', ['client_secret_basic'], ['none', 'private_key_jwt']),
    includesAll('introspection_endpoint_auth_methods_supported', ['client_secret_basic'], ['none', 'private_key_jwt'])].join('; '));
await check('discovery.authorization_response_iss', () => {
  assert(metadata.authorization_response_iss_parameter_supported === true, 'authorization_response_iss_parameter_supported is not true (RFC 9207)');
  return 'RFC 9207 iss in authorization responses';
});

// JWKS: every key importable, with a kid and a use or alg, and the ID token's alg among them.
let jwks;
await check('jwks.keys', async () => {
  const response = await fetch(metadata.jwks_uri);
  assert(response.ok, `${metadata.jwks_uri} answered ${response.status}`);
  assert((response.headers.get('content-type') ?? '').includes('json'), `content type ${response.headers.get('content-type')}`);
  jwks = await response.json();
  assert(Array.isArray(jwks.keys) && jwks.keys.length > 0, 'no keys');
  const kids = new Set();
  for (const key of jwks.keys) {
    assert(typeof key.kid === 'string' && key.kid.length > 0, `a key has no kid: ${JSON.stringify(key)}`);
    assert(!kids.has(key.kid), `kid ${key.kid} twice`);
    kids.add(key.kid);
    assert(key.use === 'sig' || key.use === undefined, `key ${key.kid} has use ${key.use}`);
    assert(!('d' in key) && !('p' in key) && !('q' in key), `key ${key.kid} publishes private parts`);
    assert(typeof key.alg === 'string', `key ${key.kid} names no alg`);
    await jose.importJWK(key, key.alg);
  }

  const algs = jwks.keys.map((k) => k.alg);
  const unusable = metadata.id_token_signing_alg_values_supported.filter((a) => !algs.includes(a));
  assert(unusable.length === 0, `id_token_signing_alg_values_supported names ${unusable.join(', ')}, which no key has`);
  return jwks.keys.map((k) => `${k.kid}:${k.kty}/${k.alg}`).join(' ');
});

// Authorization code + PKCE (S256), with the ID token's signature checked against the JWKS by the library.
client.enableNonRepudiationChecks(config);
const verifier = client.randomPKCECodeVerifier();
const nonce = client.randomNonce();
const state = client.randomState();
let tokens;
let callbackUrl;

await check('code.authorization_and_sign_in', async () => {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: args.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  callbackUrl = await signInThrough(url);
  assert(callbackUrl.href.startsWith(redirectUri + '?'), `came back to ${callbackUrl.origin}${callbackUrl.pathname}, not ${redirectUri}`);
  assert(callbackUrl.searchParams.get('iss') === metadata.issuer, `iss in the authorization response is ${callbackUrl.searchParams.get('iss')}`);
  return `signed in as ${args.username}; back at ${redirectUri} with code, state and iss`;
});

await check('code.token_exchange', async () => {
  assert(callbackUrl, 'no callback');
  tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
    idTokenExpected: true,
  });
  assert(tokens.token_type.toLowerCase() === 'bearer', `token_type ${tokens.token_type}`);
  assert(typeof tokens.access_token === 'string', 'no access token');
  assert(typeof tokens.refresh_token === 'string', 'no refresh token (offline_access was asked)');
  assert(typeof tokens.expires_in === 'number' && tokens.expires_in > 0, `expires_in ${tokens.expires_in}`);
  return `token_type=${tokens.token_type} expires_in=${tokens.expires_in} scope=${tokens.scope}`;
});

await check('id_token.validation', async () => {
  assert(tokens?.id_token, 'no id_token');
  const claims = tokens.claims();
  assert(claims.iss === metadata.issuer, `iss ${claims.iss}`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  assert(audiences.includes(clientId), `aud ${claims.aud}`);
  assert(audiences.length === 1 || claims.azp === clientId, `several audiences and azp ${claims.azp}`);
  assert(claims.nonce === nonce, 'nonce');
  assert(typeof claims.sub === 'string' && claims.sub.length > 0, 'no sub');
  assert(typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat, 'iat/exp');
  // The library verified the signature (non-repudiation checks); check it again with jose against the JWKS alone.
  const header = jose.decodeProtectedHeader(tokens.id_token);
  const { payload } = await jose.jwtVerify(tokens.id_token, jose.createLocalJWKSet(jwks ?? { keys: [] }), {
    issuer: metadata.issuer,
    audience: clientId,
    algorithms: metadata.id_token_signing_alg_values_supported,
  });
  let atHash = 'no at_hash';
  if (payload.at_hash !== undefined) {
    const bits = Number(header.alg.slice(2));
    const digest = createHash(`sha${bits === 512 ? 512 : bits === 384 ? 384 : 256}`).update(tokens.access_token, 'ascii').digest();
    const expected = digest.subarray(0, digest.length / 2).toString('base64url');
    assert(payload.at_hash === expected, `at_hash ${payload.at_hash} is not ${expected}`);
    atHash = 'at_hash matches';
  }

  return `alg=${header.alg} kid=${header.kid} iss, aud, nonce, exp, signature checked; ${atHash}`;
});

await check('userinfo', async () => {
  const sub = tokens.claims().sub;
  const info = await client.fetchUserInfo(config, tokens.access_token, sub);
  assert(info.sub === sub, 'sub differs');
  assert(info.preferred_username === args.username, `preferred_username ${info.preferred_username}`);
  return `sub and profile claims (${Object.keys(info).join(', ')})`;
});

await check('api.bearer', async () => {
  const response = await client.fetchProtectedResource(config, tokens.access_token, new URL(args['api-path'], issuer), 'GET');
  assert(response.status === 200, `${args['api-path']} answered ${response.status}`);
  return `${args['api-path']} 200 with the person's access token`;
});

await check('introspection.person_access_token', async () => {
  const info = await client.tokenIntrospection(config, tokens.access_token);
  assert(info.active === true, 'not active');
  assert(info.sub === tokens.claims().sub, `sub ${info.sub}`);
  assert(info.client_id === clientId, `client_id ${info.client_id}`);
  assert(typeof info.scope === 'string' && info.scope.split(' ').includes('openid'), `scope ${info.scope}`);
  assert(typeof info.exp === 'number' && typeof info.iat === 'number', 'exp/iat');
  assert(typeof info.token_type === 'string' && info.token_type.toLowerCase() === 'bearer', `token_type ${info.token_type}`);
  return `active, sub, client_id, scope=${info.scope}, token_type, exp, iat`;
});

// Refresh-token rotation: a new refresh token each use; the old one is refused afterwards.
let rotated;
await check('refresh.rotation', async () => {
  const first = tokens.refresh_token;
  rotated = await client.refreshTokenGrant(config, first);
  assert(typeof rotated.refresh_token === 'string' && rotated.refresh_token !== first, 'no new refresh token');
  assert(rotated.access_token !== tokens.access_token, 'same access token');
  const again = await client.refreshTokenGrant(config, rotated.refresh_token);
  assert(again.refresh_token !== rotated.refresh_token, 'the second refresh gave no new refresh token');
  rotated = again;
  return 'two refreshes, a new refresh token and access token each time';
});

// The first refresh token, already redeemed, presented again.
await check('refresh.reuse_refused', async () => {
  assert(rotated, 'no rotation happened');
  return expectError(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant');
});

// Reuse of a redeemed token ends the family (OAuth 2.0 Security BCP §4.14.2): the newest refresh token is dead too.
await check('refresh.reuse_revokes_family', async () => {
  assert(rotated, 'no rotation happened');
  return expectError(client.refreshTokenGrant(config, rotated.refresh_token), 'invalid_grant');
});

/** A new authorization from the open session (prompt=none, no form): a refresh-token family of its own. */
async function silentSession() {
  const v = client.randomPKCECodeVerifier();
  const n = client.randomNonce();
  const s = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: args.scope,
    code_challenge: await client.calculatePKCECodeChallenge(v),
    code_challenge_method: 'S256',
    nonce: n,
    state: s,
    prompt: 'none',
  });
  const back = await follow(url);
  assert(back.redirect?.searchParams.has('code'), `prompt=none gave no code (${back.redirect ?? back.page})`);
  return client.authorizationCodeGrant(config, back.redirect, { pkceCodeVerifier: v, expectedNonce: n, expectedState: s, idTokenExpected: true });
}

let session2;
await check('code.silent_reauthorization', async () => {
  session2 = await silentSession();
  return 'prompt=none answered with a code from the open session';
});

await check('revocation.refresh_token', async () => {
  const session3 = await silentSession();
  await client.tokenRevocation(config, session3.refresh_token, { token_type_hint: 'refresh_token' });
  const info = await client.tokenIntrospection(config, session3.refresh_token);
  assert(info.active === false, 'still active after revocation');
  await expectError(client.refreshTokenGrant(config, session3.refresh_token), 'invalid_grant');
  return 'revoked (RFC 7009), introspection inactive, refresh invalid_grant';
});

/** An authorization from the open session, not yet redeemed: the callback and what redeems it. */
async function authorizeSilently(extra = {}) {
  const v = client.randomPKCECodeVerifier();
  const n = client.randomNonce();
  const st = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: args.scope,
    code_challenge: await client.calculatePKCECodeChallenge(v),
    code_challenge_method: 'S256',
    nonce: n,
    state: st,
    prompt: 'none',
    ...extra,
  });
  const back = await follow(url);
  assert(back.redirect?.searchParams.has('code'), `prompt=none gave no code (${back.redirect ?? back.page})`);
  return { callback: back.redirect, verifier: v, nonce: n, state: st };
}

await check('id_token.max_age_auth_time', async () => {
  const a = await authorizeSilently({ max_age: '3600' });
  const result = await client.authorizationCodeGrant(config, a.callback, { pkceCodeVerifier: a.verifier, expectedNonce: a.nonce, expectedState: a.state, maxAge: 3600, idTokenExpected: true });
  assert(typeof result.claims().auth_time === 'number', 'no auth_time');
  return 'max_age honoured; auth_time present and checked by the library';
});

let refreshSource;
await check('refresh.id_token', async () => {
  refreshSource = await silentSession();
  const before = refreshSource.claims();
  const refreshed = await client.refreshTokenGrant(config, refreshSource.refresh_token);
  refreshSource = refreshed;
  const after = refreshed.claims();
  assert(after, 'no id_token on refresh');
  assert(after.iss === before.iss && after.sub === before.sub, 'iss or sub changed');
  assert(JSON.stringify(after.aud) === JSON.stringify(before.aud), 'aud changed');
  assert(after.auth_time === before.auth_time, `auth_time changed (${before.auth_time} -> ${after.auth_time})`);
  return 'same iss, sub, aud and auth_time (OIDC Core §12.2)';
});

await check('refresh.narrower_scope', async () => {
  assert(refreshSource?.refresh_token, 'no refresh token');
  const narrower = await client.refreshTokenGrant(config, refreshSource.refresh_token, { scope: 'openid offline_access' });
  refreshSource = narrower;
  // RFC 6749 §5.1: a response may leave scope out when it is the one requested.
  const granted = (narrower.scope ?? 'openid offline_access').split(' ').sort().join(' ');
  assert(granted === 'offline_access openid', `scope ${narrower.scope}`);
  const info = await client.tokenIntrospection(config, narrower.access_token);
  assert(info.scope?.split(' ').sort().join(' ') === 'offline_access openid', `introspected scope ${info.scope}`);
  return `response scope ${narrower.scope ?? 'omitted (as requested)'}; introspection scope=${info.scope}`;
});

await check('error.refresh_wider_scope', async () => {
  const fresh = await silentSession();
  return expectError(client.refreshTokenGrant(config, fresh.refresh_token, { scope: `${args.scope} ${args['forbidden-scope']}` }), 'invalid_scope');
});

await check('code.wrong_redirect_uri_refused', async () => {
  const a = await authorizeSilently();
  return expectError(
    client.genericGrantRequest(config, 'authorization_code', { code: a.callback.searchParams.get('code'), redirect_uri: postLogoutRedirectUri, code_verifier: a.verifier }),
    'invalid_grant');
});

await check('error.unregistered_redirect_uri', async () => {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: 'https://attacker.example/callback',
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    state: 'x',
  });
  const answer = await follow(url);
  assert(!answer.redirect, `redirected to ${answer.redirect}`);
  assert(answer.response.status === 400, `answered ${answer.response.status}`);
  return `400 on the hub, no redirect (${(await answer.response.text()).replace(/\s+/g, ' ').slice(0, 120)})`;
});

await check('error.userinfo_invalid_token', async () => {
  try {
    await client.fetchUserInfo(config, 'not-an-access-token', client.skipSubjectCheck);
  } catch (error) {
    assert(error instanceof client.WWWAuthenticateChallengeError, `not a WWW-Authenticate challenge: ${describe(error)}`);
    const challenge = error.cause?.[0];
    assert(challenge?.scheme === 'bearer', `scheme ${challenge?.scheme}`);
    assert(challenge?.parameters?.error === 'invalid_token', `error ${challenge?.parameters?.error}`);
    return `${error.status} Bearer error=invalid_token (RFC 6750 §3)`;
  }

  throw new Error('userinfo answered a made-up token');
});

await check('token_endpoint.no_store', async () => {
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64'),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: args['client-credentials-scope'] }).toString(),
  });
  assert(response.status === 200, `answered ${response.status}`);
  const cache = response.headers.get('cache-control') ?? '';
  assert(cache.includes('no-store'), `Cache-Control: ${cache}`);
  return `Cache-Control: ${cache}; Pragma: ${response.headers.get('pragma')}`;
});

await check('logout.end_session', async () => {
  assert(session2, 'no second session');
  const logoutState = client.randomState();
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: session2.id_token,
    post_logout_redirect_uri: postLogoutRedirectUri,
    state: logoutState,
  });
  const left = await follow(url);
  assert(left.redirect, `the end-session URL did not lead back to the client (${left.page} answered ${left.response.status})`);
  assert(left.redirect.href.startsWith(postLogoutRedirectUri), `went to ${left.redirect.origin}${left.redirect.pathname}`);
  assert(left.redirect.searchParams.get('state') === logoutState, `state ${left.redirect.searchParams.get('state')}`);

  // The hub's session has ended: a silent authorization now answers login_required.
  const silent = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    prompt: 'none',
    state: client.randomState(),
  });
  const after = await follow(silent);
  assert(after.redirect?.searchParams.get('error') === 'login_required', `prompt=none after logout gave ${after.redirect ?? after.page}`);
  return 'post_logout_redirect_uri with state; session ended (login_required)';
});

await check('logout.revokes_refresh', async () => {
  assert(session2, 'no second session');
  return expectError(client.refreshTokenGrant(config, session2.refresh_token), 'invalid_grant');
});

// The code of the first sign-in, presented again.
await check('code.replay_refused', async () => {
  assert(callbackUrl, 'no callback');
  return expectError(client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state }), 'invalid_grant');
});

await check('code.wrong_verifier_refused', async () => {
  const v = client.randomPKCECodeVerifier();
  const n = client.randomNonce();
  const s = client.randomState();
  // Signed out above: sign in again through the form.
  const back = await signInThrough(client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(v),
    code_challenge_method: 'S256',
    nonce: n,
    state: s,
  }));
  return expectError(client.authorizationCodeGrant(config, back, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedNonce: n, expectedState: s }), 'invalid_grant');
});

// Client credentials and introspection (RFC 7662).
let systemToken;
await check('client_credentials', async () => {
  systemToken = await client.clientCredentialsGrant(config, { scope: args['client-credentials-scope'] });
  assert(typeof systemToken.access_token === 'string', 'no access token');
  assert(systemToken.token_type.toLowerCase() === 'bearer', `token_type ${systemToken.token_type}`);
  assert(systemToken.refresh_token === undefined && systemToken.id_token === undefined, 'a refresh or ID token came with client credentials');
  assert(systemToken.scope === undefined || systemToken.scope === args['client-credentials-scope'], `scope ${systemToken.scope}`);
  return `scope ${systemToken.scope ?? 'omitted (as requested, RFC 6749 §5.1)'}, expires_in=${systemToken.expires_in}`;
});

await check('introspection.client_credentials_token', async () => {
  assert(systemToken, 'no token');
  const info = await client.tokenIntrospection(config, systemToken.access_token);
  assert(info.active === true, 'not active');
  assert(info.scope === args['client-credentials-scope'], `scope ${info.scope}`);
  assert(info.client_id === clientId, `client_id ${info.client_id}`);
  assert(typeof info.token_type === 'string' && info.token_type.toLowerCase() === 'bearer', `token_type ${info.token_type}`);
  assert(typeof info.exp === 'number' && typeof info.iat === 'number' && info.exp > info.iat, 'exp/iat');
  assert(info.sub === undefined || info.sub === clientId, `sub ${info.sub}`);
  return `active, scope, client_id, token_type, exp, iat${info.sub ? ', sub' : ''}`;
});

await check('introspection.unknown_token_inactive', async () => {
  const info = await client.tokenIntrospection(config, 'not-a-token-this-hub-issued');
  assert(info.active === false, 'an unknown token is active');
  assert(Object.keys(info).length === 1, `more than active: ${Object.keys(info).join(', ')}`);
  return 'active: false and nothing else';
});

await check('revocation.client_credentials_token', async () => {
  const fresh = await client.clientCredentialsGrant(config, { scope: args['client-credentials-scope'] });
  const api = new URL(args['api-path'], issuer);
  // What the API says to the token: its status, or the Bearer challenge's error when it refuses it (RFC 6750 §3).
  const call = async () => {
    try {
      return String((await client.fetchProtectedResource(config, fresh.access_token, api, 'GET')).status);
    } catch (error) {
      if (error instanceof client.WWWAuthenticateChallengeError) {
        return `${error.status} ${error.cause?.[0]?.parameters?.error}`;
      }
      throw error;
    }
  };
  const before = await call();
  assert(!before.startsWith('401'), `${args['api-path']} refused the token before revocation (${before})`);
  await client.tokenRevocation(config, fresh.access_token, { token_type_hint: 'access_token' });
  const info = await client.tokenIntrospection(config, fresh.access_token);
  assert(info.active === false, 'still active after revocation');
  const after = await call();
  assert(after === '401 invalid_token', `${args['api-path']} answered ${after} after revocation`);
  return `revoked (RFC 7009), introspection inactive, ${args['api-path']} 401 invalid_token (was ${before})`;
});

// Errors as the library surfaces them.
await check('error.invalid_client', async () => {
  const wrong = await client.discovery(issuer, clientId, undefined, client.ClientSecretBasic(secret + 'x'));
  return expectError(client.clientCredentialsGrant(wrong, { scope: args['client-credentials-scope'] }), 'invalid_client');
});

await check('error.client_assertion_refused', async () => {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: false });
  const asserted = await client.discovery(issuer, clientId, undefined, client.PrivateKeyJwt({ key: privateKey, kid: 'not-registered' }));
  return expectError(client.clientCredentialsGrant(asserted, { scope: args['client-credentials-scope'] }), 'invalid_client');
});

await check('client_secret_post', async () => {
  const posted = await client.discovery(issuer, clientId, undefined, client.ClientSecretPost(secret));
  const token = await client.clientCredentialsGrant(posted, { scope: args['client-credentials-scope'] });
  assert(typeof token.access_token === 'string', 'no access token');
  return 'client_secret_post accepted as advertised';
});

await check('error.invalid_grant', () => expectError(client.refreshTokenGrant(config, 'not-a-refresh-token'), 'invalid_grant'));

await check('error.invalid_scope', () => expectError(client.clientCredentialsGrant(config, { scope: args['forbidden-scope'] }), 'invalid_scope'));

await check('error.unsupported_grant_type', () =>
  expectError(client.genericGrantRequest(config, 'password', { username: args.username, password }), 'unsupported_grant_type'));

// Refused either way RFC 6749 §4.1.2.1 and the OpenID conformance suite accept: an error redirect to the client with
// its state, or an error the hub shows itself (OpenIddict judges the request's form before it trusts the redirect_uri).
await check('error.authorization_plain_pkce_refused', async () => {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid',
    code_challenge: client.randomPKCECodeVerifier(),
    code_challenge_method: 'plain',
    state: 'plain-state',
  });
  const answer = await follow(url);
  if (answer.redirect) {
    assert(!answer.redirect.searchParams.has('code'), 'a code was issued for a plain challenge');
    const error = answer.redirect.searchParams.get('error');
    assert(error === 'invalid_request', `error ${error}`);
    assert(answer.redirect.searchParams.get('state') === 'plain-state', 'state not returned with the error');
    return `redirect with error=${error} and state`;
  }

  const body = await answer.response.text();
  assert(answer.response.status === 400, `${answer.page} answered ${answer.response.status}`);
  assert(body.includes('invalid_request'), `the 400 names no invalid_request: ${body.slice(0, 200)}`);
  return `400 invalid_request shown by the hub (${answer.response.headers.get('content-type')}): ${body.replace(/\s+/g, ' ').slice(0, 160)}`;
});

process.exit(failures === 0 ? 0 : 1);
