/** A small client for the REST API over real HTTP (tests only). */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  type: string;
  body: Record<string, unknown> & { data?: unknown; code?: string };
}

export async function apiCall(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { unparsed: text };
  }
  return { status: res.status, headers: res.headers, type: res.headers.get('content-type') ?? '', body: parsed };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export async function apiLogin(base: string, email: string, password = 'secret-123', organization?: string): Promise<Tokens> {
  const res = await apiCall(base, 'POST', '/auth/login', { body: { email, password, ...(organization ? { organization } : {}) } });
  if (res.status !== 200) throw new Error(`API login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as unknown as Tokens;
}
