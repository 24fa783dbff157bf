import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';
import { groupLauncher } from './group-launcher.js';
import { LogDriver, type ForwarderAddress, type LogDriverMode } from './log-driver/index.js';
import { createStdoutPipe, type StdoutPipe } from './stdout-pipe.js';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Where a process's stdout goes: a file, or a log driver shipping it to the log-forwarder. */
export type StdoutSink =
  | { readonly kind: 'file' }
  | {
      readonly kind: 'driver';
      readonly mode: LogDriverMode;
      readonly maxBufferBytes?: number;
      readonly forwarder: ForwarderAddress;
    };

export interface SupervisedOptions {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly logDir: string;
  readonly stdout: StdoutSink;
  /** CPU list for `taskset -c` (null: not pinned). */
  readonly cpuList?: string | null;
  /** Runs `node script` under a wrapper command, such as a profiler. */
  readonly wrapper?: ProcessWrapper;
  /** Appends to the process's log files instead of starting them afresh (a later life of a restarted process). */
  readonly appendLogs?: boolean;
}

/**
 * A command that runs the process as its own child, such as a profiler:
 * `<command> <args...> <node> <script>`. The wrapper and the app run in a process
 * group of their own, led by process-group-launcher.ts, which holds the lifeline (so both die
 * with the supervisor, whatever fds the wrapper passes on). Stopping sends `stopSignal` to the
 * whole group, as a terminal's Ctrl-C would, and waits up to `stopTimeoutMs` (a profiler writes
 * its output after the app has exited) before killing the group.
 */
export interface ProcessWrapper {
  readonly command: string;
  readonly args: readonly string[];
  /** Sent to the whole group to stop it (a profiler's Ctrl-C: SIGINT). */
  readonly stopSignal: NodeJS.Signals;
  /** How long the group may take to exit after the stop signal before it is killed. */
  readonly stopTimeoutMs: number;
  /** Working directory of the wrapper (and the app), e.g. where a profiler writes its files. */
  readonly cwd?: string;
  /** Extra environment for the wrapper (the app inherits it too). */
  readonly env?: Record<string, string>;
}

const STDERR_TAIL_BYTES = 4096;

/**
 * One child process, started with Node's own binary (`process.execPath`, so the pinned Node 24
 * runs it), optionally pinned with taskset. Its stdout is a real kernel pipe (64 KiB, like a
 * container's) read by a log driver, or a file; its stderr is kept in a file and its tail in
 * memory for error messages; fd 3 is the lifeline that ends it if the supervisor dies. It runs in
 * a process group of its own, out of reach of a terminal's Ctrl-C; a wrapped process (see
 * ProcessWrapper) is stopped and killed as a whole group.
 */
export class SupervisedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  readonly driver: LogDriver | undefined;
  private stderrTail = '';
  private readonly logFileFailures: string[] = [];
  private exitInfo: ExitInfo | undefined;
  private readonly pipe: StdoutPipe | undefined;
  private readonly stdoutFile: WriteStream | undefined;
  private readonly stderrFile: WriteStream;
  private readonly wrapper: ProcessWrapper | undefined;

  constructor(options: SupervisedOptions) {
    this.name = options.name;
    const flags = options.appendLogs ? 'a' : 'w';
    this.stderrFile = createWriteStream(join(options.logDir, `${options.name}.stderr.log`), { flags });
    // A log file that cannot be written (a full disk) is noted, not thrown: the process runs on.
    this.stderrFile.on('error', (error) => this.noteLogFileFailure(`${options.name}.stderr.log`, error));
    let stdout: 'pipe' | number = 'pipe';
    if (options.stdout.kind === 'driver') {
      this.pipe = createStdoutPipe();
      this.pipe.reader.on('error', (error) =>
        this.stderrFile.write(`[supervisor] stdout pipe error: ${error.message}\n`),
      );
      this.driver = new LogDriver(this.pipe.reader, {
        source: options.name,
        mode: options.stdout.mode,
        forwarder: options.stdout.forwarder,
        ...(options.stdout.maxBufferBytes ? { maxBufferBytes: options.stdout.maxBufferBytes } : {}),
      });
      stdout = this.pipe.writeFd;
    } else {
      this.stdoutFile = createWriteStream(join(options.logDir, `${options.name}.stdout.log`), { flags });
      this.stdoutFile.on('error', (error) => {
        this.noteLogFileFailure(`${options.name}.stdout.log`, error);
        // Its output now goes nowhere, but keeps flowing: a full pipe would stall the process.
        this.child.stdout?.unpipe(this.stdoutFile);
        this.child.stdout?.resume();
      });
    }
    this.wrapper = options.wrapper;
    const node = [process.execPath, options.script];
    const wrapped = options.wrapper
      ? [
          process.execPath,
          groupLauncher(),
          options.wrapper.stopSignal,
          '--',
          options.wrapper.command,
          ...options.wrapper.args,
          ...node,
        ]
      : node;
    const [command, ...args] = options.cpuList ? ['taskset', '-c', options.cpuList, ...wrapped] : wrapped;
    this.child = spawn(command as string, args, {
      env: { ...process.env, ...options.wrapper?.env, ...options.env, [LIFELINE_FD_ENV]: '3' },
      stdio: ['ignore', stdout, 'pipe', 'pipe'],
      // Every process leads a group of its own: a terminal's Ctrl-C (SIGINT to the foreground group)
      // reaches the supervisor alone, which decides when and how to stop. A wrapped process's group is
      // stopped and killed whole. The lifeline (fd 3) still ends it if the supervisor dies.
      detached: true,
      ...(options.wrapper?.cwd ? { cwd: options.wrapper.cwd } : {}),
    });
    // The child has its own copy of the write end; ours must go, or the reader never sees EOF.
    this.pipe?.closeWriteEnd();
    if (this.stdoutFile) this.child.stdout?.pipe(this.stdoutFile);
    this.child.stderr?.on('data', (chunk: Buffer) => {
      if (this.stderrFile.writable) this.stderrFile.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        // Whatever of a wrapped group outlived its leader goes with it: no orphans.
        if (this.wrapper) this.signal('SIGKILL');
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

  /** Log files of this process that could not be written, and why (the process ran on without them). */
  logFileErrors(): readonly string[] {
    return this.logFileFailures;
  }

  /**
   * SIGTERM, then SIGKILL after `graceMs` (a process stalled in a blocking write ignores
   * SIGTERM); then the driver forwards what it still holds and the pipe is closed. A wrapped
   * process's group gets the wrapper's stop signal and, at least, the wrapper's stop timeout.
   */
  async stop(graceMs: number): Promise<ExitInfo & { killed: boolean }> {
    let killed = false;
    if (!this.exitInfo) {
      this.signal(this.wrapper?.stopSignal ?? 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      killed = await Promise.race([
        this.exited.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), Math.max(graceMs, this.wrapper?.stopTimeoutMs ?? 0));
        }),
      ]);
      clearTimeout(timer);
      if (killed) this.signal('SIGKILL');
    }
    const info = await this.exited;
    await this.driver?.close();
    this.pipe?.close();
    await Promise.all([this.stdoutFile ? closeStream(this.stdoutFile) : undefined, closeStream(this.stderrFile)]);
    return { ...info, killed };
  }

  /**
   * SIGKILL now, as a crash would end it (no handler runs, nothing is flushed), and resolves once it has
   * exited. The caller decides what the exit means (a deliberate kill is not an unexpected exit) and still
   * calls stop() to close the driver, the pipe and the files.
   */
  async kill(): Promise<ExitInfo> {
    if (!this.exitInfo) this.signal('SIGKILL');
    return this.exited;
  }

  /** To the process; to its whole group when it is wrapped (the group may outlive its leader). */
  private signal(signal: NodeJS.Signals): void {
    if (this.wrapper && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, signal);
      } catch {
        // The group is gone already.
      }
    } else {
      this.child.kill(signal);
    }
  }

  private noteLogFileFailure(file: string, error: Error): void {
    const note = `cannot write ${file}: ${error.message}`;
    this.logFileFailures.push(note);
    this.stderrTail = `${this.stderrTail}\n[supervisor] ${note}\n`.slice(-STDERR_TAIL_BYTES);
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(() => resolve()));
}
