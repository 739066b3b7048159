/** `npm run landscape`: parses the command line and runs a sweep, one cell, a shard or a merge. */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANDSCAPE_DIR, landscapeFileName, type LandscapeFile } from '../../src/core/landscapeFile';
import { bestCell, summarizeCells } from '../../src/core/landscapeStats';
import { parseArgs, USAGE, type Options } from './cli';
import { DEFAULT_GRID, DEFAULT_SEED_COUNT, seedList } from './grid';
import { mergeShards } from './merge';
import { readLandscape, writeLandscape } from './output';
import { formatDuration, Progress } from './progress';
import { showLandscape } from './show';
import { defaultSettings, STEP_BUDGET } from './settings';
import { runSweep, type SweepRequest } from './sweep';

const say = (s: string) => process.stderr.write(`${s}\n`);

/** What to compute: the defaults with the flags' overrides, or for --only the committed file's settings. */
function plan(o: Options, root: string, committed: LandscapeFile | undefined): Omit<SweepRequest, 'onCell' | 'onStart'> {
  const task = o.task as NonNullable<Options['task']>;
  const base = o.only ? committed : undefined;
  if (o.only && base && o.steps !== undefined && o.steps !== base.steps) say(`note: --steps ${o.steps} differs from the committed file's ${base.steps}; its numbers will not match`);
  return {
    task,
    steps: o.steps ?? base?.steps ?? STEP_BUDGET[task],
    seeds: o.seedCount ? seedList(o.seedCount) : (base?.seeds ?? seedList(DEFAULT_SEED_COUNT)),
    grid: o.only ? { n: [o.only.n], s: [o.only.s] } : { n: o.n ?? DEFAULT_GRID.n, s: o.s ?? DEFAULT_GRID.s },
    settings: base?.settings ?? defaultSettings(),
    workers: o.workers,
    shard: o.shard,
    root,
  };
}

function compareWithCommitted(file: LandscapeFile, committed: LandscapeFile, path: string): void {
  if (committed.steps !== file.steps || JSON.stringify(committed.settings) !== JSON.stringify(file.settings)) {
    say(`${path} was computed with other steps or settings: nothing to compare`);
    return;
  }
  for (const c of file.cells) {
    const old = committed.cells.find((k) => k.n === c.n && k.s === c.s && k.seed === c.seed);
    const same = old && old.loss === c.loss && old.accuracy === c.accuracy && old.diverged === c.diverged;
    say(`n = ${c.n}, s = ${c.s}, seed ${c.seed}: ${old ? (same ? 'identical to' : `differs from (loss ${old.loss}, accuracy ${old.accuracy})`) : 'not in'} ${path}`);
  }
}

function report(file: LandscapeFile, out: string): void {
  const best = bestCell(summarizeCells(file));
  say(`wrote ${out}: ${file.cells.length} runs of ${file.steps} steps in ${formatDuration(file.wallTimeMs)} on ${file.workers} worker(s), ${file.cores} cores`);
  if (best?.accuracy && best.loss && !file.shard) say(`best cell n = ${best.n}, s = ${best.s}: accuracy ${best.accuracy.mean.toFixed(4)}, loss ${best.loss.mean.toFixed(4)} (mean of ${best.finished})`);
}

export async function main(argv: readonly string[], root: string): Promise<void> {
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (o.show) {
    process.stdout.write(`${showLandscape(readLandscape(o.show))}\n`);
    return;
  }
  if (o.merge) {
    const out = o.out as string;
    const merged = mergeShards(o.merge.map((path) => ({ path, file: readLandscape(path) })));
    writeLandscape(out, merged);
    report(merged, out);
    return;
  }
  const committedPath = o.from ?? join(root, 'public', LANDSCAPE_DIR, landscapeFileName(o.task as string));
  const committed = o.only && (o.from || existsSync(committedPath)) ? readLandscape(committedPath) : undefined;
  if (committed && committed.task !== o.task) throw new Error(`${committedPath} is a landscape of task '${committed.task}', not '${o.task}'`);
  if (committed && committed.settings.backend !== 'wasm') throw new Error(`${committedPath} was computed on ${committed.settings.backend}; this script trains on wasm only`);
  if (o.only && !committed) say(`no ${relative(root, committedPath)}: using the default settings`);
  const req = plan(o, root, committed);
  const out = o.out ?? join(root, 'public', LANDSCAPE_DIR, landscapeFileName(req.task));
  let progress: Progress | undefined;
  const file = await runSweep({
    ...req,
    onStart: (jobs) => {
      const where = req.workers > 0 ? `on ${Math.min(req.workers, jobs)} worker thread(s)` : 'in this thread';
      say(`${req.task}: ${jobs} runs of ${req.steps} steps (grid ${req.grid.n.length} × ${req.grid.s.length}, seeds ${req.seeds.join(', ')}) ${where}`);
      progress = new Progress(jobs);
      progress.start();
    },
    onCell: (cell, done) => progress?.tick(cell, done),
  });
  progress?.finish();
  writeLandscape(out, file);
  report(file, out);
  if (committed) compareWithCommitted(file, committed, relative(root, committedPath));
}
