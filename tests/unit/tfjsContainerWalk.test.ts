/**
 * The build-time rewrite of tfjs-core's container walk (scripts/vite/tfjsContainerWalk.ts): it must
 * reach the installed tensor_util.js (an upgrade that writes the loop otherwise would silently bring
 * the deoptimizations back), and the rewritten walk must find the same tensors in the same order.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteContainerWalk } from '../../scripts/vite/tfjsContainerWalk';
import { ROOT } from './mnistData';

const SOURCE = readFileSync(join(ROOT, 'node_modules/@tensorflow/tfjs-core/dist/tensor_util.js'), 'utf8');

class FakeTensor {
  constructor(readonly id: number) {}
}

type Walk = (container: unknown, list: FakeTensor[], seen: Set<unknown>) => void;

/** walkTensorContainer and isIterable as they stand in `code`, run against FakeTensor. */
function walkFrom(code: string): (container: unknown) => number[] {
  const fn = (name: string) => {
    const m = new RegExp(`function ${name}\\([^)]*\\) \\{[\\s\\S]*?\\n\\}`).exec(code);
    if (!m) throw new Error(`${name} not found`);
    return m[0];
  };
  const walk = new Function('Tensor', `${fn('walkTensorContainer')}\n${fn('isIterable')}\nreturn walkTensorContainer;`)(FakeTensor) as Walk;
  return (container) => {
    const list: FakeTensor[] = [];
    walk(container, list, new Set());
    return list.map((t) => t.id);
  };
}

describe('tfjs container walk', () => {
  it('rewrites the for-in loop of the installed tfjs-core', () => {
    const out = rewriteContainerWalk(SOURCE);
    expect(out).not.toBeNull();
    expect(out).toMatch(/for \(const k of Object\.keys\(iterable\)\)/);
    expect(out).not.toMatch(/for \(const k in iterable\)/);
  });

  it('finds the same tensors, in the same order, in every kind of result', () => {
    const before = walkFrom(SOURCE);
    const after = walkFrom(rewriteContainerWalk(SOURCE) ?? '');
    const t = Array.from({ length: 6 }, (_, i) => new FakeTensor(i));
    const containers: unknown[] = [
      t[0],
      null,
      undefined,
      3,
      'text',
      [t[1], t[2]],
      { value: t[3], grads: { U: t[1], V: t[2] } },
      { loss: t[0], acc: t[4], gradNorm: null },
      [[t[5], { a: t[0] }], t[5]],
      { nested: [t[2], { deep: t[1] }], same: t[2] },
    ];
    for (const c of containers) expect(after(c)).toEqual(before(c));
    expect(after({ value: t[3], grads: { U: t[1], V: t[2] } })).toEqual([3, 1, 2]);
  });

  it('leaves other code alone', () => {
    expect(rewriteContainerWalk('for (const k in obj) f(k);')).toBeNull();
  });
});
