import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { yamlPlugin } from './lib/build/yaml-plugin';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), yamlPlugin()] }),
  manifest: {
    name: 'ReplyCoach 话术教练',
    description: 'Coaches customer-support replies as you type: positive phrasing, in the words of your training.',
    // storage: active packs; scripting + optional hosts: "coach on this site" (lib/sites, issue 3).
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
