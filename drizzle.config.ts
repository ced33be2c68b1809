import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // One file per capability beside the foundation's: schema.ts, schema-returns.ts, …
  schema: ['./src-main/db/schema.ts', './src-main/db/schema-*.ts'],
  out: './src-main/db/migrations',
});
