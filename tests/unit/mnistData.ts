/**
 * Test helper: the MNIST files under public/data/, built by scripts/build-mnist.ts when missing,
 * read with fs and validated by parseMnist like the worker does after fetch().
 */
import { join, resolve } from 'node:path';
import type { MnistData } from '../../src/core/mnist';
import { ensureMnistFiles as ensureIn, loadMnistFiles, readMnistFiles as readIn } from '../../scripts/landscape/data';

export const ROOT = resolve(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'public', 'data');

export const ensureMnistFiles = (): void => ensureIn(ROOT);
export const readMnistFiles = (): ReturnType<typeof readIn> => readIn(ROOT);

let cached: MnistData | undefined;
export function loadMnist(): MnistData {
  cached ??= loadMnistFiles(ROOT);
  return cached;
}
