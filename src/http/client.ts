// One HTTP client for every adapter, tuned for a cron job: short timeouts, bounded retries that honour
// Retry-After, a cap on the *decoded* body, 1–2 connections per host, and typed failures.
import { Agent, request, type Dispatcher } from "undici";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { redact } from "../util/redact.js";

export type HttpFailure =
  "status" | "timeout" | "network" | "too-large" | "redirects" | "retry-later" | "aborted";

export class HttpError extends Error {
  constructor(
    readonly failure: HttpFailure,
    message: string,
    readonly url: string,
    readonly response?: HttpResponse,
    /** For retry-later: when the server said to come back (ISO). */
    readonly retryAt?: string,
  ) {
    super(redact(message));
  }
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
}

export interface HttpClientOptions {
  timeoutMs: number;
  retries: number;
  connectionsPerHost: number;
  maxBodyBytes: number;
  userAgent: string;
  /** Base delay of the exponential backoff between retries. */
  backoffMs?: number;
  /** Longest single wait between retries unless Retry-After asks for more. */
  maxBackoffMs?: number;
  random?: () => number;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT";
  headers?: Record<string, string>;
  body?: string;
  /** Epoch ms after which no retry is attempted and no wait may reach. */
  deadline?: number;
  signal?: AbortSignal;
  /** Statuses that are answers, not failures (the adapter reads their bodies). */
  okStatuses?: number[];
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class HttpClient {
  private readonly agent: Agent;
  private readonly opts: Required<HttpClientOptions>;
  /** Requests actually sent (retries included): the benchmark and tests read it. */
  requests = 0;

  constructor(options: HttpClientOptions) {
    this.opts = { backoffMs: 500, maxBackoffMs: 8000, random: Math.random, ...options };
    this.agent = new Agent({
      connections: options.connectionsPerHost,
      pipelining: 1,
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 4000,
    });
  }

  /**
   * A view of this client with its own request counter (one per source), sharing the connection
   * pool, so that per-host limits hold across sources running at the same time.
   */
  child(): HttpClient {
    const view = Object.create(this) as HttpClient;
    view.requests = 0;
    return view;
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }

  async getText(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.send(url, options);
  }

  /** GET and parse JSON; a body that is not JSON is an `invalid-response`-worthy HttpError. */
  async getJson(
    url: string,
    options: RequestOptions = {},
  ): Promise<{ data: unknown; response: HttpResponse }> {
    const response = await this.send(url, {
      ...options,
      headers: { accept: "application/json", ...options.headers },
    });
    return { data: parseJsonBody(response), response };
  }

  async send(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const method = options.method ?? "GET";
    const idempotent = method !== "POST";
    let attempt = 0;
    for (;;) {
      try {
        const res = await this.followRedirects(url, options);
        if (res.status >= 200 && res.status < 300) return res;
        if (options.okStatuses?.includes(res.status)) return res;
        if (idempotent && RETRY_STATUSES.has(res.status) && attempt < this.opts.retries) {
          await this.waitBeforeRetry(attempt, res, url, options);
          attempt++;
          continue;
        }
        if (res.status === 429 || res.status === 503) {
          const retryAt = retryAfterAt(res.headers["retry-after"], Date.now());
          if (retryAt)
            throw new HttpError(
              "retry-later",
              `HTTP ${res.status}`,
              url,
              res,
              new Date(retryAt).toISOString(),
            );
        }
        throw new HttpError("status", `HTTP ${res.status}`, url, res);
      } catch (err) {
        if (err instanceof HttpError && err.failure !== "network" && err.failure !== "timeout") throw err;
        const failure = err instanceof HttpError ? err : toHttpError(err, url, options.signal);
        if (failure.failure === "aborted") throw failure;
        if (!idempotent || attempt >= this.opts.retries) throw failure;
        await this.waitBeforeRetry(attempt, undefined, url, options);
        attempt++;
      }
    }
  }

  private async waitBeforeRetry(
    attempt: number,
    res: HttpResponse | undefined,
    url: string,
    options: RequestOptions,
  ) {
    const now = Date.now();
    // Exponential backoff with jitter (50–100 % of the step) so parallel runs do not retry in step.
    const step = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** attempt);
    let wait = step * (0.5 + this.opts.random() * 0.5);
    const retryAt = res ? retryAfterAt(res.headers["retry-after"], now) : null;
    // Never earlier than the server asked.
    if (retryAt != null) wait = Math.max(wait, retryAt - now);
    if (options.deadline != null && now + wait > options.deadline) {
      const at = new Date(retryAt ?? now + wait).toISOString();
      throw new HttpError(
        "retry-later",
        res ? `HTTP ${res.status}, asked to retry after ${at}` : "no time left to retry",
        url,
        res,
        at,
      );
    }
    await sleep(wait, options.signal);
  }

  private async followRedirects(url: string, options: RequestOptions): Promise<HttpResponse> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await this.once(current, options);
      if (!REDIRECTS.has(res.status)) return res;
      const location = res.headers["location"];
      if (!location) return res;
      const next = new URL(location, current);
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new HttpError("network", `redirected to a non-HTTP address`, url);
      }
      current = next.toString();
    }
    throw new HttpError("redirects", `more than ${MAX_REDIRECTS} redirects`, url);
  }

  private async once(url: string, options: RequestOptions): Promise<HttpResponse> {
    const signals: AbortSignal[] = [];
    // An overall cap per request on top of undici's per-phase timeouts, so a body that drips one
    // byte at a time cannot hold a source forever.
    let overall = this.opts.timeoutMs * 3;
    if (options.deadline != null) overall = Math.max(1, Math.min(overall, options.deadline - Date.now()));
    signals.push(AbortSignal.timeout(overall));
    if (options.signal) signals.push(options.signal);
    const signal = AbortSignal.any(signals);
    this.requests++;
    const res = await request(url, {
      method: options.method ?? "GET",
      dispatcher: this.agent as Dispatcher,
      headers: {
        "user-agent": this.opts.userAgent,
        "accept-encoding": "gzip, deflate, br",
        ...(options.body != null ? { "content-type": "application/json" } : {}),
        ...options.headers,
      },
      body: options.body,
      signal,
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v != null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    }
    if (REDIRECTS.has(res.statusCode)) {
      res.body.resume();
      return { status: res.statusCode, headers, body: "", url };
    }
    const body = await readCapped(res.body, headers["content-encoding"], this.opts.maxBodyBytes, url);
    return { status: res.statusCode, headers, body, url };
  }
}

async function readCapped(
  stream: Readable,
  encoding: string | undefined,
  cap: number,
  url: string,
): Promise<string> {
  let decoded: Readable = stream;
  const enc = encoding?.trim().toLowerCase();
  if (enc === "gzip" || enc === "x-gzip") decoded = stream.pipe(zlib.createGunzip());
  else if (enc === "deflate") decoded = stream.pipe(zlib.createInflate());
  else if (enc === "br") decoded = stream.pipe(zlib.createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > cap) {
        stream.destroy();
        decoded.destroy();
        throw new HttpError(
          "too-large",
          `the response is larger than ${Math.round(cap / 1048576)} MB once decoded`,
          url,
        );
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    stream.destroy();
    throw toHttpError(err, url);
  }
  // Invalid UTF-8 becomes U+FFFD rather than an exception.
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

export function parseJsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    throw new HttpError("status", "the response is not valid JSON", response.url, response);
  }
}

function toHttpError(err: unknown, url: string, signal?: AbortSignal): HttpError {
  if (err instanceof HttpError) return err;
  if (signal?.aborted) return new HttpError("aborted", "the run was interrupted", url);
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? "";
  if (
    e.name === "TimeoutError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "ETIMEDOUT"
  ) {
    return new HttpError("timeout", "the site did not answer in time", url);
  }
  if (e.name === "AbortError") return new HttpError("timeout", "the site did not answer in time", url);
  const detail = code || e.message || "connection failed";
  return new HttpError("network", `could not reach the site (${detail})`, url);
}

/** Retry-After as seconds or an HTTP date → epoch ms, or null. */
export function retryAfterAt(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return now + Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new HttpError("aborted", "the run was interrupted", ""));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new HttpError("aborted", "the run was interrupted", ""));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
