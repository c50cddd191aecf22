/** The built-in packs as validated data (YAML in rules/, bundled as objects by the yaml plugin). */
import type { Pack } from '../engine/types';
import enCore from '../../rules/en/core.yaml';
import enPhrases from '../../rules/en/phrases.yaml';
import zhCore from '../../rules/zh-CN/core.yaml';
import zhPhrases from '../../rules/zh-CN/phrases.yaml';

/** Raw built-in pack data; validate with lib/packs before use (tests prove they are valid). */
export const BUILTIN_PACK_DATA: unknown[] = [zhPhrases, zhCore, enPhrases, enCore];
export type { Pack };
