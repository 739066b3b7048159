/**
 * The comparison's runs as the loss chart's series: one per compared setting, in its colour. One
 * seed: the run's smoothed curves and test points. Several: the mean over seeds with a ± sd band.
 */
import type { LossSeries } from '../../charts/loss/lossSeries';
import { meanBand } from '../../charts/loss/replicates';
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';

export function compareSeries(entries: readonly RunEntry[], views: readonly RunView[]): LossSeries[] {
  const groups = new Map<string, { entry: RunEntry; views: RunView[] }>();
  entries.forEach((e, i) => {
    const key = e.preset ?? e.runId;
    const g = groups.get(key) ?? { entry: e, views: [] };
    if (views[i]) g.views.push(views[i]);
    groups.set(key, g);
  });
  return [...groups.entries()].map(([key, { entry, views: vs }]) => {
    const label = entry.label.replace(/, seed \d+$/, '');
    if (vs.length <= 1) {
      const v = vs[0];
      const empty = { x: new Float64Array(0), y: new Float64Array(0), length: 0 };
      return { key, label, colour: entry.colour, lossSmooth: v?.lossSmooth ?? empty, accSmooth: v?.accSmooth ?? empty, tests: v?.tests ?? [] };
    }
    const loss = meanBand(vs.map((v) => v.lossSmooth));
    const acc = meanBand(vs.map((v) => v.accSmooth));
    const empty = { x: new Float64Array(0), y: new Float64Array(0), length: 0 };
    return {
      key,
      label: `${label} (${vs.length} seeds, mean ± sd)`,
      colour: entry.colour,
      lossSmooth: loss?.mean ?? empty,
      accSmooth: acc?.mean ?? empty,
      lossBand: loss?.band,
      accBand: acc?.band,
      tests: [],
    };
  });
}
