// Retries only what can succeed later: network errors, 429 and 5xx answers, as a fetch Response or as
// an error with a `status` (the OpenAI, Anthropic and Stripe SDKs throw those). At most ATTEMPTS calls;
// before each further call it waits a random time up to BASE_DELAY_MS * 2^n (full jitter), or as long
// as the answer's Retry-After asks when that is longer.
const ATTEMPTS = 3;
const BASE_DELAY_MS = 500;
// A Retry-After longer than this is not waited for: the last answer is returned (or thrown) at once.
const MAX_DELAY_MS = 30_000;
const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export async function withRetry(call, options = {}) {
  const attempts = Math.max(1, Math.floor(options.attempts ?? ATTEMPTS));
  const baseDelayMs = options.baseDelayMs ?? BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    let result;
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

function isRetryableStatus(status) {
  return status === 429 || status >= 500;
}

function isResponse(value) {
  return typeof Response !== 'undefined' && value instanceof Response;
}

function statusOf(error) {
  const status = error?.status ?? error?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** fetch's `TypeError: fetch failed`, a reset or refused connection, an SDK's connection error; not an abort. */
function isNetworkError(error) {
  if (!(error instanceof Error) || error.name === 'AbortError' || error.name === 'TimeoutError') return false;
  const code = error.code ?? error.cause?.code;
  return error instanceof TypeError || /connection/i.test(error.name) || (typeof code === 'string' && NETWORK_ERROR_CODES.has(code));
}

function headersOf(error) {
  const headers = error?.headers;
  return headers && typeof headers === 'object' ? headers : null;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfterMs(headers) {
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Full jitter: a random wait up to the exponential ceiling, but never shorter than Retry-After; null to give up. */
function delayMs(attempt, baseDelayMs, maxDelayMs, headers) {
  const jittered = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  const asked = retryAfterMs(headers);
  if (asked === null) return jittered;
  return asked > maxDelayMs ? null : Math.max(asked, jittered);
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
