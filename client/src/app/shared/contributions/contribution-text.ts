import { DISPOSITION_LABELS, STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_LABELS, isStakeholderGroup } from '@doorway/contracts';
import type { CommentView, Disposition, EndorsementCounts, GroupCounts, ProvenanceRef, ShapedBy, StakeholderGroup } from '@doorway/contracts';

/** Groups with a count above zero, largest first (ties keep the canonical group order). */
export function groupsByCount(counts: GroupCounts): { group: StakeholderGroup; label: string; count: number }[] {
  return STAKEHOLDER_GROUPS.map((group) => ({ group, label: STAKEHOLDER_GROUP_LABELS[group], count: counts[group] ?? 0 }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** "Endorsed by 3: 2 Civil society, 1 Government"; "No endorsements yet" at zero. */
export function endorsementText(endorsements: EndorsementCounts): string {
  if (endorsements.total <= 0) return 'No endorsements yet';
  const groups = groupsByCount(endorsements.byGroup);
  const breakdown = groups.map((g) => `${g.count} ${g.label}`).join(', ');
  return breakdown ? `Endorsed by ${endorsements.total}: ${breakdown}` : `Endorsed by ${endorsements.total}`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * "Shaped by 1 contribution from Civil society"; with several groups, each with its count:
 * "Shaped by 3 contributions from Civil society (2) and Government (1)".
 */
export function shapedByText(shapedBy: ShapedBy): string {
  const noun = shapedBy.count === 1 ? 'contribution' : 'contributions';
  const groups = groupsByCount(shapedBy.byGroup);
  const head = `Shaped by ${shapedBy.count} ${noun}`;
  if (groups.length === 0) return head;
  const [only] = groups;
  if (groups.length === 1 && only && only.count === shapedBy.count) return `${head} from ${only.label}`;
  return `${head} from ${listText(groups.map((g) => `${g.label} (${g.count})`))}`;
}

/** "on v1", and " · the paragraph has changed since" when it has. */
export function commentVersionText(comment: Pick<CommentView, 'versionNumber' | 'paragraphChangedSince'>): string {
  return `on v${comment.versionNumber}${comment.paragraphChangedSince ? ' · the paragraph has changed since' : ''}`;
}

export function dispositionText(disposition: Disposition): string {
  return DISPOSITION_LABELS[disposition] ?? disposition;
}

/** "Accepted in v2" (accepted or partially accepted), "Answered in v2" otherwise; null when no version answered it. */
export function answeredText(comment: Pick<CommentView, 'disposition' | 'answeredInVersion'>): string | null {
  if (comment.answeredInVersion === null) return null;
  const accepted = comment.disposition === 'accepted' || comment.disposition === 'partially_accepted';
  return `${accepted ? 'Accepted' : 'Answered'} in v${comment.answeredInVersion}`;
}

export const CONTRIBUTION_KIND_LABELS: Readonly<Record<ProvenanceRef['kind'], string>> = {
  comment: 'Comment',
  reply: 'Reply',
  suggestion: 'Suggested edit',
  case_study: 'Case study',
};

/** A provenance group as sent (a string): its label when it is a stakeholder group. */
export function groupText(group: string): string {
  return isStakeholderGroup(group) ? STAKEHOLDER_GROUP_LABELS[group] : group;
}
