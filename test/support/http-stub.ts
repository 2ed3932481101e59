/**
 * A local HTTP server that records every request (method, path, headers, body, gunzipped when the client
 * compressed it) and answers with a replaceable responder. Used as the CloudWatch / Secrets Manager
 * endpoint for the real AWS SDK clients, and as the API behind the canary.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the socket stays open until the server closes). */
  hang?: boolean;
  /** Send headers, then stall forever before the body. */
  stallBody?: boolean;
}

export type Responder = (req: RecordedRequest) => StubResponse | Promise<StubResponse>;

export interface HttpStub {
  url: string;
  port: number;
  requests: RecordedRequest[];
  respondWith(responder: Responder): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startHttpStub(
  responder: Responder = () => ({ status: 200, body: '{}' }),
): Promise<HttpStub> {
  let current = responder;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (/gzip/i.test(String(req.headers['content-encoding'] ?? ''))) raw = gunzipSync(raw);
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: raw.toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(current(recorded))
        .then((r) => {
          if (r.hang) return;
          res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
          if (r.stallBody) {
            res.write(' ');
            return;
          }
          res.end(r.body ?? '');
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    respondWith(r) {
      current = r;
    },
    reset() {
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
