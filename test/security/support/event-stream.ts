import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** An error answer's whole body; for an open stream, what arrived before it was aborted. */
  text: string;
  /** The `data:` of the first event of the given name, when one was awaited. */
  firstEvent?: string;
}

/** The app's server, listening on loopback (in-process test apps are initialised, not listening). */
export async function listening(server: Server): Promise<number> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Opens an event-stream route, reads its status and headers (and the first event named
 * `awaitEvent`, when given and the answer is 200), then aborts: a request-and-wait client would
 * wait forever on a stream that stays open by design. Rejects when the server sends no headers,
 * or not the awaited event, within `timeoutMs`: a hostile request must not hang.
 */
export async function openStream(
  server: Server,
  path: string,
  headers: Record<string, string> = {},
  options: { awaitEvent?: string; timeoutMs?: number } = {},
): Promise<StreamAnswer> {
  const port = await listening(server);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise<StreamAnswer>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: { Accept: 'text/event-stream', ...headers } });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`GET ${path.slice(0, 200)}: no ${options.awaitEvent ? `"${options.awaitEvent}" event` : 'answer'} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (answer: StreamAnswer) => {
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      const base = { status: res.statusCode ?? 0, headers: res.headers };
      let text = '';
      res.setEncoding('utf8');
      const streaming = base.status === 200 && /text\/event-stream/.test(String(res.headers['content-type']));
      if (streaming && !options.awaitEvent) return done({ ...base, text });
      res.on('data', (chunk: string) => {
        text += chunk;
        if (!streaming || !options.awaitEvent) return;
        // Only whole events: the text after the last blank line may still be arriving.
        const event = text.split('\n\n').slice(0, -1).find((block) => block.split('\n').includes(`event: ${options.awaitEvent}`));
        const data = event?.split('\n').find((line) => line.startsWith('data: '));
        if (data) done({ ...base, text, firstEvent: data.slice('data: '.length) });
      });
      res.on('end', () => done({ ...base, text }));
    });
    req.end();
  });
}
