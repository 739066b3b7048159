/** Where a sweep's numbers came from: the commit and whether the tree differed from it. */
import { execFileSync } from 'node:child_process';
import { LANDSCAPE_DIR } from '../../src/core/landscapeFile';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/**
 * HEAD and whether any file differs from it, landscape outputs aside (writing them must not mark
 * the next sweep dirty). Outside a git checkout: commit 'unknown', dirty.
 */
export function codeVersion(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = git(root, ['rev-parse', 'HEAD']);
    const changes = git(root, ['status', '--porcelain', '--', '.', `:(exclude)public/${LANDSCAPE_DIR}`]);
    return { commit, dirty: changes.length > 0 };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}
