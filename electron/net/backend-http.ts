import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SetupError } from '../../drivers/setup-error.ts';
import { readSecret, secretRefSchema } from '../secrets/secrets.ts';

/**
 * What the HTTP back-end clients (DCS, PMS, police) share: TLS for real back-ends and a cap on what they read.
 * A real back-end is reached over https only (the configuration schemas refuse http in real mode); its
 * certificate is checked against the system's CAs, or only against `caPath` when one is given (pinning a
 * private CA). A client certificate (`clientCertPath` with its key as a secret) gives mutual TLS.
 */
export const backendTlsSchema = z
  .strictObject({
    /** PEM: the only CA(s) that may vouch for the back-end's certificate (instead of the system store). */
    caPath: z.string().min(1).optional(),
    /** PEM: this kiosk's client certificate, for back-ends that require mutual TLS. */
    clientCertPath: z.string().min(1).optional(),
    /** The client certificate's private key: a secret reference (electron/secrets/secrets.ts). */
    clientKey: secretRefSchema.optional(),
  })
  .refine((t) => (t.clientCertPath === undefined) === (t.clientKey === undefined), {
    message: 'clientCertPath and clientKey go together',
    path: ['clientKey'],
  })
  .prefault({});

export type BackendTls = z.infer<typeof backendTlsSchema>;

/** The fetch the clients call: the global one, or one bound to a back-end's TLS settings. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BackendFetch {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/** A real back-end must be spoken to over https (the schemas refine with this). */
export function isHttps(url: string | undefined): boolean {
  return url === undefined || url.startsWith('https://');
}

/**
 * A fetch for one back-end: the global fetch when no TLS setting is given, else undici's with an agent that
 * trusts only `caPath` and presents the client certificate. `what` names the back-end in errors.
 */
export async function createBackendFetch(what: string, tls: BackendTls): Promise<BackendFetch> {
  if (!tls.caPath && !tls.clientCertPath) return { fetch: (input, init) => fetch(input, init), close: async () => undefined };
  const read = async (label: string, path: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new SetupError(`${what} ${label} ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const ca = tls.caPath ? await read('CA', tls.caPath) : undefined;
  const cert = tls.clientCertPath ? await read('client certificate', tls.clientCertPath) : undefined;
  const key = tls.clientKey ? (await readSecret(tls.clientKey)).toString('utf8') : undefined;
  // Loaded only here: a kiosk without TLS settings (every simulated one) never pays for it.
  const { Agent, fetch: undiciFetch } = await import('undici');
  const agent = new Agent({ connect: { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), minVersion: 'TLSv1.2' } });
  return {
    fetch: (input, init) => undiciFetch(input, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>,
    close: () => agent.close(),
  };
}

/** The body was bigger than the client accepts: not read further. */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
}

/**
 * Reads a response body as text, streaming, and stops (cancelling the rest) once it passes `maxBytes`: a
 * back-end that answers with megabytes — by fault or on purpose — cannot fill the kiosk's memory. Throws
 * ResponseTooLarge past the cap; other stream errors (timeout, reset) as the stream throws them.
 */
export async function readCappedText(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(`answer of ${declared} bytes, more than the ${maxBytes} accepted`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(`answer longer than the ${maxBytes} bytes accepted`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
