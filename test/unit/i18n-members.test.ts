import { withDefaults } from '../../src/store/competitions.js';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES, type Locale } from '../../src/alerts/i18n/locales.js';
import type { Team } from '../../src/football/types.js';
import { buildHome } from '../../src/slack/views/home.js';
import * as competitionMessages from '../../src/slack/views/competition-messages.js';
import * as messages from '../../src/slack/views/messages.js';
import type { Streamer } from '../../src/store/streamers.js';
import { DEFAULT_PREFS } from '../../src/store/member-prefs.js';
import type { Subscription } from '../../src/store/subscribers.js';
import { ACTIONS } from '../../src/slack/ids.js';
import { blockKitProblems, elementsWithAction, shownText } from '../fixtures/block-kit.js';

/** GSM 03.38 basic set, and the extension table whose characters cost two septets. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

/** Septets in one GSM-7 segment, or null when a character forces UCS-2. */
function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else return null;
  }
  return septets;
}

/** Every phrase of a section as shown: strings as they are, functions called with sample arguments. */
function phrases(section: object, path = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(section)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === 'string') out.push([at, value]);
    else if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => string;
      for (const args of [['X', 'Y'], ['X', null], [0], [1], [3]]) out.push([`${at}(${args.join(',')})`, fn(...args)]);
    } else if (value && typeof value === 'object') out.push(...phrases(value, at));
  }
  return out;
}

describe('SMS texts', () => {
  it.each(LOCALES)('%s: the code and the welcome are GSM-7 and fit one 160-character segment', (locale) => {
    const sms = catalogue(locale).sms;
    const texts = [sms.code('123456'), sms.code('1234567890', 15), sms.welcome()];
    for (const text of texts) {
      const septets = gsmSeptets(text);
      expect(septets, `"${text}" has a character outside GSM-7`).not.toBeNull();
      expect(septets!, text).toBeLessThanOrEqual(160);
    }
    expect(sms.code('123456')).toContain('123456');
    expect(sms.code('123456')).toContain('10');
    expect(sms.code('123456', 15)).toContain('15');
    expect(sms.welcome()).toContain('STOP');
    expect(sms.welcome()).toContain('Fanfare');
  });

  it('the GSM-7 check catches what would switch a text to UCS-2', () => {
    expect(gsmSeptets('Seu código')).toBeNull();
    expect(gsmSeptets('arrêter')).toBeNull();
    expect(gsmSeptets('Spielstand: 2–1')).toBeNull();
    expect(gsmSeptets('Répondez STOP, gültig')).toBe(21);
  });
});

describe('member phrases', () => {
  it.each(LOCALES)('%s carry no markup characters of their own', (locale) => {
    for (const [at, text] of phrases(catalogue(locale).members)) expect(text, at).not.toMatch(/[&<>]/);
  });

  it.each(LOCALES)('%s fit the Block Kit fields they go in', (locale) => {
    const { home, modals, alertLevels } = catalogue(locale).members;
    for (const text of [modals.subscribeTitle, modals.sendCode, modals.cancel, modals.confirm, modals.done, modals.problemTitle]) {
      expect(text.length, text).toBeLessThanOrEqual(24);
    }
    for (const text of [modals.close, modals.streamerTitle, modals.add]) expect(text.length, text).toBeLessThanOrEqual(24);
    for (const text of Object.values(alertLevels)) expect(text.length, text).toBeLessThanOrEqual(75);
    const buttons = [home.unfollow, home.addStreamer, home.remove, home.subscribe, home.changeNumber, home.stopSms, home.resume];
    for (const text of buttons) expect(text.length, text).toBeLessThanOrEqual(30);
    expect(home.stopConfirm.title.length).toBeLessThanOrEqual(100);
    expect(home.stopConfirm.text.length).toBeLessThanOrEqual(300);
    expect(home.stopConfirm.confirm.length).toBeLessThanOrEqual(30);
    expect(home.stopConfirm.deny.length).toBeLessThanOrEqual(30);
  });

  /** Words that are the same in English by design (a brand, a loanword). */
  const SAME_AS_ENGLISH = /^(modals\.problemTitle|modals\.codeLabel|messages\.helpArgs\.login|messages\.status(Teams|Streamers)\(.*)$/;

  it.each(LOCALES.filter((l) => l !== 'en-GB'))('%s is translated (nothing left in English)', (locale) => {
    const english = new Map(phrases(catalogue('en-GB').members));
    const same = phrases(catalogue(locale).members)
      .filter(([at, text]) => english.get(at) === text && !SAME_AS_ENGLISH.test(at))
      .map(([at]) => at);
    expect(same).toEqual([]);
  });

  it.each(LOCALES)('%s counts the code attempts left', (locale) => {
    const { wrongCode } = catalogue(locale).members.errors;
    expect(wrongCode(2)).toContain('2');
    expect(wrongCode(1)).toContain('1');
    expect(wrongCode(0)).not.toMatch(/\d/);
    expect(wrongCode(1)).not.toBe(wrongCode(2).replace('2', '1'));
  });
});

const brazil: Team = { id: '43924', name: 'Brazil', abbreviation: 'BRA', countryCode: 'BRA' };
const gaules: Streamer = { id: '181077473', login: 'gaules', displayName: 'Gaules', profileImageUrl: null };
const subscription = (status: Subscription['status']): Subscription => ({
  userId: 'U1',
  phone: '+5511961234567',
  status,
  alerts: 'cards',
  since: '2026-06-01T10:00:00Z',
  failure: '30005 Unknown destination handset',
});

function everyMessage(locale: Locale): messages.MemberMessage[] {
  return [
    messages.helpMessage(locale),
    messages.statusMessage(locale, { teams: [brazil], streamers: [gaules], subscription: subscription('active') }),
    messages.statusMessage(locale, { teams: [], streamers: [], subscription: null }),
    messages.statusMessage(locale, { teams: [], streamers: [], subscription: subscription('opted-out') }),
    messages.statusMessage(locale, { teams: [], streamers: [], subscription: subscription('failed') }),
    messages.statusMessage(locale, { teams: [], streamers: [], subscription: null, smsEnabled: false }),
    messages.statusMessage(locale, { teams: [], streamers: [], subscription: { ...subscription('active'), alerts: 'off' }, personal: { ...DEFAULT_PREFS, streamsOnSms: false } }),
    messages.followedMessage(locale, brazil),
    messages.unfollowedMessage(locale, brazil),
    messages.noTeamMessage(locale, 'brasil', [brazil]),
    messages.noTeamMessage(locale, 'zzz', []),
    messages.subscribePrompt(locale, '+55 11 96123 4567'),
    messages.subscribePrompt(locale, null),
    messages.smsStoppedMessage(locale),
    messages.smsStoppedMessage(locale, false),
    messages.smsUnavailableMessage(locale),
    messages.twitchUnavailableMessage(locale),
    messages.streamerAddedMessage(locale, gaules),
    messages.streamerRemovedMessage(locale, gaules),
    messages.unknownStreamerMessage(locale, 'nobody_here'),
    messages.notAllowedMessage(locale),
    messages.errorMessage(locale),
    messages.channelJoinProblem(locale, 'C0MATCHES'),
    messages.numberRejectedDm(locale, '+55 •••••••• 567', '30005 Unknown destination handset'),
    messages.numberRejectedDm(locale, '+55 •••••••• 567', null),
    competitionMessages.competitionsMessage(locale, [], null, true),
    competitionMessages.competitionsMessage(locale, [], null, false),
    competitionMessages.competitionAddedMessage(locale, 'Premier League', 'C0MATCHES', 'followed-teams'),
    competitionMessages.competitionAddedMessage(locale, 'FIFA World Cup', null, 'every-match'),
    competitionMessages.competitionAlreadyMessage(locale, 'Premier League'),
    competitionMessages.competitionRemovedMessage(locale, 'Premier League'),
    competitionMessages.competitionNotFollowedMessage(locale, 'Liga', ['Premier League']),
    competitionMessages.competitionNotFoundMessage(locale, 'zzz', []),
  ];
}

describe.each(LOCALES)('%s builds every view', (locale) => {
  it.each([null, 'active', 'opted-out', 'failed'] as const)('the Home (SMS %s, as an admin)', (status) => {
    const input = (l: Locale) => ({
      locale: l,
      teams: [brazil],
      allTeams: [brazil, { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' }],
      nextMatches: [],
      competitions: [
        { competition: withDefaults({ provider: 'espn' as const, id: 'eng.1', season: null }, 'Premier League'), name: 'Premier League', checked: true, live: [], next: null, failingSince: Date.parse('2026-12-04T10:00:00Z'), teamCount: 0 },
        { competition: withDefaults({ provider: 'fifa' as const, id: '17', season: null }), name: 'fifa:17', checked: false, live: [], next: null, failingSince: null, teamCount: 0 },
      ],
      streamers: [gaules],
      twitchEnabled: true,
      sms: { enabled: true, subscription: status ? subscription(status) : null },
      admin: { channel: null, streamsChannel: null },
    });
    const view = buildHome(input(locale));
    expect(blockKitProblems(view)).toEqual([]);
    if (locale !== 'en-GB') expect(shownText(view.blocks)).not.toBe(shownText(buildHome(input('en-GB')).blocks));
  });

  it('the Home at SMS off, with streamers by SMS off', () => {
    const input = (l: Locale) => ({
      locale: l,
      teams: [],
      allTeams: [brazil],
      nextMatches: [],
      competitions: [],
      streamers: [gaules],
      twitchEnabled: true,
      sms: { enabled: true, subscription: { ...subscription('active'), alerts: 'off' as const }, streamsOnSms: false },
      admin: null,
    });
    const view = buildHome(input(locale));
    expect(blockKitProblems(view)).toEqual([]);
    expect(shownText(view.blocks)).toContain('`/fanfare stop`');
    if (locale !== 'en-GB') expect(shownText(view.blocks)).not.toBe(shownText(buildHome(input('en-GB')).blocks));
  });

  it('every reply and DM', () => {
    for (const message of everyMessage(locale)) {
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.text.length).toBeLessThanOrEqual(3000);
      expect(blockKitProblems({ blocks: message.blocks ?? [] }, 50)).toEqual([]);
    }
  });
});

describe('replies and DMs', () => {
  it('help lists every /fanfare command, with its arguments shown literally', () => {
    const text = messages.helpMessage('en-GB').text;
    for (const command of ['help', 'follow &lt;team&gt;', 'unfollow &lt;team&gt;', 'streamer add &lt;login&gt;', 'streamer remove &lt;login&gt;', 'subscribe', 'status', 'stop']) {
      expect(text).toContain(`\`/fanfare ${command}`);
    }
    expect(text.replace(/&(lt|gt);/g, '')).not.toMatch(/[<>]/);
  });

  it.each(LOCALES)('%s: help lists SMS off and streamers on or off per sink, each in its own words', (locale) => {
    const text = messages.helpMessage(locale).text;
    const c = catalogue(locale).dm;
    expect(text).toContain(`\`/fanfare sms off|goals|cards|all\` – ${c.helpSms}`);
    expect(text).toContain(`\`/fanfare dm streamers on|off\` – ${c.helpDmStreams}`);
    expect(text).toContain(`\`/fanfare sms streamers on|off\` – ${c.helpSmsStreams}`);
    expect(c.helpDmStreams).not.toBe(c.helpSmsStreams);
    if (locale !== 'en-GB') expect(c.helpSmsStreams).not.toBe(catalogue('en-GB').dm.helpSmsStreams);
  });

  it.each(LOCALES)('%s: status at SMS off says the number is kept, with streamers by DM and by SMS', (locale) => {
    const c = catalogue(locale).dm;
    const off = { ...subscription('active'), alerts: 'off' as const };
    const text = messages.statusMessage(locale, { teams: [], streamers: [], subscription: off, personal: { ...DEFAULT_PREFS, streamsOnSms: false } }).text;
    expect(text).toContain(c.statusSmsOff('+55 •••••••• 567'));
    expect(text).toContain(c.streamsOn);
    expect(text).toContain(c.smsStreamsOff);
    expect(text).not.toContain('961234567');
    // Without a number, there is no SMS choice to show.
    const none = messages.statusMessage(locale, { teams: [], streamers: [], subscription: null, personal: DEFAULT_PREFS }).text;
    expect(none).not.toContain(c.smsStreamsOn);
  });

  it('status shows teams, streamers and the masked number with the chosen alerts', () => {
    const text = messages.statusMessage('en-GB', { teams: [brazil], streamers: [gaules], subscription: subscription('active') }).text;
    expect(text).toContain('Teams: 🇧🇷 *Brazil*');
    expect(text).toContain('Streamers: <https://www.twitch.tv/gaules|Gaules>');
    expect(text).toContain('SMS: to +55 •••••••• 567 (Goals, results, cards and penalties)');
    expect(text).not.toContain('961234567');
  });

  it('an unknown team echoes the query escaped and offers the closest teams', () => {
    const france: Team = { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' };
    const text = messages.noTeamMessage('en-GB', ' <!channel> ', [brazil, france]).text;
    expect(text).toBe('No team matches “&lt;!channel&gt;”. Did you mean 🇧🇷 *Brazil* or 🇫🇷 *France*?');
  });

  it('the subscribe prompt’s button opens the modal with the typed number', () => {
    const prompt = messages.subscribePrompt('en-GB', '+44 7400 123456');
    const [open] = elementsWithAction(prompt.blocks ?? [], ACTIONS.openSubscribe);
    expect(open).toMatchObject({ type: 'button', value: '+44 7400 123456' });
    expect(elementsWithAction(messages.subscribePrompt('en-GB', null).blocks ?? [], ACTIONS.openSubscribe)[0]).not.toHaveProperty('value');
  });

  it('asks for an invite to the channel by mention, and says nothing technical on errors', () => {
    expect(messages.channelJoinProblem('en-GB', 'C0MATCHES').text).toBe('I can’t post in <#C0MATCHES>. Please invite @Fanfare to it.');
    expect(messages.errorMessage('en-GB').text).toBe('Something went wrong on our side; please try again.');
  });

  it('tells a member why their number was rejected, escaping Twilio’s reason', () => {
    const text = messages.numberRejectedDm('en-GB', '+44 ••••••• 456', 'Unknown <handset>').text;
    expect(text).toContain('+44 ••••••• 456');
    expect(text).toContain('(Unknown &lt;handset&gt;)');
  });
});
