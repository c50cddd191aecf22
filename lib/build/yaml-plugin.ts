/** Lets built-in packs stay YAML data in rules/ while bundles import them as plain objects. */
import { parse } from 'yaml';
import type { Plugin } from 'vite';

export function yamlPlugin(): Plugin {
  return {
    name: 'reply-coach-yaml',
    transform(code, id) {
      if (!/\.ya?ml$/.test(id)) return null;
      return { code: `export default ${JSON.stringify(parse(code))};`, map: null };
    },
  };
}
