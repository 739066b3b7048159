/**
 * A run's evaluations: when the next is due (EvalSchedule), the test-set loss and accuracy, and
 * the analyses due with it (analyses.ts), all put in the run's snapshot buffer.
 */
import type { Task } from '../core/tasks/index';
import { runAnalyses } from './analyses';
import { EvalSchedule } from './evalSchedule';
import { EVAL_SEQUENCES, evaluateTest } from './evaluation';
import type { AnalysisId } from './protocol';
import type { RunModel } from './runModel';
import type { SnapshotBuffer } from './snapshot';

export class RunEvaluator {
  private readonly schedule = new EvalSchedule();
  /** When each analysis last ran (analyses.ts decides which are due). */
  private readonly analysesRun = new Map<AnalysisId, number>();

  constructor(
    private readonly task: Task,
    private readonly buffer: SnapshotBuffer,
    private readonly now: () => number,
    private readonly busy?: (ms: number) => void,
  ) {}

  due(step: number, t: number): boolean {
    return this.schedule.due(step, t);
  }

  /** Evaluates `model` at `step`; `msPerStep` and `batch` say how long the worker will be busy. */
  async run(model: RunModel, step: number, msPerStep: number, batch: number): Promise<void> {
    const t0 = this.now();
    // A forward pass over the evaluated sequences and the probes: about a third of a step per batch.
    this.busy?.(((EVAL_SEQUENCES + this.task.probeSet().batch) / batch) * msPerStep);
    const test = await evaluateTest(model, this.task.testSet());
    this.buffer.addTest({ step, loss: test.loss, acc: test.acc });
    this.buffer.addAnalyses(await runAnalyses(model, this.task.probeSet(), step, t0, this.analysesRun));
    this.schedule.record(step, t0, this.now());
  }

  reset(): void {
    this.schedule.reset();
    this.analysesRun.clear();
  }
}
