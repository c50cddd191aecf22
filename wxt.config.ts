import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { yamlPlugin } from './lib/build/yaml-plugin';
import { addE2eMatches } from './lib/sites/hosts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({ plugins: [preact(), yamlPlugin()] }),
  // RC_E2E=1 (npm run test:e2e, npm start): content scripts also match 127.0.0.1/localhost (issue 3).
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (process.env.RC_E2E === '1') {
        addE2eMatches(manifest);
        // The popup reads the test page's URL without an action click (no activeTab grant there).
        manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*', 'http://localhost/*'];
      }
    },
  },
  manifest: ({ browser }) => ({
    // Name/description in both languages from locales/*.yml (issue 5); see docs/permissions.md.
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    action: { default_title: '__MSG_ext_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'reply-coach@replycoach.dev',
              strict_min_version: '140.0',
              // ReplyCoach sends nothing anywhere: statistics and settings stay in storage.local.
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions needs Firefox for Android 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // Fixed public key → stable extension id ncnpmplekaaahpjnmpeehanbhecikemo for unpacked
          // builds, so policy files (docs/policy.md, tests/e2e/packs-policy.e2e.ts) can name it.
          key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxwSKNoKLlYLZBJGOEMAjuWY0SHAYIclYF1Q7REY0nwVBLaslknvZ/5qx3JO7PcNDZjGKa7N17xI+vckTg0XNvamJmZEV/hm14TLr0tY1HPab4E6hrdidrxQ5zdDkZnsB1TbxlugsMeZRFHCtGk3epJA1IGyHvgCm6EDOEzFPp/QVBbH+KBD5IME+FLIZIRl7WGOox5hDF9gzRplbnjb1acCa/0ZlqKGJ+oIABnkcRuRqH5yHEqSMTkRPz4IpvIDJF/N45GcL4fbuMhgOJlZZBozoX9qsmIHbPtLulO1NlU2oTPywLWtjIF54zrp1+Z3RVt5TWCBexm2XvpHj9hMXbwIDAQAB',
        }),
    // storage: active packs; scripting + optional hosts: "coach on this site" (lib/sites, issue 3).
    // alarms: re-check subscribed rule packs every 6 h (lib/sync, issue 4).
    // activeTab: the popup reads the current tab's URL for "coach on this site" (issue 5).
    permissions: ['storage', 'scripting', 'alarms', 'activeTab'],
    // Administrator policy (packs, pins, lock): public/managed_schema.json, docs/policy.md.
    storage: { managed_schema: 'managed_schema.json' },
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  }),
});
