/**
 * A TCP proxy in front of a real server that can be stalled: while stalled it still accepts connections but
 * forwards nothing in either direction (bytes are held, not dropped), like a database that stopped
 * answering. `resume()` delivers what was held, so connections that survived carry on intact.
 */
import * as net from 'node:net';

export interface TcpProxy {
  port: number;
  stall(): void;
  resume(): void;
  /** Number of client connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let stalled = false;
  let count = 0;
  const pipes = new Set<{ flush(): void; destroy(): void }>();

  const server = net.createServer((client) => {
    count++;
    const upstream = net.connect(targetPort, targetHost);
    const toUp: Buffer[] = [];
    const toClient: Buffer[] = [];
    const pipe = {
      flush() {
        while (toUp.length) upstream.write(toUp.shift() as Buffer);
        while (toClient.length) client.write(toClient.shift() as Buffer);
      },
      destroy() {
        client.destroy();
        upstream.destroy();
      },
    };
    pipes.add(pipe);
    client.on('data', (d: Buffer) => (stalled ? toUp.push(d) : upstream.write(d)));
    upstream.on('data', (d: Buffer) => (stalled ? toClient.push(d) : client.write(d)));
    const end = (): void => {
      pipes.delete(pipe);
      pipe.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const p of pipes) p.flush();
    },
    accepted: () => count,
    close() {
      for (const p of pipes) p.destroy();
      pipes.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
