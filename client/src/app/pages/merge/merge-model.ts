import type { CaseStudyCard, DraftChange, DraftView, FieldError, ProvenanceRef, SaveDraftRequest } from '@doorway/contracts';
import type { Translate } from '../../core/i18n/languages';

/**
 * The draft as the merge view edits it. Paragraphs carry a client-side `uid` so that the page can
 * follow them while they move, and before the server has given a new paragraph its key.
 */
export interface MergeParagraph {
  uid: string;
  /** The stable key; null for a paragraph the server has not seen yet. */
  key: string | null;
  text: string;
  /** In the version the draft is based on; null for a new paragraph. */
  baseText: string | null;
  baseSection: string | null;
  baseNumber: number | null;
  /** Ids of the comments, replies and suggestions this paragraph's change answers. */
  provenance: string[];
  caseStudyId: string | null;
}

export interface MergeSection {
  key: string;
  title: string;
  paragraphs: MergeParagraph[];
}

/** A paragraph taken out of the draft, with where it was, so it can be put back. */
export interface DeletedParagraph {
  paragraph: MergeParagraph;
  /** Its section when it was deleted here; null for paragraphs the draft had already dropped. */
  sectionKey: string | null;
  /** The paragraph it followed in its section (null: it was first, or unknown). */
  afterUid: string | null;
}

export interface MergeState {
  sections: MergeSection[];
  deleted: DeletedParagraph[];
}

/** A paragraph in reading order, with its place. */
export interface PlacedParagraph {
  paragraph: MergeParagraph;
  sectionKey: string;
  /** The reader's number, 1-based across the whole draft. */
  number: number;
}

export interface ChangeSummary {
  edited: number;
  added: number;
  deleted: number;
  moved: number;
}

let uidSequence = 0;

export function newUid(): string {
  uidSequence += 1;
  return `mp-${uidSequence}`;
}

export function emptyParagraph(): MergeParagraph {
  return { uid: newUid(), key: null, text: '', baseText: null, baseSection: null, baseNumber: null, provenance: [], caseStudyId: null };
}

/** The editable state of a draft as the API sends it. */
export function stateFromDraft(view: DraftView): MergeState {
  return {
    sections: view.sections.map((section) => ({
      key: section.key,
      title: section.title,
      paragraphs: section.paragraphs.map((p) => ({
        uid: newUid(),
        key: p.key,
        text: p.text,
        baseText: p.baseText,
        baseSection: p.baseSection,
        baseNumber: p.baseNumber,
        provenance: [...p.provenance],
        caseStudyId: p.caseStudyId ?? null,
      })),
    })),
    deleted: view.deleted.map((d) => ({
      paragraph: {
        uid: newUid(),
        key: d.key,
        text: d.text,
        baseText: d.text,
        baseSection: null,
        baseNumber: d.baseNumber,
        provenance: [],
        caseStudyId: null,
      },
      sectionKey: null,
      afterUid: null,
    })),
  };
}

/** Who shaped each paragraph, by contribution (or case study) id. */
export function refsFromDraft(view: DraftView): Record<string, ProvenanceRef> {
  const refs: Record<string, ProvenanceRef> = {};
  for (const section of view.sections) {
    for (const paragraph of section.paragraphs) {
      for (const ref of paragraph.provenanceRefs) refs[ref.id] = ref;
    }
  }
  return refs;
}

/** The whole draft as the API saves it: sections and paragraphs in reading order, new paragraphs with a null key. */
export function toSaveRequest(state: MergeState, label: string, changelog: string | null): SaveDraftRequest {
  const request: SaveDraftRequest = {
    label: label.trim(),
    sections: state.sections.map((section) => ({
      key: section.key,
      title: section.title.trim(),
      paragraphs: section.paragraphs.map((p) => ({
        key: p.key,
        text: p.text.trim(),
        provenance: [...p.provenance],
        caseStudyId: p.caseStudyId,
      })),
    })),
  };
  if (changelog !== null) request.changelog = changelog;
  return request;
}

/** Every paragraph in reading order, numbered as readers will see them. */
export function placed(state: MergeState): PlacedParagraph[] {
  let number = 0;
  return state.sections.flatMap((section) =>
    section.paragraphs.map((paragraph) => {
      number += 1;
      return { paragraph, sectionKey: section.key, number };
    }),
  );
}

/** Indices of one longest strictly increasing run of `values` (patience sorting). */
export function longestIncreasingRun(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  }
  const run: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) run.unshift(i);
  return run;
}

/**
 * Each paragraph's change from the base, decided the way the API does: a new paragraph is added;
 * one in another section moved; among those that stayed in their section, the longest run that
 * kept its order stays in place and the others moved (so inserting one paragraph moves nothing).
 */
export function changesOf(state: MergeState): Map<string, DraftChange> {
  const all = placed(state);
  const survivors = all.filter((p) => p.paragraph.baseNumber !== null && p.paragraph.baseSection === p.sectionKey);
  const inPlace = new Set(
    longestIncreasingRun(survivors.map((p) => p.paragraph.baseNumber ?? 0)).map((i) => survivors[i]?.paragraph.uid ?? ''),
  );
  const changes = new Map<string, DraftChange>();
  for (const { paragraph } of all) {
    if (paragraph.baseNumber === null || paragraph.baseText === null) {
      changes.set(paragraph.uid, 'added');
      continue;
    }
    const edited = paragraph.text.trim() !== paragraph.baseText.trim();
    const moved = !inPlace.has(paragraph.uid);
    changes.set(paragraph.uid, edited && moved ? 'edited_and_moved' : edited ? 'edited' : moved ? 'moved' : 'kept');
  }
  return changes;
}

export function summarize(state: MergeState): ChangeSummary {
  const summary: ChangeSummary = { edited: 0, added: 0, deleted: 0, moved: 0 };
  for (const change of changesOf(state).values()) {
    if (change === 'added') summary.added += 1;
    if (change === 'edited' || change === 'edited_and_moved') summary.edited += 1;
    if (change === 'moved' || change === 'edited_and_moved') summary.moved += 1;
  }
  summary.deleted = state.deleted.filter((d) => d.paragraph.baseNumber !== null).length;
  return summary;
}

/** "3 paragraphs edited, 1 added, 0 deleted, 2 moved" */
export function summaryText(summary: ChangeSummary, t: Translate): string {
  return t(summary.edited === 1 ? 'merge.summary.one' : 'merge.summary.other', { ...summary });
}

function mapParagraphs(state: MergeState, uid: string, change: (p: MergeParagraph) => MergeParagraph): MergeState {
  return {
    ...state,
    sections: state.sections.map((section) =>
      section.paragraphs.some((p) => p.uid === uid)
        ? { ...section, paragraphs: section.paragraphs.map((p) => (p.uid === uid ? change(p) : p)) }
        : section,
    ),
  };
}

export function setText(state: MergeState, uid: string, text: string): MergeState {
  return mapParagraphs(state, uid, (p) => ({ ...p, text }));
}

export function setSectionTitle(state: MergeState, sectionKey: string, title: string): MergeState {
  return { ...state, sections: state.sections.map((s) => (s.key === sectionKey ? { ...s, title } : s)) };
}

/** An accepted suggestion replaces the paragraph's text, and the paragraph now answers it. */
export function applySuggestion(state: MergeState, uid: string, suggestion: { id: string; proposedText: string }): MergeState {
  return mapParagraphs(state, uid, (p) => ({
    ...p,
    text: suggestion.proposedText,
    provenance: p.provenance.includes(suggestion.id) ? p.provenance : [...p.provenance, suggestion.id],
  }));
}

export function addProvenance(state: MergeState, uid: string, id: string): MergeState {
  return mapParagraphs(state, uid, (p) => (p.provenance.includes(id) ? p : { ...p, provenance: [...p.provenance, id] }));
}

/** Takes a contribution (or the inserted case study) out of a paragraph's provenance. */
export function removeProvenance(state: MergeState, uid: string, id: string): MergeState {
  return mapParagraphs(state, uid, (p) =>
    p.caseStudyId === id ? { ...p, caseStudyId: null } : { ...p, provenance: p.provenance.filter((other) => other !== id) },
  );
}

function locate(state: MergeState, uid: string): { section: number; index: number } | null {
  for (let section = 0; section < state.sections.length; section++) {
    const index = state.sections[section]?.paragraphs.findIndex((p) => p.uid === uid) ?? -1;
    if (index >= 0) return { section, index };
  }
  return null;
}

function withParagraphs(state: MergeState, section: number, paragraphs: MergeParagraph[]): MergeState {
  return { ...state, sections: state.sections.map((s, i) => (i === section ? { ...s, paragraphs } : s)) };
}

function removeAt(state: MergeState, section: number, index: number): MergeState {
  const paragraphs = [...(state.sections[section]?.paragraphs ?? [])];
  paragraphs.splice(index, 1);
  return withParagraphs(state, section, paragraphs);
}

function insertAt(state: MergeState, section: number, index: number, paragraph: MergeParagraph): MergeState {
  const paragraphs = [...(state.sections[section]?.paragraphs ?? [])];
  paragraphs.splice(index, 0, paragraph);
  return withParagraphs(state, section, paragraphs);
}

export function canMoveUp(state: MergeState, uid: string): boolean {
  const at = locate(state, uid);
  return at !== null && (at.index > 0 || at.section > 0);
}

export function canMoveDown(state: MergeState, uid: string): boolean {
  const at = locate(state, uid);
  if (!at) return false;
  const length = state.sections[at.section]?.paragraphs.length ?? 0;
  return at.index < length - 1 || at.section < state.sections.length - 1;
}

/** One place up: within its section, or from the top of a section to the end of the one before. */
export function moveUp(state: MergeState, uid: string): MergeState {
  const at = locate(state, uid);
  const paragraph = at ? state.sections[at.section]?.paragraphs[at.index] : undefined;
  if (!at || !paragraph) return state;
  if (at.index > 0) return insertAt(removeAt(state, at.section, at.index), at.section, at.index - 1, paragraph);
  if (at.section === 0) return state;
  const previous = state.sections[at.section - 1]?.paragraphs.length ?? 0;
  return insertAt(removeAt(state, at.section, at.index), at.section - 1, previous, paragraph);
}

/** One place down: within its section, or from the end of a section to the top of the next. */
export function moveDown(state: MergeState, uid: string): MergeState {
  const at = locate(state, uid);
  const paragraph = at ? state.sections[at.section]?.paragraphs[at.index] : undefined;
  if (!at || !paragraph) return state;
  const length = state.sections[at.section]?.paragraphs.length ?? 0;
  if (at.index < length - 1) return insertAt(removeAt(state, at.section, at.index), at.section, at.index + 1, paragraph);
  if (at.section >= state.sections.length - 1) return state;
  return insertAt(removeAt(state, at.section, at.index), at.section + 1, 0, paragraph);
}

/** To the end of another section. */
export function moveToSection(state: MergeState, uid: string, sectionKey: string): MergeState {
  const at = locate(state, uid);
  const target = state.sections.findIndex((s) => s.key === sectionKey);
  const paragraph = at ? state.sections[at.section]?.paragraphs[at.index] : undefined;
  if (!at || !paragraph || target < 0 || target === at.section) return state;
  const removed = removeAt(state, at.section, at.index);
  return insertAt(removed, target, removed.sections[target]?.paragraphs.length ?? 0, paragraph);
}

/** A new, empty paragraph right after another; returns its uid too. */
export function insertAfter(state: MergeState, uid: string): { state: MergeState; uid: string } {
  const at = locate(state, uid);
  const paragraph = emptyParagraph();
  if (!at) return { state, uid: paragraph.uid };
  return { state: insertAt(state, at.section, at.index + 1, paragraph), uid: paragraph.uid };
}

/**
 * "Title — excerpt": the paragraph that stands for a case study in the annex. The gallery's
 * excerpt is cut at a fixed length; one cut mid-sentence ends at its last whole word, with "…".
 */
export function caseStudySummary(card: Pick<CaseStudyCard, 'title' | 'excerpt'>): string {
  const title = card.title.trim();
  let excerpt = card.excerpt.trim();
  if (excerpt !== '' && !/[.!?…"”’)]$/.test(excerpt)) {
    const lastSpace = excerpt.lastIndexOf(' ');
    excerpt = `${(lastSpace > 0 ? excerpt.slice(0, lastSpace) : excerpt).replace(/[\s,;:–—-]+$/, '')}…`;
  }
  return excerpt === '' ? title : `${title} — ${excerpt}`;
}

/** Appends a paragraph for an accepted case study at the end of the last section (the annex). */
export function insertCaseStudy(state: MergeState, card: Pick<CaseStudyCard, 'id' | 'title' | 'excerpt'>): { state: MergeState; uid: string } {
  const paragraph: MergeParagraph = { ...emptyParagraph(), text: caseStudySummary(card), caseStudyId: card.id };
  const last = state.sections.length - 1;
  if (last < 0) return { state, uid: paragraph.uid };
  return { state: insertAt(state, last, state.sections[last]?.paragraphs.length ?? 0, paragraph), uid: paragraph.uid };
}

/** Case studies the draft already inserts. */
export function insertedCaseStudies(state: MergeState): Set<string> {
  return new Set(
    state.sections.flatMap((s) => s.paragraphs.flatMap((p) => (p.caseStudyId ? [p.caseStudyId] : []))),
  );
}

export function deleteParagraph(state: MergeState, uid: string): MergeState {
  const at = locate(state, uid);
  const section = at ? state.sections[at.section] : undefined;
  const paragraph = section && at ? section.paragraphs[at.index] : undefined;
  if (!at || !section || !paragraph) return state;
  const removed = removeAt(state, at.section, at.index);
  const afterUid = at.index > 0 ? (section.paragraphs[at.index - 1]?.uid ?? null) : null;
  return { ...removed, deleted: [...removed.deleted, { paragraph, sectionKey: section.key, afterUid }] };
}

/**
 * Puts a deleted paragraph back: where it was if its neighbour is still there, else after the
 * paragraph that preceded it in the base version, else at the top of its section.
 */
export function restoreParagraph(state: MergeState, uid: string): MergeState {
  const entry = state.deleted.find((d) => d.paragraph.uid === uid);
  if (!entry) return state;
  const rest: MergeState = { ...state, deleted: state.deleted.filter((d) => d !== entry) };
  // A new paragraph the server may already have dropped gets a new key on the next save.
  const paragraph: MergeParagraph = entry.paragraph.baseNumber === null ? { ...entry.paragraph, key: null } : entry.paragraph;

  const after = entry.afterUid ? locate(rest, entry.afterUid) : null;
  if (after) return insertAt(rest, after.section, after.index + 1, paragraph);
  const ownSection = entry.sectionKey ? rest.sections.findIndex((s) => s.key === entry.sectionKey) : -1;
  if (entry.afterUid === null && ownSection >= 0) return insertAt(rest, ownSection, 0, paragraph);

  const baseNumber = paragraph.baseNumber;
  if (baseNumber !== null) {
    let anchor: PlacedParagraph | null = null;
    for (const candidate of placed(rest)) {
      const n = candidate.paragraph.baseNumber;
      if (n !== null && n < baseNumber && (anchor === null || n > (anchor.paragraph.baseNumber ?? 0))) anchor = candidate;
    }
    if (anchor) {
      const at = locate(rest, anchor.paragraph.uid);
      if (at) {
        const restored = { ...paragraph, baseSection: paragraph.baseSection ?? anchor.sectionKey };
        return insertAt(rest, at.section, at.index + 1, restored);
      }
    }
    const first = rest.sections[0];
    if (first) return insertAt(rest, 0, 0, { ...paragraph, baseSection: paragraph.baseSection ?? first.key });
    return state;
  }
  const target = ownSection >= 0 ? ownSection : rest.sections.length - 1;
  if (target < 0) return state;
  return insertAt(rest, target, rest.sections[target]?.paragraphs.length ?? 0, paragraph);
}

/**
 * After a save, new paragraphs take the keys the server gave them (the answer lists paragraphs in
 * the order they were sent), so the next save updates them instead of creating them again.
 */
export function adoptKeys(state: MergeState, sentUids: readonly string[], saved: DraftView): MergeState {
  const keys = saved.sections.flatMap((s) => s.paragraphs.map((p) => p.key));
  const keyOf = new Map<string, string>();
  sentUids.forEach((uid, i) => {
    const key = keys[i];
    if (key) keyOf.set(uid, key);
  });
  let changed = false;
  const sections = state.sections.map((section) => ({
    ...section,
    paragraphs: section.paragraphs.map((p) => {
      const key = keyOf.get(p.uid);
      if (p.key !== null || !key) return p;
      changed = true;
      return { ...p, key };
    }),
  }));
  return changed ? { ...state, sections } : state;
}

/** Numbers of paragraphs with no text, which the API would refuse. */
export function blankParagraphs(state: MergeState): number[] {
  return placed(state)
    .filter((p) => p.paragraph.text.trim() === '')
    .map((p) => p.number);
}

/**
 * What differs between my draft and theirs, paragraph by paragraph, by stable key: text, place,
 * and paragraphs only one side has.
 */
export function conflictDifferences(mine: MergeState, theirs: DraftView, t: Translate): string[] {
  const theirParagraphs = new Map<string, { number: number; text: string; section: string }>();
  for (const section of theirs.sections) {
    for (const p of section.paragraphs) theirParagraphs.set(p.key, { number: p.number, text: p.text, section: section.key });
  }
  const differences: string[] = [];
  const seen = new Set<string>();
  for (const { paragraph, number, sectionKey } of placed(mine)) {
    if (paragraph.key === null) {
      differences.push(t('merge.differs.new', { number }));
      continue;
    }
    seen.add(paragraph.key);
    const their = theirParagraphs.get(paragraph.key);
    if (!their) {
      differences.push(t('merge.differs.deleted', { number }));
      continue;
    }
    const problems: string[] = [];
    if (their.text.trim() !== paragraph.text.trim()) problems.push(t('merge.differs.text'));
    if (their.number !== number || their.section !== sectionKey) problems.push(t('merge.differs.place', { number: their.number }));
    if (problems.length > 0) differences.push(t('merge.differs.paragraph', { number, problems: problems.join(t('merge.differs.separator')) }));
  }
  for (const [key, their] of theirParagraphs) {
    if (!seen.has(key)) differences.push(t('merge.differs.missing', { number: their.number }));
  }
  const theirTitles = new Map(theirs.sections.map((s) => [s.key, s.title]));
  for (const section of mine.sections) {
    const title = theirTitles.get(section.key);
    if (title !== undefined && title.trim() !== section.title.trim()) differences.push(t('merge.differs.title', { title: section.title }));
  }
  return differences;
}

/**
 * The API's problems with a saved draft, by paragraph number: `sections.2.paragraphs.4.text`
 * becomes "¶ 19: must be 1 to 10000 characters".
 */
export function describeDraftProblems(request: SaveDraftRequest, details: readonly FieldError[], t: Translate): string {
  const before: number[] = [];
  let count = 0;
  for (const section of request.sections) {
    before.push(count);
    count += section.paragraphs.length;
  }
  return details
    .map((detail) => {
      const match = /^sections\.(\d+)\.paragraphs\.(\d+)(?:\.|$)/.exec(detail.field);
      // The problems themselves are the API's words (in English); where they are is the reader's.
      if (match) return t('merge.problem.paragraph', { number: (before[Number(match[1])] ?? 0) + Number(match[2]) + 1, problems: detail.problems.join(', ') });
      const section = /^sections\.(\d+)\.title$/.exec(detail.field);
      if (section) return t('merge.problem.sectionTitle', { number: Number(section[1]) + 1, problems: detail.problems.join(', ') });
      return `${detail.field}: ${detail.problems.join(', ')}`;
    })
    .join('; ');
}
