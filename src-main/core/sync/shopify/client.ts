import { hasLongDigitRun, isPlatformId, scrubCardNumbers } from '../../../../src-shared/security/pan';
import { ConnectorError } from '../connector';
import { SHOPIFY_API_VERSION } from './version';

/**
 * One Admin GraphQL call at a time, paced by the cost bucket the platform
 * reports (`extensions.cost.throttleStatus`) so a long run is not throttled,
 * and patient when it is: THROTTLED waits for the bucket, 429 waits for
 * Retry-After, 5xx and dropped connections retry with exponential backoff and
 * full jitter. Every answer is scrubbed of card numbers as soon as it is parsed.
 */
export interface ShopifyClientOptions {
  /** https://shop.myshopify.com, or the emulator's http://127.0.0.1:PORT */
  shopUrl: string;
  token: string;
  version?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Attempts for 5xx and network errors before giving up (throttling is waited out, not counted). */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  onWait?: (reason: 'pacing' | 'throttled' | 'retry-after' | 'backoff', ms: number, detail?: string) => void;
}

interface ThrottleStatus { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[] | string;
  extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: ThrottleStatus } };
}

export const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Keys whose values are platform ids or opaque cursors: digit runs in them are not card numbers. */
const ID_KEYS = new Set(['id', 'endCursor', 'startCursor', 'cursor', 'legacyResourceId']);

/**
 * Masks card numbers in every string of a parsed payload, except ids and cursors:
 * fields named as ids, and values that are a whole platform id (isPlatformId: a
 * note that merely starts with "gid://" is text and is scrubbed).
 */
export function scrubPayload<T>(value: T, key = ''): T {
  // Most strings hold no run of 13+ digits, where alone the scrub could find a card: a sampled scan
  // says so for a fraction of the regex's cost (every string of every answer passes through here).
  if (typeof value === 'string') return (!hasLongDigitRun(value) || ID_KEYS.has(key) || isPlatformId(value) ? value : scrubCardNumbers(value)) as T;
  if (Array.isArray(value)) return value.map((v) => scrubPayload(v, key)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) out[k] = scrubPayload(o[k], k);
    return out as T;
  }
  return value;
}

export function createShopifyClient(opts: ShopifyClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const maxAttempts = opts.maxAttempts ?? 8;
  const base = opts.baseBackoffMs ?? 500;
  const cap = opts.maxBackoffMs ?? 30_000;
  const endpoint = `${opts.shopUrl.replace(/\/+$/, '')}/admin/api/${opts.version ?? SHOPIFY_API_VERSION}/graphql.json`;
  const notify = opts.onWait ?? (() => {});
  /** What the bucket held at the last answer, and when. */
  let bucket: (ThrottleStatus & { at: number }) | null = null;
  /** Last requested cost per query text: what the next call will need in the bucket. */
  const expected = new Map<string, number>();
  const stats = { requests: 0, throttled: 0, retries: 0, waitedMs: 0 };

  const wait = async (reason: Parameters<NonNullable<ShopifyClientOptions['onWait']>>[0], ms: number, signal?: AbortSignal, detail?: string) => {
    if (ms <= 0) return;
    notify(reason, ms, detail);
    stats.waitedMs += ms;
    await sleep(ms, signal);
  };
  const backoff = (attempt: number) => Math.floor(random() * Math.min(cap, base * 2 ** attempt));

  async function pace(query: string, signal?: AbortSignal): Promise<void> {
    if (!bucket) return;
    const need = expected.get(query) ?? 0;
    if (need > bucket.maximumAvailable) throw new ConnectorError('query', `A query costs ${need} points but the shop's bucket holds only ${bucket.maximumAvailable}.`, false);
    const elapsed = (Date.now() - bucket.at) / 1000;
    const available = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + elapsed * bucket.restoreRate);
    if (need > available) await wait('pacing', Math.ceil(((need - available) / bucket.restoreRate) * 1000), signal);
  }

  /**
   * `atMostOnce`: for a mutation the shop cannot recognise when it comes twice (no
   * idempotency key). A dropped connection or a 5xx may have come after the shop
   * applied it, so it is not re-sent here: the error goes back to the outbox,
   * whose next attempt reads the shop's state first. Throttling is still waited
   * out and retried (a throttled request did not run).
   */
  async function request<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal, callOpts: { atMostOnce?: boolean } = {}): Promise<T> {
    const attemptsAllowed = callOpts.atMostOnce ? 1 : maxAttempts;
    let attempt = 0;
    for (;;) {
      await pace(query, signal);
      stats.requests++;
      let res: Response;
      let text: string;
      // One controller per call, tied to the run's signal and a timeout, and untied afterwards.
      const call = new AbortController();
      const onAbort = () => call.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => call.abort(new Error(`no answer within ${opts.timeoutMs ?? 60_000} ms`)), opts.timeoutMs ?? 60_000);
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': opts.token },
          body: JSON.stringify({ query, variables }),
          signal: call.signal,
        });
        text = await res.text();
      } catch (err) {
        if (signal?.aborted) throw signal.reason as Error;
        if (++attempt >= attemptsAllowed) throw new ConnectorError('network', `Cannot reach the shop (${causeOf(err)}) after ${attempt} attempt${attempt === 1 ? '' : 's'}.`, true);
        stats.retries++;
        await wait('backoff', backoff(attempt), signal, causeOf(err));
        continue;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      if (res.status === 401 || res.status === 403) {
        throw new ConnectorError('auth', `The shop refused the access token (${res.status}). Reconnect with a valid Admin API token.`, false);
      }
      if (res.status === 429) {
        stats.throttled++;
        const after = Number(res.headers.get('retry-after'));
        await wait('retry-after', Math.ceil((Number.isFinite(after) && after > 0 ? after : 2) * 1000), signal);
        continue;
      }
      if (res.status >= 500) {
        if (++attempt >= attemptsAllowed) throw new ConnectorError('server', `The shop answered ${res.status} ${attempt === 1 ? 'once' : `${attempt} times in a row`}; will try again later.`, true);
        stats.retries++;
        await wait('backoff', backoff(attempt), signal, `HTTP ${res.status}`);
        continue;
      }
      let body: GraphQLResponse<T>;
      try {
        body = JSON.parse(text) as GraphQLResponse<T>;
      } catch {
        if (++attempt >= attemptsAllowed) throw new ConnectorError('server', `The shop answered ${res.status} with something that is not JSON.`, true);
        await wait('backoff', backoff(attempt), signal, 'not JSON');
        continue;
      }
      if (res.status >= 400) throw new ConnectorError('query', `The shop refused the request (${res.status}): ${scrubCardNumbers(JSON.stringify(body.errors ?? body)).slice(0, 300)}`, false);
      const cost = body.extensions?.cost;
      if (cost) {
        bucket = { ...cost.throttleStatus, at: Date.now() };
        expected.set(query, cost.requestedQueryCost);
      }
      const errors = Array.isArray(body.errors) ? body.errors : body.errors ? [{ message: body.errors }] : [];
      if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
        stats.throttled++;
        const need = cost?.requestedQueryCost ?? 100;
        const status = cost?.throttleStatus;
        const ms = status ? Math.ceil((Math.max(0, need - status.currentlyAvailable) / status.restoreRate) * 1000) + 50 : 1000;
        await wait('throttled', ms, signal);
        continue;
      }
      if (errors.length) {
        const message = errors.map((e) => e.message).join('; ');
        throw new ConnectorError('query', `The shop rejected a query: ${scrubCardNumbers(message).slice(0, 500)}`, false);
      }
      return scrubPayload(body.data as T);
    }
  }

  return { request, stats, endpoint };
}
export type ShopifyClient = ReturnType<typeof createShopifyClient>;

function causeOf(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
