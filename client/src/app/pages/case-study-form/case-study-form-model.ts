import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { CASE_STUDY_DOMAINS, CASE_STUDY_LIMITS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type {
  Attribution,
  CaseStudyDomain,
  CaseStudyFields,
  CaseStudyLink,
  CaseStudyView,
  FieldError,
  SaveCaseStudyRequest,
  StakeholderGroup,
} from '@doorway/contracts';
import { resolveRegion } from '../../shared/regions';
import type { Translate } from '../../core/i18n/languages';

const L = CASE_STUDY_LIMITS;
/** The API refuses years after this one even in a draft. */
const MAX_SAVED_YEAR = 2100;
/** The same test submissionProblems applies to a link. */
const WEB_URL = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

type Checkboxes<K extends string> = FormGroup<Record<K, FormControl<boolean>>>;

function checkboxes<K extends string>(keys: readonly K[]): Checkboxes<K> {
  const controls = Object.fromEntries(keys.map((key) => [key, new FormControl(false, { nonNullable: true })]));
  return new FormGroup(controls as Record<K, FormControl<boolean>>);
}

export const STORY_PARTS = ['closedDoor', 'whatOpened', 'outcome', 'lessons'] as const;
export type StoryPart = (typeof STORY_PARTS)[number];

/** `language`: the tag of the language the story is written in (the interface language to begin with). */
export function createCaseStudyForm(language = 'en') {
  const part = () => new FormControl('', { nonNullable: true, validators: [Validators.maxLength(L.part.max)] });
  return new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(L.title.max)] }),
    /** What was typed or chosen: a code (`KE`, `002`) or a name; resolved on save. */
    region: new FormControl('', { nonNullable: true }),
    yearFrom: new FormControl<number | null>(null),
    yearTo: new FormControl<number | null>(null),
    domains: checkboxes(CASE_STUDY_DOMAINS),
    stakeholderGroups: checkboxes(STAKEHOLDER_GROUPS),
    closedDoor: part(),
    whatOpened: part(),
    outcome: part(),
    lessons: part(),
    links: new FormArray<FormControl<string>>([]),
    paragraphKeys: new FormControl<string[]>([], { nonNullable: true }),
    attribution: new FormControl<Attribution>('named', { nonNullable: true }),
    consentToPublish: new FormControl(false, { nonNullable: true }),
    language: new FormControl(language, { nonNullable: true }),
  });
}

export type CaseStudyForm = ReturnType<typeof createCaseStudyForm>;
export type CaseStudyFormValue = ReturnType<CaseStudyForm['getRawValue']>;

export function linkControl(url = ''): FormControl<string> {
  return new FormControl(url, { nonNullable: true, validators: [Validators.maxLength(L.links.urlMax)] });
}

const chosen = <K extends string>(keys: readonly K[], values: Record<K, boolean>): K[] => keys.filter((key) => values[key]);

/** The fields as submissionProblems sees them, and which form row each link came from. */
export interface FormFields {
  fields: CaseStudyFields;
  /** `fields.links[i]` was typed in row `linkRows[i]` (blank rows are left out). */
  linkRows: number[];
}

export function formFields(value: CaseStudyFormValue): FormFields {
  const links: CaseStudyLink[] = [];
  const linkRows: number[] = [];
  value.links.forEach((url, row) => {
    if (url.trim() === '') return;
    links.push({ url: url.trim() });
    linkRows.push(row);
  });
  const regionTyped = value.region.trim();
  return {
    fields: {
      title: value.title,
      // Unresolved text is kept (upper-cased), so the rules say it is not a known region rather than missing.
      region: resolveRegion(regionTyped) ?? regionTyped.toUpperCase(),
      yearFrom: value.yearFrom,
      yearTo: value.yearTo,
      domains: chosen<CaseStudyDomain>(CASE_STUDY_DOMAINS, value.domains),
      stakeholderGroups: chosen<StakeholderGroup>(STAKEHOLDER_GROUPS, value.stakeholderGroups),
      closedDoor: value.closedDoor,
      whatOpened: value.whatOpened,
      outcome: value.outcome,
      lessons: value.lessons,
      links,
      paragraphKeys: value.paragraphKeys,
      consentToPublish: value.consentToPublish,
      attribution: value.attribution,
      language: value.language,
    },
    linkRows,
  };
}

/** A year the API will store in a draft; null for none; undefined when it is half-typed (not sent). */
function savableYear(year: number | null): number | null | undefined {
  if (year === null) return null;
  return Number.isInteger(year) && year >= L.years.min && year <= MAX_SAVED_YEAR ? year : undefined;
}

/**
 * What an autosave sends. A draft may be incomplete, but the API still checks each value's shape,
 * so values it would refuse while half-typed (a region being typed, a year like "20", a link
 * without its domain yet) are left out of this save rather than failing all the others.
 */
export function saveRequest(value: CaseStudyFormValue): SaveCaseStudyRequest {
  const { fields } = formFields(value);
  const request: SaveCaseStudyRequest = {
    title: fields.title,
    domains: fields.domains,
    stakeholderGroups: fields.stakeholderGroups,
    closedDoor: fields.closedDoor,
    whatOpened: fields.whatOpened,
    outcome: fields.outcome,
    lessons: fields.lessons,
    links: fields.links.filter((link) => WEB_URL.test(link.url) && link.url.length <= L.links.urlMax),
    paragraphKeys: fields.paragraphKeys,
    consentToPublish: fields.consentToPublish,
    attribution: fields.attribution,
    language: fields.language,
  };
  const region = resolveRegion(value.region);
  if (region) request.region = region;
  const yearFrom = savableYear(value.yearFrom);
  if (yearFrom !== undefined) request.yearFrom = yearFrom;
  const yearTo = savableYear(value.yearTo);
  if (yearTo !== undefined) request.yearTo = yearTo;
  return request;
}

const flags = <K extends string>(keys: readonly K[], on: readonly K[]): Record<K, boolean> =>
  Object.fromEntries(keys.map((key) => [key, on.includes(key)])) as Record<K, boolean>;

/** Fills the form with a saved case study, without counting it as a change. */
export function fillForm(form: CaseStudyForm, view: CaseStudyView): void {
  form.controls.links.clear({ emitEvent: false });
  for (const link of view.links) form.controls.links.push(linkControl(link.url), { emitEvent: false });
  form.setValue(
    {
      title: view.title,
      region: view.region,
      yearFrom: view.yearFrom,
      yearTo: view.yearTo,
      domains: flags(CASE_STUDY_DOMAINS, view.domains),
      stakeholderGroups: flags(STAKEHOLDER_GROUPS, view.stakeholderGroups),
      closedDoor: view.closedDoor,
      whatOpened: view.whatOpened,
      outcome: view.outcome,
      lessons: view.lessons,
      links: view.links.map((link) => link.url),
      paragraphKeys: view.paragraphKeys,
      attribution: view.attribution,
      consentToPublish: view.consentToPublish,
      language: view.language,
    },
    { emitEvent: false },
  );
}


/** The fields problems can name; each has a label under `caseStudyForm.field`. */
const FIELDS: ReadonlySet<string> = new Set([
  'title',
  'region',
  'yearFrom',
  'yearTo',
  'domains',
  'stakeholderGroups',
  'closedDoor',
  'whatOpened',
  'outcome',
  'lessons',
  'links',
  'paragraphKeys',
  'consentToPublish',
  'attribution',
]);

/** Where a problem belongs on the form: a field name, or `link:<row>` for one link. */
export type FieldKey = string;

/** Maps an API/rules field (`links.2.url`) to the form's field key (`link:<row>`). */
export function fieldKey(field: string, linkRows: readonly number[]): FieldKey {
  const link = /^links\.(\d+)(?:\.\w+)?$/.exec(field);
  if (link) {
    const row = linkRows[Number(link[1])];
    return row === undefined ? 'links' : `link:${row}`;
  }
  return FIELDS.has(field) ? field : 'form';
}

export function fieldLabel(key: FieldKey, t: Translate): string {
  const link = /^link:(\d+)$/.exec(key);
  if (link) return t('caseStudyForm.linkUrl', { number: Number(link[1]) + 1 });
  return t(`caseStudyForm.field.${FIELDS.has(key) ? key : 'form'}`);
}

/**
 * The problems the shared rules (submissionProblems) and the API's validation write, in English,
 * each with the translation that says it. The rules are shared with the server, which answers in
 * English; recognising their few fixed sentences here translates them without changing that contract.
 */
const KNOWN_PROBLEMS: readonly (readonly [RegExp, string])[] = [
  [/^is required$/, 'required'],
  [/^must be at least (?<min>\d+) characters$/, 'minLength'],
  [/^must be an ISO 3166 country code or a UN region(?: code)?$/, 'region'],
  [/^must be a year$/, 'year'],
  [/^must be from (?<min>\d+) to (?<max>\d+)$/, 'yearRange'],
  [/^must not be before the first year$/, 'yearOrder'],
  [/^must not be after (?<max>\d+)$/, 'yearMax'],
  [/^choose at least one domain$/, 'domains'],
  [/^(?:contains an unknown domain|must be a known domain)$/, 'unknownDomain'],
  [/^choose at least (?<min>\d+) stakeholder groups$/, 'groups'],
  [/^(?:contains an unknown group|must be a stakeholder group)$/, 'unknownGroup'],
  [/^at most (?<max>\d+) links$/, 'maxLinks'],
  [/^must be an http\(s\) URL$/, 'url'],
  [/^you must agree to publication before submitting$/, 'consent'],
];

/** "Title must be at least 5 characters", "Choose at least one domain", "Links: at most 10 links". */
export function problemSentence(key: FieldKey, problem: string, t: Translate): string {
  const field = fieldLabel(key, t);
  for (const [pattern, name] of KNOWN_PROBLEMS) {
    const match = pattern.exec(problem);
    if (match) return t(`caseStudyForm.problem.${name}`, { field, ...match.groups });
  }
  // Anything else is shown as the API wrote it, after the field's name in the reader's language.
  return t('caseStudyForm.problem.other', { field, problem });
}

export interface ShownProblem {
  key: FieldKey;
  message: string;
}

/** Problems from the rules or the API, one sentence each, keyed by where they belong on the form. */
export function shownProblems(problems: readonly FieldError[], linkRows: readonly number[], t: Translate): ShownProblem[] {
  return problems.flatMap((problem) => {
    const key = fieldKey(problem.field, linkRows);
    return problem.problems.map((text) => ({ key, message: problemSentence(key, text, t) }));
  });
}

/** The id of the element a problem's summary link moves focus to. */
export function fieldElementId(key: FieldKey): string {
  const link = /^link:(\d+)$/.exec(key);
  if (link) return `cs-link-${link[1]}`;
  const ids: Record<string, string> = {
    title: 'cs-title',
    region: 'cs-region',
    yearFrom: 'cs-year-from',
    yearTo: 'cs-year-to',
    domains: 'cs-domains',
    stakeholderGroups: 'cs-groups',
    closedDoor: 'cs-closedDoor',
    whatOpened: 'cs-whatOpened',
    outcome: 'cs-outcome',
    lessons: 'cs-lessons',
    links: 'cs-links',
    paragraphKeys: 'cs-paragraphs',
    consentToPublish: 'cs-consent',
    attribution: 'cs-attribution',
  };
  return ids[key] ?? 'cs-title';
}

/** Rows of the links an autosave sends (the API numbers links by their place in that list). */
export function sentLinkRows(value: CaseStudyFormValue): number[] {
  const rows: number[] = [];
  value.links.forEach((url, row) => {
    const trimmed = url.trim();
    if (trimmed !== '' && WEB_URL.test(trimmed) && trimmed.length <= L.links.urlMax) rows.push(row);
  });
  return rows;
}

/** The part of the form value a problem is about, to notice when it has been changed. */
export function valueAt(value: CaseStudyFormValue, key: FieldKey): unknown {
  const link = /^link:(\d+)$/.exec(key);
  if (link) return value.links[Number(link[1])];
  return key in value ? value[key as keyof CaseStudyFormValue] : undefined;
}
