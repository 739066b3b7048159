/** The promised learning of every task's defaults but ps28's (taskDefaultCases.ts). */
import { TASKS } from '../../src/state/schema';
import { describeTaskDefaults } from './taskDefaultCases';

describeTaskDefaults(TASKS.filter((t) => t !== 'ps28'));
