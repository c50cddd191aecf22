/**
 * Administrator policy from browser.storage.managed (Chrome: /etc/chromium/policies/managed/*.json,
 * Windows registry, Google Admin console; Firefox: policies.json → 3rdparty.Extensions).
 * The shape is described for the browser in public/managed_schema.json; it is validated again
 * here, leniently: a bad entry is reported and skipped, the rest still applies.
 */
import { z } from 'zod';
import { checkUrl } from './subscribe';

export interface PolicyPackUrl {
  url: string;
  sha256?: string;
  publicKey?: string;
  signatureUrl?: string;
}

export interface Policy {
  packUrls: PolicyPackUrl[];
  /** Pack texts (YAML or JSON), as strings: managed schemas cannot describe free-form objects. */
  inlinePacks: string[];
  disabledRules: string[];
  sites: string[];
  /** When true, agents cannot switch forced packs (or their rules) off, nor re-enable rules the policy disabled. */
  lock: boolean;
  checkIntervalMinutes?: number;
  /** Problems found in the policy itself. */
  problems: string[];
}

export const EMPTY_POLICY: Policy = { packUrls: [], inlinePacks: [], disabledRules: [], sites: [], lock: false, problems: [] };

const urlEntry = z.strictObject({
  url: z.string(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hex digits').optional(),
  publicKey: z.string().min(1).optional(),
  signatureUrl: z.string().optional(),
});

export function parsePolicy(raw: unknown): Policy {
  const p: Policy = { ...EMPTY_POLICY, packUrls: [], inlinePacks: [], disabledRules: [], sites: [], problems: [] };
  if (!raw || typeof raw !== 'object') return p;
  const r = raw as Record<string, unknown>;
  const strings = (key: string): string[] => {
    const v = r[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      p.problems.push(`${key}: must be a list`);
      return [];
    }
    return v.filter((x, i) => {
      if (typeof x === 'string' && x.trim()) return true;
      p.problems.push(`${key}[${i}]: must be a non-empty string`);
      return false;
    }) as string[];
  };
  if (r.packUrls !== undefined) {
    if (!Array.isArray(r.packUrls)) p.problems.push('packUrls: must be a list');
    else
      r.packUrls.forEach((e, i) => {
        const parsed = urlEntry.safeParse(typeof e === 'string' ? { url: e } : e);
        if (!parsed.success) {
          p.problems.push(`packUrls[${i}]: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(entry)'} ${x.message}`).join('; ')}`);
          return;
        }
        const bad = checkUrl(parsed.data.url) ?? (parsed.data.signatureUrl ? checkUrl(parsed.data.signatureUrl) : undefined);
        if (bad) {
          p.problems.push(`packUrls[${i}]: ${bad}`);
          return;
        }
        const d = parsed.data;
        p.packUrls.push({ url: d.url, ...(d.sha256 && { sha256: d.sha256.toLowerCase() }), ...(d.publicKey && { publicKey: d.publicKey }), ...(d.signatureUrl && { signatureUrl: d.signatureUrl }) });
      });
  }
  p.inlinePacks = strings('inlinePacks');
  p.disabledRules = strings('disabledRules');
  p.sites = strings('sites');
  if (r.lock !== undefined) {
    if (typeof r.lock === 'boolean') p.lock = r.lock;
    else p.problems.push('lock: must be true or false');
  }
  if (r.checkIntervalMinutes !== undefined) {
    const n = r.checkIntervalMinutes;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 30 && n <= 10080) p.checkIntervalMinutes = n;
    else p.problems.push('checkIntervalMinutes: must be a whole number from 30 to 10080');
  }
  return p;
}

/** Reads managed storage; browsers without it (or without a policy) give the empty policy. */
export async function readPolicy(): Promise<Policy> {
  try {
    const raw = await browser.storage.managed.get(null);
    return parsePolicy(raw);
  } catch {
    // Firefox rejects when no policy exists for the extension; Chrome returns {}.
    return { ...EMPTY_POLICY, problems: [] };
  }
}
