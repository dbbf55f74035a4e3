// The control API (/admin/v1): bearer token, JSON in and out, RFC 9457 problems turned into ApiError.
import { clearSession, session } from './auth.js';
import { language, t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  get code() {
    return this.problem.code ?? (this.status ? `http.${this.status}` : 'network');
  }

  /** Field errors of a 400 (`errors`), [] otherwise. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** The problem's message in the console's language, falling back to its title and detail. */
export function problemMessage(problem) {
  const message = problem?.message;
  const localized = language() === 'en' ? message?.en ?? message?.vi : message?.vi ?? message?.en;
  return localized || problem?.detail || problem?.title || t('error.network');
}

/** A field error's message in the console's language. */
export function fieldErrorMessage(error) {
  return (language() === 'en' ? error.messageEn ?? error.message : error.messageVi ?? error.message) || error.reason;
}

/** Raised when there is no valid session: the app shows the sign-in screen. */
export class SignInRequired extends Error {}

/**
 * Calls the API. Returns { data, etag, status }; throws ApiError for any non-2xx answer and SignInRequired when the
 * session is missing or the hub no longer accepts the token.
 */
export async function api(method, path, { body, ifMatch } = {}) {
  const current = session();
  if (!current) {
    throw new SignInRequired();
  }
  const headers = { Authorization: `Bearer ${current.accessToken}`, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch !== undefined && ifMatch !== null) {
    headers['If-Match'] = ifMatch;
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, { code: 'network', message: { vi: t('error.network'), en: t('error.network') } });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { title: text.slice(0, 200) };
    }
  }

  if (response.status === 401) {
    clearSession();
    throw new SignInRequired();
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/**
 * What operators call each source ({ business: { vi, en }, … }), from the adapters list; {} when it cannot be read
 * (a page then shows the ids it has).
 */
export async function sourceNames() {
  try {
    const { data } = await api('GET', '/admin/v1/adapters');
    return Object.fromEntries((data ?? []).map((adapter) => [adapter.source, adapter.name]));
  } catch (error) {
    if (error instanceof SignInRequired) {
      throw error;
    }
    return {};
  }
}
