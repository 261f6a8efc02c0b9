/** A single-channel 8-bit image held in memory (row-major, `data.length === width * height`). */
export interface GreyImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Bilinear sample with edge clamping. */
export function sample(img: GreyImage, x: number, y: number): number {
  const { width: w, height: h, data } = img;
  const xf = Math.min(Math.max(x, 0), w - 1);
  const yf = Math.min(Math.max(y, 0), h - 1);
  const x0 = Math.floor(xf);
  const y0 = Math.floor(yf);
  const x1 = Math.min(x0 + 1, w - 1);
  const y1 = Math.min(y0 + 1, h - 1);
  const fx = xf - x0;
  const fy = yf - y0;
  const a = data[y0 * w + x0]!;
  const b = data[y0 * w + x1]!;
  const c = data[y1 * w + x0]!;
  const d = data[y1 * w + x1]!;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/** Box-filter downscale by an integer-free factor `scale` (< 1), averaging source pixels. */
export function downscale(img: GreyImage, scale: number): GreyImage {
  if (scale >= 1) return img;
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const data = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const ya = Math.floor(y * sy);
    const yb = Math.max(ya + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const xa = Math.floor(x * sx);
      const xb = Math.max(xa + 1, Math.floor((x + 1) * sx));
      let sum = 0;
      for (let yy = ya; yy < yb; yy++) for (let xx = xa; xx < xb; xx++) sum += img.data[yy * img.width + xx]!;
      data[y * width + x] = sum / ((yb - ya) * (xb - xa));
    }
  }
  return { data, width, height };
}

/** Summed-area table (width+1 × height+1) for constant-time box means. */
export function integral(img: GreyImage): Float64Array {
  const w = img.width + 1;
  const sat = new Float64Array(w * (img.height + 1));
  for (let y = 0; y < img.height; y++) {
    let row = 0;
    for (let x = 0; x < img.width; x++) {
      row += img.data[y * img.width + x]!;
      sat[(y + 1) * w + x + 1] = sat[y * w + x + 1]! + row;
    }
  }
  return sat;
}

export function boxMean(sat: Float64Array, img: GreyImage, x: number, y: number, r: number): number {
  const w = img.width + 1;
  const x0 = Math.max(0, x - r);
  const y0 = Math.max(0, y - r);
  const x1 = Math.min(img.width, x + r + 1);
  const y1 = Math.min(img.height, y + r + 1);
  const s = sat[y1 * w + x1]! - sat[y0 * w + x1]! - sat[y1 * w + x0]! + sat[y0 * w + x0]!;
  return s / ((x1 - x0) * (y1 - y0));
}

/** Otsu's threshold over a 256-bin histogram. */
export function otsu(hist: ArrayLike<number>): number {
  let total = 0;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sumAll += i * hist[i]!;
  }
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/**
 * Stroke contrast: how much darker a pixel is than both of its neighbours `d` pixels
 * away along a row or along a column (for d = 2 and 4), whichever is most. A stroke up to about 7 pixels wide
 * has paper on both sides along at least one axis; the inside and the rim of a dark area wider than that have
 * dark on one side at least, so a page edge against a dark table, a photo or a thumb give nothing.
 */
export function strokeContrast(img: GreyImage): Uint8Array {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 4; y < h - 4; y++) {
    for (let x = 4; x < w - 4; x++) {
      const o = y * w + x;
      const v = data[o]!;
      let best = 0;
      for (let d = 2; d <= 4; d += 2) {
        const l = data[o - d]!;
        const r = data[o + d]!;
        const u = data[o - d * w]!;
        const b = data[o + d * w]!;
        const across = l < r ? l : r;
        const along = u < b ? u : b;
        const m = (across > along ? across : along) - v;
        if (m > best) best = m;
      }
      out[o] = best;
    }
  }
  return out;
}
