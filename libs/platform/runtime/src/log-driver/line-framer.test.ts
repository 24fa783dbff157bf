import { describe, expect, it } from 'vitest';
import { LineFramer } from './line-framer.js';

function frame(chunks: Buffer[]): string[] {
  const framer = new LineFramer();
  const lines: string[] = [];
  for (const chunk of chunks) framer.push(chunk, (line) => lines.push(line.toString('utf8')));
  return lines;
}

describe('LineFramer', () => {
  const text = '{"a":1}\n\n{"b":"é€𝄞"}\n{"c":3}\n';
  const expected = ['{"a":1}\n', '{"b":"é€𝄞"}\n', '{"c":3}\n'];

  it('yields every complete line, newline included, skipping empty lines, wherever the input is cut', () => {
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let second = cut; second <= bytes.length; second++) {
        expect(frame([bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)])).toEqual(expected);
      }
    }
  });

  it('holds an unterminated line until its newline, and yields it at end of input', () => {
    const framer = new LineFramer();
    const lines: string[] = [];
    framer.push(Buffer.from('{"a":1}\n{"b"'), (line) => lines.push(line.toString()));
    framer.push(Buffer.from(':2}'), (line) => lines.push(line.toString()));
    expect(lines).toEqual(['{"a":1}\n']);
    expect(framer.partialBytes).toBe(7);
    expect(framer.end()?.toString()).toBe('{"b":2}\n');
    expect(framer.partialBytes).toBe(0);
    expect(framer.end()).toBeUndefined();
  });
});
