/**
 * Shapes shared by the tasks, the RNN and the trainer. Plain typed arrays, so batches can be made
 * in node scripts, tests and the worker alike, and transferred without copies.
 */

/** A batch of B sequences of T steps with I inputs each, time-major inside each sequence. */
export interface Batch {
  /** Inputs, row-major [B, T, I]. */
  x: Float32Array;
  /**
   * Targets. Classification read-out ('last'): [B] class ids. Sequence read-out ('all'):
   * [B, T] class ids, −1 where the step is not scored (the copy task's blanks).
   */
  y: Int32Array;
  batch: number;
  steps: number;
  inputs: number;
}

export type Readout = 'last' | 'all';

export interface TaskInfo {
  id: string;
  title: string;
  inputs: number;
  steps: number;
  classes: number;
  readout: Readout;
  /** Loss of the best input-blind guess, drawn as a baseline on the loss chart. */
  chanceLoss: number;
  /** Accuracy of that guess. */
  chanceAcc: number;
}
