/**
 * French. Country names are used without articles ("Penalty pour Argentine" would need l'/la/le per country),
 * so phrases put the team after a colon or in apposition instead. A plain space precedes ":" and "!" as French
 * typography wants (a no-break space would be more correct but survives SMS badly).
 */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `à la ${minute}` : null);

export const frFR: Catalogue = {
  locale: 'fr-FR',
  intlLocale: 'fr-FR',
  common: {
    dateTimeUtc: (d) => `${d.weekday} ${d.day} ${d.month} ${d.year}, ${d.time} UTC`,
    andMore: (n) => `… et ${n} de plus`,
    unknownPlayer: 'joueur inconnu',
  },
  match: {
    score: (h, a) => `${h}–${a}`,
    penaltiesSuffix: (h, a) => `(${h}–${a} t.a.b.)`,
    versus: '–',
    live: 'EN DIRECT',
    phase: {
      'pre-match': 'Pas encore commencé',
      'first-half': '1re période',
      'half-time': 'Mi-temps',
      'second-half': '2e période',
      'before-extra-time': 'Fin du temps réglementaire',
      'extra-time-first-half': 'Prolongation, 1re période',
      'extra-time-break': 'Prolongation, mi-temps',
      'extra-time-second-half': 'Prolongation, 2e période',
      'before-shootout': 'Fin de la prolongation',
      shootout: 'Tirs au but',
      finished: 'Fin du match',
    },
    afterExtraTime: 'Après prolongation',
    wonOnPenalties: (team, score) =>
      team ? `${team} s’impose ${score} aux tirs au but` : `Décidé aux tirs au but (${score})`,
    kickoff: (date) => `Coup d’envoi : ${date}`,

    goal: 'BUT !',
    goalMethod: { 'open-play': null, penalty: '(sur penalty)', 'free-kick': '(coup franc)', 'own-goal': '(c.s.c.)' },
    penaltyAwarded: (team) => (team ? `Penalty pour ${team}` : 'Penalty accordé'),
    penaltyMiss: { missed: 'Penalty manqué', saved: 'Penalty arrêté', woodwork: 'Penalty sur le montant' },
    card: { yellow: 'Carton jaune', red: 'Carton rouge', 'second-yellow': 'Second carton jaune, expulsion' },
    substitution: 'Remplacement',
    playerOn: (p) => `Entrée : ${p}`,
    playerOff: (p) => `Sortie : ${p}`,

    periodStart: {
      'first-half': 'Coup d’envoi !',
      'second-half': 'Début de la seconde période',
      'extra-time-first-half': 'Début de la prolongation',
      'extra-time-second-half': 'Début de la seconde période de la prolongation',
      shootout: 'Début de la séance de tirs au but',
    },
    periodEnd: (period, finalWhistle) => {
      switch (period) {
        case 'first-half':
          return 'Mi-temps';
        case 'second-half':
          return finalWhistle ? 'Fin du match' : 'Fin du temps réglementaire';
        case 'extra-time-first-half':
          return 'Mi-temps de la prolongation';
        case 'extra-time-second-half':
          return finalWhistle ? 'Fin de la prolongation' : 'Fin de la prolongation, place aux tirs au but';
        case 'shootout':
          return 'Fin de la séance de tirs au but';
      }
    },
    shootoutKick: (who, result) => {
      switch (result) {
        case 'scored':
          return `${who} marque`;
        case 'missed':
          return `${who} manque sa tentative`;
        case 'saved':
          return `${who} voit son tir arrêté`;
        case 'woodwork':
          return `${who} trouve le montant`;
      }
    },
    shootoutTally: (line) => `Tirs au but : ${line}`,
    matchOver: 'Fin du match',
    result: ({ winner, extraTime, penalties }) => {
      if (!winner) return penalties ? `Décidé aux tirs au but (${penalties})` : 'Match nul';
      if (penalties) return `${winner} s’impose ${penalties} aux tirs au but`;
      return extraTime ? `${winner} s’impose après prolongation` : `${winner} s’impose`;
    },
    catchUp: 'Le point sur le match',

    correctionGoal: (who, minute) =>
      `Correction : ${words('le but de', who, at(minute))} a été refusé après vérification vidéo`,
    correctionPenalty: (team, minute) =>
      `Correction : ${words(team ? `le penalty pour ${team}` : 'le penalty', at(minute))} a été annulé`,
    correctionCard: (card, who, minute) => {
      const name = { yellow: 'le carton jaune', red: 'le carton rouge', 'second-yellow': 'le second carton jaune' }[card];
      return `Correction : ${words(name, 'de', who, at(minute))} a été retiré`;
    },
    correctionOther: (minute) => `Correction : ${words('l’action', at(minute))} a été retirée`,
    scoreNow: (line) => `Score actuel : ${line}`,
  },
  slack: {
    mentionHelp: (channel) =>
      channel
        ? `Je publie chaque match en direct comme un fil dans ${channel} : le score reste en haut, et les buts, cartons, penalties et la séance de tirs au but arrivent en réponses.`
        : 'Je publie chaque match en direct comme un fil, dès qu\'un canal est choisi (SLACK_CHANNEL).',
  },
};
