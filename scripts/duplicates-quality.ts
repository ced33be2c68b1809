/**
 * Duplicate-engine quality, in memory (no workspace): where the errors are.
 *
 *   npx tsx scripts/duplicates-quality.ts generated 250000 [--show 20]
 *   npx tsx scripts/duplicates-quality.ts febrl PATH/dataset1.csv [--show 20]
 *
 * Prints pairwise precision / recall / F1 of the clusters (likely threshold) and
 * of the "certain" pairs, household pairs at "certain", scan time, and the first
 * false positives / false negatives with their field-by-field evidence. For
 * FEBRL the soc_sec_id column is left out. (scripts/febrl-quality.mjs measures
 * the same through the `oms` CLI, as a user would.)
 */
import { readFileSync } from 'node:fs';
import { pairsOfClusters } from '../src-main/core/customers/duplicates/cluster';
import { DuplicateEngine } from '../src-main/core/customers/duplicates/engine';
import { pairScores } from '../src-main/core/customers/duplicates/evaluate';
import type { CustomerFields } from '../src-main/core/customers/duplicates/normalise';
import { buildCustomers } from '../src-main/core/demo/customers';
import { Rng } from '../src-main/core/demo/random';
import { demoTruthFromRefs } from '../src-main/core/demo/truth';

const [mode, arg, ...rest] = process.argv.slice(2);
const showAt = rest.indexOf('--show');
const show = showAt >= 0 ? Number(rest[showAt + 1]) : 10;

function generated(n: number): { rows: CustomerFields[]; refs: string[]; truth: ReturnType<typeof demoTruthFromRefs> } {
  const { records } = buildCustomers(n, new Rng(42), 2026);
  const rows = records.map((r, i) => ({
    id: i + 1,
    firstName: r.first,
    lastName: r.last,
    email: r.email,
    phone: r.phone,
    birthDate: r.birthDate,
    address1: r.address.address1,
    address2: r.address.address2,
    city: r.address.city,
    postcode: r.address.postcode,
    region: r.address.region,
    country: r.address.country,
  }));
  const refs = records.map((r) => r.ref);
  return { rows, refs, truth: demoTruthFromRefs(refs) };
}

function febrl(path: string): { rows: CustomerFields[]; refs: string[]; truth: { duplicatePairs: [string, string][]; householdPairs: [string, string][] } } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(',').map((s) => s.trim());
  const col = (name: string) => header.indexOf(name);
  const rows: CustomerFields[] = [];
  const refs: string[] = [];
  const groups = new Map<string, string[]>();
  lines.slice(1).forEach((line, i) => {
    const f = line.split(',').map((s) => s.trim());
    const v = (name: string) => f[col(name)] || null;
    const ref = v('rec_id')!;
    refs.push(ref);
    const key = /^rec-(\d+)-/.exec(ref)![1]!;
    groups.set(key, [...(groups.get(key) ?? []), ref]);
    rows.push({
      id: i + 1,
      firstName: v('given_name'),
      lastName: v('surname'),
      email: null,
      phone: null,
      birthDate: v('date_of_birth'),
      address1: [v('street_number'), v('address_1')].filter(Boolean).join(' ') || null,
      address2: v('address_2'),
      city: v('suburb'),
      postcode: v('postcode'),
      region: v('state'),
      country: 'AU',
    });
  });
  const duplicatePairs: [string, string][] = [];
  for (const g of groups.values()) for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) duplicatePairs.push([g[a]!, g[b]!]);
  return { rows, refs, truth: { duplicatePairs, householdPairs: [] } };
}

const data = mode === 'febrl' ? febrl(arg!) : generated(Number(arg ?? 20000));
const engine = new DuplicateEngine();
const t0 = performance.now();
engine.load(data.rows);
const t1 = performance.now();
const result = engine.scan();
const t2 = performance.now();
const ref = (id: number) => data.refs[id - 1]!;
const clusterPairsRefs = pairsOfClusters(result.clusters).map(([a, b]) => [ref(a), ref(b)] as [string, string]);
const likely = pairScores(clusterPairsRefs, data.truth.duplicatePairs);
const certainRefs = result.pairs.filter((p) => p.band === 'certain').map((p) => [ref(p.a), ref(p.b)] as [string, string]);
const certain = pairScores(certainRefs, data.truth.duplicatePairs);
const hh = new Set(data.truth.householdPairs.map(([a, b]) => (a < b ? `${a} ${b}` : `${b} ${a}`)));
const hhCertain = certainRefs.filter(([a, b]) => hh.has(a < b ? `${a} ${b}` : `${b} ${a}`)).length;
const r4 = (x: number) => x.toFixed(4);
console.log(`${data.rows.length} records, ${result.candidates} candidate pairs, load ${((t1 - t0) / 1000).toFixed(1)} s, scan ${((t2 - t1) / 1000).toFixed(1)} s, EM ${result.model.iterations} it, household k ${result.model.household?.toExponential(2)}`);
console.log(`clusters (likely): P ${r4(likely.precision)} R ${r4(likely.recall)} F1 ${r4(likely.f1)}  (tp ${likely.truePositives} / predicted ${likely.predicted} / actual ${likely.actual})`);
console.log(`certain pairs:     P ${r4(certain.precision)} R ${r4(certain.recall)} F1 ${r4(certain.f1)}  household pairs at certain: ${hhCertain}`);

const truthSet = new Set(data.truth.duplicatePairs.map(([a, b]) => (a < b ? `${a} ${b}` : `${b} ${a}`)));
const idOf = new Map(data.refs.map((r, i) => [r, i + 1]));
const printPair = (a: number, b: number, tag: string) => {
  const s = engine.score(a, b);
  console.log(`\n${tag} ${ref(a)} ~ ${ref(b)}  p=${s.probability.toFixed(4)} w=${s.weight.toFixed(1)} ${s.band}`);
  for (const e of engine.explain(a, b)) console.log(`   ${e.label.padEnd(14)} ${e.level.padEnd(28)} ${String(e.weight).padStart(6)}  ${e.a} | ${e.b}`);
};
if (show > 0) {
  const fps = clusterPairsRefs.filter(([a, b]) => !truthSet.has(a < b ? `${a} ${b}` : `${b} ${a}`));
  console.log(`\n=== false positives (cluster pairs): ${fps.length}`);
  for (const [a, b] of fps.slice(0, show)) printPair(idOf.get(a)!, idOf.get(b)!, 'FP');
  const predicted = new Set(clusterPairsRefs.map(([a, b]) => (a < b ? `${a} ${b}` : `${b} ${a}`)));
  const fns = data.truth.duplicatePairs.filter(([a, b]) => !predicted.has(a < b ? `${a} ${b}` : `${b} ${a}`));
  console.log(`\n=== false negatives: ${fns.length}`);
  const cands = new Set<string>();
  const c = engine.candidatePairs();
  for (let i = 0; i < c.a.length; i++) cands.add(`${c.a[i]} ${c.b[i]}`);
  for (const [a, b] of fns.slice(0, show)) {
    const x = idOf.get(a)!;
    const y = idOf.get(b)!;
    printPair(x, y, cands.has(`${Math.min(x, y)} ${Math.max(x, y)}`) ? 'FN' : 'FN (not blocked)');
  }
}
