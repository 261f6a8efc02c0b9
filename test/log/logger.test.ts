import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/log/logger.ts';
import { maskDocumentNumber, maskName } from '../../electron/log/mask.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination: destination as never, level: 'info' }) };
}

describe('logger', () => {
  it('censors personal data under a personal key, at the top or two levels down, in arrays and child loggers', () => {
    const { lines, logger } = capture();
    logger.info({ surname: 'ERIKSSON', doc: { documentNumber: 'L898902C3', givenNames: 'ANNA' }, mrz: ['P<UTO...'] }, 'read');
    logger.info({ guests: [{ surname: 'ERIKSSON' }] }, 'array');
    logger.child({ component: 'x' }).info({ traveller: { document: { documentNumber: 'L898902C3' } } }, 'two levels');
    const text = lines.join('');
    expect(text).not.toContain('ERIKSSON');
    expect(text).not.toContain('L898902C3');
    expect(text).not.toContain('ANNA');
    expect(text).not.toContain('P<UTO');
    expect(text).toContain('[masked]');
  });

  it('keeps its own name and ordinary fields', () => {
    const { lines, logger } = capture();
    logger.info({ screen: 'holder' }, 'ok');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ name: 'passage', screen: 'holder', msg: 'ok' });
  });
});

describe('masking', () => {
  it('keeps the series letter and the last three characters of a document number', () => {
    expect(maskDocumentNumber('L898902C3')).toBe('L*****2C3');
    expect(maskDocumentNumber('E1234')).toBe('E*234');
    expect(maskDocumentNumber('AB1')).toBe('***');
  });

  it('keeps only initials of names', () => {
    expect(maskName('CHAN TAI MAN')).toBe('C*** T** M**');
    expect(maskName('张伟')).toBe('张*');
  });
});
