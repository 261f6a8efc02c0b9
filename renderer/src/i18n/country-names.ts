import { alpha3ToAlpha2 } from 'i18n-iso-countries';
import type { Language } from '../../../electron/contract/index.ts';

/**
 * Issuing states and nationalities by name in the traveller's language. An MRZ carries ICAO codes (ICAO 9303-3
 * §5): ISO 3166-1 alpha-3 codes, which `i18n-iso-countries` maps to alpha-2 and `Intl.DisplayNames` names, plus
 * codes ICAO adds that no ISO table has (docs/mrz-formats.md §1.6), named here. A code in neither is shown as
 * "unknown" rather than raw.
 */
type Names = Readonly<Record<Language, string>>;

/** ICAO 9303-3 §5 codes outside ISO 3166-1 (and the specimen state `UTO`), named in the four catalogues. */
const icaoOnly: Readonly<Record<string, Names | { readonly region: string }>> = {
  D: { region: 'DE' },
  GBD: { en: 'British Overseas Territories citizen', 'zh-Hans': '英国海外领土公民', 'zh-Hant': '英國海外領土公民', pt: 'Cidadão dos Territórios Britânicos Ultramarinos' },
  GBN: { en: 'British National (Overseas)', 'zh-Hans': '英国国民（海外）', 'zh-Hant': '英國國民（海外）', pt: 'Nacional Britânico (Ultramar)' },
  GBO: { en: 'British Overseas citizen', 'zh-Hans': '英国海外公民', 'zh-Hant': '英國海外公民', pt: 'Cidadão Britânico Ultramarino' },
  GBP: { en: 'British protected person', 'zh-Hans': '英国受保护人士', 'zh-Hant': '英國受保護人士', pt: 'Pessoa protegida britânica' },
  GBS: { en: 'British subject', 'zh-Hans': '英国臣民', 'zh-Hant': '英國臣民', pt: 'Súbdito britânico' },
  UNA: { en: 'Specialised agency of the United Nations', 'zh-Hans': '联合国专门机构', 'zh-Hant': '聯合國專門機構', pt: 'Agência especializada das Nações Unidas' },
  UNK: { en: 'Kosovo resident (UNMIK document)', 'zh-Hans': '科索沃居民（联合国科索沃特派团证件）', 'zh-Hant': '科索沃居民（聯合國科索沃特派團證件）', pt: 'Residente do Kosovo (documento da UNMIK)' },
  UNO: { en: 'United Nations', 'zh-Hans': '联合国', 'zh-Hant': '聯合國', pt: 'Nações Unidas' },
  XXA: { en: 'Stateless person', 'zh-Hans': '无国籍人士', 'zh-Hant': '無國籍人士', pt: 'Apátrida' },
  XXB: { en: 'Refugee (1951 Convention)', 'zh-Hans': '难民（1951年公约）', 'zh-Hant': '難民（1951年公約）', pt: 'Refugiado (Convenção de 1951)' },
  XXC: { en: 'Refugee', 'zh-Hans': '难民', 'zh-Hant': '難民', pt: 'Refugiado' },
  XXX: { en: 'Nationality not specified', 'zh-Hans': '国籍未说明', 'zh-Hant': '國籍未說明', pt: 'Nacionalidade não especificada' },
  RKS: { en: 'Kosovo', 'zh-Hans': '科索沃', 'zh-Hant': '科索沃', pt: 'Kosovo' },
  XXK: { en: 'Kosovo', 'zh-Hans': '科索沃', 'zh-Hant': '科索沃', pt: 'Kosovo' },
  EUE: { en: 'European Union', 'zh-Hans': '欧洲联盟', 'zh-Hant': '歐洲聯盟', pt: 'União Europeia' },
  XOM: { en: 'Sovereign Military Order of Malta', 'zh-Hans': '马耳他主权军事修会', 'zh-Hant': '馬爾他主權軍事修會', pt: 'Ordem Soberana e Militar de Malta' },
  XPO: { en: 'INTERPOL', 'zh-Hans': '国际刑警组织', 'zh-Hant': '國際刑警組織', pt: 'INTERPOL' },
  UTO: { en: 'Utopia (specimen)', 'zh-Hans': '乌托邦（样本证件）', 'zh-Hant': '烏托邦（樣本證件）', pt: 'Utopia (espécime)' },
};

const unknown: Names = { en: 'Unknown', 'zh-Hans': '未知', 'zh-Hant': '未知', pt: 'Desconhecido' };

/** The name of an ICAO state or organisation code (`CHN`, `D`, `GBN`, `XXA` …) in `language`. */
export function countryName(code: string, language: Language): string {
  const icao = code.replace(/<+$/, '').toUpperCase();
  const special = icaoOnly[icao];
  const region = special && 'region' in special ? special.region : special ? null : alpha3ToAlpha2(icao);
  if (special && !('region' in special)) return special[language];
  if (!region) return unknown[language];
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(region) ?? unknown[language];
  } catch {
    return unknown[language];
  }
}
