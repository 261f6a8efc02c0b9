/** What a test needs to know of a PCM WAV: its format, how long it plays and how loud it is. */
export interface WavSummary {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly seconds: number;
  /** Root mean square of the 16-bit samples, 0–32767. */
  readonly rms: number;
}

/**
 * Reads a RIFF/WAVE file of 16-bit PCM. espeak-ng writing to a pipe cannot know the length in advance and puts a
 * placeholder in the chunk sizes, so the samples are whatever follows the `data` chunk header.
 */
export function summariseWav(bytes: Buffer): WavSummary {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let offset = 12;
  let format: { channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = { channels: bytes.readUInt16LE(offset + 10), sampleRate: bytes.readUInt32LE(offset + 12), bitsPerSample: bytes.readUInt16LE(offset + 22) };
    } else if (id === 'data') {
      if (!format || format.bitsPerSample !== 16) throw new Error('expected 16-bit PCM before the data chunk');
      const samples = bytes.subarray(offset + 8, offset + 8 + Math.min(size, bytes.length - offset - 8));
      const count = Math.floor(samples.length / 2);
      let sum = 0;
      for (let i = 0; i < count; i++) sum += samples.readInt16LE(i * 2) ** 2;
      return { ...format, seconds: count / format.channels / format.sampleRate, rms: count ? Math.sqrt(sum / count) : 0 };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
