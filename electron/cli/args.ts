/** Minimal flag parser for the CLI: `--name value`, `--name=value`, `--flag`. Unknown flags are errors. */
export type ParsedArgs = { ok: true; flags: Map<string, string | true>; positional: string[] } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], spec: { values: readonly string[]; booleans: readonly string[] }): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return { ok: false, error: `--${name} needs a value` };
      flags.set(name, value);
    } else {
      return { ok: false, error: `unknown option --${name}` };
    }
  }
  return { ok: true, flags, positional };
}
