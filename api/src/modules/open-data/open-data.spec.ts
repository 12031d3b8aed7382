import { OPEN_DATA_CASE_STUDY_COLUMNS, OPEN_DATA_CONTRIBUTION_COLUMNS } from '@doorway/contracts';
import type { OpenDataCaseStudy, OpenDataContribution } from '@doorway/contracts';
import { caseStudyCsvRecord, contributionCsvRecord, submittedBy, toOpenDataContribution } from './open-data.rows';
import type { ContributionRow } from './open-data.rows';
import { jsonArray, toCsv } from './open-data.service';

const row: ContributionRow = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'comment',
  document: 'bpf-cybersecurity-2016',
  paragraph_key: 'intro',
  paragraph_keys: '{intro,barriers}',
  parent_id: null,
  created_at: new Date('2016-11-01T10:00:00.000Z'),
  cursor_at: '2016-11-01 10:00:00+00',
  edited_at: null,
  author_group: 'academia',
  author_name: 'Speaker',
  author_organisation: null,
  recorded: true,
  language: 'fr',
  body: 'Ça va, "oui", <script>',
  proposed_text: null,
  quote_exact: null,
  version_number: 1,
  disposition: 'pending',
  disposition_note: null,
  answered_in_version: null,
  endorsements: { government: 2, academia: 1, bogus: 9 },
};

async function collect(stream: AsyncIterable<unknown>): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('open data rows', () => {
  it('maps a row to the documented keys, in order, counting only known groups', () => {
    const item = toOpenDataContribution(row);
    expect(Object.keys(item)).toEqual(OPEN_DATA_CONTRIBUTION_COLUMNS.map((c) => c.name));
    expect(item.paragraph_keys).toEqual(['intro', 'barriers']);
    expect(item.endorsements_total).toBe(3);
    expect(item.endorsements_by_group).toEqual({ government: 2, academia: 1 });
    expect(item.created_at).toBe('2016-11-01T10:00:00.000Z');
  });

  it('falls back to the primary paragraph when the link table has none', () => {
    expect(toOpenDataContribution({ ...row, paragraph_keys: null }).paragraph_keys).toEqual(['intro']);
  });

  it('writes one CSV cell per documented column, flattening lists and objects', () => {
    const record = contributionCsvRecord(toOpenDataContribution(row));
    expect(record).toHaveLength(OPEN_DATA_CONTRIBUTION_COLUMNS.length);
    expect(record[3]).toBe('intro;barriers');
    expect(record[10]).toBe('true');
    expect(record[4]).toBe('');
    expect(JSON.parse(record[19] ?? '')).toEqual({ government: 2, academia: 1 });
    expect(record[20]).toBe('fr');
    const study: OpenDataCaseStudy = {
      id: 'x', title: 't', region: 'NG', year_from: 2015, year_to: null, domains: ['cybercrime', 'awareness'],
      stakeholder_groups: ['government', 'academia'], closed_door: 'a', what_opened: 'b', outcome: 'c', lessons: 'd',
      links: ['https://a.example', 'https://b.example'], paragraph_keys: [], submitted_by: 'Anonymous',
      submitter_group: 'government', accepted_at: null, included_in_version: null, language: 'es',
    };
    const studyRecord = caseStudyCsvRecord(study);
    expect(studyRecord).toHaveLength(OPEN_DATA_CASE_STUDY_COLUMNS.length);
    expect(studyRecord[5]).toBe('cybercrime;awareness');
    expect(studyRecord[11]).toBe('https://a.example https://b.example');
    expect(studyRecord[4]).toBe('');
    expect(studyRecord[17]).toBe('es');
  });

  it('credits case studies as the submitter chose', () => {
    expect(submittedBy('named', 'Ada', 'Org')).toBe('Ada');
    expect(submittedBy('organisation', 'Ada', 'Org')).toBe('Org');
    expect(submittedBy('organisation', 'Ada', null)).toBe('Anonymous');
    expect(submittedBy('anonymous', 'Ada', 'Org')).toBe('Anonymous');
  });

  it('streams CSV with a BOM, a header and quoted fields', async () => {
    const text = await collect(toCsv(from([['1', 'a,"b"\nc'], ['2', 'عربي é']]), ['id', 'body']));
    expect(text).toBe('\uFEFFid,body\n1,"a,""b""\nc"\n2,عربي é\n');
  });

  it('streams a valid JSON array, empty or not', async () => {
    expect(JSON.parse(await collect(jsonArray(from([]))))).toEqual([]);
    const items: Partial<OpenDataContribution>[] = [{ id: 'a' }, { id: 'b' }];
    expect(JSON.parse(await collect(jsonArray(from(items))))).toEqual(items);
  });
});
