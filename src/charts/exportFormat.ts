/**
 * The pure parts of figure export: CSV text (RFC 4180), CSS variable resolution and style
 * inlining rules for self-contained SVG, and the embed snippet. No DOM here, so all of it is
 * unit-tested in node.
 */

export type Cell = string | number | boolean | null | undefined;

/** A figure's data: one header row, then one row per point. */
export interface CsvTable {
  columns: string[];
  rows: Cell[][];
}

/** What a figure hands the export menu: a table, or records whose keys become the header. */
export type FigureData = CsvTable | Record<string, Cell>[];

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : String(v);
  // RFC 4180: fields holding a comma, a quote or a line break are quoted, quotes doubled.
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toTable(data: FigureData): CsvTable {
  if (!Array.isArray(data)) return data;
  const columns: string[] = [];
  for (const rec of data) for (const k of Object.keys(rec)) if (!columns.includes(k)) columns.push(k);
  return { columns, rows: data.map((rec) => columns.map((c) => rec[c])) };
}

/** What the figure's data came from (task, mode, seed, lr, N, batch, steps): a '# key: value' line each, before the header. */
export type CsvSettings = Record<string, Cell>;

/** CSV with CRLF line ends (RFC 4180): the settings as '#' lines, the header, the rows, a final CRLF. */
export function toCsv(data: FigureData, settings: CsvSettings = {}): string {
  const { columns, rows } = toTable(data);
  const lines = Object.entries(settings).map(([k, v]) => `# ${k}: ${v ?? ''}`);
  lines.push(columns.map(csvField).join(','));
  for (const r of rows) {
    if (r.length !== columns.length) throw new Error(`CSV row has ${r.length} fields, header has ${columns.length}`);
    lines.push(r.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Replaces every var(--name[, fallback]) with its value from `lookup`, recursively (a variable
 * may refer to another). Unknown variables without a fallback become ''.
 */
export function resolveCssVars(value: string, lookup: (name: string) => string, depth = 0): string {
  if (depth > 8 || !value.includes('var(')) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const at = value.indexOf('var(', i);
    if (at < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, at);
    // Find the matching parenthesis (fallbacks may contain parentheses, e.g. rgb(…)).
    let level = 0;
    let end = at + 3;
    for (; end < value.length; end++) {
      if (value[end] === '(') level++;
      else if (value[end] === ')' && --level === 0) break;
    }
    const inner = value.slice(at + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
    const found = lookup(name).trim();
    out += resolveCssVars(found !== '' ? found : fallback, lookup, depth + 1);
    i = end + 1;
  }
  return out;
}

/** Properties that decide how SVG marks look; their computed values are written inline. */
export const SVG_STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
] as const;

/** Computed values equal to the SVG initial value need not be written. */
const INITIAL: Record<string, string> = {
  'fill-opacity': '1',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  opacity: '1',
  'font-style': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'paint-order': 'normal',
  visibility: 'visible',
  display: 'inline',
};

/** Text properties only matter on text elements. */
const TEXT_ONLY = new Set(['font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline']);
const TEXT_TAGS = new Set(['text', 'tspan', 'textPath']);

/**
 * The inline style for one element, from a getter of its computed properties. Skips initial
 * values and text properties on non-text elements; resolves any var() left in a value.
 */
export function inlineStyle(tag: string, computed: (prop: string) => string, lookupVar: (name: string) => string): string {
  const parts: string[] = [];
  for (const prop of SVG_STYLE_PROPS) {
    if (TEXT_ONLY.has(prop) && !TEXT_TAGS.has(tag)) continue;
    let v = computed(prop).trim();
    if (v === '') continue;
    v = resolveCssVars(v, lookupVar);
    if (INITIAL[prop] === v) continue;
    // Quotes inside font-family are fine in a style attribute once serialised as XML.
    parts.push(`${prop}:${v}`);
  }
  return parts.join(';');
}

/**
 * The URL an iframe should load for one figure: the current page with its state, and
 * `embed=<figure>` first (any embed already there is replaced).
 */
export function embedHref(href: string, figure: string): string {
  const hashAt = href.indexOf('#');
  const base = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt + 1);
  const kept = hash.split('&').filter((p) => p !== '' && !/^embed(=|$)/.test(p));
  return `${base}#${[`embed=${encodeURIComponent(figure)}`, ...kept].join('&')}`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The message an embedded figure posts to its parent page with its content height. */
export const EMBED_HEIGHT_MESSAGE = 'adaptive-activations:height';

/**
 * The snippet a blog author pastes: a full-width iframe with a title and a height that fits the
 * figure as it is drawn now, and a small script that keeps the iframe exactly as tall as the
 * figure (which sends its height whenever it changes). Where scripts are stripped, the height
 * still fits a column of about the same width.
 */
export function embedSnippet(href: string, figure: string, title: string, height: number): string {
  const src = embedHref(href, figure);
  const iframe = `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${Math.ceil(height)}" style="border: 0; display: block;" loading="lazy" data-adaptive-embed></iframe>`;
  const script =
    `<script>addEventListener('message', function (e) { var d = e.data; if (!d || d.type !== '${EMBED_HEIGHT_MESSAGE}') return; ` +
    `document.querySelectorAll('iframe[data-adaptive-embed]').forEach(function (f) { if (f.contentWindow === e.source) f.style.height = Math.ceil(d.height) + 'px'; }); });</script>`;
  return `${iframe}\n${script}`;
}

/** A file name from a figure name: lower case, safe characters, the extension appended. */
export function fileName(name: string, ext: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'figure';
  return `${base}.${ext}`;
}
