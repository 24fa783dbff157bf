import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer.js';

function frameAll(framer: LineFramer, chunks: Buffer[]): { lines: string[]; overlong: number } {
  const lines: string[] = [];
  let overlong = 0;
  for (const chunk of chunks) {
    const framed = framer.push(chunk);
    lines.push(...framed.lines.map((line) => line.toString('utf8')));
    overlong += framed.overlong;
  }
  return { lines, overlong };
}

describe('LineFramer', () => {
  // Multi-byte characters make sure splitting inside a character is reassembled before decoding.
  const text = '{"a":1}\n{"msg":"smörgåsbord €"}\n\n{"b":[1,2]}\nnot json\n';
  const bytes = Buffer.from(text, 'utf8');
  const expected = ['{"a":1}', '{"msg":"smörgåsbord €"}', '', '{"b":[1,2]}', 'not json'];

  it('gives the same lines for every split of the stream into two chunks', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { lines } = frameAll(new LineFramer(), [bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(lines, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it('gives the same lines when every byte arrives alone', () => {
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(frameAll(new LineFramer(), chunks).lines).toEqual(expected);
  });

  it('returns several lines from one chunk and keeps the partial tail for the next', () => {
    const framer = new LineFramer();
    expect(framer.push(Buffer.from('one\ntwo\nthr')).lines.map(String)).toEqual(['one', 'two']);
    expect(framer.push(Buffer.from('ee\n')).lines.map(String)).toEqual(['three']);
  });

  it('hands back a last line without newline at end of stream', () => {
    const framer = new LineFramer();
    framer.push(Buffer.from('a\npartial'));
    expect(framer.end()?.toString()).toBe('partial');
    expect(framer.end()).toBeUndefined();
  });

  it('discards an overlong line once, then frames the next lines normally', () => {
    const framer = new LineFramer(8);
    const { lines, overlong } = frameAll(framer, [Buffer.from('short\n0123'), Buffer.from('456789abc'), Buffer.from('def\nok\n')]);
    expect(lines).toEqual(['short', 'ok']);
    expect(overlong).toBe(1);
  });
});
