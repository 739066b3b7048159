/**
 * `npm run landscape -- --task <id> [options]` (see scripts/landscape/cli.ts, README "Landscape
 * files"). Registers the module hook that lets node load tfjs's ES modules (nodeHooks.mjs) before
 * anything imports tfjs, then runs the command.
 */
import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

register('./landscape/nodeHooks.mjs', import.meta.url);
const { main } = await import('./landscape/main');

main(process.argv.slice(2), resolve(dirname(fileURLToPath(import.meta.url)), '..')).catch((e: unknown) => {
  process.stderr.write(`landscape: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
