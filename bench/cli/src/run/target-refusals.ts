import type { TargetFault, Targets } from '@paybench/bench-deploy';
import type { Cell, FaultEvent, LoggingConfig, Scenario } from '@paybench/bench-scenario';

/**
 * Why a cell cannot run on an external target (null: it can), in one sentence that names what differs: the
 * runner starts nothing there, so the target must already run the cell's topology, logging configuration and
 * resilience preset, and be able to apply every change of the fault timeline. `topologyName` is the cell's
 * topology as loaded (a topology file's own name).
 */
export function targetRefusal(cell: Cell, topologyName: string, scenario: Scenario, targets: Targets): string | null {
  if (topologyName !== targets.topology)
    return `the target runs topology ${targets.topology}, this cell needs ${topologyName}`;
  const logging = targets.logging && loggingDifference(cell.logging, targets.logging);
  if (logging) return `the target runs another logging configuration than ${cell.logging.name}: ${logging}`;
  if (targets.resilience !== undefined && (cell.resilience ?? null) !== targets.resilience)
    return `the target runs resilience preset ${targets.resilience ?? 'none'}, this cell needs ${cell.resilience ?? 'none'}`;
  const missing = missingFaults(scenario.faults, targets);
  if (missing.length > 0)
    return `the target does not support ${missing.map(({ fault, phase }) => `${fault} faults (phase ${phase})`).join(', ')}`;
  const orders = targets.processes.find((p) => p.modules.includes('orders'));
  if (scenario.mix.orderStatus > 0 && orders && !orders.publicUrl && !orders.modules.includes('checkout'))
    return `the order-status reads need the public URL of process ${orders.name} (hosting orders): the target gives none`;
  return null;
}

/** The first setting where the target's logging differs from the cell's, said as "field: target's, cell's". */
function loggingDifference(cell: LoggingConfig, target: NonNullable<Targets['logging']>): string | null {
  const fields: [string, unknown, unknown][] = [
    ['logger.mode', target.logger.mode, cell.logger.mode],
    ['driver.mode', target.driver.mode, cell.driver.mode],
    ['forwarder.kind', target.forwarder.kind ?? 'builtin', cell.forwarder.kind ?? 'builtin'],
    ['forwarder.whenFull', target.forwarder.whenFull, cell.forwarder.whenFull],
    ['forwarder.maxEvents', target.forwarder.maxEvents, cell.forwarder.maxEvents],
  ];
  // A buffer bound matters only where it bounds something.
  if (cell.logger.mode === 'async-bounded')
    fields.push(['logger.maxBufferBytes', target.logger.maxBufferBytes, cell.logger.maxBufferBytes]);
  if (cell.driver.mode === 'non-blocking')
    fields.push(['driver.maxBufferBytes', target.driver.maxBufferBytes, cell.driver.maxBufferBytes]);
  const differing = fields.find(([, theirs, ours]) => theirs !== ours);
  return differing ? `${differing[0]} is ${String(differing[1])} there, ${String(differing[2])} here` : null;
}

/** Each kind of fault the timeline needs and the target does not support, with the first phase that needs it. */
function missingFaults(faults: readonly FaultEvent[], targets: Targets): { fault: TargetFault; phase: string }[] {
  const missing = new Map<TargetFault, string>();
  // Forwarder faults need a forwarder to apply them to.
  const supported = new Set(targets.faults.filter((f) => targets.forwarder || !f.startsWith('forwarder')));
  for (const event of faults) {
    for (const needed of faultsOf(event, targets))
      if (!supported.has(needed) && !missing.has(needed)) missing.set(needed, event.phase);
  }
  return [...missing].map(([fault, phase]) => ({ fault, phase }));
}

/**
 * The target capabilities one event needs; a load change needs none (the generator makes it), nor a link between
 * two modules of one process there (no wire to fault: locally too the cell only notes it).
 */
function faultsOf(event: FaultEvent, targets: Targets): TargetFault[] {
  const needed: TargetFault[] = [];
  if (event.forwarder?.sink) needed.push('forwarder-sink');
  if (event.forwarder?.whenFull) needed.push('forwarder-when-full');
  const hostOf = (module: string) => targets.processes.find((p) => p.modules.includes(module))?.name;
  if (event.links?.some((link) => hostOf(link.from) !== hostOf(link.to))) needed.push('links');
  for (const change of event.modules ?? []) {
    const crash = change.faults.some((f) => f.type === 'crash');
    needed.push(crash ? 'module-crash' : 'module-faults');
  }
  return needed;
}
