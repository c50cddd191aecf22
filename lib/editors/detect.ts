import type { EditorKind } from './types';

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

/** The reply box an event target belongs to (the topmost editable root), or null. */
export function editableRootOf(target: EventTarget | null): HTMLElement | null {
  if (!target || !(target as Node).nodeType) return null;
  let el: Element | null = (target as Node).nodeType === 1 ? (target as Element) : (target as Node).parentElement;
  if (!el) return null;
  if (el.tagName === 'TEXTAREA') return (el as HTMLTextAreaElement).readOnly || (el as HTMLTextAreaElement).disabled ? null : (el as HTMLElement);
  if (el.tagName === 'INPUT') {
    const i = el as HTMLInputElement;
    return TEXT_INPUT_TYPES.has(i.type) && !i.readOnly && !i.disabled ? i : null;
  }
  if (!(el as HTMLElement).isContentEditable) return null;
  // Climb to the topmost editable ancestor (within this tree; an editable body counts too).
  while (el.parentElement && (el.parentElement as HTMLElement).isContentEditable) el = el.parentElement;
  if (el.tagName === 'HTML') return (el.ownerDocument.body as HTMLElement) ?? null;
  return el as HTMLElement;
}

export function kindOf(el: HTMLElement): EditorKind {
  if (el.tagName === 'TEXTAREA') return 'textarea';
  if (el.tagName === 'INPUT') return 'input';
  const c = el.classList;
  if (c.contains('ck-editor__editable') || c.contains('ck-content')) return 'ckeditor5';
  if (el.hasAttribute('data-lexical-editor')) return 'lexical';
  if (c.contains('ql-editor')) return 'quill';
  if (c.contains('ProseMirror') || c.contains('tiptap')) return 'prosemirror';
  if (el.classList.contains('public-DraftEditor-content') || el.querySelector(':scope > [data-contents]')) return 'draft';
  return 'contenteditable';
}

/** Candidate reply boxes in a subtree (cheap selector; used when SPAs insert nodes). */
export const CANDIDATE_SELECTOR = 'textarea,[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]';
