/** Reading and writing landscape files: validated both ways, one cell per line for readable diffs. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { LANDSCAPE_DIR, LANDSCAPE_INDEX, landscapeFileName, landscapeIndex, parseLandscape, type LandscapeFile } from '../../src/core/landscapeFile';
import { TASKS } from '../../src/state/schema';
import { validated } from './sweep';

export function formatLandscape(file: LandscapeFile): string {
  const { cells, ...rest } = file;
  // Arrays of numbers (seeds, grid) on one line.
  const head = JSON.stringify({ ...rest, cells: '\0' }, null, 2).replace(/\[\s+([-\d.e+,\s]+?)\s+\]/g, (_, xs: string) => `[${xs.split(/,\s*/).join(', ')}]`);
  const body = cells.length ? `[\n${cells.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]` : '[]';
  return `${head.replace('"\\u0000"', body)}\n`;
}

export function writeLandscape(path: string, file: LandscapeFile): void {
  const text = formatLandscape(validated(file));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  // A whole file in the site's landscape folder: list it in the folder's index, which the page reads.
  if (!file.shard && basename(path) === landscapeFileName(file.task) && dirname(path).endsWith(`${sep}public${sep}${LANDSCAPE_DIR}`)) writeLandscapeIndex(dirname(path));
}

/** Writes `index.json` listing the tasks whose file is in `dir`. */
export function writeLandscapeIndex(dir: string): void {
  const present = TASKS.filter((t) => existsSync(join(dir, landscapeFileName(t))));
  writeFileSync(join(dir, LANDSCAPE_INDEX), `${JSON.stringify(landscapeIndex(present), null, 2)}\n`);
}

/** The file at `path`, or an error naming the file and the problem. */
export function readLandscape(path: string): LandscapeFile {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  const r = parseLandscape(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.error}`);
  return r.value;
}
