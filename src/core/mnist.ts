/**
 * The MNIST files written by scripts/build-mnist.ts, and their validation. Pure: loading the bytes
 * (fetch under data/, or fs in node) is the caller's job; parseMnist only checks counts, sizes and
 * SHA-256 checksums and wraps the bytes. Images are stored in split order: the training images
 * first, then the test images, each stratified by class and shuffled once with a fixed seed.
 */
import { sha256Hex } from './sha256';
import { formatCount } from './formatCount';

/** Folder (relative to the site root / public/) and manifest name. */
export const MNIST_DIR = 'data';
export const MNIST_MANIFEST = 'mnist.json';
export const MNIST_FORMAT = 'adaptive-activation-mnist-1';

export type MnistFileKey = 'images28' | 'images14' | 'labels';

export interface MnistFileEntry {
  /** File name inside MNIST_DIR. */
  name: string;
  bytes: number;
  sha256: string;
}

export interface MnistManifest {
  format: string;
  source: string;
  licence: string;
  count: number;
  /** Images [0, train) are the training split, [train, train + test) the test split. */
  split: { train: number; test: number };
  files: Record<MnistFileKey, MnistFileEntry>;
}

export interface MnistData {
  count: number;
  trainCount: number;
  testCount: number;
  /** [count, 28, 28] uint8, 0–255. */
  images28: Uint8Array;
  /** [count, 14, 14] uint8, 2×2 averages of images28. */
  images14: Uint8Array;
  /** [count] digits 0–9. */
  labels: Uint8Array;
}

/** What each file must hold, for sizes and error messages. */
const LAYOUT: Record<MnistFileKey, { perItem: number; what: string }> = {
  images28: { perItem: 28 * 28, what: 'images of 28×28' },
  images14: { perItem: 14 * 14, what: 'images of 14×14' },
  labels: { perItem: 1, what: 'labels' },
};


function bytesOf(b: ArrayBuffer | Uint8Array): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

/** Checks the manifest's own consistency; throws with what is wrong. */
export function checkManifest(m: MnistManifest): void {
  if (m.format !== MNIST_FORMAT) throw new Error(`${MNIST_MANIFEST} has format '${m.format}'; expected '${MNIST_FORMAT}'`);
  if (!(Number.isInteger(m.count) && m.count > 0)) throw new Error(`${MNIST_MANIFEST} has an invalid count ${m.count}`);
  if (m.split.train + m.split.test !== m.count || m.split.train <= 0 || m.split.test <= 0) {
    throw new Error(`${MNIST_MANIFEST}: split ${m.split.train} + ${m.split.test} does not partition ${m.count} images`);
  }
  for (const key of Object.keys(LAYOUT) as MnistFileKey[]) {
    const f = m.files[key];
    if (!f) throw new Error(`${MNIST_MANIFEST} lists no ${key} file`);
    const expected = m.count * LAYOUT[key].perItem;
    if (f.bytes !== expected) throw new Error(`${MNIST_MANIFEST} says ${f.name} has ${formatCount(f.bytes)} bytes; ${formatCount(m.count)} ${LAYOUT[key].what} need ${formatCount(expected)}`);
  }
}

/**
 * Validates the three files against the manifest (size first, then SHA-256, then label range)
 * and returns them as typed views. Throws an Error naming the file and what is wrong.
 */
export function parseMnist(manifest: MnistManifest, buffers: Record<MnistFileKey, ArrayBuffer | Uint8Array>): MnistData {
  checkManifest(manifest);
  const out = {} as Record<MnistFileKey, Uint8Array>;
  for (const key of Object.keys(LAYOUT) as MnistFileKey[]) {
    const entry = manifest.files[key];
    const raw = buffers[key];
    if (!raw) throw new Error(`${entry.name} is missing`);
    const bytes = bytesOf(raw);
    if (bytes.length !== entry.bytes) {
      throw new Error(
        `${entry.name} has ${formatCount(bytes.length)} bytes; expected ${formatCount(entry.bytes)} (${formatCount(manifest.count)} ${LAYOUT[key].what})`,
      );
    }
    const digest = sha256Hex(bytes);
    if (digest !== entry.sha256) {
      throw new Error(`${entry.name} is corrupt: SHA-256 ${digest} does not match the manifest's ${entry.sha256}`);
    }
    out[key] = bytes;
  }
  for (let i = 0; i < out.labels.length; i++) {
    if (out.labels[i] > 9) throw new Error(`${manifest.files.labels.name}: label ${out.labels[i]} at ${i} is not a digit`);
  }
  return {
    count: manifest.count,
    trainCount: manifest.split.train,
    testCount: manifest.split.test,
    images28: out.images28,
    images14: out.images14,
    labels: out.labels,
  };
}
