import { type BlastSentence, HIT_BELOW_SHARE } from '@paybench/bench-analysis';
import { plainText } from '../tables/git-phrase.js';
import { wrap } from './text-table.js';

/** The blast-radius sentences of one (logging, load) block, one per fault, wrapped; none when it has no fault. */
export function blastLines(sentences: readonly BlastSentence[], width: number): string[] {
  if (sentences.length === 0) return [];
  return [
    `  blast radius (a class is hit in a second when under ${HIT_BELOW_SHARE * 100}% of it was served within the SLO):`,
    ...sentences.flatMap((s) => wrap(`  - ${plainText(s.text)}`, width, '    ')),
  ];
}
