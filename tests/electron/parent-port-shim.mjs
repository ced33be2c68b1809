/**
 * Stands in for Electron's `process.parentPort` so the utilityProcess entry
 * (out/main/core-process.js) can be driven from plain Node over a forked
 * child's IPC channel. Loaded with `node --import`. Like Electron's port, it
 * holds messages until the first 'message' listener is attached.
 */
import { EventEmitter } from 'node:events';

const port = new EventEmitter();
const queued = [];
port.postMessage = (message) => process.send?.(message);
port.on('newListener', (name) => {
  if (name === 'message') setImmediate(() => queued.splice(0).forEach((data) => port.emit('message', { data })));
});
process.on('message', (data) => {
  if (port.listenerCount('message') > 0 && queued.length === 0) port.emit('message', { data });
  else queued.push(data);
});
process.parentPort = port;
