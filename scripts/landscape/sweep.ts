/**
 * One sweep (or one shard of it): runs the jobs on the pool and assembles the landscape file,
 * validated with the same schema the page reads it with.
 */
import { availableParallelism } from 'node:os';
import { LANDSCAPE_FORMAT, LANDSCAPE_KIND, parseLandscape, type LandscapeFile, type LandscapeSettings } from '../../src/core/landscapeFile';
import { EVAL_SEQUENCES } from '../../src/engine/evaluation';
import type { TaskId } from '../../src/state/schema';
import { allJobs, shardJobs, type Grid } from './grid';
import { JobRunner } from './job';
import { codeVersion } from './meta';
import { runJobs, type OnCell } from './pool';

export interface SweepRequest {
  task: TaskId;
  steps: number;
  seeds: number[];
  grid: Grid;
  settings: LandscapeSettings;
  /** Worker threads; 0 runs in this thread. */
  workers: number;
  shard?: { index: number; count: number };
  /** Repository root (node_modules, public/data, git). */
  root: string;
  onCell?: OnCell;
  /** Called once the job count is known, before the first job starts. */
  onStart?: (jobs: number) => void;
}

/** Throws with the schema's message when a file fails validation: the writer's last check. */
export function validated(file: unknown): LandscapeFile {
  const r = parseLandscape(file);
  if (!r.ok) throw new Error(`the landscape file would be invalid: ${r.error}`);
  return r.value;
}

export async function runSweep(req: SweepRequest): Promise<LandscapeFile> {
  const t0 = performance.now();
  const code = codeVersion(req.root);
  const spec = { task: req.task, steps: req.steps, settings: req.settings, root: req.root };
  const task = new JobRunner(spec).task(req.seeds[0]);
  const every = allJobs(req.grid, req.seeds);
  const jobs = req.shard ? shardJobs(every, req.shard.index, req.shard.count) : every;
  req.onStart?.(jobs.length);
  const cells = await runJobs(spec, jobs, req.workers, req.onCell);
  return validated({
    kind: LANDSCAPE_KIND,
    format: LANDSCAPE_FORMAT,
    task: req.task,
    title: task.info.title,
    steps: req.steps,
    seeds: req.seeds,
    grid: req.grid,
    settings: req.settings,
    test: { sequences: Math.min(task.testSet().batch, EVAL_SEQUENCES), chanceLoss: task.info.chanceLoss, chanceAccuracy: task.info.chanceAcc },
    code,
    wallTimeMs: Math.round(performance.now() - t0),
    cores: availableParallelism(),
    workers: Math.max(1, Math.min(req.workers, jobs.length)),
    createdAt: new Date().toISOString(),
    ...(req.shard ? { shard: req.shard } : {}),
    cells,
  } satisfies LandscapeFile);
}
