import { pino, type Logger, type DestinationStream } from 'pino';

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

export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'passage',
      level: options.level ?? 'info',
      redact: { paths: redactPaths, censor: '[masked]' },
    },
    options.destination,
  );
}

/** A logger that drops everything; for tests and CLI commands that print JSON on stdout. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
