/**
 * A run's model on the active backend and the checkpoints it can return to: builds it (fresh or
 * from a checkpoint), keeps the last checkpoint whose values are all finite, and frees it for a
 * backend switch. The trainer decides when; this class only owns the tensors.
 */
import type { Task } from '../core/tasks/index';
import { applyCheckpoint, captureCheckpoint, checkpointIsFinite } from './checkpoint';
import type { Checkpoint, RunConfig } from './protocol';
import { buildModel, disposeModel, type RunModel } from './runModel';

/** How often a running run posts a checkpoint a restarted worker can resume from. */
const CHECKPOINT_MS = 3000;

export class ModelSlot {
  model?: RunModel;
  /** Activation parameters as last read back: length 1 (shared), N (per neuron) or 0 (none). */
  n: Float32Array = new Float32Array(0);
  s: Float32Array = new Float32Array(0);
  /** Last checkpoint whose values are all finite: where divergence and fallbacks return to. */
  lastGood?: Checkpoint;
  private lastCheckpointAt = 0;

  constructor(
    private readonly runId: string,
    private readonly config: RunConfig,
    private readonly task: Task,
    private readonly now: () => number,
  ) {}

  /** Builds the model (from `restore` when given); returns the step it stands at. */
  async build(restore?: Checkpoint): Promise<number> {
    this.free();
    const model = buildModel(this.config, this.task);
    this.model = model;
    if (restore) await applyCheckpoint(model, restore);
    const step = restore?.step ?? 0;
    const { n, s } = model.params;
    this.n = n ? Float32Array.from(await n.data()) : new Float32Array(0);
    this.s = s ? Float32Array.from(await s.data()) : new Float32Array(0);
    this.lastGood = restore && checkpointIsFinite(restore) ? restore : await captureCheckpoint(this.runId, step, model);
    this.lastCheckpointAt = this.now();
    return step;
  }

  /** Whether a running run is due for its next checkpoint at time `t`. */
  checkpointDue(t: number): boolean {
    return t - this.lastCheckpointAt >= CHECKPOINT_MS;
  }

  /** Captures the weights at `step`; kept (and returned) only when every value is finite. */
  async capture(step: number): Promise<Checkpoint | undefined> {
    if (!this.model) return undefined;
    const c = await captureCheckpoint(this.runId, step, this.model);
    this.lastCheckpointAt = this.now();
    if (!checkpointIsFinite(c)) return undefined;
    this.lastGood = c;
    return c;
  }

  free(): void {
    if (this.model) disposeModel(this.model);
    this.model = undefined;
  }
}
