import { describe, expect, test } from 'vitest';
import { emptySites, isHostDisabled, matchesFor, parseSites, patternMatches, siteOf, withSite } from '@/lib/sites/contract';

describe('sites contract', () => {
  test('siteOf: http(s) pages only, host without port', () => {
    expect(siteOf('http://127.0.0.1:4321/x.html')).toEqual({ host: '127.0.0.1', pattern: 'http://127.0.0.1/*' });
    expect(siteOf('https://Support.Example.com/a?b')).toEqual({ host: 'support.example.com', pattern: 'https://support.example.com/*' });
    expect(siteOf('chrome://extensions')).toBeNull();
    expect(siteOf('chrome-extension://abc/popup.html')).toBeNull();
    expect(siteOf(undefined)).toBeNull();
  });
  test('enable/disable keeps both lists consistent', () => {
    let s = withSite(emptySites(), 'a.com', true);
    expect(s).toEqual({ v: 1, enabled: ['a.com'], disabled: [] });
    s = withSite(s, 'a.com', false);
    expect(s).toEqual({ v: 1, enabled: [], disabled: ['a.com'] });
    expect(isHostDisabled(s, 'a.com:8080')).toBe(true);
    expect(matchesFor(['a.com'])).toEqual(['https://a.com/*', 'http://a.com/*']);
  });
  test('parseSites drops junk', () => {
    expect(parseSites({ v: 1, enabled: ['ok.com', 'bad host', 3], disabled: 'x' })).toEqual({ v: 1, enabled: ['ok.com'], disabled: [] });
    expect(parseSites({ v: 2 })).toEqual(emptySites());
  });
  test('manifest match patterns', () => {
    expect(patternMatches('https://*.zendesk.com/*', 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
    expect(patternMatches('https://*.zendesk.com/*', 'https://zendesk.com/')).toBe(true);
    expect(patternMatches('https://*.zendesk.com/*', 'https://evilzendesk.com/')).toBe(false);
    expect(patternMatches('*://127.0.0.1/*', 'http://127.0.0.1:5555/p.html')).toBe(true);
    expect(patternMatches('<all_urls>', 'https://x.org/')).toBe(true);
    expect(patternMatches('http://a.com/app/*', 'http://a.com/other')).toBe(false);
  });
});
