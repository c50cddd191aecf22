export type EditorKind = 'textarea' | 'input' | 'contenteditable' | 'ckeditor5' | 'prosemirror' | 'lexical' | 'quill' | 'draft';

/** One reply box. Offsets are UTF-16 offsets into read()'s text, end exclusive. */
export interface EditorAdapter {
  readonly el: HTMLElement;
  readonly kind: EditorKind;
  /** Current plain text (re-reads the editor). */
  read(): string;
  /** Client rects (in the editor's window) of a span of the last read() text, one per line box. */
  rects(start: number, end: number): DOMRect[];
  /** A live DOM Range for the span (contenteditable kinds), for the CSS Custom Highlight API. */
  range(start: number, end: number): Range | null;
  /** Caret offset in the text, or -1 if the selection is not in this editor. */
  caret(): number;
  /** Put the editor's selection on a span (focuses the editor). */
  select(start: number, end: number): void;
  /** The part of the editor that is visible (editor box ∩ scrolling ancestors ∩ viewport). */
  visibleRect(): DOMRect;
  destroy(): void;
}
