/**
 * The build-time rewrites of tfjs-core's for-in loops (scripts/vite/tfjsForInLoops.ts): they must
 * reach the installed tensor_util.js and tape.js (an upgrade that writes the loops otherwise would
 * silently bring the deoptimizations back), and the rewritten code must give the same results: the
 * walk the same tensors in the same order, the tape filter the same nodes with the same inputs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteContainerWalk, rewriteTapeLoops } from '../../scripts/vite/tfjsForInLoops';
import { ROOT } from './mnistData';

const tfjsCore = (file: string) => readFileSync(join(ROOT, 'node_modules/@tensorflow/tfjs-core/dist', file), 'utf8');
const SOURCE = tfjsCore('tensor_util.js');
const TAPE = tfjsCore('tape.js');

/** The text of top-level function `name` in `code`, without its export keyword. */
function functionText(code: string, name: string): string {
  const m = new RegExp(`function ${name}\\([^)]*\\) \\{[\\s\\S]*?\\n\\}`).exec(code);
  if (!m) throw new Error(`${name} not found`);
  return m[0];
}

class FakeTensor {
  constructor(readonly id: number) {}
}

type Walk = (container: unknown, list: FakeTensor[], seen: Set<unknown>) => void;

/** walkTensorContainer and isIterable as they stand in `code`, run against FakeTensor. */
function walkFrom(code: string): (container: unknown) => number[] {
  const fn = (name: string) => functionText(code, name);
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

interface FakeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, FakeTensor>;
  outputs: FakeTensor[];
}
type Filter = (tape: FakeNode[], xs: FakeTensor[], y: FakeTensor) => FakeNode[];

describe('tfjs tape loops', () => {
  const filterFrom = (code: string) => new Function(`${functionText(code, 'getFilteredNodesXToY')}\nreturn getFilteredNodesXToY;`)() as Filter;

  it('rewrites the four loops over a node\'s inputs in the installed tfjs-core', () => {
    const out = rewriteTapeLoops(TAPE);
    expect(out).not.toBeNull();
    expect(out!.match(/for \(const inputName of Object\.keys\((nodeInputs|node\.inputs)\)\)/g)).toHaveLength(4);
    expect(out).not.toMatch(/for \(const inputName in /);
  });

  it('filters a tape to the same nodes with the same pruned inputs', () => {
    const before = filterFrom(TAPE);
    const after = filterFrom(rewriteTapeLoops(TAPE) ?? '');
    const t = Array.from({ length: 9 }, (_, i) => new FakeTensor(i));
    // x = t0, w = t1 (a weight), c = t2 (a constant not from x); y = t8.
    const tape: FakeNode[] = [
      { id: 0, kernelName: 'MatMul', inputs: { a: t[0], b: t[1] }, outputs: [t[3]] },
      { id: 1, kernelName: 'Add', inputs: { a: t[3], b: t[2] }, outputs: [t[4]] },
      { id: 2, kernelName: 'Softplus', inputs: { x: t[4] }, outputs: [t[5]] },
      { id: 3, kernelName: 'Neg', inputs: { x: t[2] }, outputs: [t[6]] },
      { id: 4, kernelName: 'Prelu', inputs: { x: t[5], alpha: t[6] }, outputs: [t[7]] },
      { id: 5, kernelName: 'Sum', inputs: { x: t[7] }, outputs: [t[8]] },
      { id: 6, kernelName: 'Exp', inputs: { x: t[4] }, outputs: [new FakeTensor(99)] },
    ];
    const describeNodes = (nodes: FakeNode[]) => nodes.map((n) => [n.id, Object.entries(n.inputs).map(([k, v]) => `${k}:${v.id}`)]);
    for (const xs of [[t[0]], [t[1]], [t[0], t[1]], [t[2]]]) {
      expect(describeNodes(after(tape, xs, t[8]))).toEqual(describeNodes(before(tape, xs, t[8])));
    }
    // From x: the matmul, add, softplus, prelu and sum, the prelu without its constant alpha.
    expect(describeNodes(after(tape, [t[0]], t[8]))).toEqual([
      [0, ['a:0']],
      [1, ['a:3']],
      [2, ['x:4']],
      [4, ['x:5']],
      [5, ['x:7']],
    ]);
  });

  it('leaves other code alone', () => {
    expect(rewriteTapeLoops('for (const k in obj) f(k);')).toBeNull();
  });
});
