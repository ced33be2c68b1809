import type { DuplicatePair, DuplicateSide } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { createLogger } from '../log';
import { DuplicateEngine, type ScoredPair } from './duplicates/engine';
import { loadCustomer, loadCustomers, loadCustomersPage } from './duplicates/load-customers';
import type { MatchModel } from './duplicates/model';
import { runScanJob, type ScanJobProgress } from './duplicates/scan-job';
import { scanOffThread, WorkerStartError } from './duplicates/scan-off-thread';

/**
 * The duplicate engine inside the running core: a full scan (in a worker
 * thread, with job.progress events, so calls keep being answered) that
 * refreshes the review queue, and an incremental re-check of customers that were added or changed.
 * Decisions are remembered: pairs marked "not the same" or merged are never
 * put back in the queue by a later scan or re-check.
 */
const MODEL_KEY = 'customers.duplicates.model';
const SCANNED_KEY = 'customers.duplicates.scannedAt';

export function createDuplicateQueue(ctx: CoreContext) {
  const { sqlite } = ctx;
  let engine: DuplicateEngine | null = null;
  let running: Promise<{ pairs: number; certain: number; customers: number; ms: number }> | null = null;

  const readModel = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const writeModel = sqlite.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteOpen = sqlite.prepare("DELETE FROM customer_duplicate_pairs WHERE status = 'open'");
  const deleteOpenOf = sqlite.prepare("DELETE FROM customer_duplicate_pairs WHERE status = 'open' AND (a_id = ? OR b_id = ?)");
  const upsert = sqlite.prepare(
    `INSERT INTO customer_duplicate_pairs(a_id, b_id, probability, band, evidence, status, found_at) VALUES (?, ?, ?, ?, ?, 'open', ?)
     ON CONFLICT(a_id, b_id) DO UPDATE SET probability = excluded.probability, band = excluded.band, evidence = excluded.evidence, found_at = excluded.found_at
     WHERE customer_duplicate_pairs.status = 'open'`,
  );

  const store = (e: DuplicateEngine, pairs: ScoredPair[], at: string) => {
    for (const p of pairs) if (p.band !== 'below') upsert.run(p.a, p.b, p.probability, p.band, JSON.stringify(e.explain(p.a, p.b)), at);
  };

  /** The in-memory index, built from the store on first use (with the model of the last scan when there is one). */
  /**
   * The index for re-checks, rebuilt in the background after a full scan (the
   * scan's own index lives in its worker): pages of customers between turns of
   * the event loop, so the first merge after a scan does not wait for it.
   */
  let warming: { e: DuplicateEngine; after: number; model: MatchModel } | null = null;
  const WARM_PAGE = 5_000;
  const warmStep = (): boolean => {
    const w = warming!;
    const rows = loadCustomersPage(sqlite, w.after, WARM_PAGE);
    for (const c of rows) w.e.upsert(c);
    if (rows.length === WARM_PAGE) {
      w.after = rows[rows.length - 1]!.id;
      return false;
    }
    w.e.refreshFrequencies();
    w.e.useModel(w.model);
    engine = w.e;
    warming = null;
    return true;
  };
  const warm = (model: MatchModel) => {
    engine = null;
    warming = { e: new DuplicateEngine(), after: 0, model };
    const w = warming;
    const next = () => {
      if (warming !== w || !sqlite.open) return; // superseded by a newer scan, or finished on demand, or closed
      if (!warmStep()) setImmediate(next);
    };
    setImmediate(next);
  };

  const ensure = (): DuplicateEngine => {
    if (engine) return engine;
    if (warming) {
      while (!warmStep()); // needed now: finish the rest on this turn
      return engine!;
    }
    const e = new DuplicateEngine();
    e.load(loadCustomers(sqlite));
    const saved = readModel.get(MODEL_KEY) as string | undefined;
    if (saved) e.useModel(JSON.parse(saved) as MatchModel);
    else e.train();
    engine = e;
    return e;
  };

  const pending = new Set<number>();
  let flushing: Promise<void> | null = null;
  const flush = (): void => {
    flushing = null;
    // The workspace may have been closed meanwhile (a CLI sync that just finished): the next scan covers them.
    if (!pending.size || !sqlite.open) return;
    const ids = [...pending];
    pending.clear();
    queue.recheck(ids);
  };

  const queue = {
    /** Full scan; a second call while one runs joins it. */
    scan(): Promise<{ pairs: number; certain: number; customers: number; ms: number }> {
      if (running) return running;
      running = (async () => {
        const started = Date.now();
        const progress = (p: ScanJobProgress) => ctx.emit('job.progress', { job: 'duplicates.scan', phase: p.phase, done: p.done, total: p.total });
        // Off the thread that answers calls; on it (one blocking run) only where no worker can start.
        let result = null;
        try {
          result = await scanOffThread(ctx.paths.db, progress);
        } catch (err) {
          if (!(err instanceof WorkerStartError)) throw err;
          createLogger(ctx.paths.logs).warn(`${err.message}; scanning on the core's own thread instead`, err);
        }
        result ??= runScanJob(sqlite, progress);
        const at = ctx.clock.now().toISOString();
        let certain = 0;
        sqlite.transaction(() => {
          deleteOpen.run();
          for (const p of result.pairs) {
            upsert.run(p.a, p.b, p.probability, p.band, p.evidence, at);
            if (p.band === 'certain') certain++;
          }
          writeModel.run(MODEL_KEY, JSON.stringify(result.model));
          writeModel.run(SCANNED_KEY, at);
        })();
        // The in-memory index for re-checks may miss customers written since it was built
        // (an import runs a scan right after writing): rebuilt from the store in the background.
        warm(result.model);
        return { pairs: result.pairs.length, certain, customers: result.customers, ms: Date.now() - started };
      })().finally(() => {
        running = null;
        if (pending.size) flushing ??= new Promise<void>((resolve) => setImmediate(() => resolve(flush())));
      });
      return running;
    },

    /** Incremental check of customers that were added, changed, merged or restored. */
    recheck(ids: readonly number[]): void {
      const e = ensure();
      const at = ctx.clock.now().toISOString();
      sqlite.transaction(() => {
        for (const id of ids) {
          deleteOpenOf.run(id, id);
          const c = loadCustomer(sqlite, id);
          if (!c) {
            e.remove(id);
            continue;
          }
          store(e, e.check(c), at);
        }
      })();
    },

    /**
     * Customers a sync page (or another batch writer) added or changed: checked
     * together right after the batch's transaction commits (setImmediate), so
     * the writer's hot loop does no duplicate work. Before the first full scan
     * there is no model to check with: that scan will see them.
     */
    queueRecheck(ids: readonly number[]): void {
      if (!engine && !readModel.get(MODEL_KEY)) return;
      for (const id of ids) pending.add(id);
      if (running) return; // the scan's snapshot may predate them: checked when it has written its result
      flushing ??= new Promise<void>((resolve) => setImmediate(() => resolve(flush())));
    },

    /** Resolves when queued re-checks are done (tests, and a CLI before it closes the workspace). */
    async idle(): Promise<void> {
      while (flushing || running) await (flushing ?? running);
    },

    /** Forgets the in-memory index (tests; a workspace switch). */
    reset(): void {
      engine = null;
      warming = null;
    },
  };
  return queue;
}
export type DuplicateQueue = ReturnType<typeof createDuplicateQueue>;

/** Reading the review queue: open pairs, most certain first, both sides and the evidence. */
export function createReviewQueue(ctx: CoreContext) {
  const side = ctx.sqlite.prepare(
    `SELECT c.id, c.ref, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.birth_date AS birthDate, c.created_at AS createdAt,
            (SELECT trim(coalesce(a.address1,'') || coalesce(', ' || a.address2, '') || ', ' || coalesce(a.postcode,'') || ' ' || coalesce(a.city,'') || ' ' || coalesce(a.country,''))
               FROM customer_addresses a WHERE a.customer_id = c.id ORDER BY a.is_default DESC, a.id LIMIT 1) AS address,
            (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orderCount
       FROM customers c WHERE c.id = ?`,
  );
  const live = "status = 'open' AND a_id IN (SELECT id FROM customers WHERE merged_into_id IS NULL) AND b_id IN (SELECT id FROM customers WHERE merged_into_id IS NULL)";
  const page = ctx.sqlite.prepare(
    `SELECT a_id AS a, b_id AS b, probability, band, evidence, found_at AS foundAt FROM customer_duplicate_pairs
      WHERE ${live} AND (@band = 'all' OR band = @band) ORDER BY probability DESC, a_id, b_id LIMIT @limit OFFSET @offset`,
  );
  const count = ctx.sqlite.prepare(`SELECT count(*) FROM customer_duplicate_pairs WHERE ${live} AND (@band = 'all' OR band = @band)`).pluck();
  const certain = ctx.sqlite.prepare(`SELECT count(*) FROM customer_duplicate_pairs WHERE ${live} AND band = 'certain'`).pluck();
  const scannedAt = ctx.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck();

  return (input: { band: 'likely' | 'certain' | 'all'; limit: number; offset: number }): { items: DuplicatePair[]; total: number; certain: number; lastScanAt: string | null } => {
    const rows = page.all(input) as { a: number; b: number; probability: number; band: 'likely' | 'certain'; evidence: string; foundAt: string }[];
    return {
      items: rows.map((r) => ({
        a: side.get(r.a) as DuplicateSide,
        b: side.get(r.b) as DuplicateSide,
        probability: r.probability,
        band: r.band,
        evidence: JSON.parse(r.evidence) as DuplicatePair['evidence'],
        foundAt: r.foundAt,
      })),
      total: count.get({ band: input.band }) as number,
      certain: certain.get() as number,
      lastScanAt: (scannedAt.get(SCANNED_KEY) as string | undefined) ?? null,
    };
  };
}
