/** Rewrites README.md's generated parts (the URL table) from the source. Run: npm run readme. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withUrlTable } from './readme/urlTable';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withUrlTable(before);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'README.md is current\n' : 'README.md: URL table rewritten\n');
