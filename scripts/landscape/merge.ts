/**
 * Joins shard files into one landscape. Refuses, naming the files, when they come from different
 * sweeps (settings, grid, seeds, steps, task, code) or do not add up to the whole grid exactly once.
 */
import type { LandscapeCell, LandscapeFile } from '../../src/core/landscapeFile';
import { allJobs, shardJobs, type Job } from './grid';
import { validated } from './sweep';

export interface NamedFile {
  path: string;
  file: LandscapeFile;
}

/** The fields every shard of one sweep shares, with how to name them in an error. */
const SHARED: [string, (f: LandscapeFile) => unknown][] = [
  ['task', (f) => f.task],
  ['steps', (f) => f.steps],
  ['seeds', (f) => f.seeds],
  ['grid', (f) => f.grid],
  ['settings', (f) => f.settings],
  ['test', (f) => f.test],
  ['code.commit', (f) => f.code.commit],
  ['shard.count', (f) => f.shard?.count],
];

const jobKey = (j: Job) => `${j.n} ${j.s} ${j.seed}`;
const jobName = (j: Job) => `n = ${j.n}, s = ${j.s}, seed ${j.seed}`;

export function mergeShards(files: readonly NamedFile[], now: () => Date = () => new Date()): LandscapeFile {
  if (files.length === 0) throw new Error('--merge needs the shard files to join');
  const plain = files.find((f) => !f.file.shard);
  if (plain) throw new Error(`${plain.path} is not a shard file (it has no "shard" field)`);
  const [first] = files;
  for (const other of files.slice(1)) {
    for (const [name, get] of SHARED) {
      const a = JSON.stringify(get(first.file));
      const b = JSON.stringify(get(other.file));
      if (a !== b) throw new Error(`${first.path} and ${other.path} are not shards of one sweep: ${name} is ${a} in one and ${b} in the other`);
    }
  }
  const count = first.file.shard?.count ?? 0;
  const byIndex = new Map<number, NamedFile>();
  for (const f of files) {
    const i = f.file.shard?.index ?? 0;
    const twin = byIndex.get(i);
    if (twin) throw new Error(`shard ${i}/${count} is given twice: ${twin.path} and ${f.path}`);
    byIndex.set(i, f);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new Error(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: no file among the ${files.length} given`);

  const every = allJobs(first.file.grid, first.file.seeds);
  const cellOf = new Map<string, LandscapeCell>();
  for (const [i, f] of byIndex) {
    const own = new Set(shardJobs(every, i, count).map(jobKey));
    for (const c of f.file.cells) {
      if (!own.has(jobKey(c))) throw new Error(`${f.path} (shard ${i}/${count}) holds ${jobName(c)}, which is not one of its runs`);
      own.delete(jobKey(c));
      cellOf.set(jobKey(c), c);
    }
    const [gap] = own;
    if (gap !== undefined) throw new Error(`${f.path} (shard ${i}/${count}) lacks ${own.size} of its runs, e.g. ${jobName(every.find((j) => jobKey(j) === gap) as Job)}`);
  }

  const { shard: _unused, ...base } = first.file;
  return validated({
    ...base,
    code: { commit: first.file.code.commit, dirty: files.some((f) => f.file.code.dirty) },
    wallTimeMs: files.reduce((t, f) => t + f.file.wallTimeMs, 0),
    cores: Math.max(...files.map((f) => f.file.cores)),
    workers: files.reduce((t, f) => t + f.file.workers, 0),
    createdAt: now().toISOString(),
    mergedShards: count,
    cells: every.map((j) => cellOf.get(jobKey(j)) as LandscapeCell),
  } satisfies LandscapeFile);
}
