import type { PrintBlock, PrintDocument } from '../../../drivers/printer/printer.ts';
import { localDate, timeOfDay } from '../../contract/local-time.ts';
import type { RegistrationDeliveryState } from '../../hotel/registration-outbox.ts';

/**
 * The registration slip handed to the guest: room, stay, guests and keys, in Chinese and English (the
 * receipt printer prints Chinese in GB18030, drivers/printer). Document numbers are masked. It says only what
 * has happened: for each guest, what the police outbox knows of their registration at the moment of printing.
 */
export interface RegistrationSlip {
  readonly hotelId: string;
  readonly confirmationNumber: string;
  readonly roomNumber: string;
  /** ISO instant of the check-in. */
  readonly arrival: string;
  readonly departureDate: string;
  readonly guests: readonly {
    readonly name: string;
    readonly nameChinese: string | null;
    readonly documentRef: string;
    /** The guest's police registration in the outbox; null when none was written (never for a checked-in guest). */
    readonly registrationId: string | null;
  }[];
  readonly keys: number;
  readonly deposit: { readonly amountMinor: number; readonly currency: string } | null;
}

/** Where a police registration stands (electron/hotel/registration-outbox.ts `deliveryState`). */
export type PoliceRegistrationState = RegistrationDeliveryState;

/** The slip's line for each state, Chinese then English; none claims more than the state says. */
export const policeRegistrationWording: Readonly<Record<PoliceRegistrationState, readonly string[]>> = {
  acknowledged: ['公安登记：已报送，公安系统已确认接收', 'Police registration: sent and acknowledged by the police system'],
  queued: [
    '公安登记：已保存，排队待报送，系统将自动报送',
    'Police registration: queued to be sent; it is stored and will be sent automatically',
  ],
  retrying: [
    '公安登记：公安系统暂未应答，已排队，系统将自动重新报送',
    'Police registration: queued; the police system has not answered yet and it will be sent again automatically',
  ],
  rejected: [
    '公安登记：未被公安系统接受，前台将联系您补正',
    'Police registration: not accepted by the police system; the front desk will contact you to correct it',
  ],
  unknown: ['公安登记：请向前台确认', 'Police registration: please ask at the front desk'],
};

const text = (value: string, extra: Omit<Extract<PrintBlock, { type: 'text' }>, 'type' | 'text'> = {}): PrintBlock => ({ type: 'text', text: value, ...extra });

export function formatAmount(amountMinor: number, currency: string): string {
  return `${currency} ${(amountMinor / 100).toFixed(2)}`;
}

export interface SlipContext {
  /** The hotel's IANA time zone: the arrival is printed on the hotel's clock. */
  readonly timeZone: string;
  /** Each guest's registration state at print time (by registration ID). */
  readonly police: (registrationId: string | null) => PoliceRegistrationState;
}

export function renderSlip(slip: RegistrationSlip, context: SlipContext): PrintDocument {
  const arrival = `${localDate(slip.arrival, context.timeZone)} ${timeOfDay(slip.arrival, context.timeZone)}`;
  return {
    kind: 'receipt',
    blocks: [
      text('入住登记单', { align: 'center', bold: true, size: 'large' }),
      text('Registration slip', { align: 'center' }),
      { type: 'feed', lines: 1 },
      text(`酒店 Hotel: ${slip.hotelId}`),
      text(`确认号 Confirmation: ${slip.confirmationNumber}`),
      text(`房号 Room: ${slip.roomNumber}`, { bold: true, size: 'large' }),
      text(`入住 Arrival: ${arrival}`),
      text(`离店 Departure: ${slip.departureDate}`),
      { type: 'feed', lines: 1 },
      text('住客 Guests:'),
      ...slip.guests.flatMap((g): PrintBlock[] => [
        text(`  ${g.nameChinese ? `${g.nameChinese} ` : ''}${g.name}`),
        text(`  证件 Document: ${g.documentRef}`),
        ...policeRegistrationWording[context.police(g.registrationId)].map((line) => text(`  ${line}`)),
      ]),
      { type: 'feed', lines: 1 },
      text(`房卡 Key cards: ${slip.keys}`),
      ...(slip.deposit ? [text(`押金预授权 Deposit pre-authorised: ${formatAmount(slip.deposit.amountMinor, slip.deposit.currency)}`)] : []),
      { type: 'feed', lines: 2 },
      { type: 'cut' },
    ],
  };
}
