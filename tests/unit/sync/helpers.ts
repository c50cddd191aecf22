import type { Pack } from '@/lib/engine/types';

export const BUILTIN: Pack = {
  id: 'zh-CN.core',
  name: 'Core',
  version: '1.0.0',
  locale: 'zh-CN',
  rules: [
    {
      id: 'zh.refusal.test',
      category: 'refusal',
      severity: 'warning',
      lang: 'zh',
      match: ['我不能'],
      message: { zh: '说能做什么', en: 'Say what you can do' },
      why: { zh: '负面语言', en: 'Negative' },
    },
  ],
};

export function packYaml(version = '1.0.0', word = '亲', id = 'team.shop'): string {
  return `id: ${id}
name: Team shop
version: "${version}"
locale: zh-CN
sites: ["*.example-shop.com"]
rules:
  - id: ${id}.word
    category: informal-address
    severity: info
    match: ["${word}"]
    message: "不要用“${word}”"
    why: "品牌规范"
    examples:
      flag: ["[[${word}]]，您好"]
      pass: ["您好"]
`;
}

export interface MockRoute {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** final URL after redirects */
  url?: string;
  /** never resolve (until aborted) */
  hang?: boolean;
}

/** A fetch mock: routes[url] is a function or a fixed response; records requests. */
export function mockFetch(routes: Record<string, MockRoute | ((init: RequestInit | undefined) => MockRoute)>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: { ...((init?.headers as Record<string, string>) ?? {}) } });
    const r = routes[url];
    if (!r) throw new TypeError('Failed to fetch');
    const route = typeof r === 'function' ? r(init) : r;
    if (route.hang) {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    const status = route.status ?? 200;
    const res = new Response(status === 304 ? null : ((route.body ?? '') as BodyInit), { status, headers: route.headers });
    Object.defineProperty(res, 'url', { value: route.url ?? url });
    return res;
  }) as typeof fetch;
  return { impl, calls };
}
