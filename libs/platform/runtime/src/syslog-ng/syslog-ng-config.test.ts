import { describe, expect, it } from 'vitest';
import { syslogNgConfig } from './syslog-ng-config.js';
import { parseSyslogNgStats } from './syslog-ng-stats.js';

const settings = {
  listenPort: 7001,
  destinationSocket: '/tmp/paybench-sink-x/sink.sock',
  programs: ['monolith', 'risk-service'],
  queueMessages: 500,
};

describe('syslog-ng configuration', () => {
  it('gives each program its filter, queue and log path; block means flow control', () => {
    const config = syslogNgConfig({ ...settings, flowControl: true });
    expect(config).toMatch(
      /source s_drivers \{ network\(ip\("127\.0\.0\.1"\) port\(7001\)[^\n]*flags\(syslog-protocol\)/,
    );
    expect(config).toContain('filter f_1 { program("risk-service" type(string)); };');
    expect(config).toMatch(
      /destination d_0 \{ unix-stream\("\/tmp\/paybench-sink-x\/sink\.sock"[^\n]*log-fifo-size\(500\)/,
    );
    expect(config.match(/flags\(flow-control\)/g)).toHaveLength(2);
    // One address for every destination: without persist names of their own syslog-ng refuses to start.
    expect(config.match(/persist-name\("d_\d"\)/g)).toEqual(['persist-name("d_0")', 'persist-name("d_1")']);
    expect(syslogNgConfig({ ...settings, flowControl: false })).not.toContain('flow-control');
  });

  it('refuses a program name or a destination path that could change the configuration', () => {
    expect(() =>
      syslogNgConfig({ ...settings, destinationSocket: '/tmp/x"); }; @include "y', flowControl: true }),
    ).toThrow(/cannot be syslog-ng's destination socket/);
    expect(() => syslogNgConfig({ ...settings, programs: ['a"); }; @include "x'], flowControl: true })).toThrow(
      /cannot be a syslog program name/,
    );
  });
});

describe('syslog-ng-ctl stats', () => {
  it("reads each destination's counters by its index, and ignores the other rows", () => {
    const csv = [
      'SourceName;SourceId;SourceInstance;State;Type;Number',
      'dst.unix-stream;d_1#0;unix-stream,localhost.afunix:/tmp/s.sock;a;dropped;113977',
      'dst.network;d_1#0;tcp,127.0.0.1:7002;a;processed;126558',
      'dst.network;d_1#0;tcp,127.0.0.1:7002;a;queued;500',
      'dst.network;d_1#0;tcp,127.0.0.1:7002;a;written;12081',
      'dst.network;d_1#0;tcp,127.0.0.1:7002;a;memory_usage;60000',
      'src.network;s_drivers#0;tcp,127.0.0.1;a;processed;126558',
      'dst.network;d_0#0;tcp,127.0.0.1:7002;a;processed;42',
      '',
    ].join('\n');
    expect(parseSyslogNgStats(csv, 2)).toEqual([
      { processed: 42, dropped: 0, queued: 0, written: 0 },
      { processed: 126558, dropped: 113977, queued: 500, written: 12081 },
    ]);
  });
});
