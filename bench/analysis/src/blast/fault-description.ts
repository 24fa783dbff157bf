// A fault event of the scenario in words, for the blast-radius sentences: "a black hole on checkout->risk".
import type { FaultEvent, SinkConfig } from '@paybench/bench-scenario';

/** What the event changes, in a few words; the phase's name when it changes something not known here. */
export function describeFault(event: FaultEvent | undefined, phase: string): string {
  if (!event) return `the fault event of phase ${phase}`;
  const parts: string[] = [];
  if (event.forwarder?.sink) parts.push(sinkWords(event.forwarder.sink));
  if (event.forwarder?.whenFull) parts.push(`the log-forwarder set to ${event.forwarder.whenFull} when full`);
  if (event.links) parts.push(...linkWords(event.links));
  if (event.modules) parts.push(...event.modules.map(moduleWords));
  if (event.load) parts.push(event.load.factor === 1 ? 'the load back to its rate' : `the load x${event.load.factor}`);
  const known = new Set(['at', 'phase', 'forwarder', 'links', 'modules', 'load']);
  // Kinds of fault added later are named by their key until worded here.
  for (const key of Object.keys(event).filter((k) => !known.has(k))) parts.push(`a ${key} change`);
  return parts.length > 0 ? parts.join(' and ') : `the fault event of phase ${phase}`;
}

/** "a crashed risk process (restarted after 5 s)", "risk +200 ± 50 ms", "lifting the faults of risk". */
function moduleWords(change: NonNullable<FaultEvent['modules']>[number]): string {
  const { module, faults } = change;
  if (faults.length === 0) return `lifting the faults of ${module}`;
  return faults
    .map((fault) => {
      switch (fault.type) {
        case 'crash':
          return `a crashed ${module} process${fault.restartAfter === undefined ? '' : ` (restarted after ${fault.restartAfter / 1000} s)`}`;
        case 'latency':
          return `${module} +${fault.ms}${fault.jitterMs ? ` ± ${fault.jitterMs}` : ''} ms`;
        case 'errors':
          return `${module} failing ${Math.round(fault.rate * 100)}% of calls`;
        case 'block':
          return `${module}'s process blocked ${fault.ms} ms${fault.everyMs === undefined ? '' : ` every ${fault.everyMs} ms`}`;
        case 'cpuHog':
          return `${module}'s process busy ${Math.round(fault.share * 100)}% of the time`;
      }
    })
    .join(' with ');
}

function sinkWords(sink: SinkConfig): string {
  switch (sink.mode) {
    case 'stall':
      return 'a stalled log-forwarder';
    case 'normal':
      return 'the log-forwarder back to normal';
    case 'cardinality':
      return 'a log-forwarder slowing down with label cardinality';
    case 'rate':
      return `a log-forwarder capped at ${sink.eventsPerSecond} events/s`;
    case 'fixed':
      return `a log-forwarder taking ${sink.perEventUs} µs per event`;
  }
}

/** Links with the same toxics are named together: "latency 0.35 ± 0.15 ms on 5 links". */
function linkWords(links: NonNullable<FaultEvent['links']>): string[] {
  const byToxics = new Map<string, string[]>();
  for (const link of links) {
    const words = toxicWords(link.toxics);
    byToxics.set(words, [...(byToxics.get(words) ?? []), `${link.from}->${link.to}`]);
  }
  return [...byToxics].map(([words, names]) => {
    const where = names.length > 2 ? `${names.length} links` : names.join(' and ');
    return words === '' ? `lifting the fault on ${where}` : `${words} on ${where}`;
  });
}

function toxicWords(toxics: NonNullable<FaultEvent['links']>[number]['toxics']): string {
  const words = toxics.flatMap((toxic) => {
    switch (toxic.type) {
      case 'latency':
        return [`latency ${toxic.ms}${toxic.jitterMs ? ` ± ${toxic.jitterMs}` : ''} ms`];
      case 'bandwidth':
        return [`a ${toxic.bytesPerSecond} B/s bandwidth cap`];
      case 'resetPeer':
        return [toxic.probability !== undefined ? `resets (p ${toxic.probability})` : 'connection resets'];
      case 'blackHole':
        return ['a black hole'];
      case 'none':
        return [];
    }
  });
  return words.join(' with ');
}
