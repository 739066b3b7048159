/**
 * The frame every figure sits in: its title, optional tools (toggles, selects) beside it, the
 * export menu (SVG, PNG, CSV, embed code), the figure itself and its caption. Embedded as "figure
 * only", the tools and the menu are left out (FigureChrome). Everything marked data-export="skip"
 * stays out of the exported SVG and PNG; the title and caption go in as text.
 */
import { createContext, useContext, useRef, type ReactNode } from 'react';
import type { FigureId } from '../../state/schema';
import { ExportMenu } from '../ExportMenu';
import type { CsvSettings, FigureData } from '../exportFormat';
import styles from './FigureFrame.module.css';

/** Whether figures show their tools and export menu (an embed can ask for the figure alone). */
export const FigureChrome = createContext<{ bare: boolean }>({ bare: false });

export interface FigureFrameProps {
  /** File-name and test-id stem of the export menu ("loss" → export-loss). */
  name: string;
  title: string;
  /** The root's data-testid. */
  testId: string;
  /** Tools next to the title (hidden in a bare embed). */
  tools?: ReactNode;
  /** Below the figure; exported as text. */
  caption?: ReactNode;
  /** One row per point; no CSV entry when absent. */
  data?: () => FigureData;
  /** Settings the data came from (task, mode, seed, lr, N, batch, steps), at the top of the CSV. */
  settings?: CsvSettings;
  /** Figure id for #embed=…; no embed entry when absent. */
  embed?: FigureId;
  className?: string;
  children: ReactNode;
  /** Extra attributes on the root (data-* the tests read). */
  attrs?: Record<string, string | number | undefined>;
}

export function FigureFrame({ name, title, testId, tools, caption, data, settings, embed, className, children, attrs }: FigureFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { bare } = useContext(FigureChrome);
  return (
    <div className={`${styles.frame} ${className ?? ''}`} ref={ref} data-testid={testId} {...attrs}>
      <div className={styles.head}>
        <h3 className={styles.title} data-export="html">
          {title}
        </h3>
        {!bare && tools}
        {!bare && <ExportMenu target={ref} name={name} title={title} data={data} settings={settings} embed={embed} />}
      </div>
      {children}
      {caption && (
        <div className={styles.caption} data-export="html">
          {caption}
        </div>
      )}
    </div>
  );
}
