/**
 * A stand-in for the training worker, for the client's unit tests: it records what the client
 * posts, answers pings unless told to hang, and lets a test play the worker's side (ready,
 * status, snapshots, checkpoints, '__busy', a crash) message by message.
 */
import type { ClientControl, WorkerControl } from '../../src/engine/internal';
import type { Checkpoint, Command, RunStatus, Snapshot, WorkerMessage } from '../../src/engine/protocol';

export class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly received: (Command | ClientControl)[] = [];
  terminated = false;
  /** When true, pings go unanswered (a worker stuck in a long step or hung). */
  hung = false;

  postMessage(msg: Command | ClientControl): void {
    this.received.push(msg);
    if (msg.type === '__ping' && !this.hung) this.send({ type: '__pong', id: msg.id });
  }

  terminate(): void {
    this.terminated = true;
  }

  /** A message from the worker to the page. */
  send(msg: WorkerMessage | WorkerControl): void {
    if (!this.terminated) this.onmessage?.({ data: msg } as MessageEvent);
  }

  /** An uncaught error in the worker, as the browser reports it. */
  crash(message = 'boom'): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }

  commands(): Command[] {
    return this.received.filter((m): m is Command => !m.type.startsWith('__'));
  }

  status(runId: string, status: RunStatus, step: number): void {
    this.send({ type: 'status', runId, status, step });
  }

  /** Steps first … first+count−1 with losses 1/(step+1). */
  snapshot(runId: string, first: number, count: number): void {
    const steps = Int32Array.from({ length: count }, (_, i) => first + i);
    const snapshot: Snapshot = {
      runId,
      step: first + count,
      steps,
      losses: Float32Array.from(steps, (s) => 1 / (s + 1)),
      accs: new Float32Array(count),
      tests: [],
      analyses: {},
      n: new Float32Array([1]),
      s: new Float32Array([0]),
      stepsPerSec: 50,
      backend: 'wasm',
      tensors: 20,
      lr: 0.003,
    };
    this.send({ type: 'snapshot', runId, snapshot });
  }

  checkpoint(runId: string, step: number): Checkpoint {
    const checkpoint: Checkpoint = { runId, step, tensors: [{ name: 'U', shape: [1], values: new Float32Array([step]) }] };
    this.send({ type: 'checkpoint', runId, checkpoint });
    return checkpoint;
  }
}

/** Creates FakeWorkers on demand and keeps them in order (the last one is the live worker). */
export class WorkerFactory {
  readonly made: FakeWorker[] = [];
  create = (): Worker => {
    const w = new FakeWorker();
    this.made.push(w);
    return w as unknown as Worker;
  };
  get live(): FakeWorker {
    return this.made[this.made.length - 1];
  }
}
