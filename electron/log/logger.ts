import { multistream, pino, type Logger, type DestinationStream } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/**
 * Keys that may carry personal data. pino censors them wherever they appear in a log object, so that a
 * careless `log.info({ doc })` cannot leak a name or a number. Callers that need to mention a document
 * log `maskDocumentNumber(...)` under a different key (`documentRef`).
 */
const personalKeys = [
  'surname', 'givenNames', 'fullName', 'names', 'nameChinese', 'documentNumber', 'birthDate', 'mrz', 'lines',
  'personalNumber', 'optionalData', 'face', 'image', 'photo', 'raw',
];

const personal = new Set(personalKeys);
const bindingPaths = personalKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
/** Deeper than any record the kiosk logs; a deeper value is dropped rather than walked for ever. */
const maxDepth = 16;

/**
 * A copy of a log record with every value under a personal key censored, at any depth, in arrays too. pino's
 * own `redact` needs one path per depth, and a record nested one level further than its paths went out as it
 * was. Errors and other class instances are left to their serializers; cycles and excess depth are cut.
 */
export function censorPersonal(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  const plain = Array.isArray(value) || proto === Object.prototype || proto === null;
  if (!plain) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  const out = Array.isArray(value)
    ? value.map((item) => censorPersonal(item, depth + 1, seen))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, personal.has(k) ? '[masked]' : censorPersonal(v, depth + 1, seen)]));
  seen.delete(value);
  return out;
}

/** The logger a component logger is made from, kept on each logger this module makes (see `componentLogger`). */
const rootLogger = Symbol('passage.rootLogger');
type Rooted = Logger & { [rootLogger]?: Logger };

function rooted(logger: Logger, root: Logger): Logger {
  (logger as Rooted)[rootLogger] = root;
  return logger;
}

export interface LoggerOptions {
  readonly level?: string;
  readonly destination?: DestinationStream;
  readonly name?: string;
  /** Human-readable lines (pino-pretty) instead of JSON: for a person at a terminal, never for a log collector. */
  readonly pretty?: boolean;
  /** Further destinations that receive every record as JSON (the diagnostics bundle's recent lines). */
  readonly alsoTo?: readonly DestinationStream[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const main = options.pretty
    ? PinoPretty({
        translateTime: 'SYS:HH:MM:ss.l',
        messageFormat: '{if component}{component}: {end}{msg}',
        ignore: 'pid,hostname,name,component',
        singleLine: true,
        destination: options.destination ?? 1,
        sync: true,
      })
    : options.destination;
  const destination = options.alsoTo?.length
    ? multistream([{ stream: main ?? process.stdout, level: 'trace' }, ...options.alsoTo.map((stream) => ({ stream, level: 'trace' as const }))])
    : main;
  const logger = pino(
    {
      name: options.name ?? 'passage',
      level: options.level ?? 'info',
      formatters: { log: (record) => censorPersonal(record) as Record<string, unknown> },
      // A child logger's bindings are serialised once, when the child is made, without the log formatter:
      // pino's redact covers them (to two levels; the kiosk binds only ids and component names).
      redact: { paths: bindingPaths, censor: '[masked]' },
    },
    destination,
  );
  return rooted(logger, logger);
}

/**
 * A logger for one part of the kiosk. Parts nest (`hotel` → `hotel/police`), and the record carries one
 * `component` key with the path: pino appends a child's bindings to its parent's, so binding `component`
 * again on a child would print the key twice.
 */
export function componentLogger(logger: Logger, component: string): Logger {
  const root = (logger as Rooted)[rootLogger];
  const { component: parent, ...rest } = logger.bindings() as { component?: string } & Record<string, unknown>;
  const path = parent ? `${parent}/${component}` : component;
  if (!root) return logger.child({ component: path });
  const inherited = Object.fromEntries(Object.entries(rest).filter(([key]) => !(key in root.bindings())));
  return rooted(root.child({ ...inherited, component: path }), root);
}

/** A logger that drops everything; for tests and CLI commands that print JSON on stdout. */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent' });
}
