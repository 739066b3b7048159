/**
 * Figure export shared by every chart: a self-contained SVG of the figure (computed styles
 * inlined, CSS variables resolved, canvas layers embedded as PNG data URLs), a PNG at twice the
 * figure's CSS size, CSV of its data, and downloads through a blob URL.
 * A figure is whatever element the chart hands over: every <svg> and <canvas> inside it is
 * placed at its on-screen position, and text marked data-export="html" (titles, legends) is
 * written as SVG text. Elements marked data-export="skip" are left out.
 */
import { inlineStyle, resolveCssVars, toCsv, type CsvSettings, type FigureData } from './exportFormat';

export type { CsvSettings, FigureData } from './exportFormat';
import { appendHtmlText } from './exportHtmlText';

export * from './exportFormat';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

function skipped(el: Element): boolean {
  return el.closest('[data-export="skip"]') !== null;
}

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none';
}

/** Copies computed styles of `src` and its descendants onto the parallel clone `dst`. */
function inlineTree(src: Element, dst: Element, lookupVar: (n: string) => string): void {
  const cs = getComputedStyle(src);
  const style = inlineStyle(src.tagName, (p) => cs.getPropertyValue(p), lookupVar);
  if (style) dst.setAttribute('style', style);
  else dst.removeAttribute('style');
  dst.removeAttribute('class');
  for (const attr of Array.from(dst.attributes)) {
    if (attr.value.includes('var(')) dst.setAttribute(attr.name, resolveCssVars(attr.value, lookupVar));
  }
  const a = src.children;
  const b = dst.children;
  for (let i = 0; i < a.length && i < b.length; i++) inlineTree(a[i], b[i], lookupVar);
}

export interface ExportedSvg {
  /** Serialised, standalone SVG document. */
  text: string;
  /** The figure's CSS size in pixels. */
  width: number;
  height: number;
}

/** One standalone SVG holding every svg and canvas layer of `root`, where they are on screen. */
export function figureToSvg(root: HTMLElement, title?: string): ExportedSvg {
  const box = root.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const rootStyle = getComputedStyle(root);
  const lookupVar = (name: string) => rootStyle.getPropertyValue(name);
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('xmlns:xlink', XLINK_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', rootStyle.fontFamily);
  if (title) {
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    out.appendChild(t);
  }
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', resolveCssVars('var(--bg-raised, #ffffff)', lookupVar));
  out.appendChild(bg);

  const layers = Array.from(root.querySelectorAll('svg, canvas')).filter(
    (el) => !(el.tagName.toLowerCase() === 'svg' && el.parentElement?.closest('svg')) && !skipped(el) && visible(el),
  );
  for (const el of layers) {
    const r = el.getBoundingClientRect();
    const x = String(Math.round((r.left - box.left) * 100) / 100);
    const y = String(Math.round((r.top - box.top) * 100) / 100);
    if (el instanceof HTMLCanvasElement) {
      const img = document.createElementNS(SVG_NS, 'image');
      img.setAttribute('x', x);
      img.setAttribute('y', y);
      img.setAttribute('width', String(r.width));
      img.setAttribute('height', String(r.height));
      img.setAttribute('preserveAspectRatio', 'none');
      const url = el.toDataURL('image/png');
      img.setAttribute('href', url);
      img.setAttributeNS(XLINK_NS, 'xlink:href', url);
      out.appendChild(img);
    } else {
      const clone = el.cloneNode(true) as SVGSVGElement;
      inlineTree(el, clone, lookupVar);
      clone.setAttribute('x', x);
      clone.setAttribute('y', y);
      clone.setAttribute('width', String(r.width));
      clone.setAttribute('height', String(r.height));
      // Interactive-only parts (hover rules, focus rings) carry data-export="skip" too.
      for (const s of Array.from(clone.querySelectorAll('[data-export="skip"]'))) s.remove();
      out.appendChild(clone);
    }
  }
  appendHtmlText(root, box, out);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
  return { text, width, height };
}

/** Rasterises an exported SVG at `scale` × its CSS size. */
export async function svgToPng(svg: ExportedSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('the SVG could not be rasterised'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `name` through a temporary blob URL and an <a download>. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function csvBlob(data: FigureData, settings?: CsvSettings): Blob {
  return new Blob([toCsv(data, settings)], { type: 'text/csv;charset=utf-8' });
}

/** Copies text; resolves false when the clipboard is not available (the caller shows the text). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
