import { describe, expect, it } from 'vitest';
import { ocrDocumentBody, ocrSimRoutes } from '../../drivers/sim/ocr-routes.ts';
import type { OcrMrzRead } from '../../drivers/ocr/read-mrz-image.ts';
import { createOcrReader } from '../../drivers/reader/ocr-reader.ts';

const read: OcrMrzRead = {
  ok: true,
  error: null,
  lines: ['CSC562635500<3302071<5012181<2'],
  recognisedLines: ['CSC562635500<3302071<5012181<2'],
  confidence: [Array.from({ length: 30 }, () => 0.9)],
  parse: null,
  fieldConfidence: {},
  needsConfirmation: ['surname'],
  verified: false,
  corrections: [],
  timingMs: { decode: 0, locate: 0, normalise: 0, recognise: 0, parse: 0, total: 0 },
  frame: { glyphPx: 30, washedOut: 0 },
};

describe('OCR simulation routes', () => {
  it('renders a document image from MRZ lines and reads it through the OCR reader', async () => {
    const seen: Uint8Array[] = [];
    const reader = createOcrReader({ readImage: async (img) => (seen.push(img), read) });
    await reader.start();
    const route = ocrSimRoutes(reader).find((r) => r.path === '/ocr/document')!;
    const reply = await route.handle(ocrDocumentBody.parse({ mrz: read.lines, dpi: 150 }));
    expect(reply).toEqual({ ok: true, read: true, verified: false, lines: read.lines, needsConfirmation: ['surname'], error: null });
    expect([...seen[0]!.subarray(0, 2)]).toEqual([0xff, 0xd8]); // a JPEG went to the engine
  });

  it('passes a given image through and answers ok false when the reader is not started', async () => {
    const reader = createOcrReader({ readImage: async () => read });
    const route = ocrSimRoutes(reader).find((r) => r.path === '/ocr/image')!;
    expect(await route.handle({ imageBase64: Buffer.from('not really an image').toString('base64') })).toEqual({ ok: false, reason: 'OCR reader is not started' });
    expect(route.body?.safeParse({ imageBase64: 'x' }).success).toBe(false);
  });
});
