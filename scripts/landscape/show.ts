/** `--show file`: a landscape as text tables (mean test accuracy and loss per cell), for a terminal or a note. */
import type { LandscapeFile } from '../../src/core/landscapeFile';
import { bestCell, cellAt, summarizeCells, type CellSummary, type Spread } from '../../src/core/landscapeStats';
import { formatDuration } from './progress';

/** The named functions on the grid (when present) that a landscape is compared against. */
const LANDMARKS: [string, number, number][] = [
  ['ReLU-like', 16, 0],
  ['softplus', 1, 0],
  ['sigmoid', 1, 1],
];

const value = (x: Spread | null, digits: number) => (x ? `${x.mean.toFixed(digits)}${x.sd !== null ? `±${x.sd.toFixed(digits)}` : ''}` : 'diverged');

function table(file: LandscapeFile, cells: CellSummary[], pick: (c: CellSummary) => Spread | null, digits: number): string {
  const head = `| n \\ s | ${file.grid.s.join(' | ')} |`;
  const rule = `|---|${file.grid.s.map(() => '---').join('|')}|`;
  const rows = file.grid.n.map((n) => `| ${n} | ${file.grid.s.map((s) => value(pick(cellAt(cells, n, s) as CellSummary), digits)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export function showLandscape(file: LandscapeFile): string {
  const cells = summarizeCells(file);
  const best = bestCell(cells);
  const line = (name: string, c: CellSummary | undefined) =>
    c ? `${name} (n = ${c.n}, s = ${c.s}): accuracy ${value(c.accuracy, 3)}, loss ${value(c.loss, 3)}` : `${name}: not on the grid`;
  return [
    `${file.title}: ${file.steps} steps, seeds ${file.seeds.join(', ')}, ${file.cells.length} runs in ${formatDuration(file.wallTimeMs)} on ${file.workers} workers / ${file.cores} cores (commit ${file.code.commit.slice(0, 7)}${file.code.dirty ? ', dirty' : ''})`,
    `chance: accuracy ${file.test.chanceAccuracy.toFixed(3)}, loss ${file.test.chanceLoss.toFixed(3)}; ${file.test.sequences} test sequences`,
    line('best', best),
    ...LANDMARKS.map(([name, n, s]) => line(name, cellAt(cells, n, s))),
    '',
    'Mean test accuracy ± sd across seeds',
    table(file, cells, (c) => c.accuracy, 3),
    '',
    'Mean test loss ± sd across seeds',
    table(file, cells, (c) => c.loss, 3),
  ].join('\n');
}
