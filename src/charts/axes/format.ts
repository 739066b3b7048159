/** Number formats shared by the family figures' readouts and tooltips. */

/** Three significant digits, plain notation for everyday magnitudes: 0.0139, 2.5, 100. */
export function fmt3(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** Fixed decimals with a true minus sign, so columns of values line up. */
export function fmtFixed(v: number, digits: number): string {
  const t = v.toFixed(digits);
  return t.startsWith('-') ? `−${t.slice(1)}` : t;
}
