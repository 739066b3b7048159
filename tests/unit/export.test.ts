import { describe, expect, it } from 'vitest';
import { embedHref, embedSnippet, fileName, inlineStyle, resolveCssVars, toCsv } from '../../src/charts/exportFormat';

/** A strict RFC 4180 reader: the test's own parser, to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) throw new Error('missing final CRLF');
  return rows;
}

describe('CSV writer', () => {
  it('writes a header and one CRLF-terminated row per point', () => {
    const csv = toCsv({ columns: ['step', 'loss'], rows: [[1, 2.5], [2, 0.125]] });
    expect(csv).toBe('step,loss\r\n1,2.5\r\n2,0.125\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and round-trips', () => {
    const rows = [
      ['plain', 'a,b', 'say "hi"'],
      ['multi\nline', 'cr\rhere', ''],
      [null, undefined, true],
    ];
    const csv = toCsv({ columns: ['x', 'y, z', 'w'], rows });
    expect(csv).toContain('"a,b"');
    expect(csv).toContain('"say ""hi"""');
    const back = parseCsv(csv);
    expect(back).toEqual([
      ['x', 'y, z', 'w'],
      ['plain', 'a,b', 'say "hi"'],
      ['multi\nline', 'cr\rhere', ''],
      ['', '', 'true'],
    ]);
  });

  it('keeps full float precision and names non-finite numbers', () => {
    const back = parseCsv(toCsv({ columns: ['v'], rows: [[0.1 + 0.2], [NaN], [Infinity], [-Infinity], [1e-300]] }));
    expect(Number(back[1][0])).toBe(0.1 + 0.2);
    expect(back.slice(2).map((r) => r[0])).toEqual(['NaN', 'Infinity', '-Infinity', '1e-300']);
  });

  it('takes records and builds the header from their keys', () => {
    expect(toCsv([{ a: 1, b: 2 }, { a: 3, c: 'x' }])).toBe('a,b,c\r\n1,2,\r\n3,,x\r\n');
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => toCsv({ columns: ['a', 'b'], rows: [[1]] })).toThrow(/header/);
  });
});

describe('CSS variables and inline styles', () => {
  const vars: Record<string, string> = { '--accent': '#d9480f', '--alias': 'var(--accent)', '--w': ' 2px ' };
  const lookup = (n: string) => vars[n] ?? '';

  it('resolves variables, nested variables and fallbacks', () => {
    expect(resolveCssVars('var(--accent)', lookup)).toBe('#d9480f');
    expect(resolveCssVars('var(--alias)', lookup)).toBe('#d9480f');
    expect(resolveCssVars('var(--missing, rgb(1, 2, 3))', lookup)).toBe('rgb(1, 2, 3)');
    expect(resolveCssVars('var(--missing, var(--accent))', lookup)).toBe('#d9480f');
    expect(resolveCssVars('solid var(--w) var(--accent)', lookup)).toBe('solid 2px #d9480f');
    expect(resolveCssVars('none', lookup)).toBe('none');
  });

  it('does not loop on a self-referencing variable', () => {
    expect(resolveCssVars('var(--self)', (n) => (n === '--self' ? 'var(--self)' : ''))).not.toContain('undefined');
  });

  it('writes non-initial presentation properties, and text ones only on text', () => {
    const computed: Record<string, string> = {
      fill: 'none',
      stroke: 'var(--accent)',
      'stroke-width': '3px',
      opacity: '1',
      'stroke-dasharray': 'none',
      'font-size': '12px',
      'text-anchor': 'middle',
      display: 'inline',
    };
    const get = (p: string) => computed[p] ?? '';
    expect(inlineStyle('path', get, lookup)).toBe('fill:none;stroke:#d9480f;stroke-width:3px');
    expect(inlineStyle('text', get, lookup)).toBe('fill:none;stroke:#d9480f;stroke-width:3px;font-size:12px;text-anchor:middle');
  });
});

describe('embed code', () => {
  it('puts embed first, keeps the state, replaces an older embed', () => {
    expect(embedHref('https://x.org/a/#n=2&s=0.5', 'loss')).toBe('https://x.org/a/#embed=loss&n=2&s=0.5');
    expect(embedHref('https://x.org/a/', 'gamma')).toBe('https://x.org/a/#embed=gamma');
    expect(embedHref('https://x.org/a/#embed=pad&n=3', 'loss')).toBe('https://x.org/a/#embed=loss&n=3');
  });

  it('is a full-width iframe with the src, a fitting height and an escaped title, and a script that follows the figure’s height', () => {
    const s = embedSnippet('https://x.org/#n=2&s=1', 'phaseplane', 'Phase "plane"', 612.4);
    const [iframe, script] = s.split('\n');
    expect(iframe).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(iframe).toContain('src="https://x.org/#embed=phaseplane&amp;n=2&amp;s=1"');
    expect(iframe).toContain('width="100%"');
    expect(iframe).toContain('height="613"');
    expect(iframe).toContain('title="Phase &quot;plane&quot;"');
    expect(script).toMatch(/^<script>.*'adaptive-activations:height'.*f\.contentWindow === e\.source.*<\/script>$/);
  });

  it('starts a CSV with the settings it came from', () => {
    expect(toCsv({ columns: ['step', 'loss'], rows: [[1, 2.3]] }, { task: 'rows', seed: 1 })).toBe('# task: rows\r\n# seed: 1\r\nstep,loss\r\n1,2.3\r\n');
  });

  it('makes safe file names', () => {
    expect(fileName('Loss & accuracy', 'csv')).toBe('loss-accuracy.csv');
    expect(fileName('', 'svg')).toBe('figure.svg');
  });
});
