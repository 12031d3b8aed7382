import { LIMITS } from '@doorway/contracts';
import type { TextQuote } from '@doorway/contracts';

/** How much of the paragraph we keep on each side of a quoted passage to anchor it. */
export const QUOTE_CONTEXT_LENGTH = 32;

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/**
 * Builds a TextQuote from character offsets into the paragraph text: `exact` is the passage with
 * surrounding whitespace trimmed, `prefix`/`suffix` are up to 32 characters just before and after.
 * Returns null for an empty (or all-whitespace) passage or one longer than the API accepts.
 */
export function quoteFromOffsets(text: string, start: number, end: number): TextQuote | null {
  let from = Math.max(0, Math.min(start, end, text.length));
  let to = Math.min(text.length, Math.max(start, end, 0));
  while (from < to && isSpace(text[from])) from++;
  while (to > from && isSpace(text[to - 1])) to--;
  if (from >= to) return null;
  const exact = text.slice(from, to);
  if (exact.length > LIMITS.quote.exactMax) return null;
  return {
    exact,
    prefix: text.slice(Math.max(0, from - QUOTE_CONTEXT_LENGTH), from),
    suffix: text.slice(to, to + QUOTE_CONTEXT_LENGTH),
  };
}

/** Quotes the first occurrence of `passage` (trimmed) in the paragraph text, or null if it is not there. */
export function quoteFromExact(text: string, passage: string): TextQuote | null {
  const exact = passage.trim();
  if (exact === '') return null;
  const at = text.indexOf(exact);
  if (at < 0) return null;
  return quoteFromOffsets(text, at, at + exact.length);
}

/** Character offset of a DOM boundary point, counted from the start of `container`'s text. */
function offsetWithin(container: Node, node: Node, offset: number): number {
  const doc = container.ownerDocument ?? document;
  const range = doc.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * Turns the current selection into a quote of `text` when the whole selection lies inside
 * `container` (the element that renders exactly that text). Falls back to the first occurrence of
 * the selected string if the DOM offsets do not line up with the text.
 */
export function quoteFromSelection(container: Node, text: string, selection: Selection | null): TextQuote | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const selected = range.toString();
  const start = offsetWithin(container, range.startContainer, range.startOffset);
  const end = offsetWithin(container, range.endContainer, range.endOffset);
  if (text.slice(start, end) === selected) return quoteFromOffsets(text, start, end);
  return quoteFromExact(text, selected);
}
