/**
 * German, in the words of a German match report: scores with a colon ("2:1"), "i. E." for a shoot-out. Countries
 * that take an article keep it ("Elfmeter für die Schweiz", "Die Niederlande gewinnen"): see team-articles.ts.
 */
import { type Catalogue, words } from './catalogue.js';
import { germanTeam } from './team-articles.js';

/** "Argentinien gewinnt", "Die Schweiz gewinnt", "Die Niederlande gewinnen". */
function wins(team: string): string {
  const t = germanTeam(team);
  return `${t.Nom} ${t.plural ? 'gewinnen' : 'gewinnt'}`;
}

/** "für Argentinien", "für die Schweiz", "für den Irak". */
const fuer = (team: string): string => `für ${germanTeam(team).acc}`;

const at = (minute: string | null): string | null => (minute ? `in Minute ${minute}` : null);

// --- issue 8: SMS limits (SPEC S6) ---
/** How long until a code can be asked for again; beyond an hour and a half, in hours. */
const deWait = (m: number): string => (m > 90 ? `${Math.ceil(m / 60)} Stunden` : m === 1 ? 'einer Minute' : `${m} Minuten`);
// --- end issue 8: SMS limits ---

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
    extraTimeTag: 'n. V.',
    wonOnPenalties: (team, score) =>
      team ? `${wins(team)} ${score} im Elfmeterschießen` : `Entschieden im Elfmeterschießen (${score})`,
    kickoff: (date) => `Anstoß ${date}`,

    goal: 'TOR!',
    goalMethod: { 'open-play': null, penalty: '(Elfmeter)', 'free-kick': '(Freistoß)', 'own-goal': '(Eigentor)' },
    penaltyAwarded: (team) => (team ? `Elfmeter ${fuer(team)}` : 'Elfmeter'),
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
      if (penalties) return `${wins(winner)} ${penalties} im Elfmeterschießen`;
      return extraTime ? `${wins(winner)} nach Verlängerung` : wins(winner);
    },
    catchUp: 'Zwischenstand',

    correctionGoal: (who, minute) =>
      `Korrektur: ${words('Das Tor von', who, at(minute))} wurde nach Videobeweis aberkannt`,
    correctionPenalty: (team, minute) =>
      `Korrektur: ${words('Der Elfmeter', team && fuer(team), at(minute))} wurde zurückgenommen`,
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
  members: {
    home: {
      teamsHeader: 'Deine Teams',
      noTeams: 'Du folgst noch keinem Team.',
      followingTeams: (n) => (n === 1 ? 'Du folgst 1 Team:' : `Du folgst ${n} Teams:`),
      follow: 'Einem Team folgen',
      followPlaceholder: 'Team auswählen',
      searchPlaceholder: 'Teamnamen eingeben',
      followedAll: 'Du folgst allen Teams des Wettbewerbs.',
      unfollow: 'Entfolgen',
      unfollowPick: 'Einem Team nicht mehr folgen',
      unfollowPlaceholder: 'Team auswählen',
      matchesHeader: 'Nächste Spiele',
      noMatches: 'Keine anstehenden Spiele deiner Teams.',
      noMatchesNoTeams: 'Folge einem Team, um hier seine nächsten Spiele zu sehen.',
      streamersHeader: 'Twitch-Streamer',
      noStreamers: 'Du folgst noch keinem Streamer.',
      followingStreamers: (n) => (n === 1 ? 'Du folgst 1 Streamer:' : `Du folgst ${n} Streamern:`),
      addStreamer: 'Streamer hinzufügen',
      remove: 'Entfernen',
      removePick: 'Einem Streamer nicht mehr folgen',
      removePlaceholder: 'Streamer auswählen',
      twitchOff: 'Twitch ist in diesem Workspace nicht eingerichtet, daher gibt es keine Stream-Benachrichtigungen.',
      smsHeader: 'SMS-Benachrichtigungen',
      smsOff: 'SMS-Benachrichtigungen sind in diesem Workspace nicht eingerichtet.',
      smsPitch: 'Erhalte eine SMS zu jeder Benachrichtigung über die Teams und Streamer, denen du folgst.',
      subscribe: 'Abonnieren',
      smsActive: (phone) => `Benachrichtigungen gehen per SMS an ${phone}.`,
      smsWaiting: (phone) => `Wir warten auf den Code, den wir per SMS an ${phone} geschickt haben.`,
      enterCode: 'Code eingeben',
      smsOptedOut: (phone) =>
        `Du hast mit STOP geantwortet, daher geht nichts mehr an ${phone}. Um wieder SMS zu erhalten, schicke START an die Nummer, von der die Benachrichtigungen kamen, und klicke dann auf Fortsetzen.`,
      smsFailed: (phone, reason) =>
        `SMS an ${phone} konnten nicht zugestellt werden${reason ? ` (${reason})` : ''}. Bitte gib eine andere Nummer an.`,
      changeNumber: 'Nummer ändern',
      stopSms: 'SMS beenden',
      resume: 'Fortsetzen',
      stopConfirm: {
        title: 'SMS-Benachrichtigungen beenden?',
        text: 'Fanfare vergisst deine Nummer und schickt dir keine SMS mehr.',
        confirm: 'SMS beenden',
        deny: 'Behalten',
      },
      alertLevelLabel: 'Was per SMS kommt',
      adminHeader: 'Workspace-Einstellungen',
      adminChannel: 'Kanal für Spiel-Threads und Stream-Karten',
      channelPlaceholder: 'Kanal auswählen',
      channelUnset: 'Noch kein Kanal: Spiel-Threads beginnen, sobald du einen auswählst.',
      adminStreamsChannel: 'Kanal für Stream-Karten',
      streamsChannelUnset: 'Stream-Karten gehen in den Spielkanal, bis du einen auswählst.',
    },
    modals: {
      subscribeTitle: 'SMS-Benachrichtigungen',
      numberIntro: 'Fanfare schickt dir zu allem, dem du folgst, eine SMS. Zuerst bestätigt ein Code, dass die Nummer dir gehört.',
      numberLabel: 'Handynummer',
      numberHint: (example, country) =>
        country ? `Zum Beispiel ${example} oder eine nationale Nummer (${country})` : `Zum Beispiel ${example}, mit Ländervorwahl`,
      sendCode: 'Code senden',
      cancel: 'Abbrechen',
      checking: 'Deine Nummer wird geprüft…',
      codeSent: (phone) => `Wir haben einen Code per SMS an ${phone} geschickt.`,
      codeLabel: 'Code',
      codeHint: 'Gib den Code aus der SMS ein.',
      confirm: 'Bestätigen',
      subscribed: (phone) =>
        `Fertig! Benachrichtigungen zu allem, dem du folgst, gehen jetzt an ${phone}. Antworte auf eine davon mit STOP, um sie zu beenden.`,
      done: 'Fertig',
      problemTitle: 'Fanfare',
      close: 'Schließen',
      streamerTitle: 'Streamer hinzufügen',
      streamerIntro: 'Du wirst benachrichtigt, sobald der Stream beginnt.',
      loginLabel: 'Twitch-Login',
      loginHint: 'Der Name in der Adresse des Kanals: twitch.tv/name',
      add: 'Hinzufügen',
    },
    messages: {
      helpIntro: 'Das kann ich für dich tun:',
      helpArgs: { team: 'Team', login: 'Login', number: 'Nummer' },
      helpCommands: {
        help: 'diese Liste',
        follow: 'den Spielen eines Teams folgen',
        unfollow: 'einem Team nicht mehr folgen',
        streamerAdd: 'benachrichtigt werden, wenn ein Twitch-Streamer live geht',
        streamerRemove: 'einem Streamer nicht mehr folgen',
        subscribe: 'deine Benachrichtigungen per SMS erhalten',
        status: 'wem du folgst und wohin deine Benachrichtigungen gehen',
        stop: 'SMS-Benachrichtigungen beenden',
      },
      statusTitle: 'Dein Fanfare',
      statusTeams: (list) => `Teams: ${list}`,
      statusNoTeams: 'Teams: noch keine',
      statusStreamers: (list) => `Streamer: ${list}`,
      statusNoStreamers: 'Streamer: noch keine',
      statusSmsActive: (phone, level) => `SMS: an ${phone} (${level})`,
      statusSmsOptedOut: (phone) => `SMS: pausiert, du hast von ${phone} mit STOP geantwortet`,
      statusSmsFailed: (phone) => `SMS: an ${phone} nicht zustellbar`,
      statusSmsNone: 'SMS: aus',
      followed: (team) => `Du folgst jetzt: ${team}.`,
      unfollowed: (team) => `Du folgst nicht mehr: ${team}.`,
      noTeam: (query) => `Kein Team passt zu „${query}“.`,
      didYouMean: (list) => `Meintest du ${list}?`,
      subscribePrompt: 'Um deine Benachrichtigungen per SMS zu erhalten, bestätige deine Nummer: Fanfare schickt dir einen Code zum Eingeben.',
      subscribeButton: 'Per SMS abonnieren',
      smsStopped: 'SMS-Benachrichtigungen sind aus und Fanfare hat deine Nummer vergessen.',
      smsNotSubscribed: 'Du hast keine SMS-Benachrichtigungen.',
      streamerAdded: (name) => `Du folgst jetzt ${name} auf Twitch.`,
      streamerRemoved: (name) => `Du folgst ${name} nicht mehr.`,
      notAllowed: 'Nur Workspace-Admins können das ändern.',
      error: 'Bei uns ist etwas schiefgegangen; bitte versuche es noch einmal.',
      channelJoin: (channel) => `Ich kann nicht in ${channel} posten. Bitte lade @Fanfare in den Kanal ein.`,
      smsPaused: (reason) => `SMS-Benachrichtigungen sind pausiert: Twilio hat die Einstellungen von Fanfare abgelehnt (${reason}). Nichts geht verloren: Die Benachrichtigungen warten und gehen raus, sobald die Twilio-Einstellungen korrigiert sind und Fanfare neu gestartet wurde (es versucht es auch jede Minute erneut).`,
      numberRejected: (phone, reason) =>
        `SMS an ${phone} konnten nicht zugestellt werden${reason ? ` (${reason})` : ''}, daher sind deine SMS-Benachrichtigungen pausiert. Gib im App Home von Fanfare eine andere Nummer an.`,
    },
    errors: {
      unparsable: 'Das sieht nicht wie eine Telefonnummer aus. Gib die Ländervorwahl mit an, z. B. +49 1512 3456789.',
      landline: 'Das ist eine Festnetznummer; SMS-Benachrichtigungen brauchen eine Handynummer.',
      notMobile: 'Diese Nummer kann keine SMS empfangen; bitte nutze eine Handynummer.',
      voip: 'Internet-Telefonnummern können keine Benachrichtigungen empfangen; bitte nutze eine Handynummer.',
      invalidNumber: 'Diese Nummer gibt es nicht. Bitte prüfe sie.',
      wrongCode: (n) =>
        n <= 0 ? 'Der Code ist falsch.' : `Der Code ist falsch. ${n === 1 ? 'Noch 1 Versuch' : `Noch ${n} Versuche`}.`,
      tooManyAttempts: 'Zu viele falsche Codes. Bitte fang später noch einmal an.',
      expired: 'Dieser Code ist abgelaufen. Fang noch einmal an, um einen neuen zu erhalten.',
      // --- issue 8: SMS limits (SPEC S6) ---
      tooManyCodes: (m) => `Du hast zu viele Codes angefordert. Versuche es in ${deWait(m)} noch einmal.`,
      numberTooManyCodes: (m) => `An diese Nummer wurden zu viele Codes gesendet. Versuche es in ${deWait(m)} noch einmal.`,
      countryNotAllowed: (countries) => `SMS-Benachrichtigungen gibt es nur für Nummern aus: ${countries}.`,
      // --- end issue 8: SMS limits ---
      blocked: 'An diese Nummer können wir keine SMS schicken.',
      unavailable: 'Die SMS-Prüfung ist gerade nicht verfügbar. Bitte versuche es in ein paar Minuten noch einmal.',
      unknownStreamer: (login) => `Es gibt keinen Twitch-Streamer namens ${login}.`,
      // --- issue 8: streamer cap (SPEC T8) ---
      tooManyStreamers: (max) => `Du folgst bereits ${max} Streamern, mehr erlaubt Fanfare nicht. Entferne zuerst einen, im App Home oder mit /fanfare streamer remove.`,
      // --- end issue 8: streamer cap ---
      invalidLogin: 'Ein Twitch-Login hat 4 bis 25 Buchstaben, Ziffern oder Unterstriche.',
    },
    alertLevels: {
      off: 'Aus (deine Nummer bleibt gespeichert)',
      goals: 'Nur Tore und Ergebnisse',
      cards: 'Tore, Ergebnisse, Karten und Elfmeter',
      everything: 'Alles',
    },
  },
  sms: {
    code: (code, minutes = 10) => `Dein Fanfare-Code lautet ${code}. Er ist ${minutes} Minuten gültig.`,
    welcome: () => 'Fanfare: Du erhältst jetzt Benachrichtigungen zu allem, dem du folgst. Antworte STOP, um sie abzubestellen.',
    // ä, ö, ü and ß are all in GSM-7.
    match: {
      score: (h, a) => `${h}:${a}`,
      versus: '-',
      withPenalties: (line, h, a) => `${line} (i.E. ${h}:${a})`,
      extraTimeTag: 'n.V.',
      unknownPlayer: 'unbekannt',
      labelled: (label, text) => `${label}: ${text}`,
      withScore: (event, line) => `${event}. ${line}`,

      goalMethod: { 'open-play': null, penalty: '(Elfmeter)', 'free-kick': '(Freistoß)', 'own-goal': '(Eigentor)' },
      goal: (team, scorer, line) => words(team ? `TOR ${fuer(team)}!` : 'TOR!', scorer, line),
      penaltyAwarded: (team, minute) => words(team ? `Elfmeter ${fuer(team)}` : 'Elfmeter', minute),
      penaltyMissed: (outcome, who) =>
        `${{ missed: 'Elfmeter verschossen', saved: 'Elfmeter gehalten', woodwork: 'Elfmeter an den Pfosten' }[outcome]}: ${who}`,
      card: (card, who) => `${{ yellow: 'Gelbe Karte', red: 'Rote Karte', 'second-yellow': 'Gelb-Rot' }[card]}: ${who}`,
      substitution: (abbr, minute, on, off) => `${words('Wechsel', abbr, minute)}: ${on} für ${off}`,
      periodStart: {
        'first-half': 'Anpfiff',
        'second-half': '2. Halbzeit',
        'extra-time-first-half': 'Verlängerung',
        'extra-time-second-half': 'Verlängerung, 2. Hälfte',
        shootout: 'Elfmeterschießen',
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
            return finalWhistle ? 'Abpfiff nach Verlängerung' : 'Ende der Verlängerung';
          case 'shootout':
            return 'Ende des Elfmeterschießens';
        }
      },
      shootoutTally: (line) => `Elfmeter ${line}`,
      shootoutKick: (result, who) =>
        ({ scored: `${who} trifft`, missed: `${who} verschießt`, saved: `${who} scheitert am Torwart`, woodwork: `${who} trifft den Pfosten` })[
          result
        ],
      result: ({ winner, extraTime, penalties }) => {
        if (!winner) return penalties ? `Entschieden im Elfmeterschießen (${penalties})` : 'Unentschieden';
        if (penalties) return `${wins(winner)} ${penalties} i.E.`;
        return extraTime ? `${wins(winner)} n.V.` : wins(winner);
      },
      matchEnd: ({ winner, penalties, line }) => {
        if (penalties)
          return `${winner ? `${wins(winner)} im Elfmeterschießen ${penalties}` : `Entschieden im Elfmeterschießen (${penalties})`}. ${line}`;
        if (!winner) return `Endstand: ${line} (unentschieden)`;
        return `Endstand: ${line}`;
      },
      catchUp: (line, minute, list) => `${words('Live', line, minute)}${list ? `: ${list}` : ''}`,

      correctionGoal: (who) => `VAR: Tor von ${who} aberkannt`,
      correctionPenalty: (team, minute) => `VAR: ${words('Elfmeter', team && fuer(team), minute)} zurückgenommen`,
      correctionCard: (card, who) =>
        `VAR: ${{ yellow: 'Gelbe Karte', red: 'Rote Karte', 'second-yellow': 'Gelb-Rot' }[card]} für ${who} zurückgenommen`,
      correctionOther: (minute) => `Korrektur: ${words('Meldung', minute)} zurückgenommen`,

      goalItem: (scorer) => `TOR ${scorer}`,
      cardItem: (card, who) => `${{ yellow: 'Gelb', red: 'Rot', 'second-yellow': 'Gelb-Rot' }[card]} ${who}`,
      more: (n) => `+${n} weitere`,
    },
    stream: {
      live: (name, title, link) => (title ? `${name} ist live: ${title} ${link}` : `${name} ist live auf ${link}`),
      offline: (name, duration) => (duration ? `${name} ist nach ${duration} offline` : `${name} ist offline`),
    },
  },
  stream: {
    live: 'LIVE',
    ended: (duration) => (duration ? `Beendet · ${duration}` : 'Beendet'),
    untitled: 'Stream ohne Titel',
    viewers: (count) => `${count} Zuschauer`,
    started: (time) => `Gestartet um ${time}`,
    timeUtc: (time) => `${time} UTC`,
    endedAfter: (duration) => (duration ? `Stream nach ${duration} beendet` : 'Stream beendet'),
    isLive: (name, title) => `${name} ist live: ${title}`,
    wasLive: (name, duration) => (duration ? `${name} war ${duration} live` : `${name} ist offline`),
    duration: (h, m) => (h === 0 ? `${m} Min.` : m === 0 ? `${h} Std.` : `${h} Std. ${m} Min.`),
    thumbnailAlt: (name) => `Vorschau des Streams von ${name}`,
  },
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: {
    channelHeld: (channel, reason) => `Fanfare kann nicht in ${channel} posten (${reason}): Spiel-Threads und Stream-Karten warten, nichts geht verloren; lade @Fanfare ein, hole den Kanal aus dem Archiv oder wähle in der App-Startseite von Fanfare einen anderen.`,
    authHeld: (reason) => `Slack lehnt das Token von Fanfare ab (${reason}): Alle Beiträge warten, nichts geht verloren; installiere Fanfare neu oder trage ein gültiges SLACK_BOT_TOKEN ein.`,
  },
  // ---- end of issue 8: admin notices ----
  // ---- issue 9: competitions ----
  competitions: {
    header: 'Wettbewerbe',
    none: (admin) => (admin ? 'Noch kein Wettbewerb wird verfolgt: Füge unten einen hinzu.' : 'Noch kein Wettbewerb wird verfolgt: Ein Admin des Workspace kann hier einen hinzufügen.'),
    liveNow: (count) => `🟢 ${count} jetzt live`,
    nextMatch: (date) => `nächstes Spiel ${date}`,
    noMatchSoon: 'kein Spiel in den nächsten Tagen',
    notChecked: 'wird geprüft…',
    failing: (provider, since) => `⚠️ ${provider} antwortet nicht (seit ${since}); Threads gehen weiter, sobald es wieder antwortet`,
    teamsFailing: (provider) => `⚠️ Die Teams können gerade nicht angezeigt werden: ${provider} antwortet nicht. Versuche es später noch einmal.`,
    teamsLoading: 'Die Teamlisten kommen gleich: Öffne diesen Tab in einer Minute noch einmal.',
    teamsNoCompetition: 'Du kannst Teams folgen, sobald ein Admin einen Wettbewerb hinzufügt.',
    adminHeader: 'Verfolgte Wettbewerbe',
    everyMatch: 'Jedes Spiel',
    followedTeams: 'Nur gefolgte Teams',
    substitutions: 'Auswechslungen',
    goalsInChannel: 'Tore auch im Channel',
    defaultChannel: 'Spiele-Channel (Standard)',
    remove: 'Entfernen',
    removeConfirm: { title: 'Wettbewerb entfernen?', text: (name) => `Fanfare verfolgt ${name} nicht mehr. Bereits gepostete Threads bleiben.`, confirm: 'Entfernen', deny: 'Behalten' },
    add: 'Wettbewerb hinzufügen',
    addPlaceholder: 'Suchen: Premier League, WM…',
    season: (name) => `Saison ${name}`,
    helpArg: 'Wettbewerb',
    helpList: 'die verfolgten Wettbewerbe mit ihrem nächsten Spiel',
    helpAdd: 'einen Wettbewerb verfolgen, per Name oder Anbieter:ID (Admins)',
    helpRemove: 'einen Wettbewerb nicht mehr verfolgen (Admins)',
    listTitle: 'Verfolgte Wettbewerbe',
    added: (name, channel, scope) => `✅ ${name} wird jetzt verfolgt: Threads in ${channel} (${scope}). Ändern kannst du das in Fanfares App Home.`,
    alreadyFollowed: (name) => `${name} wird bereits verfolgt.`,
    removed: (name) => `Fanfare verfolgt ${name} nicht mehr.`,
    notFollowed: (query) => `Kein verfolgter Wettbewerb heißt „${query}“.`,
    notFound: (query) => `Kein Wettbewerb für „${query}“ gefunden. Versuche einen Namen (Premier League) oder Anbieter:ID (espn:eng.1, fifa:17).`,
    didYouMean: (list) => `Meintest du ${list}?`,
    noChannel: 'der Spiele-Channel (noch nicht gewählt)',
  },
  // ---- end of issue 9: competitions ----
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: {
    openThread: 'Zum Spiel-Thread',
    levels: { off: 'Aus', goals: 'Tore und Ergebnisse', cards: 'Dazu Karten und Elfmeter', everything: 'Alles' },
    dmLevelSet: (level) => `Direktnachrichten: ${level}.`,
    smsLevelSet: (level) => `SMS: ${level}.`,
    smsNotSubscribed: 'Du hast noch keine Nummer für SMS angemeldet: füge eine in Fanfares App-Startseite hinzu.',
    levelUsage: (command) => `Verwendung: \`/fanfare ${command} off|goals|cards|all\` oder \`/fanfare ${command} streamers on|off\``,
    helpDm: 'wähle, welche Meldungen per Direktnachricht kommen',
    helpSms: 'wähle, welche Meldungen per SMS kommen',
    homeHeader: 'Direktnachrichten',
    streamsOn: 'Streamer per DM: an',
    streamsOff: 'Streamer per DM: aus',
    helpDmStreams: 'schalte Meldungen per Direktnachricht an oder aus, wenn Streamer live oder offline gehen',
    helpSmsStreams: 'schalte Meldungen per SMS an oder aus, wenn Streamer live oder offline gehen',
    smsStreamsOn: 'Streamer per SMS: an',
    smsStreamsOff: 'Streamer per SMS: aus',
    smsOffSet: 'SMS: aus. Deine Nummer bleibt gespeichert, du brauchst also keinen neuen Code, wenn du wieder eine Stufe wählst; `/fanfare stop` löscht sie.',
    smsOffHome: (phone) => `SMS sind aus: an ${phone} wird nichts gesendet, und die Nummer bleibt gespeichert. Wähle unten eine Stufe, um wieder SMS zu bekommen; \`/fanfare stop\` löscht die Nummer.`,
    statusSmsOff: (phone) => `SMS: aus, deine Nummer ${phone} bleibt gespeichert (\`/fanfare stop\` löscht sie)`,
  },
  // ---- issue 10: language (one block, to ease merges) ----
  language: {
    name: 'Deutsch',
    slackLanguage: 'Sprache von Slack',
    homeLabel: 'Sprache',
    chosen: 'Fanfare schreibt dir ab jetzt auf Deutsch.',
    auto: 'Fanfare schreibt dir ab jetzt in deiner Slack-Sprache.',
    usage: 'Verwendung: `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`',
    help: 'wähle die Sprache, in der Fanfare dir schreibt (auto: deine Slack-Sprache)',
  },
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: {
    digestTitle: '🌙 Während deiner Ruhezeit',
    digestSms: 'Ruhezeit:',
    reminder: (teams, minutes, time, day, zone) => `⏰ ${teams} beginnt in ${minutes === 60 ? 'einer Stunde' : `${minutes} Minuten`}: ${day}, ${time} (${zone})`,
    quietSet: (window) => `Ruhezeit: ${window}, in deiner Zeitzone. Ergebnisse aus dieser Zeit kommen danach in einer Nachricht.`,
    quietOff: 'Ruhezeit: aus.',
    quietUsage: 'Verwendung: `/fanfare quiet 23:00-07:00` oder `/fanfare quiet off`',
    remindSet: (minutes) => `Erinnerungen: ${minutes} Minuten vor jedem Spiel deiner Teams.`,
    remindOff: 'Erinnerungen: aus.',
    remindUsage: 'Verwendung: `/fanfare remind off|15|60`',
    helpQuiet: 'keine Alarme in dieser Zeit (deine Zeitzone); danach eine Zusammenfassung',
    helpRemind: 'eine DM 15 oder 60 Minuten vor jedem Spiel deiner Teams',
    homeQuiet: 'Ruhezeit',
    homeQuietNone: 'Keine Ruhezeit: Alarme kommen jederzeit.',
    homeQuietOff: 'Keine Ruhezeit',
    homeRemind: 'Erinnerung vor dem Anpfiff',
    remindOptions: { off: 'Aus', '15': '15 Minuten vorher', '60': '1 Stunde vorher' },
  },
};
