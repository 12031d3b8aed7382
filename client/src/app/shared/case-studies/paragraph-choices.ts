import type { DocumentVersionView } from '@doorway/contracts';

export interface ParagraphChoice {
  key: string;
  number: number;
  /** "¶ 5 – Cybersecurity is a shared responsibility of all…" */
  label: string;
}

/** The first few words of a text, with an ellipsis when there is more. */
export function firstWords(text: string, count = 8): string {
  const words = text.trim().split(/\s+/).filter((word) => word !== '');
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

/** Every paragraph of a document, in reading order, named by number and opening words. */
export function paragraphChoices(doc: DocumentVersionView): ParagraphChoice[] {
  return doc.sections.flatMap((section) =>
    section.paragraphs.map((paragraph) => ({
      key: paragraph.key,
      number: paragraph.number,
      label: `¶ ${paragraph.number} – ${firstWords(paragraph.text)}`,
    })),
  );
}
