/**
 * Brazilian Portuguese, in the words of a Brazilian match broadcast. A country takes its article where the sentence
 * needs one ("Pênalti para a Argentina", "GOL do Brasil!", "Os Estados Unidos vencem"), from the table in
 * team-articles.ts; a name it doesn't know (a club, a name in another language) goes after a colon or in
 * brackets, or stands alone as a headline's subject ("Flamengo vence").
 */
import { type Catalogue, words } from './catalogue.js';
import { portugueseTeam } from './team-articles.js';

const aos = (minute: string | null): string | null => (minute ? `aos ${minute}` : null);

/** "A Argentina venceu", "Os Estados Unidos venceram"; an unknown name as a headline would write it. */
function wins(team: string, verb: { one: string; many: string }): string {
  const known = portugueseTeam(team);
  return known ? `${known.The} ${known.plural ? verb.many : verb.one}` : `${team} ${verb.one}`;
}

/** "para a Argentina", "para Portugal", or null when the name's article is unknown. */
function para(team: string): string | null {
  const known = portugueseTeam(team);
  return known && `para ${known.the}`;
}

/** "Pênalti para a Argentina", or "Pênalti: Flamengo" when the name's article is unknown. */
const awardedTo = (penalty: string, team: string): string => {
  const to = para(team);
  return to ? `${penalty} ${to}` : `${penalty}: ${team}`;
};

const VENCEU = { one: 'venceu', many: 'venceram' };
const VENCE = { one: 'vence', many: 'vencem' };

// --- issue 8: SMS limits (SPEC S6) ---
/** How long until a code can be asked for again; beyond an hour and a half, in hours. */
const ptWait = (m: number): string => (m > 90 ? `${Math.ceil(m / 60)} horas` : m === 1 ? '1 minuto' : `${m} minutos`);
// --- end issue 8: SMS limits ---

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
    extraTimeTag: 'após prorrogação',
    wonOnPenalties: (team, score) =>
      team ? `${wins(team, VENCEU)} por ${score} nos pênaltis` : `Decidido nos pênaltis: ${score}`,
    kickoff: (date) => `Início: ${date}`,

    goal: 'GOL!',
    goalMethod: { 'open-play': null, penalty: '(pênalti)', 'free-kick': '(falta)', 'own-goal': '(contra)' },
    penaltyAwarded: (team) => (team ? awardedTo('Pênalti', team) : 'Pênalti marcado'),
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
      if (penalties) return `${wins(winner, VENCE)} por ${penalties} nos pênaltis`;
      return extraTime ? `${wins(winner, VENCE)} na prorrogação` : wins(winner, VENCE);
    },
    catchUp: 'Resumo do jogo até agora',

    correctionGoal: (who, minute) => `Correção: ${words('o gol de', who, aos(minute))} foi anulado após revisão`,
    correctionPenalty: (team, minute) =>
      `Correção: ${words('o pênalti', team && (para(team) ?? `(${team})`), aos(minute))} foi cancelado`,
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
  members: {
    home: {
      teamsHeader: 'Seus times',
      noTeams: 'Você ainda não segue nenhum time.',
      followingTeams: (n) => (n === 1 ? 'Você segue 1 time:' : `Você segue ${n} times:`),
      follow: 'Seguir um time',
      followPlaceholder: 'Escolha um time',
      searchPlaceholder: 'Digite o nome de um time',
      followedAll: 'Você segue todos os times da competição.',
      unfollow: 'Deixar de seguir',
      unfollowPick: 'Deixar de seguir um time',
      unfollowPlaceholder: 'Escolha um time',
      matchesHeader: 'Próximas partidas',
      noMatches: 'Nenhuma partida dos seus times por enquanto.',
      noMatchesNoTeams: 'Siga um time para ver as próximas partidas dele aqui.',
      streamersHeader: 'Streamers da Twitch',
      noStreamers: 'Você ainda não segue nenhum streamer.',
      followingStreamers: (n) => (n === 1 ? 'Você segue 1 streamer:' : `Você segue ${n} streamers:`),
      addStreamer: 'Adicionar streamer',
      remove: 'Remover',
      removePick: 'Deixar de seguir um streamer',
      removePlaceholder: 'Escolha um streamer',
      twitchOff: 'A Twitch não está configurada neste workspace, então não há alertas de transmissões.',
      smsHeader: 'Alertas por SMS',
      smsOff: 'Os alertas por SMS não estão configurados neste workspace.',
      smsPitch: 'Receba um SMS para cada alerta sobre os times e streamers que você segue.',
      subscribe: 'Assinar',
      smsActive: (phone) => `Os alertas vão por SMS para ${phone}.`,
      smsWaiting: (phone) => `Aguardando o código que enviamos por SMS para ${phone}.`,
      enterCode: 'Digitar código',
      smsOptedOut: (phone) =>
        `Você respondeu STOP, então nada é enviado para ${phone}. Para voltar a receber, envie START para o número de onde vinham os alertas e depois clique em Retomar.`,
      smsFailed: (phone, reason) =>
        `Não foi possível entregar SMS para ${phone}${reason ? ` (${reason})` : ''}. Informe outro número.`,
      changeNumber: 'Trocar número',
      stopSms: 'Parar SMS',
      resume: 'Retomar',
      stopConfirm: {
        title: 'Parar os alertas por SMS?',
        text: 'O Fanfare vai esquecer seu número e não enviará mais SMS.',
        confirm: 'Parar SMS',
        deny: 'Manter',
      },
      alertLevelLabel: 'O que chega por SMS',
      adminHeader: 'Configurações do workspace',
      adminChannel: 'Canal dos fios das partidas e dos cards de transmissão',
      channelPlaceholder: 'Escolha um canal',
      channelUnset: 'Nenhum canal ainda: os fios das partidas começam quando você escolher um.',
      adminStreamsChannel: 'Canal dos cards de transmissão',
      streamsChannelUnset: 'Os cards de transmissão vão para o canal das partidas até você escolher um.',
    },
    modals: {
      subscribeTitle: 'Alertas por SMS',
      numberIntro: 'O Fanfare envia por SMS um alerta para tudo o que você segue. Antes, um código confirma que o número é seu.',
      numberLabel: 'Número de celular',
      numberHint: (example, country) =>
        country ? `Por exemplo ${example}, ou um número nacional de ${country}` : `Por exemplo ${example}, com o código do país`,
      sendCode: 'Enviar código',
      cancel: 'Cancelar',
      checking: 'Verificando seu número…',
      codeSent: (phone) => `Enviamos um código por SMS para ${phone}.`,
      codeLabel: 'Código',
      codeHint: 'Digite o código que chegou por SMS.',
      confirm: 'Confirmar',
      subscribed: (phone) =>
        `Pronto! Os alertas sobre o que você segue agora vão para ${phone}. Responda STOP a qualquer um deles para parar.`,
      done: 'Concluir',
      problemTitle: 'Fanfare',
      close: 'Fechar',
      streamerTitle: 'Adicionar streamer',
      streamerIntro: 'Você vai receber um alerta quando a transmissão começar.',
      loginLabel: 'Login da Twitch',
      loginHint: 'O nome no endereço do canal: twitch.tv/nome',
      add: 'Adicionar',
    },
    messages: {
      helpIntro: 'Veja o que eu sei fazer:',
      helpArgs: { team: 'time', login: 'login', number: 'número' },
      helpCommands: {
        help: 'esta lista',
        follow: 'seguir as partidas de um time',
        unfollow: 'deixar de seguir um time',
        streamerAdd: 'receber alertas quando um streamer da Twitch entrar ao vivo',
        streamerRemove: 'deixar de seguir um streamer',
        subscribe: 'receber seus alertas por SMS',
        status: 'o que você segue e para onde vão seus alertas',
        stop: 'parar os alertas por SMS',
      },
      statusTitle: 'Seu Fanfare',
      statusTeams: (list) => `Times: ${list}`,
      statusNoTeams: 'Times: nenhum ainda',
      statusStreamers: (list) => `Streamers: ${list}`,
      statusNoStreamers: 'Streamers: nenhum ainda',
      statusSmsActive: (phone, level) => `SMS: para ${phone} (${level})`,
      statusSmsOptedOut: (phone) => `SMS: pausado, você respondeu STOP de ${phone}`,
      statusSmsFailed: (phone) => `SMS: não foi possível entregar para ${phone}`,
      statusSmsNone: 'SMS: desativado',
      followed: (team) => `Agora você segue: ${team}.`,
      unfollowed: (team) => `Você deixou de seguir: ${team}.`,
      noTeam: (query) => `Nenhum time corresponde a “${query}”.`,
      didYouMean: (list) => `Você quis dizer ${list}?`,
      subscribePrompt: 'Para receber seus alertas por SMS, confirme seu número: o Fanfare envia um código para você digitar.',
      subscribeButton: 'Assinar por SMS',
      smsStopped: 'Os alertas por SMS foram desativados e o Fanfare esqueceu seu número.',
      smsNotSubscribed: 'Você não tem alertas por SMS.',
      streamerAdded: (name) => `Agora você segue ${name} na Twitch.`,
      streamerRemoved: (name) => `Você deixou de seguir ${name}.`,
      notAllowed: 'Só administradores do workspace podem mudar isso.',
      error: 'Algo deu errado do nosso lado; tente de novo.',
      channelJoin: (channel) => `Não consigo publicar em ${channel}. Convide o @Fanfare para o canal.`,
      smsPaused: (reason) => `Os alertas por SMS estão pausados: a Twilio recusou as configurações do Fanfare (${reason}). Nada se perde: os alertas esperam e saem quando as configurações da Twilio forem corrigidas e o Fanfare reiniciado (ele também tenta de novo a cada minuto).`,
      numberRejected: (phone, reason) =>
        `Não foi possível entregar SMS para ${phone}${reason ? ` (${reason})` : ''}, então seus alertas por SMS estão pausados. Informe outro número na App Home do Fanfare.`,
    },
    errors: {
      unparsable: 'Isso não parece um número de telefone. Inclua o código do país, por exemplo +55 11 96123 4567.',
      landline: 'Esse é um telefone fixo; os alertas por SMS precisam de um celular.',
      notMobile: 'Esse número não recebe SMS; use um número de celular.',
      voip: 'Números de telefone pela internet não recebem alertas; use um número de celular.',
      invalidNumber: 'Esse número não existe. Confira, por favor.',
      wrongCode: (n) =>
        n <= 0 ? 'Código incorreto.' : `Código incorreto. ${n === 1 ? 'Resta 1 tentativa' : `Restam ${n} tentativas`}.`,
      tooManyAttempts: 'Códigos incorretos demais. Comece de novo mais tarde.',
      expired: 'Esse código expirou. Comece de novo para receber outro.',
      // --- issue 8: SMS limits (SPEC S6) ---
      tooManyCodes: (m) => `Você pediu códigos demais. Tente de novo em ${ptWait(m)}.`,
      numberTooManyCodes: (m) => `Esse número já recebeu códigos demais. Tente de novo em ${ptWait(m)}.`,
      countryNotAllowed: (countries) => `Os alertas por SMS são só para números de: ${countries}.`,
      // --- end issue 8: SMS limits ---
      blocked: 'Não podemos enviar SMS para esse número.',
      unavailable: 'A verificação por SMS está indisponível agora. Tente de novo em alguns minutos.',
      unknownStreamer: (login) => `Não existe streamer da Twitch chamado ${login}.`,
      // --- issue 8: streamer cap (SPEC T8) ---
      tooManyStreamers: (max) => `Você já segue ${max} streamers, o máximo que o Fanfare permite. Remova um antes, na App Home ou com /fanfare streamer remove.`,
      // --- end issue 8: streamer cap ---
      invalidLogin: 'Um login da Twitch tem de 4 a 25 letras, números ou sublinhados.',
    },
    alertLevels: {
      off: 'Desligado (seu número fica guardado)',
      goals: 'Só gols e resultados',
      cards: 'Gols, resultados, cartões e pênaltis',
      everything: 'Tudo',
    },
  },
  sms: {
    code: (code, minutes = 10) => `Seu codigo Fanfare e ${code}. Ele expira em ${minutes} minutos.`,
    welcome: () => 'Fanfare: voce vai receber alertas do que segue. Responda STOP para parar.',
    match: {
      score: (h, a) => `${h} x ${a}`,
      versus: 'x',
      withPenalties: (line, h, a) => `${line} (penaltis ${h} x ${a})`,
      extraTimeTag: 'apos prorrogacao',
      unknownPlayer: 'desconhecido',
      labelled: (label, text) => `${label}: ${text}`,
      withScore: (event, line) => `${event}. ${line}`,

      goalMethod: { 'open-play': null, penalty: '(penalti)', 'free-kick': '(falta)', 'own-goal': '(contra)' },
      goal: (team, scorer, line) => words(team ? `GOL ${portugueseTeam(team)?.of ?? team}!` : 'GOL!', scorer, line),
      penaltyAwarded: (team, minute) => words(team ? awardedTo('Penalti', team) : 'Penalti marcado', minute),
      penaltyMissed: (outcome, who) =>
        `${{ missed: 'Penalti perdido', saved: 'Penalti defendido', woodwork: 'Penalti na trave' }[outcome]}: ${who}`,
      card: (card, who) =>
        `${{ yellow: 'Cartao amarelo', red: 'Cartao vermelho', 'second-yellow': 'Segundo amarelo' }[card]}: ${who}`,
      substitution: (abbr, minute, on, off) => `${words('Substituicao', abbr, minute)}: entra ${on}, sai ${off}`,
      periodStart: {
        'first-half': 'Bola rolando',
        'second-half': 'Segundo tempo',
        'extra-time-first-half': 'Prorrogacao',
        'extra-time-second-half': 'Prorrogacao, 2o tempo',
        shootout: 'Disputa de penaltis',
      },
      periodEnd: (period, finalWhistle) => {
        switch (period) {
          case 'first-half':
            return 'Intervalo';
          case 'second-half':
            return finalWhistle ? 'Fim de jogo' : 'Fim do tempo normal';
          case 'extra-time-first-half':
            return 'Intervalo da prorrogacao';
          case 'extra-time-second-half':
            return finalWhistle ? 'Fim de jogo na prorrogacao' : 'Fim da prorrogacao';
          case 'shootout':
            return 'Fim dos penaltis';
        }
      },
      shootoutTally: (line) => `Penaltis ${line}`,
      shootoutKick: (result, who) =>
        ({ scored: `${who} converte`, missed: `${who} perde`, saved: `${who} para no goleiro`, woodwork: `${who} acerta a trave` })[
          result
        ],
      result: ({ winner, extraTime, penalties }) => {
        if (!winner) return penalties ? `Decidido nos penaltis: ${penalties}` : 'Empate';
        if (penalties) return `${wins(winner, VENCE)} nos penaltis por ${penalties}`;
        return extraTime ? `${wins(winner, VENCE)} na prorrogacao` : wins(winner, VENCE);
      },
      matchEnd: ({ winner, penalties, line }) => {
        if (penalties)
          return `${winner ? `${wins(winner, VENCE)} nos penaltis por ${penalties}` : `Decidido nos penaltis: ${penalties}`}. ${line}`;
        if (!winner) return `Final: ${line} (empate)`;
        return `Final: ${line}`;
      },
      catchUp: (line, minute, list) => `${words('Ao vivo', line, minute)}${list ? `: ${list}` : ''}`,

      correctionGoal: (who) => `VAR: gol de ${who} anulado`,
      correctionPenalty: (team, minute) => `VAR: ${words('penalti', team && (para(team) ?? `(${team})`), minute)} cancelado`,
      correctionCard: (card, who) =>
        `VAR: ${{ yellow: 'cartao amarelo', red: 'cartao vermelho', 'second-yellow': 'segundo amarelo' }[card]} para ${who} cancelado`,
      correctionOther: (minute) => `Correcao: ${words('lance', minute)} retirado`,

      goalItem: (scorer) => `GOL ${scorer}`,
      cardItem: (card, who) => `${{ yellow: 'Amarelo', red: 'Vermelho', 'second-yellow': '2o amarelo' }[card]} ${who}`,
      more: (n) => (n === 1 ? '+1 outro' : `+${n} outros`),
    },
    // GSM-7 has no á, ã or ó: "apos".
    stream: {
      live: (name, title, link) => (title ? `${name} ao vivo: ${title} ${link}` : `${name} ao vivo em ${link}`),
      offline: (name, duration) => (duration ? `${name} saiu do ar apos ${duration}` : `${name} saiu do ar`),
    },
  },
  stream: {
    live: 'AO VIVO',
    ended: (duration) => (duration ? `Encerrada · ${duration}` : 'Encerrada'),
    untitled: 'Transmissão sem título',
    viewers: (count, plural) => `${count} ${plural === 'one' ? 'espectador' : 'espectadores'}`,
    started: (time) => `Começou às ${time}`,
    timeUtc: (time) => `${time} UTC`,
    endedAfter: (duration) => (duration ? `Transmissão encerrada após ${duration}` : 'Transmissão encerrada'),
    isLive: (name, title) => `${name} está ao vivo: ${title}`,
    wasLive: (name, duration) => (duration ? `${name} ficou ao vivo por ${duration}` : `${name} está offline`),
    duration: (h, m) => (h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`),
    thumbnailAlt: (name) => `Prévia da transmissão de ${name}`,
  },
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: {
    channelHeld: (channel, reason) => `O Fanfare não consegue publicar em ${channel} (${reason}): os fios das partidas e os cartões de transmissões esperam, nada se perde; convide o @Fanfare, desarquive o canal ou escolha outro na página inicial do Fanfare.`,
    authHeld: (reason) => `O Slack recusa o token do Fanfare (${reason}): todas as publicações esperam, nada se perde; reinstale o Fanfare ou configure um SLACK_BOT_TOKEN válido.`,
  },
  // ---- end of issue 8: admin notices ----
  // ---- issue 9: competitions ----
  competitions: {
    header: 'Competições',
    none: (admin) => (admin ? 'Nenhuma competição seguida ainda: adicione uma abaixo.' : 'Nenhuma competição seguida ainda: um admin do workspace pode adicionar uma aqui.'),
    liveNow: (count) => `🟢 ${count} ao vivo`,
    nextMatch: (date) => `próximo jogo ${date}`,
    noMatchSoon: 'nenhum jogo nos próximos dias',
    notChecked: 'verificando…',
    failing: (provider, since) => `⚠️ ${provider} não está respondendo (desde ${since}); os fios voltam assim que responder`,
    teamsFailing: (provider) => `⚠️ Não dá para listar os times agora: ${provider} não está respondendo. Tente mais tarde.`,
    teamsLoading: 'As listas de times estão chegando: abra esta aba de novo em um minuto.',
    teamsNoCompetition: 'Você poderá seguir times assim que um admin adicionar uma competição.',
    adminHeader: 'Competições seguidas',
    everyMatch: 'Todos os jogos',
    followedTeams: 'Só times seguidos',
    substitutions: 'Substituições',
    goalsInChannel: 'Gols também no canal',
    defaultChannel: 'Canal dos jogos (padrão)',
    remove: 'Remover',
    removeConfirm: { title: 'Remover competição?', text: (name) => `O Fanfare deixa de seguir ${name}. Os fios já publicados ficam.`, confirm: 'Remover', deny: 'Manter' },
    add: 'Adicionar competição',
    addPlaceholder: 'Buscar: Premier League, Copa do Mundo…',
    season: (name) => `temporada ${name}`,
    helpArg: 'competição',
    helpList: 'as competições seguidas e o próximo jogo de cada uma',
    helpAdd: 'seguir uma competição, por nome ou provedor:id (admins)',
    helpRemove: 'deixar de seguir uma competição (admins)',
    listTitle: 'Competições seguidas',
    added: (name, channel, scope) => `✅ Agora seguindo ${name}: fios em ${channel} (${scope}). Dá para mudar na App Home do Fanfare.`,
    alreadyFollowed: (name) => `${name} já é seguida.`,
    removed: (name) => `O Fanfare não segue mais ${name}.`,
    notFollowed: (query) => `Nenhuma competição seguida se chama “${query}”.`,
    notFound: (query) => `Nenhuma competição encontrada para “${query}”. Tente um nome (Premier League) ou provedor:id (espn:eng.1, fifa:17).`,
    didYouMean: (list) => `Você quis dizer ${list}?`,
    noChannel: 'o canal dos jogos (ainda não escolhido)',
  },
  // ---- end of issue 9: competitions ----
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: {
    openThread: 'Abrir o fio da partida',
    levels: { off: 'Desligado', goals: 'Gols e resultados', cards: 'Mais cartões e pênaltis', everything: 'Tudo' },
    dmLevelSet: (level) => `Mensagens diretas: ${level}.`,
    smsLevelSet: (level) => `Mensagens de texto: ${level}.`,
    smsNotSubscribed: 'Você ainda não cadastrou um número para SMS: adicione um na página inicial do Fanfare.',
    levelUsage: (command) => `Uso: \`/fanfare ${command} off|goals|cards|all\` ou \`/fanfare ${command} streamers on|off\``,
    helpDm: 'escolha quais alertas chegam por mensagem direta',
    helpSms: 'escolha quais alertas chegam por SMS',
    homeHeader: 'Mensagens diretas',
    streamsOn: 'Streamers por DM: ligado',
    streamsOff: 'Streamers por DM: desligado',
    helpDmStreams: 'ligue ou desligue os avisos de streamers entrando ou saindo do ar por mensagem direta',
    helpSmsStreams: 'ligue ou desligue os avisos de streamers entrando ou saindo do ar por SMS',
    smsStreamsOn: 'Streamers por SMS: ligado',
    smsStreamsOff: 'Streamers por SMS: desligado',
    smsOffSet: 'Mensagens de texto: desligadas. Seu número continua guardado, então escolher um nível de novo não exige outro código; `/fanfare stop` o apaga.',
    smsOffHome: (phone) => `SMS desligados: nada é enviado para ${phone}, e o número continua guardado. Escolha um nível abaixo para voltar a receber; \`/fanfare stop\` apaga o número.`,
    statusSmsOff: (phone) => `SMS: desligado, seu número ${phone} continua guardado (\`/fanfare stop\` o apaga)`,
  },
  // ---- issue 10: language (one block, to ease merges) ----
  language: {
    name: 'Português (Brasil)',
    slackLanguage: 'Idioma do Slack',
    homeLabel: 'Idioma',
    chosen: 'O Fanfare agora vai escrever para você em português.',
    auto: 'O Fanfare agora vai escrever para você no idioma do seu Slack.',
    usage: 'Uso: `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`',
    help: 'escolha o idioma em que o Fanfare escreve para você (auto: o idioma do seu Slack)',
  },
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: {
    digestTitle: '🌙 Enquanto o seu horário de silêncio estava ativo',
    digestSms: 'Silencio:',
    reminder: (teams, minutes, time, day, zone) => `⏰ ${teams} começa em ${minutes === 60 ? 'uma hora' : `${minutes} minutos`}: ${day}, ${time} (${zone})`,
    quietSet: (window) => `Horário de silêncio: ${window}, no seu fuso horário. Os resultados desse período chegam numa só mensagem no fim.`,
    quietOff: 'Horário de silêncio: desligado.',
    quietUsage: 'Uso: `/fanfare quiet 23:00-07:00` ou `/fanfare quiet off`',
    remindSet: (minutes) => `Lembretes: ${minutes} minutos antes de cada jogo dos seus times.`,
    remindOff: 'Lembretes: desligados.',
    remindUsage: 'Uso: `/fanfare remind off|15|60`',
    helpQuiet: 'nenhum alerta nesse horário (seu fuso); um resumo no fim',
    helpRemind: 'uma DM 15 ou 60 minutos antes de cada jogo dos seus times',
    homeQuiet: 'Horário de silêncio',
    homeQuietNone: 'Sem horário de silêncio: os alertas chegam a qualquer hora.',
    homeQuietOff: 'Sem silêncio',
    homeRemind: 'Lembrete antes do jogo',
    remindOptions: { off: 'Desligado', '15': '15 minutos antes', '60': '1 hora antes' },
  },
};
