/**
 * Control-API routes for the OCR fallback (docs/architecture.md "Simulation control": put a document on the reader
 * as MRZ lines or as an image for OCR). Mounted by the host under /sim/ in simulated mode. They drive the real
 * OCR reader and engine: the image is generated (or given) and read exactly as a camera frame would be.
 */
import { z } from 'zod';
import { seededRng } from '../mrz/index.ts';
import type { OcrReader } from '../reader/ocr-reader.ts';
import { simRoute, type SimRoute } from './sim-route.ts';
import { renderDocumentImage } from '../ocr/document-image.ts';

export const ocrImageBody = z.strictObject({
  /** The image file (JPEG, PNG …), base64. At most ~12 MB decoded. */
  imageBase64: z.string().min(8).max(16_000_000),
});

export const ocrDocumentBody = z.strictObject({
  mrz: z.array(z.string().min(1).max(60)).min(1).max(3),
  quality: z.enum(['clean', 'degraded', 'hard']).default('clean'),
  dpi: z.number().int().min(100).max(400).default(300),
  seed: z.number().int().default(1),
});

export type OcrSimReply =
  | { ok: true; read: boolean; verified: boolean; lines: readonly string[]; needsConfirmation: readonly string[]; error: string | null }
  | { ok: false; reason: string };

async function submit(reader: OcrReader, image: Uint8Array): Promise<OcrSimReply> {
  try {
    const read = await reader.submitImage(image);
    if (!read) return { ok: true, read: false, verified: false, lines: [], needsConfirmation: [], error: 'the OCR engine failed' };
    return { ok: true, read: read.ok, verified: read.verified, lines: read.lines, needsConfirmation: read.needsConfirmation, error: read.error?.code ?? null };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

export function ocrSimRoutes(reader: OcrReader, prefix = 'ocr'): SimRoute[] {
  return [
    simRoute({ method: 'POST', path: `/${prefix}/image`, body: ocrImageBody, handle: (b) => submit(reader, Buffer.from(b.imageBase64, 'base64')) }),
    simRoute({
      method: 'POST',
      path: `/${prefix}/document`,
      body: ocrDocumentBody,
      handle: async (b) => {
        const { image } = await renderDocumentImage(b.mrz, { rng: seededRng(b.seed), dpi: b.dpi, quality: b.quality });
        return submit(reader, image);
      },
    }),
  ];
}
