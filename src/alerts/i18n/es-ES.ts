/** Castilian Spanish, in the words of a Spanish match broadcast ("penaltis", "prórroga", "en propia puerta"). */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `en el minuto ${minute}` : null);

// --- issue 8: SMS limits (SPEC S6) ---
/** How long until a code can be asked for again; beyond an hour and a half, in hours. */
const esWait = (m: number): string => (m > 90 ? `${Math.ceil(m / 60)} horas` : m === 1 ? '1 minuto' : `${m} minutos`);
// --- end issue 8: SMS limits ---

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
    extraTimeTag: 'tras la prórroga',
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
  members: {
    home: {
      teamsHeader: 'Tus equipos',
      noTeams: 'Aún no sigues a ningún equipo.',
      followingTeams: (n) => (n === 1 ? 'Sigues a 1 equipo:' : `Sigues a ${n} equipos:`),
      follow: 'Seguir a un equipo',
      followPlaceholder: 'Elige un equipo',
      searchPlaceholder: 'Escribe el nombre de un equipo',
      followedAll: 'Sigues a todos los equipos de la competición.',
      unfollow: 'Dejar de seguir',
      unfollowPick: 'Dejar de seguir a un equipo',
      unfollowPlaceholder: 'Elige un equipo',
      matchesHeader: 'Próximos partidos',
      noMatches: 'No hay partidos próximos de tus equipos.',
      noMatchesNoTeams: 'Sigue a un equipo para ver aquí sus próximos partidos.',
      streamersHeader: 'Streamers de Twitch',
      noStreamers: 'Aún no sigues a ningún streamer.',
      followingStreamers: (n) => (n === 1 ? 'Sigues a 1 streamer:' : `Sigues a ${n} streamers:`),
      addStreamer: 'Añadir streamer',
      remove: 'Quitar',
      removePick: 'Dejar de seguir a un streamer',
      removePlaceholder: 'Elige un streamer',
      twitchOff: 'Twitch no está configurado en este espacio de trabajo, así que no hay avisos de directos.',
      smsHeader: 'Avisos por SMS',
      smsOff: 'Los avisos por SMS no están configurados en este espacio de trabajo.',
      smsPitch: 'Recibe un SMS por cada aviso sobre los equipos y streamers que sigues.',
      subscribe: 'Suscribirse',
      smsActive: (phone) => `Los avisos se envían por SMS al ${phone}.`,
      smsWaiting: (phone) => `Esperando el código que enviamos por SMS al ${phone}.`,
      enterCode: 'Introducir código',
      smsOptedOut: (phone) =>
        `Respondiste STOP, así que no se envía nada al ${phone}. Para volver a recibir SMS, envía START al número del que llegaban los avisos y pulsa Reanudar.`,
      smsFailed: (phone, reason) =>
        `No se pudieron entregar los SMS al ${phone}${reason ? ` (${reason})` : ''}. Indica otro número.`,
      changeNumber: 'Cambiar número',
      stopSms: 'Parar SMS',
      resume: 'Reanudar',
      stopConfirm: {
        title: '¿Parar los avisos por SMS?',
        text: 'Fanfare olvidará tu número y no te enviará más SMS.',
        confirm: 'Parar SMS',
        deny: 'Mantenerlos',
      },
      alertLevelLabel: 'Qué llega por SMS',
      adminHeader: 'Ajustes del espacio de trabajo',
      adminChannel: 'Canal para los hilos de partidos y las tarjetas de directos',
      channelPlaceholder: 'Elige un canal',
      channelUnset: 'Aún no hay canal: los hilos de partidos empiezan en cuanto elijas uno.',
      adminStreamsChannel: 'Canal para las tarjetas de directos',
      streamsChannelUnset: 'Las tarjetas de directos van al canal de partidos hasta que elijas uno.',
    },
    modals: {
      subscribeTitle: 'Avisos por SMS',
      numberIntro: 'Fanfare te envía por SMS un aviso de todo lo que sigues. Primero, un código comprueba que el número es tuyo.',
      numberLabel: 'Número de móvil',
      numberHint: (example, country) =>
        country ? `Por ejemplo ${example}, o un número nacional de ${country}` : `Por ejemplo ${example}, con el prefijo del país`,
      sendCode: 'Enviar código',
      cancel: 'Cancelar',
      checking: 'Comprobando tu número…',
      codeSent: (phone) => `Te enviamos un código por SMS al ${phone}.`,
      codeLabel: 'Código',
      codeHint: 'Escribe el código del SMS.',
      confirm: 'Confirmar',
      subscribed: (phone) =>
        `¡Listo! Los avisos de lo que sigues llegan ahora al ${phone}. Responde STOP a cualquiera de ellos para pararlos.`,
      done: 'Hecho',
      problemTitle: 'Fanfare',
      close: 'Cerrar',
      streamerTitle: 'Añadir un streamer',
      streamerIntro: 'Recibirás un aviso cuando empiece su directo.',
      loginLabel: 'Usuario de Twitch',
      loginHint: 'El nombre en la dirección de su canal: twitch.tv/nombre',
      add: 'Añadir',
    },
    messages: {
      helpIntro: 'Esto es lo que puedo hacer:',
      helpArgs: { team: 'equipo', login: 'usuario', number: 'número' },
      helpCommands: {
        help: 'esta lista',
        follow: 'seguir los partidos de un equipo',
        unfollow: 'dejar de seguir a un equipo',
        streamerAdd: 'recibir avisos cuando un streamer de Twitch empiece un directo',
        streamerRemove: 'dejar de seguir a un streamer',
        subscribe: 'recibir tus avisos por SMS',
        status: 'qué sigues y adónde van tus avisos',
        stop: 'parar los avisos por SMS',
      },
      statusTitle: 'Tu Fanfare',
      statusTeams: (list) => `Equipos: ${list}`,
      statusNoTeams: 'Equipos: ninguno todavía',
      statusStreamers: (list) => `Streamers: ${list}`,
      statusNoStreamers: 'Streamers: ninguno todavía',
      statusSmsActive: (phone, level) => `SMS: al ${phone} (${level})`,
      statusSmsOptedOut: (phone) => `SMS: en pausa, respondiste STOP desde el ${phone}`,
      statusSmsFailed: (phone) => `SMS: no se pudieron entregar al ${phone}`,
      statusSmsNone: 'SMS: desactivados',
      followed: (team) => `Ahora sigues a ${team}.`,
      unfollowed: (team) => `Ya no sigues a ${team}.`,
      noTeam: (query) => `Ningún equipo coincide con «${query}».`,
      didYouMean: (list) => `¿Quisiste decir ${list}?`,
      subscribePrompt: 'Para recibir tus avisos por SMS, confirma tu número: Fanfare te envía un código para que lo escribas.',
      subscribeButton: 'Suscribirse por SMS',
      smsStopped: 'Los avisos por SMS están desactivados y Fanfare ha olvidado tu número.',
      smsNotSubscribed: 'No tienes avisos por SMS.',
      streamerAdded: (name) => `Ahora sigues a ${name} en Twitch.`,
      streamerRemoved: (name) => `Ya no sigues a ${name}.`,
      notAllowed: 'Solo los administradores del espacio de trabajo pueden cambiar esto.',
      error: 'Algo ha fallado por nuestra parte; inténtalo de nuevo.',
      channelJoin: (channel) => `No puedo publicar en ${channel}. Invita a @Fanfare al canal.`,
      smsPaused: (reason) => `Los avisos por SMS están en pausa: Twilio rechazó la configuración de Fanfare (${reason}). No se pierde nada: los avisos esperan y saldrán cuando se corrija la configuración de Twilio y se reinicie Fanfare (también lo reintenta cada minuto).`,
      numberRejected: (phone, reason) =>
        `No se pudieron entregar los SMS al ${phone}${reason ? ` (${reason})` : ''}, así que tus avisos por SMS están en pausa. Indica otro número en la App Home de Fanfare.`,
    },
    errors: {
      unparsable: 'Eso no parece un número de teléfono. Incluye el prefijo del país, por ejemplo +34 612 34 56 78.',
      landline: 'Es un número fijo; los avisos por SMS necesitan un móvil.',
      notMobile: 'Ese número no puede recibir SMS; usa un número de móvil.',
      voip: 'Los números de telefonía por internet no reciben avisos; usa un número de móvil.',
      invalidNumber: 'Ese número no existe. Compruébalo.',
      wrongCode: (n) =>
        n <= 0 ? 'Código incorrecto.' : `Código incorrecto. ${n === 1 ? 'Queda 1 intento' : `Quedan ${n} intentos`}.`,
      tooManyAttempts: 'Demasiados códigos incorrectos. Vuelve a empezar más tarde.',
      expired: 'Ese código ha caducado. Vuelve a empezar para recibir otro.',
      // --- issue 8: SMS limits (SPEC S6) ---
      tooManyCodes: (m) => `Has pedido demasiados códigos. Vuelve a intentarlo dentro de ${esWait(m)}.`,
      numberTooManyCodes: (m) => `Ese número ya ha recibido demasiados códigos. Vuelve a intentarlo dentro de ${esWait(m)}.`,
      countryNotAllowed: (countries) => `Las alertas por SMS solo son para números de: ${countries}.`,
      // --- end issue 8: SMS limits ---
      blocked: 'No podemos enviar SMS a ese número.',
      unavailable: 'La verificación por SMS no está disponible ahora. Inténtalo de nuevo en unos minutos.',
      unknownStreamer: (login) => `No hay ningún streamer de Twitch llamado ${login}.`,
      // --- issue 8: streamer cap (SPEC T8) ---
      tooManyStreamers: (max) => `Ya sigues a ${max} streamers, el máximo que permite Fanfare. Quita uno antes, en la App Home o con /fanfare streamer remove.`,
      // --- end issue 8: streamer cap ---
      invalidLogin: 'Un usuario de Twitch tiene de 4 a 25 letras, números o guiones bajos.',
    },
    alertLevels: {
      off: 'Desactivados (se guarda tu número)',
      goals: 'Solo goles y resultados',
      cards: 'Goles, resultados, tarjetas y penaltis',
      everything: 'Todo',
    },
  },
  sms: {
    code: (code, minutes = 10) => `Tu codigo de Fanfare es ${code}. Caduca en ${minutes} minutos.`,
    welcome: () => 'Fanfare: recibiras avisos de lo que sigues. Responde STOP para dejar de recibirlos.',
    // GSM-7 has ñ, é, ¡ and ¿ but not á, í, ó or ú: "prorroga", "mas".
    match: {
      score: (h, a) => `${h}-${a}`,
      versus: 'vs',
      withPenalties: (line, h, a) => `${line} (pen. ${h}-${a})`,
      extraTimeTag: 'tras la prorroga',
      unknownPlayer: 'desconocido',
      labelled: (label, text) => `${label}: ${text}`,
      withScore: (event, line) => `${event}. ${line}`,

      goalMethod: { 'open-play': null, penalty: '(pen.)', 'free-kick': '(falta)', 'own-goal': '(p.p.)' },
      goal: (team, scorer, line) => words(team ? `¡GOL de ${team}!` : '¡GOL!', scorer, line),
      penaltyAwarded: (team, minute) => words(team ? `Penalti a favor de ${team}` : 'Penalti', minute),
      penaltyMissed: (outcome, who) =>
        `${{ missed: 'Penalti fallado', saved: 'Penalti parado', woodwork: 'Penalti al palo' }[outcome]}: ${who}`,
      card: (card, who) =>
        `${{ yellow: 'Tarjeta amarilla', red: 'Tarjeta roja', 'second-yellow': 'Segunda amarilla' }[card]}: ${who}`,
      substitution: (abbr, minute, on, off) => `${words('Cambio', abbr, minute)}: entra ${on}, sale ${off}`,
      periodStart: {
        'first-half': 'Comienza el partido',
        'second-half': 'Segunda parte',
        'extra-time-first-half': 'Prorroga',
        'extra-time-second-half': 'Prorroga, 2a parte',
        shootout: 'Tanda de penaltis',
      },
      periodEnd: (period, finalWhistle) => {
        switch (period) {
          case 'first-half':
            return 'Descanso';
          case 'second-half':
            return finalWhistle ? 'Final' : 'Fin del tiempo reglamentario';
          case 'extra-time-first-half':
            return 'Descanso de la prorroga';
          case 'extra-time-second-half':
            return finalWhistle ? 'Final tras la prorroga' : 'Fin de la prorroga';
          case 'shootout':
            return 'Fin de la tanda de penaltis';
        }
      },
      shootoutTally: (line) => `Penaltis ${line}`,
      shootoutKick: (result, who) =>
        ({ scored: `${who} marca`, missed: `${who} falla`, saved: `le paran el penalti a ${who}`, woodwork: `${who} tira al palo` })[
          result
        ],
      result: ({ winner, extraTime, penalties }) => {
        if (!winner) return penalties ? `Decidido en los penaltis (${penalties})` : 'Empate';
        if (penalties) return `${winner} gana ${penalties} en los penaltis`;
        return extraTime ? `${winner} gana en la prorroga` : `Gana ${winner}`;
      },
      matchEnd: ({ winner, penalties, line }) => {
        if (penalties)
          return `${winner ? `${winner} gana ${penalties} en los penaltis` : `Decidido en los penaltis (${penalties})`}. ${line}`;
        if (!winner) return `Final: ${line} (empate)`;
        return `Final: ${line}`;
      },
      catchUp: (line, minute, list) => `${words('En directo', line, minute)}${list ? `: ${list}` : ''}`,

      correctionGoal: (who) => `VAR: anulado el gol de ${who}`,
      correctionPenalty: (team, minute) => `VAR: anulado ${words(team ? `el penalti a favor de ${team}` : 'el penalti', minute)}`,
      correctionCard: (card, who) =>
        `VAR: retirada la ${{ yellow: 'tarjeta amarilla', red: 'tarjeta roja', 'second-yellow': 'segunda amarilla' }[card]} a ${who}`,
      correctionOther: (minute) => `Correccion: ${words('jugada', minute)} retirada`,

      goalItem: (scorer) => `GOL ${scorer}`,
      cardItem: (card, who) => `${{ yellow: 'Amarilla', red: 'Roja', 'second-yellow': '2a amarilla' }[card]} ${who}`,
      more: (n) => `+${n} mas`,
    },
    stream: {
      live: (name, title, link) => (title ? `${name} en directo: ${title} ${link}` : `${name} en directo en ${link}`),
      offline: (name, duration) => (duration ? `Fin del directo de ${name} tras ${duration}` : `Fin del directo de ${name}`),
    },
  },
  stream: {
    live: 'EN DIRECTO',
    ended: (duration) => (duration ? `Terminado · ${duration}` : 'Terminado'),
    untitled: 'Directo sin título',
    viewers: (count, plural) => `${count} ${plural === 'one' ? 'espectador' : 'espectadores'}`,
    started: (time) => `Empezó a las ${time}`,
    timeUtc: (time) => `${time} UTC`,
    endedAfter: (duration) => (duration ? `Directo terminado tras ${duration}` : 'Directo terminado'),
    isLive: (name, title) => `${name} está en directo: ${title}`,
    wasLive: (name, duration) => (duration ? `${name} estuvo en directo ${duration}` : `${name} ya no está en directo`),
    duration: (h, m) => (h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`),
    thumbnailAlt: (name) => `Vista previa del directo de ${name}`,
  },
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: {
    channelHeld: (channel, reason) => `Fanfare no puede publicar en ${channel} (${reason}): los hilos de los partidos y las tarjetas de directos esperan, no se pierde nada; invita a @Fanfare, desarchiva el canal o elige otro en la pestaña Inicio de Fanfare.`,
    authHeld: (reason) => `Slack rechaza el token de Fanfare (${reason}): todas las publicaciones esperan, no se pierde nada; reinstala Fanfare o configura un SLACK_BOT_TOKEN válido.`,
  },
  // ---- end of issue 8: admin notices ----
  // ---- issue 9: competitions ----
  competitions: {
    header: 'Competiciones',
    none: (admin) => (admin ? 'Aún no se sigue ninguna competición: añade una abajo.' : 'Aún no se sigue ninguna competición: un admin del espacio puede añadir una aquí.'),
    liveNow: (count) => `🟢 ${count} en directo`,
    nextMatch: (date) => `próximo partido ${date}`,
    noMatchSoon: 'ningún partido en los próximos días',
    notChecked: 'comprobando…',
    failing: (provider, since) => `⚠️ ${provider} no responde (desde ${since}); los hilos vuelven en cuanto responda`,
    teamsFailing: (provider) => `⚠️ Ahora no se pueden listar los equipos: ${provider} no responde. Inténtalo más tarde.`,
    teamsLoading: 'Las listas de equipos están en camino: vuelve a abrir esta pestaña en un minuto.',
    teamsNoCompetition: 'Podrás seguir equipos en cuanto un admin añada una competición.',
    adminHeader: 'Competiciones seguidas',
    everyMatch: 'Todos los partidos',
    followedTeams: 'Solo equipos seguidos',
    substitutions: 'Cambios',
    goalsInChannel: 'Goles también en el canal',
    defaultChannel: 'Canal de partidos (por defecto)',
    remove: 'Quitar',
    removeConfirm: { title: '¿Quitar la competición?', text: (name) => `Fanfare deja de seguir ${name}. Los hilos ya publicados se quedan.`, confirm: 'Quitar', deny: 'Mantener' },
    add: 'Añadir una competición',
    addPlaceholder: 'Buscar: Premier League, Mundial…',
    season: (name) => `temporada ${name}`,
    helpArg: 'competición',
    helpList: 'las competiciones seguidas y su próximo partido',
    helpAdd: 'seguir una competición, por nombre o proveedor:id (admins)',
    helpRemove: 'dejar de seguir una competición (admins)',
    listTitle: 'Competiciones seguidas',
    added: (name, channel, scope) => `✅ Ahora se sigue ${name}: hilos en ${channel} (${scope}). Puedes cambiarlo en la App Home de Fanfare.`,
    alreadyFollowed: (name) => `${name} ya se sigue.`,
    removed: (name) => `Fanfare ya no sigue ${name}.`,
    notFollowed: (query) => `Ninguna competición seguida se llama «${query}».`,
    notFound: (query) => `No se encontró ninguna competición para «${query}». Prueba un nombre (Premier League) o proveedor:id (espn:eng.1, fifa:17).`,
    didYouMean: (list) => `¿Quisiste decir ${list}?`,
    noChannel: 'el canal de partidos (aún sin elegir)',
  },
  // ---- end of issue 9: competitions ----
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: {
    openThread: 'Abrir el hilo del partido',
    levels: { off: 'Desactivados', goals: 'Goles y resultados', cards: 'Más tarjetas y penaltis', everything: 'Todo' },
    dmLevelSet: (level) => `Mensajes directos: ${level}.`,
    smsLevelSet: (level) => `SMS: ${level}.`,
    smsNotSubscribed: 'Aún no has suscrito ningún número a los SMS: añade uno en la página de inicio de Fanfare.',
    levelUsage: (command) => `Uso: \`/fanfare ${command} off|goals|cards|all\` o \`/fanfare ${command} streamers on|off\``,
    helpDm: 'elige qué alertas llegan por mensaje directo',
    helpSms: 'elige qué alertas llegan por SMS',
    homeHeader: 'Mensajes directos',
    streamsOn: 'Streamers por mensaje: sí',
    streamsOff: 'Streamers por mensaje: no',
    helpDmStreams: 'activa o desactiva por mensaje directo los avisos de cuando un streamer empieza o termina su directo',
    helpSmsStreams: 'activa o desactiva por SMS los avisos de cuando un streamer empieza o termina su directo',
    smsStreamsOn: 'Streamers por SMS: sí',
    smsStreamsOff: 'Streamers por SMS: no',
    smsOffSet: 'SMS: desactivados. Tu número sigue guardado, así que volver a elegir un nivel no requiere otro código; `/fanfare stop` lo borra.',
    smsOffHome: (phone) => `SMS desactivados: no se envía nada al ${phone}, y el número sigue guardado. Elige un nivel abajo para volver a recibirlos; \`/fanfare stop\` borra el número.`,
    statusSmsOff: (phone) => `SMS: desactivados, tu número ${phone} sigue guardado (\`/fanfare stop\` lo borra)`,
  },
  // ---- issue 10: language (one block, to ease merges) ----
  language: {
    name: 'Español',
    slackLanguage: 'Idioma de Slack',
    homeLabel: 'Idioma',
    chosen: 'Fanfare te escribirá ahora en español.',
    auto: 'Fanfare te escribirá ahora en el idioma de tu Slack.',
    usage: 'Uso: `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`',
    help: 'elige el idioma en que Fanfare te escribe (auto: el idioma de tu Slack)',
  },
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: {
    digestTitle: '🌙 Mientras estaban activas tus horas de silencio',
    digestSms: 'Silencio:',
    reminder: (teams, minutes, time, day, zone) => `⏰ ${teams} empieza en ${minutes === 60 ? 'una hora' : `${minutes} minutos`}: ${day}, ${time} (${zone})`,
    quietSet: (window) => `Horas de silencio: ${window}, en tu zona horaria. Los resultados de ese rato llegan en un solo mensaje al terminar.`,
    quietOff: 'Horas de silencio: desactivadas.',
    quietUsage: 'Uso: `/fanfare quiet 23:00-07:00` o `/fanfare quiet off`',
    remindSet: (minutes) => `Recordatorios: ${minutes} minutos antes de cada partido de tus equipos.`,
    remindOff: 'Recordatorios: desactivados.',
    remindUsage: 'Uso: `/fanfare remind off|15|60`',
    helpQuiet: 'ninguna alerta en esas horas (tu zona horaria); un resumen después',
    helpRemind: 'un DM 15 o 60 minutos antes de cada partido de tus equipos',
    homeQuiet: 'Horas de silencio',
    homeQuietNone: 'Sin horas de silencio: las alertas llegan a cualquier hora.',
    homeQuietOff: 'Sin silencio',
    homeRemind: 'Recordatorio antes del partido',
    remindOptions: { off: 'Desactivado', '15': '15 minutos antes', '60': '1 hora antes' },
  },
};
