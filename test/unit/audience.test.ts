/**
 * The audience (SPEC P1, S1): who gets an alert on the DM and SMS sinks, levels × sinks × streams, read
 * in batches (one read of choices and one of subscriptions per alert, never one per follower).
 */
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceReader, type PersonalChoices, type SmsChoice } from '../../src/alerts/audience.js';
import type { SinkLevel } from '../../src/alerts/levels.js';
import type { MatchEventAlert, MatchEventDetail, StreamAlert } from '../../src/alerts/types.js';
import { DEFAULT_PREFS } from '../../src/store/member-prefs.js';
import { FINAL_2022 } from '../fixtures/final-2022.js';

const match = FINAL_2022;

function event(detail: MatchEventDetail, revision = 0): MatchEventAlert {
  return { source: 'match', id: `${match.key}/1`, matchKey: match.key, revision, minute: "23'", at: '2022-12-18T15:23:00Z', match, eventId: '1', ...detail };
}

const goal = event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } });
const card = event({ kind: 'card', side: 'away', player: null, card: 'yellow' });
const kickOff = event({ kind: 'period-start', period: 'first-half' });
const live: StreamAlert = {
  source: 'stream',
  id: 'stream/141981764/s1/live',
  kind: 'stream-live',
  revision: 0,
  streamer: { id: '141981764', login: 'twitchdev', displayName: 'TwitchDev', profileImageUrl: null },
  stream: { id: 's1', userId: '141981764', title: 'Hi', gameName: 'Chess', viewerCount: 1, startedAt: '2026-06-01T18:00:00Z', thumbnailUrl: '' },
  sessionId: 's1',
  at: '2026-06-01T18:00:00Z',
};

interface Member {
  dm?: SinkLevel;
  streamsOnDm?: boolean;
  streamsOnSms?: boolean;
  sms?: SmsChoice;
  teams?: string[];
  streamers?: string[];
  /** What the member context stored of them (SPEC P3). */
  seen?: Pick<PersonalChoices, 'language' | 'slackLocale' | 'timeZone'>;
}

function reader(members: Record<string, Member>) {
  const calls = { choices: 0, subscriptions: 0 };
  const followers = (pick: (m: Member) => string[] | undefined, id: string) =>
    Object.entries(members)
      .filter(([, m]) => pick(m)?.includes(id))
      .map(([userId]) => userId);
  const r: AudienceReader = {
    followersOfTeam: async (key) => followers((m) => m.teams, key),
    followersOfStreamer: async (id) => followers((m) => m.streamers, id),
    choices: async (ids) => {
      calls.choices += 1;
      return ids.map((id): PersonalChoices => {
        const m = members[id] ?? {};
        return { ...DEFAULT_PREFS, ...(m.dm ? { dm: m.dm } : {}), ...(m.streamsOnDm === false ? { streamsOnDm: false } : {}), ...(m.streamsOnSms === false ? { streamsOnSms: false } : {}), ...m.seen };
      });
    },
    subscriptions: async (ids) => {
      calls.subscriptions += 1;
      return ids.map((id) => members[id]?.sms);
    },
  };
  return { reader: r, calls };
}

const sms = (alerts: SmsChoice['alerts'], status: SmsChoice['status'] = 'active'): SmsChoice => ({ phone: '+447400123456', status, alerts });

describe('Audience', () => {
  const LEVELS: SinkLevel[] = ['off', 'goals', 'cards', 'everything'];
  const EXPECTED: Record<SinkLevel, [boolean, boolean, boolean]> = {
    off: [false, false, false],
    goals: [true, false, false],
    cards: [true, true, false],
    everything: [true, true, true],
  };

  for (const level of LEVELS) {
    it(`DM level ${level}: goal, card, kick-off → ${EXPECTED[level].join(', ')}`, async () => {
      const { reader: r } = reader({ U1: { dm: level, teams: ['fifa:43922'] } });
      const audience = new Audience(r);
      const got = await Promise.all([goal, card, kickOff].map(async (a) => (await audience.of(a, 'dm')).length === 1));
      expect(got).toEqual(EXPECTED[level]);
    });
  }

  for (const level of ['goals', 'cards', 'everything'] as const) {
    it(`SMS level ${level} is the subscription's, whatever the DM level`, async () => {
      const { reader: r } = reader({ U1: { dm: 'off', teams: ['fifa:43946'], sms: sms(level) } });
      const audience = new Audience(r);
      const got = await Promise.all([goal, card, kickOff].map(async (a) => (await audience.of(a, 'sms')).map((x) => x.phone)));
      expect(got.map((phones) => phones.length === 1)).toEqual(EXPECTED[level]);
      expect(got[0]).toEqual(['+447400123456']);
    });
  }

  it('defaults to DMs for goals and results', async () => {
    const { reader: r } = reader({ U1: { teams: ['fifa:43922'] } });
    const audience = new Audience(r);
    expect(await audience.of(goal, 'dm')).toEqual([{ userId: 'U1' }]);
    expect(await audience.of(card, 'dm')).toEqual([]);
  });

  it('sends SMS only to active subscriptions, and nobody gets an edit again', async () => {
    const { reader: r } = reader({
      U1: { teams: ['fifa:43922'], sms: sms('everything', 'opted-out') },
      U2: { teams: ['fifa:43922'], sms: sms('everything', 'failed') },
      U3: { teams: ['fifa:43922'] },
    });
    const audience = new Audience(r);
    expect(await audience.of(goal, 'sms')).toEqual([]);
    expect(await audience.of({ ...goal, revision: 1 }, 'dm')).toEqual([]);
  });

  it('sends stream alerts per sink by the streams switch; DMs off means none', async () => {
    const { reader: r } = reader({
      U1: { streamers: ['141981764'], sms: sms('goals') },
      U2: { streamers: ['141981764'], streamsOnDm: false, streamsOnSms: false, sms: sms('everything') },
      U3: { streamers: ['141981764'], dm: 'off' },
    });
    const audience = new Audience(r);
    expect((await audience.of(live, 'dm')).map((x) => x.userId)).toEqual(['U1']);
    expect((await audience.of(live, 'sms')).map((x) => x.userId)).toEqual(['U1']);
  });

  it('texts nothing at SMS off, streamers included, while the number is kept and DMs still come', async () => {
    const { reader: r } = reader({ U1: { dm: 'everything', teams: ['fifa:43922'], streamers: ['141981764'], sms: sms('off') } });
    const audience = new Audience(r);
    for (const alert of [goal, card, kickOff, live]) {
      expect(await audience.of(alert, 'sms'), alert.id).toEqual([]);
      expect((await audience.of(alert, 'dm')).map((x) => x.userId), alert.id).toEqual(['U1']);
    }
  });

  it('with streamers by SMS off, texts no stream alert but still texts goals', async () => {
    const { reader: r } = reader({ U1: { teams: ['fifa:43922'], streamers: ['141981764'], streamsOnSms: false, sms: sms('goals') } });
    const audience = new Audience(r);
    expect(await audience.of(live, 'sms')).toEqual([]);
    expect((await audience.of(goal, 'sms')).map((x) => x.phone)).toEqual(['+447400123456']);
    expect((await audience.of(live, 'dm')).map((x) => x.userId)).toEqual(['U1']);
  });

  it('counts a member following both teams once, and reads choices and subscriptions once per alert', async () => {
    const members: Record<string, Member> = { UBOTH: { teams: ['fifa:43922', 'fifa:43946'], sms: sms('goals') } };
    for (let i = 0; i < 500; i += 1) members[`U${i}`] = { teams: [i % 2 ? 'fifa:43922' : 'fifa:43946'], sms: sms('goals') };
    const { reader: r, calls } = reader(members);
    const audience = new Audience(r);
    expect(await audience.of(goal, 'dm')).toHaveLength(501);
    expect(await audience.of(goal, 'sms')).toHaveLength(501);
    expect(calls).toEqual({ choices: 2, subscriptions: 1 });
  });

  it('hands each recipient their language, Slack locale and time zone, on both sinks (SPEC P3)', async () => {
    const { reader: r } = reader({
      U1: { teams: ['fifa:43922'], seen: { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' } },
      U2: { teams: ['fifa:43922'], seen: { language: 'fr-FR', slackLocale: 'de-DE', timeZone: 'Europe/Berlin' }, sms: sms('goals') },
      U3: { teams: ['fifa:43922'] },
    });
    const audience = new Audience(r);
    expect(await audience.of(goal, 'dm')).toEqual([
      { userId: 'U1', slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' },
      { userId: 'U2', language: 'fr-FR', slackLocale: 'de-DE', timeZone: 'Europe/Berlin' },
      { userId: 'U3' },
    ]);
    expect(await audience.of(goal, 'sms')).toEqual([{ userId: 'U2', language: 'fr-FR', slackLocale: 'de-DE', timeZone: 'Europe/Berlin', phone: '+447400123456' }]);
  });
});
