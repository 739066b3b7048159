/**
 * Yielding to the event loop: between chunks of steps, and before a figure's render (panels/
 * figureClock.ts). Never requestAnimationFrame: frames stop in a hidden tab and
 * training must not. MessageChannel returns to the event loop without setTimeout's 4 ms clamp.
 */
export function macrotaskYield(): () => Promise<void> {
  // node (tests, scripts): setImmediate lets timers run in between; a port would starve them.
  if (typeof setImmediate === 'function') return () => new Promise((ok) => setImmediate(ok));
  if (typeof MessageChannel === 'undefined') return () => new Promise((ok) => setTimeout(ok, 0));
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((ok) => {
      waiting.push(ok);
      channel.port2.postMessage(0);
    });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}
