import { gitProvenance, type RichText } from '@paybench/bench-analysis';

/**
 * The one wording of which code ran, for every run header: 'git 27e874160c (uncommitted changes)',
 * 'git unknown'. The commit is code (summary.md and the report set it as such); `full` keeps all
 * 40 characters, for the report's metadata, where a reader copies it.
 */
export function gitPhrase(source: { gitCommit: string | null; gitDirty?: boolean | null }, full = false): RichText {
  const git = gitProvenance(source);
  const commit = full ? git.fullCommit : git.commit;
  if (commit === null) return ['git unknown'];
  return ['git ', { code: commit }, ...(git.dirty ? [' (uncommitted changes)'] : [])];
}

/** Rich text without its emphasis, for the terminal. */
export function plainText(text: RichText): string {
  return text.map((s) => (typeof s === 'string' ? s : 'strong' in s ? s.strong : 'em' in s ? s.em : s.code)).join('');
}
