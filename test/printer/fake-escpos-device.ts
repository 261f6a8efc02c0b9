import { SerialPortMock } from 'serialport';
import { serialTransport, type ByteTransport, type SerialStreamLike } from '../../drivers/printer/byte-transport.ts';

/**
 * An ESC/POS printer at the far end of serialport's mock binding. It records every byte, answers the
 * real-time status requests DLE EOT 1 / DLE EOT 4 (sent as their own writes by the adapter) from its state,
 * and can run out of paper while a job's bytes arrive.
 */
export class FakeEscPosDevice {
  paper = true;
  online = true;
  responsive = true;
  paperOutDuringNextJob = false;
  readonly received: Buffer[] = [];
  readonly path: string;

  constructor(path: string, create = true) {
    this.path = path;
    if (create) SerialPortMock.binding.createPort(path, { echo: false, record: false });
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

  /** Job bytes only (status requests left out). */
  jobBytes(): Buffer {
    return Buffer.concat(this.received.filter((b) => !(b.length === 3 && b[0] === 0x10 && b[1] === 0x04)));
  }

  #attach(stream: SerialPortMock): void {
    const binding = stream.port;
    if (!binding) return;
    const write = binding.write.bind(binding);
    binding.write = async (buffer: Buffer) => {
      await write(buffer);
      const copy = Buffer.from(buffer);
      this.received.push(copy);
      if (copy.length === 3 && copy[0] === 0x10 && copy[1] === 0x04) {
        if (!this.responsive) return;
        // Epson DLE EOT answers: 0x12 base; n=1 bit 3 offline; n=4 bits 5–6 paper end.
        const answer = copy[2] === 1 ? 0x12 | (this.online && this.paper ? 0 : 0x08) : 0x12 | (this.paper ? 0 : 0x60);
        setImmediate(() => binding.emitData(Buffer.from([answer])));
      } else if (this.paperOutDuringNextJob) {
        this.paperOutDuringNextJob = false;
        this.paper = false;
      }
    };
  }
}
