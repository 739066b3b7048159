/**
 * Unit test order: the files that train networks for a minute or more start first, so that on two
 * cores they run beside the many short files instead of alone at the end (vitest's default puts
 * files it has no timings for in size order, and these files are small).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW = [/taskDefaultsPs28\.test\.ts$/, /taskDefaults\.test\.ts$/, /learning\.test\.ts$/, /lockstep\.test\.ts$/, /landscape\.test\.ts$/];

const rank = (f: TestSpecification) => {
  const i = SLOW.findIndex((re) => re.test(f.moduleId));
  return i < 0 ? SLOW.length : i;
};

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: the rest keep the default order.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
