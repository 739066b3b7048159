/**
 * Progress on stderr: a bar redrawn in place on a terminal, one plain line per finished run
 * otherwise (logs of batch systems). The ETA assumes the remaining runs cost what the finished did.
 */
import type { LandscapeCell } from '../../src/core/landscapeFile';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return h ? `${h}h${pad(m)}m${pad(s % 60)}s` : m ? `${m}m${pad(s % 60)}s` : `${s}s`;
}

const BAR = 30;

export class Progress {
  private readonly t0: number;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
  }

  private line(done: number): string {
    const elapsed = this.now() - this.t0;
    const eta = done > 0 ? (elapsed / done) * (this.total - done) : NaN;
    const fill = Math.round((BAR * done) / Math.max(1, this.total));
    const pct = Math.floor((100 * done) / Math.max(1, this.total));
    return `[${'#'.repeat(fill)}${'-'.repeat(BAR - fill)}] ${done}/${this.total} ${pct}% · ${formatDuration(elapsed)} elapsed · ETA ${Number.isNaN(eta) ? '?' : formatDuration(eta)}`;
  }

  start(): void {
    if (this.out.isTTY) this.out.write(this.line(0));
  }

  tick(cell: LandscapeCell, done: number): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${this.line(done)}`);
      return;
    }
    const result = cell.loss === null ? `diverged at step ${cell.diverged}` : `loss ${cell.loss.toFixed(4)}, accuracy ${(cell.accuracy ?? 0).toFixed(4)}`;
    this.out.write(`${this.line(done)} · n = ${cell.n}, s = ${cell.s}, seed ${cell.seed}: ${result}\n`);
  }

  finish(): void {
    if (this.out.isTTY) this.out.write('\n');
  }
}
