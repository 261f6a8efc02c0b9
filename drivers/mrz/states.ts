/**
 * Issuing-state / nationality codes (docs/mrz-formats.md §1.6): ISO 3166-1 alpha-3 plus the ICAO additions, as
 * mirrored in cheminfo/mrz `builder/states.txt`. An unknown code is a warning, never a failure.
 */

const ISO = `AFG ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL
BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COD COG COK CRI HRV CUB
CUW CYP CZE CIV DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA
GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY
JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT
MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN
PNG PRY PER PHL PCN POL PRT PRI QAT ROU RUS RWA REU BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA
TUV UGA UKR ARE GBR UMI USA URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE ALA`;

/** ICAO Part 3 additions (§1.6 parts A–E): British categories, Kosovo, D, EU, UN, organisations, XX*. */
const ICAO = 'GBD GBN GBO GBS GBP RKS D XXK EUE UNO UNA UNK XBA XIM XCC XCE XCO XEC XPO XES XOM XDC XXA XXB XXC XXX';

/** §1.6 part F: deprecated codes, still read. */
const DEPRECATED = 'ANT NTZ';

export type StateStatus = 'known' | 'specimen' | 'deprecated' | 'unknown';

// Immutable lookup table built once from constants; not mutable state.
const TABLE: ReadonlyMap<string, StateStatus> = new Map<string, StateStatus>([
  ...ISO.split(/\s+/).map((c) => [c, 'known'] as const),
  ...ICAO.split(' ').map((c) => [c, 'known'] as const),
  ...DEPRECATED.split(' ').map((c) => [c, 'deprecated'] as const),
  ['UTO', 'specimen'],
]);

/** Status of a code as reported (fillers stripped: `D<<` → `D`, §6 trap 8). */
export function stateStatus(code: string): StateStatus {
  return TABLE.get(code) ?? 'unknown';
}

/** All codes the table knows (generator). */
export function knownStates(): string[] {
  return [...TABLE.entries()].filter(([, s]) => s === 'known').map(([c]) => c);
}

/** Every code a reading may legitimately hold (known, specimen, deprecated), as 3-character MRZ fields. */
export function readableStateFields(): string[] {
  return [...TABLE.keys()].map((c) => c.padEnd(3, '<'));
}
