/**
 * A pool worker: trains the jobs it is sent one at a time and answers with the cell (or the error).
 * Started by pool.ts through tsx's loader (workerData: the SweepSpec).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { JobRunner, type SweepSpec } from './job';
import type { ToWorker, FromWorker } from './pool';

const port = parentPort;
if (!port) throw new Error('landscape/worker.ts runs as a worker thread (see pool.ts)');
const runner = new JobRunner(workerData as SweepSpec);

port.on('message', (msg: ToWorker) => {
  runner.run(msg.job).then(
    (cell) => port.postMessage({ id: msg.id, cell } satisfies FromWorker),
    (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies FromWorker),
  );
});
port.postMessage({ ready: true } satisfies FromWorker);
