/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { SlowFirstSequencer } from './tests/slowFirstSequencer.ts';
import { tfjsForInLoops } from './scripts/vite/tfjsForInLoops.ts';
import { wasmShapeBytes } from './scripts/vite/wasmShapeBytes.ts';

// Relative base: the build runs from any sub-folder (GitHub Pages, a USB stick).
export default defineConfig({
  base: './',
  plugins: [react(), wasmShapeBytes(), tfjsForInLoops()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // bench.html: the engine's diagnostics page, used by the browser tests and the benchmark.
      input: { index: 'index.html', bench: 'bench.html' },
    },
  },
  worker: {
    format: 'es',
    plugins: () => [wasmShapeBytes(), tfjsForInLoops()],
    rolldownOptions: {
      // tfjs ships ~1,200 licence banners; keeping them doubles the worker chunk.
      output: { comments: { legal: false } },
    },
  },
  test: {
    // Vitest's default leaves one core free: on a two-core machine the unit tests then ran in one
    // worker (160 s against 98 s in two). The browser project sets its own (below).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Vitest reads the sequencer from the root config only (a project's own is ignored).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Worker threads start and import faster than forked processes: 97.6 → 92.0 s on two
          // cores (import 37.8 → 31.3 s summed over the files).
          pool: 'threads',
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/globalSetup.ts'],
          // Two files at a time: one file alone left a core idle a fifth of the time (SwiftShader
          // compiles shaders on one thread; tests wait on the worker). On two cores, alternated:
          // 283 and 331 s against 326 and 329 s one at a time (idle 4–6 against 107–110 CPU-s).
          // Every test waits on conditions, so sharing the cores slows a test without changing it.
          fileParallelism: true,
          // The files share their imports (playwright-core, the helpers); each launches its own
          // Chromium, so nothing a test touches outlives its file.
          isolate: false,
          // Each Chromium takes up to two cores while it trains: more at once only queue for them.
          maxWorkers: 2,
          // A test that needs a retry is a bug: every browser test waits on conditions, never on
          // time, and asserts behaviour only (timing budgets live in npm run bench:page).
          retry: 0,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
