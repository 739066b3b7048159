/**
 * The comparison's figures: every compared setting's loss and accuracy on one chart, and where
 * each run's (n, s) went on the pad, each in its own colour. Also the #embed=compare target, with
 * the comparison's play and pause buttons above it.
 */
import { memo, useContext, useMemo, useRef } from 'react';
import { useAppState } from '../../app/useAppState';
import { LossChart } from '../../charts/loss/LossChart';
import { NSPad } from '../../charts/NSPad';
import { PadMarks } from '../../charts/pad/PadMarks';
import { FigureChrome, FigureFrame } from '../../charts/frame/FigureFrame';
import { appStore } from '../../state/store';
import { useRunEntries, useRuns } from '../useRun';
import { chanceFor } from '../train/chance';
import { csvSettings } from '../train/csvSettings';
import { useOnScreen } from '../train/useOnScreen';
import { CompareButtons } from './CompareButtons';
import { compareSeries } from './compareSeries';
import slot from '../../app/figureSlot.module.css';
import train from '../train/trainPanel.module.css';

export const CompareFigure = memo(function CompareFigure({ controls = true }: { controls?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const { bare } = useContext(FigureChrome);
  const entries = useRunEntries('compare');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { active: useOnScreen(ref), name: 'compare' });
  const task = useAppState((s) => s.task);
  const seed = useAppState((s) => s.seed);
  const delay = useAppState((s) => s.delay);
  const logY = useAppState((s) => s.logy);
  const chance = chanceFor(task, seed, delay, views[0]?.task ?? null);
  const series = useMemo(() => compareSeries(entries, views), [entries, views]);
  const settings = { ...csvSettings(entries[0]?.config, Math.min(...views.map((v) => v.step), Infinity)), mode: 'compared', runs: entries.map((e) => e.label).join('; ') };
  return (
    <figure className={`${slot.figureSlot} ${train.trainFigure}`} data-testid="figure-compare" ref={ref}>
      {controls && !bare && <CompareButtons />}
      <LossChart
        series={series}
        name="compare"
        embed="compare"
        title="Loss and accuracy, side by side"
        chanceLoss={chance?.loss}
        chanceAcc={chance?.acc}
        chanceLabel={chance?.label}
        logY={logY}
        onLogY={(v) => appStore().set({ logy: v })}
        settings={settings}
      />
    </figure>
  );
});

/** Each compared run's learned (n, s): trajectories (shared n, s), clouds (per neuron), points (fixed). */
export const ComparePad = memo(function ComparePad() {
  const ref = useRef<HTMLDivElement>(null);
  const entries = useRunEntries('compare');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, active: useOnScreen(ref), name: 'compare-pad' });
  const marks = entries.map((e, i) => {
    const v = views[i];
    const traj = v?.trajectory.map((f) => f.value) ?? [];
    const cloud = v?.current && v.current.n.length > 1 ? v.current : undefined;
    return { e, traj, cloud };
  });
  return (
    <div ref={ref}>
      <FigureFrame
        name="compare-pad"
        title="Where n and s went"
        testId="compare-pad"
        caption={<p>Static runs stay where they start; learned ones trace their path (shared n, s) or end as a cloud of per-neuron (n_i, s_i). tanh and ReLU have no n and s.</p>}
        data={() => ({
          columns: ['run', 'step', 'n', 's'],
          rows: entries.flatMap((e, i) => (views[i]?.trajectory ?? []).map((f) => [e.label, f.step, f.value.n, f.value.s])),
        })}
      >
        <NSPad
          readOnly
          label="learned (n, s) of the compared runs"
          layers={(sc) =>
            marks.map(({ e, traj, cloud }, i) => <PadMarks key={e.runId} sc={sc} trajectory={cloud ? undefined : traj} cloud={cloud} colour={e.colour} countOutside={i === 0} testId={`compare-pad-run-${i}`} />)
          }
        />
      </FigureFrame>
    </div>
  );
});
