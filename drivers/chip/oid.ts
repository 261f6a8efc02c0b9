/** The content octets of an OBJECT IDENTIFIER (X.690 §8.19), for the 80 data object of MSE:Set AT. */
export function oidContent(oid: string): Uint8Array {
  const arcs = oid.split('.').map(BigInt);
  const first = (arcs[0] as bigint) * 40n + (arcs[1] as bigint);
  const out: number[] = [];
  for (const arc of [first, ...arcs.slice(2)]) {
    const bytes: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) bytes.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
