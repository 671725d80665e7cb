/** Brazilian Portuguese, in the words of a Brazilian match broadcast. */
import { type Catalogue, words } from './catalogue.js';

const aos = (minute: string | null): string | null => (minute ? `aos ${minute}` : null);

export const ptBR: Catalogue = {
  locale: 'pt-BR',
  intlLocale: 'pt-BR',
  common: {
    dateTimeUtc: (d) => `${d.weekday} ${d.day} ${d.month} ${d.year}, ${d.time} UTC`,
    andMore: (n) => `… e mais ${n}`,
    unknownPlayer: 'jogador não identificado',
  },
  match: {
    score: (h, a) => `${h} x ${a}`,
    penaltiesSuffix: (h, a) => `(${h} x ${a} nos pênaltis)`,
    versus: 'x',
    live: 'AO VIVO',
    phase: {
      'pre-match': 'Não iniciado',
      'first-half': '1º tempo',
      'half-time': 'Intervalo',
      'second-half': '2º tempo',
      'before-extra-time': 'Fim do tempo regulamentar',
      'extra-time-first-half': 'Prorrogação, 1º tempo',
      'extra-time-break': 'Intervalo da prorrogação',
      'extra-time-second-half': 'Prorrogação, 2º tempo',
      'before-shootout': 'Fim da prorrogação',
      shootout: 'Disputa de pênaltis',
      finished: 'Fim de jogo',
    },
    afterExtraTime: 'Após a prorrogação',
    wonOnPenalties: (team, score) =>
      team ? `${team} venceu por ${score} nos pênaltis` : `Decidido nos pênaltis: ${score}`,
    kickoff: (date) => `Início: ${date}`,

    goal: 'GOL!',
    goalMethod: { 'open-play': null, penalty: '(pênalti)', 'free-kick': '(falta)', 'own-goal': '(contra)' },
    penaltyAwarded: (team) => (team ? `Pênalti para ${team}` : 'Pênalti marcado'),
    penaltyMiss: { missed: 'Pênalti perdido', saved: 'Pênalti defendido', woodwork: 'Pênalti na trave' },
    card: { yellow: 'Cartão amarelo', red: 'Cartão vermelho', 'second-yellow': 'Segundo amarelo, expulso' },
    substitution: 'Substituição',
    playerOn: (p) => `Entra: ${p}`,
    playerOff: (p) => `Sai: ${p}`,

    periodStart: {
      'first-half': 'Bola rolando!',
      'second-half': 'Começa o segundo tempo',
      'extra-time-first-half': 'Começa a prorrogação',
      'extra-time-second-half': 'Começa o segundo tempo da prorrogação',
      shootout: 'Começa a disputa de pênaltis',
    },
    periodEnd: (period, finalWhistle) => {
      switch (period) {
        case 'first-half':
          return 'Intervalo';
        case 'second-half':
          return finalWhistle ? 'Fim de jogo' : 'Fim do tempo regulamentar';
        case 'extra-time-first-half':
          return 'Intervalo da prorrogação';
        case 'extra-time-second-half':
          return finalWhistle ? 'Fim da prorrogação' : 'Fim da prorrogação, vamos para os pênaltis';
        case 'shootout':
          return 'Fim da disputa de pênaltis';
      }
    },
    shootoutKick: (who, result) => {
      switch (result) {
        case 'scored':
          return `${who} converte`;
        case 'missed':
          return `${who} perde`;
        case 'saved':
          return `${who} para no goleiro`;
        case 'woodwork':
          return `${who} acerta a trave`;
      }
    },
    shootoutTally: (line) => `Pênaltis: ${line}`,
    matchOver: 'Fim de jogo',
    result: ({ winner, extraTime, penalties }) => {
      if (!winner) return penalties ? `Decidido nos pênaltis: ${penalties}` : 'Empate';
      if (penalties) return `${winner} vence por ${penalties} nos pênaltis`;
      return extraTime ? `${winner} vence na prorrogação` : `${winner} vence`;
    },
    catchUp: 'Resumo do jogo até agora',

    correctionGoal: (who, minute) => `Correção: ${words('o gol de', who, aos(minute))} foi anulado após revisão`,
    correctionPenalty: (team, minute) =>
      `Correção: ${words(team ? `o pênalti para ${team}` : 'o pênalti', aos(minute))} foi cancelado`,
    correctionCard: (card, who, minute) => {
      const name = { yellow: 'o cartão amarelo', red: 'o cartão vermelho', 'second-yellow': 'o segundo amarelo' }[card];
      return `Correção: ${words(name, 'para', who, aos(minute))} foi retirado`;
    },
    correctionOther: (minute) => `Correção: ${words('o lance', aos(minute))} foi retirado`,
    scoreNow: (line) => `Placar agora: ${line}`,
  },
  slack: {
    mentionHelp: (channel) =>
      channel
        ? `Eu publico cada partida ao vivo como um fio em ${channel}: o placar fica no topo, e gols, cartões, pênaltis e a disputa de pênaltis chegam como respostas.`
        : 'Eu publico cada partida ao vivo como um fio, assim que um canal for definido (SLACK_CHANNEL).',
  },
};
