import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority } from '../platform/sim/dev-pki.ts';
import { kioskAcl, mosquittoConf, passwordFile, staffAcl, type BrokerPaths, type StaffAccount } from './broker-files.ts';

export interface KioskCredentials {
  readonly kioskId: string;
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
}

export interface DevBroker {
  readonly paths: BrokerPaths;
  /** mqtts:// address for kiosks (client certificates). */
  readonly kioskUrl: string;
  /** mqtts:// address for staff (user name and password). */
  readonly staffUrl: string;
  /** The fleet's configuration signing key pair (PEM files). */
  readonly fleetKey: { readonly privatePath: string; readonly publicPath: string };
  readonly pid: number;
  /** Issues a client certificate whose CN is `kioskId`, signed by the broker's CA. */
  issueKiosk(kioskId: string, institution?: string): Promise<KioskCredentials>;
  /** What the broker logged on stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** Starts the stopped broker again on the same ports (tests of reconnection). */
  start(): Promise<void>;
}

export interface DevBrokerOptions {
  readonly dir: string;
  readonly staff: readonly StaffAccount[];
  readonly binary?: string;
  readonly verbose?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`mosquitto did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A Mosquitto for development, demos and tests: a CA, the server certificate for 127.0.0.1, the two listeners,
 * ACLs and staff passwords (broker-files.ts) generated into `dir`, and the broker started on free loopback
 * ports. Needs Debian's `mosquitto` package. Not for production: there the site's broker and PKI are used.
 */
export async function startDevBroker(options: DevBrokerOptions): Promise<DevBroker> {
  const dir = options.dir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca: CertificateAuthority = await createCertificateAuthority('Passage fleet development CA');
  const server = await issueCertificate(ca, { kind: 'server', hosts: ['127.0.0.1', 'localhost'] });
  const paths: BrokerPaths = {
    dir,
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    kioskAcl: join(dir, 'kiosk.acl'),
    staffAcl: join(dir, 'staff.acl'),
    passwords: join(dir, 'passwords'),
  };
  const fleetKey = { privatePath: join(dir, 'fleet-key.pem'), publicPath: join(dir, 'fleet-key.pub.pem') };
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await Promise.all([
    writeFile(paths.caCert, ca.certPem),
    writeFile(paths.serverCert, server.certPem),
    writeFile(paths.serverKey, server.keyPem, { mode: 0o600 }),
    writeFile(paths.kioskAcl, kioskAcl()),
    writeFile(paths.staffAcl, staffAcl(options.staff)),
    writeFile(paths.passwords, passwordFile(options.staff), { mode: 0o600 }),
    writeFile(fleetKey.privatePath, keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 }),
    writeFile(fleetKey.publicPath, keys.publicKey.export({ format: 'pem', type: 'spki' }).toString()),
  ]);
  const ports = { kiosk: await freePort(), staff: await freePort() };
  const confPath = join(dir, 'mosquitto.conf');
  await writeFile(confPath, mosquittoConf(ports, paths, { verbose: options.verbose ?? false, ...(process.getuid?.() === 0 ? { runAs: 'root' } : {}) }));
  let log = '';
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(options.binary ?? '/usr/sbin/mosquitto', ['-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk) => (log = (log + String(chunk)).slice(-200_000)));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await waitForPort(ports.kiosk, child, () => log, 10_000);
    await waitForPort(ports.staff, child, () => log, 10_000);
  };
  await launch();
  const caPem = await readFile(paths.caCert, 'utf8');
  return {
    paths,
    kioskUrl: `mqtts://127.0.0.1:${ports.kiosk}`,
    staffUrl: `mqtts://127.0.0.1:${ports.staff}`,
    fleetKey,
    get pid() {
      return child.pid as number;
    },
    async issueKiosk(kioskId, institution = 'Passage development fleet') {
      const issued = await issueCertificate({ certPem: caPem, keyPem: ca.keyPem }, { kind: 'client', institution, kioskId });
      const certPath = join(dir, `kiosk-${kioskId}.pem`);
      const keyPath = join(dir, `kiosk-${kioskId}-key.pem`);
      await writeFile(certPath, issued.certPem);
      await writeFile(keyPath, issued.keyPem, { mode: 0o600 });
      return { kioskId, caPath: paths.caCert, certPath, keyPath };
    },
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    start: launch,
  };
}
