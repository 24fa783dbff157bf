import { categorize, type FrameCategory } from './categories.js';
import {
  CPU_CATEGORIES,
  type CpuCategory,
  type HotFunction,
  type ProcessCpuProfile,
  type V8CpuProfile,
  type V8ProfileNode,
} from './cpu-profile-types.js';

export type CpuProfileFigures = Pick<
  ProcessCpuProfile,
  'samples' | 'busySamples' | 'durationUs' | 'busyUs' | 'busySource' | 'idleUs' | 'categories' | 'top'
>;

export const TOP_FUNCTIONS = 15;

export function emptyCategories(): Record<CpuCategory, number> {
  return Object.fromEntries(CPU_CATEGORIES.map((c) => [c, 0])) as Record<CpuCategory, number>;
}

/**
 * Self time per category (rules in categories.ts) and the hottest functions of a V8 CPU profile.
 *
 * What a sample says is *where* the main thread was when it ran; how long each sample stands for
 * is not in the profile. The gap to the next sample is wall time: on a core shared with other
 * processes it includes the time the thread waited for the core (a two-process test on one core
 * gives each process a profile of 4 s of "work" for 2 s of CPU), so summing such gaps over the
 * processes of a topology counts the same CPU twice. Hence: every non-idle sample counts as one,
 * and the main thread's CPU time over the window, as the kernel charged it (`cpuUs`, from the
 * profiler endpoint), is shared out between the categories in proportion to their samples, with
 * the rounding remainder given to the largest fractions so that the categories add up to
 * `busyUs` exactly. Without `cpuUs`, busyUs is busy samples x the sampling interval.
 *
 * `idleUs` is wall time: the gaps after `(idle)` samples (the event loop waiting).
 */
export function summarizeCpuProfile(
  profile: V8CpuProfile,
  options: { cpuUs?: number | null; samplingIntervalUs: number; top?: number },
): CpuProfileFigures {
  const nodes = new Map<number, V8ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const { category, caller } = categorizeNodes(profile.nodes, nodes);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];

  let timestamp = profile.startTime;
  const timestamps = samples.map((_, i) => (timestamp += deltas[i] ?? 0));
  const hits = new Map<number, number>();
  let idleUs = 0;
  samples.forEach((id, i) => {
    if ((category.get(id) ?? 'other') === 'idle') {
      const next = i + 1 < timestamps.length ? (timestamps[i + 1] as number) : profile.endTime;
      idleUs += Math.max(0, Math.round(next - (timestamps[i] as number)));
    } else {
      hits.set(id, (hits.get(id) ?? 0) + 1);
    }
  });
  const busySamples = [...hits.values()].reduce((sum, n) => sum + n, 0);
  const measured = options.cpuUs !== undefined && options.cpuUs !== null && options.cpuUs >= 0;
  const busyUs = measured ? Math.round(options.cpuUs as number) : busySamples * options.samplingIntervalUs;

  const counts = emptyCategories();
  const hot = new Map<string, HotFunction & { hits: number }>();
  for (const [id, n] of hits) {
    const cat = (category.get(id) as CpuCategory | undefined) ?? 'other';
    counts[cat] += n;
    const frame = nodes.get(id)?.callFrame ?? { functionName: '(unknown node)', url: '', lineNumber: -1 };
    const fn: HotFunction & { hits: number } = {
      functionName: frame.functionName || '(anonymous)',
      url: shortUrl(frame.url),
      line: frame.lineNumber + 1,
      category: cat,
      selfUs: 0,
      hits: 0,
    };
    // Native code and Node's own modules say little by themselves: name the code that called them.
    const via = frame.url.startsWith('file:') ? undefined : caller.get(id);
    if (via) fn.via = `${via.functionName || '(anonymous)'} ${shortUrl(via.url)}:${via.lineNumber + 1}`;
    const key = `${fn.functionName}\u0000${fn.url}\u0000${fn.line}\u0000${cat}\u0000${fn.via ?? ''}`;
    const entry = hot.get(key) ?? fn;
    entry.hits += n;
    hot.set(key, entry);
  }
  const categories = apportion(busyUs, counts);
  const top = [...hot.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, options.top ?? TOP_FUNCTIONS)
    .map(({ hits: n, ...fn }) => ({ ...fn, selfUs: busySamples > 0 ? Math.round((busyUs * n) / busySamples) : 0 }));
  return {
    samples: samples.length,
    busySamples,
    durationUs: Math.max(0, Math.round(profile.endTime - profile.startTime)),
    busyUs,
    busySource: measured ? 'thread-cpu' : 'samples',
    idleUs,
    categories,
    top,
  };
}

/**
 * `total` shared out in proportion to `counts`, in whole microseconds that add up to `total`
 * exactly (largest remainders). With no count at all, everything is `other`.
 */
export function apportion(total: number, counts: Record<CpuCategory, number>): Record<CpuCategory, number> {
  const result = emptyCategories();
  const n = CPU_CATEGORIES.reduce((sum, c) => sum + counts[c], 0);
  if (n === 0) {
    result.other = total;
    return result;
  }
  const exact = CPU_CATEGORIES.map((c) => ({ c, value: (total * counts[c]) / n }));
  for (const { c, value } of exact) result[c] = Math.floor(value);
  let left = total - CPU_CATEGORIES.reduce((sum, c) => sum + result[c], 0);
  for (const { c } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1) || counts[b.c] - counts[a.c])) {
    if (left <= 0) break;
    result[c] += 1;
    left--;
  }
  return result;
}

/**
 * Each node's category, top-down from the roots, so that generic code takes its caller's; and
 * the nearest application or library frame (a `file:` script) above each node.
 */
function categorizeNodes(
  all: readonly V8ProfileNode[],
  nodes: ReadonlyMap<number, V8ProfileNode>,
): { category: Map<number, FrameCategory>; caller: Map<number, V8ProfileNode['callFrame']> } {
  const children = new Set(all.flatMap((n) => n.children ?? []));
  const result = new Map<number, FrameCategory>();
  const fileCaller = new Map<number, V8ProfileNode['callFrame']>();
  const stack: { id: number; caller: V8ProfileNode | undefined }[] = all
    .filter((n) => !children.has(n.id))
    .map((n) => ({ id: n.id, caller: undefined }));
  while (stack.length > 0) {
    const { id, caller } = stack.pop() as { id: number; caller: V8ProfileNode | undefined };
    const node = nodes.get(id);
    if (!node || result.has(id)) continue;
    result.set(id, categorize(node.callFrame, caller?.callFrame, caller ? result.get(caller.id) : undefined));
    const above = caller
      ? caller.callFrame.url.startsWith('file:')
        ? caller.callFrame
        : fileCaller.get(caller.id)
      : undefined;
    if (above) fileCaller.set(id, above);
    for (const child of node.children ?? []) stack.push({ id: child, caller: node });
  }
  return { category: result, caller: fileCaller };
}

/** A script URL relative to the repository (node_modules/..., libs/..., apps/...); Node's own and native ones as they are. */
export function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(?=(?:node_modules|libs|apps|bench)\/)/, '');
}
