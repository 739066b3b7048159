/**
 * bench.html's benchmark table for any visitor: runs the engine benchmark in a worker on this
 * machine (every backend it has, the three MNIST tasks, N = 64, 128, 256), shows the rows as they
 * come and copies them as Markdown (to paste into BENCHMARKS.md, e.g. the real-GPU column).
 */
import type { BenchEvent, BenchRequest, BenchRow } from './benchTypes';
import { tableMarkdown } from './benchMarkdown';

export function mountBenchTable(root: HTMLElement, run: (req: Partial<Omit<BenchRequest, 'type' | 'baseUrl'>>, onEvent?: (e: BenchEvent) => void) => Promise<BenchEvent[]>): void {
  const start = document.createElement('button');
  start.type = 'button';
  start.id = 'bench-run';
  start.textContent = 'run the engine benchmark on this machine';
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.id = 'bench-copy';
  copy.textContent = 'copy as Markdown';
  copy.disabled = true;
  const out = document.createElement('pre');
  out.id = 'bench-table';
  const note = document.createElement('p');
  note.textContent = 'Takes minutes; software GPUs are timed for a few steps only. Results stay on this page.';
  root.append(start, copy, note, out);
  const rows: BenchRow[] = [];
  start.addEventListener('click', () => {
    start.disabled = true;
    rows.length = 0;
    out.textContent = 'running…';
    const onEvent = (e: BenchEvent) => {
      if (e.type === 'row') rows.push(e.row);
      if (e.type === 'row' || e.type === 'log') out.textContent = `${tableMarkdown(rows)}\n\n${e.type === 'log' ? e.text : ''}`;
    };
    void run({ tasks: ['rows', 'ps14', 'ps28'], hidden: [64, 128, 256], opByOp: true }, onEvent).finally(() => {
      start.disabled = false;
      copy.disabled = rows.length === 0;
      out.textContent = tableMarkdown(rows);
    });
  });
  copy.addEventListener('click', () => {
    void navigator.clipboard.writeText(`${tableMarkdown(rows)}\n\n${navigator.userAgent}\n`);
  });
}
