/** German, in the words of a German match report: scores with a colon ("2:1"), "i. E." for a shoot-out. */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `in Minute ${minute}` : null);

export const deDE: Catalogue = {
  locale: 'de-DE',
  intlLocale: 'de-DE',
  common: {
    dateTimeUtc: (d) => `${d.weekday} ${d.day}. ${d.month} ${d.year}, ${d.time} UTC`,
    andMore: (n) => `… und ${n} weitere`,
    unknownPlayer: 'unbekannter Spieler',
  },
  match: {
    score: (h, a) => `${h}:${a}`,
    penaltiesSuffix: (h, a) => `(${h}:${a} i. E.)`,
    versus: '–',
    live: 'LIVE',
    phase: {
      'pre-match': 'Noch nicht begonnen',
      'first-half': '1. Halbzeit',
      'half-time': 'Halbzeit',
      'second-half': '2. Halbzeit',
      'before-extra-time': 'Ende der regulären Spielzeit',
      'extra-time-first-half': 'Verlängerung, 1. Hälfte',
      'extra-time-break': 'Verlängerung, Pause',
      'extra-time-second-half': 'Verlängerung, 2. Hälfte',
      'before-shootout': 'Ende der Verlängerung',
      shootout: 'Elfmeterschießen',
      finished: 'Spielende',
    },
    afterExtraTime: 'Nach Verlängerung',
    wonOnPenalties: (team, score) =>
      team ? `${team} gewinnt ${score} im Elfmeterschießen` : `Entschieden im Elfmeterschießen (${score})`,
    kickoff: (date) => `Anstoß ${date}`,

    goal: 'TOR!',
    goalMethod: { 'open-play': null, penalty: '(Elfmeter)', 'free-kick': '(Freistoß)', 'own-goal': '(Eigentor)' },
    penaltyAwarded: (team) => (team ? `Elfmeter für ${team}` : 'Elfmeter'),
    penaltyMiss: { missed: 'Elfmeter verschossen', saved: 'Elfmeter gehalten', woodwork: 'Elfmeter ans Aluminium' },
    card: { yellow: 'Gelbe Karte', red: 'Rote Karte', 'second-yellow': 'Gelb-Rote Karte' },
    substitution: 'Wechsel',
    playerOn: (p) => `Rein: ${p}`,
    playerOff: (p) => `Raus: ${p}`,

    periodStart: {
      'first-half': 'Anpfiff!',
      'second-half': 'Die zweite Halbzeit läuft',
      'extra-time-first-half': 'Die Verlängerung läuft',
      'extra-time-second-half': 'Die zweite Hälfte der Verlängerung läuft',
      shootout: 'Das Elfmeterschießen beginnt',
    },
    periodEnd: (period, finalWhistle) => {
      switch (period) {
        case 'first-half':
          return 'Halbzeit';
        case 'second-half':
          return finalWhistle ? 'Abpfiff' : 'Ende der regulären Spielzeit';
        case 'extra-time-first-half':
          return 'Halbzeit der Verlängerung';
        case 'extra-time-second-half':
          return finalWhistle ? 'Ende der Verlängerung' : 'Ende der Verlängerung, es gibt Elfmeterschießen';
        case 'shootout':
          return 'Ende des Elfmeterschießens';
      }
    },
    shootoutKick: (who, result) => {
      switch (result) {
        case 'scored':
          return `${who} trifft`;
        case 'missed':
          return `${who} verschießt`;
        case 'saved':
          return `${who} scheitert am Torwart`;
        case 'woodwork':
          return `${who} trifft nur Aluminium`;
      }
    },
    shootoutTally: (line) => `Elfmeterschießen: ${line}`,
    matchOver: 'Spielende',
    result: ({ winner, extraTime, penalties }) => {
      if (!winner) return penalties ? `Entschieden im Elfmeterschießen (${penalties})` : 'Unentschieden';
      if (penalties) return `${winner} gewinnt ${penalties} im Elfmeterschießen`;
      return extraTime ? `${winner} gewinnt nach Verlängerung` : `${winner} gewinnt`;
    },
    catchUp: 'Zwischenstand',

    correctionGoal: (who, minute) =>
      `Korrektur: ${words('Das Tor von', who, at(minute))} wurde nach Videobeweis aberkannt`,
    correctionPenalty: (team, minute) =>
      `Korrektur: ${words(team ? `Der Elfmeter für ${team}` : 'Der Elfmeter', at(minute))} wurde zurückgenommen`,
    correctionCard: (card, who, minute) => {
      const name = { yellow: 'Die Gelbe Karte', red: 'Die Rote Karte', 'second-yellow': 'Die Gelb-Rote Karte' }[card];
      return `Korrektur: ${words(name, 'für', who, at(minute))} wurde zurückgenommen`;
    },
    correctionOther: (minute) => `Korrektur: ${words('Die Meldung', at(minute))} wurde zurückgenommen`,
    scoreNow: (line) => `Neuer Spielstand: ${line}`,
  },
  slack: {
    mentionHelp: (channel) =>
      channel
        ? `Ich poste jedes Live-Spiel als Thread in ${channel}: oben steht immer der Spielstand, Tore, Karten, Elfmeter und das Elfmeterschießen kommen als Antworten.`
        : 'Ich poste jedes Live-Spiel als Thread, sobald ein Kanal festgelegt ist (SLACK_CHANNEL).',
  },
};
