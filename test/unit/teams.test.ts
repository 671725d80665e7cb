import { describe, expect, it } from 'vitest';
import { TEAM_ALIASES, TeamDirectory, foldTeamName, nextMatchesFor } from '../../src/football/teams.js';
import type { CalendarMatch, MatchStatus, Team } from '../../src/football/types.js';

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

function team(code: string): Team {
  const found = TEAMS[code];
  if (!found) throw new Error(`no team ${code} in the fixture`);
  return found;
}

let nextMatchId = 400_000_000;

function match(home: Team | null, away: Team | null, kickoff: string, status: MatchStatus = 'scheduled'): CalendarMatch {
  return {
    key: { competitionId: '17', seasonId: '285023', stageId: '289273', matchId: String(nextMatchId++) },
    kickoff,
    status,
    home,
    away,
    placeholderHome: home ? null : 'W73',
    placeholderAway: away ? null : 'W74',
    competitionName: 'FIFA World Cup™',
    stageName: 'First Stage',
    groupName: null,
    score: null,
    penalties: null,
    matchTime: null,
    winnerTeamId: null,
  };
}

/** Pairs the fixture teams into group matches, plus knockout slots nobody has reached yet. */
function calendar(): CalendarMatch[] {
  const matches: CalendarMatch[] = [];
  const teams = Object.values(TEAMS);
  for (let i = 0; i < teams.length; i += 2) {
    matches.push(match(teams[i]!, teams[i + 1] ?? null, '2026-06-12T19:00:00Z'));
  }
  matches.push(match(null, null, '2026-07-19T19:00:00Z'), match(team('ARG'), null, '2026-07-04T19:00:00Z'));
  return matches;
}

const directory = TeamDirectory.fromCalendar(calendar());

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

describe('TeamDirectory.fromCalendar', () => {
  it('lists every team once, skipping undecided knockout slots, sorted by name', () => {
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

  it('is empty for an empty or all-placeholder calendar', () => {
    expect(TeamDirectory.fromCalendar([]).all()).toEqual([]);
    expect(TeamDirectory.fromCalendar([match(null, null, '2026-07-19T19:00:00Z')]).all()).toEqual([]);
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
    const clubs = TeamDirectory.fromCalendar([
      match({ id: 'a1', name: 'RSC Anderlecht II', abbreviation: 'ANF', countryCode: null }, null, '2026-01-01T00:00:00Z'),
    ]);
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

describe('nextMatchesFor', () => {
  const now = Date.parse('2026-06-20T12:00:00Z');
  const ARG = team('ARG');
  const FRA = team('FRA');
  const GER = team('GER');
  const BRA = team('BRA');
  const ESP = team('ESP');

  const finished = match(ARG, FRA, '2026-06-16T19:00:00Z', 'finished');
  const live = match(GER, ARG, '2026-06-20T11:00:00Z', 'live');
  const knockout = match(ARG, null, '2026-06-28T19:00:00Z');
  const soon = match(FRA, BRA, '2026-06-21T16:00:00Z');
  const later = match(ESP, ARG, '2026-06-24T19:00:00Z', 'other');
  const overdue = match(ARG, ESP, '2026-06-20T10:00:00Z', 'scheduled');
  const notMine = match(BRA, ESP, '2026-06-20T20:00:00Z');
  const empty = match(null, null, '2026-06-22T19:00:00Z');
  const all = [finished, knockout, later, notMine, soon, empty, overdue, live];

  const cases: [label: string, teams: string[], limit: number | undefined, expected: CalendarMatch[]][] = [
    ['live first, then soonest; finished and overdue left out', [ARG.id], undefined, [live, later, knockout]],
    ['several teams merge into one timeline', [ARG.id, FRA.id], undefined, [live, soon, later, knockout]],
    ['limit', [ARG.id, FRA.id], 2, [live, soon]],
    ['no followed team plays', [team('JPN').id], undefined, []],
    ['no followed teams', [], undefined, []],
  ];

  it.each(cases)('%s', (_label, teams, limit, expected) => {
    expect(nextMatchesFor(teams, all, now, limit)).toEqual(expected);
  });

  it('returns five matches by default', () => {
    const many = Array.from({ length: 8 }, (_, i) => match(ARG, FRA, `2026-07-0${i + 1}T19:00:00Z`));
    expect(nextMatchesFor([ARG.id], many, now)).toEqual(many.slice(0, 5));
  });
});
