/**
 * Task defaults benchmark: trains each task's default settings (src/state/taskDefaults.ts) with the
 * page's own engine code (buildModel, runChunk, evaluateTest) on the wasm backend in node, single
 * threaded as in the page's worker, and reports per task and seed:
 *   - the first step where the page's smoothed training loss (bias-corrected EMA, β = 0.97, as the
 *     loss chart draws it) is at or under BELOW_CHANCE × the loss of guessing,
 *   - the test loss and accuracy after the promised step count (the unit test's check),
 *   - milliseconds per step, and so the time to "clearly below chance" on this machine.
 * Prints a Markdown table. Run: npx tsx scripts/bench-tasks.ts [--tasks rows,copy] [--seeds 3]
 */
import { register } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

register('./landscape/nodeHooks.mjs', import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { startWasm } = await import('./landscape/job');
const { loadMnistFiles } = await import('./landscape/data');
const { trainTaskDefault } = await import('./taskTime/train');
const { TASK_DEFAULTS, BELOW_CHANCE } = await import('../src/state/taskDefaults');
const { TASKS } = await import('../src/state/schema');
type TaskId = (typeof TASKS)[number];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const tasks = (arg('tasks')?.split(',') ?? [...TASKS]) as TaskId[];
const seeds = Number(arg('seeds') ?? 3);

await startWasm(root);
const mnist = tasks.some((t) => t === 'rows' || t === 'ps14' || t === 'ps28') ? loadMnistFiles(root) : undefined;
const load0 = loadavg()[0];
const lines = [
  `Node ${process.version}, wasm backend (single-threaded), ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); 1-min load average ${load0.toFixed(1)} at the start.`,
  '',
  '| task | settings (beyond the page defaults) | promised steps | seed | first step with smoothed loss ≤ ' + `${BELOW_CHANCE} × chance | test loss / chance at the promised step | test accuracy | ms per step | time to that first step |`,
  '|---|---|---|---|---|---|---|---|---|',
];
for (const task of tasks) {
  const d = TASK_DEFAULTS[task];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = await trainTaskDefault(task, { seed, steps: d.steps, data: mnist });
    const first = r.firstBelow === null ? `not within ${d.steps}` : String(r.firstBelow);
    const time = r.firstBelow === null ? '—' : `${((r.firstBelow * r.msPerStep) / 1000).toFixed(1)} s`;
    const row = `| ${task} | ${JSON.stringify(d.settings).replace(/"/g, '')} | ${d.steps} | ${seed} | ${first} | ${r.testLoss.toFixed(3)} / ${r.chanceLoss.toFixed(3)} (${(r.testLoss / r.chanceLoss).toFixed(2)}) | ${(r.testAcc * 100).toFixed(1)} % | ${r.msPerStep.toFixed(1)} | ${time} |`;
    lines.push(row);
    process.stderr.write(`${row}\n`);
  }
}
lines.push('', `1-min load average at the end: ${loadavg()[0].toFixed(1)}.`);
process.stdout.write(`${lines.join('\n')}\n`);
