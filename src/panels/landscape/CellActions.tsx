/** The picked cell: its numbers, and the two ways to train it (live, or in the comparison). */
import { useState } from 'react';
import { useAppState } from '../../app/useAppState';
import type { LandscapeFile } from '../../core/landscapeFile';
import type { CellSummary } from '../../core/landscapeStats';
import { spreadText } from '../../charts/landscape/CellTip';
import { SCHEMA } from '../../state/schema';
import { accText, cellName } from './LandscapeFinding';
import { addCellToComparison, differingSettings, openCellAsRun, scrollToSection } from './landscapeActions';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import styles from './landscapePanel.module.css';

export function CellActions({ cell, file, isBest }: { cell: CellSummary; file: LandscapeFile; isBest: boolean }) {
  const [added, setAdded] = useState<string | null>(null);
  const differs = useAppState((st) => differingSettings(file, st).join(', '));
  const runs = cell.finished + cell.diverged;
  return (
    <div className={styles.landscapeCell} data-testid="landscape-cell" data-n={cell.n} data-s={cell.s}>
      <p>
        <strong>
          {isBest ? 'Best cell' : 'Picked cell'}: {cellName(cell)}
        </strong>
        <br />
        test accuracy {accText(cell)}, test loss {spreadText(cell.loss, 'loss')} ({cell.finished} of {runs} runs finished).
        {isBest ? ' Click or use the arrow keys on the map to pick another.' : ''}
      </p>
      <div className={`${controls.trainButtons} ${styles.buttons}`}>
        <button type="button" className={controls.primary} onClick={() => openCellAsRun(cell, file)} data-testid="landscape-open">
          ▶ Train it live
        </button>
        <button
          type="button"
          onClick={() => {
            addCellToComparison(cell);
            setAdded(cellName(cell));
          }}
          data-testid="landscape-add"
        >
          + Add to the comparison
        </button>
      </div>
      <p className={common.mutedText}>
        “Train it live” runs it in the Train section with n and s fixed at the cell and the landscape’s settings (N ={' '}
        {file.settings.hidden}, batch {file.settings.batch}, learning rate {file.settings.lr}
        {file.task === 'copy' ? `, delay ${file.settings.delay}` : ''}): at seed {file.seeds[0]} it repeats the file’s first run.
        {differs ? ` The comparison trains with the page’s own settings, which differ in: ${differs}.` : ''}
      </p>
      {added && (
        <p className={controls.notice} role="status" data-testid="landscape-added">
          Static at {added} is in the comparison ({SCHEMA.compare.label}: “static at the page’s n, s”).{' '}
          <button type="button" className={common.linkButton} onClick={() => scrollToSection('compare')}>
            Go to Compare
          </button>
        </p>
      )}
    </div>
  );
}
