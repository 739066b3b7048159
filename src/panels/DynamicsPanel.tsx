/**
 * Section "Dynamics": what the activation does to the network as a dynamical system. λ₁ across
 * training (from the training worker), the spectrum and gradient reach of the run's latest
 * weights, and (n, s) maps of untrained networks (both from the dynamics worker), with plain words
 * on what they mean for memory and trainability. Every number is measured by the page itself.
 */
import { useAppState } from '../app/useAppState';
import { LyapunovWords, MapWords } from './dynamics/DynamicsText';
import { GradMapFigure, MiMapFigure } from './dynamics/mapFigures';
import { RunBar } from './dynamics/RunBar';
import { GradientsFigure, LyapunovFigure, SpectrumFigure } from './dynamics/runFigures';
import common from '../app/common.module.css';
import styles from './dynamics/dynamicsPanel.module.css';

export default function DynamicsPanel() {
  const hidden = useAppState((s) => s.hidden);
  return (
    <div data-testid="dynamics-panel">
      <p className={common.lede}>
        A recurrent network is a dynamical system: run it with no input and its state either settles, wanders forever, or
        sits in between. The Lyapunov exponents measure which, in bits per step (the paper’s unit): by how many bits a tiny
        difference between two states grows or shrinks at each step. They decide how long the network can remember, and how
        far back through time training can assign blame. Here they are measured live on the Train section’s network (N ={' '}
        {hidden} neurons).
      </p>
      <RunBar />
      <LyapunovWords />
      <div className={styles.dynFigures}>
        <div className={styles.dynWide}>
          <LyapunovFigure controls={false} />
        </div>
        <div className={styles.dynWide}>
          <SpectrumFigure controls={false} />
        </div>
        <div className={styles.dynWide}>
          <GradientsFigure controls={false} />
        </div>
      </div>
      <h3 className={common.subhead}>Over the whole (n, s) plane</h3>
      <MapWords />
      <div className={styles.dynFigures}>
        <div>
          <GradMapFigure controls={false} />
        </div>
        <div>
          <MiMapFigure controls={false} />
        </div>
      </div>
    </div>
  );
}
