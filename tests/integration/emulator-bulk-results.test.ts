import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { DEMO_STORE_URL, demoStoreDir, initDemoStore, openDemoStore } from '../../src-main/core/sync/demo-store';
import { BULK_QUERIES, BULK_RUN, BULK_STATUS } from '../../src-main/core/sync/shopify/queries';
import { workspacePaths } from '../../src-main/core/workspace/workspace';

/**
 * The emulator keeps bulk results in files, not in memory (emulator/bulk-results.ts):
 * written while the operation runs, streamed on download with the ETag and byte
 * ranges the connector resumes with, one result kept per query, and nothing left
 * on disk once the emulator is closed or its process is gone.
 */
type Op = { id: string; status: string; objectCount: string; fileSize: string | null; url: string | null };

async function bulkRun(doFetch: typeof fetch, url: string, query: string): Promise<Op> {
  const gql = async <T,>(q: string, variables: Record<string, unknown>) => {
    const res = await doFetch(`${url}/admin/api/2026-04/graphql.json`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': DEFAULT_EMULATOR_TOKEN }, body: JSON.stringify({ query: q, variables }) });
    return ((await res.json()) as { data: T }).data;
  };
  const started = await gql<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: { message: string }[] } }>(BULK_RUN, { query });
  const id = started.bulkOperationRunQuery.bulkOperation?.id;
  if (!id) throw new Error(`bulk operation refused: ${JSON.stringify(started.bulkOperationRunQuery.userErrors)}`);
  return status(gql, id, true);
}
async function status(gql: <T>(q: string, v: Record<string, unknown>) => Promise<T>, id: string, wait = false): Promise<Op> {
  for (;;) {
    const { bulkOperation: op } = await gql<{ bulkOperation: Op }>(BULK_STATUS, { id });
    if (!wait || (op.status !== 'CREATED' && op.status !== 'RUNNING')) return op;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const folders = (parent: string) => (existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith('emulator-bulk-')) : []);

describe('emulator: bulk results kept in files and streamed', () => {
  let parent: string;
  let emu: Emulator;
  let url = '';
  const gql = async <T,>(q: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${url}/admin/api/2026-04/graphql.json`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': DEFAULT_EMULATOR_TOKEN }, body: JSON.stringify({ query: q, variables }) });
    return ((await res.json()) as { data: T }).data;
  };
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'oms-emu-bulk-'));
    // Large enough (~9 MB) that a download is still reading the file when a test expires its operation.
    emu = createEmulator({ orders: 3000, seed: 5, plan: 'enterprise', bulkDir: parent });
    url = (await emu.listen()).url;
  });
  afterAll(async () => {
    await emu.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('writes the result to a file of its own folder and serves it whole, and from a byte offset under the same ETag', async () => {
    const op = await bulkRun(fetch, url, BULK_QUERIES.orders);
    expect(op.status).toBe('COMPLETED');
    const [folder] = folders(parent);
    expect(folders(parent)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(parent, folder!, 'owner.json'), 'utf8'))).toEqual({ pid: process.pid });
    const n = /\/(\d+)$/.exec(op.id)![1]!;
    const onDisk = readFileSync(join(parent, folder!, `${n}.jsonl`));

    const whole = await fetch(op.url!);
    expect(whole.status).toBe(200);
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.equals(onDisk)).toBe(true);
    // fileSize is bytes (notes hold multi-byte text), as the platform reports it.
    expect(Number(op.fileSize)).toBe(body.length);
    expect(whole.headers.get('content-length')).toBe(String(body.length));
    const lines = body.toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(Number(op.objectCount));
    const roots = lines.map((l) => JSON.parse(l) as { id: string; __parentId?: string }).filter((o) => !o.__parentId);
    expect(roots.map((o) => o.id)).toEqual([...emu.shop.orders].sort((a, b) => a.id - b.id).map((o) => `gid://shopify/Order/${o.id}`));

    const etag = whole.headers.get('etag')!;
    expect(etag).toMatch(/^"bulk-/);
    const ranged = await fetch(op.url!, { headers: { range: 'bytes=1000-', 'if-range': etag } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('etag')).toBe(etag);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-${body.length - 1}/${body.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(body.subarray(1000))).toBe(true);
    // Another file's validator: the whole file, not a piece that would not fit the one on disk.
    const other = await fetch(op.url!, { headers: { range: 'bytes=1000-', 'if-range': '"bulk-other-1-5"' } });
    expect(other.status).toBe(200);
    expect(Buffer.from(await other.arrayBuffer()).length).toBe(body.length);
    const past = await fetch(op.url!, { headers: { range: `bytes=${body.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${body.length}`);
  });

  it('a later operation of the same query expires the earlier one and removes its file; other queries keep theirs', async () => {
    const first = await bulkRun(fetch, url, BULK_QUERIES.orders);
    const products = await bulkRun(fetch, url, BULK_QUERIES.products);
    const second = await bulkRun(fetch, url, BULK_QUERIES.orders);
    expect(second.status).toBe('COMPLETED');
    expect(await status(gql, first.id)).toMatchObject({ status: 'EXPIRED', url: null });
    expect((await fetch(first.url!)).status).toBe(404);
    expect(await status(gql, products.id)).toMatchObject({ status: 'COMPLETED', url: products.url });
    expect((await fetch(products.url!)).status).toBe(200);
    const folder = join(parent, folders(parent)[0]!);
    const num = (op: Op) => `${/\/(\d+)$/.exec(op.id)![1]}.jsonl`;
    // One file per query: every earlier orders result is gone (the test before this one made one too).
    expect(readdirSync(folder).filter((f) => f.endsWith('.jsonl')).sort()).toEqual([num(products), num(second)].sort());
  });

  it('a download under way when its operation expires still gets the whole file', async () => {
    const op = await bulkRun(fetch, url, BULK_QUERIES.orders);
    const res = await fetch(op.url!);
    const size = Number(res.headers.get('content-length'));
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!];
    const next = await bulkRun(fetch, url, BULK_QUERIES.orders);
    expect(await status(gql, op.id)).toMatchObject({ status: 'EXPIRED' });
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const body = Buffer.concat(chunks);
    expect(body.length).toBe(size);
    // The same query over the same shop: the same bytes as the operation that replaced it.
    expect(body.equals(Buffer.from(await (await fetch(next.url!)).arrayBuffer()))).toBe(true);
  });

  it('an empty result has no url and leaves no file', async () => {
    const op = await bulkRun(fetch, url, `{ orders(query: "updated_at:>='2999-01-01'") { edges { node { id } } } }`);
    expect(op).toMatchObject({ status: 'COMPLETED', objectCount: '0', url: null });
    const folder = join(parent, folders(parent)[0]!);
    expect(readdirSync(folder)).not.toContain(`${/\/(\d+)$/.exec(op.id)![1]}.jsonl`);
  });
});

describe('emulator: no bulk result left on disk once it is closed or its process is gone', () => {
  const made: string[] = [];
  const tempParent = () => {
    const d = mkdtempSync(join(tmpdir(), 'oms-emu-bulk-'));
    made.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('close() removes the folder; the next emulator removes a folder whose process was killed and keeps a live one', async () => {
    const parent = tempParent();
    // A process that has exited: its pid names no one now (as after a SIGKILL).
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    for (const [name, pid] of [['emulator-bulk-dead01', deadPid], ['emulator-bulk-live01', process.ppid]] as const) {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'owner.json'), JSON.stringify({ pid }));
      writeFileSync(join(parent, name, '1.jsonl'), '{"id":"gid://shopify/Order/1"}\n');
    }
    const emu = createEmulator({ orders: 30, seed: 1, plan: 'enterprise', bulkDir: parent });
    const { url } = await emu.listen();
    const op = await bulkRun(fetch, url, BULK_QUERIES.orders);
    expect(op.status).toBe('COMPLETED');
    const mine = folders(parent).filter((n) => !n.endsWith('01'));
    expect(mine).toHaveLength(1);
    expect(folders(parent).sort()).toEqual(['emulator-bulk-live01', mine[0]!].sort());
    await emu.close();
    expect(folders(parent)).toEqual(['emulator-bulk-live01']);
    // Closed: the operation's result is gone with its file.
    expect((await fetch(op.url!).catch(() => null))?.status ?? 'refused').not.toBe(200);
  });

  it('an emulator that never ran a bulk operation writes nothing', async () => {
    const parent = tempParent();
    const emu = createEmulator({ orders: 30, seed: 1, bulkDir: parent });
    await emu.listen();
    await emu.close();
    expect(folders(parent)).toEqual([]);
  });

  it('the demo store writes its bulk results under its folder in the workspace, and removes them on close', async () => {
    const ws = tempParent();
    const paths = workspacePaths(ws);
    initDemoStore(paths, { orders: 40, now: new Date('2026-05-01T00:00:00Z') });
    const store = await openDemoStore(paths);
    const op = await bulkRun(store.fetch, DEMO_STORE_URL, BULK_QUERIES.orders);
    expect(op.status).toBe('COMPLETED');
    const [folder] = folders(demoStoreDir(paths));
    expect(folder).toBeDefined();
    const file = join(demoStoreDir(paths), folder!, `${/\/(\d+)$/.exec(op.id)![1]}.jsonl`);
    expect(statSync(file).size).toBe(Number(op.fileSize));
    await store.close();
    expect(folders(demoStoreDir(paths))).toEqual([]);
    // The store's own files are untouched.
    expect(existsSync(join(demoStoreDir(paths), 'store.json'))).toBe(true);
  });
});
