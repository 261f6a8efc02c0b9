import { ChipProtocolError } from '../bytes.ts';

/** The chip refused the access key: with BAC or PACE this means the MRZ used as the key is not this chip's. */
export class AccessDeniedError extends ChipProtocolError {
  readonly protocol: 'bac' | 'pace';
  constructor(protocol: 'bac' | 'pace', message: string) {
    super(message);
    this.protocol = protocol;
  }
}
