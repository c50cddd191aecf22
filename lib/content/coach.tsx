/**
 * The content-script coach for one document (each frame runs its own): finds reply boxes, lints
 * them off the typing path, draws highlights and hover targets in <reply-coach-overlay>, shows the
 * card and applies rewrites through lib/editors.
 */
import { render } from 'preact';
import { lint, matcherFor, type Finding, type Matcher, type Pack, type UiLang } from '../engine';
import { applyReplacement, insertAt } from '../editors/apply';
import { CANDIDATE_SELECTOR, editableRootOf, kindOf } from '../editors/detect';
import { parentAcrossShadow, scrollParents } from '../editors/geometry';
import { richAdapter } from '../editors/rich';
import { textareaAdapter } from '../editors/textarea';
import type { EditorAdapter } from '../editors/types';
import { packsForHost } from '../shared/sites';
import { Card, CARD_CSS } from '../ui/card';
import { findVisible, targetKey, type Box, type RectLike } from './visible';

export interface CoachState {
  packs: Pack[];
  disabledRules: string[];
  pausedUntil: number;
  uiLang: UiLang;
}

export interface CoachHost {
  /** Fire-and-forget statistics event (never the text). */
  stat(event: 'shown' | 'applied' | 'ignored', f: Finding): void;
  /** Persist "turn off this rule". */
  disableRule(ruleId: string): void;
}

/** Delay after the last change before linting (findings must appear within 150 ms of a pause). */
export const LINT_DELAY_MS = 90;
const HL_NAMES = ['rc-error', 'rc-warning', 'rc-info'] as const;

interface Session {
  id: number;
  ed: EditorAdapter;
  text: string;
  findings: Finding[];
  composing: boolean;
  timer: number;
  typing: boolean;
  ignored: Set<string>;
  shown: Set<string>;
  useHighlights: boolean;
  clip: HTMLDivElement;
  cleanup: (() => void)[];
  /** Viewport boxes of the drawn targets, for hover/click hit-testing. */
  boxes: { rect: RectLike; index: number }[];
  /** Findings changed since the last draw (the next frame redraws this session). */
  dirty: boolean;
}

interface OpenCard {
  session: Session;
  index: number;
  pinned: boolean;
  keyboard: boolean;
  caret: number;
  failedRewrite?: string;
  /** Selection to restore when the card closes after keyboard use. */
}

let nextId = 1;

export class Coach {
  private doc: Document;
  private win: Window;
  private state: CoachState | null = null;
  private sessions = new Map<HTMLElement, Session>();
  private host!: HTMLElement;
  private shadow!: ShadowRoot;
  private layer!: HTMLDivElement;
  private cardBox!: HTMLDivElement;
  private card: OpenCard | null = null;
  private drawQueued = false;
  private hoverTimer = 0;
  private closeTimer = 0;
  private lastSession: Session | null = null;
  private docObserver?: MutationObserver;
  private highlightSheet?: CSSStyleSheet;
  private disposers: (() => void)[] = [];

  constructor(doc: Document, private hostApi: CoachHost) {
    this.doc = doc;
    this.win = doc.defaultView!;
  }

  start(): void {
    this.ensureOverlay();
    const on = <K extends string>(t: EventTarget, type: K, fn: (e: Event) => void, opts: AddEventListenerOptions = { capture: true, passive: true }) => {
      t.addEventListener(type, fn, opts);
      this.disposers.push(() => t.removeEventListener(type, fn, opts));
    };
    on(this.doc, 'focusin', (e) => this.onFocus(e));
    on(this.doc, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent), { capture: true });
    on(this.doc, 'mousemove', (e) => this.onMouseMove(e as MouseEvent));
    on(this.doc, 'mousedown', (e) => this.onMouseDown(e as MouseEvent));
    on(this.doc, 'scroll', () => this.queueDraw());
    on(this.win, 'resize', () => this.queueDraw());
    this.doc.fonts?.addEventListener?.('loadingdone', () => this.queueDraw());
    // SPA reply boxes appear, move and disappear: one cheap observer for the whole document.
    this.docObserver = new MutationObserver((records) => this.onDocMutations(records));
    this.docObserver.observe(this.doc.documentElement, { childList: true, subtree: true });
    const active = deepActiveElement(this.doc);
    if (active) this.attachFrom(active);
    for (const el of Array.from(this.doc.querySelectorAll<HTMLElement>(CANDIDATE_SELECTOR)).slice(0, 20)) this.attachFrom(el);
  }

  private idle = false;

  /** Coaching switched off for this site (lib/sites/contract.ts): no findings, no drawing. */
  setIdle(idle: boolean): void {
    this.idle = idle;
    for (const s of this.sessions.values()) this.lintNow(s);
  }

  /** rc:count for the popup: findings in the focused (or last edited) reply box. */
  count(): { count: number; focused: boolean } {
    const s = this.focusedSession() ?? this.lastSession;
    return { count: s ? s.findings.length : 0, focused: !!s };
  }

  setState(state: CoachState): void {
    this.state = state;
    for (const s of this.sessions.values()) this.lintNow(s);
  }

  /** For tests and the demo: the sessions' findings. */
  debug() {
    return Array.from(this.sessions.values()).map((s) => ({ kind: s.ed.kind, text: s.text, findings: s.findings.map((f) => ({ ruleId: f.ruleId, start: f.start, end: f.end, text: f.text })) }));
  }

  // ---------------------------------------------------------------- overlay

  private ensureOverlay(): void {
    if (this.host?.isConnected) return;
    const host = this.doc.createElement('reply-coach-overlay');
    host.setAttribute('style', 'position:fixed!important;left:0!important;top:0!important;width:0!important;height:0!important;z-index:2147483647!important;pointer-events:none!important;display:block!important;contain:layout style;');
    this.shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = CARD_CSS;
    this.layer = this.doc.createElement('div');
    this.layer.className = 'layer';
    this.cardBox = this.doc.createElement('div');
    this.cardBox.className = 'cards';
    this.shadow.append(style, this.layer, this.cardBox);
    this.cardBox.addEventListener('mouseenter', () => clearTimeout(this.closeTimer));
    this.cardBox.addEventListener('mouseleave', () => this.maybeCloseHover());
    // Outside any editable: <html> is never the editable root (an editable <body> is its child).
    this.doc.documentElement.appendChild(host);
    this.host = host;
    for (const s of this.sessions.values()) this.layer.appendChild(s.clip);
  }

  // ---------------------------------------------------------------- sessions

  private onFocus(e: Event): void {
    const target = e.composedPath()[0] ?? e.target;
    if (target === this.host || (target instanceof Node && this.host.contains(target))) return;
    this.attachFrom(target as Element);
  }

  private attachFrom(target: Element): Session | null {
    const el = editableRootOf(target);
    if (!el || el === this.host) return null;
    const existing = this.sessions.get(el);
    if (existing) {
      this.lastSession = existing;
      return existing;
    }
    const s = this.attach(el);
    this.lastSession = s;
    return s;
  }

  private attach(el: HTMLElement): Session {
    this.ensureOverlay();
    const kind = kindOf(el);
    const ed = kind === 'textarea' || kind === 'input' ? textareaAdapter(el as HTMLTextAreaElement, this.shadow) : richAdapter(el, kind);
    const clip = this.doc.createElement('div');
    clip.className = 'clip';
    clip.dataset.editor = kind;
    this.layer.appendChild(clip);
    const s: Session = {
      id: nextId++,
      ed,
      text: '',
      findings: [],
      composing: false,
      timer: 0,
      typing: false,
      ignored: new Set(),
      shown: new Set(),
      // The Custom Highlight API styles text via ::highlight rules in the text's own tree; for
      // shadow-root editors and form fields the overlay draws the underline instead.
      useHighlights: kind !== 'textarea' && kind !== 'input' && el.getRootNode() === this.doc && 'highlights' in CSS,
      clip,
      cleanup: [],
      boxes: [],
      dirty: false,
    };
    this.sessions.set(el, s);
    const on = (t: EventTarget, type: string, fn: (e: Event) => void) => {
      t.addEventListener(type, fn, { passive: true, capture: true });
      s.cleanup.push(() => t.removeEventListener(type, fn, { capture: true }));
    };
    const changed = (e?: Event) => {
      if (s.composing || (e as InputEvent | undefined)?.isComposing) return;
      this.scheduleLint(s);
    };
    on(el, 'compositionstart', () => {
      s.composing = true;
      clearTimeout(s.timer);
      this.hide(s);
    });
    on(el, 'compositionend', () => {
      s.composing = false;
      this.scheduleLint(s);
    });
    on(el, 'input', changed);
    if (kind === 'textarea' || kind === 'input') {
      // Programmatic value changes fire no event: compare the value on every related event.
      const poll = () => {
        if (!s.composing && el && (el as HTMLTextAreaElement).value !== s.text) this.scheduleLint(s);
      };
      for (const t of ['change', 'keyup', 'paste', 'cut', 'drop', 'focus', 'mouseup', 'select']) on(el, t, poll);
    } else {
      const mo = new MutationObserver(() => changed());
      mo.observe(el, { childList: true, subtree: true, characterData: true });
      s.cleanup.push(() => mo.disconnect());
    }
    const ro = new ResizeObserver(() => this.queueDraw());
    ro.observe(el);
    s.cleanup.push(() => ro.disconnect());
    // Scroll events do not cross shadow boundaries: listen on each scrolling ancestor too.
    for (const p of [el, ...scrollParents(el)]) on(p, 'scroll', () => this.queueDraw());
    this.lintNow(s);
    return s;
  }

  private detach(s: Session): void {
    clearTimeout(s.timer);
    for (const c of s.cleanup) c();
    s.ed.destroy();
    s.clip.remove();
    this.sessions.delete(s.ed.el);
    if (this.card?.session === s) this.closeCard(false);
    if (this.lastSession === s) this.lastSession = null;
    this.updateHighlights();
  }

  private onDocMutations(records: MutationRecord[]): void {
    let added = false;
    for (const r of records) {
      if (r.addedNodes.length) added = true;
    }
    for (const s of Array.from(this.sessions.values())) if (!s.ed.el.isConnected) this.detach(s);
    if (!this.host.isConnected) this.ensureOverlay();
    if (added) {
      // New reply boxes (SPA navigation): attach those in the added subtrees, off the hot path.
      const nodes: Element[] = [];
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1 && n !== this.host && nodes.length < 50) nodes.push(n as Element);
      const scan = () => {
        for (const n of nodes) {
          if (!n.isConnected) continue;
          const found = n.matches(CANDIDATE_SELECTOR) ? [n] : Array.from(n.querySelectorAll(CANDIDATE_SELECTOR)).slice(0, 5);
          for (const f of found) if (!this.sessions.has(f as HTMLElement)) this.attachFrom(f);
        }
      };
      const ric = (this.win as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (ric) ric(scan, { timeout: 200 });
      else setTimeout(scan, 50);
    }
    if (this.sessions.size) this.queueDraw();
  }

  // ---------------------------------------------------------------- linting

  private scheduleLint(s: Session): void {
    // Typing path: only scheduling (and hiding stale overlay underlines).
    clearTimeout(s.timer);
    if (!s.typing) {
      s.typing = true;
      // Stale targets leave the render tree while the agent types (underlines drawn with the
      // Highlight API stay: live ranges follow the text).
      this.hide(s);
    }
    s.timer = this.win.setTimeout(() => this.lintNow(s), LINT_DELAY_MS);
  }

  /** The host packs are chosen for: the page's, or the embedding page's for about:blank/srcdoc frames. */
  private pageHost(): string {
    let w: Window | null = this.win;
    for (let i = 0; w && i < 5; i++) {
      try {
        if (w.location.host) return w.location.host;
      } catch {
        break; // cross-origin parent
      }
      if (w === w.parent) break;
      w = w.parent;
    }
    const anc = this.win.location.ancestorOrigins;
    if (anc?.length) {
      try {
        return new URL(anc[0]!).host;
      } catch {
        /* opaque origin */
      }
    }
    return '';
  }

  private matcherCache: { packs: Pack[]; matcher: Matcher } | null = null;

  /**
   * The packs that apply on this site (a pack's `sites`, lib/shared/sites.ts), compiled once per
   * state and host: packsForHost and matcherFor both cache by array identity.
   */
  matcher(): Matcher | null {
    const st = this.state;
    if (!st) return null;
    const packs = packsForHost(st.packs, this.pageHost());
    if (!packs.length) return null;
    if (this.matcherCache?.packs !== packs) this.matcherCache = { packs, matcher: matcherFor(packs) };
    return this.matcherCache.matcher;
  }

  /**
   * Read and lint now; drawing happens in the next animation frame (a separate task), so that a
   * long reply's read+lint and its layout/drawing never add up to one long task.
   */
  private lintNow(s: Session): void {
    if (s.composing || !s.ed.el.isConnected) return;
    s.typing = false;
    const t0 = performance.now();
    const text = s.ed.read();
    s.text = text;
    const st = this.state;
    let findings: Finding[] = [];
    const matcher = st && !this.idle && st.pausedUntil <= Date.now() && text.trim() ? this.matcher() : null;
    if (matcher) findings = lint(text, matcher, { disabledRules: st!.disabledRules });
    const keys = keysFor(text, findings);
    findings = findings.filter((_, i) => !s.ignored.has(keys[i]!));
    const visibleKeys = keys.filter((k) => !s.ignored.has(k));
    const now = new Set(visibleKeys);
    findings.forEach((f, i) => {
      if (!s.shown.has(visibleKeys[i]!)) this.queueStat('shown', f);
    });
    s.shown = now;
    s.findings = findings;
    if (this.card?.session === s) {
      const c = this.card;
      const old = c.index;
      if (old >= findings.length) this.closeCard(false);
    }
    s.dirty = true;
    this.highlightsDirty = true;
    if (this.card?.session === s) this.renderCard();
    this.queueDraw();
    // Visible to the page's Performance timeline (e2e perf test, DevTools).
    measure('rc:lint', t0);
  }

  // Statistics: one message per newly shown finding, sent in small slices off the lint task.
  private statQueue: { event: 'shown' | 'applied' | 'ignored'; f: Finding }[] = [];
  private statTimer = 0;

  private queueStat(event: 'shown' | 'applied' | 'ignored', f: Finding): void {
    this.statQueue.push({ event, f });
    if (!this.statTimer) this.statTimer = this.win.setTimeout(() => this.flushStats(), 50);
  }

  private flushStats(): void {
    this.statTimer = 0;
    for (const { event, f } of this.statQueue.splice(0, 25)) this.hostApi.stat(event, f);
    if (this.statQueue.length) this.statTimer = this.win.setTimeout(() => this.flushStats(), 16);
  }

  // ---------------------------------------------------------------- drawing

  private highlightsDirty = false;

  /** Draw in the next frame: highlights if findings changed, then every session's visible targets. */
  queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    this.win.requestAnimationFrame(() => {
      this.drawQueued = false;
      const t0 = performance.now();
      if (this.highlightsDirty) {
        this.highlightsDirty = false;
        this.updateHighlights();
      }
      for (const s of this.sessions.values()) {
        if (!s.typing && !s.composing) this.draw(s);
      }
      if (this.card) this.positionCard();
      measure('rc:draw', t0);
    });
  }

  private hide(s: Session): void {
    s.clip.style.display = 'none';
    s.boxes = [];
  }

  /**
   * Draw the targets of the findings that intersect the editor's visible area (scrolling redraws):
   * all geometry is read first, then the overlay is written, reusing its elements.
   */
  private draw(s: Session): void {
    s.dirty = false;
    // Reads.
    const clipRect = s.ed.visibleRect();
    const boxes: Box[] = findVisible(s.findings, (f) => s.ed.rects(f.start, f.end), clipRect);
    // Writes.
    const cs = s.clip.style;
    cs.display = '';
    cs.left = `${clipRect.left}px`;
    cs.top = `${clipRect.top}px`;
    cs.width = `${clipRect.width}px`;
    cs.height = `${clipRect.height}px`;
    const pool = s.clip.children;
    const frag = this.doc.createDocumentFragment();
    const activeIndex = this.card?.session === s ? this.card.index : -1;
    boxes.forEach((b, i) => {
      const f = s.findings[b.index]!;
      let t = pool[i] as (HTMLSpanElement & { rcKey?: string }) | undefined;
      if (!t) {
        t = this.doc.createElement('span');
        frag.appendChild(t);
      }
      const cls = `rc-target${s.useHighlights ? '' : ' draw'}${activeIndex === b.index ? ' active' : ''}`;
      const key = targetKey(cls, f, b, clipRect);
      if (t.rcKey === key) return;
      t.rcKey = key;
      t.className = cls;
      t.dataset.category = f.category;
      t.dataset.ruleId = f.ruleId;
      t.dataset.severity = f.severity;
      t.dataset.index = String(b.index);
      t.style.left = `${b.rect.left - clipRect.left}px`;
      t.style.top = `${b.rect.top - clipRect.top}px`;
      t.style.width = `${b.rect.width}px`;
      t.style.height = `${b.rect.height}px`;
    });
    while (pool.length > boxes.length) pool[pool.length - 1]!.remove();
    if (frag.childNodes.length) s.clip.appendChild(frag);
    s.boxes = boxes.filter((b) => b.visible).map((b) => ({ rect: b.visible!, index: b.index }));
  }

  private updateHighlights(): void {
    const reg = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
    const HighlightCtor = (this.win as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (!reg || !HighlightCtor) return;
    if (!this.highlightSheet) {
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(
          `::highlight(rc-error){text-decoration:underline wavy #c5221f;text-decoration-thickness:1.5px;text-underline-offset:3px;text-decoration-skip-ink:none}
           ::highlight(rc-warning){text-decoration:underline wavy #d97706;text-decoration-thickness:1.5px;text-underline-offset:3px;text-decoration-skip-ink:none}
           ::highlight(rc-info){text-decoration:underline wavy #1967d2;text-decoration-thickness:1.5px;text-underline-offset:3px;text-decoration-skip-ink:none}`,
        );
        this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, sheet];
        this.highlightSheet = sheet;
      } catch {
        return;
      }
    }
    const by: Record<string, Range[]> = { 'rc-error': [], 'rc-warning': [], 'rc-info': [] };
    for (const s of this.sessions.values()) {
      if (!s.useHighlights || s.composing) continue;
      for (const f of s.findings) {
        const r = s.ed.range(f.start, f.end);
        if (r) by[`rc-${f.severity}`]!.push(r);
      }
    }
    for (const name of HL_NAMES) {
      if (by[name]!.length) reg.set(name, new HighlightCtor(...by[name]!));
      else reg.delete(name);
    }
  }

  // ---------------------------------------------------------------- hover, click, keyboard

  private hit(x: number, y: number): { s: Session; index: number } | null {
    for (const s of this.sessions.values()) {
      for (const b of s.boxes) if (x >= b.rect.left && x <= b.rect.right && y >= b.rect.top - 1 && y <= b.rect.bottom + 1) return { s, index: b.index };
    }
    return null;
  }

  private onMouseMove(e: MouseEvent): void {
    if (!this.sessions.size) return;
    const h = this.hit(e.clientX, e.clientY);
    clearTimeout(this.hoverTimer);
    if (h) {
      clearTimeout(this.closeTimer);
      if (this.card && this.card.session === h.s && this.card.index === h.index) return;
      if (this.card?.pinned) return;
      this.hoverTimer = this.win.setTimeout(() => this.openCard(h.s, h.index, { pinned: false, keyboard: false }), 120);
    } else if (this.card && !this.card.pinned && !e.composedPath().includes(this.host)) {
      this.maybeCloseHover();
    }
  }

  private maybeCloseHover(): void {
    clearTimeout(this.closeTimer);
    if (!this.card || this.card.pinned) return;
    this.closeTimer = this.win.setTimeout(() => {
      if (this.card && !this.card.pinned) this.closeCard(false);
    }, 400);
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.composedPath().includes(this.host)) return;
    const h = this.hit(e.clientX, e.clientY);
    if (h) {
      // Let the click place the caret as usual, and pin the card for this finding.
      this.win.setTimeout(() => this.openCard(h.s, h.index, { pinned: true, keyboard: false }), 0);
    } else if (this.card) this.closeCard(false);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyJ') {
      const s = this.focusedSession() ?? this.lastSession;
      if (!s || !s.findings.length) return;
      e.preventDefault();
      e.stopPropagation();
      this.next(s);
      return;
    }
    if (e.key === 'Escape' && this.card && !e.composedPath().includes(this.host)) {
      this.closeCard(false);
    }
  }

  private focusedSession(): Session | null {
    const a = deepActiveElement(this.doc);
    if (!a) return null;
    const el = editableRootOf(a);
    return el ? this.sessions.get(el) ?? null : null;
  }

  private next(s: Session): void {
    if (s.typing) this.lintNow(s);
    if (!s.findings.length) return;
    let index: number;
    if (this.card && this.card.session === s) index = (this.card.index + 1) % s.findings.length;
    else {
      const caret = s.ed.caret();
      index = s.findings.findIndex((f) => f.start >= caret);
      if (index < 0) index = 0;
    }
    this.openCard(s, index, { pinned: true, keyboard: true });
  }

  // ---------------------------------------------------------------- the card

  private openCard(s: Session, index: number, o: { pinned: boolean; keyboard: boolean }): void {
    if (!s.findings[index]) return;
    const caret = this.card?.session === s ? this.card.caret : s.ed.caret();
    this.card = { session: s, index, pinned: o.pinned, keyboard: o.keyboard, caret };
    this.renderCard();
    this.draw(s);
  }

  private closeCard(returnFocus: boolean): void {
    const c = this.card;
    this.card = null;
    render(null, this.cardBox);
    if (c) {
      this.draw(c.session);
      if (returnFocus) {
        const at = c.caret >= 0 ? c.caret : c.session.findings[c.index]?.end ?? 0;
        c.session.ed.select(at, at);
      }
    }
  }

  private renderCard(): void {
    const c = this.card;
    if (!c) return;
    const f = c.session.findings[c.index];
    if (!f) return this.closeCard(false);
    const lang = this.state?.uiLang ?? 'en';
    render(
      <Card
        finding={f}
        index={c.index}
        total={c.session.findings.length}
        lang={lang}
        phrases={this.phrasesFor(f)}
        autoFocus={c.keyboard}
        failedRewrite={c.failedRewrite}
        onApply={(sugg) => void this.apply(c.session, f, sugg)}
        onPhrase={(text) => void this.insertPhrase(c.session, f, text)}
        onIgnore={() => this.ignore(c.session, f)}
        onDisable={() => this.disable(c.session, f)}
        onClose={(kb) => this.closeCard(kb)}
        onNext={() => this.next(c.session)}
      />,
      this.cardBox,
    );
    this.positionCard();
  }

  private positionCard(): void {
    const c = this.card;
    const el = this.cardBox.firstElementChild as HTMLElement | null;
    if (!c || !el) return;
    const f = c.session.findings[c.index];
    if (!f) return;
    const rects = c.session.ed.rects(f.start, f.end);
    const r = rects[0] ?? c.session.ed.visibleRect();
    const w = el.offsetWidth || 340;
    const h = el.offsetHeight || 200;
    let left = Math.min(Math.max(8, r.left), this.win.innerWidth - w - 8);
    let top = r.bottom + 9;
    if (top + h > this.win.innerHeight - 8 && r.top - h - 8 > 8) top = r.top - h - 8;
    left = Math.max(8, left);
    top = Math.max(8, Math.min(top, this.win.innerHeight - h - 8));
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }

  private phrasesFor(f: Finding): { id: string; text: string }[] {
    const packs = this.state?.packs ?? [];
    // Phrases go into the reply: use the reply's language (the flagged words'), not the UI's.
    const zh = /[\u3400-\u9fff\uf900-\ufaff]/.test(f.text);
    const out: { id: string; text: string }[] = [];
    for (const id of f.phrases) {
      for (const p of packs) {
        const ph = p.phrases?.find((x) => x.id === id);
        if (ph) {
          out.push({ id, text: zh ? ph.text.zh || ph.text.en : ph.text.en || ph.text.zh });
          break;
        }
      }
      if (out.length >= 3) break;
    }
    return out;
  }

  async apply(s: Session, f: Finding, suggestion: string): Promise<void> {
    const res = await applyReplacement(s.ed, f.start, f.end, suggestion, f.text);
    if (res.status === 'applied') {
      this.hostApi.stat('applied', f);
      this.card = null;
      render(null, this.cardBox);
      this.lintNow(s);
    } else if (res.status === 'stale') {
      this.card = null;
      render(null, this.cardBox);
      this.lintNow(s);
    } else if (this.card) {
      this.card.failedRewrite = suggestion;
      this.renderCard();
    }
  }

  private async insertPhrase(s: Session, f: Finding, text: string): Promise<void> {
    const at = this.card?.caret !== undefined && this.card.caret >= 0 ? this.card.caret : f.end;
    const res = await insertAt(s.ed, at, text);
    if (res.status === 'applied') {
      this.card = null;
      render(null, this.cardBox);
      this.lintNow(s);
    } else if (this.card) {
      this.card.failedRewrite = text;
      this.renderCard();
    }
  }

  private ignore(s: Session, f: Finding): void {
    s.ignored.add(keysFor(s.text, [f])[0]!);
    this.hostApi.stat('ignored', f);
    this.closeCard(!!this.card?.keyboard);
    this.lintNow(s);
  }

  private disable(s: Session, f: Finding): void {
    this.hostApi.disableRule(f.ruleId);
    if (this.state && !this.state.disabledRules.includes(f.ruleId)) {
      this.state = { ...this.state, disabledRules: [...this.state.disabledRules, f.ruleId] };
    }
    this.closeCard(!!this.card?.keyboard);
    this.lintNow(s);
  }

  destroy(): void {
    for (const d of this.disposers) d();
    this.docObserver?.disconnect();
    for (const s of Array.from(this.sessions.values())) this.detach(s);
    this.host?.remove();
  }
}

/** Stable identity of a finding in a reply: rule, words and their neighbourhood (not the offset). */
function keysFor(text: string, findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${text.slice(Math.max(0, f.start - 8), f.end + 8)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\u0000${n}`;
  });
}

function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    /* old browsers */
  }
}

function deepActiveElement(doc: Document): Element | null {
  let a: Element | null = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

export { parentAcrossShadow };
