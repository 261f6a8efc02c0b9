import { describe, expect, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { holderView } from '../../electron/session/holder-view.ts';
import { countryName } from '../../renderer/src/i18n/country-names.ts';
import { translate } from '../../renderer/src/i18n/index.ts';
import { roomTypeName } from '../../renderer/src/flows/hotel/format.ts';
import { fakeDocument } from '../support/documents.ts';

describe('names instead of codes', () => {
  it('names ISO states in each language', () => {
    expect(countryName('CHN', 'en')).toBe('China');
    expect(countryName('CAN', 'zh-Hans')).toBe('加拿大');
    expect(countryName('HKG', 'zh-Hant')).toBe('中國香港特別行政區');
    expect(countryName('MAC', 'pt')).toBe('Macau, RAE da China');
  });

  it('names the codes ICAO adds outside ISO 3166 (ICAO 9303-3 §5), fillers and all', () => {
    expect(countryName('D<<', 'en')).toBe('Germany');
    expect(countryName('D', 'zh-Hans')).toBe('德国');
    expect(countryName('GBN', 'en')).toBe('British National (Overseas)');
    expect(countryName('UNO', 'pt')).toBe('Nações Unidas');
    expect(countryName('XXA', 'zh-Hans')).toBe('无国籍人士');
    expect(countryName('EUE', 'zh-Hant')).toBe('歐洲聯盟');
    expect(countryName('RKS', 'en')).toBe('Kosovo');
    for (const code of ['GBD', 'GBO', 'GBP', 'GBS', 'UNA', 'UNK', 'XXB', 'XXC', 'XXX']) {
      for (const language of languages) expect(countryName(code, language), `${code} ${language}`).not.toMatch(/^[A-Z]{1,3}$|Unknown|未知|Desconhecido/);
    }
  });

  it('says "unknown" for a code nobody defines, never the raw code', () => {
    expect(countryName('QQQ', 'en')).toBe('Unknown');
    expect(countryName('', 'zh-Hans')).toBe('未知');
  });

  it('names room types, and a type it does not know as the room booked', () => {
    const t = (key: Parameters<typeof translate>[1]) => translate('zh-Hans', key);
    expect(roomTypeName(t, 'TWIN')).toBe('双床房');
    expect(roomTypeName(t, 'KING')).toBe('大床房');
    expect(roomTypeName(t, 'DLXK2')).toBe('预订的房型');
  });

  it('names the document the MRZ engine recognised: HKSAR, Macao SAR and PRC passports, permits', () => {
    expect(holderView(fakeDocument({ documentCode: 'P<', issuer: 'CHN', documentKind: 'hksar-passport' })).documentKind).toBe('hksarPassport');
    expect(holderView(fakeDocument({ documentCode: 'PO', issuer: 'CHN', documentKind: 'prc-passport' })).documentKind).toBe('prcPassport');
    expect(holderView(fakeDocument({ documentCode: 'P<', issuer: 'MAC', documentKind: 'passport' })).documentKind).toBe('macaoSarPassport');
    expect(holderView(fakeDocument({ documentCode: 'CS', documentKind: 'cn-exit-entry-permit-hk-macao' })).documentKind).toBe('exitEntryPermitHkMacao');
    expect(holderView(fakeDocument({ documentCode: 'CR', documentKind: 'cn-mainland-travel-permit-hk-macao' })).documentKind).toBe('homeReturnPermit');
    expect(translate('en', 'documentKind.hksarPassport')).toBe('Hong Kong SAR passport');
  });
});

describe('plural forms', () => {
  it('chooses the form by the count in the language’s own rules', () => {
    expect(translate('en', 'airport.booking.passengers', { count: 1 })).toBe('1 passenger on this booking');
    expect(translate('en', 'airport.booking.passengers', { count: 3 })).toBe('3 passengers on this booking');
    expect(translate('pt', 'hotel.reservation.nightCount', { count: 1 })).toBe('1 noite');
    expect(translate('pt', 'hotel.reservation.nightCount', { count: 2 })).toBe('2 noites');
    expect(translate('zh-Hans', 'idle.secondsLeft', { count: 1 })).toBe('剩余 1 秒');
  });
});
