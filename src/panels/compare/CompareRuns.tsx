/**
 * One line per compared run: its colour, setting, step, status and backend, so the reader sees
 * the runs advance together.
 */
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';
import common from '../../app/common.module.css';
import parts from '../../charts/shared/chartParts.module.css';
import styles from './comparePanel.module.css';

const STATUS: Record<string, string> = { idle: 'ready', running: 'training', paused: 'paused', diverged: 'diverged', failed: 'stopped' };

export function CompareRuns({ entries, views }: { entries: readonly RunEntry[]; views: readonly RunView[] }) {
  if (!entries.length) return <p className={common.mutedText}>No comparison yet: press play to build and train it.</p>;
  return (
    <table className={styles.compareRuns} data-testid="compare-runs">
      <thead>
        <tr>
          <th scope="col">run</th>
          <th scope="col">step</th>
          <th scope="col">status</th>
          <th scope="col">backend</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => {
          const v = views[i];
          return (
            <tr key={e.runId} data-testid={`compare-run-${i}`} title={v?.reason}>
              <td>
                <span className={parts.swatch} style={{ background: e.colour }} /> {e.label}
              </td>
              <td data-testid="status-step">{v?.step ?? 0}</td>
              <td data-testid="compare-run-status" data-status={v?.status ?? 'idle'}>
                {v?.backend || (v?.step ?? 0) > 0 || v?.status === 'failed' ? (STATUS[v?.status ?? 'idle'] ?? v?.status) : 'starting…'}
              </td>
              <td data-testid="status-backend">{v?.backendName ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
