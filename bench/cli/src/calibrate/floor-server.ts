// The machine floor's servers (a process each, on the system under test's cores): what express and one
// express-to-express hop cost here with nothing of paybench in them, so a reader can tell the architecture's
// cost from our own. Roles (argv[2]):
// - `express`: a bare express 5 app answering POST /echo: parses the JSON body, answers a small JSON object.
// - `front <origin>`: the same endpoint, but it forwards the parsed body to the `express` role at <origin> over an
//   undici keep-alive Pool and answers with what came back: one hop, as a module call across processes makes.
// Protocol (IPC): sends one `listening` with its port; exits when the parent disconnects.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Pool } from 'undici';

export interface FloorServerMessage {
  type: 'listening';
  port: number;
}

const [role, origin] = process.argv.slice(2);
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(express.json({ limit: '64kb' }));

if (role === 'express') {
  app.post('/echo', (req, res) => {
    const body = req.body as { amount?: unknown };
    res.json({ ok: true, amount: body.amount ?? null });
  });
} else if (role === 'front' && origin) {
  const pool = new Pool(origin, { connections: 64, pipelining: 1, keepAliveTimeout: 60_000 });
  app.post('/echo', async (req, res, next) => {
    try {
      const reply = await pool.request({
        method: 'POST',
        path: '/echo',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(req.body),
      });
      res.status(reply.statusCode).json(await reply.body.json());
    } catch (error) {
      next(error);
    }
  });
} else {
  process.stderr.write(
    `floor-server: expected "express" or "front <origin>", got ${process.argv.slice(2).join(' ')}\n`,
  );
  process.exit(2);
}

const server = app.listen(0, '127.0.0.1', () => {
  const message: FloorServerMessage = { type: 'listening', port: (server.address() as AddressInfo).port };
  process.send?.(message);
});
server.keepAliveTimeout = 60_000;
process.on('disconnect', () => process.exit(0));
// The parent stops it (Ctrl-C reaches the whole foreground group; the parent decides, then disconnects).
process.on('SIGINT', () => undefined);
