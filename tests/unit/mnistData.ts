/**
 * Test helper: the MNIST files under public/data/, built by scripts/build-mnist.ts when missing,
 * read with fs and validated by parseMnist like the worker does after fetch().
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MNIST_MANIFEST, parseMnist, type MnistData, type MnistFileKey, type MnistManifest } from '../../src/core/mnist';

export const ROOT = resolve(__dirname, '..', '..');
export const DATA_DIR = join(ROOT, 'public', 'data');

export function ensureMnistFiles(): void {
  if (existsSync(join(DATA_DIR, MNIST_MANIFEST))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'build-mnist.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export function readMnistFiles(): { manifest: MnistManifest; buffers: Record<MnistFileKey, Uint8Array> } {
  ensureMnistFiles();
  const manifest = JSON.parse(readFileSync(join(DATA_DIR, MNIST_MANIFEST), 'utf8')) as MnistManifest;
  const buffers = {} as Record<MnistFileKey, Uint8Array>;
  for (const key of Object.keys(manifest.files) as MnistFileKey[]) {
    buffers[key] = new Uint8Array(readFileSync(join(DATA_DIR, manifest.files[key].name)));
  }
  return { manifest, buffers };
}

let cached: MnistData | undefined;
export function loadMnist(): MnistData {
  if (!cached) {
    const { manifest, buffers } = readMnistFiles();
    cached = parseMnist(manifest, buffers);
  }
  return cached;
}
