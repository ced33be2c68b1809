/**
 * The committed drizzle-kit migrations, embedded in the build so every runtime
 * (Electron, CLI, browser mode, tests) applies exactly the same SQL.
 */
import journal from './migrations/meta/_journal.json';

const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Migration {
  index: number;
  tag: string;
  statements: string[];
}

export const MIGRATIONS: Migration[] = journal.entries.map((entry) => {
  const sql = files[`./migrations/${entry.tag}.sql`];
  if (sql === undefined) throw new Error(`migration file for ${entry.tag} is missing from the build`);
  return {
    index: entry.idx,
    tag: entry.tag,
    statements: sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  };
});
