/**
 * The one export menu every figure carries: SVG, PNG (2×), CSV of the figure's data, and the
 * iframe snippet that embeds the figure with the page's current state.
 *
 *   <ExportMenu target={ref} name="gamma" title="The γ family" data={() => rows} embed="gamma" />
 */
import { useState, type RefObject } from 'react';
import type { FigureId } from '../state/schema';
import { copyText, csvBlob, download, embedSnippet, figureToSvg, fileName, svgToPng, type CsvSettings, type FigureData } from './export';
import styles from './exportMenu.module.css';

export interface ExportMenuProps {
  /** The figure's root element: every svg and canvas inside it is exported. */
  target: RefObject<HTMLElement | null>;
  /** File name stem and test-id stem, e.g. "loss". */
  name: string;
  /** Human title: the SVG's <title> and the iframe's title attribute. */
  title?: string;
  /** The figure's data, one row per point; no CSV entry when absent. */
  data?: () => FigureData;
  /** Settings the data came from, written at the top of the CSV. */
  settings?: CsvSettings;
  /** Figure id for #embed=…; no embed entry when absent. */
  embed?: FigureId;
}

/** Room an embed needs beyond the figure: its controls row and the link to the full page. */
const EMBED_EXTRA_PX = 96;

export function ExportMenu({ target, name, title, data, settings, embed }: ExportMenuProps) {
  const [note, setNote] = useState('');
  const [snippet, setSnippet] = useState<string | null>(null);
  const [lastCode, setLastCode] = useState('');
  const label = title ?? name;

  const run = (what: string, job: () => Promise<void> | void) => async () => {
    try {
      await job();
      setNote(`${what} ready`);
    } catch (e) {
      setNote(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const root = () => {
    const el = target.current;
    if (!el) throw new Error('the figure is not on the page');
    return el;
  };

  const onSvg = run('SVG', () => {
    const svg = figureToSvg(root(), label);
    download(new Blob([svg.text], { type: 'image/svg+xml' }), fileName(name, 'svg'));
  });
  const onPng = run('PNG', async () => {
    const svg = figureToSvg(root(), label);
    download(await svgToPng(svg, 2), fileName(name, 'png'));
  });
  const onCsv = data ? run('CSV', () => download(csvBlob(data(), settings), fileName(name, 'csv'))) : undefined;
  const onEmbed = embed
    ? async () => {
        const r = target.current?.getBoundingClientRect();
        const code = embedSnippet(location.href, embed, label, (r?.height ?? 480) + EMBED_EXTRA_PX);
        setLastCode(code);
        const ok = await copyText(code);
        setSnippet(ok ? null : code);
        setNote(ok ? 'Embed code copied' : 'Copy the embed code below');
      }
    : undefined;

  return (
    <details className={styles.menu} data-export="skip" data-testid={`export-${name}`} data-embed-code={lastCode || undefined}>
      <summary aria-label={`Export ${label}`}>Export</summary>
      <div className={styles.items} role="group" aria-label={`Export ${label}`}>
        <button type="button" onClick={onSvg} data-testid={`export-${name}-svg`}>
          SVG
        </button>
        <button type="button" onClick={onPng} data-testid={`export-${name}-png`}>
          PNG (2×)
        </button>
        {onCsv && (
          <button type="button" onClick={onCsv} data-testid={`export-${name}-csv`}>
            CSV data
          </button>
        )}
        {onEmbed && (
          <button type="button" onClick={onEmbed} data-testid={`export-${name}-embed`}>
            Copy embed code
          </button>
        )}
        <p className={styles.note} aria-live="polite" data-testid={`export-${name}-note`}>
          {note}
        </p>
      </div>
      {snippet && (
        <textarea
          className={styles.snippet}
          readOnly
          value={snippet}
          rows={3}
          aria-label="Embed code"
          data-testid={`export-${name}-snippet`}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </details>
  );
}

export default ExportMenu;
