/**
 * Run files on the cpu backend: a saved run loads back with the same weights and history and
 * trains on with the same losses as the original; every kind of bad file is refused with a message
 * that names the problem; a default run's file stays small even with its history full.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { variableShapes } from '../../src/core/rnnShapes';
import { taskShape } from '../../src/core/tasks/shape';
import type { Checkpoint, RunConfig } from '../../src/engine/protocol';
import { toBase64 } from '../../src/state/binary';
import { exportHistory, importHistory } from '../../src/state/historyState';
import { runConfig } from '../../src/state/runConfig';
import { parseRunFile, RUN_FORMAT, serializeRun, type LoadedRun } from '../../src/state/runFile';
import { RunHistory } from '../../src/state/runHistory';
import { createRunStore, type RunStore } from '../../src/state/runStore';
import type { RunView } from '../../src/state/runTypes';
import { defaultState } from '../../src/state/schema';
import { makeTrainer, Recorder, smallConfig, until, useCpu } from './trainerHarness';
import { fullHistory, syntheticCheckpoint } from './runFileFixtures';

beforeAll(useCpu);

/** A trainer whose messages also feed a run store (as the page's do), and its latest checkpoint. */
function trainerWithStore(config: RunConfig, runId: string) {
  const store = createRunStore((fn) => fn());
  const rec = new Recorder();
  const record = rec.post;
  rec.post = (m) => {
    record(m);
    store.ingest(m);
  };
  const t = makeTrainer(config, rec, runId);
  const checkpoint = () => rec.log.flatMap((r) => (r.msg.type === 'checkpoint' ? [r.msg.checkpoint] : [])).at(-1);
  return { t, rec, store, checkpoint };
}

async function stepTo(run: ReturnType<typeof trainerWithStore>, runId: string, step: number): Promise<void> {
  await run.t.stepBy(step - run.t.step);
  // Saved when the history and the checkpoint stand at the same step, as the page does.
  await until(() => run.store.run(runId).step === step && run.checkpoint()?.step === step);
}

/** What the figures draw, without what belongs to the page session (ids, versions, backend). */
function drawn(v: RunView) {
  const { loss, lossSmooth, acc, accSmooth, tests, trajectory, frames, trail, initial, current, step, task } = v;
  // Files leave out the probe inputs (the worker sends them again when it builds the run).
  const { probe: _probe, ...analyses } = v.analyses;
  return { loss, lossSmooth, acc, accSmooth, tests, trajectory, frames, trail, analyses, initial, current, step, task };
}

const config = smallConfig({ mode: 'heterogeneous' });
let text = '';
let original: ReturnType<typeof trainerWithStore>;
let saved: Checkpoint;

beforeAll(async () => {
  original = trainerWithStore(config, 'a');
  await original.t.init();
  await stepTo(original, 'a', 40);
  saved = original.checkpoint() as Checkpoint;
  const file = serializeRun({ label: 'this run', config }, exportHistory(original.store.run('a')), saved);
  text = JSON.stringify(file);
});

describe('run file round trip', () => {
  let loaded: LoadedRun;
  beforeAll(() => {
    const r = parseRunFile(text);
    if (!r.ok) throw new Error(r.error);
    loaded = r.run;
  });

  it('gives back the settings, the same weights and the same optimizer state, bit for bit', () => {
    expect(loaded.config).toEqual(config);
    expect(loaded.checkpoint.step).toBe(40);
    expect(loaded.checkpoint.tensors.map((t) => t.name)).toEqual(saved.tensors.map((t) => t.name));
    expect(loaded.checkpoint.tensors.map((t) => t.name)).toEqual(expect.arrayContaining(['U', 'V', 'n', 's', 'opt/iter', 'opt/m0', 'opt/v6']));
    for (const [i, t] of saved.tensors.entries()) {
      expect(loaded.checkpoint.tensors[i].shape).toEqual(t.shape);
      expect(Array.from(loaded.checkpoint.tensors[i].values)).toEqual(Array.from(t.values));
    }
    // n and s are also readable as plain numbers: one per neuron here.
    const file = JSON.parse(text) as { format: string; version: number; activation: { n: number[] } };
    expect(file.format).toBe(RUN_FORMAT);
    expect(file.version).toBe(1);
    expect(file.activation.n).toHaveLength(8);
  });

  it('gives back the history every figure draws', () => {
    const h = new RunHistory('b');
    importHistory(h, loaded.history, loaded.checkpoint.step);
    const v = h.view();
    expect(drawn(v)).toEqual(drawn(original.store.run('a').view()));
    expect(v.status).toBe('paused');
    expect(v.loss.length).toBe(40);
    expect(v.analyses.portrait.length).toBeGreaterThan(0);
    expect(v.frames.at(-1)?.value.n).toHaveLength(8);
  });

  it('trains on with the same next 10 losses as the original, and the history goes on as the original’s', async () => {
    await original.t.stepBy(10);
    await until(() => original.store.run('a').step === 50);
    const next = new Map([...original.rec.losses('a')].filter(([s]) => s >= 40));
    expect(next.size).toBe(10);

    const b = trainerWithStore(loaded.config, 'b');
    b.store.load('b', (h) => importHistory(h, loaded.history, loaded.checkpoint.step));
    await b.t.init(loaded.checkpoint);
    expect(b.t.step).toBe(40);
    await b.t.stepBy(10);
    await until(() => b.store.run('b').step === 50);
    const again = new Map([...b.rec.losses('b')].filter(([s]) => s >= 40));
    expect([...again.entries()]).toEqual([...next.entries()]);
    // The loaded history carried on where the saved one stopped: the same 50 losses, the same smoothing.
    const [va, vb] = [original.store.run('a').view(), b.store.run('b').view()];
    expect(vb.loss).toEqual(va.loss);
    expect(vb.lossSmooth).toEqual(va.lossSmooth);
    await original.t.dispose();
    await b.t.dispose();
  });
});

/** The saved file with one change. */
function edited(change: (f: Record<string, unknown> & { weights: { name: string; shape: number[]; f32: string }[] }) => void): string {
  const f = JSON.parse(text);
  change(f);
  return JSON.stringify(f);
}

function errorOf(t: string): string {
  const r = parseRunFile(t);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
}

describe('bad run files', () => {
  it('a truncated file', () => {
    expect(errorOf(text.slice(0, Math.floor(text.length * 0.6)))).toMatch(/^the file is truncated: it ends after [\d,]+ characters/);
    expect(errorOf(text.slice(0, 100))).toMatch(/truncated/);
  });

  it('a wrong version', () => {
    expect(errorOf(edited((f) => (f.version = 7)))).toBe('the file’s version 7 is newer than this page reads (1); open it with a newer copy of the page');
    expect(errorOf(edited((f) => (f.version = 0)))).toMatch(/version 0 is not one this page knows \(it reads 1\)/);
    expect(errorOf(edited((f) => delete f.version))).toMatch(/version \(missing\) is not one this page knows/);
  });

  it('NaN or infinite weights', () => {
    const nan = edited((f) => {
      const u = f.weights.find((w) => w.name === 'U')!;
      const values = new Float32Array(u.shape[0] * u.shape[1]).fill(0.1);
      values[3] = NaN;
      values[7] = NaN;
      u.f32 = toBase64(values);
    });
    expect(errorOf(nan)).toBe('weight U holds NaN (2 of 80 values)');
    const inf = edited((f) => {
      const s = f.weights.find((w) => w.name === 's')!;
      s.f32 = toBase64(new Float32Array(8).fill(Infinity));
    });
    expect(errorOf(inf)).toBe('weight s holds an infinite value (8 of 8 values)');
  });

  it('weights that do not fit their shape or the settings', () => {
    const short = edited((f) => {
      const v = f.weights.find((w) => w.name === 'V')!;
      v.f32 = toBase64(new Float32Array(12));
    });
    expect(errorOf(short)).toBe('weight V has 12 values, its shape [8, 8] needs 64');
    const bigger = edited((f) => ((f.settings as RunConfig).hidden = 16));
    expect(errorOf(bigger)).toBe('weight U has shape [10, 8], but the file’s settings make it [10, 16]');
    const missing = edited((f) => (f.weights = f.weights.filter((w) => w.name !== 'Wo')));
    expect(errorOf(missing)).toBe('weight Wo is missing');
    expect(errorOf(edited((f) => (f.weights[0].f32 = '@@@')))).toBe('weights[0].f32 is not base64');
  });

  it('foreign JSON', () => {
    expect(errorOf('{"name": "left-pad", "version": "1.3.0"}')).toBe('this is JSON, but not a run file of this explorable');
    expect(errorOf('[1, 2, 3]')).toBe('this is JSON, but not a run file of this explorable');
    expect(errorOf('"hello"')).toBe('this is JSON, but not a run file of this explorable');
  });

  it('a file that is not JSON', () => {
    const png = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(errorOf(png)).toBe('the file is not JSON (a run file is a .json file saved by this page)');
    expect(errorOf('')).toMatch(/not JSON/);
    expect(errorOf('task,mode\nrows,static\n')).toMatch(/not JSON/);
  });

  it('settings out of range, and parts that are missing or damaged', () => {
    expect(errorOf(edited((f) => ((f.settings as RunConfig).hidden = 9999)))).toBe('settings.hidden: expected <=400, got 9999');
    expect(errorOf(edited((f) => ((f.settings as Record<string, unknown>).task = 'chess')))).toMatch(/^settings\.task: expected /);
    expect(errorOf(edited((f) => delete f.history))).toBe('history is missing');
    expect(errorOf(edited((f) => ((f.settings as Record<string, unknown>).logGain = 1)))).toMatch(/^settings\.logGain: expected boolean/);
    expect(errorOf(edited((f) => ((f.history as { series: { loss: { minY: unknown } } }).series.loss.minY = { f32: 'AAAAAA==' })))).toBe('history.series.loss has columns of different lengths');
    expect(errorOf(edited((f) => ((f.activation as { n: number[] }).n[0] = 42)))).toBe('activation.n does not match weight n');
  });
});

describe('settings added later', () => {
  it('a file without logGain (written before it existed) loads with additive gain steps, as it was trained', () => {
    const r = parseRunFile(edited((f) => delete (f.settings as Record<string, unknown>).logGain));
    if (!r.ok) throw new Error(r.error);
    expect(r.run.config.logGain).toBe(false);
    const on = parseRunFile(edited((f) => ((f.settings as RunConfig).logGain = true)));
    expect(on.ok && on.run.config.logGain).toBe(true);
  });
});

describe('file size', () => {
  it('a default run with its history full stays well under 1 MB and reads back', () => {
    const cfg = runConfig(defaultState());
    const store: RunStore = createRunStore((fn) => fn());
    const shape = taskShape(cfg.task, cfg.delay);
    fullHistory(store, 'd', { hidden: cfg.hidden, steps: 100_000, probes: 20, seqSteps: shape.steps, perNeuron: false });
    const ck = syntheticCheckpoint(variableShapes(cfg.mode, shape.inputs, cfg.hidden, shape.classes), 100_000);
    const json = JSON.stringify(serializeRun({ label: 'this run', config: cfg }, exportHistory(store.run('d')), ck));
    console.log(`default run file with a full history: ${(json.length / 1024).toFixed(0)} KiB`);
    expect(json.length).toBeLessThan(700_000);
    expect(Object.keys(JSON.parse(json).history.analyses)).toEqual(['portrait', 'preact', 'lyapunov']);
    const r = parseRunFile(json);
    if (!r.ok) throw new Error(r.error);
    const h = new RunHistory('e');
    importHistory(h, r.run.history, 100_000);
    expect(drawn(h.view())).toEqual(drawn(store.run('d').view()));
  });
});
