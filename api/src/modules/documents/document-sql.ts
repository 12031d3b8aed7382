/**
 * The statements of the document view, in one place so that the benchmark's bare baseline runs
 * exactly what the app runs (tools/bench/baseline-server.ts imports them).
 */

/** A document with its forum, current version and comment count (from the counters). */
export const SUMMARY_SELECT = `
  SELECT d.id, d.slug, d.title, d.summary, d.language, f.slug AS forum_slug, f.name AS forum_name,
         d.consultation_opens_at, d.consultation_closes_at, d.phase, d.comment_deadline,
         v.id AS version_id, v.number AS version_number, v.label AS version_label, v.published_at AS version_published_at,
         (SELECT coalesce(sum(n), 0) FROM document_contribution_counts dc WHERE dc.document_id = d.id) AS comment_count,
         -- Few rows, read through the partial index contributions_hidden_idx; hiding bumps the view stamp.
         (SELECT count(*)::int FROM contributions hc WHERE hc.document_id = d.id AND hc.hidden_at IS NOT NULL AND hc.deleted_at IS NULL) AS hidden_count,
         (SELECT coalesce(sum(n), 0) FROM document_view_changes vc WHERE vc.document_id = d.id)::text AS view_stamp
    FROM documents d
    JOIN forums f ON f.id = d.forum_id
    LEFT JOIN document_versions v ON v.id = d.current_version_id`;

/** The summary plus the published version asked for ($2, or the current one when null), by slug ($1). */
export const VIEW_ROW_SQL = `
  SELECT s.*, rv.id AS view_id, rv.number AS view_number, rv.label AS view_label, rv.published_at AS view_published_at
    FROM (${SUMMARY_SELECT} WHERE d.slug = $1) s
    LEFT JOIN document_versions rv
      ON rv.document_id = s.id AND rv.status = 'published' AND rv.number = coalesce($2::int, s.version_number)`;

/** A version's paragraphs ($1: version id, $2: document id) with counts by group, related case studies and provenance. */
export const PARAGRAPHS_SQL = `SELECT s.key AS section_key, s.title AS section_title, p.key, r.position, r.text, counts.by_group AS counts,
              related.case_studies, shaped.total AS shaped_count, shaped.by_group AS shaped_by_group,
              -- In the same snapshot as the counts: see DocumentVersionView.liveCursor.
              (SELECT max(e.id)::text FROM live_events e WHERE e.document_id = $2) AS live_cursor
         FROM paragraph_revisions r
         JOIN version_sections s ON s.id = r.section_id
         JOIN paragraphs p ON p.id = r.paragraph_id
         LEFT JOIN (
           SELECT g.paragraph_id, jsonb_object_agg(g.author_group, g.n) AS by_group
             FROM (SELECT pc.paragraph_id, pc.stakeholder_group AS author_group, sum(pc.n)::int AS n
                     FROM paragraph_group_counts pc
                    WHERE pc.document_id = $2
                    GROUP BY pc.paragraph_id, pc.stakeholder_group
                   HAVING sum(pc.n) > 0) g
            GROUP BY g.paragraph_id
         ) counts ON counts.paragraph_id = p.id
         -- One pass over the document's accepted case studies, not one lookup per paragraph.
         LEFT JOIN (
           SELECT k.key, json_agg(json_build_object('id', cs.id, 'title', cs.title) ORDER BY cs.title) AS case_studies
             FROM case_studies cs, unnest(cs.paragraph_keys) AS k(key)
            WHERE cs.document_id = $2 AND cs.status = 'accepted'
            GROUP BY k.key
         ) related ON related.key = p.key
         LEFT JOIN (
           SELECT g.revision_id, sum(g.n)::int AS total, jsonb_object_agg(g.author_group, g.n) AS by_group
             FROM (SELECT rp.revision_id, coalesce(c.author_group, cs.author_group) AS author_group, count(*)::int AS n
                     FROM revision_provenance rp
                     JOIN paragraph_revisions pr ON pr.id = rp.revision_id AND pr.version_id = $1
                     LEFT JOIN contributions c ON c.id = rp.contribution_id
                     LEFT JOIN case_studies cs ON cs.id = rp.case_study_id
                    GROUP BY rp.revision_id, 2) g
            GROUP BY g.revision_id
         ) shaped ON shaped.revision_id = r.id
        WHERE r.version_id = $1
        ORDER BY r.position`;
