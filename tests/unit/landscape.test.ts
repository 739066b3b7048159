/**
 * The landscape script on a 2 × 2 grid, one seed, 20 steps of the flip-flop task (wasm): the file
 * it writes on two worker threads parses; computing every cell again (as two shards, in this
 * thread) gives the same numbers; the merged shards equal the whole run; --only recomputes a cell
 * of a file exactly; merge and the command line refuse what does not add up, saying why.
 * The tests share the files they write, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLandscape, type LandscapeFile } from '../../src/core/landscapeFile';
import { main } from '../../scripts/landscape/main';
import { mergeShards } from '../../scripts/landscape/merge';
import { readLandscape, writeLandscape } from '../../scripts/landscape/output';
import { defaultSettings } from '../../scripts/landscape/settings';
import { showLandscape } from '../../scripts/landscape/show';
import { runSweep, type SweepRequest } from '../../scripts/landscape/sweep';
import { ROOT } from './mnistData';

const dir = mkdtempSync(join(tmpdir(), 'landscape-'));
const at = (name: string) => join(dir, name);
const TINY = ['--task', 'flipflop', '--steps', '20', '--seeds', '1', '--n', '1,4', '--s', '0,1', '--workers', '0'];
const request: SweepRequest = { task: 'flipflop', steps: 20, seeds: [1], grid: { n: [1, 4], s: [0, 1] }, settings: defaultSettings(), workers: 2, root: ROOT };
const numbers = (f: LandscapeFile) => f.cells.map(({ n, s, seed, loss, accuracy }) => ({ n, s, seed, loss, accuracy }));

let pooled: LandscapeFile;

beforeAll(async () => {
  pooled = await runSweep(request);
  writeLandscape(at('whole.json'), pooled);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('landscape script (flip-flop, 2 × 2 cells, 1 seed, 20 steps)', () => {
  it('writes a file parseLandscape accepts, with one finite result per cell and the sweep metadata', () => {
    const r = parseLandscape(readFileSync(at('whole.json'), 'utf8'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cells.map((c) => [c.n, c.s, c.seed])).toEqual([[1, 0, 1], [1, 1, 1], [4, 0, 1], [4, 1, 1]]);
    for (const c of r.value.cells) {
      expect(c.loss).toBeGreaterThan(0);
      expect(c.accuracy).toBeGreaterThan(0);
    }
    expect(r.value.settings).toEqual({ mode: 'static', hidden: 64, batch: 32, lr: 0.003, clip: 1, constrain: true, delay: 20, backend: 'wasm', init: 'explorable' });
    expect(r.value).toMatchObject({ task: 'flipflop', steps: 20, seeds: [1], workers: 2, test: { sequences: 512, chanceAccuracy: 0.125 } });
    expect(r.value.code.commit).toMatch(/^[0-9a-f]{40}$/);
    const best = [...r.value.cells].sort((a, b) => (b.accuracy ?? 0) - (a.accuracy ?? 0))[0];
    expect(showLandscape(r.value)).toContain(`best (n = ${best.n}, s = ${best.s}): accuracy ${(best.accuracy ?? 0).toFixed(3)}`);
  });

  it('running it again gives identical numbers: both shards, computed in this thread, match the pooled run', async () => {
    for (const i of [1, 2]) await main([...TINY, '--shard', `${i}/2`, '--out', at(`shard${i}.json`)], ROOT);
    const [s1, s2] = [1, 2].map((i) => readLandscape(at(`shard${i}.json`)));
    expect(s1.shard).toEqual({ index: 1, count: 2 });
    expect(s2.shard).toEqual({ index: 2, count: 2 });
    const again = [...numbers(s1), ...numbers(s2)];
    expect(numbers(pooled).map((c) => again.find((a) => a.n === c.n && a.s === c.s && a.seed === c.seed))).toEqual(numbers(pooled));
  });

  it('--only recomputes one cell with the settings of a file: identical numbers', async () => {
    await main(['--task', 'flipflop', '--only', '4,0', '--from', at('whole.json'), '--workers', '0', '--out', at('only.json')], ROOT);
    const only = readLandscape(at('only.json'));
    expect(only.grid).toEqual({ n: [4], s: [0] });
    expect(only.steps).toBe(20);
    expect(numbers(only)).toEqual(numbers(pooled).filter((c) => c.n === 4 && c.s === 0));
  });

  it('shards 1/2 and 2/2 merged equal the unsharded run', async () => {
    await main(['--merge', at('shard1.json'), at('shard2.json'), '--out', at('merged.json')], ROOT);
    const merged = readLandscape(at('merged.json'));
    expect(numbers(merged)).toEqual(numbers(pooled));
    expect(merged.settings).toEqual(pooled.settings);
    expect(merged.mergedShards).toBe(2);
    expect(merged.shard).toBeUndefined();
  });

  it('merge names the problem: a missing shard, a shard given twice, shards of different sweeps', () => {
    const s1 = { path: 'a.json', file: readLandscape(at('shard1.json')) };
    const s2 = { path: 'b.json', file: readLandscape(at('shard2.json')) };
    expect(() => mergeShards([s1])).toThrow('shard 2/2 missing');
    expect(() => mergeShards([s1, { ...s1, path: 'c.json' }])).toThrow('shard 1/2 is given twice: a.json and c.json');
    const other = { path: 'd.json', file: { ...s2.file, settings: { ...s2.file.settings, lr: 0.01 } } };
    expect(() => mergeShards([s1, other])).toThrow('a.json and d.json are not shards of one sweep: settings');
    const stray = { path: 'e.json', file: { ...s2.file, cells: [...s2.file.cells.slice(1), s1.file.cells[0]] } };
    expect(() => mergeShards([s1, stray])).toThrow('e.json (shard 2/2) holds n = 1, s = 0, seed 1, which is not one of its runs');
    expect(() => mergeShards([s1, { path: 'w.json', file: pooled }])).toThrow('w.json is not a shard file');
  });

  it('the command line refuses what it cannot do, saying why', async () => {
    await expect(main(['--task', 'flipflop', '--only', '4,0'], ROOT)).rejects.toThrow('--only needs --out <file>');
    await expect(main(['--task', 'nope'], ROOT)).rejects.toThrow("--task: 'nope' is not a task");
    await expect(main([...TINY, '--shard', '0/2', '--out', 'x.json'], ROOT)).rejects.toThrow('shards are numbered from 1');
    await expect(main(['--merge', at('nothing.json'), '--out', at('m.json')], ROOT)).rejects.toThrow('nothing.json: no such file');
    writeFileSync(at('cut.json'), readFileSync(at('whole.json'), 'utf8').slice(0, 300));
    await expect(main(['--merge', at('cut.json'), '--out', at('m.json')], ROOT)).rejects.toThrow('cut.json: not valid JSON');
  });
});
