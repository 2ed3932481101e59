/**
 * A fake X-Ray daemon: a UDP listener that decodes the daemon protocol. Each datagram is the header line
 * `{"format":"json","version":1}` + "\n" + one segment or subsegment JSON document.
 *
 * `address` is the value for AWS_XRAY_DAEMON_ADDRESS (`127.0.0.1:<port>`). `raw` keeps every datagram as
 * text, so a test can search for data that must never leave the process.
 */
import * as dgram from 'node:dgram';

export interface TraceDocument {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  start_time?: number;
  end_time?: number;
  in_progress?: boolean;
  namespace?: string;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, unknown>;
  sql?: Record<string, unknown>;
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions?: Array<{ message?: string; type?: string }> };
  subsegments?: TraceDocument[];
  [key: string]: unknown;
}

export interface XRayListener {
  address: string;
  raw: string[];
  documents: TraceDocument[];
  /** Every document, with nested subsegments flattened out (parents first). */
  all(): TraceDocument[];
  /** Resolves once `predicate(all())` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (docs: TraceDocument[]) => boolean, timeoutMs?: number): Promise<TraceDocument[]>;
  reset(): void;
  close(): Promise<void>;
}

export const DAEMON_HEADER = '{"format":"json","version":1}';

export function flatten(docs: TraceDocument[]): TraceDocument[] {
  const out: TraceDocument[] = [];
  const visit = (d: TraceDocument, parent?: TraceDocument): void => {
    out.push(
      parent && !d.parent_id ? { ...d, parent_id: parent.id, trace_id: d.trace_id ?? parent.trace_id } : d,
    );
    for (const s of d.subsegments ?? []) visit({ ...s, trace_id: s.trace_id ?? d.trace_id }, d);
  };
  docs.forEach((d) => visit(d));
  return out;
}

export async function startXRayListener(): Promise<XRayListener> {
  const socket = dgram.createSocket('udp4');
  const raw: string[] = [];
  const documents: TraceDocument[] = [];
  const errors: string[] = [];
  socket.on('message', (msg) => {
    const text = msg.toString('utf8');
    raw.push(text);
    const nl = text.indexOf('\n');
    const head = nl >= 0 ? text.slice(0, nl) : '';
    try {
      if (JSON.stringify(JSON.parse(head)) !== DAEMON_HEADER) throw new Error(`bad header ${head}`);
      documents.push(JSON.parse(text.slice(nl + 1)) as TraceDocument);
    } catch (err) {
      errors.push(String(err));
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  const all = (): TraceDocument[] => {
    if (errors.length > 0) throw new Error(`malformed daemon datagrams: ${errors.join('; ')}`);
    return flatten(documents);
  };
  return {
    address: `127.0.0.1:${port}`,
    raw,
    documents,
    all,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const docs = all();
        if (predicate(docs)) return docs;
        if (Date.now() > deadline) {
          throw new Error(
            `X-Ray documents did not arrive in ${timeoutMs} ms; got ${JSON.stringify(docs.map((d) => d.name))}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    reset() {
      raw.length = 0;
      documents.length = 0;
      errors.length = 0;
    },
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
