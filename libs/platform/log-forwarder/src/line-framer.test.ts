import { describe, expect, it } from 'vitest';
import { LineFramer, type LineFramerOptions } from './line-framer.js';

/** The log driver's framing: lines forwarded as they came, newline and all, empty lines skipped. */
const AS_THE_DRIVER_FRAMES: LineFramerOptions = { keepNewline: true, skipEmptyLines: true, maxLineBytes: Infinity };

function frameAll(framer: LineFramer, chunks: Buffer[]): { lines: string[]; overlong: number } {
  const lines: string[] = [];
  let overlong = 0;
  for (const chunk of chunks) overlong += framer.push(chunk, (line) => lines.push(line.toString('utf8')));
  return { lines, overlong };
}

describe('LineFramer, as the forwarder frames (newline stripped, length capped)', () => {
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
    expect(frameAll(framer, [Buffer.from('one\ntwo\nthr')]).lines).toEqual(['one', 'two']);
    expect(frameAll(framer, [Buffer.from('ee\n')]).lines).toEqual(['three']);
  });

  it('hands back a last line without newline at end of stream', () => {
    const framer = new LineFramer();
    frameAll(framer, [Buffer.from('a\npartial')]);
    expect(framer.end()?.toString()).toBe('partial');
    expect(framer.end()).toBeUndefined();
  });

  it('discards an overlong line once, then frames the next lines normally', () => {
    const framer = new LineFramer({ maxLineBytes: 8 });
    const chunks = [Buffer.from('short\n0123'), Buffer.from('456789abc'), Buffer.from('def\nok\n')];
    const { lines, overlong } = frameAll(framer, chunks);
    expect(lines).toEqual(['short', 'ok']);
    expect(overlong).toBe(1);
  });

  it('counts an overlong line that arrives whole, and one cut short by the end of the stream', () => {
    const framer = new LineFramer({ maxLineBytes: 4 });
    expect(frameAll(framer, [Buffer.from('12345\n1234\n')])).toEqual({ lines: ['1234'], overlong: 1 });
    expect(frameAll(framer, [Buffer.from('123'), Buffer.from('45')])).toEqual({ lines: [], overlong: 1 });
    expect(framer.end()).toBeUndefined();
    expect(frameAll(framer, [Buffer.from('ok\n')]).lines).toEqual(['ok']);
  });
});

describe('LineFramer, as the log driver frames (newline kept, empty lines skipped, no cap)', () => {
  const text = '{"a":1}\n\n{"b":"é€𝄞"}\n{"c":3}\n';
  const expected = ['{"a":1}\n', '{"b":"é€𝄞"}\n', '{"c":3}\n'];

  it('yields every complete line, newline included, skipping empty lines, wherever the input is cut', () => {
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let second = cut; second <= bytes.length; second++) {
        const chunks = [bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)];
        expect(frameAll(new LineFramer(AS_THE_DRIVER_FRAMES), chunks).lines).toEqual(expected);
      }
    }
  });

  it('holds an unterminated line until its newline, and yields it at end of input', () => {
    const framer = new LineFramer(AS_THE_DRIVER_FRAMES);
    const { lines } = frameAll(framer, [Buffer.from('{"a":1}\n{"b"'), Buffer.from(':2}')]);
    expect(lines).toEqual(['{"a":1}\n']);
    expect(framer.partialBytes).toBe(7);
    expect(framer.end()?.toString()).toBe('{"b":2}\n');
    expect(framer.partialBytes).toBe(0);
    expect(framer.end()).toBeUndefined();
  });

  it('hands on a line within one chunk as a view of that chunk, without a copy', () => {
    const chunk = Buffer.from('first\nsecond\n');
    const views: Buffer[] = [];
    new LineFramer(AS_THE_DRIVER_FRAMES).push(chunk, (line) => views.push(line));
    expect(views.map((view) => [view.buffer, view.byteOffset - chunk.byteOffset])).toEqual([
      [chunk.buffer, 0],
      [chunk.buffer, 6],
    ]);
  });

  it('never drops a long line', () => {
    const long = 'x'.repeat(2 * 1024 * 1024);
    const { lines, overlong } = frameAll(new LineFramer(AS_THE_DRIVER_FRAMES), [Buffer.from(`${long}\n`)]);
    expect([lines.map((line) => line.length), overlong]).toEqual([[long.length + 1], 0]);
  });
});
