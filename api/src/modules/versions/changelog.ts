import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_LABELS } from '@doorway/contracts';
import type { StakeholderGroup } from '@doorway/contracts';
import type { AlignedParagraph } from './alignment';

/** One aligned paragraph with what its change answers, for the generated changelog. */
export interface ChangelogEntry {
  paragraph: AlignedParagraph;
  /** The title of the section it now stands in (null for a deleted paragraph). */
  sectionTitle: string | null;
  /** Stakeholder groups of the contributions newly cited for this change (one per contribution). */
  answering: StakeholderGroup[];
  /** The title of a case study this paragraph newly inserts. */
  caseStudyTitle: string | null;
}

/**
 * One line per added, edited, moved or deleted paragraph, in reading order, e.g.
 * "¶ 12 edited, answering 3 contributions (2 civil society, 1 government)". Kept paragraphs
 * are not mentioned. Numbers are the new version's, except for deleted paragraphs (the base's).
 */
export function generateChangelog(entries: readonly ChangelogEntry[]): string {
  return entries
    .map((entry) => line(entry))
    .filter((l): l is string => l !== null)
    .join('\n');
}

function line({ paragraph, sectionTitle, answering, caseStudyTitle }: ChangelogEntry): string | null {
  const { from, to } = paragraph;
  if (!to) return from ? `¶ ${from.number} deleted` : null;
  const where = sectionTitle ?? to.section;
  if (!from) {
    const head = caseStudyTitle ? `New ¶ ${to.number} in ${where}: case study “${caseStudyTitle}”` : `New ¶ ${to.number} in ${where}`;
    return head + answeringClause(answering);
  }
  if (!paragraph.edited && !paragraph.moved) return null;
  const moved = paragraph.moved
    ? `${from.section !== to.section ? `moved to ${where}` : 'moved'} (was ¶ ${from.number})`
    : '';
  const what = paragraph.edited && paragraph.moved ? `edited and ${moved}` : paragraph.edited ? 'edited' : moved;
  const inserted = caseStudyTitle ? `, inserting case study “${caseStudyTitle}”` : '';
  return `¶ ${to.number} ${what}${inserted}${answeringClause(answering)}`;
}

/** ", answering 3 contributions (2 civil society, 1 government)", largest group first. */
export function answeringClause(groups: readonly StakeholderGroup[]): string {
  if (!groups.length) return '';
  const counts = new Map<StakeholderGroup, number>();
  for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  const parts = [...counts]
    .sort(([a, m], [b, n]) => n - m || STAKEHOLDER_GROUPS.indexOf(a) - STAKEHOLDER_GROUPS.indexOf(b))
    .map(([group, n]) => `${n} ${STAKEHOLDER_GROUP_LABELS[group].toLowerCase()}`);
  return `, answering ${groups.length} contribution${groups.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}
