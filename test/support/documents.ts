import { checkDigit, parseMrz, type MrzResult } from '../../drivers/mrz/index.ts';

/** When the tests read their documents (a kiosk's clock); whether a specimen has expired is judged then. */
export const readAt = new Date('2026-11-28T02:00:00Z');

/** A TD3 second line of 43 characters with its composite check digit (ICAO Doc 9303-4 §4.2.2.2: positions 1–10, 14–20, 22–43). */
function withComposite(line2: string): string {
  return line2 + checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
}

/** A Chinese three-line permit (CR/CT/C<) whose first line carries the number and its check digit at position 15. */
function permit(code: 'CR' | 'CT' | 'C<', number: string): string[] {
  return [`${code}CHN${number}${checkDigit(number)}`.padEnd(30, '<'), '<<<<<<<<<<9001012<<<<<<<<<<<<<', 'ABC'.padEnd(30, '<')];
}

/**
 * MRZ lines of real specimens, as a reader delivers them. The UTO holders are those the platform simulator's
 * seed knows (electron/platform/sim/seed.json); the others are ICAO Doc 9303 and vendor specimens that the MRZ
 * parser's own tests pin down (test/mrz/specimens.test.ts, test/mrz/rules.test.ts).
 */
export const mrzLines = {
  /** The ICAO Doc 9303 specimen holder, ERIKSSON ANNA MARIA, L898902C3, with an expiry still to come (2034-04-15). */
  eriksson: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'],
  /** LINDQVIST ERIK, UF7730245, born 1985-03-02, expires 2030-11-30. */
  lindqvist: ['P<UTOLINDQVIST<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<', 'UF77302451UTO8503024M3011308<<<<<<<<<<<<<<<8'],
  /** NOBODY NOEL, UN0000017, born 1970-01-01. */
  nobody: ['P<UTONOBODY<<NOEL<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UN00000179UTO7001017M3101012<<<<<<<<<<<<<<<0'],
  /** MORENO LUCIA, UM4410387. */
  moreno: ['P<UTOMORENO<<LUCIA<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UM44103873UTO9107142F3202285<<<<<<<<<<<<<<<0'],
  /** A PRC passport (PO): CESHI YANGBEN, EC1234567, the Chinese name 测试样 coded in the personal number. */
  ceshi: ['POCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<', 'EC12345672CHN8310291F3304226LCOCMKNENBPJB988'],
  /** A German passport: the one-letter ICAO code D (expired 2017). */
  mustermann: ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'],
  /** A Macao SAR passport: issuer MAC, nationality CHN, CHAN TAI MAN, MA0123456 (made with the kiosk's MRZ formatter). */
  macaoPassport: ['P<MACCHAN<<TAI<MAN<<<<<<<<<<<<<<<<<<<<<<<<<<', 'MA01234569CHN8008080M3108077<<<<<<<<<<<<<<<2'],
  /** An HKSAR passport: CHN issuer, K number (expired 2017). */
  chung: ['P<CHNCHUNG<<KWOK<SUM<<<<<<<<<<<<<<<<<<<<<<<<', 'K123455994CHN8008080F1702057HK8888888<<<<<36'],
  /** An exit-entry permit to Hong Kong and Macao (CS), CA1234567: the one-line MRZ has no name, sex or nationality. */
  csPermit: ['CSCA12345672<3109306<9005178<4'],
  /** A Home Return Permit (CR) of a Hong Kong resident: the MRZ gives the number, H12345678, and nothing else. */
  hongKongPermit: permit('CR', 'H12345678'),
  /** A Home Return Permit of the 1999 series (C<). */
  homeReturnPermit1999: permit('C<', 'H12345678'),
  /** A Home Return Permit (CR) of a Macao resident (M number). */
  macaoPermit: permit('CR', 'M87654321'),
  /** A travel permit for Taiwan residents (CT). */
  taiwanPermit: permit('CT', 'T12345678'),
  /** An ICAO specimen visa (MRV-A). */
  visa: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'],
  /** ERIKSSON's passport without sex (`<`, unspecified). */
  erikssonNoSex: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122<3404159<<<<<<<<<<<<<<<4'],
  /** LINDQVIST's passport without sex. */
  lindqvistNoSex: ['P<UTOLINDQVIST<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<', withComposite(`UF77302451UTO8503024<3011308${'<'.repeat(14)}0`)],
  /** A passport with no document number (fillers), ERIKSSON otherwise. */
  erikssonNoNumber: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', withComposite(`<<<<<<<<<0UTO7408122F3404159${'<'.repeat(14)}0`)],
  /** A passport of fillers but for its expiry: no issuer, name, number, nationality, birth date or sex. */
  blank: ['P<<<<'.padEnd(44, '<'), withComposite(`<<<<<<<<<0<<<<<<<<<0<3404159${'<'.repeat(14)}0`)],
  /** ERIKSSON's passport misread: the document number's check digit does not hold. */
  erikssonMisread: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C35UTO7408122F3404159ZE184226B<<<<<16'],
} as const;

/** Parses `lines` with the kiosk's MRZ parser (strict, as for a hardware reader) at `readAt`; throws if they are no MRZ. */
export function readDocument(lines: readonly string[], now = readAt): MrzResult {
  const result = parseMrz([...lines], { mode: 'strict', now });
  if (!result.ok) throw new Error(`not an MRZ: ${result.error?.message ?? lines.join(' / ')}`);
  return result;
}

/** The parsed specimen, for code that only routes documents (session, flows, records). */
export function specimen(name: keyof typeof mrzLines): MrzResult {
  return readDocument(mrzLines[name]);
}
