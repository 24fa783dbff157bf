import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { LIFELINE_FD_ENV } from '@paybench/platform-topology';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SupervisedOptions {
  readonly name: string;
  readonly script: string;
  readonly env: Record<string, string>;
  readonly logDir: string;
}

const STDERR_TAIL_BYTES = 4096;

/**
 * One child process, started with Node's own binary (`process.execPath`, so the pinned Node
 * 24 runs it), its output kept in files, its last stderr kept in memory for error messages,
 * and a lifeline pipe on fd 3.
 */
export class SupervisedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  private stderrTail = '';
  private exitInfo: ExitInfo | undefined;
  private readonly stdoutFile: WriteStream;
  private readonly stderrFile: WriteStream;

  constructor(options: SupervisedOptions) {
    this.name = options.name;
    this.stdoutFile = createWriteStream(join(options.logDir, `${options.name}.stdout.log`));
    this.stderrFile = createWriteStream(join(options.logDir, `${options.name}.stderr.log`));
    this.child = spawn(process.execPath, [options.script], {
      env: { ...process.env, ...options.env, [LIFELINE_FD_ENV]: '3' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(this.stdoutFile);
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

  /** SIGTERM, then SIGKILL after `graceMs`: a process stalled in a blocking write ignores SIGTERM. */
  async stop(graceMs: number): Promise<ExitInfo & { killed: boolean }> {
    if (this.exitInfo) return { ...this.exitInfo, killed: false };
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const escalated = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (escalated) this.child.kill('SIGKILL');
    const info = await this.exited;
    await Promise.all([closeStream(this.stdoutFile), closeStream(this.stderrFile)]);
    return { ...info, killed: escalated };
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(() => resolve()));
}
