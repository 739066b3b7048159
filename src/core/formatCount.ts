/**
 * Whole numbers with thousands separators ("1,894"), in English whatever the reader's locale, so
 * that text and tests read the same everywhere. One formatter for the page: toLocaleString with a
 * locale builds a new one on every call (about half a millisecond in Chromium), which adds up in
 * lines re-rendered while a run trains.
 */
const EN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return EN.format(n);
}
