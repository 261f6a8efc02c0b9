import type { DocumentReadData } from '../../drivers/reader/document-reader.ts';
import { parseMrz, type MrzResult } from '../../drivers/mrz/index.ts';

/**
 * The parse function DeviceManager takes: hardware readers OCR'd with their own engine and are parsed
 * strictly; our OCR fallback is parsed leniently (drivers/reader/document-reader.ts `origin`).
 */
export function parseReaderData(data: DocumentReadData, now?: Date): MrzResult {
  return parseMrz(data.lines, { mode: data.origin === 'reader' ? 'strict' : 'lenient', ...(now ? { now } : {}) });
}
