/** Short task names for tables and small titles (the schema's labels are full sentences). */
import type { TaskId } from '../../state/schema';

export const TASK_SHORT: Record<TaskId, string> = {
  rows: 'MNIST by rows',
  ps14: 'psMNIST 14×14',
  ps28: 'psMNIST 28×28',
  copy: 'copy',
  flipflop: '3-bit flip-flop',
};
