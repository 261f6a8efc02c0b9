import { ChipProtocolError } from '../bytes.ts';
import { readTlv, readTlvs } from '../tlv.ts';

/** The first face image of DG2 and what its record says about it. */
export interface FaceImage {
  readonly format: 'jpeg' | 'jpeg2000';
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const jpegMagic = [0xff, 0xd8, 0xff];
const jp2Magic = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
const j2kMagic = [0xff, 0x4f, 0xff, 0x51];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * DG2 (ICAO 9303-10 §4.7.2): biometric information group template 7F61 → biometric information template
 * 7F60 → biometric data block 5F2E (or 7F2E), an ISO/IEC 19794-5:2005 facial record: the 14-byte general
 * header 'FAC\0', then per face a 20-byte information block, 8 bytes per feature point, a 12-byte image
 * information block (byte 1: 0 JPEG, 1 JPEG 2000; bytes 2–5: width, height) and the image.
 */
export function parseDg2(file: Uint8Array): FaceImage {
  const outer = readTlv(file);
  if (outer.tag !== 0x75) throw new ChipProtocolError('DG2 does not start with tag 75');
  const group = readTlvs(outer.value).find((t) => t.tag === 0x7f61);
  if (!group) throw new ChipProtocolError('DG2 lacks its biometric group template');
  const template = readTlvs(group.value).find((t) => t.tag === 0x7f60);
  if (!template) throw new ChipProtocolError('DG2 holds no face');
  const block = readTlvs(template.value).find((t) => t.tag === 0x5f2e || t.tag === 0x7f2e);
  if (!block) throw new ChipProtocolError('DG2 face has no biometric data block');
  return faceFromRecord(block.value);
}

function faceFromRecord(record: Uint8Array): FaceImage {
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  if (record.length < 14 + 20 + 12 || Buffer.from(record.subarray(0, 4)).toString('latin1') !== 'FAC\0') {
    throw new ChipProtocolError('DG2 face record is not an ISO/IEC 19794-5 record');
  }
  const landmarks = view.getUint16(14 + 4);
  const info = 14 + 20 + landmarks * 8;
  if (record.length < info + 12) throw new ChipProtocolError('DG2 face record is cut short');
  const declared = view.getUint8(info + 1) === 1 ? 'jpeg2000' : 'jpeg';
  const width = view.getUint16(info + 2);
  const height = view.getUint16(info + 4);
  const data = record.subarray(info + 12);
  const format = startsWith(data, jpegMagic) ? 'jpeg' : startsWith(data, jp2Magic) || startsWith(data, j2kMagic) ? 'jpeg2000' : undefined;
  if (!format) throw new ChipProtocolError('DG2 image is neither JPEG nor JPEG 2000');
  if (format !== declared) throw new ChipProtocolError(`DG2 record declares ${declared} but holds ${format}`);
  return { format, width, height, data };
}
