/**
 * Which code a run (or a baseline) measured: the commit, cut to 10 characters as every output
 * shows it, and whether the tree had uncommitted changes. One source for every run header, so the
 * terminal, summary.md, report.html, check, compare and baseline say it in the same words.
 */
export interface GitProvenance {
  /** The first 10 characters of the commit; null when unknown. */
  commit: string | null;
  fullCommit: string | null;
  /** null when unknown (treated as clean: nothing is claimed). */
  dirty: boolean;
}

export function gitProvenance(source: { gitCommit: string | null; gitDirty?: boolean | null }): GitProvenance {
  return {
    commit: source.gitCommit?.slice(0, 10) ?? null,
    fullCommit: source.gitCommit,
    dirty: source.gitDirty === true,
  };
}
