import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

/**
 * Plain b-tree indexes whose key columns are the leading columns of another plain b-tree index on
 * the same table (same columns counts too): the wider one serves every lookup the narrower one
 * could, and each extra index is one more entry to write and log for every row inserted.
 * Unique and partial indexes are left out: they enforce or select something the wider one does not.
 */
const REDUNDANT = `
  SELECT a.indrelid::regclass::text AS "table", a.indexrelid::regclass::text AS redundant, b.indexrelid::regclass::text AS "coveredBy"
    FROM pg_index a
    JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
    JOIN pg_class ac ON ac.oid = a.indexrelid
    JOIN pg_class bc ON bc.oid = b.indexrelid
    JOIN pg_am am ON am.oid = ac.relam AND am.amname = 'btree'
    JOIN pg_am bm ON bm.oid = bc.relam AND bm.amname = 'btree'
    JOIN pg_namespace n ON n.oid = ac.relnamespace AND n.nspname = 'public'
   WHERE NOT a.indisunique
     AND a.indpred IS NULL AND b.indpred IS NULL
     AND a.indexprs IS NULL AND b.indexprs IS NULL
     AND (a.indnkeyatts < b.indnkeyatts OR (a.indnkeyatts = b.indnkeyatts AND (b.indisunique OR a.indexrelid > b.indexrelid)))
     AND (b.indkey::int2[])[0:a.indnkeyatts - 1] = (a.indkey::int2[])[0:a.indnkeyatts - 1]
   ORDER BY 1, 2`;

describe('the schema after every migration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('has no index that another index on the same table makes redundant', async () => {
    expect(await t.db.query(REDUNDANT)).toEqual([]);
  });

  it('finds the redundant index when it is put back, so the check above can fail', async () => {
    await t.db.query('CREATE INDEX schema_spec_author_idx ON contributions (author_id)');
    try {
      expect(await t.db.query(REDUNDANT)).toEqual([
        { table: 'contributions', redundant: 'schema_spec_author_idx', coveredBy: 'contributions_author_recent_idx' },
      ]);
    } finally {
      await t.db.query('DROP INDEX schema_spec_author_idx');
    }
  });
});
