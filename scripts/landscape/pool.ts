/**
 * Runs a sweep's jobs on `workers` worker threads, one training per worker at a time (workers = 0:
 * in this thread, for tests and debugging). Results come back in job order whatever the order of
 * completion; each job is independent, so the numbers do not depend on which worker ran it.
 */
import { Worker } from 'node:worker_threads';
import type { LandscapeCell } from '../../src/core/landscapeFile';
import type { Job } from './grid';
import { JobRunner, type SweepSpec } from './job';

export type ToWorker = { id: number; job: Job };
export type FromWorker = { ready: true } | { id: number; cell: LandscapeCell } | { id: number; error: string };

/** Called after each finished job with its cell and how many are done. */
export type OnCell = (cell: LandscapeCell, done: number) => void;

/**
 * A worker thread running worker.ts. Workers do not inherit the main thread's module hooks on
 * node 20, so a small bootstrap registers ours (nodeHooks.mjs) and tsx's, then imports the entry.
 */
function startWorker(spec: SweepSpec): Worker {
  const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = [
    `import('node:module').then((m) => m.register(${url('./nodeHooks.mjs')}))`,
    `.then(() => import(${api}))`,
    `.then((tsx) => tsx.tsImport(${url('./worker.ts')}, ${url('./pool.ts')}))`,
  ].join('');
  return new Worker(boot, { eval: true, workerData: spec });
}

async function runInline(spec: SweepSpec, jobs: readonly Job[], onCell?: OnCell): Promise<LandscapeCell[]> {
  const runner = new JobRunner(spec);
  const out: LandscapeCell[] = [];
  for (const job of jobs) {
    out.push(await runner.run(job));
    onCell?.(out[out.length - 1], out.length);
  }
  return out;
}

export async function runJobs(spec: SweepSpec, jobs: readonly Job[], workers: number, onCell?: OnCell): Promise<LandscapeCell[]> {
  if (workers <= 0) return runInline(spec, jobs, onCell);
  const out: (LandscapeCell | undefined)[] = new Array(jobs.length);
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => startWorker(spec));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (jobs.length === 0) resolve();
      const feed = (w: Worker) => {
        if (next < jobs.length) {
          w.postMessage({ id: next, job: jobs[next] } satisfies ToWorker);
          next++;
        }
      };
      for (const w of pool) {
        w.on('message', (msg: FromWorker) => {
          if ('ready' in msg) return feed(w);
          if ('error' in msg) return reject(new Error(`job n = ${jobs[msg.id].n}, s = ${jobs[msg.id].s}, seed ${jobs[msg.id].seed} failed: ${msg.error}`));
          out[msg.id] = msg.cell;
          done++;
          onCell?.(msg.cell, done);
          if (done === jobs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`a worker stopped (exit code ${code}) with ${jobs.length - done} jobs left`));
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out as LandscapeCell[];
}
