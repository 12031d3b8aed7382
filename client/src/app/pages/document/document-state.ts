import type { DocumentVersionView, ParagraphView, StakeholderGroup } from '@doorway/contracts';

/**
 * The document with one paragraph's counts moved by `delta` for `group` (a comment posted: +1,
 * deleted: -1). Counts never go below zero. Returns new objects only along the changed path, so
 * OnPush components of the other paragraphs keep their inputs.
 */
export function adjustParagraphCount(
  doc: DocumentVersionView,
  paragraphKey: string,
  group: StakeholderGroup,
  delta: number,
): DocumentVersionView {
  let applied = 0;
  let found = false;
  const sections = doc.sections.map((section) => {
    if (!section.paragraphs.some((p) => p.key === paragraphKey)) return section;
    return {
      ...section,
      paragraphs: section.paragraphs.map((paragraph): ParagraphView => {
        if (paragraph.key !== paragraphKey) return paragraph;
        found = true;
        const before = paragraph.commentsByGroup[group] ?? 0;
        const after = Math.max(0, before + delta);
        applied = after - before;
        return {
          ...paragraph,
          commentCount: Math.max(0, paragraph.commentCount + applied),
          commentsByGroup: { ...paragraph.commentsByGroup, [group]: after },
        };
      }),
    };
  });
  if (!found) return doc;
  return {
    ...doc,
    document: { ...doc.document, commentCount: Math.max(0, doc.document.commentCount + applied) },
    sections,
  };
}

/** The paragraph with this key, anywhere in the document. */
export function findParagraph(doc: DocumentVersionView, key: string): ParagraphView | undefined {
  for (const section of doc.sections) {
    const paragraph = section.paragraphs.find((p) => p.key === key);
    if (paragraph) return paragraph;
  }
  return undefined;
}
