/// <reference types="@webgpu/types" />
/**
 * The GPU device behind a tfjs backend can be lost at any moment (a driver reset, the browser
 * reclaiming it). The webgpu backend keeps its GPUDevice as `device`; its `lost` promise settles
 * then. Returns what to tell the reader when that happens, or null for a backend without a device.
 */
export function deviceLost(backend: unknown): Promise<string> | null {
  const device = (backend as { device?: Pick<GPUDevice, 'lost'> } | null)?.device;
  if (!device || typeof device.lost?.then !== 'function') return null;
  return device.lost.then((info) => `device lost${info.message ? ` (${info.message})` : info.reason ? ` (${info.reason})` : ''}`);
}
