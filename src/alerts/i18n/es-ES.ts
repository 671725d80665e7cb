/** Castilian Spanish, in the words of a Spanish match broadcast ("penaltis", "prórroga", "en propia puerta"). */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `en el minuto ${minute}` : null);

export const esES: Catalogue = {
  locale: 'es-ES',
  intlLocale: 'es-ES',
  common: {
    dateTimeUtc: (d) => `${d.weekday} ${d.day} ${d.month} ${d.year}, ${d.time} UTC`,
    andMore: (n) => `… y ${n} más`,
    unknownPlayer: 'jugador desconocido',
  },
  match: {
    score: (h, a) => `${h}-${a}`,
    penaltiesSuffix: (h, a) => `(${h}-${a} en los penaltis)`,
    versus: 'vs.',
    live: 'EN DIRECTO',
    phase: {
      'pre-match': 'Sin empezar',
      'first-half': '1.ª parte',
      'half-time': 'Descanso',
      'second-half': '2.ª parte',
      'before-extra-time': 'Final del tiempo reglamentario',
      'extra-time-first-half': 'Prórroga, 1.ª parte',
      'extra-time-break': 'Descanso de la prórroga',
      'extra-time-second-half': 'Prórroga, 2.ª parte',
      'before-shootout': 'Final de la prórroga',
      shootout: 'Tanda de penaltis',
      finished: 'Final del partido',
    },
    afterExtraTime: 'Tras la prórroga',
    wonOnPenalties: (team, score) =>
      team ? `${team} gana ${score} en la tanda de penaltis` : `Decidido en los penaltis (${score})`,
    kickoff: (date) => `Inicio: ${date}`,

    goal: '¡GOL!',
    goalMethod: { 'open-play': null, penalty: '(de penalti)', 'free-kick': '(de falta)', 'own-goal': '(en propia puerta)' },
    penaltyAwarded: (team) => (team ? `Penalti a favor de ${team}` : 'Penalti señalado'),
    penaltyMiss: { missed: 'Penalti fallado', saved: 'Penalti parado', woodwork: 'Penalti al palo' },
    card: { yellow: 'Tarjeta amarilla', red: 'Tarjeta roja', 'second-yellow': 'Segunda amarilla, expulsado' },
    substitution: 'Cambio',
    playerOn: (p) => `Entra: ${p}`,
    playerOff: (p) => `Sale: ${p}`,

    periodStart: {
      'first-half': '¡Comienza el partido!',
      'second-half': 'Comienza la segunda parte',
      'extra-time-first-half': 'Comienza la prórroga',
      'extra-time-second-half': 'Comienza la segunda parte de la prórroga',
      shootout: 'Comienza la tanda de penaltis',
    },
    periodEnd: (period, finalWhistle) => {
      switch (period) {
        case 'first-half':
          return 'Descanso';
        case 'second-half':
          return finalWhistle ? 'Final del partido' : 'Final del tiempo reglamentario';
        case 'extra-time-first-half':
          return 'Descanso de la prórroga';
        case 'extra-time-second-half':
          return finalWhistle ? 'Final de la prórroga' : 'Final de la prórroga, habrá penaltis';
        case 'shootout':
          return 'Final de la tanda de penaltis';
      }
    },
    shootoutKick: (who, result) => {
      switch (result) {
        case 'scored':
          return `${who} marca`;
        case 'missed':
          return `${who} falla`;
        case 'saved':
          return `A ${who} le paran el penalti`;
        case 'woodwork':
          return `${who} estrella el balón en el palo`;
      }
    },
    shootoutTally: (line) => `Penaltis: ${line}`,
    matchOver: 'Final del partido',
    result: ({ winner, extraTime, penalties }) => {
      if (!winner) return penalties ? `Decidido en los penaltis (${penalties})` : 'Empate';
      if (penalties) return `${winner} gana ${penalties} en los penaltis`;
      return extraTime ? `${winner} gana en la prórroga` : `Gana ${winner}`;
    },
    catchUp: 'Así va el partido',

    correctionGoal: (who, minute) =>
      `Corrección: ${words('el gol de', who, at(minute))} ha sido anulado tras revisión del VAR`,
    correctionPenalty: (team, minute) =>
      `Corrección: ${words(team ? `el penalti a favor de ${team}` : 'el penalti', at(minute))} ha sido anulado`,
    correctionCard: (card, who, minute) => {
      const name = { yellow: 'la tarjeta amarilla', red: 'la tarjeta roja', 'second-yellow': 'la segunda amarilla' }[card];
      return `Corrección: ${words(name, 'a', who, at(minute))} ha sido retirada`;
    },
    correctionOther: (minute) => `Corrección: ${words('la jugada', at(minute))} ha sido retirada`,
    scoreNow: (line) => `Marcador: ${line}`,
  },
  slack: {
    mentionHelp: (channel) =>
      channel
        ? `Publico cada partido en directo como un hilo en ${channel}: el marcador queda arriba, y los goles, tarjetas, penaltis y la tanda de penaltis llegan como respuestas.`
        : 'Publico cada partido en directo como un hilo, en cuanto haya un canal elegido (SLACK_CHANNEL).',
  },
};
