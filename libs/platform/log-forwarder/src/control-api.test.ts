import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { connectSender, eventually, finish, forwarderWith, stopAll, write } from '../test/harness.js';
import { ForwarderClient, ForwarderRequestError } from './index.js';

afterEach(stopAll);

async function putConfig(
  controlPort: number,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const response = await request(`http://127.0.0.1:${controlPort}/config`, { method: 'PUT', headers, body });
  return {
    status: response.statusCode,
    body: (await response.body.json()) as { error: { code: string; details: { field?: string } } },
  };
}

describe('control API', () => {
  it('answers health and stats, and applies a partial config change', async () => {
    const forwarder = await forwarderWith();
    const client = new ForwarderClient(`http://127.0.0.1:${forwarder.controlPort}`);
    expect(await client.healthy()).toBe(true);
    const effective = await client.setConfig({ maxEvents: 1000, whenFull: 'drop_newest' });
    expect(effective).toMatchObject({ maxEvents: 1000, whenFull: 'drop_newest', sink: { mode: 'normal' } });
    expect(effective.dataPort).toBe(forwarder.dataPort);
    const stats = await client.stats();
    expect(stats).toMatchObject({
      config: effective,
      buffered: 0,
      series: 0,
      totals: { received: 0, processed: 0, dropped: 0, malformed: 0 },
      sources: {},
      pausedSockets: false,
    });
    expect(stats.uptimeMs).toBeGreaterThanOrEqual(0);
    await client.close();
  });

  it.each([
    ['{"maxEvents":0}', 'maxEvents'],
    ['{"whenFull":"drop_oldest"}', 'whenFull'],
    ['{"sink":{"mode":"fixed","perEventUs":"slow"}}', 'sink.perEventUs'],
    ['{"sink":{"mode":"cardinality","baseUs":1,"perSeriesNs":1,"labels":[]}}', 'sink.labels'],
    ['{"sink":{"mode":"faster"}}', 'sink.mode'],
    ['{"dataPort":1234}', 'dataPort'],
  ])('refuses %s with 400 naming %s, and changes nothing', async (body, field) => {
    const forwarder = await forwarderWith();
    const before = forwarder.config();
    const response = await putConfig(forwarder.controlPort, body);
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe(field);
    expect(forwarder.config()).toEqual(before);
  });

  it('refuses a body that is not JSON, and the client surfaces the field of a bad change', async () => {
    const forwarder = await forwarderWith();
    expect(await putConfig(forwarder.controlPort, '{"maxEvents":')).toMatchObject({
      status: 400,
      body: { error: { code: 'malformed_json' } },
    });
    const client = new ForwarderClient(forwarder.controlPort);
    const error = await client.setConfig({ maxEvents: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForwarderRequestError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('maxEvents') });
    await client.close();
  });

  it.each([
    ['a text/plain body (a browser form)', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    [
      'another name in Host (DNS rebinding)',
      { 'content-type': 'application/json', host: 'evil.example' },
      403,
      'forbidden_host',
    ],
    [
      'a web page of another origin',
      { 'content-type': 'application/json', origin: 'http://evil.example' },
      403,
      'forbidden_origin',
    ],
  ])('refuses %s and changes nothing', async (_label, headers, status, code) => {
    const forwarder = await forwarderWith();
    const before = forwarder.config();
    expect(await putConfig(forwarder.controlPort, '{"maxEvents":7}', headers)).toMatchObject({
      status,
      body: { error: { code } },
    });
    expect(forwarder.config()).toEqual(before);
  });

  it('is not served on the data port: an HTTP request there is only malformed log lines', async () => {
    const forwarder = await forwarderWith();
    const sender = await connectSender(forwarder.dataPort);
    let answered = 0;
    sender.on('data', (chunk: Buffer) => (answered += chunk.length));
    await write(sender, 'GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await write(sender, '{"proc":"probe","seq":1}\n');
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 1);
    expect(stats.totals.malformed).toBe(2);
    expect(answered).toBe(0);
    await finish(sender);
  });

  it('reports sequence numbers skipped before the forwarder as seqGaps', async () => {
    const forwarder = await forwarderWith();
    const sender = await connectSender(forwarder.dataPort);
    const line = (proc: string, seq: number) => `${JSON.stringify({ proc, seq })}\n`;
    await write(
      sender,
      [1, 2, 5].map((seq) => line('risk', seq)).join('') + [1, 2, 3].map((seq) => line('auth', seq)).join(''),
    );
    await finish(sender);
    const stats = await eventually(forwarder.stats, (s) => s.totals.processed === 6);
    expect(stats.sources['risk']).toMatchObject({ received: 3, lastSeq: 5, seqGaps: 2 });
    expect(stats.sources['auth']).toMatchObject({ received: 3, lastSeq: 3, seqGaps: 0 });
  });
});
