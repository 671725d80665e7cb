import { describe, expect, it } from 'vitest';
import { TEAM_ALIASES, TeamDirectory, foldTeamName } from '../../src/football/teams.js';
import type { Team } from '../../src/football/types.js';

/** FIFA's own English names, as the 2026 calendar spells them. */
const TEAM_LIST: [id: string, name: string, code: string][] = [
  ['43922', 'Argentina', 'ARG'],
  ['43854', "Côte d'Ivoire", 'CIV'],
  ['43921', 'USA', 'USA'],
  ['43822', 'Korea Republic', 'KOR'],
  ['43821', 'Korea DPR', 'PRK'],
  ['43817', 'IR Iran', 'IRN'],
  ['43895', 'Türkiye', 'TUR'],
  ['43963', 'Czechia', 'CZE'],
  ['43960', 'Netherlands', 'NED'],
  ['43948', 'Germany', 'GER'],
  ['43969', 'Spain', 'ESP'],
  ['43942', 'England', 'ENG'],
  ['43924', 'Brazil', 'BRA'],
  ['43911', 'Mexico', 'MEX'],
  ['43971', 'Switzerland', 'SUI'],
  ['43835', 'Saudi Arabia', 'KSA'],
  ['43849', 'Cabo Verde', 'CPV'],
  ['43855', 'Congo DR', 'COD'],
  ['44037', 'Bosnia and Herzegovina', 'BIH'],
  ['43834', 'Qatar', 'QAT'],
  ['43843', 'Algeria', 'ALG'],
  ['43976', 'Australia', 'AUS'],
  ['43955', 'Austria', 'AUT'],
  ['1902446', 'Curaçao', 'CUW'],
  ['43946', 'France', 'FRA'],
  ['43819', 'Japan', 'JPN'],
];

const TEAMS: Record<string, Team> = Object.fromEntries(
  TEAM_LIST.map(([id, name, code]) => [code, { id, name, abbreviation: code, countryCode: code }]),
);

/** Every fixture team, listed twice over (as a league's team list and its calendar might): each is kept once. */
const directory = TeamDirectory.fromTeams([...Object.values(TEAMS), ...Object.values(TEAMS)]);

function names(teams: Team[]): string[] {
  return teams.map((t) => t.name);
}

function found(query: string): string | null {
  const result = directory.find(query);
  return result.team ? result.team.name : null;
}

function suggested(query: string): string[] {
  const result = directory.find(query);
  return result.team ? [] : names(result.suggestions);
}

describe('TeamDirectory.fromTeams', () => {
  it('lists every team once, sorted by name', () => {
    const all = directory.all();
    expect(all).toHaveLength(TEAM_LIST.length);
    expect(new Set(all.map((t) => t.id)).size).toBe(TEAM_LIST.length);
    expect(names(all).slice(0, 6)).toEqual(['Algeria', 'Argentina', 'Australia', 'Austria', 'Bosnia and Herzegovina', 'Brazil']);
    // Accents sort with their base letter, not after Z.
    expect(names(all).indexOf("Côte d'Ivoire")).toBe(names(all).indexOf('Congo DR') + 1);
    expect(names(all).indexOf('Türkiye')).toBe(names(all).indexOf('Switzerland') + 1);
  });

  it('finds a team by id', () => {
    expect(directory.byId('43922')?.name).toBe('Argentina');
    expect(directory.byId('nope')).toBeUndefined();
  });

  it('is empty for an empty list', () => {
    expect(TeamDirectory.fromTeams([]).all()).toEqual([]);
  });
});

describe('TeamDirectory.find', () => {
  const cases: [query: string, expected: string][] = [
    // The examples from the brief.
    ['argentina', 'Argentina'],
    ['ARG', 'Argentina'],
    ["Côte d'Ivoire", "Côte d'Ivoire"],
    ['Ivory Coast', "Côte d'Ivoire"],
    // Case, accents, punctuation and spacing do not matter.
    ['cote divoire', "Côte d'Ivoire"],
    ['  COTE  D’IVOIRE ', "Côte d'Ivoire"],
    ['côte-d-ivoire', "Côte d'Ivoire"],
    ['curacao', 'Curaçao'],
    ['turkiye', 'Türkiye'],
    ['south   korea!!', 'Korea Republic'],
    ['u.s.a.', 'USA'],
    // Codes, including FIFA codes that are not the everyday abbreviation.
    ['ger', 'Germany'],
    ['sui', 'Switzerland'],
    ['KSA', 'Saudi Arabia'],
    ['aus', 'Australia'],
    ['43922', 'Argentina'],
    // English aliases.
    ['United States', 'USA'],
    ['US', 'USA'],
    ['South Korea', 'Korea Republic'],
    ['North Korea', 'Korea DPR'],
    ['Iran', 'IR Iran'],
    ['Turkey', 'Türkiye'],
    ['Czech Republic', 'Czechia'],
    ['Holland', 'Netherlands'],
    ['Cape Verde', 'Cabo Verde'],
    ['DR Congo', 'Congo DR'],
    ['Bosnia', 'Bosnia and Herzegovina'],
    // French.
    ['Corée du Sud', 'Korea Republic'],
    ['Turquie', 'Türkiye'],
    ['Pays-Bas', 'Netherlands'],
    ['Allemagne', 'Germany'],
    ['Espagne', 'Spain'],
    ['Angleterre', 'England'],
    ['Brésil', 'Brazil'],
    ['Mexique', 'Mexico'],
    ['Suisse', 'Switzerland'],
    ['États-Unis', 'USA'],
    ['Arabie saoudite', 'Saudi Arabia'],
    ['Cap-Vert', 'Cabo Verde'],
    ['RD Congo', 'Congo DR'],
    ['Algérie', 'Algeria'],
    // Spanish.
    ['Estados Unidos', 'USA'],
    ['Corea del Sur', 'Korea Republic'],
    ['Turquía', 'Türkiye'],
    ['Países Bajos', 'Netherlands'],
    ['Alemania', 'Germany'],
    ['España', 'Spain'],
    ['espana', 'Spain'],
    ['Inglaterra', 'England'],
    ['México', 'Mexico'],
    ['Suiza', 'Switzerland'],
    ['Costa de Marfil', "Côte d'Ivoire"],
    ['Japón', 'Japan'],
    // Portuguese.
    ['Coreia do Sul', 'Korea Republic'],
    ['Holanda', 'Netherlands'],
    ['Alemanha', 'Germany'],
    ['Espanha', 'Spain'],
    ['Brasil', 'Brazil'],
    ['Suíça', 'Switzerland'],
    ['Costa do Marfim', "Côte d'Ivoire"],
    ['República Tcheca', 'Czechia'],
    // German.
    ['Vereinigte Staaten', 'USA'],
    ['Südkorea', 'Korea Republic'],
    ['Türkei', 'Türkiye'],
    ['Niederlande', 'Netherlands'],
    ['Deutschland', 'Germany'],
    ['Spanien', 'Spain'],
    ['Brasilien', 'Brazil'],
    ['Mexiko', 'Mexico'],
    ['Schweiz', 'Switzerland'],
    ['Elfenbeinküste', "Côte d'Ivoire"],
    ['Österreich', 'Austria'],
    ['Tschechien', 'Czechia'],
    // A prefix only one team has.
    ['argen', 'Argentina'],
    ['ivory', "Côte d'Ivoire"],
    ['nether', 'Netherlands'],
  ];

  it.each(cases)('%s → %s', (query, expected) => {
    expect(found(query)).toBe(expected);
  });

  const suggestionCases: [query: string, expected: string[]][] = [
    ['argentna', ['Argentina']],
    ['Agrentina', ['Argentina']],
    ['brazill', ['Brazil']],
    ['Germnay', ['Germany']],
    ['swizterland', ['Switzerland']],
    ['Untied States', ['USA']],
    // Ambiguous prefixes offer every candidate instead of guessing.
    ['korea', ['Korea DPR', 'Korea Republic']],
    ['austr', ['Australia', 'Austria']],
    // Junk and empty input: nothing at all.
    ['xyzzy', []],
    ['qwertyuiop', []],
    ['', []],
    ['  !! ', []],
  ];

  it.each(suggestionCases)('%s → no team, suggests %j', (query, expected) => {
    expect(found(query)).toBeNull();
    expect(suggested(query)).toEqual(expected);
  });

  it('never suggests more than three teams', () => {
    expect(found('a')).toBeNull();
    expect(suggested('a')).toHaveLength(3);
  });

  it('cannot find a team that is not in the calendar, even by a known alias', () => {
    expect(found('Italy')).toBeNull();
    expect(found('ITA')).toBeNull();
  });

  it('finds a club-like team by its own name and abbreviation, without aliases', () => {
    const clubs = TeamDirectory.fromTeams([{ id: 'a1', name: 'RSC Anderlecht II', abbreviation: 'ANF', countryCode: null }]);
    expect(clubs.find('rsc anderlecht ii')).toEqual({ team: clubs.all()[0] });
    expect(clubs.find('anf')).toEqual({ team: clubs.all()[0] });
  });

  it('has no alias that names two different teams', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [code, aliases] of Object.entries(TEAM_ALIASES)) {
      for (const alias of aliases) {
        const key = foldTeamName(alias);
        const other = owner.get(key);
        if (other && other !== code) clashes.push(`${alias}: ${other}/${code}`);
        owner.set(key, code);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('TeamDirectory.search (type-ahead)', () => {
  it('puts a name starting with the query before names merely containing it', () => {
    const results = names(directory.search('ar'));
    expect(results[0]).toBe('Argentina');
    expect(results[1]).toBe('Saudi Arabia'); // a later word starts with "ar"
    expect(results).toContain('Algeria'); // through "Argelia"
    expect(results.indexOf('Algeria')).toBeLessThan(results.indexOf('Qatar')); // Qatar only contains "ar"
  });

  const cases: [query: string, expected: string[]][] = [
    ['aus', ['Australia', 'Austria']], // the exact code beats a name prefix
    ['kor', ['Korea Republic', 'Korea DPR']],
    ['Schw', ['Switzerland']],
    ['cote', ["Côte d'Ivoire"]],
    // A name word first, then aliases with a word starting "rep" (Czech Republic, Islamic Republic of Iran…), by name.
    ['rep', ['Korea Republic', 'Congo DR', 'Czechia', 'IR Iran']],
    ['argentna', ['Argentina']], // nothing contains it: close spellings instead
    ['xyzzy', []],
  ];

  it.each(cases)('%s → %j', (query, expected) => {
    expect(names(directory.search(query))).toEqual(expected);
  });

  it('offers every team, alphabetically, for an empty query, and respects the limit', () => {
    expect(directory.search('')).toEqual(directory.all().slice(0, 10));
    expect(directory.search('', 100)).toEqual(directory.all());
    expect(directory.search('a', 2)).toHaveLength(2);
  });
});
