// The edit form's settings model: which settings have their own field, what is left for the JSON editor, and the
// JSON merge patch (RFC 7396) from the current settings to the edited ones. Keys are matched case-insensitively,
// as the API does.

/** The settings with a field of their own, by their path in `settings` (also the API's error field names). */
export const formFields = [
  { path: 'baseUrl', label: 'adapters.baseUrl', kind: 'text' },
  { path: 'attemptTimeout', label: 'adapter.attemptTimeout', kind: 'time' },
  { path: 'totalTimeout', label: 'adapter.totalTimeout', kind: 'time' },
  { path: 'retry.maxRetryAttempts', label: 'adapter.maxRetryAttempts', kind: 'int' },
  { path: 'concurrency.permitLimit', label: 'adapter.permitLimit', kind: 'int' },
  { path: 'concurrency.queueLimit', label: 'adapter.queueLimit', kind: 'int' },
  { path: 'credentialsSecret', label: 'adapter.credentialsSecret', kind: 'text', optional: true, hint: 'adapter.credentialsHint' },
];

/** The rate limit block: off (null) or on with these fields. */
export const rateLimitFields = [
  { path: 'rateLimit.permitLimit', label: 'adapter.ratePermitLimit', kind: 'int' },
  { path: 'rateLimit.window', label: 'adapter.rateWindow', kind: 'time' },
];

/** Handled elsewhere, so neither in the form nor in the JSON editor: enable/disable has its own buttons. */
const elsewhere = ['enabled'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export function findKey(object, name) {
  if (!isObject(object)) {
    return undefined;
  }
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

export function getPath(object, path) {
  let current = object;
  for (const part of path.split('.')) {
    const key = findKey(current, part);
    if (key === undefined) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

export function setPath(object, path, value) {
  const parts = path.split('.');
  let current = object;
  for (const part of parts.slice(0, -1)) {
    const key = findKey(current, part) ?? part;
    if (!isObject(current[key])) {
      current[key] = {};
    }
    current = current[key];
  }
  const last = parts[parts.length - 1];
  current[findKey(current, last) ?? last] = value;
}

function deletePath(object, path) {
  const parts = path.split('.');
  const parentPath = parts.slice(0, -1);
  let parent = object;
  for (const part of parentPath) {
    const key = findKey(parent, part);
    if (key === undefined || !isObject(parent[key])) {
      return;
    }
    parent = parent[key];
  }
  const key = findKey(parent, parts[parts.length - 1]);
  if (key !== undefined) {
    delete parent[key];
  }
  // An object left empty by the form's fields (e.g. concurrency) is not shown in the JSON editor.
  if (parentPath.length > 0 && Object.keys(parent).length === 0) {
    deletePath(object, parentPath.join('.'));
  }
}

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Whether the API marks `path` as fixed by the deployment (`readOnly`: names of secrets, key files, trust anchors). */
export const isReadOnly = (readOnly, path) => (readOnly ?? []).some((p) => p.toLowerCase() === path.toLowerCase());

/** What the JSON editor shows: the settings less those with a field of their own and those fixed by the deployment. */
export function otherSettings(settings, readOnly = []) {
  const rest = clone(settings) ?? {};
  for (const field of formFields) {
    deletePath(rest, field.path);
  }
  for (const path of readOnly) {
    deletePath(rest, path);
  }
  deletePath(rest, 'rateLimit');
  for (const path of elsewhere) {
    deletePath(rest, path);
  }
  return rest;
}

/** The edited settings: the JSON editor's object with the form's values (and the untouched ones) put back. */
export function editedSettings(settings, other, values, rateLimitOn, readOnly = []) {
  const next = clone(other);
  for (const field of formFields) {
    setPath(next, field.path, values[field.path]);
  }
  // What the deployment fixes goes back as it is: the form never asks to change it.
  for (const path of readOnly) {
    const value = getPath(settings, path);
    if (value === undefined) {
      deletePath(next, path);
    } else {
      setPath(next, path, clone(value));
    }
  }
  if (rateLimitOn) {
    const rate = clone(getPath(settings, 'rateLimit')) ?? {};
    for (const field of rateLimitFields) {
      setPath(rate, field.path.slice('rateLimit.'.length), values[field.path]);
    }
    setPath(next, 'rateLimit', rate);
  } else {
    setPath(next, 'rateLimit', null);
  }
  for (const path of elsewhere) {
    const value = getPath(settings, path);
    if (value !== undefined) {
      setPath(next, path, value);
    }
  }
  return next;
}

export function deepEqual(a, b) {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => findKey(b, key) !== undefined && deepEqual(a[key], b[findKey(b, key)]));
  }
  return false;
}

/** The JSON merge patch that turns `from` into `to` (null removes a key; arrays are replaced whole). */
export function mergePatch(from, to) {
  const patch = {};
  for (const key of Object.keys(to)) {
    const fromKey = findKey(from, key);
    const before = fromKey === undefined ? undefined : from[fromKey];
    const after = to[key];
    if (isObject(before) && isObject(after)) {
      const inner = mergePatch(before, after);
      if (Object.keys(inner).length > 0) {
        patch[key] = inner;
      }
    } else if (!(before === undefined && after === null) && !deepEqual(before, after)) {
      patch[key] = after;
    }
  }
  for (const key of Object.keys(from ?? {})) {
    if (findKey(to, key) === undefined) {
      patch[key] = null;
    }
  }
  return patch;
}

/** A field's typed value: whole numbers as numbers; anything else as typed, for the API to judge and explain. */
export function readValue(field, raw) {
  const text = raw.trim();
  if (field.kind === 'int' && /^-?\d+$/.test(text)) {
    return Number(text);
  }
  if (field.optional && text === '') {
    return null;
  }
  return text;
}

/** An API error's field as a form path: "changes.Retry.MaxRetryAttempts" → "retry.maxretryattempts". */
export function normalizeField(field) {
  return String(field ?? '').replace(/^(\$\.)?(changes|settings|accessRights)\./i, '').toLowerCase();
}
