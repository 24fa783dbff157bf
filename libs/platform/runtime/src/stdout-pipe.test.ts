import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { stuckAt } from '../test/support/wait.js';
import { createStdoutPipe, type StdoutPipe } from './stdout-pipe.js';

// Writes `total` bytes to fd 1 in blocking writes of `size` bytes, and after each write reports
// on stderr how many bytes it has written so far: the last report before it goes quiet is how
// much the pipe (and its reader) took before the writer blocked.
const WRITER = `
import { writeSync } from 'node:fs';
const [total, size] = process.argv.slice(2).map(Number);
const block = Buffer.alloc(size, 0x78);
block[size - 1] = 0x0a;
for (let written = 0; written < total; ) {
  written += writeSync(1, block);
  writeSync(2, written + '\\n');
}
`;
const writerScript = join(mkdtempSync(join(tmpdir(), 'paybench-stdout-pipe-')), 'writer.mjs');
writeFileSync(writerScript, WRITER);

const children: ChildProcess[] = [];
const pipes: StdoutPipe[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const pipe of pipes.splice(0)) pipe.close();
});

function startWriter(stdout: number | 'pipe', total: number, size: number) {
  const child = spawn(process.execPath, [writerScript, String(total), String(size)], {
    stdio: ['ignore', stdout, 'pipe'],
  });
  children.push(child);
  const progress = { written: 0 };
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    const reports = text.trim().split('\n');
    progress.written = Number(reports[reports.length - 1]);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, progress, exited };
}

/** How much a writer of `size`-byte blocks got out before blocking, and how much of it the reader holds. */
async function capacity(kind: 'fifo' | 'socketpair', size: number) {
  let reader: Readable;
  let writer: ReturnType<typeof startWriter>;
  if (kind === 'fifo') {
    const pipe = createStdoutPipe();
    pipes.push(pipe);
    pipe.reader.pause();
    writer = startWriter(pipe.writeFd, 16 * 1024 * 1024, size);
    pipe.closeWriteEnd();
    reader = pipe.reader;
  } else {
    writer = startWriter('pipe', 16 * 1024 * 1024, size);
    reader = writer.child.stdout as Readable;
    reader.pause();
  }
  const written = await stuckAt(() => writer.progress.written, writer.child.pid as number);
  return { written, inReader: reader.readableLength, inKernel: written - reader.readableLength };
}

describe('createStdoutPipe', () => {
  it('blocks a writer once about 64 KiB are unread, and lets it finish once reading resumes', async () => {
    const pipe = createStdoutPipe();
    pipes.push(pipe);
    pipe.reader.pause();
    const total = 1024 * 1024;
    const writer = startWriter(pipe.writeFd, total, 256);
    pipe.closeWriteEnd();

    const written = await stuckAt(() => writer.progress.written, writer.child.pid as number);
    expect(written).toBeGreaterThanOrEqual(32 * 1024);
    expect(written).toBeLessThanOrEqual(256 * 1024);
    // What is not in the reader's memory is in the kernel pipe: 64 KiB on Linux.
    const inKernel = written - pipe.reader.readableLength;
    expect(inKernel).toBeGreaterThanOrEqual(32 * 1024);
    expect(inKernel).toBeLessThanOrEqual(128 * 1024);

    let received = 0;
    pipe.reader.on('data', (chunk: Buffer) => (received += chunk.length));
    const ended = new Promise((resolve) => pipe.reader.once('end', resolve));
    pipe.reader.resume();
    expect(await writer.exited).toBe(0);
    // End-of-file arrives because the parent closed its copy of the write end.
    await ended;
    expect(received).toBe(total);
  });

  it('measures, for the record, what a FIFO and Node’s socket pair take before the writer blocks', async () => {
    const rows = [];
    for (const size of [256, 4096, 65536]) {
      const fifo = await capacity('fifo', size);
      const socketpair = await capacity('socketpair', size);
      rows.push({
        writeBytes: size,
        fifoKernel: fifo.inKernel,
        fifoTotal: fifo.written,
        socketpairKernel: socketpair.inKernel,
        socketpairTotal: socketpair.written,
      });
      // A FIFO holds the same whatever the write size; a socket pair's capacity depends on it.
      expect(fifo.inKernel).toBeGreaterThanOrEqual(32 * 1024);
      expect(fifo.inKernel).toBeLessThanOrEqual(128 * 1024);
      expect(socketpair.written).toBeLessThanOrEqual(1024 * 1024);
    }
    console.info(
      'bytes written before the writer blocked (reader paused)\n' + rows.map((r) => JSON.stringify(r)).join('\n'),
    );
  });
});
