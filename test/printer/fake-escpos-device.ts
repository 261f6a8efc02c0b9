import { SerialPortMock } from 'serialport';
import { serialTransport, type ByteTransport, type SerialStreamLike } from '../../drivers/printer/byte-transport.ts';
import type { PtyPair } from '../support/pty-pair.ts';

const DLE = 0x10;
const EOT = 0x04;

/**
 * What an Epson-compatible printer does with the bytes it receives, whatever carries them: it answers the
 * real-time status requests DLE EOT n from its state as soon as it reads them, and takes everything else as
 * job bytes. The bytes may come in any pieces (a pty hands over what the kernel has), so a request cut between
 * two pieces is put back together.
 */
export class EscPosDeviceModel {
  paper = true;
  online = true;
  responsive = true;
  /** The paper runs out as soon as job bytes arrive. */
  paperOutDuringNextJob = false;
  /** n of every DLE EOT n, in order. */
  readonly statusRequests: number[] = [];
  #job: number[] = [];
  /** A DLE, or DLE EOT, that ended the last piece. */
  #pending: number[] = [];

  /** Takes bytes as the printer reads them; returns its answers, in order. */
  receive(bytes: Uint8Array): number[] {
    const answers: number[] = [];
    const job: number[] = [];
    const input = [...this.#pending, ...bytes];
    this.#pending = [];
    for (let i = 0; i < input.length; i++) {
      const b = input[i] as number;
      if (b === DLE && (i + 1 >= input.length || (input[i + 1] === EOT && i + 2 >= input.length))) {
        this.#pending = input.slice(i);
        break;
      }
      if (b === DLE && input[i + 1] === EOT) {
        const n = input[i + 2] as number;
        i += 2;
        this.statusRequests.push(n);
        this.#takeJob(job);
        if (this.responsive) answers.push(this.#answer(n));
        continue;
      }
      job.push(b);
    }
    this.#takeJob(job);
    return answers;
  }

  /** Job bytes only (status requests left out). */
  jobBytes(): Buffer {
    return Buffer.from(this.#job);
  }

  #takeJob(bytes: number[]): void {
    if (bytes.length === 0) return;
    this.#job.push(...bytes);
    bytes.length = 0;
    if (this.paperOutDuringNextJob) {
      this.paperOutDuringNextJob = false;
      this.paper = false;
    }
  }

  /** Epson DLE EOT answers: 0x12 base; n=1 bit 3 offline; n=4 bits 5–6 paper end. */
  #answer(n: number): number {
    if (n === 1) return 0x12 | (this.online && this.paper ? 0 : 0x08);
    if (n === 4) return 0x12 | (this.paper ? 0 : 0x60);
    return 0x12;
  }
}

/**
 * An ESC/POS printer at the far end of serialport's mock binding. Besides the model, it keeps every write the
 * adapter made as it made it, so a test can check that status requests are sent as writes of their own.
 */
export class FakeEscPosDevice extends EscPosDeviceModel {
  readonly received: Buffer[] = [];
  readonly path: string;
  #stream: SerialPortMock | null = null;

  constructor(path: string, create = true) {
    super();
    this.path = path;
    if (create) this.plug();
  }

  transport(): ByteTransport {
    return serialTransport({
      path: this.path,
      createPort: (options) => {
        const stream = new SerialPortMock(options);
        stream.on('open', () => this.#attach(stream));
        return stream as unknown as SerialStreamLike;
      },
    });
  }

  /** The cable is pulled: the open port closes as disconnected, and the path is gone until `plug()`. */
  unplug(): void {
    SerialPortMock.binding.reset();
    const stream = this.#stream;
    this.#stream = null;
    if (stream?.isOpen) stream.close(undefined, Object.assign(new Error('device unplugged'), { disconnected: true }));
  }

  plug(): void {
    SerialPortMock.binding.createPort(this.path, { echo: false, record: false });
  }

  #attach(stream: SerialPortMock): void {
    const binding = stream.port;
    if (!binding) return;
    this.#stream = stream;
    const write = binding.write.bind(binding);
    binding.write = async (buffer: Buffer) => {
      await write(buffer);
      const copy = Buffer.from(buffer);
      this.received.push(copy);
      const answers = this.receive(copy);
      if (answers.length > 0) setImmediate(() => binding.emitData(Buffer.from(answers)));
    };
  }
}

/** The same printer behind a socat pty pair: it reads what the real serialport binding wrote, and answers. */
export class PtyEscPosDevice extends EscPosDeviceModel {
  readonly pair: PtyPair;

  constructor(pair: PtyPair) {
    super();
    this.pair = pair;
    pair.onData((bytes) => {
      const answers = this.receive(bytes);
      // An answer racing an unplug is lost, as on the wire.
      if (answers.length > 0) this.pair.write(Uint8Array.from(answers)).catch(() => undefined);
    });
  }

  transport(): ByteTransport {
    return serialTransport({ path: this.pair.adapterPath });
  }
}
