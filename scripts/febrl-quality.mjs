#!/usr/bin/env node
/**
 * Duplicate-detection quality on a FEBRL data set, measured through the `oms`
 * CLI as a user would run it (issue 5's quality bar):
 *
 *   node scripts/febrl-quality.mjs PATH/TO/dataset1.csv [PATH/TO/dataset2.csv …]
 *
 * For each file: a fresh workspace (oms init), the records imported with a
 * column mapping that leaves soc_sec_id out (oms customers import), the pairs
 * the engine puts in front of a person (oms customers duplicates --format
 * csv), clustered (every pair inside a cluster counts as predicted), and
 * pairwise precision, recall and F1 against the truth in the record ids
 * (rec-N-org and rec-N-dup-k are the same person). Needs the app built (npm run build).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write('usage: node scripts/febrl-quality.mjs PATH/TO/dataset1.csv [more.csv …]\n');
  process.exit(2);
}
const oms = resolve(import.meta.dirname, '..', 'bin', 'oms.js');
const run = (args, env = {}) => execFileSync(process.execPath, [oms, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });

const MAPPING = {
  ref: 'rec_id',
  first_name: 'given_name',
  last_name: 'surname',
  address1: ['street_number', 'address_1'],
  address2: 'address_2',
  city: 'suburb',
  postcode: 'postcode',
  region: 'state',
  birth_date: 'date_of_birth',
};

function groupOf(ref) {
  const m = /^rec-(\d+)-/.exec(ref);
  if (!m) throw new Error(`unexpected record id ${ref}`);
  return m[1];
}

function clusters(pairs) {
  const parent = new Map();
  const find = (x) => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const groups = new Map();
  for (const x of parent.keys()) {
    const r = find(x);
    groups.set(r, [...(groups.get(r) ?? []), x]);
  }
  return [...groups.values()];
}

const key = (a, b) => (a < b ? `${a} ${b}` : `${b} ${a}`);

for (const file of files) {
  const dir = mkdtempSync(join(tmpdir(), 'oms-febrl-'));
  try {
    // FEBRL separates fields with ", ": trim every field (the README says so); soc_sec_id is never mapped.
    const rows = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => l.split(',').map((f) => f.trim()));
    const csv = join(dir, 'records.csv');
    writeFileSync(csv, rows.map((r) => r.join(',')).join('\n') + '\n');
    const map = join(dir, 'mapping.json');
    writeFileSync(map, JSON.stringify(MAPPING));
    const ws = join(dir, 'ws');
    run(['init', '--workspace', ws, '--owner', 'owner'], { OMS_PASSWORD: 'Febrl-quality-measure-2026' });
    const t0 = Date.now();
    run(['customers', 'import', csv, '--workspace', ws, '--map', map, '--no-duplicate-check']);
    const t1 = Date.now();
    const out = run(['customers', 'duplicates', '--workspace', ws, '--format', 'csv']);
    const t2 = Date.now();
    const pairs = out.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2));
    const predicted = new Set();
    for (const c of clusters(pairs)) for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) predicted.add(key(c[i], c[j]));
    const byGroup = new Map();
    for (const r of rows.slice(1)) byGroup.set(groupOf(r[0]), [...(byGroup.get(groupOf(r[0])) ?? []), r[0]]);
    const truth = new Set();
    for (const g of byGroup.values()) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) truth.add(key(g[i], g[j]));
    let tp = 0;
    for (const p of predicted) if (truth.has(p)) tp++;
    const precision = predicted.size ? tp / predicted.size : 1;
    const recall = truth.size ? tp / truth.size : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    console.log(
      `${basename(file)}: ${rows.length - 1} records, ${pairs.length} pairs listed, ${predicted.size} cluster pairs; ` +
        `precision ${precision.toFixed(4)} recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)} (${tp}/${truth.size} true pairs; import ${t1 - t0} ms, duplicates ${t2 - t1} ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
