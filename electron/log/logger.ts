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

const redactPaths = personalKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

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
      redact: { paths: redactPaths, censor: '[masked]' },
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
