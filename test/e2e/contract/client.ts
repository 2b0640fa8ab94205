/** A tiny fetch wrapper: every request is bounded by a timeout and every response is kept for the global checks. */
import { connect } from 'node:net';

export interface HttpResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  /** Response text, cut at 4 KiB: enough for diagnostics and leak checks. */
  readonly text: string;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly body: unknown;
}

export interface RequestOptions {
  /** Sent as `application/json`. */
  readonly json?: unknown;
  /** Sent verbatim (malformed JSON, text/plain, oversized bodies). */
  readonly raw?: string;
  readonly contentType?: string;
  /** undefined → the client's default token; null → no Authorization header at all. */
  readonly token?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

const TEXT_LIMIT = 4096;

export class HttpClient {
  readonly seen: HttpResponse[] = [];
  /** Bearer token sent by default once a user is logged in (auth: jwt). */
  defaultToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*', ...options.headers };
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    const token = options.token === undefined ? this.defaultToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;

    const url = /^https?:\/\//.test(path) ? path : this.baseUrl + path;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
      throw new Error(`${method} ${path} failed without a response (${cause})`);
    }
    const fullText = await response.text().catch(() => '');
    const contentType = response.headers.get('content-type') ?? '';
    const result: HttpResponse = {
      method,
      path: url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) || '/' : url,
      status: response.status,
      headers: response.headers,
      contentType,
      text: fullText.slice(0, TEXT_LIMIT),
      body: parseJson(fullText),
    };
    this.seen.push(result);
    return result;
  }

  /**
   * HEAD on a connection of its own, read to its end: fetch hides whatever a server sends after a HEAD answer's
   * headers, and a body there would corrupt the next answer on a kept-alive connection. `text` holds those bytes.
   */
  async head(path: string, options: Pick<RequestOptions, 'token'> = {}): Promise<HttpResponse> {
    const { hostname, port } = new URL(this.baseUrl);
    const token = options.token === undefined ? this.defaultToken : options.token;
    const request = `HEAD ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}Connection: close\r\n\r\n`;
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect({ host: hostname, port: Number(port) });
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error(`HEAD ${path}: no end of answer within ${this.timeoutMs} ms`)));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
      socket.write(request);
    });
    const end = answer.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = answer.subarray(0, end < 0 ? answer.length : end).toString('latin1').split('\r\n');
    const headers = new Headers();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    const result: HttpResponse = {
      method: 'HEAD',
      path,
      status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
      headers,
      contentType: headers.get('content-type') ?? '',
      text: end < 0 ? '' : answer.subarray(end + 4).toString('latin1').slice(0, TEXT_LIMIT),
      body: undefined,
    };
    this.seen.push(result);
    return result;
  }

  get(path: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('GET', path, options);
  }
  post(path: string, json: unknown, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('POST', path, { ...options, json });
  }
  patch(path: string, json: unknown, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('PATCH', path, { ...options, json });
  }
  delete(path: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('DELETE', path, options);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` — ${cause.message}` : '';
}

/** `POST /api/pets → 400 {"title":…}`: the one-line description used in every failure message. */
export function describe(res: HttpResponse): string {
  const text = res.text.replace(/\s+/g, ' ').slice(0, 300);
  return `${res.method} ${res.path} → ${res.status}${text ? ` ${text}` : ''}`;
}
