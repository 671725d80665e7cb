/** British English: the reference catalogue the others translate. */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `at ${minute}` : null);

export const enGB: Catalogue = {
  locale: 'en-GB',
  intlLocale: 'en-GB',
  common: {
    dateTimeUtc: (d) => `${d.weekday} ${d.day} ${d.month} ${d.year} ${d.time} UTC`,
    andMore: (n) => `… and ${n} more`,
    unknownPlayer: 'unknown player',
  },
  match: {
    score: (h, a) => `${h}–${a}`,
    penaltiesSuffix: (h, a) => `(${h}–${a} pens)`,
    versus: 'v',
    live: 'LIVE',
    phase: {
      'pre-match': 'Not started',
      'first-half': '1st half',
      'half-time': 'Half-time',
      'second-half': '2nd half',
      'before-extra-time': 'End of normal time',
      'extra-time-first-half': 'Extra time, 1st half',
      'extra-time-break': 'Extra time, half-time',
      'extra-time-second-half': 'Extra time, 2nd half',
      'before-shootout': 'End of extra time',
      shootout: 'Penalty shoot-out',
      finished: 'Full-time',
    },
    afterExtraTime: 'After extra time',
    wonOnPenalties: (team, score) => (team ? `${team} won ${score} on penalties` : `Won ${score} on penalties`),
    kickoff: (date) => `Kick-off ${date}`,

    goal: 'GOAL!',
    goalMethod: { 'open-play': null, penalty: '(pen.)', 'free-kick': '(free kick)', 'own-goal': '(o.g.)' },
    penaltyAwarded: (team) => (team ? `Penalty to ${team}` : 'Penalty awarded'),
    penaltyMiss: { missed: 'Penalty missed', saved: 'Penalty saved', woodwork: 'Penalty hits the woodwork' },
    card: { yellow: 'Yellow card', red: 'Red card', 'second-yellow': 'Second yellow, sent off' },
    substitution: 'Substitution',
    playerOn: (p) => `On: ${p}`,
    playerOff: (p) => `Off: ${p}`,

    periodStart: {
      'first-half': 'Kick-off!',
      'second-half': 'Second half under way',
      'extra-time-first-half': 'Extra time under way',
      'extra-time-second-half': 'Second half of extra time under way',
      shootout: 'Penalty shoot-out under way',
    },
    periodEnd: (period, finalWhistle) => {
      switch (period) {
        case 'first-half':
          return 'Half-time';
        case 'second-half':
          return finalWhistle ? 'Full-time' : 'End of normal time';
        case 'extra-time-first-half':
          return 'Half-time in extra time';
        case 'extra-time-second-half':
          return finalWhistle ? 'End of extra time' : 'End of extra time, penalties to follow';
        case 'shootout':
          return 'End of the penalty shoot-out';
      }
    },
    shootoutKick: (who, result) => {
      switch (result) {
        case 'scored':
          return `${who} scores`;
        case 'missed':
          return `${who} misses`;
        case 'saved':
          return `${who} has the kick saved`;
        case 'woodwork':
          return `${who} hits the woodwork`;
      }
    },
    shootoutTally: (line) => `Penalties: ${line}`,
    matchOver: 'Match over',
    result: ({ winner, extraTime, penalties }) => {
      if (!winner) return penalties ? `Decided on penalties ${penalties}` : 'Draw';
      if (penalties) return `${winner} win ${penalties} on penalties`;
      return extraTime ? `${winner} win after extra time` : `${winner} win`;
    },
    catchUp: 'Catching up',

    correctionGoal: (who, minute) => `Correction: ${words('the goal by', who, at(minute))} was ruled out after review`,
    correctionPenalty: (team, minute) =>
      `Correction: ${words(team ? `the penalty to ${team}` : 'the penalty', at(minute))} was cancelled`,
    correctionCard: (card, who, minute) => {
      const name = { yellow: 'the yellow card', red: 'the red card', 'second-yellow': 'the second yellow' }[card];
      return `Correction: ${words(name, 'for', who, at(minute))} was rescinded`;
    },
    correctionOther: (minute) => `Correction: ${words('the update', at(minute))} was withdrawn`,
    scoreNow: (line) => `Score now: ${line}`,
  },
  slack: {
    mentionHelp: (channel) =>
      channel
        ? `I post every live match as a thread in ${channel}: the score stays at the top, and goals, cards, penalties and the shoot-out come as replies.`
        : 'I post every live match as a thread, once a channel is set (SLACK_CHANNEL).',
  },
};
