/**
 * French. A country takes its article where a sentence needs one ("Penalty pour l’Argentine", "Les Pays-Bas
 * s’imposent"), from the table in team-articles.ts; a name it doesn't know (a club, a name in another language)
 * is put after a colon or in brackets instead, so no article is ever guessed. A plain space precedes ":" and "!"
 * as French typography wants (a no-break space would be more correct but survives SMS badly).
 */
import { type Catalogue, words } from './catalogue.js';
import { frenchTeam } from './team-articles.js';

const at = (minute: string | null): string | null => (minute ? `à la ${minute}` : null);

/** Slack takes the typographic apostrophe; SMS the straight one GSM-7 has. */
type Apostrophe = '’' | "'";

/** "L’Argentine s’impose 4–2 aux tirs au but", "Les Pays-Bas s’imposent"; "Vainqueur … : Paris SG" otherwise. */
function wins(team: string, how: string | null, verb: { one: string; many: string }, apostrophe: Apostrophe): string {
  const known = frenchTeam(team, apostrophe);
  if (!known) return `${words('Vainqueur', how)} : ${team}`;
  return words(known.The, known.plural ? verb.many : verb.one, how);
}

/** "pour l’Argentine", "pour la France", or null when the name's article is unknown. */
function pour(team: string, apostrophe: Apostrophe): string | null {
  const known = frenchTeam(team, apostrophe);
  return known && `pour ${known.the}`;
}

const IMPOSE = { one: 's’impose', many: 's’imposent' };
const GAGNE = { one: 'gagne', many: 'gagnent' };

// --- issue 8: SMS limits (SPEC S6) ---
/** How long until a code can be asked for again; beyond an hour and a half, in hours. */
const frWait = (m: number): string => (m > 90 ? `${Math.ceil(m / 60)} heures` : m === 1 ? '1 minute' : `${m} minutes`);
// --- end issue 8: SMS limits ---

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
    extraTimeTag: 'a.p.',
    wonOnPenalties: (team, score) =>
      team ? wins(team, `${score} aux tirs au but`, IMPOSE, '’') : `Décidé aux tirs au but (${score})`,
    kickoff: (date) => `Coup d’envoi : ${date}`,

    goal: 'BUT !',
    goalMethod: { 'open-play': null, penalty: '(sur penalty)', 'free-kick': '(coup franc)', 'own-goal': '(c.s.c.)' },
    penaltyAwarded: (team) => (team ? `Penalty ${pour(team, '’') ?? `: ${team}`}` : 'Penalty accordé'),
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
      return wins(winner, penalties ? `${penalties} aux tirs au but` : extraTime ? 'après prolongation' : null, IMPOSE, '’');
    },
    catchUp: 'Le point sur le match',

    correctionGoal: (who, minute) =>
      `Correction : ${words('le but de', who, at(minute))} a été refusé après vérification vidéo`,
    correctionPenalty: (team, minute) =>
      `Correction : ${words('le penalty', team && (pour(team, '’') ?? `(${team})`), at(minute))} a été annulé`,
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
  members: {
    home: {
      teamsHeader: 'Vos équipes',
      noTeams: 'Vous ne suivez encore aucune équipe.',
      followingTeams: (n) => (n === 1 ? 'Vous suivez 1 équipe :' : `Vous suivez ${n} équipes :`),
      follow: 'Suivre une équipe',
      followPlaceholder: 'Choisir une équipe',
      searchPlaceholder: 'Tapez le nom d’une équipe',
      followedAll: 'Vous suivez toutes les équipes de la compétition.',
      unfollow: 'Ne plus suivre',
      unfollowPick: 'Ne plus suivre une équipe',
      unfollowPlaceholder: 'Choisir une équipe',
      matchesHeader: 'Prochains matchs',
      noMatches: 'Aucun match à venir pour vos équipes.',
      noMatchesNoTeams: 'Suivez une équipe pour voir ses prochains matchs ici.',
      streamersHeader: 'Streamers Twitch',
      noStreamers: 'Vous ne suivez encore aucun streamer.',
      followingStreamers: (n) => (n === 1 ? 'Vous suivez 1 streamer :' : `Vous suivez ${n} streamers :`),
      addStreamer: 'Ajouter un streamer',
      remove: 'Retirer',
      removePick: 'Ne plus suivre un streamer',
      removePlaceholder: 'Choisir un streamer',
      twitchOff: 'Twitch n’est pas configuré dans cet espace de travail : pas d’alertes de stream.',
      smsHeader: 'Alertes SMS',
      smsOff: 'Les alertes SMS ne sont pas configurées dans cet espace de travail.',
      smsPitch: 'Recevez un SMS pour chaque alerte sur les équipes et les streamers que vous suivez.',
      subscribe: 'S’abonner',
      smsActive: (phone) => `Les alertes partent par SMS vers le ${phone}.`,
      smsWaiting: (phone) => `En attente du code envoyé par SMS au ${phone}.`,
      enterCode: 'Saisir le code',
      smsOptedOut: (phone) =>
        `Vous avez répondu STOP : plus rien n’est envoyé au ${phone}. Pour recevoir à nouveau les SMS, envoyez START au numéro d’où venaient les alertes, puis cliquez sur Reprendre.`,
      smsFailed: (phone, reason) =>
        `Les SMS vers le ${phone} n’ont pas pu être remis${reason ? ` (${reason})` : ''}. Indiquez un autre numéro.`,
      changeNumber: 'Changer de numéro',
      stopSms: 'Arrêter les SMS',
      resume: 'Reprendre',
      stopConfirm: {
        title: 'Arrêter les alertes SMS ?',
        text: 'Fanfare oubliera votre numéro et ne vous enverra plus de SMS.',
        confirm: 'Arrêter les SMS',
        deny: 'Les garder',
      },
      alertLevelLabel: 'Ce qui arrive par SMS',
      adminHeader: 'Réglages de l’espace de travail',
      adminChannel: 'Canal des fils de match et des cartes de stream',
      channelPlaceholder: 'Choisir un canal',
      channelUnset: 'Pas encore de canal : les fils de match commencent dès que vous en choisissez un.',
      adminStreamsChannel: 'Canal des cartes de stream',
      streamsChannelUnset: "Les cartes de stream vont dans le canal des matchs tant que vous n'en choisissez pas un.",
    },
    modals: {
      subscribeTitle: 'Alertes SMS',
      numberIntro: 'Fanfare vous envoie par SMS une alerte pour tout ce que vous suivez. D’abord, un code vérifie que le numéro est bien le vôtre.',
      numberLabel: 'Numéro de mobile',
      numberHint: (example, country) =>
        country ? `Par exemple ${example}, ou un numéro national (${country})` : `Par exemple ${example}, avec l’indicatif du pays`,
      sendCode: 'Envoyer le code',
      cancel: 'Annuler',
      checking: 'Vérification de votre numéro…',
      codeSent: (phone) => `Nous avons envoyé un code par SMS au ${phone}.`,
      codeLabel: 'Code',
      codeHint: 'Tapez le code reçu par SMS.',
      confirm: 'Confirmer',
      subscribed: (phone) =>
        `C’est fait ! Les alertes sur ce que vous suivez partent désormais vers le ${phone}. Répondez STOP à l’une d’elles pour les arrêter.`,
      done: 'Terminé',
      problemTitle: 'Fanfare',
      close: 'Fermer',
      streamerTitle: 'Ajouter un streamer',
      streamerIntro: 'Vous recevrez une alerte quand son stream commence.',
      loginLabel: 'Identifiant Twitch',
      loginHint: 'Le nom dans l’adresse de sa chaîne : twitch.tv/nom',
      add: 'Ajouter',
    },
    messages: {
      helpIntro: 'Voici ce que je sais faire :',
      helpArgs: { team: 'équipe', login: 'identifiant', number: 'numéro' },
      helpCommands: {
        help: 'cette liste',
        follow: 'suivre les matchs d’une équipe',
        unfollow: 'ne plus suivre une équipe',
        streamerAdd: 'être alerté quand un streamer Twitch lance un live',
        streamerRemove: 'ne plus suivre un streamer',
        subscribe: 'recevoir vos alertes par SMS',
        status: 'ce que vous suivez et où partent vos alertes',
        stop: 'arrêter les alertes SMS',
      },
      statusTitle: 'Votre Fanfare',
      statusTeams: (list) => `Équipes : ${list}`,
      statusNoTeams: 'Équipes : aucune pour l’instant',
      statusStreamers: (list) => `Streamers : ${list}`,
      statusNoStreamers: 'Streamers : aucun pour l’instant',
      statusSmsActive: (phone, level) => `SMS : vers le ${phone} (${level})`,
      statusSmsOptedOut: (phone) => `SMS : en pause, vous avez répondu STOP depuis le ${phone}`,
      statusSmsFailed: (phone) => `SMS : les SMS vers le ${phone} n’ont pas pu être remis`,
      statusSmsNone: 'SMS : désactivés',
      followed: (team) => `Vous suivez maintenant cette équipe : ${team}.`,
      unfollowed: (team) => `Vous ne suivez plus cette équipe : ${team}.`,
      noTeam: (query) => `Aucune équipe ne correspond à « ${query} ».`,
      didYouMean: (list) => `Vouliez-vous dire ${list} ?`,
      subscribePrompt: 'Pour recevoir vos alertes par SMS, confirmez votre numéro : Fanfare vous envoie un code à saisir.',
      subscribeButton: 'S’abonner par SMS',
      smsStopped: 'Les alertes SMS sont arrêtées et Fanfare a oublié votre numéro.',
      smsNotSubscribed: 'Vous n’avez pas d’alertes SMS.',
      streamerAdded: (name) => `Vous suivez maintenant ${name} sur Twitch.`,
      streamerRemoved: (name) => `Vous ne suivez plus ${name}.`,
      notAllowed: 'Seuls les administrateurs de l’espace de travail peuvent modifier ceci.',
      error: 'Un problème est survenu de notre côté ; veuillez réessayer.',
      channelJoin: (channel) => `Je ne peux pas publier dans ${channel}. Invitez @Fanfare dans ce canal.`,
      smsPaused: (reason) => `Les alertes SMS sont en pause : Twilio a refusé les réglages de Fanfare (${reason}). Rien n’est perdu : les alertes attendent et partiront une fois les réglages Twilio corrigés et Fanfare redémarré (il réessaie aussi chaque minute).`,
      numberRejected: (phone, reason) =>
        `Les SMS vers le ${phone} n’ont pas pu être remis${reason ? ` (${reason})` : ''} : vos alertes SMS sont en pause. Indiquez un autre numéro dans l’App Home de Fanfare.`,
    },
    errors: {
      unparsable: 'Ce n’est pas un numéro de téléphone valide. Ajoutez l’indicatif du pays, par exemple +33 6 12 34 56 78.',
      landline: 'C’est un numéro fixe ; les alertes SMS demandent un mobile.',
      notMobile: 'Ce numéro ne peut pas recevoir de SMS ; utilisez un numéro de mobile.',
      voip: 'Les numéros de téléphonie par internet ne reçoivent pas les alertes ; utilisez un numéro de mobile.',
      invalidNumber: 'Ce numéro n’existe pas. Vérifiez-le.',
      wrongCode: (n) =>
        n <= 0 ? 'Code incorrect.' : `Code incorrect. ${n === 1 ? 'Encore 1 essai' : `Encore ${n} essais`}.`,
      tooManyAttempts: 'Trop de codes incorrects. Recommencez plus tard.',
      expired: 'Ce code a expiré. Recommencez pour en recevoir un nouveau.',
      // --- issue 8: SMS limits (SPEC S6) ---
      tooManyCodes: (m) => `Vous avez demandé trop de codes. Réessayez dans ${frWait(m)}.`,
      numberTooManyCodes: (m) => `Ce numéro a reçu trop de codes. Réessayez dans ${frWait(m)}.`,
      countryNotAllowed: (countries) => `Les alertes SMS sont réservées aux numéros de ces pays : ${countries}.`,
      // --- end issue 8: SMS limits ---
      blocked: 'Nous ne pouvons pas envoyer de SMS à ce numéro.',
      unavailable: 'La vérification par SMS est indisponible pour le moment. Réessayez dans quelques minutes.',
      unknownStreamer: (login) => `Aucun streamer Twitch ne s’appelle ${login}.`,
      // --- issue 8: streamer cap (SPEC T8) ---
      tooManyStreamers: (max) => `Vous suivez déjà ${max} streamers, le maximum permis par Fanfare. Retirez-en un d’abord, dans l’App Home ou avec /fanfare streamer remove.`,
      // --- end issue 8: streamer cap ---
      invalidLogin: 'Un identifiant Twitch compte de 4 à 25 lettres, chiffres ou tirets bas.',
    },
    alertLevels: {
      off: 'Désactivés (numéro conservé)',
      goals: 'Buts et résultats seulement',
      cards: 'Buts, résultats, cartons et penalties',
      everything: 'Tout',
    },
  },
  sms: {
    code: (code, minutes = 10) => `Votre code Fanfare est ${code}. Il expire dans ${minutes} minutes.`,
    welcome: () => 'Fanfare : vous recevrez des alertes sur ce que vous suivez. Répondez STOP pour ne plus les recevoir.',
    // GSM-7 has é, è and à but not ê, ç or curly apostrophes: "stoppé", "Coup d'envoi".
    match: {
      score: (h, a) => `${h}-${a}`,
      versus: '-',
      withPenalties: (line, h, a) => `${line} (t.a.b. ${h}-${a})`,
      extraTimeTag: 'a.p.',
      unknownPlayer: 'inconnu',
      labelled: (label, text) => `${label} : ${text}`,
      withScore: (event, line) => `${event}. ${line}`,

      goalMethod: { 'open-play': null, penalty: '(pen.)', 'free-kick': '(CF)', 'own-goal': '(csc)' },
      goal: (team, scorer, line) => words('BUT !', team && `${team} :`, scorer, line),
      penaltyAwarded: (team, minute) => words(team ? `Penalty : ${team}` : 'Penalty accordé', minute),
      penaltyMissed: (outcome, who) =>
        `${{ missed: 'Penalty manqué', saved: 'Penalty stoppé', woodwork: 'Penalty sur le poteau' }[outcome]} : ${who}`,
      card: (card, who) => `${{ yellow: 'Carton jaune', red: 'Carton rouge', 'second-yellow': 'Second jaune' }[card]} : ${who}`,
      substitution: (abbr, minute, on, off) => `${words('Changement', abbr, minute)} : ${on} entre, ${off} sort`,
      periodStart: {
        'first-half': "Coup d'envoi",
        'second-half': 'Seconde période',
        'extra-time-first-half': 'Prolongation',
        'extra-time-second-half': 'Prolongation, 2e période',
        shootout: 'Tirs au but',
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
            return finalWhistle ? 'Fin du match après prolongation' : 'Fin de la prolongation';
          case 'shootout':
            return 'Fin des tirs au but';
        }
      },
      shootoutTally: (line) => `T.a.b. ${line}`,
      shootoutKick: (result, who) =>
        ({ scored: `${who} marque`, missed: `${who} manque`, saved: `${who} bute sur le gardien`, woodwork: `${who} touche le poteau` })[
          result
        ],
      result: ({ winner, extraTime, penalties }) => {
        if (!winner) return penalties ? `Décidé aux t.a.b. (${penalties})` : 'Match nul';
        return wins(winner, penalties ? `${penalties} aux t.a.b.` : extraTime ? 'après prolongation' : null, GAGNE, "'");
      },
      matchEnd: ({ winner, penalties, line }) => {
        if (penalties) {
          const result = winner ? wins(winner, `${penalties} aux t.a.b.`, GAGNE, "'") : `Décidé aux t.a.b. (${penalties})`;
          return `${result}${result.endsWith('.') ? '' : '.'} ${line}`;
        }
        if (!winner) return `Score final : ${line} (nul)`;
        return `Score final : ${line}`;
      },
      catchUp: (line, minute, list) => `${words('En direct', line, minute)}${list ? ` : ${list}` : ''}`,

      correctionGoal: (who) => `VAR : but de ${who} refusé`,
      correctionPenalty: (team, minute) =>
        `VAR : ${words('penalty', team && (pour(team, "'") ?? `(${team})`), minute)} annulé`,
      correctionCard: (card, who) =>
        `VAR : ${{ yellow: 'carton jaune', red: 'carton rouge', 'second-yellow': 'second jaune' }[card]} de ${who} annulé`,
      correctionOther: (minute) => `Correction : ${words('action', minute)} retirée`,

      goalItem: (scorer) => `BUT ${scorer}`,
      cardItem: (card, who) => `${{ yellow: 'Jaune', red: 'Rouge', 'second-yellow': '2e jaune' }[card]} ${who}`,
      more: (n) => (n === 1 ? '+1 autre' : `+${n} autres`),
    },
    stream: {
      live: (name, title, link) => (title ? `${name} est en live : ${title} ${link}` : `${name} est en live sur ${link}`),
      offline: (name, duration) => (duration ? `${name} est hors ligne après ${duration}` : `${name} est hors ligne`),
    },
  },
  stream: {
    live: 'EN DIRECT',
    ended: (duration) => (duration ? `Terminé · ${duration}` : 'Terminé'),
    untitled: 'Live sans titre',
    viewers: (count, plural) => `${count} ${plural === 'one' ? 'spectateur' : 'spectateurs'}`,
    started: (time) => `Début à ${time}`,
    timeUtc: (time) => `${time} UTC`,
    endedAfter: (duration) => (duration ? `Live terminé après ${duration}` : 'Live terminé'),
    isLive: (name, title) => `${name} est en live : ${title}`,
    wasLive: (name, duration) => (duration ? `${name} a été en live pendant ${duration}` : `${name} est hors ligne`),
    duration: (h, m) => (h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`),
    thumbnailAlt: (name) => `Aperçu du live de ${name}`,
  },
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: {
    channelHeld: (channel, reason) => `Fanfare ne peut pas publier dans ${channel} (${reason}) : les fils des matchs et les cartes de live attendent, rien n’est perdu ; invitez @Fanfare, désarchivez le canal ou choisissez-en un autre dans l’accueil de Fanfare.`,
    authHeld: (reason) => `Slack refuse le jeton de Fanfare (${reason}) : toutes les publications attendent, rien n’est perdu ; réinstallez Fanfare ou indiquez un SLACK_BOT_TOKEN valide dans ses réglages.`,
  },
  // ---- end of issue 8: admin notices ----
  // ---- issue 9: competitions ----
  competitions: {
    header: 'Compétitions',
    none: (admin) => (admin ? 'Aucune compétition suivie pour l’instant : ajoutez-en une ci-dessous.' : 'Aucune compétition suivie pour l’instant : un admin de l’espace peut en ajouter une ici.'),
    liveNow: (count) => `🟢 ${count} en direct`,
    nextMatch: (date) => `prochain match ${date}`,
    noMatchSoon: 'aucun match dans les prochains jours',
    notChecked: 'vérification…',
    failing: (provider, since) => `⚠️ ${provider} ne répond pas (depuis ${since}) ; les fils reprennent dès qu’il répond`,
    teamsFailing: (provider) => `⚠️ Impossible de lister les équipes pour l’instant : ${provider} ne répond pas. Réessayez plus tard.`,
    teamsLoading: 'Les listes d’équipes arrivent : rouvrez cet onglet dans une minute.',
    teamsNoCompetition: 'Vous pourrez suivre des équipes dès qu’un admin aura ajouté une compétition.',
    adminHeader: 'Compétitions suivies',
    everyMatch: 'Tous les matchs',
    followedTeams: 'Équipes suivies seulement',
    substitutions: 'Remplacements',
    goalsInChannel: 'Buts aussi dans le canal',
    defaultChannel: 'Canal des matchs (par défaut)',
    remove: 'Retirer',
    removeConfirm: { title: 'Retirer la compétition ?', text: (name) => `Fanfare cesse de suivre ${name}. Les fils déjà publiés restent.`, confirm: 'Retirer', deny: 'Garder' },
    add: 'Ajouter une compétition',
    addPlaceholder: 'Chercher : Premier League, Coupe du monde…',
    season: (name) => `saison ${name}`,
    helpArg: 'compétition',
    helpList: 'les compétitions suivies et leur prochain match',
    helpAdd: 'suivre une compétition, par nom ou fournisseur:id (admins)',
    helpRemove: 'ne plus suivre une compétition (admins)',
    listTitle: 'Compétitions suivies',
    added: (name, channel, scope) => `✅ ${name} est maintenant suivie : fils dans ${channel} (${scope}). Modifiable dans l’App Home de Fanfare.`,
    alreadyFollowed: (name) => `${name} est déjà suivie.`,
    removed: (name) => `Fanfare ne suit plus ${name}.`,
    notFollowed: (query) => `Aucune compétition suivie ne s’appelle « ${query} ».`,
    notFound: (query) => `Aucune compétition trouvée pour « ${query} ». Essayez un nom (Premier League) ou fournisseur:id (espn:eng.1, fifa:17).`,
    didYouMean: (list) => `Vouliez-vous dire ${list} ?`,
    noChannel: 'le canal des matchs (pas encore choisi)',
  },
  // ---- end of issue 9: competitions ----
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: {
    openThread: 'Ouvrir le fil du match',
    levels: { off: 'Désactivés', goals: 'Buts et résultats', cards: 'Plus cartons et penaltys', everything: 'Tout' },
    dmLevelSet: (level) => `Messages directs : ${level}.`,
    smsLevelSet: (level) => `SMS : ${level}.`,
    smsNotSubscribed: 'Vous n’avez pas encore de numéro abonné aux SMS : ajoutez-en un dans l’accueil de Fanfare.',
    levelUsage: (command) => `Utilisation : \`/fanfare ${command} off|goals|cards|all\` ou \`/fanfare ${command} streamers on|off\``,
    helpDm: 'choisir les alertes reçues par message direct',
    helpSms: 'choisir les alertes reçues par SMS',
    homeHeader: 'Messages directs',
    streamsOn: 'Streamers par message : oui',
    streamsOff: 'Streamers par message : non',
    helpDmStreams: 'activer ou désactiver par message direct les alertes quand un streamer passe en direct ou hors ligne',
    helpSmsStreams: 'activer ou désactiver par SMS les alertes quand un streamer passe en direct ou hors ligne',
    smsStreamsOn: 'Streamers par SMS : oui',
    smsStreamsOff: 'Streamers par SMS : non',
    smsOffSet: 'SMS : désactivés. Votre numéro reste enregistré, donc choisir de nouveau un niveau ne demande pas de nouveau code ; `/fanfare stop` le supprime.',
    smsOffHome: (phone) => `SMS désactivés : rien n’est envoyé au ${phone}, et le numéro reste enregistré. Choisissez un niveau ci-dessous pour en recevoir à nouveau ; \`/fanfare stop\` supprime le numéro.`,
    statusSmsOff: (phone) => `SMS : désactivés, votre numéro ${phone} est conservé (\`/fanfare stop\` le supprime)`,
  },
  // ---- issue 10: language (one block, to ease merges) ----
  language: {
    name: 'Français',
    slackLanguage: 'Langue de Slack',
    homeLabel: 'Langue',
    chosen: 'Fanfare vous écrira désormais en français.',
    auto: 'Fanfare vous écrira désormais dans la langue de votre Slack.',
    usage: 'Utilisation : `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`',
    help: 'choisir la langue dans laquelle Fanfare vous écrit (auto : celle de votre Slack)',
  },
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: {
    digestTitle: '🌙 Pendant vos heures de silence',
    digestSms: 'Silence:',
    reminder: (teams, minutes, time, day, zone) => `⏰ ${teams} commence dans ${minutes === 60 ? 'une heure' : `${minutes} minutes`} : ${day}, ${time} (${zone})`,
    quietSet: (window) => `Heures de silence : ${window}, dans votre fuseau horaire. Les résultats tombés entre-temps arrivent en un seul message à la fin.`,
    quietOff: 'Heures de silence : désactivées.',
    quietUsage: 'Utilisation : `/fanfare quiet 23:00-07:00` ou `/fanfare quiet off`',
    remindSet: (minutes) => `Rappels : ${minutes} minutes avant chaque match de vos équipes.`,
    remindOff: 'Rappels : désactivés.',
    remindUsage: 'Utilisation : `/fanfare remind off|15|60`',
    helpQuiet: 'aucune alerte pendant ces heures (votre fuseau) ; un résumé ensuite',
    helpRemind: 'un DM 15 ou 60 minutes avant chaque match de vos équipes',
    homeQuiet: 'Heures de silence',
    homeQuietNone: 'Pas d’heures de silence : les alertes arrivent à toute heure.',
    homeQuietOff: 'Pas de silence',
    homeRemind: 'Rappel avant le match',
    remindOptions: { off: 'Désactivé', '15': '15 minutes avant', '60': '1 heure avant' },
  },
};
