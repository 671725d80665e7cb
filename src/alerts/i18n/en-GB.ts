/** British English: the reference catalogue the others translate. */
import { type Catalogue, words } from './catalogue.js';

const at = (minute: string | null): string | null => (minute ? `at ${minute}` : null);

// --- issue 8: SMS limits (SPEC S6) ---
/** How long until a code can be asked for again; beyond an hour and a half, in hours. */
const enWait = (m: number): string => (m > 90 ? `${Math.ceil(m / 60)} hours` : m === 1 ? '1 minute' : `${m} minutes`);
// --- end issue 8: SMS limits ---

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
    extraTimeTag: 'a.e.t.',
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
  members: {
    home: {
      teamsHeader: 'Your teams',
      noTeams: 'You don’t follow any team yet.',
      followingTeams: (n) => (n === 1 ? 'You follow 1 team:' : `You follow ${n} teams:`),
      follow: 'Follow a team',
      followPlaceholder: 'Choose a team',
      searchPlaceholder: 'Type a team name',
      followedAll: 'You follow every team in the competition.',
      unfollow: 'Unfollow',
      unfollowPick: 'Stop following a team',
      unfollowPlaceholder: 'Choose a team',
      matchesHeader: 'Next matches',
      noMatches: 'No matches coming up for your teams.',
      noMatchesNoTeams: 'Follow a team to see its next matches here.',
      streamersHeader: 'Twitch streamers',
      noStreamers: 'You don’t follow any streamer yet.',
      followingStreamers: (n) => (n === 1 ? 'You follow 1 streamer:' : `You follow ${n} streamers:`),
      addStreamer: 'Add streamer',
      remove: 'Remove',
      removePick: 'Stop following a streamer',
      removePlaceholder: 'Choose a streamer',
      twitchOff: 'Twitch is not configured in this workspace, so there are no stream alerts.',
      smsHeader: 'SMS alerts',
      smsOff: 'SMS alerts are not set up in this workspace.',
      smsPitch: 'Get a text message for every alert about the teams and streamers you follow.',
      subscribe: 'Subscribe',
      smsActive: (phone) => `Alerts are texted to ${phone}.`,
      smsWaiting: (phone) => `Waiting for the code we texted to ${phone}.`,
      enterCode: 'Enter code',
      smsOptedOut: (phone) =>
        `You replied STOP, so nothing is sent to ${phone}. To get texts again, text START to the number the alerts came from, then press Resume.`,
      smsFailed: (phone, reason) =>
        `Texts to ${phone} could not be delivered${reason ? ` (${reason})` : ''}. Please enter another number.`,
      changeNumber: 'Change number',
      stopSms: 'Stop SMS',
      resume: 'Resume',
      stopConfirm: {
        title: 'Stop SMS alerts?',
        text: 'Fanfare will forget your number and send you no more texts.',
        confirm: 'Stop SMS',
        deny: 'Keep them',
      },
      alertLevelLabel: 'What comes by SMS',
      adminHeader: 'Workspace settings',
      adminChannel: 'Channel for match threads and stream cards',
      channelPlaceholder: 'Choose a channel',
      channelUnset: 'No channel yet: match threads start once you choose one.',
      adminStreamsChannel: 'Channel for stream cards',
      streamsChannelUnset: 'Stream cards go to the match channel until you choose one.',
    },
    modals: {
      subscribeTitle: 'SMS alerts',
      numberIntro: 'Fanfare texts you an alert for everything you follow. First, a code checks that the number is yours.',
      numberLabel: 'Mobile number',
      numberHint: (example, country) =>
        country ? `For example ${example}, or a national number in ${country}` : `For example ${example}, with the country code`,
      sendCode: 'Send code',
      cancel: 'Cancel',
      checking: 'Checking your number…',
      codeSent: (phone) => `We texted a code to ${phone}.`,
      codeLabel: 'Code',
      codeHint: 'Type the code from the text message.',
      confirm: 'Confirm',
      subscribed: (phone) => `Done! Alerts about what you follow now go to ${phone}. Reply STOP to any of them to stop.`,
      done: 'Done',
      problemTitle: 'Fanfare',
      close: 'Close',
      streamerTitle: 'Add a streamer',
      streamerIntro: 'You’ll get an alert when they go live.',
      loginLabel: 'Twitch login',
      loginHint: 'The name in their channel address: twitch.tv/name',
      add: 'Add',
    },
    messages: {
      helpIntro: 'Here is what I can do:',
      helpArgs: { team: 'team', login: 'login', number: 'number' },
      helpCommands: {
        help: 'this list',
        follow: 'follow a team’s matches',
        unfollow: 'stop following a team',
        streamerAdd: 'get alerts when a Twitch streamer goes live',
        streamerRemove: 'stop following a streamer',
        subscribe: 'get your alerts by SMS',
        status: 'what you follow and where your alerts go',
        stop: 'stop SMS alerts',
      },
      statusTitle: 'Your Fanfare',
      statusTeams: (list) => `Teams: ${list}`,
      statusNoTeams: 'Teams: none yet',
      statusStreamers: (list) => `Streamers: ${list}`,
      statusNoStreamers: 'Streamers: none yet',
      statusSmsActive: (phone, level) => `SMS: to ${phone} (${level})`,
      statusSmsOptedOut: (phone) => `SMS: paused, you replied STOP from ${phone}`,
      statusSmsFailed: (phone) => `SMS: texts to ${phone} could not be delivered`,
      statusSmsNone: 'SMS: off',
      followed: (team) => `You now follow ${team}.`,
      unfollowed: (team) => `You no longer follow ${team}.`,
      noTeam: (query) => `No team matches “${query}”.`,
      didYouMean: (list) => `Did you mean ${list}?`,
      subscribePrompt: 'To get your alerts by SMS, confirm your number: Fanfare texts you a code to type in.',
      subscribeButton: 'Subscribe by SMS',
      smsStopped: 'SMS alerts are off and Fanfare has forgotten your number.',
      smsNotSubscribed: 'You have no SMS alerts.',
      streamerAdded: (name) => `You now follow ${name} on Twitch.`,
      streamerRemoved: (name) => `You no longer follow ${name}.`,
      notAllowed: 'Only workspace admins can change this.',
      error: 'Something went wrong on our side; please try again.',
      channelJoin: (channel) => `I can’t post in ${channel}. Please invite @Fanfare to it.`,
      smsPaused: (reason) => `SMS alerts are paused: Twilio refused Fanfare's settings (${reason}). Nothing is lost: alerts wait and go out once the Twilio settings are fixed and Fanfare is restarted (it also retries every minute).`,
      numberRejected: (phone, reason) =>
        `Texts to ${phone} could not be delivered${reason ? ` (${reason})` : ''}, so your SMS alerts are paused. Enter another number in the Fanfare App Home.`,
    },
    errors: {
      unparsable: 'That doesn’t look like a phone number. Include the country code, e.g. +44 7400 123456.',
      landline: 'That is a landline; SMS alerts need a mobile number.',
      notMobile: 'That number can’t receive text messages; please use a mobile number.',
      voip: 'Internet phone numbers can’t receive alerts; please use a mobile number.',
      invalidNumber: 'That number doesn’t exist. Please check it.',
      wrongCode: (n) =>
        n <= 0 ? 'That code is wrong.' : `That code is wrong. ${n === 1 ? '1 attempt' : `${n} attempts`} left.`,
      tooManyAttempts: 'Too many wrong codes. Please start again later.',
      expired: 'That code has expired. Please start again to get a new one.',
      // --- issue 8: SMS limits (SPEC S6) ---
      tooManyCodes: (m) => `You have asked for too many codes. Please try again in ${enWait(m)}.`,
      numberTooManyCodes: (m) => `That number has been sent too many codes. Please try again in ${enWait(m)}.`,
      countryNotAllowed: (countries) => `SMS alerts are only for numbers in: ${countries}.`,
      // --- end issue 8: SMS limits ---
      blocked: 'We can’t send texts to that number.',
      unavailable: 'SMS checks are unavailable right now. Please try again in a few minutes.',
      unknownStreamer: (login) => `There is no Twitch streamer called ${login}.`,
      // --- issue 8: streamer cap (SPEC T8) ---
      tooManyStreamers: (max) => `You already follow ${max} streamers, the most Fanfare allows. Remove one first, in the App Home or with /fanfare streamer remove.`,
      // --- end issue 8: streamer cap ---
      invalidLogin: 'A Twitch login has 4 to 25 letters, digits or underscores.',
    },
    alertLevels: {
      off: 'Off (your number is kept)',
      goals: 'Goals and results only',
      cards: 'Goals, results, cards and penalties',
      everything: 'Everything',
    },
  },
  sms: {
    code: (code, minutes = 10) => `Your Fanfare code is ${code}. It expires in ${minutes} minutes.`,
    welcome: () => "Fanfare: you'll get alerts for what you follow. Reply STOP to stop.",
    match: {
      score: (h, a) => `${h}-${a}`,
      versus: 'v',
      withPenalties: (line, h, a) => `${line} (pens ${h}-${a})`,
      extraTimeTag: 'a.e.t.',
      unknownPlayer: 'unknown',
      labelled: (label, text) => `${label}: ${text}`,
      withScore: (event, line) => `${event}. ${line}`,

      goalMethod: { 'open-play': null, penalty: '(pen)', 'free-kick': '(fk)', 'own-goal': '(og)' },
      goal: (team, scorer, line) => words(team ? `GOAL ${team}!` : 'GOAL!', scorer, line),
      penaltyAwarded: (team, minute) => words(team ? `Penalty to ${team}` : 'Penalty', minute),
      penaltyMissed: (outcome, who) =>
        `${{ missed: 'Penalty missed', saved: 'Penalty saved', woodwork: 'Penalty hits the post' }[outcome]}: ${who}`,
      card: (card, who) => `${{ yellow: 'Yellow card', red: 'Red card', 'second-yellow': 'Second yellow' }[card]}: ${who}`,
      substitution: (abbr, minute, on, off) => `${words('Sub', abbr, minute)}: ${on} on, ${off} off`,
      periodStart: {
        'first-half': 'Kick-off',
        'second-half': 'Second half',
        'extra-time-first-half': 'Extra time',
        'extra-time-second-half': 'Extra time, 2nd half',
        shootout: 'Shoot-out start',
      },
      periodEnd: (period, finalWhistle) => {
        switch (period) {
          case 'first-half':
            return 'Half-time';
          case 'second-half':
            return finalWhistle ? 'Full-time' : 'End of normal time';
          case 'extra-time-first-half':
            return 'Extra-time half-time';
          case 'extra-time-second-half':
            return finalWhistle ? 'Full-time after extra time' : 'End of extra time';
          case 'shootout':
            return 'Shoot-out over';
        }
      },
      shootoutTally: (line) => `Pens ${line}`,
      shootoutKick: (result, who) =>
        ({ scored: `${who} scores`, missed: `${who} misses`, saved: `${who} has it saved`, woodwork: `${who} hits the post` })[
          result
        ],
      result: ({ winner, extraTime, penalties }) => {
        if (!winner) return penalties ? `Decided on pens ${penalties}` : 'Draw';
        if (penalties) return `${winner} win ${penalties} on pens`;
        return extraTime ? `${winner} win after extra time` : `${winner} win`;
      },
      matchEnd: ({ winner, penalties, line }) => {
        if (penalties) return `${winner ? `${winner} win ${penalties} on pens` : `Decided on pens ${penalties}`}. ${line}`;
        if (!winner) return `Final: ${line} (draw)`;
        return `Final: ${line}`;
      },
      catchUp: (line, minute, list) => `${words('Live', line, minute)}${list ? `: ${list}` : ''}`,

      correctionGoal: (who) => `VAR: goal by ${who} ruled out`,
      correctionPenalty: (team, minute) => `VAR: ${words(team ? `penalty to ${team}` : 'penalty', minute)} cancelled`,
      correctionCard: (card, who) =>
        `VAR: ${{ yellow: 'yellow card', red: 'red card', 'second-yellow': 'second yellow' }[card]} for ${who} cancelled`,
      correctionOther: (minute) => (minute ? `Correction: the ${minute} update was withdrawn` : 'Correction: an update was withdrawn'),

      goalItem: (scorer) => `GOAL ${scorer}`,
      cardItem: (card, who) => `${{ yellow: 'Yellow', red: 'Red', 'second-yellow': '2nd yellow' }[card]} ${who}`,
      more: (n) => `+${n} more`,
    },
    stream: {
      live: (name, title, link) => (title ? `${name} is live: ${title} ${link}` : `${name} is live on ${link}`),
      offline: (name, duration) => (duration ? `${name} is offline after ${duration}` : `${name} is offline`),
    },
  },
  stream: {
    live: 'LIVE',
    ended: (duration) => (duration ? `Ended · ${duration}` : 'Ended'),
    untitled: 'Untitled broadcast',
    viewers: (count, plural) => `${count} ${plural === 'one' ? 'viewer' : 'viewers'}`,
    started: (time) => `Started ${time}`,
    timeUtc: (time) => `${time} UTC`,
    endedAfter: (duration) => (duration ? `Stream ended after ${duration}` : 'Stream ended'),
    isLive: (name, title) => `${name} is live: ${title}`,
    wasLive: (name, duration) => (duration ? `${name} was live for ${duration}` : `${name} is offline`),
    duration: (h, m) => (h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`),
    thumbnailAlt: (name) => `Preview of ${name}’s stream`,
  },
  // ---- issue 8: admin notices (one block, to ease merges) ----
  adminNotices: {
    channelHeld: (channel, reason) => `Fanfare cannot post in ${channel} (${reason}): match threads and stream cards wait, nothing is lost; invite @Fanfare, unarchive the channel or pick another one in Fanfare’s App Home.`,
    authHeld: (reason) => `Slack refuses Fanfare’s token (${reason}): every post waits, nothing is lost; reinstall Fanfare or put a valid SLACK_BOT_TOKEN in its settings.`,
  },
  // ---- end of issue 8: admin notices ----
  // ---- issue 9: competitions ----
  competitions: {
    header: 'Competitions',
    none: (admin) => (admin ? 'No competition is followed yet: add one below.' : 'No competition is followed yet: a workspace admin can add one in this App Home.'),
    liveNow: (count) => `🟢 ${count} live now`,
    nextMatch: (date) => `next match ${date}`,
    noMatchSoon: 'no match in the coming days',
    notChecked: 'checking…',
    failing: (provider, since) => `⚠️ ${provider} is not answering (since ${since}); threads resume as soon as it does`,
    teamsFailing: (provider) => `⚠️ Teams cannot be listed right now: ${provider} is not answering. Try again later.`,
    teamsLoading: 'Team lists are on their way: open this tab again in a minute.',
    teamsNoCompetition: 'You can follow teams once an admin adds a competition.',
    adminHeader: 'Competitions followed',
    everyMatch: 'Every match',
    followedTeams: 'Followed teams only',
    substitutions: 'Substitutions',
    goalsInChannel: 'Goals also in the channel',
    defaultChannel: 'Match channel (default)',
    remove: 'Remove',
    removeConfirm: { title: 'Remove competition?', text: (name) => `Fanfare stops following ${name}. Threads already posted stay.`, confirm: 'Remove', deny: 'Keep' },
    add: 'Add a competition',
    addPlaceholder: 'Search: Premier League, World Cup…',
    season: (name) => `season ${name}`,
    helpArg: 'competition',
    helpList: 'the competitions followed, with their next match',
    helpAdd: 'follow a competition, by name or provider:id (admins)',
    helpRemove: 'stop following a competition (admins)',
    listTitle: 'Competitions followed',
    added: (name, channel, scope) => `✅ Now following ${name}: threads in ${channel} (${scope}). Change it in Fanfare’s App Home.`,
    alreadyFollowed: (name) => `${name} is already followed.`,
    removed: (name) => `Fanfare no longer follows ${name}.`,
    notFollowed: (query) => `No followed competition is called “${query}”.`,
    notFound: (query) => `No competition found for “${query}”. Try a name (Premier League) or provider:id (espn:eng.1, fifa:17).`,
    didYouMean: (list) => `Did you mean ${list}?`,
    noChannel: 'the match channel (none picked yet)',
  },
  // ---- end of issue 9: competitions ----
  // ---- issue 10: personal DMs (one block, to ease merges) ----
  dm: {
    openThread: 'Open the match thread',
    levels: { off: 'Off', goals: 'Goals and results', cards: 'Plus cards and penalties', everything: 'Everything' },
    dmLevelSet: (level) => `Direct messages: ${level}.`,
    smsLevelSet: (level) => `Text messages: ${level}.`,
    smsNotSubscribed: 'You have no number subscribed for text messages yet: add one in Fanfare\'s App Home.',
    levelUsage: (command) => `Usage: \`/fanfare ${command} off|goals|cards|all\` or \`/fanfare ${command} streamers on|off\``,
    helpDm: 'choose which alerts come by direct message',
    helpSms: 'choose which alerts come by text message',
    homeHeader: 'Direct messages',
    streamsOn: 'Streamers by DM: on',
    streamsOff: 'Streamers by DM: off',
    helpDmStreams: 'turn alerts when streamers go live or offline by direct message on or off',
    helpSmsStreams: 'turn alerts when streamers go live or offline by text message on or off',
    smsStreamsOn: 'Streamers by SMS: on',
    smsStreamsOff: 'Streamers by SMS: off',
    smsOffSet: 'Text messages: off. Your number stays saved, so picking a level again needs no new code; `/fanfare stop` deletes it.',
    smsOffHome: (phone) => `Text alerts are off: nothing is sent to ${phone}, and the number stays saved. Pick a level below to get texts again; \`/fanfare stop\` deletes the number.`,
    statusSmsOff: (phone) => `SMS: off, your number ${phone} is kept (\`/fanfare stop\` deletes it)`,
  },
  // ---- issue 10: language (one block, to ease merges) ----
  language: {
    name: 'English',
    slackLanguage: 'Slack’s language',
    homeLabel: 'Language',
    chosen: 'Fanfare will now write to you in English.',
    auto: 'Fanfare will now write to you in your Slack language.',
    usage: 'Usage: `/fanfare language en-GB|pt-BR|fr-FR|es-ES|de-DE|auto`',
    help: 'choose the language Fanfare writes to you in (auto: your Slack language)',
  },
  // ---- issue 10: quiet hours and kick-off reminders (one block, to ease merges) ----
  quiet: {
    digestTitle: '🌙 While your quiet hours were on',
    digestSms: 'Quiet hours:',
    reminder: (teams, minutes, time, day, zone) => `⏰ ${teams} kicks off in ${minutes === 60 ? 'an hour' : `${minutes} minutes`}: ${day}, ${time} (${zone})`,
    quietSet: (window) => `Quiet hours: ${window}, in your time zone. Results that come in meanwhile arrive in one message when they end.`,
    quietOff: 'Quiet hours: off.',
    quietUsage: 'Usage: `/fanfare quiet 23:00-07:00` or `/fanfare quiet off`',
    remindSet: (minutes) => `Kick-off reminders: ${minutes} minutes before each match of your teams.`,
    remindOff: 'Kick-off reminders: off.',
    remindUsage: 'Usage: `/fanfare remind off|15|60`',
    helpQuiet: 'no alerts during these hours (your time zone); one summary afterwards',
    helpRemind: 'a DM 15 or 60 minutes before each match of your teams',
    homeQuiet: 'Quiet hours',
    homeQuietNone: 'No quiet hours: alerts come at any time.',
    homeQuietOff: 'No quiet hours',
    homeRemind: 'Kick-off reminder',
    remindOptions: { off: 'Off', '15': '15 minutes before', '60': '1 hour before' },
  },
};
