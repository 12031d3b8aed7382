import type { Client, Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one thing the export loader needs from a database: rows for a statement. The API hands it
 * TypeORM's connection; the export worker process, a plain `pg` client of its own.
 */
export interface SqlClient {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}

export function typeormSql(db: DataSource | EntityManager): SqlClient {
  return { query: <T>(text: string, params: unknown[] = []): Promise<T[]> => db.query(text, params) };
}

export function pgSql(client: Client | Pool): SqlClient {
  return {
    query: async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
      const result = await client.query(text, params);
      return result.rows as T[];
    },
  };
}
