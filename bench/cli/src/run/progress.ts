import type { SecondSample } from '@paybench/bench-load';
import type { Phase } from '@paybench/bench-results';
import { formatDuration } from '@paybench/bench-scenario';

/**
 * Live progress on stderr: one line per stage change, and per-second figures from the load
 * generator (rewritten in place on a terminal, every 5 s in a log such as CI's).
 */
export class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private readonly runStart = Date.now();
  private cellStart = Date.now();
  private cellsDone = 0;
  private cellWallTotal = 0;

  private readonly total: number;
  private readonly estimatedCellMs: number;

  constructor(total: number, estimatedCellMs: number) {
    this.total = total;
    this.estimatedCellMs = estimatedCellMs;
  }

  cell(index: number, label: string): void {
    this.cellStart = Date.now();
    this.line(
      `[${index + 1}/${this.total}] ${label}  (elapsed ${formatDuration(Date.now() - this.runStart)}, ETA ${formatDuration(this.etaMs(index))})`,
    );
  }

  stage(stage: string): void {
    this.line(`    ${stage}`);
  }

  second(sample: SecondSample, phases: Phase[], durationMs: number): void {
    if (!this.tty && sample.second % 5 !== 4) return;
    const phase =
      phases.find((p) => sample.second * 1000 >= p.fromMs && sample.second * 1000 < p.toMs)?.name ?? 'drain';
    const parts = Object.entries(sample.classes).map(
      ([name, c]) =>
        `${name} ${c.completed}/s p99 ${(c.p99 / 1000).toFixed(1)}ms${c.error > 0 ? ` err ${c.error}` : ''}${c.dropped > 0 ? ` dropped ${c.dropped}` : ''}`,
    );
    const text = `    t=${sample.second + 1}s/${durationMs / 1000}s ${phase.padEnd(12)} ${parts.join('  ')}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  cellDone(): void {
    this.cellsDone++;
    this.cellWallTotal += Date.now() - this.cellStart;
    if (this.tty) process.stderr.write('\n');
  }

  private etaMs(index: number): number {
    const perCell = this.cellsDone > 0 ? this.cellWallTotal / this.cellsDone : this.estimatedCellMs;
    return perCell * (this.total - index);
  }

  private line(text: string): void {
    process.stderr.write(`${this.tty ? '\r\x1b[2K' : ''}${text}\n`);
  }
}
