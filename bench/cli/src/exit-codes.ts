/** The exit codes every paybench command uses. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
