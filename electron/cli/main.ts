import type { CliCommand, CliIo } from './command.ts';

/**
 * `passage` command router. Each entry loads its module on demand so that `passage mrz parse` does not
 * pay for the kiosk host's start-up. Add a command: one line here plus its module.
 */
const commands: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  start: { summary: 'start the kiosk (Electron, or browser mode where Electron is missing)', load: async () => (await import('./start-command.ts')).startCommand },
  mrz: { summary: 'parse, format or OCR a machine-readable zone (JSON output)', load: async () => (await import('./mrz-command.ts')).mrzCommand },
  devices: { summary: 'list serial/HID devices, or listen to a reader (JSON output)', load: async () => (await import('./devices-command.ts')).devicesCommand },
  airline: { summary: 'BCBP decode / PDF417 render, name matching, DCS simulator (JSON output)', load: async () => (await import('./airline-command.ts')).airlineCommand },
  staff: { summary: 'add, change, disable or list staff accounts', load: async () => (await import('./staff-command.ts')).staffCommand },
  audit: { summary: 'verify or show the audit trail', load: async () => (await import('./audit-command.ts')).auditCommand },
  chip: { summary: 'ePassport chip: access keys from the MRZ, read and verify a chip (JSON output)', load: async () => (await import('./chip-command.ts')).chipCommand },
  sim: { summary: 'run a back-end simulator on its own (platform)', load: async () => (await import('./sim-command.ts')).simCommand },
  fleet: { summary: 'fleet of kiosks on an MQTT broker: dev broker, simulated kiosks, console, supervisor', load: async () => (await import('./fleet-command.ts')).fleetCommand },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: passage <command> [options]', '', 'commands:', ...lines, '', 'passage <command> --help for its options', ''].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr.write(`passage: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}
