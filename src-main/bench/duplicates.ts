import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallReply } from '../../src-shared/contract';
import { createCore, type Core } from '../core/core';
import { pairsOfClusters, clusterPairs } from '../core/customers/duplicates/cluster';
import { DuplicateEngine } from '../core/customers/duplicates/engine';
import { pairScores } from '../core/customers/duplicates/evaluate';
import { loadCustomer, loadCustomers } from '../core/customers/duplicates/load-customers';
import type { MatchModel } from '../core/customers/duplicates/model';
import { importCustomers } from '../core/customers/import/import-customers';
import { demoTruthFromRefs, generateDemoShop } from '../core/demo';
import { seedDemoUsers } from '../core/users/users';
import { login } from './measure';
import { emit, percentile, progress } from './report';

/**
 * Customer measures (issue 5): the full duplicate scan through the contract
 * (duplicates.scan: index, EM, scoring, writing the review queue), its
 * precision and recall against the generator's planted truth, the incremental
 * check of one new customer, and a 100,000-row CSV import.
 */
export async function measureDuplicates(core: Core, token: string, orders: number): Promise<void> {
  const sqlite = core.store.sqlite;
  const customers = sqlite.prepare('SELECT count(*) FROM customers WHERE merged_into_id IS NULL').pluck().get() as number;

  progress(`duplicate scan of ${customers} customers`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const reply = (await core.call({ method: 'duplicates.scan', input: {}, token, client: 'bench' })) as CallReply<{ pairs: number; certain: number }>;
  const scanMs = performance.now() - t0;
  // CPU time of the whole process (the scan's worker thread included): on a shared, busy machine the wall time says more about the neighbours.
  const scanCpuMs = cpuMs(cpu0);
  if (!reply.ok) throw new Error(`duplicates.scan: ${reply.error.code} ${reply.error.message}`);

  const refOf = new Map((sqlite.prepare('SELECT id, ref FROM customers').all() as { id: number; ref: string }[]).map((r) => [r.id, r.ref]));
  const truth = demoTruthFromRefs([...refOf.values()]);
  const rows = sqlite.prepare("SELECT a_id AS a, b_id AS b, band FROM customer_duplicate_pairs WHERE status = 'open'").all() as { a: number; b: number; band: string }[];
  const asRefs = (pairs: Iterable<{ a: number; b: number } | [number, number]>) =>
    [...pairs].map((p) => (Array.isArray(p) ? [refOf.get(p[0])!, refOf.get(p[1])!] : [refOf.get(p.a)!, refOf.get(p.b)!]) as [string, string]);
  const likely = pairScores(asRefs(pairsOfClusters(clusterPairs(rows))), truth.duplicatePairs);
  const certainRefs = asRefs(rows.filter((r) => r.band === 'certain'));
  const certain = pairScores(certainRefs, truth.duplicatePairs);
  const household = new Set(truth.householdPairs.map(([a, b]) => (a < b ? `${a} ${b}` : `${b} ${a}`)));
  const householdsCertain = certainRefs.filter(([a, b]) => household.has(a < b ? `${a} ${b}` : `${b} ${a}`)).length;
  emit('duplicates_scan_ms', scanMs, 'ms', orders, {
    customers,
    cpuMs: scanCpuMs,
    pairs: reply.result.pairs,
    likelyClusters: { precision: round4(likely.precision), recall: round4(likely.recall), f1: round4(likely.f1) },
    certainPairs: { precision: round4(certain.precision), recall: round4(certain.recall), f1: round4(certain.f1) },
    householdPairsCertain: householdsCertain,
  });

  // ── incremental check: a new customer who is a variant of an existing one ──
  progress('incremental duplicate check of one new customer');
  const engine = new DuplicateEngine();
  engine.load(loadCustomers(sqlite));
  engine.useModel(JSON.parse(sqlite.prepare("SELECT value FROM settings WHERE key = 'customers.duplicates.model'").pluck().get() as string) as MatchModel);
  const sample = sqlite.prepare('SELECT id FROM customers WHERE merged_into_id IS NULL ORDER BY (id * 7919) % 1000 LIMIT 400').pluck().all() as number[];
  const base = (sqlite.prepare('SELECT max(id) FROM customers').pluck().get() as number) + 1;
  const checkMs: number[] = [];
  let found = 0;
  // The first check builds the block map a bulk load leaves for later (once per process): timed apart.
  const w = performance.now();
  engine.check({ ...loadCustomer(sqlite, sample[0]!)!, id: base + sample.length });
  engine.remove(base + sample.length);
  const firstCheckMs = performance.now() - w;
  sample.forEach((id, i) => {
    const c = loadCustomer(sqlite, id)!;
    const variant = { ...c, id: base + i, email: c.email ? c.email.replace('@', '+shop@') : null, lastName: c.lastName ? c.lastName.toLowerCase() : null };
    const t = performance.now();
    const pairs = engine.check(variant);
    checkMs.push(performance.now() - t);
    if (pairs.some((p) => p.a === id || p.b === id)) found++;
    engine.remove(variant.id);
  });
  emit('duplicates_check_p95_ms', percentile(checkMs, 95), 'ms', orders, { samples: checkMs.length, maxMs: round4(Math.max(...checkMs)), firstCheckMs: Math.round(firstCheckMs), foundOriginal: found });

  // ── import of a 100,000-row CSV into an empty workspace (with the duplicate check) ──
  const importRows = Math.min(100_000, customers);
  progress(`CSV import of ${importRows} customers`);
  const src = sqlite
    .prepare(
      `SELECT c.ref, c.first_name, c.last_name, c.email, c.phone, c.birth_date, a.address1, a.address2, a.city, a.postcode, a.region, a.country
         FROM customers c LEFT JOIN customer_addresses a ON a.customer_id = c.id AND a.is_default = 1 ORDER BY c.id LIMIT ?`,
    )
    .raw()
    .all(importRows) as (string | null)[][];
  const cell = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = ['ref,first,last,email,phone,dob,street,line2,city,zip,region,country', ...src.map((r) => r.map(cell).join(','))].join('\n');
  const mapping = { ref: 'ref', first_name: 'first', last_name: 'last', email: 'email', phone: 'phone', birth_date: 'dob', address1: 'street', address2: 'line2', city: 'city', postcode: 'zip', region: 'region', country: 'country' };
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-import-'));
  const target = createCore({ workspaceDir: dir, newWorkspace: { kind: 'real', name: 'import bench' } });
  try {
    const t = performance.now();
    const cpu1 = process.cpuUsage();
    const result = importCustomers({ sqlite: target.ctx.sqlite, audit: target.ctx.audit, now: () => new Date() }, csv, mapping, { checkDuplicates: true });
    const ms = performance.now() - t;
    emit('customers_import_100k_ms', ms, 'ms', orders, { cpuMs: cpuMs(cpu1), rows: result.rows, imported: result.imported, problems: result.errors.length, possibleDuplicates: result.duplicates.length });
  } finally {
    target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
/** CPU time since `since` in ms, process-wide (worker threads included); too coarse for sub-millisecond work. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return Math.round((d.user + d.system) / 1000);
};

/**
 * `npm run bench -- --duplicates N`: only the customer measures, on a demo
 * workspace of N generated customers (and N/10 orders, so a 250,000-customer
 * run needs no 1M-order fixture).
 */
export async function benchDuplicates(customers: number, seed: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-dup-'));
  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: 'demo', name: 'Duplicate bench (demo)', currency: 'USD' } });
  try {
    const orders = Math.max(100, Math.round(customers / 10));
    progress(`generating ${customers.toLocaleString('en-US')} customers and ${orders.toLocaleString('en-US')} orders`);
    generateDemoShop(core.store.sqlite, { orders, customers, seed });
    await seedDemoUsers(core.ctx);
    await measureDuplicates(core, await login(core), orders);
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
