import { CalleePolicies } from './callee-policies.js';
import { NO_FALLBACKS, type Fallbacks } from './fallbacks.js';
import { PolicyCounters } from './policy-counters.js';
import type { ResiliencePreset } from './resilience-preset.js';

/**
 * A process's resilience: its preset, one set of policies per callee (made on first use), and the counters
 * of what they did. Without a preset it holds only counters, which stay at zero.
 */
export class ProcessPolicies {
  readonly preset: ResiliencePreset | undefined;
  readonly counters = new PolicyCounters();
  readonly #callees = new Map<string, CalleePolicies>();
  /** What modules see: whether to take the fallbacks their configuration declares, and where to count them. */
  readonly fallbacks: Fallbacks;

  constructor(preset: ResiliencePreset | undefined) {
    this.preset = preset;
    this.fallbacks =
      preset?.fallbacks === true
        ? { enabled: true, taken: (dependency) => this.counters.add(dependency, 'fallbacks') }
        : NO_FALLBACKS;
  }

  /** The policies of calls to `callee`; undefined without a preset (calls stay exactly as they were). */
  forCallee(callee: string): CalleePolicies | undefined {
    if (!this.preset) return undefined;
    let policies = this.#callees.get(callee);
    if (!policies) this.#callees.set(callee, (policies = new CalleePolicies(callee, this.preset, this.counters)));
    return policies;
  }
}
