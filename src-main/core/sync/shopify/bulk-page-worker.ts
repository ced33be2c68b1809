import { parentPort } from 'node:worker_threads';
import { readBulkPage, type BulkPageRequest } from './bulk-page';

/**
 * Worker-thread entry (built as out/main/bulk-page-worker.js): reads bulk
 * result pages (bulk-page.ts) for the core, one request at a time, and answers
 * with the page as JSON text — parsed on the other side faster than a
 * structured clone of the same objects. See bulk-page-reader.ts.
 */
const port = parentPort!;
port.on('message', (m: { id: number; req: BulkPageRequest }) => {
  try {
    port.postMessage({ id: m.id, page: JSON.stringify(readBulkPage(m.req)) });
  } catch (err) {
    const e = err as Error;
    port.postMessage({ id: m.id, error: { name: e.name, message: e.message } });
  }
});
