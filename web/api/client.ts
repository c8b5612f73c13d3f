/**
 * A small typed client of the REST API over fetch. The session cookie travels by itself
 * (same origin, HttpOnly); changes carry the session's CSRF token in `X-CSRF-Token`; error
 * answers (RFC 9457 problem+json) become `ApiError`s that name the failing fields.
 * No dependency beyond fetch: the tests run it against a real server from Node.
 */

export interface FieldError {
  /** The JSON path of the failing field, as the API names it (`coChairs.0.personId`). */
  field: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** A refused or failed request: the problem+json the API answered, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];

  constructor(status: number, body: ProblemBody) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = body.type ?? 'about:blank';
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
  }

  /** The message for one field, matched by its path or as the parent of a nested path. */
  fieldError(field: string): string | undefined {
    return (this.errors.find((e) => e.field === field) ?? this.errors.find((e) => e.field.startsWith(`${field}.`)))?.message;
  }

  static readonly NETWORK = 'urn:entente:client:network';
}

function isFieldError(e: unknown): e is FieldError {
  return typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string';
}

export type Query = Record<string, string | number | boolean | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const CHANGES: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ClientOptions {
  /** Where the API is: '' in the browser (same origin), a full URL from Node. */
  origin?: string;
  /** The fetch to use; the browser's by default. */
  fetch?: typeof fetch;
}

export class ApiClient {
  private csrfToken: string | undefined;
  private readonly origin: string;
  private readonly fetchFn: typeof fetch;

  constructor(opts: ClientOptions = {}) {
    this.origin = opts.origin ?? '';
    // Bound: the browser's fetch refuses to be called on another object.
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The session's CSRF token, as sign-in and GET /api/v1/session answer it (undefined when signed out). */
  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.json<T>('GET', withQuery(path, query), undefined, signal);
  }

  post<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.json<T>('POST', path, body, signal);
  }

  put<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.json<T>('PUT', path, body, signal);
  }

  patch<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.json<T>('PATCH', path, body, signal);
  }

  delete(path: string, signal?: AbortSignal): Promise<void> {
    return this.json<void>('DELETE', path, undefined, signal);
  }

  /** A plain-text answer (signed checkpoints are C2SP notes, not JSON). */
  async text(path: string, signal?: AbortSignal): Promise<string> {
    const res = await this.send('GET', path, undefined, signal, 'text/plain');
    return res.text();
  }

  private async json<T>(method: Method, path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    const res = await this.send(method, path, body, signal, 'application/json');
    if (res.status === 204) return undefined as T;
    // Some answers are plain text even to a change (POST …/checkpoint answers the signed note).
    if (!/json/.test(res.headers.get('content-type') ?? '')) return (await res.text()) as T;
    return (await res.json()) as T;
  }

  private async send(method: Method, path: string, body: unknown, signal: AbortSignal | undefined, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept: `${accept}, application/problem+json` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (CHANGES.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.origin}/api/v1${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiError(0, { type: ApiError.NETWORK, detail: err instanceof Error ? err.message : String(err) });
    }
    if (!res.ok) throw new ApiError(res.status, await problemOf(res));
    return res;
  }
}

async function problemOf(res: Response): Promise<ProblemBody> {
  const type = res.headers.get('content-type') ?? '';
  if (/^application\/(problem\+)?json/.test(type)) {
    try {
      const body: unknown = await res.json();
      if (typeof body === 'object' && body !== null) return body as ProblemBody;
    } catch {
      // A body that is not JSON after all: the status alone says what happened.
    }
  }
  return { title: res.statusText, status: res.status };
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}
