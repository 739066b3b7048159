/**
 * The last tour step the reader saw, so "leave tour" can be undone: in memory, and in localStorage
 * when the browser allows it (a private window or a file:// page may not), so it survives a reload.
 */
const KEY = 'adaptive-activation-tour-step';
let last = 0;

export function lastTourStep(): number {
  if (last) return last;
  try {
    last = Number(localStorage.getItem(KEY)) || 0;
  } catch {
    /* storage refused: memory only */
  }
  return last;
}

export function rememberTourStep(k: number): void {
  last = k;
  try {
    localStorage.setItem(KEY, String(k));
  } catch {
    /* as above */
  }
}
