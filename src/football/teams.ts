import type { Team } from './types.js';

/**
 * Teams as providers name them, with forgiving look-up:
 * members type "ivory coast", "Südkorea" or "argentna" and still find (or are offered) the team.
 */

/** Letters no Unicode decomposition turns into plain Latin ones. */
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };

/**
 * Folded words: lower case, diacritics dropped, apostrophes glued (`d'Ivoire` → `divoire`, as people type
 * it without one), every other run of punctuation or space a single break.
 */
function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłıþ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/['’‘`´ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The comparison key: folded words without spaces, so "South Korea", "south-korea" and "southkorea" agree. */
export function foldTeamName(text: string): string {
  return foldWords(text).join('');
}

type KeyKind = 'name' | 'code' | 'alias';

interface Key {
  kind: KeyKind;
  /** Folded, spaces removed. */
  compact: string;
  /** `compact` from the start of each word on: word-prefix matches ("rep" finds "Korea Republic"). */
  wordTails: string[];
}

interface Entry {
  team: Team;
  keys: Key[];
}

function makeKey(kind: KeyKind, text: string): Key | null {
  const words = foldWords(text);
  if (words.length === 0) return null;
  const wordTails = words.map((_, i) => words.slice(i).join(''));
  return { kind, compact: wordTails[0] ?? '', wordTails };
}

/** Search tiers, best first. */
const Tier = {
  Exact: 0,
  NamePrefix: 1,
  NameWordPrefix: 2,
  CodePrefix: 3,
  AliasPrefix: 4,
  NameSubstring: 5,
  AliasSubstring: 6,
} as const;
type Tier = (typeof Tier)[keyof typeof Tier];

function tierOf(key: Key, query: string): Tier | null {
  if (key.compact === query) return Tier.Exact;
  switch (key.kind) {
    case 'name':
      if (key.compact.startsWith(query)) return Tier.NamePrefix;
      if (key.wordTails.some((tail) => tail.startsWith(query))) return Tier.NameWordPrefix;
      if (key.compact.includes(query)) return Tier.NameSubstring;
      return null;
    case 'code':
      return key.compact.startsWith(query) ? Tier.CodePrefix : null;
    case 'alias':
      if (key.wordTails.some((tail) => tail.startsWith(query))) return Tier.AliasPrefix;
      if (key.compact.includes(query)) return Tier.AliasSubstring;
      return null;
  }
}

/** Shorter queries must not pull in random teams; a typo every four letters is what people make. */
function maxTypos(query: string): number {
  return Math.max(1, Math.floor(query.length / 4));
}

const DEFAULT_SEARCH_LIMIT = 10;
const SUGGESTION_LIMIT = 3;
/** Below this, a prefix says too little to pick a team on its own. */
const MIN_PREFIX_FOR_MATCH = 3;

export class TeamDirectory {
  private readonly entries: Entry[];
  private readonly collator: Intl.Collator;

  private constructor(teams: Team[], locale: string) {
    this.collator = new Intl.Collator(locale, { sensitivity: 'base' });
    this.entries = [...teams].sort((a, b) => this.compareNames(a, b)).map((team) => ({ team, keys: keysOf(team) }));
  }

  /** Teams as given (a provider's team list, or teams keyed across competitions); the first of an id wins. */
  static fromTeams(teams: Team[], options: { locale?: string } = {}): TeamDirectory {
    const byId = new Map<string, Team>();
    for (const team of teams) if (!byId.has(team.id)) byId.set(team.id, team);
    return new TeamDirectory([...byId.values()], options.locale ?? 'en');
  }

  /** Sorted by name. */
  all(): Team[] {
    return this.entries.map((entry) => entry.team);
  }

  byId(id: string): Team | undefined {
    return this.entries.find((entry) => entry.team.id === id)?.team;
  }

  /**
   * One team when the query names it (exactly, by code, by alias, or by a prefix only one team has);
   * otherwise up to three suggestions, possibly none.
   */
  find(query: string): { team: Team } | { team: null; suggestions: Team[] } {
    const folded = foldTeamName(query);
    if (folded.length === 0) return { team: null, suggestions: [] };

    const exact = this.exact(folded, query.trim());
    if (exact) return { team: exact };

    const ranked = this.ranked(folded);
    const prefixed = ranked.filter((r) => r.tier <= Tier.AliasPrefix);
    if (prefixed.length === 1 && folded.length >= MIN_PREFIX_FOR_MATCH) return { team: prefixed[0]!.team };
    if (ranked.length > 0) return { team: null, suggestions: ranked.slice(0, SUGGESTION_LIMIT).map((r) => r.team) };
    return { team: null, suggestions: this.similar(folded, SUGGESTION_LIMIT) };
  }

  /** Type-ahead for an external select: prefix, then substring matches; close spellings when nothing contains the query. */
  search(query: string, limit = DEFAULT_SEARCH_LIMIT): Team[] {
    const folded = foldTeamName(query);
    if (folded.length === 0) return this.all().slice(0, limit);
    const ranked = this.ranked(folded);
    if (ranked.length > 0) return ranked.slice(0, limit).map((r) => r.team);
    return this.similar(folded, limit);
  }

  private exact(folded: string, raw: string): Team | null {
    const byId = this.entries.find((entry) => entry.team.id === raw);
    if (byId) return byId.team;
    // Names win over codes, and codes over aliases, should two teams ever share a spelling.
    for (const kind of ['name', 'code', 'alias'] as const) {
      const hit = this.entries.find((entry) => entry.keys.some((key) => key.kind === kind && key.compact === folded));
      if (hit) return hit.team;
    }
    return null;
  }

  private ranked(folded: string): { team: Team; tier: Tier }[] {
    const ranked: { team: Team; tier: Tier }[] = [];
    for (const entry of this.entries) {
      let best: Tier | null = null;
      for (const key of entry.keys) {
        const tier = tierOf(key, folded);
        if (tier !== null && (best === null || tier < best)) best = tier;
      }
      if (best !== null) ranked.push({ team: entry.team, tier: best });
    }
    // Entries are already in name order and the sort is stable, so ties stay alphabetical.
    return ranked.sort((a, b) => a.tier - b.tier);
  }

  private similar(folded: string, limit: number): Team[] {
    if (folded.length < MIN_PREFIX_FOR_MATCH) return [];
    const allowed = maxTypos(folded);
    const scored: { team: Team; distance: number }[] = [];
    for (const entry of this.entries) {
      let best = Infinity;
      for (const key of entry.keys) {
        // A three-letter code is close to almost any short word; only compare it with code-sized queries.
        if (key.kind === 'code' && folded.length > key.compact.length + 1) continue;
        best = Math.min(best, typoDistance(folded, key.compact, allowed));
      }
      if (best <= allowed) scored.push({ team: entry.team, distance: best });
    }
    return scored
      .sort((a, b) => a.distance - b.distance)
      .slice(0, limit)
      .map((s) => s.team);
  }

  private compareNames(a: Team, b: Team): number {
    return this.collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
  }
}

function keysOf(team: Team): Key[] {
  const keys: (Key | null)[] = [makeKey('name', team.name), makeKey('code', team.abbreviation)];
  if (team.countryCode) keys.push(makeKey('code', team.countryCode));
  const codes = new Set([team.countryCode, team.abbreviation].map((code) => code?.toUpperCase()));
  for (const code of codes) {
    for (const alias of (code && TEAM_ALIASES[code]) || []) keys.push(makeKey('alias', alias));
  }
  return keys.filter((key): key is Key => key !== null);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps, the commonest typo).
 * Returns `cap + 1` as soon as the answer is known to exceed `cap`.
 */
function typoDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Everyday names of national teams, keyed by FIFA three-letter code, in English, French, Spanish, Portuguese
 * and German (FIFA's own names included, since the calendar may be fetched in another language).
 * Only teams present in the calendar can be found through them.
 */
export const TEAM_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // Hosts and the 2026 qualifiers.
  CAN: ['Canada', 'Canadá', 'Kanada'],
  MEX: ['Mexico', 'México', 'Mexique', 'Mexiko'],
  USA: ['USA', 'United States', 'United States of America', 'US', 'U.S.A.', 'Estados Unidos', 'EEUU', 'EE. UU.', 'EUA', 'États-Unis', 'Vereinigte Staaten'],
  JPN: ['Japan', 'Japon', 'Japón', 'Japão'],
  IRN: ['Iran', 'IR Iran', 'Islamic Republic of Iran', 'Irán', 'Irã'],
  UZB: ['Uzbekistan', 'Ouzbékistan', 'Uzbekistán', 'Uzbequistão', 'Usbekistan'],
  KOR: ['South Korea', 'Korea Republic', 'Republic of Korea', 'Corée du Sud', 'Corea del Sur', 'Coreia do Sul', 'Südkorea'],
  JOR: ['Jordan', 'Jordanie', 'Jordania', 'Jordânia', 'Jordanien'],
  AUS: ['Australia', 'Australie', 'Austrália', 'Australien'],
  QAT: ['Qatar', 'Catar', 'Katar'],
  KSA: ['Saudi Arabia', 'Arabie saoudite', 'Arabia Saudita', 'Arábia Saudita', 'Saudi-Arabien'],
  MAR: ['Morocco', 'Maroc', 'Marruecos', 'Marrocos', 'Marokko'],
  TUN: ['Tunisia', 'Tunisie', 'Túnez', 'Tunísia', 'Tunesien'],
  EGY: ['Egypt', 'Égypte', 'Egipto', 'Egito', 'Ägypten'],
  ALG: ['Algeria', 'Algérie', 'Argelia', 'Argélia', 'Algerien'],
  GHA: ['Ghana', 'Gana'],
  CPV: ['Cape Verde', 'Cabo Verde', 'Cap-Vert', 'Kap Verde', 'Kapverden'],
  RSA: ['South Africa', 'Afrique du Sud', 'Sudáfrica', 'África do Sul', 'Südafrika'],
  SEN: ['Senegal', 'Sénégal'],
  CIV: ["Côte d'Ivoire", 'Ivory Coast', 'Costa de Marfil', 'Costa do Marfim', 'Elfenbeinküste'],
  ARG: ['Argentina', 'Argentine', 'Argentinien'],
  BRA: ['Brazil', 'Brésil', 'Brasil', 'Brasilien'],
  ECU: ['Ecuador', 'Équateur', 'Equador'],
  URU: ['Uruguay', 'Uruguai'],
  COL: ['Colombia', 'Colombie', 'Colômbia', 'Kolumbien'],
  PAR: ['Paraguay', 'Paraguai'],
  NZL: ['New Zealand', 'Nouvelle-Zélande', 'Nueva Zelanda', 'Nova Zelândia', 'Neuseeland'],
  ENG: ['England', 'Angleterre', 'Inglaterra'],
  FRA: ['France', 'Francia', 'França', 'Frankreich'],
  CRO: ['Croatia', 'Croatie', 'Croacia', 'Croácia', 'Kroatien', 'Hrvatska'],
  POR: ['Portugal'],
  NOR: ['Norway', 'Norvège', 'Noruega', 'Norwegen'],
  GER: ['Germany', 'Allemagne', 'Alemania', 'Alemanha', 'Deutschland'],
  NED: ['Netherlands', 'The Netherlands', 'Holland', 'Pays-Bas', 'Países Bajos', 'Holanda', 'Países Baixos', 'Niederlande'],
  ESP: ['Spain', 'Espagne', 'España', 'Espanha', 'Spanien'],
  BEL: ['Belgium', 'Belgique', 'Bélgica', 'Belgien'],
  AUT: ['Austria', 'Autriche', 'Áustria', 'Österreich'],
  SUI: ['Switzerland', 'Suisse', 'Suiza', 'Suíça', 'Schweiz'],
  SCO: ['Scotland', 'Écosse', 'Escocia', 'Escócia', 'Schottland'],
  PAN: ['Panama', 'Panamá'],
  HAI: ['Haiti', 'Haïti', 'Haití'],
  CUW: ['Curaçao', 'Curazao'],
  // Play-off contenders.
  ITA: ['Italy', 'Italie', 'Italia', 'Itália', 'Italien'],
  NIR: ['Northern Ireland', 'Irlande du Nord', 'Irlanda del Norte', 'Irlanda do Norte', 'Nordirland'],
  WAL: ['Wales', 'Pays de Galles', 'Gales', 'País de Gales'],
  BIH: ['Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnia', 'Bosnie', 'Bosnie-Herzégovine', 'Bosnia y Herzegovina', 'Bósnia e Herzegovina', 'Bosnien', 'Bosnien und Herzegowina'],
  UKR: ['Ukraine', 'Ucrania', 'Ucrânia'],
  SWE: ['Sweden', 'Suède', 'Suecia', 'Suécia', 'Schweden'],
  POL: ['Poland', 'Pologne', 'Polonia', 'Polônia', 'Polen'],
  ALB: ['Albania', 'Albanie', 'Albânia', 'Albanien'],
  TUR: ['Turkey', 'Türkiye', 'Turquie', 'Turquía', 'Turquia', 'Türkei'],
  ROU: ['Romania', 'Roumanie', 'Rumania', 'Romênia', 'Rumänien'],
  SVK: ['Slovakia', 'Slovaquie', 'Eslovaquia', 'Eslováquia', 'Slowakei'],
  KVX: ['Kosovo'],
  DEN: ['Denmark', 'Danemark', 'Dinamarca', 'Dänemark'],
  MKD: ['North Macedonia', 'Macédoine du Nord', 'Macedonia del Norte', 'Macedônia do Norte', 'Nordmazedonien'],
  CZE: ['Czech Republic', 'Czechia', 'République tchèque', 'Tchéquie', 'Chequia', 'República Checa', 'Tchéquia', 'República Tcheca', 'Tschechien'],
  IRL: ['Republic of Ireland', 'Ireland', 'Irlande', 'Irlanda', 'Irland'],
  COD: ['DR Congo', 'Congo DR', 'DRC', 'Democratic Republic of the Congo', 'RD Congo', 'RDC', 'République démocratique du Congo', 'República Democrática del Congo', 'República Democrática do Congo', 'Demokratische Republik Kongo'],
  IRQ: ['Iraq', 'Irak', 'Iraque'],
  JAM: ['Jamaica', 'Jamaïque', 'Jamaika'],
  SUR: ['Suriname', 'Surinam'],
  BOL: ['Bolivia', 'Bolivie', 'Bolívia', 'Bolivien'],
  NCL: ['New Caledonia', 'Nouvelle-Calédonie', 'Nueva Caledonia', 'Nova Caledônia', 'Neukaledonien'],
  // Others often seen at World Cups.
  PRK: ['North Korea', 'Korea DPR', 'DPR Korea', 'Corée du Nord', 'Corea del Norte', 'Coreia do Norte', 'Nordkorea'],
  CGO: ['Congo', 'Congo-Brazzaville', 'Kongo'],
  CHN: ['China', 'China PR', 'Chine'],
  UAE: ['United Arab Emirates', 'Émirats arabes unis', 'Emiratos Árabes Unidos', 'Emirados Árabes Unidos', 'Vereinigte Arabische Emirate'],
  NGA: ['Nigeria', 'Nigéria'],
  CMR: ['Cameroon', 'Cameroun', 'Camerún', 'Camarões', 'Kamerun'],
  CHI: ['Chile', 'Chili'],
  PER: ['Peru', 'Pérou', 'Perú'],
  CRC: ['Costa Rica'],
  SRB: ['Serbia', 'Serbie', 'Sérvia', 'Serbien'],
  SVN: ['Slovenia', 'Slovénie', 'Eslovenia', 'Eslovênia', 'Slowenien'],
  GRE: ['Greece', 'Grèce', 'Grecia', 'Grécia', 'Griechenland'],
  HUN: ['Hungary', 'Hongrie', 'Hungría', 'Hungria', 'Ungarn'],
  ISL: ['Iceland', 'Islande', 'Islandia', 'Islândia', 'Island'],
  GEO: ['Georgia', 'Géorgie', 'Geórgia', 'Georgien'],
};
