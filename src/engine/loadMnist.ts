/**
 * Fetches the MNIST files from the site (data/… next to index.html) once per worker and validates
 * them with core's parseMnist. Failures say which file and what to do.
 */
import { MNIST_DIR, MNIST_MANIFEST, parseMnist, type MnistData, type MnistFileKey, type MnistManifest } from '../core/mnist';
import { needsMnist } from '../core/tasks/index';
import type { TaskId } from '../state/schema';

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (!res.ok) {
    throw new Error(`${url} answered ${res.status}: the MNIST files are missing from the site (build them with \`npm run data\`)`);
  }
  return res;
}

export async function fetchMnist(baseUrl: string): Promise<MnistData> {
  const dir = new URL(`${MNIST_DIR}/`, baseUrl);
  const manifestUrl = new URL(MNIST_MANIFEST, dir).href;
  const manifest = (await (await fetchOk(manifestUrl)).json()) as MnistManifest;
  const keys = Object.keys(manifest.files ?? {}) as MnistFileKey[];
  const buffers = {} as Record<MnistFileKey, ArrayBuffer>;
  await Promise.all(
    keys.map(async (key) => {
      buffers[key] = await (await fetchOk(new URL(manifest.files[key].name, dir).href)).arrayBuffer();
    }),
  );
  try {
    return parseMnist(manifest, buffers);
  } catch (e) {
    throw new Error(`MNIST data under ${dir.href} is invalid: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** A loader that fetches on first need and keeps the data; a failed fetch is retried next time. */
export function createMnistLoader(baseUrl: () => string): (task: TaskId) => Promise<MnistData | undefined> {
  let pending: Promise<MnistData> | undefined;
  return async (task) => {
    if (!needsMnist(task)) return undefined;
    pending ??= fetchMnist(baseUrl()).catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
    return pending;
  };
}
