import type { DiffParagraph, DraftChange } from '@doorway/contracts';

/** A paragraph as it stands in one version: its key, reader's number, section key and text. */
export interface PlacedParagraph {
  key: string;
  number: number;
  section: string;
  text: string;
}

/** One key across two versions; `from` or `to` is null when it is absent from that side. */
export interface AlignedParagraph {
  key: string;
  from: PlacedParagraph | null;
  to: PlacedParagraph | null;
  /** On both sides, with different text. */
  edited: boolean;
  /** On both sides, and in another section or out of its relative order (see alignParagraphs). */
  moved: boolean;
}

/**
 * Aligns two versions by stable key, in the `to` reading order, each deleted paragraph placed
 * right after the paragraph it followed in `from` (the nearest preceding one that survived in
 * place), or first when none did.
 *
 * "Moved" is decided on relative order, so that inserting or deleting paragraphs, which shifts
 * every later number, moves nothing. A paragraph whose section key changed moved; among the
 * paragraphs that stayed in their section, the longest run that kept its relative order stays
 * in place, and the others moved. Moving one paragraph from 3 to 10 thus marks that paragraph
 * only, not the seven it jumped over.
 */
export function alignParagraphs(from: readonly PlacedParagraph[], to: readonly PlacedParagraph[]): AlignedParagraph[] {
  const fromIndex = new Map(from.map((p, i) => [p.key, i] as const));
  const toKeys = new Set(to.map((p) => p.key));
  // Paragraphs that changed section moved anyway; the order is judged among those that stayed in theirs.
  const survivors = to.filter((p) => from[fromIndex.get(p.key) ?? -1]?.section === p.section);
  const inPlace = new Set(
    longestIncreasingRun(survivors.map((p) => fromIndex.get(p.key) ?? 0)).map((i) => survivors[i]?.key ?? ''),
  );

  // Each deleted paragraph hangs after its nearest preceding `from` paragraph that stayed in place.
  const deletedAfter = new Map<string | null, PlacedParagraph[]>();
  let anchor: string | null = null;
  for (const paragraph of from) {
    if (!toKeys.has(paragraph.key)) {
      const list = deletedAfter.get(anchor) ?? [];
      list.push(paragraph);
      deletedAfter.set(anchor, list);
    } else if (inPlace.has(paragraph.key)) {
      anchor = paragraph.key;
    }
  }
  const deleted = (after: string | null): AlignedParagraph[] =>
    (deletedAfter.get(after) ?? []).map((p) => ({ key: p.key, from: p, to: null, edited: false, moved: false }));

  const aligned: AlignedParagraph[] = deleted(null);
  for (const paragraph of to) {
    const before = from[fromIndex.get(paragraph.key) ?? -1] ?? null;
    aligned.push({
      key: paragraph.key,
      from: before,
      to: paragraph,
      edited: before !== null && before.text !== paragraph.text,
      moved: before !== null && !inPlace.has(paragraph.key),
    });
    aligned.push(...deleted(paragraph.key));
  }
  return aligned;
}

/** The change marker of a paragraph of the draft (deleted ones are listed apart). */
export function draftChange(paragraph: AlignedParagraph): DraftChange {
  if (!paragraph.from) return 'added';
  if (paragraph.edited && paragraph.moved) return 'edited_and_moved';
  if (paragraph.edited) return 'edited';
  if (paragraph.moved) return 'moved';
  return 'kept';
}

export function diffChange(paragraph: AlignedParagraph): DiffParagraph['change'] {
  if (!paragraph.to) return 'deleted';
  if (!paragraph.from) return 'added';
  if (paragraph.edited && paragraph.moved) return 'changed_and_moved';
  if (paragraph.edited) return 'changed';
  if (paragraph.moved) return 'moved';
  return 'unchanged';
}

/** Indexes (into `values`) of one longest strictly increasing subsequence, in order; O(n log n). */
export function longestIncreasingRun(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest tail of a run of length k + 1
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  });
  const run: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) run.push(i);
  return run.reverse();
}
