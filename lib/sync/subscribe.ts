/**
 * Fetching one pack URL, defensively. Every failure comes back as a value (never thrown) so the
 * caller can keep the last good version and record the error.
 */
import type { Pack } from '../engine/types';
import { LIMITS } from '../packs/schema';
import { parsePackText } from '../packs/validate';
import type { Problem } from '../packs/path';
import { checkEd25519, sha256Hex } from './verify';

export const FETCH_TIMEOUT_MS = 15_000;
export const SIG_LIMIT_BYTES = 4096;

export interface FetchOptions {
  etag?: string;
  sha256?: string;
  publicKey?: string;
  signatureUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export type FetchOutcome =
  | { kind: 'updated'; pack: Pack; etag?: string; bytes: number; sha256: string }
  | { kind: 'not-modified' }
  | { kind: 'error'; message: string; problems?: Problem[] };

/**
 * HTTPS only. Loopback http (127.0.0.1, ::1, localhost) is accepted too: browsers treat it as a
 * potentially trustworthy origin (it never leaves the machine), and local servers are how tests
 * and pack authors preview a pack.
 */
export function checkUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return undefined;
  return `only https:// URLs are allowed (got ${u.protocol}//${u.host})`;
}

async function readLimited(res: Response, max: number, signal: AbortSignal): Promise<Uint8Array | string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) return `pack is ${(declared / 1048576).toFixed(1)} MB; the limit is ${max / 1048576} MB`;
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.length > max ? `pack is over the ${max / 1048576} MB limit` : buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return `pack is over the ${max / 1048576} MB limit`;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function fetchWithTimeout(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  body: (res: Response, signal: AbortSignal) => Promise<FetchOutcome>,
): Promise<FetchOutcome> {
  const ctrl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<FetchOutcome>((resolve) => {
    timer = setTimeout(() => {
      ctrl.abort();
      resolve({ kind: 'error', message: `timed out after ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
  });
  const work = (async (): Promise<FetchOutcome> => {
    try {
      const res = await fetchImpl(url, { ...init, signal: ctrl.signal, redirect: 'follow', credentials: 'omit', cache: 'no-cache' });
      return await body(res, ctrl.signal);
    } catch (e) {
      if (ctrl.signal.aborted) return { kind: 'error', message: `timed out after ${Math.round(timeoutMs / 1000)} s` };
      return { kind: 'error', message: `network error: ${(e as Error).message || String(e)}` };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function redirectProblem(res: Response): string | undefined {
  // fetch follows redirects; refuse the result if any hop left HTTPS (res.url is the final URL).
  if (res.url && checkUrl(res.url)) return `redirected to a non-HTTPS URL (${res.url}); refused`;
  return undefined;
}

export async function fetchPack(url: string, opts: FetchOptions = {}): Promise<FetchOutcome> {
  const bad = checkUrl(url);
  if (bad) return { kind: 'error', message: bad };
  const fetchImpl = opts.fetchImpl ?? fetch.bind(globalThis);
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const max = opts.maxBytes ?? LIMITS.bytes;
  const headers: Record<string, string> = { Accept: 'application/yaml, application/json, text/plain, */*' };
  if (opts.etag) headers['If-None-Match'] = opts.etag;

  const got = await fetchWithTimeout(fetchImpl, url, { headers }, timeoutMs, async (res, signal) => {
    const redirect = redirectProblem(res);
    if (redirect) return { kind: 'error', message: redirect };
    if (res.status === 304) return { kind: 'not-modified' };
    if (!res.ok) return { kind: 'error', message: `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}` };
    const body = await readLimited(res, max, signal);
    if (typeof body === 'string') return { kind: 'error', message: body };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { kind: 'error', message: 'pack is not valid UTF-8 text' };
    }
    const hash = await sha256Hex(body);
    if (opts.sha256 && opts.sha256.toLowerCase() !== hash) {
      return { kind: 'error', message: `sha256 pin mismatch: expected ${opts.sha256.toLowerCase()}, got ${hash}` };
    }
    if (opts.publicKey) {
      const sigUrl = opts.signatureUrl ?? `${url}.sig`;
      const sig = await fetchSignature(fetchImpl, sigUrl, timeoutMs);
      if (sig.error) return { kind: 'error', message: sig.error };
      const problem = await checkEd25519(opts.publicKey, sig.text!, body);
      if (problem) return { kind: 'error', message: problem };
    }
    const parsed = parsePackText(text);
    if (!parsed.ok) return { kind: 'error', message: `pack is invalid (${parsed.problems.length} problem${parsed.problems.length > 1 ? 's' : ''})`, problems: parsed.problems };
    return { kind: 'updated', pack: parsed.pack, etag: res.headers.get('etag') ?? undefined, bytes: body.length, sha256: hash };
  });
  return got;
}

async function fetchSignature(fetchImpl: typeof fetch, url: string, timeoutMs: number): Promise<{ text?: string; error?: string }> {
  const bad = checkUrl(url);
  if (bad) return { error: `signature URL: ${bad}` };
  let text: string | undefined;
  const r = await fetchWithTimeout(fetchImpl, url, {}, timeoutMs, async (res, signal) => {
    const redirect = redirectProblem(res);
    if (redirect) return { kind: 'error', message: `signature ${redirect}` };
    if (!res.ok) return { kind: 'error', message: `signature: HTTP ${res.status}` };
    const body = await readLimited(res, SIG_LIMIT_BYTES, signal);
    if (typeof body === 'string') return { kind: 'error', message: 'signature file is too large' };
    text = new TextDecoder().decode(body);
    return { kind: 'not-modified' };
  });
  if (r.kind === 'error') return { error: r.message.startsWith('signature') ? r.message : `signature: ${r.message}` };
  return { text };
}

/** Retry delay after n consecutive failures: 1, 2, 4 … minutes, capped at the check interval. */
export function backoffMinutes(failures: number, capMinutes: number): number {
  return Math.min(capMinutes, 2 ** Math.max(0, Math.min(failures - 1, 20)));
}
