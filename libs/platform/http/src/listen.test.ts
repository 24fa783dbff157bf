import { createServer } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { closeServer, listen, listenOn } from './index.js';

describe('listenOn', () => {
  it('resolves with the real port, and names the address (and its purpose) when the port is taken', async () => {
    const first = createServer();
    const port = await listenOn(first, '127.0.0.1', 0);
    expect(port).toBeGreaterThan(0);
    await expect(listenOn(createServer(), '127.0.0.1', port)).rejects.toThrow(
      `cannot listen on 127.0.0.1:${port}: the port is already in use`,
    );
    await expect(listenOn(createServer(), '127.0.0.1', port, 'the control API')).rejects.toThrow(
      `cannot listen on 127.0.0.1:${port} for the control API: the port is already in use`,
    );
    await closeServer(first);
    expect(first.listening).toBe(false);
  });

  it('serves an Express app, and closes a server that never listened at once', async () => {
    const server = await listen(express(), '127.0.0.1', 0);
    expect(server.listening).toBe(true);
    await closeServer(server);
    await closeServer(createServer());
    expect(server.listening).toBe(false);
  });
});
