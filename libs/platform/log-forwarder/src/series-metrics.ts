import type { LogEvent } from './log-event.js';

export interface SeriesTotals {
  events: number;
  bytes: number;
}

/**
 * Metrics on log size per label combination, the feature the incident's forwarder gained the day
 * before it degraded. Every distinct combination of the label fields' values is a series; with an
 * unbounded label (a trace id) the map grows with every event and never shrinks.
 */
export class SeriesMetrics {
  readonly labels: readonly string[];
  readonly #series = new Map<string, SeriesTotals>();

  constructor(labels: readonly string[]) {
    this.labels = [...labels];
  }

  get count(): number {
    return this.#series.size;
  }

  /** Records the event under its series; returns the number of distinct series so far. */
  record(event: LogEvent): number {
    const key = this.#keyOf(event);
    const totals = this.#series.get(key);
    if (totals) {
      totals.events++;
      totals.bytes += event.bytes;
    } else {
      this.#series.set(key, { events: 1, bytes: event.bytes });
    }
    return this.#series.size;
  }

  sameLabels(labels: readonly string[]): boolean {
    return labels.length === this.labels.length && labels.every((label, i) => label === this.labels[i]);
  }

  // JSON keeps the key unambiguous: a missing label (null) differs from the string "null", and no
  // separator character inside a value can make two combinations collide.
  #keyOf(event: LogEvent): string {
    return JSON.stringify(this.labels.map((label) => event.fields[label] ?? null));
  }
}
