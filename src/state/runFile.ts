/**
 * Run files: one training run as a versioned JSON file — its settings (seed included), weights and
 * Adam's state at a step, its activation parameters n and s, and its history with the analyses, so
 * a loaded run shows its past in every figure and trains on exactly as it would have. Arrays are
 * base64 of little-endian bytes (binary.ts). Pure: no DOM; the schema is runFileSchema.ts.
 *
 *   { "format": "adaptive-activation-run", "version": 1, "savedAt", "label", "settings",
 *     "step", "activation": {"n": […], "s": […]}, "weights": [{"name", "shape", "f32"}],
 *     "optimizer": [{"name": "iter" | "m0"… | "v0"…, "shape", "f32"}], "history": {…} }
 *
 * "step" counts the steps done when the weights were saved. "history" is what the page keeps of the
 * run (historyState.ts): "step", "stepOffset", "lastX", "lr", "task", "ema", "series" (loss,
 * lossSmooth, acc, accSmooth, each its decimation buckets as columns), and the thinned logs "tests",
 * "trajectory", "frames", "trail" and "analyses" ({"stride", "offered", "frames": [{"step",
 * "value"}], "newest"?}), "initial", "current". An array is a tagged column: {"f32" | "f64" | "i32":
 * base64}.
 */
import * as v from 'valibot';
import type { SeriesState } from '../core/decimate';
import type { LogState } from '../core/thinningLog';
import type { AnalysisId, Checkpoint, RunConfig } from '../engine/protocol';
import { toBase64 } from './binary';
import { SERIES, type HistoryState } from './historyState';
import type { RunEntry } from './runController';
import { RunFileBody } from './runFileSchema';
import { formatCount } from '../core/formatCount';

/** Marks our files, so other JSON is told apart from a damaged run file. */
export const RUN_FORMAT = 'adaptive-activation-run';
/** Bumped when a reader of the previous version would misread a new file. */
export const RUN_VERSION = 1;
/** Checkpoint tensors under this prefix are Adam's state (engine/checkpoint.ts). */
const OPT = 'opt/';
/** Analyses a run file leaves out (see the writer). */
const NOT_SAVED: ReadonlySet<AnalysisId> = new Set(['probe']);

/** A run read from a file, ready to be built (see panels/train/runFiles.ts). */
export interface LoadedRun {
  label: string;
  savedAt: string;
  config: RunConfig;
  /** Weights and optimizer state at `checkpoint.step`, as the worker takes them. */
  checkpoint: Checkpoint;
  history: HistoryState;
}

export type ParseResult = { ok: true; run: LoadedRun } | { ok: false; error: string };

// ── writing ─────────────────────────────────────────────────────────────────────────────

type NumericArray = Float32Array | Float64Array | Int32Array;
/** JSON, and in the copy kept in this browser also typed arrays (IndexedDB stores them as they are). */
export type RunValue = null | boolean | number | string | NumericArray | RunValue[] | { [key: string]: RunValue };

/**
 * Writes the parts of a run. Arrays become tagged columns: `{"f32": …}`, `{"f64": …}` or
 * `{"i32": …}`, holding base64 text in a file, the array itself in `binary` mode.
 */
function writer(binary: boolean) {
  const col = (kind: 'f32' | 'f64' | 'i32', a: NumericArray): RunValue => ({ [kind]: binary ? a : toBase64(a) });
  const encode = (x: unknown): RunValue => {
    if (x instanceof Float32Array) return col('f32', x);
    if (x instanceof Int32Array) return col('i32', x);
    if (x instanceof Float64Array) return col('f64', x);
    if (Array.isArray(x)) return x.map(encode);
    // JSON has no NaN or ±Infinity: null, read back as NaN where a field allows it.
    if (typeof x === 'number') return Number.isFinite(x) ? x : null;
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, encode(val)]));
    return x as RunValue;
  };
  /** Float32 when every value survives it (raw losses do), float64 otherwise (smoothed curves). */
  const real = (c: Float64Array): RunValue => {
    const f = Float32Array.from(c);
    return f.every((x, i) => Object.is(x, c[i])) ? col('f32', f) : col('f64', c);
  };
  const series = (st: SeriesState): RunValue => ({
    width: st.width,
    raw: st.raw,
    skipped: st.skipped,
    first: st.first ? [st.first.x, st.first.y] : null,
    last: st.last ? [st.last.x, st.last.y] : null,
    minX: col('i32', Int32Array.from(st.minX)),
    minY: real(st.minY),
    maxX: col('i32', Int32Array.from(st.maxX)),
    maxY: real(st.maxY),
    count: col('i32', Int32Array.from(st.count)),
  });
  const log = <T>(l: LogState<T>): RunValue => ({ stride: l.stride, offered: l.offered, frames: encode(l.frames), ...(l.newest ? { newest: encode(l.newest) } : {}) });
  const history = (h: HistoryState): RunValue => ({
    step: h.step,
    stepOffset: h.stepOffset,
    lastX: Number.isFinite(h.lastX) ? h.lastX : null,
    lr: h.lr,
    task: encode(h.task),
    ema: encode(h.ema),
    series: Object.fromEntries(SERIES.map((name) => [name, series(h.series[name])])),
    tests: log(h.tests),
    trajectory: log(h.trajectory),
    frames: log(h.frames),
    trail: log(h.trail),
    // The probe inputs follow from the task and seed, and the worker sends them again when it
    // builds the loaded run: a file need not carry them (they would outweigh a small network).
    analyses: Object.fromEntries(Object.entries(h.analyses).filter(([id]) => !NOT_SAVED.has(id as AnalysisId)).map(([id, l]) => [id, log(l as LogState<unknown>)])),
    initial: encode(h.initial),
    current: encode(h.current),
  });
  const tensor = (t: Checkpoint['tensors'][number], name: string): RunValue => ({ name, shape: t.shape, f32: binary ? t.values : toBase64(t.values) });
  return { encode, history, tensor };
}

export interface SerializeOptions {
  savedAt?: Date;
  /** Typed arrays kept as they are (for IndexedDB) instead of base64 text (for a file). */
  binary?: boolean;
}

/**
 * The run as a JSON-ready object. `checkpoint` holds its weights and Adam's state ("opt/…");
 * `history` should stand at the checkpoint's step (a history a little behind it loads with a gap).
 */
export function serializeRun(entry: Pick<RunEntry, 'label' | 'config'>, history: HistoryState, checkpoint: Checkpoint, opts: SerializeOptions = {}): { [key: string]: RunValue } {
  const w = writer(opts.binary ?? false);
  const weights = checkpoint.tensors.filter((t) => !t.name.startsWith(OPT));
  const optimizer = checkpoint.tensors.filter((t) => t.name.startsWith(OPT));
  const param = (name: string) => Array.from(weights.find((t) => t.name === name)?.values ?? []);
  return {
    format: RUN_FORMAT,
    version: RUN_VERSION,
    savedAt: (opts.savedAt ?? new Date()).toISOString(),
    label: entry.label,
    settings: w.encode(entry.config),
    step: checkpoint.step,
    activation: { n: param('n'), s: param('s') },
    weights: weights.map((t) => w.tensor(t, t.name)),
    optimizer: optimizer.map((t) => w.tensor(t, t.name.slice(OPT.length))),
    history: w.history(history),
  };
}

// ── reading ─────────────────────────────────────────────────────────────────────────────

/**
 * Whether JSON text stops inside a string or an open object or array: what a download cut short
 * looks like (told apart from text that was never JSON).
 */
function endsOpen(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}

/** `history.series.loss.minY` / `weights.1.f32` → `weights[1].f32`. */
function where(issue: v.BaseIssue<unknown>): string {
  return (v.getDotPath(issue) ?? '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function describe(issue: v.BaseIssue<unknown>): string {
  const at = where(issue);
  if (issue.kind === 'schema' && issue.received === 'undefined') return `${at || 'a field'} is missing`;
  if (issue.type === 'check' || issue.type === 'raw_check' || issue.type === 'raw_transform' || issue.type === 'max_length') return at ? `${at} ${issue.message}` : issue.message;
  return `${at || 'the file'}: expected ${issue.expected ?? 'another value'}, got ${issue.received}`;
}

/** What marks a run file, read before anything else: which format, and which version of it. */
const Tagged = v.object({ format: v.literal(RUN_FORMAT) });
const unknownVersion = (issue: v.BaseIssue<unknown>) => `the file’s version ${JSON.stringify(issue.input) ?? '(missing)'} is not one this page knows (it reads ${RUN_VERSION})`;
const Version = v.pipe(
  v.object({ version: v.optional(v.unknown()) }),
  v.transform((o) => o.version),
  v.number(unknownVersion),
  v.integer(unknownVersion),
  v.minValue(1, unknownVersion),
  v.maxValue(RUN_VERSION, (issue) => `the file’s version ${String(issue.input)} is newer than this page reads (${RUN_VERSION}); open it with a newer copy of the page`),
);

/** Reads a run file's text; every failure names the problem in words a reader understands. */
export function parseRunFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const start = text.trimStart()[0];
    if ((start === '{' || start === '[') && endsOpen(text)) return { ok: false, error: `the file is truncated: it ends after ${formatCount(text.length)} characters, in the middle of the run` };
    return { ok: false, error: 'the file is not JSON (a run file is a .json file saved by this page)' };
  }
  return parseRunObject(data);
}

/** The same checks on already parsed JSON (the copy saved in this browser). */
export function parseRunObject(data: unknown): ParseResult {
  if (!v.is(Tagged, data)) return { ok: false, error: 'this is JSON, but not a run file of this explorable' };
  const version = v.safeParse(Version, data, { abortEarly: true });
  if (!version.success) return { ok: false, error: version.issues[0].message };
  const r = v.safeParse(RunFileBody, data);
  if (!r.success) {
    const [first, ...rest] = r.issues;
    return { ok: false, error: describe(first) + (rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '') };
  }
  const f = r.output;
  const tensors = [...f.weights, ...f.optimizer.map((t) => ({ ...t, name: OPT + t.name }))];
  return { ok: true, run: { label: f.label, savedAt: f.savedAt, config: f.settings, checkpoint: { runId: 'loaded', step: f.step, tensors }, history: f.history } };
}
