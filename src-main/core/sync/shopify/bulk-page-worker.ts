import { parentPort } from 'node:worker_threads';
import { pageKey, readBulkPage, type BulkPageRequest } from './bulk-page';

/**
 * Worker-thread entry (built as out/main/bulk-page-worker.js): reads bulk
 * result pages (bulk-page.ts) for the core, one request at a time, and answers
 * with the page as JSON text — parsed on the other side faster than a
 * structured clone of the same objects. See bulk-page-reader.ts.
 *
 * Having answered, it reads the page after straight away and keeps it for the
 * request that comes next: the core asks for it only once it has parsed this
 * answer, and this thread would otherwise sit idle meanwhile (~15 % of its
 * time at 100k orders). A request for any other page drops the kept one.
 */
type Answer = { page: string; next: BulkPageRequest | null } | { error: { name: string; message: string } };

function read(req: BulkPageRequest): Answer {
  try {
    const page = readBulkPage(req);
    return { page: JSON.stringify(page), next: page.atEnd ? null : { ...req, offset: page.next } };
  } catch (err) {
    const e = err as Error;
    return { error: { name: e.name, message: e.message } };
  }
}

const port = parentPort!;
let kept: { key: string; answer: Answer } | null = null;
port.on('message', (m: { id: number; req: BulkPageRequest }) => {
  const ready = kept?.key === pageKey(m.req);
  const answer = ready ? kept!.answer : read(m.req);
  kept = null;
  port.postMessage({ id: m.id, ...('page' in answer ? { page: answer.page, ready } : { error: answer.error }) });
  if ('page' in answer && answer.next) kept = { key: pageKey(answer.next), answer: read(answer.next) };
});
