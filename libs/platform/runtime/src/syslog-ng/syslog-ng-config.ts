/** What the runtime asks of syslog-ng: a node-level forwarder between the log drivers and a destination. */
export interface SyslogNgSettings {
  /** Where the drivers connect (RFC 5424 over TCP, one message per line, as Docker's syslog driver sends). */
  readonly listenPort: number;
  /**
   * The Unix socket it forwards each message's text to, one per line (the runtime's throttled sink). A Unix socket,
   * not TCP: that hop is the harness's own (the built-in forwarder sinks in-process), and loopback TCP would add up to
   * ~10 MB of autotuned socket buffers that the built-in forwarder does not have, doubling the time a stalled sink
   * takes to reach the processes (a quiet incident run: the microservices never stalled within its 20 s stall).
   */
  readonly destinationSocket: string;
  /** The processes whose lines arrive, by the APP-NAME their driver sends: one queue and counters each. */
  readonly programs: readonly string[];
  /**
   * `flags(flow-control)`: when a destination's queue is full, stop reading that source (backpressure up to the
   * drivers: the incident's `block`). Without it, a full queue drops the newest message (`drop_newest`).
   */
  readonly flowControl: boolean;
  /** Each destination's queue, in messages (`log-fifo-size`): the forwarder's buffer. */
  readonly queueMessages: number;
}

/** A program name goes into the configuration: only names that cannot change its meaning. */
const PROGRAM = /^[a-z][a-z0-9_-]{0,47}$/;
/** Nor can the destination's path (a temporary directory's). */
const SOCKET_PATH = /^\/[A-Za-z0-9._/-]{1,100}$/;

/**
 * syslog-ng's configuration: one TCP source parsing RFC 5424, and per program (process) a filter on APP-NAME, a
 * Unix-socket destination with its own queue, and a log path with or without flow control. One destination per
 * program, so syslog-ng's own counters (processed, dropped, queued, written) are per process, as the pipeline's
 * accounting needs. The window of each source connection (`log-iw-size`, at least 100 per connection in syslog-ng)
 * stays below the queue, so that with flow control nothing is dropped. The destinations all go to one address, so
 * each needs a persist name of its own: syslog-ng names them by address and refuses to start on a clash.
 */
export function syslogNgConfig(settings: SyslogNgSettings): string {
  if (!SOCKET_PATH.test(settings.destinationSocket)) {
    throw new Error(`"${settings.destinationSocket}" cannot be syslog-ng's destination socket (${SOCKET_PATH})`);
  }
  for (const program of settings.programs) {
    if (!PROGRAM.test(program)) throw new Error(`"${program}" cannot be a syslog program name (${PROGRAM})`);
  }
  const queue = Math.max(100, Math.floor(settings.queueMessages));
  const flags = settings.flowControl ? ' flags(flow-control);' : '';
  const paths = settings.programs.map((program, i) =>
    [
      `filter f_${i} { program("${program}" type(string)); };`,
      `destination d_${i} { unix-stream("${settings.destinationSocket}"` +
        ` template("$MSG\\n") log-fifo-size(${queue}) persist-name("d_${i}")); };`,
      `log { source(s_drivers); filter(f_${i}); destination(d_${i});${flags} };`,
    ].join('\n'),
  );
  return [
    '@version: 3.38',
    // time-reopen: reconnect to a destination within a second, not syslog-ng's default minute.
    'options { stats-level(1); stats-freq(0); time-reopen(1); keep-hostname(yes); use-dns(no); };',
    `source s_drivers { network(ip("127.0.0.1") port(${settings.listenPort}) transport("tcp")` +
      ` flags(syslog-protocol) max-connections(${Math.max(10, settings.programs.length * 4)})` +
      ` log-iw-size(${Math.max(10, settings.programs.length * 4) * 100})); };`,
    ...paths,
    '',
  ].join('\n');
}
