/**
 * Quiet hours in the audience (SPEC P4): levels × sinks × quiet. A member in their quiet hours (on their
 * own clock, whatever the machine's zone) is in no sink's audience, and `held` names them with the end of
 * their quiet hours, for DM and SMS alike; a member who would get nothing is never held.
 */
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceReader, type PersonalChoices, type SmsChoice } from '../../src/alerts/audience.js';
import type { SinkLevel } from '../../src/alerts/levels.js';
import type { QuietHours } from '../../src/alerts/quiet-hours.js';
import type { MatchEventAlert, MatchEventDetail, MatchSummary } from '../../src/alerts/types.js';
import { DEFAULT_PREFS } from '../../src/store/member-prefs.js';

const ARG = 'fifa:43922';
const match: MatchSummary = {
  key: 'fifa:17/255711/400128145',
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  kickoff: '2022-12-18T15:00:00Z',
  home: { id: ARG, name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: 'fifa:43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 1, away: 0 },
  penalties: null,
  phase: 'first-half',
  minute: "23'",
  wentToExtraTime: false,
  winner: null,
};
let n = 0;
function event(detail: MatchEventDetail): MatchEventAlert {
  n += 1;
  return { source: 'match', id: `${match.key}/${n}`, matchKey: match.key, revision: 0, minute: "23'", at: '2022-12-18T15:23:00Z', match, eventId: String(n), ...detail };
}
const goal = () => event({ kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } });
const card = () => event({ kind: 'card', side: 'away', player: null, card: 'yellow' });

interface Member {
  dm: SinkLevel;
  sms?: SmsChoice['alerts'];
  quietHours?: QuietHours;
  timeZone?: string;
}

function audience(members: Record<string, Member>, now: () => number): Audience {
  const reader: AudienceReader = {
    followersOfTeam: async (key) => (key === ARG ? Object.keys(members) : []),
    followersOfStreamer: async () => [],
    choices: async (ids) =>
      ids.map((id): PersonalChoices => {
        const m = members[id] as Member;
        return { ...DEFAULT_PREFS, dm: m.dm, ...(m.quietHours ? { quietHours: m.quietHours } : {}), ...(m.timeZone ? { timeZone: m.timeZone } : {}) };
      }),
    subscriptions: async (ids) => ids.map((id) => (members[id]?.sms ? { phone: '+447400123456', status: 'active' as const, alerts: members[id].sms } : undefined)),
  };
  return new Audience(reader, { now });
}

const NIGHT: QuietHours = { from: '23:00', to: '07:00' };
// 03:00 UTC: 04:00 in Berlin (quiet), 00:00 in São Paulo (quiet), 12:00 in Tokyo (awake), 03:00 in UTC (quiet).
const AT = Date.parse('2026-12-05T03:00:00Z');

describe('Audience and quiet hours', () => {
  for (const [zone, quiet] of [['Europe/Berlin', true], ['America/Sao_Paulo', true], ['Asia/Tokyo', false], [undefined, true]] as const) {
    for (const sink of ['dm', 'sms'] as const) {
      it(`${sink}: a member whose night is 23:00–07:00 in ${zone ?? 'UTC (no zone)'} ${quiet ? 'gets nothing at 03:00 UTC' : 'gets the goal'}`, async () => {
        const a = audience({ U1: { dm: 'goals', sms: 'goals', quietHours: NIGHT, ...(zone ? { timeZone: zone } : {}) } }, () => AT);
        const alert = goal();
        expect((await a.of(alert, sink)).map((r) => r.userId)).toEqual(quiet ? [] : ['U1']);
        expect((await a.held(alert)).map((h) => h.userId)).toEqual(quiet ? ['U1'] : []);
      });
    }
  }

  it('holds a member until the end of their quiet hours on their own clock', async () => {
    const a = audience({ BER: { dm: 'goals', quietHours: NIGHT, timeZone: 'Europe/Berlin' }, SAO: { dm: 'goals', quietHours: NIGHT, timeZone: 'America/Sao_Paulo' } }, () => AT);
    expect(await a.held(goal())).toEqual([
      { userId: 'BER', until: Date.parse('2026-12-05T06:00:00Z') },
      { userId: 'SAO', until: Date.parse('2026-12-05T10:00:00Z') },
    ]);
  });

  it('levels still decide: only those who would get the alert on some sink are held', async () => {
    const a = audience(
      {
        GOALS: { dm: 'goals', quietHours: NIGHT },
        CARDS: { dm: 'cards', quietHours: NIGHT },
        OFF: { dm: 'off', quietHours: NIGHT },
        SMS_CARDS: { dm: 'off', sms: 'cards', quietHours: NIGHT },
        AWAKE: { dm: 'everything' },
      },
      () => AT,
    );
    const alert = card();
    expect((await a.held(alert)).map((h) => h.userId).sort()).toEqual(['CARDS', 'SMS_CARDS']);
    expect((await a.of(alert, 'dm')).map((r) => r.userId)).toEqual(['AWAKE']);
    expect(await a.of(alert, 'sms')).toEqual([]);
  });

  it('decides once per alert: the DM and the SMS sinks agree even when the quiet hours end between their questions', async () => {
    let clock = Date.parse('2026-12-05T06:59:59Z');
    const a = audience({ U1: { dm: 'goals', sms: 'goals', quietHours: NIGHT } }, () => clock);
    const alert = goal();
    expect(await a.of(alert, 'dm')).toEqual([]);
    clock = Date.parse('2026-12-05T07:00:01Z');
    expect(await a.of(alert, 'sms')).toEqual([]);
    expect((await a.held(alert)).map((h) => h.userId)).toEqual(['U1']);
    // A new alert after the end reaches them.
    expect((await a.of(goal(), 'sms')).map((r) => r.userId)).toEqual(['U1']);
  });
});
