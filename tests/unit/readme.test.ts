/** README.md's URL table is the one the settings schema generates (npm run readme rewrites it). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { urlTable } from '../../scripts/readme/urlTable';
import { SCHEMA } from '../../src/state/schema';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every URL key as the schema declares it (run npm run readme after changing a setting)', () => {
    expect(readme).toContain(urlTable());
    for (const key of Object.keys(SCHEMA)) expect(urlTable()).toContain(`| \`${key}\` |`);
  });

  it('opens with the command that serves the page and the one that runs the tests', () => {
    expect(readme.split('\n').slice(0, 4).join('\n')).toBe('```sh\nnpm ci && npm start\nnpm test\n```');
  });
});
