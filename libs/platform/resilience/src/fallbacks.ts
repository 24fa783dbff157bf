/**
 * What a module sees of the resilience preset: whether to take the fallbacks its own configuration declares
 * when a dependency fails (any binding: a module failing in-process falls back the same way), and where to
 * count one taken. The decision itself is the module's (only it knows its configuration).
 */
export interface Fallbacks {
  readonly enabled: boolean;
  /** Counts one fallback taken instead of failing on `dependency`. */
  taken(dependency: string): void;
}

/** Fallbacks off: what a module gets without a preset, or in a test that composes modules by hand. */
export const NO_FALLBACKS: Fallbacks = Object.freeze({ enabled: false, taken: () => undefined });
