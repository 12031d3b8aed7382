import { emptyGroupCounts, isStakeholderGroup } from '@doorway/contracts';
import { parsePgArray } from '../../common/sql/pg-array';
import type { Attribution, CommentAuthor, CommentView, Disposition, EndorsementCounts, StakeholderGroup } from '@doorway/contracts';

/**
 * The columns every comment read selects; `c` is the contribution, joined as in COMMENT_JOINS.
 * `viewer` is the SQL parameter holding the reader's user id (NULL for anonymous readers).
 */
export const commentColumns = (viewer: string): string => `
  c.id, c.kind, c.parent_id, p.key AS paragraph_key, c.body, c.language, c.proposed_text,
  c.quote_exact, c.quote_prefix, c.quote_suffix,
  c.author_id, u.display_name AS author_name, u.organisation AS author_organisation, c.author_group,
  c.recorded_by_id IS NOT NULL AS recorded, c.speaker_name, c.speaker_organisation, c.attribution,
  c.author_id = ${viewer}::uuid AS mine,
  c.disposition, c.disposition_note, c.answered_in_version,
  v.number AS version_number, c.created_at, c.created_at::text AS cursor_at, c.edited_at, c.deleted_at,
  (SELECT array_agg(p2.key ORDER BY p2.id <> c.paragraph_id, p2.key)
     FROM contribution_paragraphs cp2 JOIN paragraphs p2 ON p2.id = cp2.paragraph_id
    WHERE cp2.contribution_id = c.id) AS paragraph_keys,
  (SELECT json_object_agg(x.g, x.n) FROM (SELECT e.user_group AS g, count(*)::int AS n FROM endorsements e
     WHERE e.contribution_id = c.id GROUP BY e.user_group) x) AS endorsements,
  EXISTS (SELECT 1 FROM paragraph_revisions then_r
            JOIN documents d2 ON d2.id = c.document_id
            JOIN paragraph_revisions now_r ON now_r.paragraph_id = then_r.paragraph_id AND now_r.version_id = d2.current_version_id
           WHERE then_r.paragraph_id = c.paragraph_id AND then_r.version_id = c.version_id
             AND then_r.text <> now_r.text) AS changed_since,
  EXISTS (SELECT 1 FROM endorsements mine WHERE mine.contribution_id = c.id AND mine.user_id = ${viewer}::uuid) AS endorsed_by_me,
  u.group_verified AS author_group_verified, c.hidden_at IS NOT NULL AS hidden, c.hidden_reason,
  EXISTS (SELECT 1 FROM contribution_reports rep WHERE rep.contribution_id = c.id AND rep.reporter_id = ${viewer}::uuid) AS reported_by_me`;

export const COMMENT_JOINS = `
  JOIN users u ON u.id = c.author_id
  JOIN paragraphs p ON p.id = c.paragraph_id
  JOIN document_versions v ON v.id = c.version_id`;

export interface CommentRow {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  parent_id: string | null;
  paragraph_key: string;
  body: string;
  language: string;
  proposed_text: string | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  author_id: string;
  author_name: string;
  author_organisation: string | null;
  author_group: StakeholderGroup;
  recorded: boolean;
  attribution: Attribution;
  /** The reader wrote it. */
  mine: boolean | null;
  speaker_name: string | null;
  speaker_organisation: string | null;
  disposition: Disposition;
  disposition_note: string | null;
  answered_in_version: number | null;
  version_number: number;
  created_at: Date;
  cursor_at: string;
  edited_at: Date | null;
  deleted_at: Date | null;
  paragraph_keys: string[] | string | null;
  endorsements: Record<string, number> | null;
  changed_since: boolean;
  endorsed_by_me: boolean;
  author_group_verified: boolean;
  hidden: boolean;
  hidden_reason: string | null;
  reported_by_me: boolean;
}

export function endorsementCounts(raw: Record<string, number> | null): EndorsementCounts {
  const byGroup = emptyGroupCounts();
  for (const [group, n] of Object.entries(raw ?? {})) if (isStakeholderGroup(group)) byGroup[group] = n;
  return { total: Object.values(byGroup).reduce((a, b) => a + b, 0), byGroup };
}

function keys(raw: string[] | string | null, primary: string): string[] {
  const parsed = parsePgArray(raw);
  return parsed.length ? parsed : [primary];
}

/**
 * The author as they chose to be shown. Only a named author's id is given (and always to the
 * author themselves, who may edit it); otherwise comments could be linked back to a name.
 */
function shownAuthor(row: CommentRow): CommentAuthor {
  if (row.recorded) return { id: row.author_id, displayName: row.speaker_name ?? '', organisation: row.speaker_organisation };
  const id = row.attribution === 'named' || row.mine ? row.author_id : null;
  if (row.attribution === 'named') return { id, displayName: row.author_name, organisation: row.author_organisation };
  if (row.attribution === 'organisation' && row.author_organisation) return { id, displayName: row.author_organisation, organisation: null };
  return { id, displayName: 'Anonymous', organisation: null };
}

/**
 * A deleted comment keeps its place in the thread but shows nothing of what it said or who said
 * it. A hidden one likewise, except to moderators (editors and coordinators), who see it all,
 * marked hidden; everyone else gets only the moderators' reason.
 */
export function toCommentView(row: CommentRow, moderator = false): CommentView {
  const withheld = row.deleted_at !== null || (row.hidden && !moderator);
  const author = shownAuthor(row);
  return {
    id: row.id,
    kind: row.kind,
    paragraphKey: row.paragraph_key,
    paragraphKeys: keys(row.paragraph_keys, row.paragraph_key),
    proposedText: withheld ? null : row.proposed_text,
    parentId: row.parent_id,
    body: withheld ? null : row.body,
    quote:
      withheld || row.quote_exact === null
        ? null
        : { exact: row.quote_exact, prefix: row.quote_prefix ?? '', suffix: row.quote_suffix ?? '' },
    author: withheld ? null : author,
    attribution: row.attribution,
    language: row.language,
    stakeholderGroup: row.author_group,
    versionNumber: row.version_number,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted: row.deleted_at !== null,
    paragraphChangedSince: row.changed_since,
    recordedByRapporteur: row.recorded,
    disposition: row.disposition,
    dispositionNote: row.disposition_note,
    answeredInVersion: row.answered_in_version,
    endorsements: endorsementCounts(row.endorsements),
    endorsedByMe: row.endorsed_by_me,
    // A speaker recorded by the rapporteur declared their group in the room; nobody checked it.
    groupVerified: !row.recorded && row.author_group_verified,
    hidden: row.hidden,
    hiddenReason: row.hidden ? row.hidden_reason : null,
    reportedByMe: row.reported_by_me,
  };
}
