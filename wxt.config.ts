import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { yamlPlugin } from './lib/build/yaml-plugin';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({ plugins: [preact(), yamlPlugin()] }),
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
          },
        }
      : {}),
    // storage: active packs; scripting + optional hosts: "coach on this site" (lib/sites, issue 3).
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  }),
});
