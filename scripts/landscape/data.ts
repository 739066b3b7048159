/**
 * The MNIST files under public/data/ read with fs and validated by core's parseMnist, as the
 * worker does after fetch(). Built by scripts/build-mnist.ts when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_DIR, MNIST_MANIFEST, parseMnist, type MnistData, type MnistFileKey, type MnistManifest } from '../../src/core/mnist';

export function ensureMnistFiles(root: string): void {
  if (existsSync(join(root, 'public', MNIST_DIR, MNIST_MANIFEST))) return;
  execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'build-mnist.ts')], { cwd: root, stdio: 'inherit' });
}

export function readMnistFiles(root: string): { manifest: MnistManifest; buffers: Record<MnistFileKey, Uint8Array> } {
  ensureMnistFiles(root);
  const dir = join(root, 'public', MNIST_DIR);
  const manifest = JSON.parse(readFileSync(join(dir, MNIST_MANIFEST), 'utf8')) as MnistManifest;
  const buffers = {} as Record<MnistFileKey, Uint8Array>;
  for (const key of Object.keys(manifest.files) as MnistFileKey[]) buffers[key] = new Uint8Array(readFileSync(join(dir, manifest.files[key].name)));
  return { manifest, buffers };
}

export function loadMnistFiles(root: string): MnistData {
  const { manifest, buffers } = readMnistFiles(root);
  return parseMnist(manifest, buffers);
}
