import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { yamlPlugin } from './lib/build/yaml-plugin';

export default defineConfig({
  plugins: [WxtVitest(), yamlPlugin()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'lib/**/*.test.ts', 'rules/**/*.test.ts'],
  },
});
