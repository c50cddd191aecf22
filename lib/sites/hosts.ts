/** Helpdesk hosts the content script runs on by default (no extra permission prompt). */
export const HELPDESK_MATCHES = [
  'https://*.zendesk.com/*',
  'https://*.freshdesk.com/*',
  'https://*.freshservice.com/*',
  'https://app.intercom.com/*',
  'https://app.frontapp.com/*',
  'https://secure.helpscout.net/*',
  'https://mail.google.com/*',
  'https://*.udesk.cn/*',
  'https://*.qiyukf.com/*',
  'https://*.sobot.com/*',
  'https://*.kf5.com/*',
  'https://*.meiqia.com/*',
  'https://app.hubspot.com/*',
  'https://*.gorgias.com/*',
  'https://*.helpshift.com/*',
  'https://*.kustomerapp.com/*',
];

/** Added to the matches only in the e2e/demo build (RC_E2E=1), never in a release build. */
export const E2E_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Content-script files as WXT emits them (registered at runtime for "coach on this site"). */
export const CONTENT_JS = 'content-scripts/content.js';
export const MAIN_WORLD_JS = 'content-scripts/main-world.js';

interface ManifestLike {
  content_scripts?: { matches?: string[]; js?: string[] }[];
}

/** wxt.config hook: widen the content scripts to the local test hosts in the e2e build. */
export function addE2eMatches(manifest: ManifestLike): void {
  for (const cs of manifest.content_scripts ?? []) {
    if (cs.matches?.includes(HELPDESK_MATCHES[0]!)) cs.matches = [...cs.matches, ...E2E_MATCHES];
  }
}
