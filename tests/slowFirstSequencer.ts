/**
 * Unit test order: the files that train networks for a minute or more start first, so that on two
 * cores they run beside the many short files instead of alone at the end (vitest's default puts
 * files it has no timings for in size order, and these files are small). The patterns name the
 * folder: tests/browser has a landscape.test.ts too.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW = [
  /unit\/taskDefaultsPs28\.test\.ts$/,
  /unit\/taskDefaults\.test\.ts$/,
  /unit\/learning\.test\.ts$/,
  /unit\/lockstep\.test\.ts$/,
  /unit\/landscape\.test\.ts$/,
];

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
