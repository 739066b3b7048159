/**
 * Builds the production site once and serves dist/ on loopback for every browser test file.
 * Set SKIP_BUILD=1 to reuse an existing dist/ while iterating on tests.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serveStatic, type StaticServer } from '../../scripts/staticServer';

let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!process.env.SKIP_BUILD || !existsSync('dist/index.html')) {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build (twice the
    // size, about three times slower to render): the tests drive the build that ships.
    execSync('npx vite build --logLevel error', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  server = await serveStatic('dist');
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
