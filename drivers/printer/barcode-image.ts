import { toBuffer } from 'bwip-js';

/**
 * Barcode images with bwip-js (no network, no canvas). PDF417 carries BCBP on paper boarding passes
 * (docs/devices.md §3.1, docs/airline.md §1 "Symbologies"); ITF (interleaved 2 of 5) carries the bag-tag licence plate.
 */
export async function barcodePng(symbology: 'pdf417' | 'itf', data: string, options: { scale?: number; height?: number } = {}): Promise<Buffer> {
  if (symbology === 'pdf417') {
    // Error-correction level 5 is a common choice for BCBP printing; quiet zone 2 modules each side.
    return toBuffer({ bcid: 'pdf417', text: data, scale: options.scale ?? 2, eclevel: 5, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' } as Parameters<typeof toBuffer>[0]);
  }
  return toBuffer({
    bcid: 'interleaved2of5',
    text: data,
    scale: options.scale ?? 2,
    height: options.height ?? 15,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  } as Parameters<typeof toBuffer>[0]);
}
