/**
 * The page's handle on the dynamics worker: request an (n, s) map and receive it coarse first,
 * then refined, as drawable snapshots; request Lyapunov exponents, gradient propagation and
 * mutual information of a network's weights. Every job can be cancelled. A finished map is kept
 * for the session under its request key, and a request equal to one in flight joins it instead of
 * computing it twice. The worker is spawned on the first request; if it crashes, the jobs in
 * flight fail and the next request spawns a new one.
 */
import { MI_CELL_DEFAULTS, UNTRAINED_DEFAULTS } from '../core/nsMaps';
import { fillFromCoarse } from '../core/nsMapSchedule';
import type { DynamicsCommand, DynamicsMessage, FlowRequest, GradientFlow, LyapunovRequest, MapRequest, ProbeMiRequest, StateInputMI } from './dynamicsProtocol';

/** One state of a map, safe to keep: every update is a new object with its own arrays. */
export interface MapProgress {
  key: string;
  request: MapRequest;
  /** Columns (n values) and rows (s values); cell (i, j) has index j·nx + i. */
  nx: number;
  ny: number;
  /** Computed values, NaN where not computed yet (or where the computation failed). */
  values: Float64Array;
  /** 1 where computed. */
  computed: Uint8Array;
  /** What to draw: computed cells, the others from the nearest cell of the finest complete level. */
  filled: Float64Array;
  done: number;
  total: number;
  /** The coarsest level is complete: `filled` covers the map. */
  coarse: boolean;
  complete: boolean;
  /** Distinct errors of cells that failed (NaN in values). */
  errors: string[];
  /** Time the worker took, once complete. */
  ms?: number;
}

export interface LyapunovProgress {
  step: number;
  total: number;
  /** Running estimates, nats per step, descending. */
  exponents: number[];
}

/** Probes done of a gradient-propagation job. */
export interface FlowProgress {
  done: number;
  total: number;
}

/** A job: `done` resolves with the result, with null once cancelled, and rejects on failure. */
export interface DynamicsJob<R> {
  done: Promise<R | null>;
  cancel(): void;
}

export interface DynamicsClient {
  map(request: MapRequest, onProgress?: (p: MapProgress) => void): DynamicsJob<MapProgress>;
  lyapunov(request: LyapunovRequest, onProgress?: (p: LyapunovProgress) => void): DynamicsJob<number[]>;
  /** Gradient propagation of given weights on given inputs. */
  flow(request: FlowRequest, onProgress?: (p: FlowProgress) => void): DynamicsJob<GradientFlow>;
  /** Mutual information (nats) between hidden state and recent inputs of given weights on given inputs. */
  probeMi(request: ProbeMiRequest): DynamicsJob<StateInputMI>;
  /** The finished map of an equal request, if this session computed one. */
  cached(request: MapRequest): MapProgress | undefined;
  /** How much of one core the jobs may use, in (0, 1] (kept across a worker restart). */
  setShare(share: number): void;
  /** Stops the worker; jobs in flight resolve with null. */
  terminate(): void;
}

export interface DynamicsClientOptions {
  createWorker?: () => Worker;
}

/** The request with its defaults filled in, as a string: equal keys, equal maps. */
export function mapKey(r: MapRequest): string {
  const base = [r.kind, r.hidden, r.seed, r.inputs ?? UNTRAINED_DEFAULTS.inputs, r.steps ?? UNTRAINED_DEFAULTS.steps, r.probes ?? UNTRAINED_DEFAULTS.probes, r.grid.n, r.grid.s];
  const mi = r.kind === 'mi' ? [r.window ?? MI_CELL_DEFAULTS.window, r.warmup ?? MI_CELL_DEFAULTS.warmup, r.maxSamples ?? MI_CELL_DEFAULTS.maxSamples, r.k ?? MI_CELL_DEFAULTS.k] : [];
  return JSON.stringify([...base, ...mi]);
}

interface Subscriber<P, R> {
  onProgress?: (p: P) => void;
  resolve(r: R | null): void;
  reject(e: Error): void;
}

interface Flight<P, R> {
  id: number;
  subs: Set<Subscriber<P, R>>;
  /** Map jobs only. */
  key?: string;
  state?: MapProgress;
}

function defaultWorker(): Worker {
  return new Worker(new URL('./dynamics.worker.ts', import.meta.url), { type: 'module' });
}

function emptyProgress(key: string, request: MapRequest): MapProgress {
  const nx = request.grid.n.length;
  const ny = request.grid.s.length;
  return { key, request, nx, ny, values: new Float64Array(nx * ny).fill(NaN), computed: new Uint8Array(nx * ny), filled: new Float64Array(nx * ny).fill(NaN), done: 0, total: nx * ny, coarse: false, complete: false, errors: [] };
}

export function createDynamicsClient(opts: DynamicsClientOptions = {}): DynamicsClient {
  const make = opts.createWorker ?? defaultWorker;
  let worker: Worker | null = null;
  let nextId = 1;
  const maps = new Map<number, Flight<MapProgress, MapProgress>>();
  /** Jobs on given weights (Lyapunov, gradient flow, MI), each typed by the method that made it. */
  const jobs = new Map<number, Flight<unknown, unknown>>();
  const byKey = new Map<string, Flight<MapProgress, MapProgress>>();
  const cache = new Map<string, MapProgress>();
  let share = 1;

  /** Ends every job in flight: rejected with `why`, or resolved with null (as if cancelled). */
  const endAll = (why: string | null) => {
    for (const f of [...maps.values(), ...jobs.values()]) {
      for (const s of f.subs) {
        if (why === null) s.resolve(null);
        else s.reject(new Error(why));
      }
    }
    maps.clear();
    jobs.clear();
    byKey.clear();
  };

  const onMessage = (m: DynamicsMessage) => {
    switch (m.type) {
      case 'map-cells': {
        const f = maps.get(m.id);
        if (!f?.state) return;
        const values = f.state.values.slice();
        const computed = f.state.computed.slice();
        m.cells.forEach((c, j) => {
          values[c] = m.values[j];
          computed[c] = 1;
        });
        const { nx, ny } = f.state;
        const errors = [...new Set([...f.state.errors, ...m.errors])];
        f.state = { ...f.state, values, computed, filled: fillFromCoarse(values, computed, nx, ny), done: m.done, coarse: m.coarse, errors };
        for (const s of f.subs) s.onProgress?.(f.state);
        return;
      }
      case 'map-done': {
        const f = maps.get(m.id);
        if (!f?.state || !f.key) return;
        const state: MapProgress = { ...f.state, complete: true, ms: m.ms };
        maps.delete(m.id);
        byKey.delete(f.key);
        cache.set(f.key, state);
        for (const s of f.subs) {
          s.onProgress?.(state);
          s.resolve(state);
        }
        return;
      }
      case 'lyapunov-progress':
        return progress(m.id, { step: m.step, total: m.total, exponents: m.exponents } satisfies LyapunovProgress);
      case 'flow-progress':
        return progress(m.id, { done: m.done, total: m.total } satisfies FlowProgress);
      case 'lyapunov-done':
        return finish(m.id, m.exponents);
      case 'flow-done':
        return finish(m.id, m.flow);
      case 'probe-mi-done':
        return finish(m.id, m.result);
      case 'error': {
        const f = maps.get(m.id) ?? jobs.get(m.id);
        if (!f) return;
        maps.delete(m.id);
        jobs.delete(m.id);
        if (f.key) byKey.delete(f.key);
        for (const s of f.subs) s.reject(new Error(m.message));
        return;
      }
    }
  };

  const progress = (id: number, p: unknown) => {
    for (const s of jobs.get(id)?.subs ?? []) s.onProgress?.(p);
  };
  const finish = (id: number, result: unknown) => {
    const f = jobs.get(id);
    jobs.delete(id);
    for (const s of f?.subs ?? []) s.resolve(result);
  };

  const post = (cmd: DynamicsCommand) => {
    if (!worker) {
      const w = make();
      w.onmessage = (e: MessageEvent<DynamicsMessage>) => onMessage(e.data);
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        w.terminate();
        if (worker === w) worker = null;
        endAll(`the dynamics worker crashed (${e.message || 'uncaught error'})`);
      };
      worker = w;
      if (share < 1 && cmd.type !== 'share') w.postMessage({ type: 'share', share } satisfies DynamicsCommand);
    }
    worker.postMessage(cmd);
  };

  /** Adds a subscriber; its cancel leaves the flight, and the last one out cancels the job. */
  function join<P, R>(f: Flight<P, R>, onProgress: ((p: P) => void) | undefined, drop: () => void): DynamicsJob<R> {
    let sub!: Subscriber<P, R>;
    const done = new Promise<R | null>((resolve, reject) => {
      sub = { onProgress, resolve, reject };
    });
    f.subs.add(sub);
    return {
      done,
      cancel() {
        if (!f.subs.delete(sub)) return;
        sub.resolve(null);
        if (f.subs.size === 0) {
          drop();
          post({ type: 'cancel', id: f.id });
        }
      },
    };
  }

  /** A job on given weights: one subscriber, progress and result typed by the caller. */
  function submit<P, R>(command: (id: number) => DynamicsCommand, onProgress?: (p: P) => void): DynamicsJob<R> {
    const f: Flight<P, R> = { id: nextId++, subs: new Set() };
    // Stored untyped: each message type fixes what its progress and result are (see onMessage).
    jobs.set(f.id, f as unknown as Flight<unknown, unknown>);
    const job = join(f, onProgress, () => jobs.delete(f.id));
    post(command(f.id));
    return job;
  }

  return {
    map(request, onProgress) {
      const key = mapKey(request);
      const hit = cache.get(key);
      if (hit) {
        // Asynchronous like a computed map, so callers see one order of events.
        queueMicrotask(() => onProgress?.(hit));
        return { done: Promise.resolve(hit), cancel() {} };
      }
      let f = byKey.get(key);
      if (!f) {
        const flight: Flight<MapProgress, MapProgress> = { id: nextId++, subs: new Set(), key, state: emptyProgress(key, request) };
        f = flight;
        maps.set(flight.id, flight);
        byKey.set(key, flight);
        post({ type: 'map', id: flight.id, request });
      } else if (f.state && f.state.done > 0) {
        const now = f.state;
        queueMicrotask(() => onProgress?.(now));
      }
      const flight = f;
      return join(flight, onProgress, () => {
        maps.delete(flight.id);
        byKey.delete(key);
      });
    },
    lyapunov: (request, onProgress) => submit<LyapunovProgress, number[]>((id) => ({ type: 'lyapunov', id, request }), onProgress),
    flow: (request, onProgress) => submit<FlowProgress, GradientFlow>((id) => ({ type: 'flow', id, request }), onProgress),
    probeMi: (request) => submit<never, StateInputMI>((id) => ({ type: 'probe-mi', id, request })),
    cached: (request) => cache.get(mapKey(request)),
    setShare(next) {
      if (next === share) return;
      share = next;
      // A worker not spawned yet hears it when it is.
      if (worker) post({ type: 'share', share });
    },
    terminate() {
      worker?.terminate();
      worker = null;
      endAll(null);
    },
  };
}
