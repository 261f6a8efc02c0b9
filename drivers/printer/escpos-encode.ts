import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import sharp from 'sharp';
import type { Gb18030Encoder } from './gb18030.ts';
import type { PrintDocument } from './printer.ts';

export interface EscPosEncodeOptions {
  /** Characters per line in font A (48 on 80 mm paper, 32 on 58 mm). */
  readonly columns: number;
  /** Printable width in dots, for images (576 on 80 mm at 203 dpi). */
  readonly widthDots: number;
  readonly gb18030: Gb18030Encoder;
}

// Epson ESC/POS: FS & selects Chinese (Kanji) character mode, FS . cancels it. Chinese-firmware printers read
// GB18030/GBK double bytes in that mode (the encoder's `initialize` already sends FS . for single-byte mode).
const chineseModeOn = [0x1c, 0x26];
const chineseModeOff = [0x1c, 0x2e];
const lineFeed = [0x0a];

function isSingleByteSafe(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

async function monochrome(png: Uint8Array, targetWidth: number): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const image = sharp(png).flatten({ background: '#ffffff' });
  const meta = await image.metadata();
  // The encoder's bit-image commands pack 8 dots per byte: width and height must be multiples of 8.
  const width = Math.max(8, Math.floor(Math.min(targetWidth, meta.width ?? targetWidth) / 8) * 8);
  const scaled = await image.resize({ width }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const height = Math.ceil(scaled.info.height / 8) * 8;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  data.set(scaled.data.subarray(0, width * scaled.info.height * 4));
  return { data, width, height };
}

/**
 * Encodes a document as ESC/POS bytes. Rejects (an exception, caught by the adapter as FORMAT_ERROR) only
 * for data the encoder or image decoder cannot handle.
 */
export async function encodeEscPos(document: PrintDocument, options: EscPosEncodeOptions): Promise<Uint8Array> {
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: options.columns, newline: '\n' });
  encoder.initialize();
  for (const block of document.blocks) {
    switch (block.type) {
      case 'text': {
        encoder.align(block.align ?? 'left').bold(block.bold ?? false);
        if (block.size === 'large') encoder.width(2).height(2);
        if (isSingleByteSafe(block.text)) encoder.line(block.text);
        else encoder.raw([...chineseModeOn, ...options.gb18030.encode(block.text), ...chineseModeOff, ...lineFeed]);
        if (block.size === 'large') encoder.width(1).height(1);
        encoder.bold(false).align('left');
        break;
      }
      case 'barcode':
        encoder.align('center');
        if (block.symbology === 'pdf417') encoder.pdf417(block.data, { width: 3, height: Math.max(2, Math.min(8, block.height ?? 3)), errorlevel: 5 });
        else encoder.barcode(block.data, 'itf', { height: Math.max(24, Math.min(255, block.height ?? 80)), text: false });
        encoder.align('left');
        break;
      case 'image': {
        const image = await monochrome(block.png, Math.min(block.width ?? options.widthDots, options.widthDots));
        encoder.align('center').image(image as unknown as ImageData, image.width, image.height, 'threshold', 128).align('left');
        break;
      }
      case 'feed':
        encoder.newline(block.lines);
        break;
      case 'cut':
        encoder.cut('partial');
        break;
    }
  }
  return encoder.encode();
}
