/**
 * "As in the authors' code": a one-click preset, and the table of every default that differs from
 * the authors' settings, with the reason (state/authors.ts).
 */
import { useAppState } from '../../app/useAppState';
import { authorsSettings, DEVIATIONS } from '../../state/authors';
import { appStore } from '../../state/store';
import styles from './trainPanel.module.css';

export function AuthorsSettings() {
  const task = useAppState((s) => s.task);
  return (
    <details className={styles.authors} data-testid="authors-settings">
      <summary>How these defaults differ from the authors’ code</summary>
      <table className={styles.deviations} data-testid="deviations">
        <thead>
          <tr>
            <th scope="col">setting</th>
            <th scope="col">authors’ code</th>
            <th scope="col">here, by default</th>
            <th scope="col">why</th>
          </tr>
        </thead>
        <tbody>
          {DEVIATIONS.map((d) => (
            <tr key={d.what}>
              <th scope="row">{d.what}</th>
              <td>{d.authors}</td>
              <td>{d.here}</td>
              <td>{d.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => appStore().set(authorsSettings(task))} data-testid="authors-preset">
          Use the authors’ settings
        </button>{' '}
        learning rate {task === 'copy' ? '1e-3' : '1e-4'}, no clipping, n and s unconstrained, PyTorch’s biases, n₀ drawn from [5, 7], s₀ = 0 (then reset to
        train with them). Sizes and tasks stay as chosen: expect slow learning at these rates within a browser’s budget.
      </p>
    </details>
  );
}
