/**
 * The learned n and s as numbers, beside the trajectory: now and at the start, or for per-neuron
 * runs their median and the 10–90 % range across neurons.
 */
import { quantile } from 'd3';
import type { ParamSet } from '../../state/runTypes';
import { fmt3 } from '../axes/format';
import parts from '../shared/chartParts.module.css';
import styles from './activation.module.css';

interface Props {
  now: ParamSet | null;
  initial: ParamSet | null;
  step: number;
  perNeuron: boolean;
}

function spread(values: ArrayLike<number>): string {
  const v = Array.from(values);
  return `median ${fmt3(quantile(v, 0.5) ?? NaN)} (10–90 %: ${fmt3(quantile(v, 0.1) ?? NaN)} … ${fmt3(quantile(v, 0.9) ?? NaN)})`;
}

export function ParamReadout({ now, initial, step, perNeuron }: Props) {
  if (!now || now.n.length === 0) return null;
  return (
    <dl className={styles.paramReadout} data-testid="param-readout" data-export="html">
      <div>
        <dt>{perNeuron ? 'n_i' : 'n'}</dt>
        <dd data-testid="param-readout-n">
          {perNeuron ? spread(now.n) : fmt3(now.n[0])}
          {!perNeuron && initial && <span className={parts.muted}> (from {fmt3(initial.n[0])})</span>}
        </dd>
      </div>
      <div>
        <dt>{perNeuron ? 's_i' : 's'}</dt>
        <dd data-testid="param-readout-s">
          {perNeuron ? spread(now.s) : fmt3(now.s[0])}
          {!perNeuron && initial && <span className={parts.muted}> (from {fmt3(initial.s[0])})</span>}
        </dd>
      </div>
      <div>
        <dt>at step</dt>
        <dd>{step}</dd>
      </div>
    </dl>
  );
}
