// Retries only what can succeed later: network errors, 429 and 5xx answers, as a fetch Response or as
// an error with a `status` (the OpenAI, Anthropic and Stripe SDKs throw those). At most ATTEMPTS calls;
// before each further call it waits a random time up to BASE_DELAY_MS * 2^n (full jitter), or as long
// as the answer's Retry-After asks when that is longer.
const ATTEMPTS = 4;
const BASE_DELAY_MS = 250;
// A Retry-After longer than this is not waited for: the last answer is returned (or thrown) at once.
const MAX_DELAY_MS = 30_000;
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export interface RetryOptions {
  /** Calls at most, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Stops waiting, and retrying, once aborted. */
  signal?: AbortSignal | null;
}

type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export async function withRetry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? ATTEMPTS));
  const baseDelayMs = options.baseDelayMs ?? BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    let result: T;
    try {
      result = await call(attempt);
    } catch (error) {
      const status = statusOf(error);
      const retryable = status === null ? isNetworkError(error) : isRetryableStatus(status);
      const wait = retryable && attempt < attempts ? delayMs(attempt, baseDelayMs, maxDelayMs, headersOf(error)) : null;
      if (wait === null || options.signal?.aborted) throw error;
      await sleep(wait, options.signal);
      continue;
    }
    if (!isResponse(result) || !isRetryableStatus(result.status) || attempt >= attempts) return result;
    const wait = delayMs(attempt, baseDelayMs, maxDelayMs, result.headers);
    if (wait === null || options.signal?.aborted) return result;
    // An unread body holds its connection until it is collected.
    await result.body?.cancel().catch(() => undefined);
    await sleep(wait, options.signal);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function isResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response;
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** fetch's `TypeError: fetch failed`, a reset or refused connection, an SDK's connection error; not an abort. */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === 'AbortError' || error.name === 'TimeoutError') return false;
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  return error instanceof TypeError || /connection/i.test(error.name) || (typeof code === 'string' && NETWORK_ERROR_CODES.has(code));
}

function headersOf(error: unknown): HeadersLike | null {
  const headers = (error as { headers?: unknown } | null)?.headers;
  return headers && typeof headers === 'object' ? (headers as HeadersLike) : null;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfterMs(headers: HeadersLike | null | undefined): number | null {
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, unknown> | null | undefined)?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Full jitter: a random wait up to the exponential ceiling, but never shorter than Retry-After; null to give up. */
function delayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, headers: HeadersLike | null | undefined): number | null {
  const jittered = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(headers);
  if (asked === null) return jittered;
  return asked > maxDelayMs ? null : Math.max(asked, jittered);
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
