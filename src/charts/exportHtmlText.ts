/**
 * Turns marked HTML (titles, legends, notes: data-export="html") into SVG for a figure export:
 * each line of text becomes a <text> where it is on screen, with its computed font and colour,
 * and each empty inline box (a legend swatch) a <rect> with its background and top border.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

function transparent(c: string): boolean {
  return c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
}

/** Appends SVG for every marked HTML element under `root` to `out`, positioned relative to `box`. */
export function appendHtmlText(root: HTMLElement, box: DOMRect, out: SVGElement): void {
  const marked = Array.from(root.querySelectorAll<HTMLElement>('[data-export="html"]')).filter((el) => el.getClientRects().length > 0);
  for (const el of marked) {
    // Swatches: empty elements with a size.
    for (const sw of Array.from(el.querySelectorAll<HTMLElement>('*'))) {
      if (sw.textContent?.trim()) continue;
      const r = sw.getBoundingClientRect();
      if (r.width <= 0) continue;
      const cs = getComputedStyle(sw);
      const rect = document.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('x', String(r.left - box.left));
      rect.setAttribute('y', String(r.top - box.top));
      rect.setAttribute('width', String(r.width));
      const bw = parseFloat(cs.borderTopWidth) || 0;
      const hasTop = bw > 0 && cs.borderTopStyle !== 'none';
      rect.setAttribute('height', String(Math.max(r.height, hasTop ? bw : 0)));
      rect.setAttribute('fill', !transparent(cs.backgroundColor) ? cs.backgroundColor : hasTop ? cs.borderTopColor : 'none');
      if (parseFloat(cs.borderTopLeftRadius) > 0) rect.setAttribute('rx', String(Math.min(r.width, r.height) / 2));
      if (hasTop && cs.borderTopStyle === 'dashed') {
        rect.setAttribute('fill', 'none');
        rect.setAttribute('stroke', cs.borderTopColor);
        rect.setAttribute('stroke-dasharray', '4 3');
      }
      if (cs.opacity !== '1') rect.setAttribute('opacity', cs.opacity);
      out.appendChild(rect);
    }
    // Text, line by line as laid out on screen.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!text.trim() || !node.parentElement) continue;
      const cs = getComputedStyle(node.parentElement);
      const range = document.createRange();
      // Split into the rendered lines: measure word by word and group by line top.
      const lines: { top: number; left: number; bottom: number; text: string }[] = [];
      const re = /\S+\s*/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const r = range.getClientRects()[0];
        if (!r) continue;
        const line = lines.find((l) => Math.abs(l.top - r.top) < 2);
        if (line) line.text += m[0];
        else lines.push({ top: r.top, left: r.left, bottom: r.bottom, text: (m.index === 0 && /^\s/.test(text) ? ' ' : '') + m[0] });
      }
      for (const l of lines) {
        const t = document.createElementNS(SVG_NS, 'text');
        t.setAttribute('x', String(l.left - box.left));
        t.setAttribute('y', String(l.bottom - box.top - (l.bottom - l.top) * 0.25));
        t.setAttribute('style', `font-family:${cs.fontFamily};font-size:${cs.fontSize};font-weight:${cs.fontWeight};font-style:${cs.fontStyle};fill:${cs.color};white-space:pre`);
        t.textContent = l.text.replace(/\s+$/, '');
        out.appendChild(t);
      }
    }
  }
}
