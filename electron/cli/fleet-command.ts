import type { CliCommand, CliIo } from './command.ts';

const usage = `usage: passage fleet <broker|sim|console|supervise|sign-config> [options]

  broker       run a development Mosquitto with TLS, client certificates and the fleet ACL
  sim          run N kiosk agents (no UI) against a broker
  console      serve the fleet console (web page) for staff
  supervise    run a passage command and start it again whenever it ends (restart, pushed configuration)
  sign-config  sign a configuration document with the fleet key, for the config command

passage fleet <sub-command> --help for its options; docs/fleet.md for the design.`;

type Runner = (argv: readonly string[], io: CliIo, stopped: Promise<void>) => Promise<number>;

const subcommands: Record<string, { usage: () => Promise<string>; load: () => Promise<Runner> }> = {
  broker: { usage: async () => (await import('./fleet/broker-cli.ts')).brokerUsage, load: async () => (await import('./fleet/broker-cli.ts')).runBroker },
  sim: { usage: async () => (await import('./fleet/sim-cli.ts')).simUsage, load: async () => (await import('./fleet/sim-cli.ts')).runSim },
  console: { usage: async () => (await import('./fleet/console-cli.ts')).consoleUsage, load: async () => (await import('./fleet/console-cli.ts')).runConsole },
  supervise: { usage: async () => (await import('./fleet/supervise-cli.ts')).superviseUsage, load: async () => (await import('./fleet/supervise-cli.ts')).runSupervise },
  'sign-config': { usage: async () => (await import('./fleet/sign-cli.ts')).signUsage, load: async () => (await import('./fleet/sign-cli.ts')).runSign },
};

export const fleetCommand: CliCommand = {
  name: 'fleet',
  summary: 'fleet of kiosks on an MQTT broker: dev broker, simulated kiosks, console, supervisor',
  usage,
  async run(argv, io) {
    const [name, ...rest] = argv;
    const entry = name ? subcommands[name] : undefined;
    if (!entry) {
      io.stderr.write(`passage fleet: ${name ? `unknown sub-command '${name}'` : 'which sub-command?'}\n${usage}\n`);
      return 2;
    }
    if (rest.includes('--help') && name !== 'supervise') {
      io.stdout.write(`${await entry.usage()}\n`);
      return 0;
    }
    const stopped = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    return (await entry.load())(rest, io, stopped);
  },
};
