import { connect, type Socket } from 'node:net';

export interface ForwarderAddress {
  readonly host: string;
  readonly port: number;
  /**
   * Frame each line as an RFC 5424 syslog message with this APP-NAME (as Docker's syslog driver does over TCP:
   * one message per line), for a syslog forwarder; absent, lines go as they are (newline-delimited JSON).
   */
  readonly syslogAppName?: string;
}

export interface ForwarderConnectionOptions {
  /** Called whenever the connection may have started or stopped taking lines: connected, drained, lost. */
  readonly onChange: () => void;
  /**
   * Called when an established connection has closed, before `onChange`: the lines handed to it
   * up to now that the forwarder did not read are gone with it (there are no acknowledgements).
   */
  readonly onClosed?: () => void;
  /** First wait before reconnecting (default 100 ms), doubled after each failure... */
  readonly minBackoffMs?: number;
  /** ...up to this (default 1 s). */
  readonly maxBackoffMs?: number;
}

const DEFAULT_MIN_BACKOFF_MS = 100;
const DEFAULT_MAX_BACKOFF_MS = 1_000;

/**
 * A TCP connection to the log-forwarder that keeps itself up: when it cannot connect or the
 * connection drops, it tries again after a backoff, for as long as it is open. It says when it
 * can take lines (`writable`) and calls back when that may have changed; it never queues lines
 * of its own beyond the socket's buffer, so the driver alone decides what waits and what drops.
 *
 * The protocol has no acknowledgements (newline-delimited JSON, as Vector's socket source
 * reads it): lines already handed to a connection that then breaks may be lost with it, as
 * with Docker's network log drivers. `onClosed` lets the driver mark how many it had handed over
 * by then, so that the accounting can count those the forwarder never received as lost.
 */
export class ForwarderConnection {
  private readonly address: ForwarderAddress;
  private readonly onChange: () => void;
  private readonly onClosed: (() => void) | undefined;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private socket: Socket | undefined;
  private isConnected = false;
  private mustWaitForDrain = false;
  private attempts = 0;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastErrorMessage: string | undefined;

  constructor(address: ForwarderAddress, options: ForwarderConnectionOptions) {
    this.address = address;
    this.onChange = options.onChange;
    this.onClosed = options.onClosed;
    this.minBackoffMs = options.minBackoffMs ?? DEFAULT_MIN_BACKOFF_MS;
    this.maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.backoffMs = this.minBackoffMs;
    this.connect();
  }

  get connected(): boolean {
    return this.isConnected;
  }

  /** True while connected and the socket has not asked the writer to wait for 'drain'. */
  get writable(): boolean {
    return this.isConnected && !this.mustWaitForDrain;
  }

  /** Connection attempts after the first one (each retry counts, successful or not). */
  get reconnects(): number {
    return this.attempts;
  }

  /** Why the last connection failed or broke, for diagnostics. */
  get lastError(): string | undefined {
    return this.lastErrorMessage;
  }

  /**
   * Hands one line to the socket. Only call while `writable`. Returns false once the socket's
   * buffer is full: the caller must then wait for `onChange` (the socket's 'drain').
   */
  write(line: Buffer): boolean {
    const socket = this.socket as Socket;
    // The header and the line go out together (the driver corks the socket around its writes).
    if (this.address.syslogAppName !== undefined) socket.write(syslogHeader(this.address.syslogAppName));
    if (socket.write(line)) return true;
    this.mustWaitForDrain = true;
    return false;
  }

  /** Runs `writeLines` with the socket corked, so the lines it writes leave in one system call. */
  batch(writeLines: () => void): void {
    const socket = this.isConnected ? this.socket : undefined;
    socket?.cork();
    try {
      writeLines();
    } finally {
      socket?.uncork();
    }
  }

  /**
   * Stops reconnecting and ends the connection: what the socket still holds is sent if the
   * forwarder takes it within `timeoutMs`, after which the socket is destroyed.
   */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (!socket) return;
    if (!this.isConnected) {
      socket.destroy();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  private connect(): void {
    const socket = connect({ host: this.address.host, port: this.address.port });
    this.socket = socket;
    socket.once('connect', () => {
      this.isConnected = true;
      this.mustWaitForDrain = false;
      this.backoffMs = this.minBackoffMs;
      this.onChange();
    });
    socket.on('drain', () => {
      this.mustWaitForDrain = false;
      this.onChange();
    });
    // A failed or broken connection is retried, not thrown: 'close' always follows 'error'.
    socket.on('error', (error) => {
      this.lastErrorMessage = error.message;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const wasConnected = this.isConnected;
      this.isConnected = false;
      this.mustWaitForDrain = false;
      if (!this.closed) this.scheduleReconnect();
      if (wasConnected) {
        this.onClosed?.();
        this.onChange();
      }
    });
    // The forwarder sends nothing; reading anyway is how a hang-up on its side is noticed.
    socket.resume();
  }

  private scheduleReconnect(): void {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.attempts++;
      this.connect();
    }, delay);
  }
}

/**
 * An RFC 5424 header: PRI 14 (facility user, severity info), version 1, the time, no hostname, the APP-NAME, no
 * PROCID, MSGID or structured data; the line that follows is the MSG. The time has millisecond precision.
 */
export function syslogHeader(appName: string): string {
  return `<14>1 ${new Date().toISOString()} - ${appName} - - - `;
}
