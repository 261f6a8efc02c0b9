import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';

/** Large enough for a document photo posted to the OCR simulator (base64), small enough to stay harmless. */
const maxBody = 8 * 1024 * 1024;

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the simulators' control routes (docs/architecture.md "Simulation control"). POST bodies must be JSON
 * with the JSON content type: a web page on another origin cannot send that without a CORS preflight,
 * which this handler never grants, so only local tools and tests can drive the simulators.
 */
export function createSimHandler(routes: readonly SimRoute[], logger: Logger) {
  const table = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const route = table.get(`${req.method} ${path}`);
    if (!route) return reply(res, 404, { error: `no simulator route ${req.method} /sim${path}` });
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const type = req.headers['content-type'] ?? '';
      const text = await readBody(req);
      if (text === null) return reply(res, 413, { error: 'body too large' });
      if (text.length > 0 || route.body) {
        if (!type.startsWith('application/json')) return reply(res, 415, { error: 'content-type must be application/json' });
        try {
          body = text.length > 0 ? JSON.parse(text) : {};
        } catch {
          return reply(res, 400, { error: 'body is not JSON' });
        }
      }
      if (route.body) {
        const parsed = route.body.safeParse(body);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
          return reply(res, 400, { error: 'invalid body', issues });
        }
        body = parsed.data;
      }
    }
    try {
      const result = await route.handle(body);
      reply(res, 200, result ?? { ok: true });
    } catch (error) {
      logger.error({ err: error, route: path }, 'simulator route failed');
      reply(res, 500, { error: (error as Error).message });
    }
  };
}
