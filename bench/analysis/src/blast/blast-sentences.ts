// A sentence per fault of the timeline: which classes it took down, for how long, in each topology.
import type { RunResult } from '@paybench/bench-results';
import { formatPercent, formatSeconds } from '../summary/format-units.js';
import { configurationPhrase } from '../summary/scenario-axes.js';
import type { RichSegment, RichText } from '../summary/rich-text.js';
import type { BlockBlast, ClassPhaseBlast, TopologyBlast } from './blast-radius.js';
import { HIT_BELOW_SHARE } from './class-seconds.js';
import { describeFault } from './fault-description.js';

/** Below this availability within the SLO over the phase, a hit class was "taken down"; above, "degraded". */
const DOWN_BELOW_AVAILABILITY = 0.5;

export interface BlastSentence {
  logging: string;
  load: string;
  phase: string;
  text: RichText;
}

/**
 * One sentence per (block, phase after the first), from the figures: e.g. "A black hole on checkout->risk (phase
 * `black-hole`, at 15 s) took down pay_now, pay_later and pay_over_time checkouts for 11.0 s in microservices and
 * extract-risk; hit no class in monolith (checkout->risk is in-process there: no wire to fault)." A phase that hit
 * nothing says so. Blocks are named only when the run has more than one.
 */
export function blastSentences(run: RunResult, blocks: readonly BlockBlast[]): BlastSentence[] {
  return blocks.flatMap((block) => {
    const where: RichText =
      blocks.length > 1 ? [` under the `, ...configurationPhrase(block.logging), ` at ${block.load}`] : [];
    const baseline = block.phases.length > 1 ? baselineSentence(block, where) : null;
    const faults = block.phases.slice(1).map((phase): BlastSentence => {
      const event = run.scenario.faults.find((f) => f.phase === phase);
      // Without the event (a result edited by hand, a scenario changed since), the phase names the fault.
      const subject: RichText = event
        ? [
            capitalise(describeFault(event, phase)),
            ' (phase ',
            { code: phase },
            `, at ${formatSeconds(event.at)})`,
            ...where,
          ]
        : ['The fault of phase ', { code: phase }, ...where];
      const parts = groupTopologies(
        block.topologies.map((t) => {
          const marked = t.basis === 'invalid only' ? ' (from cells that are not valid)' : '';
          return [`${t.topology}${marked}`, topologyPart(t, phase, block)] as const;
        }),
      );
      const anyHit = block.topologies.some((t) => hitIn(t, phase).length > 0);
      if (!anyHit)
        return {
          logging: block.logging,
          load: block.load,
          phase,
          text: [
            ...subject,
            ` hit no class anew in any topology (${block.topologies.map((t) => t.topology).join(', ')})${stillDown(block, phase)}${notApplicable(block, phase)}.`,
          ],
        };
      return {
        logging: block.logging,
        load: block.load,
        phase,
        text: [...subject, ' ', ...parts, '.'],
      };
    });
    return baseline ? [baseline, ...faults] : faults;
  });
}

function hitIn(topology: TopologyBlast, phase: string): ClassPhaseBlast[] {
  return topology.figures.filter((f) => f.phase === phase && f.outcome !== 'not hit' && f.outcome !== 'carried');
}

/** "took down pay_later checkouts for 6.0 s and degraded order-status reads for 2.0 s", or "hit no class". */
function topologyPart(topology: TopologyBlast, phase: string, block: BlockBlast): string {
  const hit = hitIn(topology, phase);
  const noWire = topology.inProcessLinks[phase];
  if (topology.basis === 'none') return 'not measured';
  if (hit.length === 0) {
    const down = stillDownIn(topology, phase);
    const wire = noWire
      ? ` (${noWire.length > 2 ? `all ${noWire.length} links` : joinWords(noWire)} ${noWire.length > 1 ? 'are' : 'is'} in-process there: no wire to fault)`
      : '';
    return down.length > 0
      ? `hit no class anew (${classesPhrase(down, block.classes)} had not recovered from before)${wire}`
      : `hit no class${wire}`;
  }
  const groups = new Map<string, ClassPhaseBlast[]>();
  for (const f of hit) {
    const verb = (f.availability ?? 0) < DOWN_BELOW_AVAILABILITY ? 'took down' : 'degraded';
    const key = `${verb}|${howLong(f)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const phrases = [...groups].map(([key, figures]) => {
    const [verb, duration] = key.split('|');
    const repeats = figures[0].repeats > 1 ? ` (in ${figures[0].hitRepeats} of ${figures[0].repeats} repeats)` : '';
    return `${verb} ${classesPhrase(
      figures.map((f) => f.className),
      block.classes,
    )} ${duration}${repeats}`;
  });
  return joinWords(phrases);
}

function howLong(f: ClassPhaseBlast): string {
  if (f.outcome === 'recovered') return `for ${formatSeconds(f.downMs)}`;
  if (f.outcome === 'never') return 'until the end of the window (never recovered)';
  return 'until the window ended (recovery not observed)';
}

/** "every class", "every checkout option", "pay_later checkouts and order-status reads". */
function classesPhrase(hit: readonly string[], all: readonly string[]): string {
  if (hit.length === all.length && all.length > 1) return 'every class';
  const checkouts = all.filter(isCheckout);
  const hitCheckouts = hit.filter(isCheckout);
  const others = hit.filter((c) => !isCheckout(c)).map(classLabel);
  const checkoutWords =
    hitCheckouts.length === 0
      ? []
      : hitCheckouts.length === checkouts.length && checkouts.length > 1
        ? ['every checkout option']
        : [hitCheckouts.length === 1 ? classLabel(hitCheckouts[0]) : `${joinWords(hitCheckouts)} checkouts`];
  return joinWords([...checkoutWords, ...others]);
}

/** Every class but order-status reads is a checkout: one per payment option (or the one `checkout` of older runs). */
function isCheckout(name: string): boolean {
  return name !== 'orderStatus';
}

/** A class as a reader says it. */
export function classLabel(name: string): string {
  if (name === 'orderStatus') return 'order-status reads';
  if (name === 'checkout') return 'checkouts';
  return `${name} checkouts`;
}

/** "took down X for 1 s in a and b; hit no class in c": topologies with the same part are named together. */
function groupTopologies(parts: readonly (readonly [string, string])[]): RichSegment[] {
  const byPart = new Map<string, string[]>();
  for (const [topology, part] of parts) byPart.set(part, [...(byPart.get(part) ?? []), topology]);
  return [[...byPart].map(([part, topologies]) => `${part} in ${joinWords(topologies)}`).join('; ')];
}

/** ", though pay_now checkouts in microservices had not recovered from the phase before": hit, not anew. */
function stillDown(block: BlockBlast, phase: string): string {
  const parts = block.topologies.flatMap((t) => {
    const down = stillDownIn(t, phase);
    return down.length > 0 ? [`${classesPhrase(down, block.classes)} in ${t.topology}`] : [];
  });
  return parts.length > 0 ? `, though ${joinWords(parts)} had not recovered from the phase before` : '';
}

/** The classes with seconds hit in the phase that its fault did not hit anew: an outage from before. */
function stillDownIn(topology: TopologyBlast, phase: string): string[] {
  return topology.figures
    .filter((f) => f.phase === phase && (f.outcome === 'carried' || (f.outcome === 'not hit' && f.hitSeconds > 0)))
    .map((f) => f.className);
}

/**
 * "Before any fault (phase `healthy`), checkouts were already hit in microservices (57.9% within the SLO over
 * the phase)": a class below the line before the first fault, said first, since the faults' figures build on it.
 */
function baselineSentence(block: BlockBlast, where: RichText): BlastSentence | null {
  const phase = block.phases[0];
  const parts = block.topologies.flatMap((t) => {
    const hit = t.figures.filter((f) => f.phase === phase && f.outcome !== 'not hit');
    if (hit.length === 0) return [];
    const shares = hit.map((f) => `${classLabel(f.className)} ${formatPercent(f.availability)}%`).join(', ');
    return [
      `${classesPhrase(
        hit.map((f) => f.className),
        block.classes,
      )} in ${t.topology} (${shares} within the SLO over the phase)`,
    ];
  });
  if (parts.length === 0) return null;
  return {
    logging: block.logging,
    load: block.load,
    phase,
    text: [
      'Before any fault (phase ',
      { code: phase },
      ')',
      ...where,
      `, some seconds were already under ${HIT_BELOW_SHARE * 100}% within the SLO for ${joinWords(parts)}: the faults' figures below start from there.`,
    ],
  };
}

function notApplicable(block: BlockBlast, phase: string): string {
  const without = block.topologies.filter((t) => t.inProcessLinks[phase]);
  return without.length > 0
    ? `; in ${joinWords(without.map((t) => t.topology))} the faulted link has no wire (in-process)`
    : '';
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
