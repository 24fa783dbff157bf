import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@paybench/platform-logging';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, createServerApp, listen } from './index.js';

// A request the server cannot even parse is the client's mistake: it keeps its 4xx, with the
// usual error body, and writes no error line with a stack (that is kept for real bugs).

const lines: { level: string; msg: string }[] = [];
const logger = createLogger({
  processName: 'test',
  destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: string; msg: string }) },
}).logger;
let server: Server;
let origin: string;

beforeAll(async () => {
  const app = createServerApp({
    logger,
    accessLog: false,
    routes: (a) => {
      a.get('/v1/orders/:id', (req, res) => {
        res.json({ id: req.params['id'] });
      });
      a.get('/teapot', () => {
        throw Object.assign(new Error('short and stout'), { status: 418, expose: true });
      });
      a.get('/hidden', () => {
        throw Object.assign(new Error('internal detail'), { statusCode: 409, expose: false });
      });
      a.get('/bug', () => {
        throw new Error('a real bug');
      });
    },
  });
  server = await listen(app, '127.0.0.1', 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => closeServer(server));
beforeEach(() => {
  lines.length = 0;
});

interface ErrorReply {
  error: { code: string; message: string; details: unknown };
}

const errorLines = () => lines.filter((line) => line.level === 'error' || line.level === 'fatal');

async function send(path: string) {
  const res = await fetch(`${origin}${path}`);
  return { status: res.status, body: (await res.json()) as ErrorReply };
}

describe('errors raised while parsing a request', () => {
  it('a malformed percent-escape in a path parameter is 400 malformed_path, not a 500', async () => {
    const { status, body } = await send('/v1/orders/%E0%A4%A');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'malformed_path', details: {} });
    expect(body.error.message).toMatch(/percent-escape/);
    expect(errorLines()).toEqual([]);
  });

  it('still decodes a well-formed escape', async () => {
    await expect(send('/v1/orders/ord_%41')).resolves.toMatchObject({ status: 200, body: { id: 'ord_A' } });
  });

  it('any other 4xx keeps its status, with its message only when it may be shown', async () => {
    await expect(send('/teapot')).resolves.toMatchObject({
      status: 418,
      body: { error: { code: 'i_m_a_teapot', message: 'short and stout' } },
    });
    await expect(send('/hidden')).resolves.toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'Conflict' } },
    });
    expect(errorLines()).toEqual([]);
  });

  it('a real bug is still a 500 with one error line', async () => {
    const { status, body } = await send('/bug');
    expect(status).toBe(500);
    expect(body.error.code).toBe('internal_error');
    expect(errorLines()).toHaveLength(1);
  });
});
