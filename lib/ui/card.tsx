/** The suggestion card (Preact). Real buttons, keyboard usable, Escape closes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding, UiLang } from '../engine/types';
import { CATEGORY_LABEL, strings } from './strings';

export interface CardProps {
  finding: Finding;
  index: number;
  total: number;
  lang: UiLang;
  phrases: { id: string; text: string }[];
  /** Focus the first button when opened from the keyboard. */
  autoFocus: boolean;
  /** Set when every strategy failed: offer to copy this rewrite. */
  failedRewrite?: string;
  onApply(suggestion: string): void;
  onPhrase(text: string): void;
  onIgnore(): void;
  onDisable(): void;
  onClose(viaKeyboard: boolean): void;
  onNext(): void;
}

export function Card(p: CardProps) {
  const t = strings(p.lang);
  const root = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  const f = p.finding;
  useEffect(() => {
    if (p.autoFocus) (root.current?.querySelector<HTMLButtonElement>('button.sugg') ?? root.current?.querySelector<HTMLButtonElement>('.actions button'))?.focus();
  }, [f.ruleId, f.start, p.autoFocus]);
  useEffect(() => setCopied(false), [p.failedRewrite]);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      p.onClose(true);
    } else if (e.altKey && e.code === 'KeyJ') {
      e.preventDefault();
      e.stopPropagation();
      p.onNext();
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(p.failedRewrite ?? '');
    } catch {
      /* clipboard may be blocked; the text is shown anyway */
    }
    setCopied(true);
  };
  const label = CATEGORY_LABEL[f.category]?.[p.lang] ?? f.category;
  return (
    <div
      ref={root}
      class={`card sev-${f.severity}`}
      role="dialog"
      aria-label={`${t.card}: ${label}`}
      data-rule-id={f.ruleId}
      data-category={f.category}
      onKeyDown={onKey}
      onMouseDown={(e) => {
        // Keep the editor's focus and selection when clicking the card with the mouse.
        if ((e.target as HTMLElement).tagName !== 'INPUT') e.preventDefault();
      }}
    >
      <div class="head">
        <span class="chip">{label}</span>
        <span class="count" aria-label={t.count(p.index + 1, p.total)}>{t.count(p.index + 1, p.total)}</span>
        <button type="button" class="x" aria-label={t.close} title={t.close} onClick={() => p.onClose(false)}>
          ×
        </button>
      </div>
      <p class="msg">
        <span class="flagged">{f.text}</span> {f.message[p.lang]}
      </p>
      {f.why[p.lang] ? (
        <p class="why">
          <strong>{t.why}:</strong> {f.why[p.lang]}
        </p>
      ) : null}
      {f.suggestions.length ? (
        <div class="group" role="group" aria-label={t.suggestions}>
          {f.suggestions.map((s) => (
            <button type="button" class="sugg" aria-label={s ? t.replaceWith(s) : t.removeWords} onClick={() => p.onApply(s)}>
              {s || <s>{f.text}</s>}
            </button>
          ))}
        </div>
      ) : null}
      {p.failedRewrite !== undefined ? (
        <div class="failed" role="status">
          <span>{copied ? t.copied : t.applyFailed}</span>
          <button type="button" class="secondary" onClick={copy} aria-label={t.copy}>
            {t.copy}
          </button>
        </div>
      ) : null}
      {p.phrases.length ? (
        <div class="phrases">
          <div class="label">{t.phrases}</div>
          {p.phrases.map((ph) => (
            <button type="button" class="phrase" aria-label={t.insertPhrase(ph.text)} title={t.insertPhrase(ph.text)} onClick={() => p.onPhrase(ph.text)}>
              + {ph.text}
            </button>
          ))}
        </div>
      ) : null}
      <div class="actions">
        <button type="button" class="secondary" onClick={p.onIgnore}>
          {t.ignore}
        </button>
        <button type="button" class="secondary" onClick={p.onDisable}>
          {t.disable}
        </button>
        <span class="hint">{t.shortcut}</span>
      </div>
    </div>
  );
}

export const CARD_CSS = `
:host { all: initial; }
.layer { position: fixed; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }
.clip { position: fixed; overflow: hidden; pointer-events: none; }
.rc-target { position: absolute; pointer-events: none; box-sizing: border-box; border-radius: 2px; }
.rc-target.draw { background-image: linear-gradient(to right, var(--c) 60%, transparent 60%); background-size: 6px 2px; border-bottom: 0; background-repeat: repeat-x; background-position: left bottom; }
.rc-target.active { background-color: color-mix(in srgb, var(--c) 14%, transparent); }
.sev-error, [data-severity="error"] { --c: #c5221f; }
.sev-warning, [data-severity="warning"] { --c: #b06000; }
.sev-info, [data-severity="info"] { --c: #1967d2; }
.card { position: fixed; pointer-events: auto; box-sizing: border-box; width: 340px; max-width: calc(100vw - 16px);
  background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-top: 3px solid var(--c); border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31,35,40,.18); padding: 10px 12px 10px; z-index: 2147483647;
  font: 13px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.head { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; }
.chip { font-weight: 600; color: var(--c); font-size: 12px; }
.count { color: #59636e; font-size: 12px; margin-left: auto; }
.x { border: 0; background: transparent; font-size: 18px; line-height: 1; color: #59636e; cursor: pointer; padding: 2px 6px; border-radius: 4px; }
.x:hover { background: #f3f4f6; }
p { margin: 0 0 6px; }
.flagged { text-decoration: line-through; text-decoration-color: var(--c); color: #59636e; margin-right: 2px; }
.msg { font-weight: 500; }
.why { color: #3d444d; font-size: 12px; background: #f6f8fa; border-radius: 6px; padding: 6px 8px; }
.group { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
button { font: inherit; cursor: pointer; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.sugg { background: #0b57d0; color: #fff; border: 1px solid #0b57d0; border-radius: 6px; padding: 4px 10px; font-weight: 500; }
.sugg:hover { background: #0842a0; }
.phrases { border-top: 1px solid #eaeef2; padding-top: 6px; margin-top: 4px; }
.label { font-size: 12px; color: #59636e; margin-bottom: 4px; }
.phrase { display: block; width: 100%; text-align: left; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 3px 8px; margin-bottom: 4px; color: #1f2328; font-size: 12px; }
.phrase:hover { background: #f6f8fa; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; border-top: 1px solid #eaeef2; padding-top: 8px; margin-top: 4px; }
.secondary { background: #f6f8fa; color: #1f2328; border: 1px solid #d0d7de; border-radius: 6px; padding: 3px 8px; font-size: 12px; }
.secondary:hover { background: #eef1f4; }
.hint { margin-left: auto; color: #818b98; font-size: 11px; }
.failed { display: flex; align-items: center; gap: 8px; color: #9a3412; font-size: 12px; margin: 4px 0 8px; }
`;
