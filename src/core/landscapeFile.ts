/**
 * The performance-landscape files written by `npm run landscape` (scripts/landscape.ts) and read
 * by the page: final test loss and accuracy of static networks over an (n, s) grid, several seeds
 * per cell. One valibot schema serves the writer (it validates before writing) and the reader.
 * Pure: no DOM, no tfjs; loading the text is the caller's job.
 */
import * as v from 'valibot';
import { INITS, TASKS } from '../state/schema';

/** Bumped whenever a reader of the previous format would misread a new file. */
export const LANDSCAPE_FORMAT = 1;
/** Marks our files, so another JSON file is refused as foreign rather than as malformed. */
export const LANDSCAPE_KIND = 'adaptive-activation-landscape';
/** Folder under public/ (the site root) and file name of a task's landscape. */
export const LANDSCAPE_DIR = 'landscape';
export const landscapeFileName = (task: string): string => `${task}.json`;
/** The folder's list of tasks that have a file, so the page asks only for files that exist. */
export const LANDSCAPE_INDEX = 'index.json';
export const LANDSCAPE_INDEX_KIND = 'adaptive-activation-landscape-index';

const finite = v.pipe(v.number(), v.finite());
const wholeFrom = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));

/** Every RunConfig field that shapes the training (n0, s0 and seed vary per cell). */
export const SettingsSchema = v.object({
  mode: v.literal('static'),
  hidden: wholeFrom(1),
  batch: wholeFrom(1),
  lr: v.pipe(finite, v.gtValue(0)),
  clip: v.pipe(finite, v.minValue(0)),
  constrain: v.boolean(),
  delay: wholeFrom(1),
  backend: v.picklist(['webgpu', 'webgl', 'wasm', 'cpu']),
  /** Biases and initial gains (files written before it existed used the explorable's). */
  init: v.optional(v.picklist(INITS), 'explorable'),
});

/**
 * One training run. A run whose loss or weights stopped being finite (or exploded, as the page
 * judges it) has null loss and accuracy and the step where that was seen.
 */
export const CellSchema = v.pipe(
  v.object({
    n: v.pipe(finite, v.gtValue(0)),
    s: finite,
    seed: wholeFrom(0),
    loss: v.nullable(v.pipe(finite, v.minValue(0))),
    accuracy: v.nullable(v.pipe(finite, v.minValue(0), v.maxValue(1))),
    diverged: v.optional(wholeFrom(0)),
  }),
  v.check(
    (c) => (c.loss === null) === (c.diverged !== undefined) && (c.accuracy === null) === (c.diverged !== undefined),
    'loss and accuracy must be numbers, or both null with a `diverged` step',
  ),
);

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

export const LandscapeSchema = v.object({
  kind: v.literal(LANDSCAPE_KIND),
  format: v.literal(LANDSCAPE_FORMAT),
  task: v.picklist(TASKS),
  title: v.string(),
  steps: wholeFrom(1),
  seeds: v.pipe(v.array(wholeFrom(0)), v.nonEmpty(), v.check((xs) => new Set(xs).size === xs.length, 'seeds must be distinct')),
  grid: v.object({
    n: v.pipe(v.array(v.pipe(finite, v.gtValue(0))), v.nonEmpty(), v.check(increasing, 'grid.n must increase strictly')),
    s: v.pipe(v.array(finite), v.nonEmpty(), v.check(increasing, 'grid.s must increase strictly')),
  }),
  settings: SettingsSchema,
  /** What the cells were scored on: the first `sequences` of the task's fixed test set. */
  test: v.object({ sequences: wholeFrom(1), chanceLoss: finite, chanceAccuracy: finite }),
  code: v.object({ commit: v.string(), dirty: v.boolean() }),
  /** Wall time of the sweep; in a merged file the sum over its shards (as are workers; cores is the largest). */
  wallTimeMs: v.pipe(finite, v.minValue(0)),
  cores: wholeFrom(1),
  workers: wholeFrom(1),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  /** Present in a shard file (1-based index); absent in a whole or merged file. */
  shard: v.optional(v.object({ index: wholeFrom(1), count: wholeFrom(1) })),
  /** Present in a merged file: the shard count it was joined from. */
  mergedShards: v.optional(wholeFrom(1)),
  cells: v.array(CellSchema),
});

export type LandscapeSettings = v.InferOutput<typeof SettingsSchema>;
export type LandscapeCell = v.InferOutput<typeof CellSchema>;
export type LandscapeFile = v.InferOutput<typeof LandscapeSchema>;
export type ParseResult = { ok: true; value: LandscapeFile } | { ok: false; error: string };

/** `cells.3.loss` → `cells[3].loss`: how a reader would point at the field. */
function fieldPath(issue: v.BaseIssue<unknown>): string {
  const dot = v.getDotPath(issue);
  return dot ? dot.replace(/\.(\d+)(?=\.|$)/g, '[$1]') : '(top level)';
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = fieldPath(issue);
  if (issue.kind === 'schema' && issue.received === 'undefined') return `${where} is missing`;
  if (issue.kind === 'validation' && issue.type === 'check') return `${where}: ${issue.message}`;
  return `${where}: expected ${issue.expected ?? 'another value'}, got ${issue.received}`;
}

/** Cross-field rules the schema cannot state: cells on the grid, once each, covering it unless a shard. */
function checkCells(f: LandscapeFile): string | undefined {
  const key = (n: number, s: number, seed: number) => `${n} ${s} ${seed}`;
  const seen = new Set<string>();
  for (let i = 0; i < f.cells.length; i++) {
    const c = f.cells[i];
    if (!f.grid.n.includes(c.n)) return `cells[${i}].n = ${c.n} is not in grid.n`;
    if (!f.grid.s.includes(c.s)) return `cells[${i}].s = ${c.s} is not in grid.s`;
    if (!f.seeds.includes(c.seed)) return `cells[${i}].seed = ${c.seed} is not in seeds`;
    if (c.diverged !== undefined && c.diverged > f.steps) return `cells[${i}].diverged = ${c.diverged} is past the last step ${f.steps}`;
    const k = key(c.n, c.s, c.seed);
    if (seen.has(k)) return `cells[${i}] repeats n = ${c.n}, s = ${c.s}, seed ${c.seed}`;
    seen.add(k);
  }
  if (f.shard) {
    if (f.shard.index > f.shard.count) return `shard.index ${f.shard.index} is past shard.count ${f.shard.count}`;
    return undefined;
  }
  const expected = f.grid.n.length * f.grid.s.length * f.seeds.length;
  if (f.cells.length !== expected) {
    for (const n of f.grid.n)
      for (const s of f.grid.s)
        for (const seed of f.seeds) if (!seen.has(key(n, s, seed))) return `cells: no entry for n = ${n}, s = ${s}, seed ${seed} (${f.cells.length} of ${expected} runs present)`;
  }
  return undefined;
}

/**
 * Validates a landscape file: the parsed JSON, or its text (JSON.parse errors, as from a
 * truncated download, are reported too). Errors name the field and what is wrong with it.
 */
export function parseLandscape(json: unknown): ParseResult {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `not valid JSON (a truncated or damaged file?): ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'not a landscape file: expected a JSON object' };
  const rec = data as Record<string, unknown>;
  if (rec.kind !== LANDSCAPE_KIND) return { ok: false, error: `not a landscape file: "kind" is ${JSON.stringify(rec.kind) ?? 'missing'}, expected "${LANDSCAPE_KIND}"` };
  if (rec.format !== LANDSCAPE_FORMAT) {
    return { ok: false, error: `format ${JSON.stringify(rec.format) ?? '(missing)'} is not supported: this reader knows format ${LANDSCAPE_FORMAT} (recompute with npm run landscape)` };
  }
  const r = v.safeParse(LandscapeSchema, data);
  if (!r.success) {
    const [first, ...rest] = r.issues;
    return { ok: false, error: describeIssue(first) + (rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '') };
  }
  const bad = checkCells(r.output);
  return bad ? { ok: false, error: bad } : { ok: true, value: r.output };
}

export const LandscapeIndexSchema = v.object({
  kind: v.literal(LANDSCAPE_INDEX_KIND),
  format: v.literal(LANDSCAPE_FORMAT),
  tasks: v.array(v.picklist(TASKS)),
});
export type LandscapeIndex = v.InferOutput<typeof LandscapeIndexSchema>;

/** The index of a landscape folder: the tasks with a file there, in TASKS order. */
export function landscapeIndex(tasks: readonly string[]): LandscapeIndex {
  return { kind: LANDSCAPE_INDEX_KIND, format: LANDSCAPE_FORMAT, tasks: TASKS.filter((t) => tasks.includes(t)) };
}

/** Validates an index file (its text or parsed JSON). */
export function parseLandscapeIndex(json: unknown): { ok: true; value: LandscapeIndex } | { ok: false; error: string } {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const r = v.safeParse(LandscapeIndexSchema, data);
  return r.success ? { ok: true, value: r.output } : { ok: false, error: describeIssue(r.issues[0]) };
}
