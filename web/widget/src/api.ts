// The widget API client: every call names the website and carries the visitor's token.
export type Json = Record<string, any>;

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: Json) {
    super(typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

export const session = {
  websiteToken: '',
  authToken: '',
  locale: 'en',
};

/** Calls `/api/v1/widget<path>`; JSON in and out (FormData for uploads). */
export async function api(method: string, path: string, body?: Json | FormData, query: Record<string, string | number | undefined> = {}): Promise<any> {
  const params = new URLSearchParams({ website_token: session.websiteToken, locale: session.locale });
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const headers: Record<string, string> = session.authToken ? { 'X-Auth-Token': session.authToken } : {};
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api/v1/widget${path}?${params}`, { method, headers, body: payload });
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) {
    throw new ApiError(res.status, data);
  }
  return data;
}
