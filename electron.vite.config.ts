import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';

const version = (JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string }).version;

// One build for every process. Node-side entries (Electron main, the core's
// utilityProcess, the CLI, the bench) share src-main and keep native/heavy
// dependencies external so better-sqlite3 loads the binary built for the
// runtime that runs it.
const external = ['better-sqlite3', 'electron', 'ws'];

export default defineConfig({
  main: {
    define: { __OMS_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        external,
        input: {
          main: resolve(__dirname, 'src-main/app/main.ts'),
          'core-process': resolve(__dirname, 'src-main/host/core-process.ts'),
          cli: resolve(__dirname, 'src-main/cli/oms.ts'),
          bench: resolve(__dirname, 'src-main/bench/bench.ts'),
          // The full duplicate scan runs in a worker thread (core/customers/duplicates/scan-off-thread.ts).
          'duplicate-scan-worker': resolve(__dirname, 'src-main/core/customers/duplicates/scan-worker.ts'),
          // A first import's bulk result pages are parsed and mapped in a worker thread (core/sync/shopify/bulk-page-reader.ts).
          'bulk-page-worker': resolve(__dirname, 'src-main/core/sync/shopify/bulk-page-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload/preload.ts') },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the first bundle is less than half the size (faster first paint).
      minify: 'esbuild',
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
