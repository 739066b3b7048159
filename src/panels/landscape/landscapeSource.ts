/**
 * Fetches a task's committed landscape file next to the page (public/landscape/<task>.json, so the
 * build runs from any sub-folder), validates it with parseLandscape and summarises its cells, once
 * per task and session. The folder's index (written by npm run landscape) says which tasks have a
 * file, so no request is made for one that does not exist. A missing file and a malformed one are results, not errors: the section
 * shows a note instead of a broken chart. The load and the first draw of the map are timed with
 * performance marks (see LANDSCAPE_MEASURE).
 */
import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { LANDSCAPE_DIR, LANDSCAPE_INDEX, landscapeFileName, parseLandscape, parseLandscapeIndex, type LandscapeFile } from '../../core/landscapeFile';
import { summarizeCells, type CellSummary } from '../../core/landscapeStats';
import type { TaskId } from '../../state/schema';

export type LandscapeLoad =
  | { status: 'loading'; task: TaskId }
  | { status: 'missing'; task: TaskId; detail: string }
  | { status: 'invalid'; task: TaskId; error: string }
  | { status: 'ready'; task: TaskId; file: LandscapeFile; cells: CellSummary[]; arrivedMark: string };

/**
 * performance.measure names: 'landscape-fetch' from the request to the file's text in hand;
 * 'landscape-draw' from there to the heat map's cells in the page (validation, summary, render and
 * commit; the browser's layout and paint follow).
 */
export const LANDSCAPE_FETCH_MEASURE = 'landscape-fetch';
export const LANDSCAPE_MEASURE = 'landscape-draw';

const cache = new Map<TaskId, Promise<LandscapeLoad>>();

export function landscapeUrl(task: TaskId): string {
  return new URL(`${LANDSCAPE_DIR}/${landscapeFileName(task)}`, document.baseURI).href;
}

let index: Promise<readonly TaskId[] | null> | null = null;

/** Tasks the folder's index lists; null when the index cannot be read (then every task is asked for). */
function listedTasks(): Promise<readonly TaskId[] | null> {
  index ??= fetch(new URL(`${LANDSCAPE_DIR}/${LANDSCAPE_INDEX}`, document.baseURI).href)
    .then(async (res) => {
      if (!res.ok) return null;
      const r = parseLandscapeIndex(await res.text());
      return r.ok ? r.value.tasks : null;
    })
    .catch(() => null);
  return index;
}

/** Reads a response into a load result; an HTML page (a host's fallback for unknown paths) is a missing file. */
export function interpret(task: TaskId, ok: boolean, httpStatus: number, text: string, arrivedMark: string): LandscapeLoad {
  if (!ok) return { status: 'missing', task, detail: `HTTP ${httpStatus}` };
  if (/^\s*</.test(text)) return { status: 'missing', task, detail: 'the server answered with a web page' };
  const parsed = parseLandscape(text);
  if (!parsed.ok) return { status: 'invalid', task, error: parsed.error };
  if (parsed.value.task !== task) return { status: 'invalid', task, error: `the file is for task "${parsed.value.task}", not "${task}"` };
  return { status: 'ready', task, file: parsed.value, cells: summarizeCells(parsed.value), arrivedMark };
}

async function load(task: TaskId): Promise<LandscapeLoad> {
  const listed = await listedTasks();
  if (listed && !listed.includes(task)) return { status: 'missing', task, detail: 'not in the landscape folder’s index' };
  try {
    const start = performance.now();
    const res = await fetch(landscapeUrl(task));
    const text = await res.text();
    const arrivedMark = `landscape-arrived-${task}`;
    performance.mark(arrivedMark);
    performance.measure(LANDSCAPE_FETCH_MEASURE, { start, end: arrivedMark });
    return interpret(task, res.ok, res.status, text, arrivedMark);
  } catch (e) {
    return { status: 'missing', task, detail: e instanceof Error ? e.message : String(e) };
  }
}

/** A task's landscape, loaded once per session. */
export function loadLandscape(task: TaskId): Promise<LandscapeLoad> {
  let p = cache.get(task);
  if (!p) {
    p = load(task);
    cache.set(task, p);
  }
  return p;
}

/**
 * The landscape of `task`, re-rendering when it arrives: synchronously, in the task that parsed the
 * file, rather than after whatever else the browser has queued (on a page still loading, that wait
 * was 15–25 ms of the time to the map).
 */
export function useLandscape(task: TaskId): LandscapeLoad {
  const [got, setGot] = useState<LandscapeLoad>({ status: 'loading', task });
  useEffect(() => {
    let live = true;
    void loadLandscape(task).then((r) => {
      if (live) flushSync(() => setGot(r));
    });
    return () => {
      live = false;
    };
  }, [task]);
  return got.task === task ? got : { status: 'loading', task };
}

/**
 * Every task's landscape (for the tables across tasks). The page's task (`first`) is read first
 * and the other files are fetched only once it is in hand, so their parsing does not delay its
 * heat map; the render with all of them is a transition, which yields to the heat map's.
 */
export function useAllLandscapes(tasks: readonly TaskId[], first: TaskId): readonly LandscapeLoad[] {
  const [got, setGot] = useState<readonly LandscapeLoad[]>(() => tasks.map((task) => ({ status: 'loading', task })));
  const key = tasks.join(',');
  useEffect(() => {
    let live = true;
    void loadLandscape(first)
      .then(() => Promise.all(key.split(',').map((t) => loadLandscape(t as TaskId))))
      .then((all) => {
        if (live) startTransition(() => setGot(all));
      });
    return () => {
      live = false;
    };
  }, [key, first]);
  return got;
}
