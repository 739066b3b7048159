/** Number formats of the Dynamics figures. */

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/** λ with an index as the page writes it: λ₁, λ₁₂. */
export function lambda(k: number): string {
  return `λ${String(k).replace(/[0-9]/g, (c) => SUBSCRIPT[Number(c)])}`;
}

/** 10^k as the page writes it: 1, 10, 10², 10⁻³. */
export function pow10(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return `10${String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c])}`;
}

/** Bits per step with a true minus sign and three decimals: −0.071. */
export function fmtBits(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const t = v.toFixed(3);
  return t.startsWith('-') ? `−${t.slice(1)}` : t;
}
