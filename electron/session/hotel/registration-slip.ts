import type { PrintBlock, PrintDocument } from '../../../drivers/printer/printer.ts';

/**
 * The registration slip handed to the guest: room, stay, guests and keys, in Chinese and English (the
 * receipt printer prints Chinese in GB18030, drivers/printer). Document numbers are masked.
 */
export interface RegistrationSlip {
  readonly hotelId: string;
  readonly confirmationNumber: string;
  readonly roomNumber: string;
  /** ISO date-time of the check-in. */
  readonly arrival: string;
  readonly departureDate: string;
  readonly guests: readonly { readonly name: string; readonly nameChinese: string | null; readonly documentRef: string }[];
  readonly keys: number;
  readonly deposit: { readonly amountMinor: number; readonly currency: string } | null;
}

const text = (value: string, extra: Omit<Extract<PrintBlock, { type: 'text' }>, 'type' | 'text'> = {}): PrintBlock => ({ type: 'text', text: value, ...extra });

export function formatAmount(amountMinor: number, currency: string): string {
  return `${currency} ${(amountMinor / 100).toFixed(2)}`;
}

export function renderSlip(slip: RegistrationSlip): PrintDocument {
  return {
    kind: 'receipt',
    blocks: [
      text('入住登记单', { align: 'center', bold: true, size: 'large' }),
      text('Registration slip', { align: 'center' }),
      { type: 'feed', lines: 1 },
      text(`酒店 Hotel: ${slip.hotelId}`),
      text(`确认号 Confirmation: ${slip.confirmationNumber}`),
      text(`房号 Room: ${slip.roomNumber}`, { bold: true, size: 'large' }),
      text(`入住 Arrival: ${slip.arrival.slice(0, 16).replace('T', ' ')} UTC`),
      text(`离店 Departure: ${slip.departureDate}`),
      { type: 'feed', lines: 1 },
      text('住客 Guests:'),
      ...slip.guests.flatMap((g): PrintBlock[] => [text(`  ${g.nameChinese ? `${g.nameChinese} ` : ''}${g.name}`), text(`  证件 Document: ${g.documentRef}`)]),
      { type: 'feed', lines: 1 },
      text(`房卡 Key cards: ${slip.keys}`),
      ...(slip.deposit ? [text(`押金预授权 Deposit pre-authorised: ${formatAmount(slip.deposit.amountMinor, slip.deposit.currency)}`)] : []),
      text('已向公安机关登记 Registered with public security'),
      { type: 'feed', lines: 2 },
      { type: 'cut' },
    ],
  };
}
