import { authHeaders, credentials, setCredentials, type Credentials } from './session';

/** An API failure with the server's explanation in words. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly body: unknown = null) {
    super(message);
  }
}

/** The sentence to show for an error body in any of Chatwoot's shapes. */
export function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.message === 'string' && b.message) {
      return b.message;
    }
    if (typeof b.error === 'string' && b.error) {
      return b.error;
    }
    if (Array.isArray(b.errors) && b.errors.length > 0) {
      return b.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join(', ');
    }
    if (b.errors && typeof b.errors === 'object') {
      const full = (b.errors as Record<string, unknown>).full_messages;
      if (Array.isArray(full)) {
        return full.join(', ');
      }
    }
  }
  if (status === 0) {
    return 'Parley cannot be reached. Check your connection and try again.';
  }
  if (status === 401) {
    return 'Your session has ended. Please sign in again.';
  }
  if (status === 404) {
    return 'This item does not exist or you have no access to it.';
  }
  if (status === 413) {
    return 'The file is too large.';
  }
  if (status === 429) {
    return 'Too many requests. Wait a moment and try again.';
  }
  return status >= 500 ? 'Parley had a problem handling this. Try again in a moment.' : `The request failed (${status}).`;
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined | null | Array<string | number>>;
  /** When false a 401 does not end the session (sign-in forms). */
  signOutOn401?: boolean;
  /** Credentials to use instead of the session's (checking a token before keeping it). */
  credentials?: Credentials;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (Array.isArray(value)) {
      value.forEach((v) => params.append(`${key}[]`, String(v)));
    } else if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** devise_token_auth may hand out a fresh token on a response; keep it. */
function keepRotatedToken(response: Response): void {
  const c = credentials();
  const accessToken = response.headers.get('access-token');
  if (c?.kind === 'devise' && accessToken && accessToken !== c.accessToken) {
    setCredentials({ ...c, accessToken, client: response.headers.get('client') ?? c.client });
  }
}

/** Calls Parley's API with the session's credentials; throws ApiError with words on failure. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ data: T; response: Response }> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(options.credentials ?? credentials()) };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), { method, headers, body });
  } catch {
    throw new ApiError(0, messageOf(0, null));
  }
  keepRotatedToken(response);
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.signOutOn401 !== false && credentials()) {
      const message = messageOf(401, data);
      if (/sign in|Invalid Access Token|session/i.test(message)) {
        setCredentials(null);
      }
    }
    throw new ApiError(response.status, messageOf(response.status, data), data);
  }
  return { data: data as T, response };
}

/** `request` returning only the body. */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await request<T>(method, path, options)).data;
}

/** Fetches a file with the session's credentials (CSV exports, failed-rows reports) and saves it. */
export async function download(method: string, path: string, fallbackName: string, body?: unknown): Promise<void> {
  const headers: Record<string, string> = { ...authHeaders(credentials()), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, messageOf(0, null));
  }
  if (!response.ok) {
    const text = await response.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, messageOf(response.status, data), data);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
