/**
 * The shape of a task's sequences without building it (no data, no random draws): what the page
 * needs to estimate a run's time per step and memory before the worker has loaded anything.
 */
import type { TaskId } from '../../state/schema';
import type { Readout } from '../taskTypes';
import { COPY_CHANNELS, COPY_SYMBOLS, copySteps } from './copy';
import { FLIPFLOP_BITS, FLIPFLOP_STEPS } from './flipflop';
import { LAYOUTS } from './mnistTasks';

export interface TaskShape {
  steps: number;
  inputs: number;
  classes: number;
  readout: Readout;
}

export function taskShape(id: TaskId, delay: number): TaskShape {
  switch (id) {
    case 'rows':
    case 'ps14':
    case 'ps28':
      return { steps: LAYOUTS[id].steps, inputs: LAYOUTS[id].inputs, classes: 10, readout: 'last' };
    case 'copy':
      return { steps: copySteps(delay), inputs: COPY_CHANNELS, classes: COPY_SYMBOLS, readout: 'all' };
    case 'flipflop':
      return { steps: FLIPFLOP_STEPS, inputs: FLIPFLOP_BITS, classes: 1 << FLIPFLOP_BITS, readout: 'all' };
  }
}
