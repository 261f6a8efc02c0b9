import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** A member of staff who logs in to the fleet console; the broker checks the password and applies the ACL. */
export interface StaffAccount {
  readonly user: string;
  readonly password: string;
  /** `operator` may send commands (to `sites` only, when given); `viewer` may only watch. */
  readonly role: 'operator' | 'viewer';
  readonly sites?: readonly string[];
}

export interface BrokerPorts {
  /** Kiosks: TLS with a client certificate whose CN is the kiosk id. */
  readonly kiosk: number;
  /** Staff (the console): TLS with a user name and password. */
  readonly staff: number;
}

export interface BrokerPaths {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly kioskAcl: string;
  readonly staffAcl: string;
  readonly passwords: string;
}

/**
 * Mosquitto 2.0 configuration for a fleet broker (docs/fleet.md "Broker"). Two listeners with their own
 * settings: kiosks authenticate by certificate (the CN becomes the user name, so the ACL pattern `%u` is the
 * kiosk id) and staff by password, each listener with its own ACL, so no staff name can ever match a kiosk's
 * pattern. Pure: returns the file's text.
 */
export function mosquittoConf(ports: BrokerPorts, paths: BrokerPaths, options: { host?: string; verbose?: boolean; runAs?: string } = {}): string {
  const host = options.host ?? '127.0.0.1';
  const tls = [`cafile ${paths.caCert}`, `certfile ${paths.serverCert}`, `keyfile ${paths.serverKey}`, 'tls_version tlsv1.2'];
  return [
    // Started as root, mosquitto switches to the user `mosquitto`, who cannot read files another user made 0600.
    ...(options.runAs ? [`user ${options.runAs}`] : []),
    'per_listener_settings true',
    'persistence false',
    'log_dest stderr',
    ...(options.verbose ? ['log_type all'] : ['log_type error', 'log_type warning']),
    'connection_messages false',
    'max_queued_messages 10000',
    '',
    `listener ${ports.kiosk} ${host}`,
    ...tls,
    'require_certificate true',
    'use_identity_as_username true',
    `acl_file ${paths.kioskAcl}`,
    '',
    `listener ${ports.staff} ${host}`,
    ...tls,
    'require_certificate false',
    'allow_anonymous false',
    `password_file ${paths.passwords}`,
    `acl_file ${paths.staffAcl}`,
    '',
  ].join('\n');
}

/** A kiosk publishes under its own id only, and reads only its own commands. */
export function kioskAcl(): string {
  return [
    '# kiosks: %u is the certificate CN, i.e. the kiosk id',
    'pattern write passage/v1/+/%u/state',
    'pattern write passage/v1/+/%u/events',
    'pattern write passage/v1/+/%u/cmd-result',
    'pattern read passage/v1/+/%u/cmd/+',
    '',
  ].join('\n');
}

/** Every member of staff reads the whole fleet; operators may command the kiosks of their sites (or all). */
export function staffAcl(staff: readonly StaffAccount[]): string {
  return staff
    .flatMap((s) => [
      `user ${s.user}`,
      'topic read passage/v1/#',
      ...(s.role === 'operator' ? (s.sites ?? ['+']).map((site) => `topic write passage/v1/${site}/+/cmd/+`) : []),
      '',
    ])
    .join('\n');
}

/** Mosquitto 2's password file format: `$7$` = PBKDF2-SHA512, 101 iterations, 12-byte salt (what mosquitto_passwd writes). */
export function passwordFile(staff: readonly StaffAccount[], random: (n: number) => Buffer = randomBytes): string {
  return staff
    .map((s) => {
      if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(s.user)) throw new Error(`not a valid staff user name: ${s.user}`);
      const salt = random(12);
      const hash = pbkdf2Sync(s.password, salt, 101, 64, 'sha512');
      return `${s.user}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}\n`;
    })
    .join('');
}
