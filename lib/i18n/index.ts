/**
 * UI strings for extension pages and the content-script card, in zh-CN or en.
 *
 * Strings live in locales/en.yml and locales/zh_CN.yml; WXT's i18n module turns them into
 * _locales/<locale>/messages.json, which browser.i18n reads in the *browser's* language. The agent
 * may override that language (stored under UI_LANG_PREF_KEY, mirrored into the active state's
 * `uiLang` so content scripts see it). When the override differs from the file the browser
 * picked, we read the other messages.json from the package once and answer from it.
 *
 *   await loadUiLang();            // once per page, before the first render
 *   t('popup.options');            // "Settings" / "设置"
 *   t('popup.packs.rules', [12]);  // $1 substitution
 *   tn('popup.findings.count', 3); // plural form 0 | 1 | n
 *   await setUiLangPref('zh');     // the override control (popup, options page)
 */
import type { GeneratedI18nStructure } from '#i18n';
import type { UiLang } from '../engine/types';
import { ACTIVE_KEY, type ActiveState } from '../shared/active-packs';

export type MsgKey = keyof GeneratedI18nStructure;
export type UiLangPref = 'auto' | UiLang;

/** storage.local key of the agent's language choice: 'auto' (follow the browser), 'zh' or 'en'. */
export const UI_LANG_PREF_KEY = 'rc.uiLangPref';
export const UI_LANGS: readonly UiLang[] = ['zh', 'en'];
/** The messages.json folder for each UI language. */
export const LOCALE_DIR: Record<UiLang, string> = { zh: 'zh_CN', en: 'en' };
/** BCP 47 tag for Intl formatting. */
export const INTL_LOCALE: Record<UiLang, string> = { zh: 'zh-CN', en: 'en' };

type Table = Record<string, { message: string }>;
/** browser.i18n.getMessage with any name (WXT types it to the generated names only). */
const getMessage = (name: string, subs?: string[]): string =>
  (browser.i18n.getMessage as unknown as (n: string, s?: string[]) => string)(name, subs);

let current: UiLang = 'en';
let table: Table | null = null;

export function isUiLangPref(v: unknown): v is UiLangPref {
  return v === 'auto' || v === 'zh' || v === 'en';
}

/** The language the browser's UI is in, reduced to the two we ship. */
export function browserUiLang(): UiLang {
  let tag = 'en';
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    /* not available (tests) */
  }
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function resolveUiLang(pref: UiLangPref | undefined, browserLang: UiLang): UiLang {
  return pref === 'zh' || pref === 'en' ? pref : browserLang;
}

/** Which messages file browser.i18n answers from (its meta.lang key), if any. */
function nativeLang(): UiLang | null {
  try {
    const v = getMessage('meta_lang');
    return v === 'zh' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** Use these messages (tests, or a page that already has them). */
export function useMessages(lang: UiLang, messages: Table | null): void {
  current = lang;
  table = messages;
}

export function currentUiLang(): UiLang {
  return current;
}

export async function readUiLangPref(): Promise<UiLangPref> {
  const got = await browser.storage.local.get(UI_LANG_PREF_KEY);
  const v = got[UI_LANG_PREF_KEY];
  return isUiLangPref(v) ? v : 'auto';
}

/** Resolve the agent's UI language and make t() answer in it. Call before rendering. */
export async function loadUiLang(): Promise<UiLang> {
  const lang = resolveUiLang(await readUiLangPref(), browserUiLang());
  if (nativeLang() === lang) {
    useMessages(lang, null);
    return lang;
  }
  try {
    const res = await fetch(browser.runtime.getURL(`/_locales/${LOCALE_DIR[lang]}/messages.json` as never));
    useMessages(lang, (await res.json()) as Table);
  } catch (e) {
    console.warn('[ReplyCoach] could not load messages for', lang, e);
    useMessages(nativeLang() ?? 'en', null);
  }
  return current;
}

/**
 * Store the agent's language choice and publish the resolved language as `uiLang` in the active
 * state (content scripts pick finding messages and card strings by it).
 */
export async function setUiLangPref(pref: UiLangPref): Promise<UiLang> {
  const lang = resolveUiLang(pref, browserUiLang());
  await browser.storage.local.set({ [UI_LANG_PREF_KEY]: pref });
  const prev = (await browser.storage.local.get(ACTIVE_KEY))[ACTIVE_KEY] as ActiveState | undefined;
  if (prev && prev.uiLang !== lang) {
    await browser.storage.local.set({ [ACTIVE_KEY]: { ...prev, uiLang: lang, revision: prev.revision + 1 } });
  }
  return lang;
}

/** Replace $1…$9 (and $$ → $) like browser.i18n.getMessage does. */
export function substitute(message: string, subs?: readonly (string | number)[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : String(subs?.[Number(d) - 1] ?? '')));
}

function raw(key: string, subs?: readonly (string | number)[]): string {
  const name = key.replaceAll('.', '_');
  if (table) {
    const m = table[name]?.message;
    if (m !== undefined) return substitute(m, subs);
  } else {
    try {
      const m = getMessage(name, subs?.map(String));
      if (m) return m;
    } catch {
      /* fall through */
    }
  }
  console.warn(`[ReplyCoach] missing message "${key}"`);
  return key;
}

export function t(key: MsgKey, subs?: readonly (string | number)[]): string {
  return raw(key, subs);
}

/** Plural messages ("0 | 1 | n" forms, see @wxt-dev/i18n); $1 is the count unless subs given. */
export function tn(key: MsgKey, count: number, subs?: readonly (string | number)[]): string {
  return pickPlural(raw(key, subs ?? [count]), count);
}

export function pickPlural(message: string, count: number): string {
  const forms = message.split(' | ');
  if (forms.length === 2) return forms[count === 1 ? 0 : 1]!;
  if (forms.length === 3) return forms[count === 0 || count === 1 ? count : 2]!;
  return forms[0]!;
}

/** Category display name (category ids use '-', message keys '_'). */
export function categoryLabel(category: string): string {
  return raw(`category.${category.replaceAll('-', '_')}`);
}

/** How the weekly summary quotes a category: "'but'" / "“但是”". */
export function categorySaid(category: string): string {
  return raw(`said.${category.replaceAll('-', '_')}`);
}
