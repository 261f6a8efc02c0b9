/**
 * Card capabilities from an answer-to-reset (ISO/IEC 7816-3 §8.2, 7816-4 §8.1.1.2.7). Contactless readers
 * build the ATR from the card's historical bytes; a card-capabilities object (compact-TLV tag 7) whose third
 * byte has b7 set announces extended Lc/Le fields.
 */
export interface AtrCapabilities {
  readonly extendedLength: boolean;
}

export function historicalBytes(atr: Uint8Array): Uint8Array {
  if (atr.length < 2) return new Uint8Array(0);
  const count = (atr[1] as number) & 0x0f;
  let at = 1;
  let td: number = atr[1] as number;
  for (;;) {
    // TA, TB, TC, TD present as bits 5..8 of the preceding T0/TDi.
    const next = ((td >> 4) & 1) + ((td >> 5) & 1) + ((td >> 6) & 1);
    const hasTd = (td & 0x80) !== 0;
    at += next + (hasTd ? 1 : 0);
    if (!hasTd) break;
    td = atr[at] as number;
  }
  return atr.subarray(at + 1, at + 1 + count);
}

export function atrCapabilities(atr: Uint8Array): AtrCapabilities {
  const hist = historicalBytes(atr);
  if (hist[0] !== 0x80) return { extendedLength: false };
  for (let at = 1; at < hist.length; ) {
    const tag = (hist[at] as number) >> 4;
    const length = (hist[at] as number) & 0x0f;
    if (tag === 7 && length >= 3) return { extendedLength: (((hist[at + 3] as number) ?? 0) & 0x40) !== 0 };
    at += 1 + length;
  }
  return { extendedLength: false };
}

/** The ATR a PC/SC contactless reader reports for an ISO 14443-4 card with these historical bytes (PC/SC part 3). */
export function contactlessAtr(historical: Uint8Array): Uint8Array {
  const body = [0x80 | historical.length, 0x80, 0x01, ...historical];
  const tck = body.reduce((a, b) => a ^ b, 0);
  return Uint8Array.from([0x3b, ...body, tck]);
}

/** Historical bytes announcing command chaining and, optionally, extended length. */
export function capabilityHistoricalBytes(extendedLength: boolean): Uint8Array {
  return Uint8Array.of(0x80, 0x73, 0x00, 0x00, extendedLength ? 0xc0 : 0x80);
}
