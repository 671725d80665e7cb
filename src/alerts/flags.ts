/**
 * FIFA three-letter country codes → flag emoji. FIFA trigrams are not ISO 3166 alpha-3 (GER, NED, SUI, KSA…),
 * so the map goes straight to the alpha-2 code whose regional-indicator pair is the flag.
 */

/** Shown for a null or unknown code, and for Northern Ireland, which has no flag emoji of its own. */
export const NEUTRAL_FLAG = '🏳️';

/** The 211 FIFA member associations, by confederation, plus a few non-member teams seen in FIFA data. */
export const FIFA_TO_ISO2: Readonly<Record<string, string>> = {
  // AFC (46)
  AFG: 'AF', AUS: 'AU', BHR: 'BH', BAN: 'BD', BHU: 'BT', BRU: 'BN', CAM: 'KH', CHN: 'CN', TPE: 'TW', GUM: 'GU',
  HKG: 'HK', IND: 'IN', IDN: 'ID', IRN: 'IR', IRQ: 'IQ', JPN: 'JP', JOR: 'JO', KOR: 'KR', PRK: 'KP', KUW: 'KW',
  KGZ: 'KG', LAO: 'LA', LIB: 'LB', MAC: 'MO', MAS: 'MY', MDV: 'MV', MNG: 'MN', MYA: 'MM', NEP: 'NP', OMA: 'OM',
  PAK: 'PK', PLE: 'PS', PHI: 'PH', QAT: 'QA', KSA: 'SA', SIN: 'SG', SRI: 'LK', SYR: 'SY', TJK: 'TJ', THA: 'TH',
  TLS: 'TL', TKM: 'TM', UAE: 'AE', UZB: 'UZ', VIE: 'VN', YEM: 'YE',
  // CAF (54)
  ALG: 'DZ', ANG: 'AO', BEN: 'BJ', BOT: 'BW', BFA: 'BF', BDI: 'BI', CMR: 'CM', CPV: 'CV', CTA: 'CF', CHA: 'TD',
  COM: 'KM', CGO: 'CG', COD: 'CD', DJI: 'DJ', EGY: 'EG', EQG: 'GQ', ERI: 'ER', SWZ: 'SZ', ETH: 'ET', GAB: 'GA',
  GAM: 'GM', GHA: 'GH', GUI: 'GN', GNB: 'GW', CIV: 'CI', KEN: 'KE', LES: 'LS', LBR: 'LR', LBY: 'LY', MAD: 'MG',
  MWI: 'MW', MLI: 'ML', MTN: 'MR', MRI: 'MU', MAR: 'MA', MOZ: 'MZ', NAM: 'NA', NIG: 'NE', NGA: 'NG', RWA: 'RW',
  STP: 'ST', SEN: 'SN', SEY: 'SC', SLE: 'SL', SOM: 'SO', RSA: 'ZA', SSD: 'SS', SDN: 'SD', TAN: 'TZ', TOG: 'TG',
  TUN: 'TN', UGA: 'UG', ZAM: 'ZM', ZIM: 'ZW',
  // Concacaf (35)
  AIA: 'AI', ATG: 'AG', ARU: 'AW', BAH: 'BS', BRB: 'BB', BLZ: 'BZ', BER: 'BM', VGB: 'VG', CAN: 'CA', CAY: 'KY',
  CRC: 'CR', CUB: 'CU', CUW: 'CW', DMA: 'DM', DOM: 'DO', SLV: 'SV', GRN: 'GD', GUA: 'GT', GUY: 'GY', HAI: 'HT',
  HON: 'HN', JAM: 'JM', MEX: 'MX', MSR: 'MS', NCA: 'NI', PAN: 'PA', PUR: 'PR', SKN: 'KN', LCA: 'LC', VIN: 'VC',
  SUR: 'SR', TRI: 'TT', TCA: 'TC', USA: 'US', VIR: 'VI',
  // CONMEBOL (10)
  ARG: 'AR', BOL: 'BO', BRA: 'BR', CHI: 'CL', COL: 'CO', ECU: 'EC', PAR: 'PY', PER: 'PE', URU: 'UY', VEN: 'VE',
  // OFC (11)
  ASA: 'AS', COK: 'CK', FIJ: 'FJ', NCL: 'NC', NZL: 'NZ', PNG: 'PG', SAM: 'WS', SOL: 'SB', TAH: 'PF', TGA: 'TO',
  VAN: 'VU',
  // UEFA (55; ENG, SCO, WAL and NIR are handled below, they have no alpha-2 code)
  ALB: 'AL', AND: 'AD', ARM: 'AM', AUT: 'AT', AZE: 'AZ', BLR: 'BY', BEL: 'BE', BIH: 'BA', BUL: 'BG', CRO: 'HR',
  CYP: 'CY', CZE: 'CZ', DEN: 'DK', EST: 'EE', FRO: 'FO', FIN: 'FI', FRA: 'FR', GEO: 'GE', GER: 'DE', GIB: 'GI',
  GRE: 'GR', HUN: 'HU', ISL: 'IS', ISR: 'IL', ITA: 'IT', KAZ: 'KZ', KVX: 'XK', LVA: 'LV', LIE: 'LI', LTU: 'LT',
  LUX: 'LU', MLT: 'MT', MDA: 'MD', MNE: 'ME', NED: 'NL', MKD: 'MK', NOR: 'NO', POL: 'PL', POR: 'PT', IRL: 'IE',
  ROU: 'RO', RUS: 'RU', SMR: 'SM', SRB: 'RS', SVK: 'SK', SVN: 'SI', ESP: 'ES', SWE: 'SE', SUI: 'CH', TUR: 'TR',
  UKR: 'UA',
  // Not FIFA members, but they play in confederation competitions that FIFA's feed covers.
  GUF: 'GF', GLP: 'GP', MTQ: 'MQ', SMN: 'SX', SMA: 'MF', BOE: 'BQ', NMI: 'MP', REU: 'RE', MYT: 'YT',
};

/** Home nations with no alpha-2 code: England, Scotland and Wales have RGI subdivision tag flags. */
const SUBDIVISION: Readonly<Record<string, string>> = { ENG: 'gbeng', SCO: 'gbsct', WAL: 'gbwls' };
/**
 * The four UK associations, outside the alpha-2 map. Northern Ireland has no flag emoji and the Union Flag
 * would be wrong, so NIR deliberately falls through to the neutral flag.
 */
export const FIFA_SPECIAL_CODES: readonly string[] = [...Object.keys(SUBDIVISION), 'NIR'];

function regionalIndicators(iso2: string): string {
  return String.fromCodePoint(...[...iso2].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

function tagSequence(tag: string): string {
  // 🏴 + tag letters + cancel tag: the Unicode recipe for subdivision flags.
  return String.fromCodePoint(0x1f3f4, ...[...tag].map((c) => 0xe0000 + c.charCodeAt(0)), 0xe007f);
}

/** A team's flag in lists: a club (no country code, as ESPN's clubs are) shows none rather than the neutral flag. */
export function teamFlag(countryCode: string | null): string {
  return countryCode ? flagEmoji(countryCode) : '';
}

export function flagEmoji(fifaCountryCode: string | null): string {
  if (!fifaCountryCode) return NEUTRAL_FLAG;
  const code = fifaCountryCode.trim().toUpperCase();
  if (Object.hasOwn(SUBDIVISION, code)) return tagSequence(SUBDIVISION[code]!);
  if (Object.hasOwn(FIFA_TO_ISO2, code)) return regionalIndicators(FIFA_TO_ISO2[code]!);
  return NEUTRAL_FLAG;
}
