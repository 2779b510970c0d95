import request from 'supertest';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { startTestApp, TOKENS } from '../support/test-app';
import { listening } from './support/event-stream';

describe('HTTP shell: headers, compression, CORS, redirects, timeouts', () => {
  it('sends security headers and no X-Powered-By; / leads to the docs; large answers are gzipped; CORS is off by default', async () => {
    const t = await startTestApp();
    try {
      const http = request(t.app.getHttpServer());
      const themes = await http.get('/v1/themes');
      expect(themes.headers['x-powered-by']).toBeUndefined();
      expect(themes.headers['x-content-type-options']).toBe('nosniff');
      expect(themes.headers['strict-transport-security']).toBeDefined();
      expect(themes.headers['access-control-allow-origin']).toBeUndefined();
      const root = await http.get('/');
      // The root is the reporting desk page (503 naming the build step when dist/ has no bundle).
      expect(root.headers.location).toBeUndefined();
      expect(root.status === 200 ? root.headers['content-type'] : root.body.code).toMatch(/text\/html|DESK\.NOT_BUILT/);
      const doc = await http.get('/docs-json').set('Accept-Encoding', 'gzip');
      expect(doc.headers['content-encoding']).toBe('gzip');
      const small = await http.get('/health').set('Accept-Encoding', 'gzip');
      expect(small.headers['content-encoding']).toBeUndefined();
      const server = t.app.getHttpServer() as Server;
      expect({ headers: server.headersTimeout, request: server.requestTimeout, keepAlive: server.keepAliveTimeout, max: server.maxConnections }).toEqual({
        headers: 10_000,
        request: 30_000,
        keepAlive: 5_000,
        max: 1000,
      });
    } finally {
      await t.close();
    }
  });

  it('allows the configured origins only', async () => {
    const t = await startTestApp({ CORS_ORIGINS: 'https://desk.example.org' });
    try {
      const http = request(t.app.getHttpServer());
      expect((await http.get('/v1/themes').set('Origin', 'https://desk.example.org')).headers['access-control-allow-origin']).toBe('https://desk.example.org');
      expect((await http.get('/v1/themes').set('Origin', 'https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  /** A raw socket to the app's server, keeping what the server sends and when it closes the connection. */
  const rawSocket = (port: number) => {
    const socket = connect(port, '127.0.0.1');
    const state = { answer: '', closedAt: 0 };
    socket.on('data', (d) => (state.answer += d));
    socket.on('error', () => undefined); // a dropped connection may reset
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve((state.closedAt = Date.now()))));
    const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    return { socket, state, closed, connected };
  };

  it('cuts off headers and a body that trickle in past their timeouts, and closes an idle connection', async () => {
    const t = await startTestApp({ HTTP_REQUEST_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' });
    try {
      const port = await listening(t.app.getHttpServer() as Server);
      const start = Date.now();
      // Headers that never end: one more header byte every 200 ms.
      const headers = rawSocket(port);
      headers.socket.write(`GET /v1/themes HTTP/1.1\r\nHost: x\r\nX-Slow: `);
      // A body that never ends: 1,000 bytes announced, one space every 200 ms.
      const body = rawSocket(port);
      body.socket.write(`POST /v1/themes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.clerk}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":`);
      const trickle = setInterval(() => {
        if (headers.socket.writable) headers.socket.write('x');
        if (body.socket.writable) body.socket.write(' ');
      }, 200);
      // A keep-alive connection that asks once and then says nothing.
      const idle = rawSocket(port);
      idle.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      const idleClosedAt = await idle.closed;
      expect(idle.state.answer).toMatch(/^HTTP\/1\.1 200/);
      // Closed by the keep-alive timeout (1 s), long before the header and request timeouts are checked.
      expect(idleClosedAt - start).toBeLessThan(15_000);
      await Promise.all([headers.closed, body.closed]);
      clearInterval(trickle);
      expect(headers.state.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.state.answer).toMatch(/^HTTP\/1\.1 408/);
      // Node checks these timeouts every 30 s, so the cut comes within the limit plus that interval (a body once took 329 s).
      expect(Math.max(headers.state.closedAt, body.state.closedAt) - start).toBeLessThan(65_000);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('holds at most HTTP_MAX_CONNECTIONS connections: one more is dropped unanswered, and is served again once one closes', async () => {
    const t = await startTestApp({ HTTP_MAX_CONNECTIONS: '3' });
    try {
      const server = t.app.getHttpServer() as Server;
      const port = await listening(server);
      const held = [rawSocket(port), rawSocket(port), rawSocket(port)];
      await Promise.all(held.map((c) => c.connected));
      const connections = () => new Promise<number>((resolve) => server.getConnections((_, n) => resolve(n)));
      const until = async (ok: (n: number) => boolean) => {
        while (!ok(await connections())) await new Promise((r) => setTimeout(r, 20));
      };
      // The server counts a connection once it has accepted it.
      await until((n) => n === 3);
      const extra = rawSocket(port);
      extra.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      await extra.closed;
      expect(extra.state.answer).toBe('');
      // The held connections are still served.
      held[0].socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await held[0].closed;
      expect(held[0].state.answer).toMatch(/^HTTP\/1\.1 200/);
      await until((n) => n < 3);
      const after = rawSocket(port);
      after.socket.write('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await after.closed;
      expect(after.state.answer).toMatch(/^HTTP\/1\.1 200/);
      for (const c of held) c.socket.destroy();
    } finally {
      await t.close();
    }
  });
});
