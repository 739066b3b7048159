/**
 * The valibot schema of a run file (format in runFile.ts): the shape of every field, decoding the
 * base64 arrays into typed arrays on the way, and the rules that tie the fields together (weights
 * shaped as the settings' network needs, finite values, logs within the page's bounds). What
 * parses is a run the page can load without a further check.
 */
import * as v from 'valibot';
import type { SeriesState } from '../core/decimate';
import type { LogState } from '../core/thinningLog';
import { DecimatedSeries } from '../core/decimate';
import { sizeOf, variableShapes } from '../core/rnnShapes';
import { taskShape } from '../core/tasks/shape';
import type { AnalysisId, AnalysisResults, RunConfig } from '../engine/protocol';
import { ANALYSIS_RETENTION } from './analyses';
import { fromBase64, type ArrayOf, type ElementKind } from './binary';
import type { HistoryState } from './historyState';
import { RUN_BINDINGS } from './runConfig';
import { LIMITS } from './runHistory';
import { SCHEMA, type ParamSpec } from './schema';
import { formatCount } from '../core/formatCount';

const int = v.pipe(v.number(), v.integer());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const positive = v.pipe(v.number(), v.integer(), v.minValue(1));
const finite = v.pipe(v.number(), v.finite());
/** A number that may have been NaN or ±Infinity (JSON writes those as null; read back as NaN). */
const loose = v.pipe(v.nullable(v.number()), v.transform((x) => x ?? NaN));

const ARRAYS = { f32: Float32Array, f64: Float64Array, i32: Int32Array } as const;

/** A column's contents: base64 text in a file, the typed array itself in this browser's copy. */
function column<K extends ElementKind>(kind: K): v.GenericSchema<unknown, ArrayOf<K>> {
  return v.pipe(
    v.union([v.string(), v.instance(ARRAYS[kind] as unknown as new () => ArrayOf<K>)], 'expected base64 text'),
    v.rawTransform<string | ArrayOf<K>, ArrayOf<K>>(({ dataset, addIssue, NEVER }) => {
      const x = dataset.value;
      if (typeof x !== 'string') return x;
      const r = fromBase64(x, kind);
      if (typeof r !== 'string') return r;
      addIssue({ message: r });
      return NEVER;
    }),
  );
}

/** `{"f32": …}`: float32 values. */
export const F32 = v.pipe(v.object({ f32: column('f32') }), v.transform((o) => o.f32));
const F64 = v.pipe(v.object({ f64: column('f64') }), v.transform((o) => o.f64));
const I32 = v.pipe(v.object({ i32: column('i32') }), v.transform((o) => o.i32));
/** Whole numbers stored as int32, held as float64 (steps, counts). */
const WHOLE = v.pipe(I32, v.transform((a) => Float64Array.from(a)));
/** `{"f32": …}` or `{"f64": …}`: the writer picks f32 when every value fits exactly. */
const REAL = v.pipe(
  v.object({ f32: v.optional(column('f32')), f64: v.optional(column('f64')) }),
  v.check((o) => (o.f32 === undefined) !== (o.f64 === undefined), 'needs one of "f32" and "f64"'),
  v.transform((o) => Float64Array.from((o.f32 ?? o.f64) as Float32Array | Float64Array)),
);

/** A named tensor, `{"name", "shape", "f32"}`: weights and optimizer state alike. */
const Tensor = v.pipe(
  v.object({ name: v.string(), shape: v.array(count), f32: column('f32') }),
  v.transform(({ name, shape, f32 }) => ({ name, shape, values: f32 })),
);
export type FileTensor = v.InferOutput<typeof Tensor>;

/** A run setting, checked against the same table that bounds the page's controls. */
function setting(spec: ParamSpec): v.GenericSchema<unknown, unknown> {
  switch (spec.kind) {
    case 'number':
      return spec.integer
        ? v.pipe(v.number(), v.integer(), v.minValue(spec.min), v.maxValue(spec.max))
        : v.pipe(v.number(), v.finite(), v.minValue(spec.min), v.maxValue(spec.max));
    case 'enum':
      return v.picklist(spec.options as string[]);
    case 'boolean':
      return v.boolean();
    default:
      return v.never();
  }
}

/**
 * Settings added after files were written, with the value that reproduces those files' runs (they
 * trained without the setting): a file without one still loads as the run it was.
 */
const ADDED_LATER: Partial<Record<keyof RunConfig, boolean>> = { logGain: false };

function settingOf(key: keyof RunConfig, spec: ParamSpec): v.GenericSchema<unknown, unknown> {
  const fallback = ADDED_LATER[key];
  return fallback === undefined ? setting(spec) : v.optional(setting(spec), fallback);
}

export const Settings = v.pipe(
  v.object(Object.fromEntries(RUN_BINDINGS.map((b) => [b.key, settingOf(b.key, SCHEMA[b.param])]))),
  v.transform((o) => o as unknown as RunConfig),
);

const inOrder = (frames: { step: number }[]) => frames.every((f, i) => i === 0 || f.step >= frames[i - 1].step);

function log<T>(value: v.GenericSchema<unknown, T>, capacity: number): v.GenericSchema<unknown, LogState<T>> {
  const frame = v.object({ step: int, value });
  return v.pipe(
    v.object({
      stride: positive,
      offered: count,
      frames: v.pipe(v.array(frame), v.maxLength(capacity, `holds more than the ${capacity} frames the page keeps`), v.check((fs) => inOrder(fs), 'is not in step order')),
      newest: v.optional(v.nullable(frame), null),
    }),
    v.transform((o) => ({ stride: o.stride, offered: o.offered, frames: o.frames, newest: o.newest ?? null })),
  );
}

const ParamSetSchema = v.pipe(
  v.object({ n: F32, s: F32 }),
  v.check((p) => p.n.length === p.s.length, 'has different numbers of n and s values'),
);

const point = v.pipe(v.tuple([int, finite]), v.transform(([x, y]) => ({ x, y })));
const MAX_BUCKETS = new DecimatedSeries(LIMITS.seriesPoints).maxBuckets;

const Series: v.GenericSchema<unknown, SeriesState> = v.pipe(
  v.object({ width: positive, raw: count, skipped: count, first: v.nullable(point), last: v.nullable(point), minX: WHOLE, minY: REAL, maxX: WHOLE, maxY: REAL, count: WHOLE }),
  v.check((s) => [s.minY, s.maxX, s.maxY, s.count].every((c) => c.length === s.minX.length), 'has columns of different lengths'),
  v.check((s) => s.minX.length <= MAX_BUCKETS, `holds more than the ${MAX_BUCKETS} buckets the page keeps`),
);

const Portrait = v.pipe(
  v.object({ probes: positive, steps: positive, dims: positive, proj: F32, labels: I32, explained: F32 }),
  v.check((p) => p.proj.length === p.probes * p.steps * p.dims && p.labels.length === p.probes && p.explained.length === p.dims, 'has arrays that do not match its probes, steps and dims'),
);
const Preact = v.pipe(
  v.object({ edges: F32, counts: F32, mean: loose, std: loose }),
  v.check((h) => h.edges.length === h.counts.length + 1, 'needs one more edge than counts'),
);

const Lyapunov = v.object({ bits: F64, steps: count, burnIn: count, ms: loose, error: v.optional(v.string()) });
const Probe = v.pipe(
  v.object({ x: F32, probes: positive, steps: positive, inputs: positive }),
  v.check((p) => p.x.length === p.probes * p.steps * p.inputs, 'has inputs that do not match its probes, steps and inputs'),
);

/** How each analysis is read back; a new analysis (engine/protocol.ts) adds its schema here. */
const ANALYSIS_SCHEMAS: { [K in AnalysisId]: v.GenericSchema<unknown, AnalysisResults[K]> } = {
  portrait: Portrait,
  preact: Preact,
  lyapunov: Lyapunov,
  probe: Probe,
};

const emptyLog = <T>(): LogState<T> => ({ stride: 1, offered: 0, frames: [], newest: null });

/** An analysis a file does not hold (written before it existed) starts empty. */
const Analyses = v.object(
  Object.fromEntries(
    (Object.keys(ANALYSIS_SCHEMAS) as AnalysisId[]).map((id) => [id, v.optional(log(ANALYSIS_SCHEMAS[id] as v.GenericSchema<unknown, unknown>, ANALYSIS_RETENTION[id]), emptyLog)]),
  ),
);

const TaskInfoSchema = v.object({
  id: v.string(),
  title: v.string(),
  inputs: positive,
  steps: positive,
  classes: positive,
  readout: v.picklist(['last', 'all']),
  chanceLoss: finite,
  chanceAcc: finite,
});

export const History: v.GenericSchema<unknown, HistoryState> = v.pipe(
  v.object({
    step: count,
    stepOffset: int,
    lastX: v.pipe(v.nullable(int), v.transform((x) => x ?? -Infinity)),
    lr: finite,
    task: v.nullable(TaskInfoSchema),
    ema: v.object({ loss: v.tuple([finite, finite]), acc: v.tuple([finite, finite]) }),
    series: v.object({ loss: Series, lossSmooth: Series, acc: Series, accSmooth: Series }),
    tests: log(v.object({ step: int, loss: loose, acc: loose }), LIMITS.tests),
    trajectory: log(v.object({ n: finite, s: finite }), LIMITS.trajectory),
    frames: log(ParamSetSchema, LIMITS.frames),
    trail: log(ParamSetSchema, LIMITS.trail),
    analyses: Analyses,
    initial: v.nullable(ParamSetSchema),
    current: v.nullable(ParamSetSchema),
  }),
  v.transform((h) => ({ ...h, ema: { loss: [...h.ema.loss] as [number, number], acc: [...h.ema.acc] as [number, number] }, analyses: h.analyses as HistoryState['analyses'] })),
);

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** What is wrong with a tensor's values: their count against its shape, or a value that is not finite. */
function valuesProblem(what: string, t: FileTensor): string | null {
  const need = sizeOf(t.shape);
  if (t.values.length !== need) return `${what} has ${t.values.length} values, its shape ${shapeText(t.shape)} needs ${need}`;
  let nan = 0;
  let inf = 0;
  for (const x of t.values) {
    if (Number.isNaN(x)) nan++;
    else if (!Number.isFinite(x)) inf++;
  }
  if (nan + inf === 0) return null;
  const of = `${nan + inf} of ${formatCount(need)} values`;
  return `${what} holds ${nan ? 'NaN' : 'an infinite value'} (${of})`;
}

/** Each tensor where the settings' network has one, of its shape, with finite values. */
function tensorsProblem(list: readonly FileTensor[], want: readonly { name: string; shape: number[]; label: string }[], kind: string): string | null {
  const extra = list.find((t) => !want.some((w) => w.name === t.name));
  if (extra) return `${kind} ${extra.name} is not part of a network with these settings`;
  for (const w of want) {
    const t = list.find((x) => x.name === w.name);
    if (!t) return `${w.label} is missing`;
    const bad = valuesProblem(w.label, t);
    if (bad) return bad;
    if (shapeText(t.shape) !== shapeText(w.shape)) return `${w.label} has shape ${shapeText(t.shape)}, but the file’s settings make it ${shapeText(w.shape)}`;
  }
  return null;
}

/** Rules across fields: the weights and Adam's moments are those of the network the settings build. */
export function crossProblem(f: { settings: RunConfig; weights: FileTensor[]; optimizer: FileTensor[]; activation: { n: number[]; s: number[] } }): string | null {
  const { settings: c } = f;
  const task = taskShape(c.task, c.delay);
  const vars = variableShapes(c.mode, task.inputs, c.hidden, task.classes);
  const weights = tensorsProblem(f.weights, vars.map((x) => ({ ...x, label: `weight ${x.name}` })), 'weight');
  if (weights) return weights;
  const trained = vars.filter((x) => x.trained);
  const moments = [
    { name: 'iter', shape: [], label: 'the optimizer’s iteration count' },
    ...(['m', 'v'] as const).flatMap((m) => trained.map((x, i) => ({ name: `${m}${i}`, shape: x.shape, label: `optimizer moment ${m}${i} (of ${x.name})` }))),
  ];
  const opt = tensorsProblem(f.optimizer, moments, 'optimizer entry');
  if (opt) return opt;
  const iter = f.optimizer.find((t) => t.name === 'iter')?.values[0] ?? 0;
  if (!Number.isInteger(iter) || iter < 0) return `the optimizer’s iteration count is ${iter}, not a whole number of steps`;
  for (const p of ['n', 's'] as const) {
    const w = f.weights.find((t) => t.name === p)?.values ?? new Float32Array(0);
    const a = f.activation[p];
    if (a.length !== w.length || a.some((x, i) => Math.fround(x) !== w[i])) return `activation.${p} does not match weight ${p}`;
  }
  return null;
}

export const RunFileBody = v.pipe(
  v.object({
    label: v.string(),
    savedAt: v.string(),
    settings: Settings,
    step: count,
    activation: v.object({ n: v.array(finite), s: v.array(finite) }),
    weights: v.array(Tensor),
    optimizer: v.array(Tensor),
    history: History,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const bad = crossProblem(dataset.value);
    if (bad) addIssue({ message: bad });
  }),
);
export type RunFileBody = v.InferOutput<typeof RunFileBody>;
