/**
 * The language of the exports' own words: the labels, notes and synthesis sentences below are written
 * in English, like the BPF's outcome documents. Contributions keep their own tags inside it.
 */
export const EXPORT_LANGUAGE = 'en';

/**
 * Sentences more than one renderer prints, written once so the four formats say the same.
 * "1 more contributor chose…" / "3 more contributors chose…"; no "more" when nobody in the
 * group is named; null when everybody is.
 */
export function unnamedSentence(count: number, someNamed: boolean): string | null {
  if (count === 0) return null;
  const noun = count === 1 ? 'contributor' : 'contributors';
  return `${count} ${someNamed ? 'more ' : ''}${noun} chose not to be named.`;
}
