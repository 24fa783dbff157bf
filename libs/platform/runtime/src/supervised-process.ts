import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';
import { LogDriver, type ForwarderAddress, type LogDriverMode } from './log-driver/index.js';
import { createStdoutPipe, type StdoutPipe } from './stdout-pipe.js';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Where a process's stdout goes: a file, or a log driver shipping it to the log-forwarder. */
export type StdoutSink =
  | { readonly kind: 'file' }
  | { readonly kind: 'driver'; readonly mode: LogDriverMode; readonly maxBufferBytes?: number; readonly forwarder: ForwarderAddress };

export interface SupervisedOptions {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly logDir: string;
  readonly stdout: StdoutSink;
  /** CPU list for `taskset -c` (null: not pinned). */
  readonly cpuList?: string | null;
}

const STDERR_TAIL_BYTES = 4096;

/**
 * One child process, started with Node's own binary (`process.execPath`, so the pinned Node 24
 * runs it), optionally pinned with taskset. Its stdout is a real kernel pipe (64 KiB, like a
 * container's) read by a log driver, or a file; its stderr is kept in a file and its tail in
 * memory for error messages; fd 3 is the lifeline that ends it if the supervisor dies.
 */
export class SupervisedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  readonly driver: LogDriver | undefined;
  private stderrTail = '';
  private exitInfo: ExitInfo | undefined;
  private readonly pipe: StdoutPipe | undefined;
  private readonly stdoutFile: WriteStream | undefined;
  private readonly stderrFile: WriteStream;

  constructor(options: SupervisedOptions) {
    this.name = options.name;
    this.stderrFile = createWriteStream(join(options.logDir, `${options.name}.stderr.log`));
    let stdout: 'pipe' | number = 'pipe';
    if (options.stdout.kind === 'driver') {
      this.pipe = createStdoutPipe();
      this.pipe.reader.on('error', (error) => this.stderrFile.write(`[supervisor] stdout pipe error: ${error.message}\n`));
      this.driver = new LogDriver(this.pipe.reader, {
        source: options.name,
        mode: options.stdout.mode,
        forwarder: options.stdout.forwarder,
        ...(options.stdout.maxBufferBytes ? { maxBufferBytes: options.stdout.maxBufferBytes } : {}),
      });
      stdout = this.pipe.writeFd;
    } else {
      this.stdoutFile = createWriteStream(join(options.logDir, `${options.name}.stdout.log`));
    }
    const [command, args] = options.cpuList
      ? ['taskset', ['-c', options.cpuList, process.execPath, options.script]]
      : [process.execPath, [options.script]];
    this.child = spawn(command as string, args as string[], {
      env: { ...process.env, ...options.env, [LIFELINE_FD_ENV]: '3' },
      stdio: ['ignore', stdout, 'pipe', 'pipe'],
    });
    // The child has its own copy of the write end; ours must go, or the reader never sees EOF.
    this.pipe?.closeWriteEnd();
    if (this.stdoutFile) this.child.stdout?.pipe(this.stdoutFile);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrFile.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
      this.child.once('error', (error) => {
        this.stderrTail += `\nspawn failed: ${error.message}`;
        this.exitInfo = { code: null, signal: null };
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): ExitInfo | undefined {
    return this.exitInfo;
  }

  stderr(): string {
    return this.stderrTail.trim();
  }

  /**
   * SIGTERM, then SIGKILL after `graceMs` (a process stalled in a blocking write ignores
   * SIGTERM); then the driver forwards what it still holds and the pipe is closed.
   */
  async stop(graceMs: number): Promise<ExitInfo & { killed: boolean }> {
    let killed = false;
    if (!this.exitInfo) {
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      killed = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (killed) this.child.kill('SIGKILL');
    }
    const info = await this.exited;
    await this.driver?.close();
    this.pipe?.close();
    await Promise.all([this.stdoutFile ? closeStream(this.stdoutFile) : undefined, closeStream(this.stderrFile)]);
    return { ...info, killed };
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(() => resolve()));
}
