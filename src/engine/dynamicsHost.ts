/**
 * What the dynamics worker does with each command, as plain code (no worker globals, so tests and
 * the node benchmark run it directly). Jobs compute in slices of at most `sliceMs` and yield
 * between them, so a 'cancel' (or another job) gets in; several jobs interleave. Under a share
 * below 1 the host rests after each slice, on one clock for all jobs: two jobs together use no
 * more of the core than one would.
 */
import { combineProbeFlows, probeFlow } from '../core/gradientFlowParts';
import type { GradientFlow } from '../core/gradientFlow';
import { networkMap, startLyapunov } from '../core/lyapunov';
import { runProbes, toNet64 } from '../core/netFloat64';
import { gradientCell, miCell, untrainedSetup, type UntrainedSetup } from '../core/nsMaps';
import { mapLevels } from '../core/nsMapSchedule';
import { stateInputMI } from '../core/stateInputMI';
import type { DrivenRequest, DynamicsCommand, DynamicsMessage, FlowRequest, LyapunovRequest, MapRequest, ProbeMiRequest } from './dynamicsProtocol';

export interface DynamicsHostEnv {
  post(msg: DynamicsMessage, transfer?: Transferable[]): void;
  /** Lets pending messages in; default a zero-delay timeout. */
  yieldNow?: () => Promise<void>;
  now?: () => number;
  /** Longest computation between two yields, in ms (default 40). */
  sliceMs?: number;
  /** Waits about `ms` (a rest while the share is below 1); default a timeout. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DynamicsHost {
  handle(cmd: DynamicsCommand): void;
  /** Resolves when every job started so far has finished or stopped (tests, the benchmark). */
  idle(): Promise<void>;
}

function checkGrid(req: MapRequest): void {
  const { n, s } = req.grid;
  if (!n.length || !s.length) throw new Error('the map grid needs at least one n and one s');
  if (!n.every((v) => Number.isFinite(v) && v > 0)) throw new Error('every n of the grid must be a finite number > 0');
  if (!s.every((v) => Number.isFinite(v))) throw new Error('every s of the grid must be finite');
}

function cellFunction(req: MapRequest, setup: UntrainedSetup): (n: number, s: number) => number {
  switch (req.kind) {
    case 'gradient':
      return (n, s) => gradientCell(setup, n, s);
    case 'mi':
      return (n, s) => miCell(setup, n, s, { window: req.window, warmup: req.warmup, maxSamples: req.maxSamples, k: req.k });
  }
}

/** Neurons and inputs per step of a driven request, checked against its inputs. */
function drivenShape(req: DrivenRequest): { N: number; I: number } {
  const N = req.b.length;
  const I = req.U.length / N;
  if (!Number.isInteger(I) || I < 1) throw new Error(`U has ${req.U.length} entries, not a multiple of N = ${N}`);
  if (!Number.isInteger(req.probes) || !Number.isInteger(req.steps) || req.probes < 1 || req.steps < 1) throw new Error(`need at least one probe and one step (got ${req.probes} × ${req.steps})`);
  if (req.x.length !== req.probes * req.steps * I) throw new Error(`x has ${req.x.length} values; [${req.probes}, ${req.steps}, ${I}] needs ${req.probes * req.steps * I}`);
  return { N, I };
}

export function createDynamicsHost(env: DynamicsHostEnv): DynamicsHost {
  const yieldNow = env.yieldNow ?? (() => new Promise<void>((ok) => setTimeout(ok, 0)));
  const now = env.now ?? (() => performance.now());
  const sliceMs = env.sliceMs ?? 40;
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  let share = 1;
  /** No slice starts before this time (the rests owed for the slices so far). */
  let openAt = -Infinity;
  /** Books the rest a slice that began at `sliceStart` and ends now asks for under the share. */
  const owe = (sliceStart: number) => {
    const end = now();
    if (share < 1) openAt = Math.max(openAt, end) + (end - sliceStart) * (1 / share - 1);
  };
  const open = async () => {
    for (let wait = openAt - now(); wait > 0; wait = openAt - now()) await sleep(wait);
  };
  /** Between two slices: lets messages in, then rests as long as the share asks for. */
  const rest = async (sliceStart: number) => {
    owe(sliceStart);
    await yieldNow();
    await open();
  };
  const cancelled = new Set<number>();
  const running = new Map<number, Promise<void>>();

  async function runMap(id: number, req: MapRequest): Promise<void> {
    const t0 = now();
    checkGrid(req);
    const cell = cellFunction(req, untrainedSetup(req));
    const nx = req.grid.n.length;
    const total = nx * req.grid.s.length;
    let done = 0;
    let coarse = false;
    let cells: number[] = [];
    let values: number[] = [];
    let errors = new Set<string>();
    const flush = () => {
      const c = Int32Array.from(cells);
      const v = Float64Array.from(values);
      env.post({ type: 'map-cells', id, cells: c, values: v, done, total, coarse, errors: [...errors] }, [c.buffer, v.buffer]);
      cells = [];
      values = [];
      errors = new Set();
    };
    let sliceStart = now();
    for (const [level, { cells: order }] of mapLevels(nx, req.grid.s.length).entries()) {
      for (const [k, c] of order.entries()) {
        let v: number;
        try {
          v = cell(req.grid.n[c % nx], req.grid.s[Math.floor(c / nx)]);
        } catch (e) {
          v = NaN;
          errors.add(e instanceof Error ? e.message : String(e));
        }
        cells.push(c);
        values.push(v);
        done++;
        // The coarsest level complete is the first draw: sent at once, whatever the slice.
        const firstDraw = level === 0 && k === order.length - 1;
        if (firstDraw) coarse = true;
        else if (now() - sliceStart < sliceMs || done === total) continue;
        flush();
        await rest(sliceStart);
        if (cancelled.has(id)) return;
        sliceStart = now();
      }
    }
    if (cells.length) flush();
    env.post({ type: 'map-done', id, ms: now() - t0 });
  }

  async function runLyapunov(id: number, req: LyapunovRequest): Promise<void> {
    const t0 = now();
    const run = startLyapunov(networkMap(req), req);
    const every = Math.max(1, Math.floor(req.every ?? Math.ceil(req.steps / 20)));
    let sliceStart = now();
    while (run.done < run.total) {
      run.advance(every);
      env.post({ type: 'lyapunov-progress', id, step: run.done, total: run.total, exponents: run.estimates() });
      if (now() - sliceStart >= sliceMs && run.done < run.total) {
        await rest(sliceStart);
        if (cancelled.has(id)) return;
        sliceStart = now();
      }
    }
    env.post({ type: 'lyapunov-done', id, exponents: run.estimates(), ms: now() - t0 });
  }

  /** One probe per slice at least: the product of Jacobians is the costly part (N³ per lag). */
  async function runFlow(id: number, req: FlowRequest): Promise<void> {
    const t0 = now();
    const { I } = drivenShape(req);
    const net64 = toNet64(req);
    const parts: GradientFlow[] = [];
    let sliceStart = now();
    for (let p = 0; p < req.probes; p++) {
      parts.push(probeFlow(req, req.x, p, req.steps, I, { maxLag: req.maxLag, net64 }));
      if (now() - sliceStart >= sliceMs && p + 1 < req.probes) {
        env.post({ type: 'flow-progress', id, done: p + 1, total: req.probes });
        await rest(sliceStart);
        if (cancelled.has(id)) return;
        sliceStart = now();
      }
    }
    env.post({ type: 'flow-done', id, flow: combineProbeFlows(parts), ms: now() - t0 });
  }

  async function runProbeMi(id: number, req: ProbeMiRequest): Promise<void> {
    const t0 = now();
    const { I, N } = drivenShape(req);
    const t1 = now();
    const run = runProbes(req, req.x, req.probes, req.steps);
    // The estimator itself does not yield: one call, at most a second or so for the sample cap.
    await rest(t1);
    if (cancelled.has(id)) return;
    const t2 = now();
    const result = stateInputMI(run.h, req.x, { P: req.probes, T: req.steps, N, I }, { window: req.window, from: req.warmup, maxSamples: req.maxSamples, k: req.k });
    owe(t2);
    env.post({ type: 'probe-mi-done', id, result, ms: now() - t0 });
  }

  const start = (id: number, job: () => Promise<void>) => {
    // A new job waits out the rest owed like the next slice of a running one.
    const p = open()
      .then(() => (cancelled.has(id) ? undefined : job()))
      .catch((e: unknown) => env.post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        running.delete(id);
        cancelled.delete(id);
      });
    running.set(id, p);
  };

  return {
    handle(cmd) {
      switch (cmd.type) {
        case 'map':
          start(cmd.id, () => runMap(cmd.id, cmd.request));
          break;
        case 'lyapunov':
          start(cmd.id, () => runLyapunov(cmd.id, cmd.request));
          break;
        case 'flow':
          start(cmd.id, () => runFlow(cmd.id, cmd.request));
          break;
        case 'probe-mi':
          start(cmd.id, () => runProbeMi(cmd.id, cmd.request));
          break;
        case 'cancel':
          if (running.has(cmd.id)) cancelled.add(cmd.id);
          break;
        case 'share':
          share = Number.isFinite(cmd.share) ? Math.min(1, Math.max(0.05, cmd.share)) : 1;
          // Back to a whole share (training stopped): a rest still owed is dropped.
          if (share === 1) openAt = -Infinity;
          break;
      }
    },
    async idle() {
      while (running.size) await Promise.all([...running.values()]);
    },
  };
}

