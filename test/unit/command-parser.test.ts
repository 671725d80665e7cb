import { describe, expect, it } from 'vitest';
import { parseCommand, parseLogin, parseMention, type FanfareCommand } from '../../src/slack/command-parser.js';

describe('parseCommand (/fanfare …)', () => {
  const cases: [text: string, expected: FanfareCommand][] = [
    // Help.
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['help follow', { kind: 'help' }],
    ['?', { kind: 'help' }],

    // Follow / unfollow keep the name as typed, inner spaces and punctuation included.
    ['follow Brazil', { kind: 'follow', team: 'Brazil' }],
    ['FOLLOW argentina', { kind: 'follow', team: 'argentina' }],
    ["follow Côte d'Ivoire", { kind: 'follow', team: "Côte d'Ivoire" }],
    ['follow "South Korea"', { kind: 'follow', team: 'South Korea' }],
    ['follow “South Korea”', { kind: 'follow', team: 'South Korea' }],
    ["follow 'Côte d'Ivoire'", { kind: 'follow', team: "Côte d'Ivoire" }],
    ['follow   Bosnia   and  Herzegovina  ', { kind: 'follow', team: 'Bosnia and Herzegovina' }],
    ['follow Trinidad &amp; Tobago', { kind: 'follow', team: 'Trinidad & Tobago' }],
    ['unfollow Brazil', { kind: 'unfollow', team: 'Brazil' }],
    ['Unfollow U.S.A.', { kind: 'unfollow', team: 'U.S.A.' }],
    ['follow', { kind: 'missing-argument', command: 'follow' }],
    ['follow   ', { kind: 'missing-argument', command: 'follow' }],
    ['follow ""', { kind: 'missing-argument', command: 'follow' }],
    ['unfollow', { kind: 'missing-argument', command: 'unfollow' }],

    // Competitions (issue 9): a list for everyone, add/remove by name or provider:id.
    ['competitions', { kind: 'competitions' }],
    ['competition', { kind: 'competitions' }],
    ['Competitions list', { kind: 'competitions' }],
    ['competition add Premier League', { kind: 'competition-add', query: 'Premier League' }],
    ['competition add espn:eng.1', { kind: 'competition-add', query: 'espn:eng.1' }],
    ['competitions add "La Liga"', { kind: 'competition-add', query: 'La Liga' }],
    ['competition remove   world   cup ', { kind: 'competition-remove', query: 'world cup' }],
    ['league rm fifa:17', { kind: 'competition-remove', query: 'fifa:17' }],
    ['competition add', { kind: 'missing-argument', command: 'competition add' }],
    ['competition remove', { kind: 'missing-argument', command: 'competition remove' }],

    // Streamers.
    ['streamer add shroud', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add Shroud', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add @Shroud', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add https://twitch.tv/Shroud', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add https://www.twitch.tv/shroud/videos?filter=all', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add twitch.tv/Shroud', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add <https://twitch.tv/Shroud>', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add <https://twitch.tv/Shroud|twitch.tv/Shroud>', { kind: 'streamer-add', login: 'shroud' }],
    ['streamer add shroud please', { kind: 'streamer-add', login: 'shroud' }],
    ['streamers add pokimane', { kind: 'streamer-add', login: 'pokimane' }],
    ['STREAMER ADD Summit1G', { kind: 'streamer-add', login: 'summit1g' }],
    ['streamer remove shroud', { kind: 'streamer-remove', login: 'shroud' }],
    ['streamer rm @Shroud', { kind: 'streamer-remove', login: 'shroud' }],
    ['streamers remove shroud', { kind: 'streamer-remove', login: 'shroud' }],
    ['streamer delete shroud', { kind: 'streamer-remove', login: 'shroud' }],
    ['streamer add', { kind: 'missing-argument', command: 'streamer add' }],
    ['streamer rm', { kind: 'missing-argument', command: 'streamer remove' }],
    ['streamer remove   ', { kind: 'missing-argument', command: 'streamer remove' }],
    ['streamer', { kind: 'unknown', text: 'streamer' }],
    ['streamer list', { kind: 'unknown', text: 'streamer list' }],
    ['streamer add sh!roud', { kind: 'unknown', text: 'streamer add sh!roud' }],

    // Subscribe: the number is returned as typed, for the phone flow to check.
    ['subscribe', { kind: 'subscribe', number: null }],
    ['subscribe +44 7400 123456', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['Subscribe   +1 (555) 010-0199 ', { kind: 'subscribe', number: '+1 (555) 010-0199' }],
    ['subscribe <tel:+447400123456|+44 7400 123456>', { kind: 'subscribe', number: '+44 7400 123456' }],

    // Status and stop.
    ['status', { kind: 'status' }],
    ['Status please', { kind: 'status' }],
    ['stop', { kind: 'stop' }],
    ['STOP', { kind: 'stop' }],
    ['unsubscribe', { kind: 'stop' }],

    // Personal alert levels (SPEC P1).
    ['dm off', { kind: 'dm-level', level: 'off' }],
    ['DM Goals', { kind: 'dm-level', level: 'goals' }],
    ['dm cards', { kind: 'dm-level', level: 'cards' }],
    ['dm all', { kind: 'dm-level', level: 'everything' }],
    ['dm loud', { kind: 'dm-level', level: null }],
    ['dm', { kind: 'dm-level', level: null }],
    ['sms all', { kind: 'sms-level', level: 'everything' }],
    ['sms goals', { kind: 'sms-level', level: 'goals' }],
    ['sms off', { kind: 'sms-level', level: 'off' }],
    ['sms loud', { kind: 'sms-level', level: null }],
    ['dm streamers on', { kind: 'streams', sink: 'dm', on: true }],
    ['DM Streamers OFF', { kind: 'streams', sink: 'dm', on: false }],
    ['sms streamers off', { kind: 'streams', sink: 'sms', on: false }],
    ['sms streamer on', { kind: 'streams', sink: 'sms', on: true }],
    ['sms twitch no', { kind: 'streams', sink: 'sms', on: false }],
    ['sms streamers', { kind: 'streams', sink: 'sms', on: null }],
    ['dm streamers maybe', { kind: 'streams', sink: 'dm', on: null }],

    // Anything else.
    ['dance', { kind: 'unknown', text: 'dance' }],
    ['  what is this  ', { kind: 'unknown', text: 'what is this' }],
    ['followers', { kind: 'unknown', text: 'followers' }],
  ];

  it.each(cases)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('parseMention (@Fanfare …)', () => {
  const cases: [text: string, expected: ReturnType<typeof parseMention>][] = [
    ['<@U123> subscribe +44 7400 123456', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['<@U123|fanfare> SUBSCRIBE +44 7400 123456', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['  <@U123>   subscribe   +44 7400 123456  ', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['<@U123> subscribe <tel:+447400123456|+44 7400 123456>', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['<@U123> subscribe', { kind: 'subscribe', number: null }],
    ['subscribe <@U123> +44 7400 123456', { kind: 'subscribe', number: '+44 7400 123456' }],
    ['<@U999> <@U123> subscribe +33 6 12 34 56 78', { kind: 'subscribe', number: '+33 6 12 34 56 78' }],
    ['<@U123>', { kind: 'help' }],
    ['<@U123> help', { kind: 'help' }],
    ['<@U123> hello there', { kind: 'help' }],
    ['<@U123> subscribed?', { kind: 'help' }],
    ['', { kind: 'help' }],
  ];

  it.each(cases)('%j', (text, expected) => {
    expect(parseMention(text)).toEqual(expected);
  });
});

describe('parseLogin (add-streamer modal)', () => {
  const cases: [text: string, expected: string | null][] = [
    ['shroud', 'shroud'],
    ['  Shroud  ', 'shroud'],
    ['@Shroud', 'shroud'],
    ['https://www.twitch.tv/Shroud', 'shroud'],
    ['m.twitch.tv/shroud/', 'shroud'],
    ['"shroud"', 'shroud'],
    ['summit_1g', 'summit_1g'],
    ['', null],
    ['@', null],
    ['https://twitch.tv/', null],
    ['two words', null],
    ['sh!roud', null],
    ['a'.repeat(26), null],
  ];

  it.each(cases)('%j → %j', (text, expected) => {
    expect(parseLogin(text)).toBe(expected);
  });
});

describe('parseCommand: language (SPEC P3)', () => {
  it.each<[string, FanfareCommand]>([
    ['language pt-BR', { kind: 'language', language: 'pt-BR' }],
    ['language pt-br', { kind: 'language', language: 'pt-BR' }],
    ['lang de_DE', { kind: 'language', language: 'de-DE' }],
    ['Language FR-fr', { kind: 'language', language: 'fr-FR' }],
    ['language auto', { kind: 'language', language: 'auto' }],
    ['language ja-JP', { kind: 'language', language: null }],
    ['language', { kind: 'language', language: null }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
