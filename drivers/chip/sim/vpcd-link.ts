import { connect, type Socket } from 'node:net';
import type { ChipEmulator } from './chip-emulator.ts';

/**
 * Connects an emulated chip to vsmartcard's virtual reader driver for pcscd (Debian `vsmartcard-vpcd`), so the
 * PC/SC path is exercised through the real pcsc-lite stack. Wire format (vpcd's documentation): every message is
 * a 2-byte big-endian length and a payload; a 1-byte payload is a control code from the reader (0 power off,
 * 1 power on, 2 reset, 4 send the ATR), anything longer a command APDU answered by the response APDU.
 */
export class VpcdLink {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);

  private constructor(socket: Socket, emulator: ChipEmulator) {
    this.#socket = socket;
    socket.on('data', (chunk) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      while (this.#buffer.length >= 2) {
        const length = this.#buffer.readUInt16BE(0);
        if (this.#buffer.length < 2 + length) break;
        const message = this.#buffer.subarray(2, 2 + length);
        this.#buffer = this.#buffer.subarray(2 + length);
        this.#handle(emulator, message);
      }
    });
  }

  /** Inserts the card: connects to vpcd on `port` (localhost). Resolves once connected. */
  static insert(emulator: ChipEmulator, port: number, host = '127.0.0.1'): Promise<VpcdLink> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('error', reject);
      socket.setNoDelay(true);
      socket.once('connect', () => {
        socket.off('error', reject);
        socket.on('error', () => socket.destroy());
        resolve(new VpcdLink(socket, emulator));
      });
    });
  }

  /** Removes the card: closes the connection, which vpcd reports to pcscd as a card removal. */
  remove(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve();
      this.#socket.once('close', () => resolve());
      this.#socket.destroy();
    });
  }

  #send(payload: Uint8Array): void {
    const header = Buffer.alloc(2);
    header.writeUInt16BE(payload.length);
    if (!this.#socket.destroyed) this.#socket.write(Buffer.concat([header, payload]));
  }

  #handle(emulator: ChipEmulator, message: Buffer): void {
    if (message.length === 1) {
      const code = message[0];
      if (code === 0 || code === 1 || code === 2) emulator.reset();
      if (code === 4) this.#send(emulator.atr);
      return;
    }
    this.#send(emulator.transmit(new Uint8Array(message)));
  }
}
