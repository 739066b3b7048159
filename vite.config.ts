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
    // worker (160 s against 98 s in two). Browser files run one at a time (below).
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
          // tfjs-core's gradients exist only as ES modules (its node entry leaves them out), which
          // vitest ran file by file through its transform in every test file: 3.5 s of import for
          // each file that trains. Pre-bundled once per run, they import in 0.4 s (unit project:
          // import 31.7 → 12.6 s summed over the files, 100 → 81 s).
          deps: { optimizer: { ssr: { enabled: true, include: ['@tensorflow/tfjs-core/dist/register_all_gradients'] } } },
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/globalSetup.ts'],
          // One Chromium at a time. Two files at a time filled the idle core (SwiftShader compiles
          // shaders on one thread) but each file then took more CPU: alternated on two cores, 283,
          // 331, 314 s against 326, 329, 311 s one at a time, and 560–650 against 510–545 CPU-s.
          fileParallelism: false,
          // The files share their imports (playwright-core, the helpers): about 0.6 s less per file.
          // Each launches and closes its own Chromium, so nothing a test touches outlives its file.
          isolate: false,
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
