/**
 * keyv's storage on PostgreSQL, on a pool Fanfare owns. @keyv/postgres keeps one module-wide pool with no
 * 'error' listener, so a restart of the server (an idle connection dropped) crashed the process; here a
 * dropped connection only fails the calls that used it. Same table as @keyv/postgres (`keyv`), so a
 * store written before reads the same.
 */
import { EventEmitter } from 'node:events';
import type pg from 'pg';

const CREATE = 'CREATE TABLE IF NOT EXISTS keyv(key TEXT PRIMARY KEY, value TEXT)';
/**
 * A table made by @keyv/postgres or an earlier Fanfare caps keys at 255 characters, where SQLite and Redis
 * take any key: it is widened once (varchar to text needs no rewrite of the table).
 */
const WIDEN = `DO $$ BEGIN
  IF (SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'keyv' AND column_name = 'key') = 'character varying'
  THEN ALTER TABLE keyv ALTER COLUMN key TYPE TEXT; END IF;
END $$`;
/**
 * Two processes creating the table at once: the loser sees a unique violation on the catalogue, or
 * "relation already exists" (duplicate_table), depending on how far the winner got.
 */
const CREATED_BY_ANOTHER = new Set(['23505', '42P07']);

export class PostgresAdapter extends EventEmitter {
  private readonly ready: Promise<unknown>;

  constructor(readonly pool: pg.Pool) {
    super();
    this.ready = pool
      .query(CREATE)
      .catch((error: { code?: string }) => {
        if (!CREATED_BY_ANOTHER.has(error.code ?? '')) throw error;
      })
      .then(() => pool.query(WIDEN));
  }

  async query<R extends pg.QueryResultRow>(sql: string, parameters: unknown[] = []): Promise<R[]> {
    await this.ready;
    return (await this.pool.query<R>(sql, parameters)).rows;
  }

  async get(key: string): Promise<string | undefined> {
    const [row] = await this.query<{ value: string }>('SELECT value FROM keyv WHERE key = $1', [key]);
    return row?.value;
  }

  /**
   * One query for many keys, in the order asked. Without it keyv reads each key on its own and turns a
   * read that failed into "absent" (it settles them all and keeps only the values).
   */
  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const rows = await this.query<{ key: string; value: string }>('SELECT key, value FROM keyv WHERE key = ANY($1)', [keys]);
    const values = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => values.get(key));
  }

  async set(key: string, value: string): Promise<boolean> {
    await this.query('INSERT INTO keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.query('DELETE FROM keyv WHERE key = $1 RETURNING key', [key])).length > 0;
  }

  async clear(): Promise<void> {
    await this.query("DELETE FROM keyv WHERE key LIKE 'fanfare:%'");
  }

  async disconnect(): Promise<void> {
    await this.pool.end();
  }
}
