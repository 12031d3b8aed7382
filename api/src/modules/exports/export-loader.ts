import {
  CASE_STUDY_DOMAIN_LABELS,
  DISPOSITION_LABELS,
  DISPOSITIONS,
  STAKEHOLDER_GROUP_LABELS,
  STAKEHOLDER_GROUPS,
  UN_REGIONS,
  ANNEX_LABELS,
  isStakeholderGroup,
} from '@doorway/contracts';
import type { AnnexKey, Attribution, CaseStudyDomain, Disposition, StakeholderGroup } from '@doorway/contracts';
import { parsePgArray } from '../../common/sql/pg-array';
import type {
  CaseStudyAnnex,
  ExportDigest,
  ContributorsAnnex,
  DispositionAnnex,
  ExportModel,
  ExportNote,
  ExportSection,
  SynthesisAnnex,
  SynthesisGroup,
  SynthesisParagraph,
  TitlePage,
} from './export-model';
import type { SqlClient } from './sql-client';

/** Reports how far loading has gone, from 0 to 1, with what it is doing. */
export type StageReporter = (stage: string, fraction: number) => void | Promise<void>;

interface HeaderRow {
  document_id: string;
  title: string;
  summary: string;
  consultation_opens_at: Date | null;
  consultation_closes_at: Date | null;
  forum_name: string;
  version_id: string;
  number: number;
  label: string;
  status: 'draft' | 'published';
  published_at: Date | null;
  previous_version_id: string | null;
  previous_number: number | null;
}

interface RevisionRow {
  revision_id: string;
  paragraph_id: string;
  key: string;
  section_title: string;
  text: string;
  previous_text: string | null;
}

interface ProvenanceRow {
  revision_id: string;
  author_group: StakeholderGroup | null;
  disposition: Disposition | null;
  case_study_title: string | null;
}

interface ContributionRow {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  paragraph_id: string | null;
  paragraph_key: string | null;
  body: string;
  language: string;
  quote_exact: string | null;
  proposed_text: string | null;
  author_group: StakeholderGroup;
  author_name: string;
  disposition: Disposition;
  disposition_note: string | null;
  answered_in_version: number | null;
  endorsements: number;
}

interface CaseStudyRow {
  id: string;
  title: string;
  language: string;
  region: string;
  year_from: number | null;
  year_to: number | null;
  domains: string[] | string | null;
  closed_door: string;
  what_opened: string;
  outcome: string;
  lessons: string;
  links: { url: string }[] | null;
  attribution: Attribution;
  author_name: string;
  author_organisation: string | null;
  author_group: StakeholderGroup;
}

interface DispositionCaseStudyRow {
  id: string;
  author_group: StakeholderGroup;
  disposition: Disposition;
  disposition_note: string | null;
  included_in_version: number | null;
}

interface ContributorRow {
  display_name: string;
  organisation: string | null;
  stakeholder_group: StakeholderGroup;
  group_verified: boolean;
  consented: boolean;
}

const HEADER = `
  SELECT d.id AS document_id, d.title, d.summary, d.consultation_opens_at, d.consultation_closes_at,
         f.name AS forum_name, v.id AS version_id, v.number, v.label, v.status, v.published_at,
         prev.id AS previous_version_id, prev.number AS previous_number
    FROM document_versions v
    JOIN documents d ON d.id = v.document_id
    JOIN forums f ON f.id = d.forum_id
    LEFT JOIN LATERAL (
      SELECT pv.id, pv.number FROM document_versions pv
       WHERE pv.id = v.based_on_version_id
          OR (v.based_on_version_id IS NULL AND pv.document_id = v.document_id AND pv.number < v.number AND pv.status = 'published')
       ORDER BY pv.number DESC LIMIT 1
    ) prev ON true
   WHERE v.id = $1`;

/** The version's paragraphs in reading order, each with its text in the version it was based on. */
const REVISIONS = `
  SELECT r.id AS revision_id, r.paragraph_id, p.key, s.title AS section_title, r.text, prev.text AS previous_text
    FROM paragraph_revisions r
    JOIN paragraphs p ON p.id = r.paragraph_id
    JOIN version_sections s ON s.id = r.section_id
    LEFT JOIN paragraph_revisions prev ON prev.paragraph_id = r.paragraph_id AND prev.version_id = $2
   WHERE r.version_id = $1
   ORDER BY s.position, r.position`;

const PROVENANCE = `
  SELECT rp.revision_id, c.author_group, c.disposition, cs.title AS case_study_title
    FROM revision_provenance rp
    JOIN paragraph_revisions r ON r.id = rp.revision_id AND r.version_id = $1
    LEFT JOIN contributions c ON c.id = rp.contribution_id
    LEFT JOIN case_studies cs ON cs.id = rp.case_study_id
   ORDER BY rp.revision_id, c.created_at, c.id, cs.id`;

/**
 * Public contributions made up to this version: not deleted, oldest first. The author is shown
 * as they chose; a recorded intervention shows the speaker, never the rapporteur.
 */
const CONTRIBUTIONS = `
  SELECT c.id, c.kind, c.paragraph_id, p.key AS paragraph_key, c.body, c.language, c.quote_exact, c.proposed_text, c.author_group,
         CASE WHEN c.recorded_by_id IS NOT NULL THEN coalesce(nullif(c.speaker_name, ''), c.speaker_organisation, 'Anonymous')
              WHEN c.attribution = 'named' THEN u.display_name || coalesce(' (' || nullif(u.organisation, '') || ')', '')
              WHEN c.attribution = 'organisation' THEN coalesce(nullif(u.organisation, ''), 'Anonymous')
              ELSE 'Anonymous' END AS author_name,
         c.disposition, c.disposition_note, c.answered_in_version,
         (SELECT count(*)::int FROM endorsements e WHERE e.contribution_id = c.id) AS endorsements
    FROM contributions c
    JOIN users u ON u.id = c.author_id
    JOIN document_versions v ON v.id = c.version_id
    LEFT JOIN paragraphs p ON p.id = c.paragraph_id
   WHERE c.document_id = $1 AND v.number <= $2 AND c.deleted_at IS NULL AND c.kind <> 'case_study'
     -- What moderators hid is not published, in exports as on the page.
     AND c.hidden_at IS NULL
   ORDER BY c.created_at, c.id`;

const ACCEPTED_CASE_STUDIES = `
  SELECT cs.id, cs.title, cs.language, cs.region, cs.year_from, cs.year_to, cs.domains::text[] AS domains, cs.closed_door,
         cs.what_opened, cs.outcome, cs.lessons, cs.links, cs.attribution, u.display_name AS author_name,
         u.organisation AS author_organisation, cs.author_group
    FROM case_studies cs JOIN users u ON u.id = cs.author_id
   WHERE cs.document_id = $1 AND cs.status = 'accepted' AND cs.consent_to_publish
   ORDER BY cs.decided_at NULLS LAST, cs.id`;

/** Every case study that was submitted, for the disposition table (drafts are not contributions yet). */
const SUBMITTED_CASE_STUDIES = `
  SELECT id, author_group, disposition, disposition_note, included_in_version
    FROM case_studies WHERE document_id = $1 AND status <> 'draft'
   ORDER BY submitted_at NULLS LAST, id`;

/**
 * Everyone who contributed up to this version, by their group. A person consented to be named
 * when they chose "named" on at least one public contribution or accepted case study.
 */
const CONTRIBUTORS = `
  SELECT u.display_name, u.organisation, u.stakeholder_group, u.group_verified, bool_or(x.named) AS consented
    FROM (
      SELECT c.author_id, c.attribution = 'named' AS named
        FROM contributions c JOIN document_versions v ON v.id = c.version_id
       WHERE c.document_id = $1 AND v.number <= $2 AND c.deleted_at IS NULL AND c.recorded_by_id IS NULL
         AND c.kind <> 'case_study'
      UNION ALL
      SELECT cs.author_id, cs.attribution = 'named' AND cs.status = 'accepted'
        FROM case_studies cs WHERE cs.document_id = $1 AND cs.status <> 'draft'
    ) x
    JOIN users u ON u.id = x.author_id
   GROUP BY u.id
   ORDER BY u.stakeholder_group, lower(u.display_name), u.id`;

const KIND_LABELS: Readonly<Record<ContributionRow['kind'], string>> = {
  comment: 'Comment',
  reply: 'Reply',
  suggestion: 'Suggested edit',
};

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function day(date: Date): string {
  return dateFormat.format(date);
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** "Government 2, Civil society 1", in the fixed order of the groups, leaving out empty ones. */
function groupCounts(groups: StakeholderGroup[]): string {
  const counts = new Map<StakeholderGroup, number>();
  for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  return STAKEHOLDER_GROUPS.filter((g) => counts.has(g))
    .map((g) => `${STAKEHOLDER_GROUP_LABELS[g]} ${counts.get(g)}`)
    .join(', ');
}

function dispositionCounts(dispositions: Disposition[]): string {
  const counts = new Map<Disposition, number>();
  for (const d of dispositions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return DISPOSITIONS.filter((d) => counts.has(d))
    .map((d) => `${DISPOSITION_LABELS[d].toLowerCase()} ${counts.get(d)}`)
    .join(', ');
}

function titlePage(h: HeaderRow): TitlePage {
  const opens = h.consultation_opens_at;
  const closes = h.consultation_closes_at;
  let consultationLine: string | null = null;
  if (opens && closes) consultationLine = `Consultation open ${day(opens)} to ${day(closes)}`;
  else if (opens) consultationLine = `Consultation opened ${day(opens)}`;
  else if (closes) consultationLine = `Consultation closed ${day(closes)}`;
  return {
    forum: h.forum_name,
    documentTitle: h.title,
    versionLine: h.label ? `Version ${h.number}: ${h.label}` : `Version ${h.number}`,
    statusLine:
      h.status === 'published' && h.published_at ? `Published ${day(h.published_at)}` : 'Unpublished draft, not for citation',
    consultationLine,
    summary: h.summary,
  };
}

/** What a changed paragraph's note says: the contributions that shaped it, by group and disposition. */
function noteText(h: HeaderRow, revision: RevisionRow, sources: ProvenanceRow[]): string {
  const verb = revision.previous_text === null ? 'Added' : 'Changed';
  const contributions = sources.filter((s) => s.author_group !== null && s.disposition !== null);
  const caseStudies = sources.flatMap((s) => (s.case_study_title ? [s.case_study_title] : []));
  const parts: string[] = [];
  if (contributions.length) {
    const groups = groupCounts(contributions.map((c) => c.author_group as StakeholderGroup));
    parts.push(`${verb} in version ${h.number} after ${plural(contributions.length, 'contribution', 'contributions')} (${groups}).`);
    parts.push(`Dispositions: ${dispositionCounts(contributions.map((c) => c.disposition as Disposition))}.`);
  } else if (!caseStudies.length) {
    parts.push(`${verb} in version ${h.number} by the editors; no contribution is linked to this change.`);
  } else {
    parts.push(`${verb} in version ${h.number}.`);
  }
  for (const title of caseStudies) parts.push(`Draws on the case study “${title}”.`);
  return parts.join(' ');
}

interface Body {
  sections: ExportSection[];
  notes: ExportNote[];
  /** Paragraph number in this version, by stable paragraph id. */
  numbers: Map<string, number>;
}

function buildBody(h: HeaderRow, revisions: RevisionRow[], provenance: ProvenanceRow[]): Body {
  const byRevision = new Map<string, ProvenanceRow[]>();
  for (const row of provenance) {
    const list = byRevision.get(row.revision_id) ?? [];
    list.push(row);
    byRevision.set(row.revision_id, list);
  }
  const sections: ExportSection[] = [];
  const notes: ExportNote[] = [];
  const numbers = new Map<string, number>();
  let current: ExportSection | null = null;
  let currentTitle: string | null = null;
  revisions.forEach((revision, index) => {
    const number = index + 1;
    numbers.set(revision.paragraph_id, number);
    if (currentTitle !== revision.section_title || current === null) {
      currentTitle = revision.section_title;
      current = { heading: `${sections.length + 1}. ${revision.section_title}`, paragraphs: [] };
      sections.push(current);
    }
    // The first version has nothing to compare with; later ones note every paragraph that differs.
    const changed = h.previous_version_id !== null && revision.previous_text !== revision.text;
    let noteNumber: number | null = null;
    if (changed) {
      noteNumber = notes.length + 1;
      notes.push({ number: noteNumber, paragraphNumber: number, text: noteText(h, revision, byRevision.get(revision.revision_id) ?? []) });
    }
    current.paragraphs.push({ number, key: revision.key, text: revision.text, noteNumber });
  });
  return { sections, notes, numbers };
}

function paragraphLabel(numbers: Map<string, number>, paragraphId: string | null, key: string | null): string {
  if (paragraphId === null) return '—';
  const number = numbers.get(paragraphId);
  return number === undefined ? `${key ?? '?'} (removed)` : String(number);
}

/** Paragraph order for the synthesis: this version's order, then removed paragraphs by key, then none. */
function paragraphOrder(numbers: Map<string, number>, id: string | null, key: string | null): [number, string] {
  if (id === null) return [Number.MAX_SAFE_INTEGER, ''];
  return [numbers.get(id) ?? Number.MAX_SAFE_INTEGER - 1, key ?? ''];
}

const COMPLETE_RECORD = 'the Markdown or HTML export, and the open data, hold every one';

/** In a digest, the most endorsed first (then the oldest); otherwise every item in order. */
function printed(items: ContributionRow[], digest: ExportDigest | null): ContributionRow[] {
  if (!digest || items.length <= digest.itemsPerGroup) return items;
  return [...items].sort((a, b) => b.endorsements - a.endorsements).slice(0, digest.itemsPerGroup);
}

function synthesisAnnex(numbers: Map<string, number>, contributions: ContributionRow[], digest: ExportDigest | null): SynthesisAnnex {
  const byParagraph = new Map<string, ContributionRow[]>();
  for (const c of contributions) {
    const id = c.paragraph_id ?? '';
    const list = byParagraph.get(id) ?? [];
    list.push(c);
    byParagraph.set(id, list);
  }
  const ids = [...byParagraph.keys()].sort((a, b) => {
    const [na, ka] = paragraphOrder(numbers, a || null, byParagraph.get(a)?.[0]?.paragraph_key ?? null);
    const [nb, kb] = paragraphOrder(numbers, b || null, byParagraph.get(b)?.[0]?.paragraph_key ?? null);
    return na - nb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  const totals = STAKEHOLDER_GROUPS.map(() => 0);
  const rows: string[][] = [];
  const paragraphs: SynthesisParagraph[] = [];
  for (const id of ids) {
    const items = byParagraph.get(id) ?? [];
    const first = items[0];
    const label = paragraphLabel(numbers, id || null, first?.paragraph_key ?? null);
    const counts = STAKEHOLDER_GROUPS.map((g) => items.filter((c) => c.author_group === g).length);
    counts.forEach((n, i) => (totals[i] = (totals[i] ?? 0) + n));
    rows.push([label, ...counts.map(String), String(items.length)]);
    const groups: SynthesisGroup[] = [];
    STAKEHOLDER_GROUPS.forEach((group, i) => {
      if (!counts[i]) return;
      const all = items.filter((c) => c.author_group === group);
      const shown = printed(all, digest);
      const rest = all.length - shown.length;
      groups.push({
        heading: `${STAKEHOLDER_GROUP_LABELS[group]} (${counts[i]})`,
        more: rest > 0 ? `And ${plural(rest, 'more contribution', 'more contributions')} from this group on this paragraph: ${COMPLETE_RECORD}.` : null,
        items: shown.map((c) => ({
            author: c.author_name,
            kind: KIND_LABELS[c.kind],
            quote: c.quote_exact,
            body: c.body,
            language: c.language,
            proposedText: c.proposed_text,
          })),
      });
    });
    const where = id ? `Paragraph ${label}` : 'The document as a whole';
    paragraphs.push({ heading: `${where} (${plural(items.length, 'contribution', 'contributions')})`, groups });
  }
  const total = totals.reduce((a, b) => a + b, 0);
  return {
    title: ANNEX_LABELS.A,
    note: digest
      ? `This consultation received ${plural(contributions.length, 'contribution', 'contributions')}. The table counts every one; ` +
        `below it, each paragraph shows the ${plural(digest.itemsPerGroup, 'most endorsed contribution', 'most endorsed contributions')} ` +
        `of each stakeholder group. ${COMPLETE_RECORD.charAt(0).toUpperCase()}${COMPLETE_RECORD.slice(1)}.`
      : null,
    table: {
      header: ['Paragraph', ...STAKEHOLDER_GROUPS.map((g) => STAKEHOLDER_GROUP_LABELS[g]), 'Total'],
      rows,
      footer: ['Total', ...totals.map(String), String(total)],
    },
    paragraphs,
  };
}

/** The digest of annex B: for each paragraph, how many contributions got each disposition. */
function dispositionDigest(numbers: Map<string, number>, contributions: ContributionRow[], caseStudies: DispositionCaseStudyRow[]): DispositionAnnex {
  const rows = new Map<string, { order: [number, string]; counts: number[] }>();
  const add = (label: string, order: [number, string], disposition: Disposition) => {
    const row = rows.get(label) ?? { order, counts: DISPOSITIONS.map(() => 0) };
    row.counts[DISPOSITIONS.indexOf(disposition)] += 1;
    rows.set(label, row);
  };
  for (const c of contributions) add(paragraphLabel(numbers, c.paragraph_id, c.paragraph_key), paragraphOrder(numbers, c.paragraph_id, c.paragraph_key), c.disposition);
  for (const cs of caseStudies) add('Case studies', [Number.MAX_SAFE_INTEGER, '~'], cs.disposition);
  const sorted = [...rows.entries()].sort(([, a], [, b]) => a.order[0] - b.order[0] || (a.order[1] < b.order[1] ? -1 : a.order[1] > b.order[1] ? 1 : 0));
  const totals = DISPOSITIONS.map((_, i) => sorted.reduce((sum, [, row]) => sum + (row.counts[i] ?? 0), 0));
  const all = contributions.length + caseStudies.length;
  return {
    title: ANNEX_LABELS.B,
    note:
      `This consultation received ${plural(all, 'contribution', 'contributions')}, too many to list one by one here. ` +
      `The table counts their dispositions per paragraph; ${COMPLETE_RECORD}, with its note and the version that answered it.`,
    table: {
      header: ['Paragraph', ...DISPOSITIONS.map((d) => DISPOSITION_LABELS[d]), 'Total'],
      rows: sorted.map(([label, row]) => [label, ...row.counts.map(String), String(row.counts.reduce((a, b) => a + b, 0))]),
      footer: ['Total', ...totals.map(String), String(all)],
    },
  };
}

function dispositionAnnex(numbers: Map<string, number>, contributions: ContributionRow[], caseStudies: DispositionCaseStudyRow[]): DispositionAnnex {
  const sorted = [...contributions].sort((a, b) => {
    const [na, ka] = paragraphOrder(numbers, a.paragraph_id, a.paragraph_key);
    const [nb, kb] = paragraphOrder(numbers, b.paragraph_id, b.paragraph_key);
    return na - nb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  const rows = sorted.map((c) => [
    `C-${c.id.slice(0, 8)}`,
    paragraphLabel(numbers, c.paragraph_id, c.paragraph_key),
    KIND_LABELS[c.kind],
    STAKEHOLDER_GROUP_LABELS[c.author_group],
    DISPOSITION_LABELS[c.disposition],
    c.disposition_note ?? '',
    c.answered_in_version === null ? '' : String(c.answered_in_version),
  ]);
  for (const cs of caseStudies) {
    rows.push([
      `CS-${cs.id.slice(0, 8)}`,
      '—',
      'Case study',
      STAKEHOLDER_GROUP_LABELS[cs.author_group],
      DISPOSITION_LABELS[cs.disposition],
      cs.disposition_note ?? '',
      cs.included_in_version === null ? '' : String(cs.included_in_version),
    ]);
  }
  return {
    title: ANNEX_LABELS.B,
    note: null,
    table: { header: ['Reference', 'Paragraph', 'Kind', 'Group', 'Disposition', 'Note', 'Answered in version'], rows, footer: null },
  };
}

function regionLabel(code: string): string {
  if (code in UN_REGIONS) return UN_REGIONS[code as keyof typeof UN_REGIONS];
  if (/^[A-Z]{2}$/.test(code)) return regionNames.of(code) ?? code;
  return code;
}

function caseStudyAnnex(rows: CaseStudyRow[], digest: ExportDigest | null): CaseStudyAnnex {
  const full = !digest || digest.caseStudyFields;
  return {
    title: ANNEX_LABELS.C,
    note: full
      ? null
      : `${plural(rows.length, 'case study was', 'case studies were')} accepted. Each is listed by title and byline; ` +
        'the gallery, the HTML and Markdown exports and the open data hold their full text.',
    caseStudies: rows.map((cs) => {
      const by =
        cs.attribution === 'named'
          ? cs.author_name
          : cs.attribution === 'organisation' && cs.author_organisation
            ? cs.author_organisation
            : 'Anonymous';
      const years =
        cs.year_from && cs.year_to && cs.year_to !== cs.year_from ? `${cs.year_from}–${cs.year_to}` : String(cs.year_from ?? cs.year_to ?? '');
      const domains = parsePgArray(cs.domains).map((d) => CASE_STUDY_DOMAIN_LABELS[d as CaseStudyDomain] ?? d);
      const byline = [`Submitted by ${by} (${STAKEHOLDER_GROUP_LABELS[cs.author_group]})`, cs.region ? regionLabel(cs.region) : '', years, domains.join(', ')]
        .filter(Boolean)
        .join(' · ');
      return {
        title: cs.title,
        language: cs.language,
        byline,
        fields: (full ? [
          { label: 'The closed door', text: cs.closed_door },
          { label: 'What opened it', text: cs.what_opened },
          { label: 'Outcome', text: cs.outcome },
          { label: 'Lessons', text: cs.lessons },
        ] : []).filter((f) => f.text.trim() !== ''),
        links: full ? (cs.links ?? []).map((l) => l.url) : [],
      };
    }),
  };
}

function contributorsAnnex(rows: ContributorRow[]): ContributorsAnnex {
  return {
    title: ANNEX_LABELS.D,
    explanation:
      'Contributors are named only where they chose to be shown by name on a contribution. ' +
      'Verified: the coordinators confirmed the stakeholder group; self-declared: as the contributor stated it.',
    groups: STAKEHOLDER_GROUPS.flatMap((group) => {
      const members = rows.filter((r) => isStakeholderGroup(r.stakeholder_group) && r.stakeholder_group === group);
      if (!members.length) return [];
      const named = members.filter((m) => m.consented);
      return [
        {
          heading: `${STAKEHOLDER_GROUP_LABELS[group]} (${plural(members.length, 'contributor', 'contributors')})`,
          people: named.map((m) => ({ name: m.display_name, organisation: m.organisation || null, verified: m.group_verified })),
          unnamedCount: members.length - named.length,
        },
      ];
    }),
  };
}

/**
 * Reads one version of a document, and the annexes asked for, into an ExportModel. Every query
 * has a total order, so the same database state always gives the same model.
 */
export async function loadExportModel(
  sql: SqlClient,
  versionId: string,
  annexes: readonly AnnexKey[],
  generatedAt: Date,
  report: StageReporter = () => undefined,
  digest: ExportDigest | null = null,
): Promise<ExportModel> {
  const want = new Set(annexes);
  await report('reading the document', 0);
  const [header] = await sql.query<HeaderRow>(HEADER, [versionId]);
  if (!header) throw new Error(`No document version ${versionId}`);
  const revisions = await sql.query<RevisionRow>(REVISIONS, [versionId, header.previous_version_id]);
  const provenance = header.previous_version_id ? await sql.query<ProvenanceRow>(PROVENANCE, [versionId]) : [];
  const body = buildBody(header, revisions, provenance);

  let contributions: ContributionRow[] = [];
  if (want.has('A') || want.has('B')) {
    await report('reading contributions', 0.2);
    contributions = await sql.query<ContributionRow>(CONTRIBUTIONS, [header.document_id, header.number]);
  }
  await report('reading case studies and contributors', 0.7);
  const annexC = want.has('C') ? caseStudyAnnex(await sql.query<CaseStudyRow>(ACCEPTED_CASE_STUDIES, [header.document_id]), digest) : null;
  const submitted = want.has('B') ? await sql.query<DispositionCaseStudyRow>(SUBMITTED_CASE_STUDIES, [header.document_id]) : [];
  const annexB = want.has('B')
    ? (digest ? dispositionDigest : dispositionAnnex)(body.numbers, contributions, submitted)
    : null;
  const annexD = want.has('D')
    ? contributorsAnnex(await sql.query<ContributorRow>(CONTRIBUTORS, [header.document_id, header.number]))
    : null;
  const annexA = want.has('A') ? synthesisAnnex(body.numbers, contributions, digest) : null;
  await report('laying out the document', 0.9);
  return {
    generatedAt: generatedAt.toISOString(),
    title: titlePage(header),
    sections: body.sections,
    notes: body.notes,
    annexA,
    annexB,
    annexC,
    annexD,
  };
}
