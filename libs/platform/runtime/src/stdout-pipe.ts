import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmdirSync, unlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The parent's end of a child's stdout, as a container runtime has it: a real kernel pipe.
 *
 * Node's `stdio: 'pipe'` is a UNIX socket pair, whose capacity depends on the size of each
 * write (every write is one socket buffer with its own overhead: small log lines fill it sooner
 * than a pipe, large writes later). A FIFO holds 64 KiB whatever the writes look like, which is
 * what Docker's copier reads from, so a stalled reader backs the application up at the same
 * point it would in a container.
 */
export interface StdoutPipe {
  /**
   * The write end, opened blocking. Pass it in the child's stdio array
   * (`stdio: ['ignore', pipe.writeFd, ...]`) and call `closeWriteEnd()` right after spawn:
   * while the parent holds a copy, the reader never sees end-of-file.
   */
  readonly writeFd: number;
  /** The read end. Pausing it stops reading the pipe, so the pipe fills and the writer blocks. */
  readonly reader: Socket;
  /** Closes the parent's copy of the write end (once; later calls do nothing). */
  closeWriteEnd(): void;
  /** Closes the write end if still open and destroys the reader. */
  close(): void;
}

export function createStdoutPipe(): StdoutPipe {
  const { readFd, writeFd } = openFifo();
  let writeEndOpen = true;
  const closeWriteEnd = () => {
    if (!writeEndOpen) return;
    writeEndOpen = false;
    closeSync(writeFd);
  };
  // libuv sees a FIFO as a pipe and streams it with epoll, like the socket pair Node would use.
  // A paused reader keeps reading until its own buffer reaches the stream high-water mark
  // (64 KiB), so a stalled writer has got out up to that plus one read plus the pipe's 64 KiB.
  const reader = new Socket({ fd: readFd, readable: true, writable: false });
  return {
    writeFd,
    reader,
    closeWriteEnd,
    close() {
      closeWriteEnd();
      reader.destroy();
    },
  };
}

/**
 * Node has no pipe(2), so the pipe is a named FIFO whose name is removed as soon as both ends
 * are open. The read end is opened first and non-blocking (opening a FIFO for reading would
 * otherwise wait for a writer); the write end then opens at once and stays blocking, so a child
 * writing to a full pipe waits, as it would in a container. Node opens files close-on-exec, so
 * neither end leaks into other children; spawn clears that flag on the copy it installs as fd 1.
 */
function openFifo(): { readFd: number; writeFd: number } {
  const dir = mkdtempSync(join(tmpdir(), 'paybench-stdout-'));
  const path = join(dir, 'stdout');
  let readFd: number | undefined;
  try {
    execFileSync('mkfifo', ['-m', '600', path]);
    readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(path, constants.O_WRONLY);
    return { readFd, writeFd };
  } catch (error) {
    if (readFd !== undefined) closeSync(readFd);
    throw error;
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // mkfifo failed: there is nothing to remove.
    }
    rmdirSync(dir);
  }
}
