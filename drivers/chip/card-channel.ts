import { encodeCommand, needsExtended, parseResponse, type CommandApdu, type ResponseApdu } from './apdu.ts';
import { ChipProtocolError } from './bytes.ts';
import type { SecureChannel } from './secure-messaging.ts';

/**
 * The raw link to a card: one APDU out, one APDU back. A PC/SC card handle and the emulator both offer it.
 * `transmit` rejects with CardRemovedError when the card leaves the field mid-exchange.
 */
export interface ApduTransport {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}

/** The card left the reader's field (or the reader went away) during an exchange. */
export class CardRemovedError extends ChipProtocolError {}

export interface PlainChannel {
  transmit(command: CommandApdu): Promise<ResponseApdu>;
}

/**
 * Commands to one card, plain until a secure channel is set, then protected. `extended` allows extended length
 * APDUs (the chip announced them); otherwise every command is short.
 */
export class CardChannel implements PlainChannel {
  readonly #transport: ApduTransport;
  #secure: SecureChannel | undefined;
  extended: boolean;
  /** APDUs exchanged, for the read-time report. */
  exchanges = 0;

  constructor(transport: ApduTransport, extended = false) {
    this.#transport = transport;
    this.extended = extended;
  }

  get secure(): boolean {
    return this.#secure !== undefined;
  }

  useSecureChannel(channel: SecureChannel | undefined): void {
    this.#secure = channel;
  }

  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const secure = this.#secure;
    const outgoing = secure ? secure.protect(command, this.extended) : command;
    this.exchanges++;
    const raw = parseResponse(await this.#transport.transmit(encodeCommand(outgoing, this.extended && needsExtended(outgoing))));
    return secure ? secure.unprotect(raw) : raw;
  }
}

