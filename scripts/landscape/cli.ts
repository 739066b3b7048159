/** The command line of `npm run landscape`, parsed into options; errors say which flag and why. */
import { availableParallelism } from 'node:os';
import { TASKS, type TaskId } from '../../src/state/schema';
import { parseNumberList, parseShard } from './grid';

export const USAGE = `npm run landscape -- --task <${TASKS.join('|')}> [options]

Trains static networks over an (n, s) grid and writes public/landscape/<task>.json.
  --steps k          training steps per run (default: the task's budget)
  --seeds k          seeds 1..k per cell (default 3)
  --n a,b,…          gains of the grid (default 0.5,1,2,4,8,16)
  --s a,b,…          saturations of the grid (default 0,0.25,0.5,0.75,1)
  --workers k        worker threads, one run each at a time (default: every core; 0: this thread)
  --out file         where to write (default public/landscape/<task>.json)
  --only n,s         recompute one cell with the settings of the committed file; needs --out
  --from file        with --only: take steps, seeds and settings from this file instead
  --shard i/k        compute the i-th of k interleaved parts of the runs (1 ≤ i ≤ k); needs --out
  --merge f1 f2 …    join shard files (all k of them) into --out
  --show file        print a landscape file as tables of mean accuracy and loss
  -h, --help         this text`;

export interface Options {
  help: boolean;
  task?: TaskId;
  steps?: number;
  seedCount?: number;
  n?: number[];
  s?: number[];
  workers: number;
  out?: string;
  only?: { n: number; s: number };
  /** With --only: the file whose settings to use (default: the committed landscape). */
  from?: string;
  shard?: { index: number; count: number };
  merge?: string[];
  show?: string;
}

function whole(flag: string, text: string | undefined, min: number): number {
  const x = Number(text);
  if (text === undefined || !Number.isInteger(x) || x < min) throw new Error(`${flag} takes a whole number ≥ ${min}, got '${text ?? ''}'`);
  return x;
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = { help: false, workers: availableParallelism() };
  const value = (i: number): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${argv[i]} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '-h':
      case '--help':
        o.help = true;
        continue;
      case '--merge': {
        o.merge = [];
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) o.merge.push(argv[++i]);
        if (!o.merge.length) throw new Error('--merge needs the shard files to join');
        continue;
      }
    }
    const v = value(i);
    i++;
    switch (flag) {
      case '--task':
        if (!(TASKS as readonly string[]).includes(v)) throw new Error(`--task: '${v}' is not a task; one of ${TASKS.join(', ')}`);
        o.task = v as TaskId;
        break;
      case '--steps':
        o.steps = whole(flag, v, 1);
        break;
      case '--seeds':
        o.seedCount = whole(flag, v, 1);
        break;
      case '--workers':
        o.workers = whole(flag, v, 0);
        break;
      case '--n':
        o.n = parseNumberList(flag, v, (x) => x > 0, 'a gain above 0');
        break;
      case '--s':
        o.s = parseNumberList(flag, v, () => true, 'a number');
        break;
      case '--out':
        o.out = v;
        break;
      case '--only': {
        const parts = v.split(',');
        const [n, s] = parts.map(Number);
        if (parts.length !== 2 || !(n > 0) || !Number.isFinite(s)) throw new Error(`--only takes n,s (gain above 0, saturation), got '${v}'`);
        o.only = { n, s };
        break;
      }
      case '--show':
        o.show = v;
        break;
      case '--from':
        o.from = v;
        break;
      case '--shard':
        o.shard = parseShard(v);
        break;
      default:
        throw new Error(`unknown option '${flag}' (see --help)`);
    }
  }
  if (o.help || o.show) return o;
  if (o.merge) {
    if (!o.out) throw new Error('--merge needs --out <file> for the joined landscape');
    return o;
  }
  if (!o.task) throw new Error(`--task is required: one of ${TASKS.join(', ')}`);
  if (o.only && o.shard) throw new Error('--only and --shard do not go together');
  if ((o.only || o.shard) && !o.out) throw new Error(`${o.only ? '--only' : '--shard'} needs --out <file>, so the committed landscape is not overwritten`);
  if (o.only && (o.n || o.s)) throw new Error('--only names the cell; --n and --s do not apply');
  if (o.from && !o.only) throw new Error('--from goes with --only');
  return o;
}
