/**
 * Team names in sentences, as a native reader expects them: French and Portuguese countries take their article
 * ("Penalty pour l’Argentine", "GOL do Brasil!"), German ones that have one keep it ("für die Schweiz"), plural
 * names take a plural verb, and a name without a known article (a club) gets a construction that needs none.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import type { Locale } from '../../src/alerts/i18n/locales.js';
import { frenchTeam, germanTeam, portugueseTeam } from '../../src/alerts/i18n/team-articles.js';
import { renderParent, renderReply } from '../../src/alerts/slack-blocks.js';
import { smsText } from '../../src/alerts/sms-text.js';
import type { MatchEventAlert, MatchEventDetail, MatchSummary, TeamRef } from '../../src/alerts/types.js';

const team = (name: string, code: string): TeamRef => ({ id: code, name, abbreviation: code, countryCode: code });

function summary(home: TeamRef, away: TeamRef, over: Partial<MatchSummary> = {}): MatchSummary {
  return {
    key: '17/285023/1',
    competitionName: 'FIFA World Cup 26',
    stageName: 'Round of 16',
    groupName: null,
    kickoff: '2026-07-04T18:00:00Z',
    home,
    away,
    score: { home: 1, away: 0 },
    penalties: null,
    phase: 'second-half',
    minute: "21'",
    wentToExtraTime: false,
    winner: null,
    ...over,
  };
}

function event(detail: MatchEventDetail, match: MatchSummary): MatchEventAlert {
  return { source: 'match', id: `${match.key}/7`, matchKey: match.key, revision: 0, minute: "21'", at: '2026-07-04T18:21:00Z', match, eventId: '7', ...detail };
}

/** What a reader is told when `home` is given a penalty, in the thread and by SMS. */
function penaltyTo(home: TeamRef, locale: Locale): { slack: string; sms: string } {
  const alert = event({ kind: 'penalty-awarded', side: 'home' }, summary(home, team('Japon', 'JPN')));
  return { slack: renderReply(alert, locale).text, sms: smsText(alert, locale) };
}

/** The parent's status once `home` has won a shoot-out, and the match-end SMS. */
function shootoutWin(home: TeamRef, locale: Locale): { parent: string; sms: string } {
  const over = summary(home, team('Japon', 'JPN'), {
    phase: 'finished',
    minute: null,
    score: { home: 1, away: 1 },
    penalties: { home: 4, away: 2 },
    wentToExtraTime: true,
    winner: 'home',
  });
  const end = event({ kind: 'match-end', score: over.score, penalties: over.penalties, winner: 'home', extraTime: true }, over);
  return { parent: renderParent(over, locale).text, sms: smsText(end, locale) };
}

describe('French: the article every country takes', () => {
  it.each([
    ['Argentine', 'ARG', 'Penalty pour l’Argentine'],
    ['France', 'FRA', 'Penalty pour la France'],
    ['Brésil', 'BRA', 'Penalty pour le Brésil'],
    ['Pays-Bas', 'NED', 'Penalty pour les Pays-Bas'],
    ['États-Unis', 'USA', 'Penalty pour les États-Unis'],
    ['Haïti', 'HAI', 'Penalty pour Haïti'],
    ['Côte d’Ivoire', 'CIV', 'Penalty pour la Côte d’Ivoire'],
  ])('%s', (name, code, slack) => {
    expect(penaltyTo(team(name, code), 'fr-FR').slack.startsWith(`${slack} 21'`)).toBe(true);
    // The SMS puts the team in apposition, which needs no article.
    expect(penaltyTo(team(name, code), 'fr-FR').sms).toMatch(/^Penalty : /);
  });

  it('the winner leads the sentence, with a plural verb for a plural name', () => {
    expect(shootoutWin(team('Argentine', 'ARG'), 'fr-FR').parent).toContain('— L’Argentine s’impose 4–2 aux tirs au but');
    expect(shootoutWin(team('Pays-Bas', 'NED'), 'fr-FR').parent).toContain('— Les Pays-Bas s’imposent 4–2 aux tirs au but');
    expect(shootoutWin(team('Argentine', 'ARG'), 'fr-FR').sms).toBe("L'Argentine gagne 4-2 aux t.a.b. ARG 1-1 JPN a.p.");
    expect(shootoutWin(team('États-Unis', 'USA'), 'fr-FR').sms).toBe('Les États-Unis gagnent 4-2 aux t.a.b. USA 1-1 JPN a.p.');
  });

  it('a name without a known article (a club) is never given a wrong one', () => {
    const psg = team('Paris Saint-Germain', 'PSG');
    expect(penaltyTo(psg, 'fr-FR').slack).toMatch(/^Penalty : Paris Saint-Germain 21'/);
    expect(penaltyTo(psg, 'fr-FR').sms).toMatch(/^Penalty : Paris Saint-Germain 21'/);
    expect(shootoutWin(psg, 'fr-FR').parent).toContain('— Vainqueur 4–2 aux tirs au but : Paris Saint-Germain');
    expect(shootoutWin(psg, 'fr-FR').sms).toBe('Vainqueur 4-2 aux t.a.b. : Paris Saint-Germain. PSG 1-1 JPN a.p.');
  });

  it('a correction names the penalty’s team the same way', () => {
    const match = summary(team('Brésil', 'BRA'), team('Japon', 'JPN'));
    const original = event({ kind: 'penalty-awarded', side: 'home' }, match);
    const correction = { ...original, id: `${original.id}/correction`, kind: 'correction' as const, original };
    expect(renderReply(correction, 'fr-FR').text).toMatch(/^Correction : le penalty pour le Brésil à la 21' a été annulé/);
    expect(smsText(correction, 'fr-FR')).toMatch(/^VAR : penalty pour le Brésil 21' annulé/);
  });
});

describe('Portuguese: "para a Argentina", "GOL do Brasil!"', () => {
  it.each([
    ['Argentina', 'ARG', 'Pênalti para a Argentina', 'GOL da Argentina!'],
    ['Brasil', 'BRA', 'Pênalti para o Brasil', 'GOL do Brasil!'],
    ['Estados Unidos', 'USA', 'Pênalti para os Estados Unidos', 'GOL dos Estados Unidos!'],
    ['Portugal', 'POR', 'Pênalti para Portugal', 'GOL de Portugal!'],
  ])('%s', (name, code, slack, goal) => {
    expect(penaltyTo(team(name, code), 'pt-BR').slack.startsWith(`${slack} 21'`)).toBe(true);
    const match = summary(team(name, code), team('Japão', 'JPN'));
    const scored = event({ kind: 'goal', side: 'home', player: 'X', method: 'open-play', score: match.score }, match);
    expect(smsText(scored, 'pt-BR').startsWith(goal)).toBe(true);
  });

  it('a plural name takes a plural verb; an unknown name stands alone', () => {
    expect(shootoutWin(team('Estados Unidos', 'USA'), 'pt-BR').parent).toContain('— Os Estados Unidos venceram por 4 x 2 nos pênaltis');
    expect(shootoutWin(team('Argentina', 'ARG'), 'pt-BR').sms).toBe('A Argentina vence nos penaltis por 4 x 2. ARG 1 x 1 JPN apos prorrogacao');
    expect(penaltyTo(team('Flamengo', 'FLA'), 'pt-BR').slack).toMatch(/^Pênalti: Flamengo 21'/);
    expect(penaltyTo(team('Flamengo', 'FLA'), 'pt-BR').sms).toMatch(/^Penalti: Flamengo 21'/);
  });
});

describe('German: countries that take an article keep it', () => {
  it.each([
    ['Argentinien', 'ARG', 'für Argentinien'],
    ['Schweiz', 'SUI', 'für die Schweiz'],
    ['Irak', 'IRQ', 'für den Irak'],
    ['Niederlande', 'NED', 'für die Niederlande'],
    ['USA', 'USA', 'für die USA'],
  ])('%s', (name, code, fuer) => {
    expect(penaltyTo(team(name, code), 'de-DE').slack.startsWith(`Elfmeter ${fuer} 21'`)).toBe(true);
    const match = summary(team(name, code), team('Japan', 'JPN'));
    const scored = event({ kind: 'goal', side: 'home', player: 'X', method: 'open-play', score: match.score }, match);
    expect(smsText(scored, 'de-DE').startsWith(`TOR ${fuer}!`)).toBe(true);
  });

  it('a plural name takes a plural verb', () => {
    expect(shootoutWin(team('Niederlande', 'NED'), 'de-DE').parent).toContain('— Die Niederlande gewinnen 4:2 im Elfmeterschießen');
    expect(shootoutWin(team('Schweiz', 'SUI'), 'de-DE').sms).toBe('Die Schweiz gewinnt im Elfmeterschießen 4:2. SUI 1:1 JPN n.V.');
    expect(shootoutWin(team('Argentinien', 'ARG'), 'de-DE').parent).toContain('— Argentinien gewinnt 4:2 im Elfmeterschießen');
  });

  it('the dative of a plural name: "den Niederlanden"', () => {
    expect(germanTeam('Niederlande').dat).toBe('den Niederlanden');
    expect(germanTeam('Schweiz').dat).toBe('der Schweiz');
    expect(germanTeam('Bayern München').dat).toBe('Bayern München');
  });
});

describe('Spanish and English need no article for a country', () => {
  it('says the name alone', () => {
    expect(penaltyTo(team('Argentina', 'ARG'), 'es-ES').slack).toMatch(/^Penalti a favor de Argentina 21'/);
    expect(penaltyTo(team('Argentina', 'ARG'), 'en-GB').slack).toMatch(/^Penalty to Argentina 21'/);
  });
});

describe('the article tables', () => {
  /** The 48 teams of the 2026 World Cup (with each play-off path's contenders), as FIFA names them in French. */
  const FRENCH_2026 = [
    'Canada', 'Mexique', 'États-Unis', 'Japon', 'Iran', 'RI d’Iran', 'Ouzbékistan', 'Corée du Sud', 'République de Corée',
    'Jordanie', 'Australie', 'Qatar', 'Arabie saoudite', 'Maroc', 'Tunisie', 'Égypte', 'Algérie', 'Ghana', 'Cap-Vert',
    'Afrique du Sud', 'Sénégal', 'Côte d’Ivoire', 'Argentine', 'Brésil', 'Équateur', 'Uruguay', 'Colombie', 'Paraguay',
    'Nouvelle-Zélande', 'Angleterre', 'France', 'Croatie', 'Portugal', 'Norvège', 'Allemagne', 'Pays-Bas', 'Espagne',
    'Belgique', 'Autriche', 'Suisse', 'Écosse', 'Panama', 'Haïti', 'Curaçao', 'Italie', 'Irlande du Nord',
    'Pays de Galles', 'Bosnie-Herzégovine', 'Ukraine', 'Suède', 'Pologne', 'Albanie', 'Turquie', 'Türkiye', 'Roumanie',
    'Slovaquie', 'Kosovo', 'Danemark', 'Macédoine du Nord', 'Tchéquie', 'République tchèque', 'Irlande', 'RD Congo',
    'Irak', 'Jamaïque', 'Suriname', 'Bolivie', 'Nouvelle-Calédonie',
  ];
  const PORTUGUESE_2026 = [
    'Canadá', 'México', 'Estados Unidos', 'Japão', 'Irã', 'Uzbequistão', 'Coreia do Sul', 'Jordânia', 'Austrália',
    'Catar', 'Arábia Saudita', 'Marrocos', 'Tunísia', 'Egito', 'Argélia', 'Gana', 'Cabo Verde', 'África do Sul',
    'Senegal', 'Costa do Marfim', 'Argentina', 'Brasil', 'Equador', 'Uruguai', 'Colômbia', 'Paraguai', 'Nova Zelândia',
    'Inglaterra', 'França', 'Croácia', 'Portugal', 'Noruega', 'Alemanha', 'Holanda', 'Países Baixos', 'Espanha',
    'Bélgica', 'Áustria', 'Suíça', 'Escócia', 'Panamá', 'Haiti', 'Curaçao', 'Itália', 'Irlanda do Norte',
    'País de Gales', 'Bósnia e Herzegovina', 'Ucrânia', 'Suécia', 'Polônia', 'Albânia', 'Turquia', 'Romênia',
    'Eslováquia', 'Kosovo', 'Dinamarca', 'Macedônia do Norte', 'República Tcheca', 'Irlanda', 'RD Congo', 'Iraque',
    'Jamaica', 'Suriname', 'Bolívia', 'Nova Caledônia',
  ];

  it('know every 2026 team in French and Portuguese, however the apostrophe or accents come', () => {
    expect(FRENCH_2026.filter((name) => frenchTeam(name) === null)).toEqual([]);
    expect(PORTUGUESE_2026.filter((name) => portugueseTeam(name) === null)).toEqual([]);
    expect(frenchTeam("Cote d'Ivoire", "'")?.the).toBe("la Cote d'Ivoire");
    expect(frenchTeam('ETATS-UNIS')?.plural).toBe(true);
  });

  it('keep SMS phrases GSM-7 as written, apostrophe included', () => {
    for (const name of ['Argentine', 'Italie', 'Irak']) {
      const sms = smsText(shootoutWinEnd(team(name, 'XXX')), 'fr-FR');
      expect(new SegmentedMessage(sms, 'auto').getNonGsmCharacters(), sms).toEqual([]);
      expect(sms).toMatch(/^L'/);
    }
  });

  it('the follow answers, whose team name comes with its flag, need no article', () => {
    const argentina = '🇦🇷 *Argentine*';
    expect(catalogue('fr-FR').members.messages.followed(argentina)).toBe('Vous suivez maintenant cette équipe : 🇦🇷 *Argentine*.');
    expect(catalogue('fr-FR').members.messages.unfollowed(argentina)).toBe('Vous ne suivez plus cette équipe : 🇦🇷 *Argentine*.');
    expect(catalogue('de-DE').members.messages.followed('🇨🇭 *Schweiz*')).toBe('Du folgst jetzt: 🇨🇭 *Schweiz*.');
    expect(catalogue('pt-BR').members.messages.followed('🇧🇷 *Brasil*')).toBe('Agora você segue: 🇧🇷 *Brasil*.');
  });

  it('leave the catalogue’s words for an unknown team to the fallback', () => {
    expect(catalogue('fr-FR').match.penaltyAwarded('Olympique de Marseille')).toBe('Penalty : Olympique de Marseille');
  });
});

function shootoutWinEnd(home: TeamRef): MatchEventAlert {
  const over = summary(home, team('Japon', 'JPN'), { phase: 'finished', minute: null, score: { home: 1, away: 1 }, penalties: { home: 4, away: 2 }, wentToExtraTime: true, winner: 'home' });
  return event({ kind: 'match-end', score: over.score, penalties: over.penalties, winner: 'home', extraTime: true }, over);
}
