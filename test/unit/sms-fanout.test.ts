/**
 * The SMS fan-out (SPEC P3, S1): each subscriber's text in their language — their choice, else their
 * Slack locale when Fanfare speaks it, else LOCALE — rendered once per language, not once per member.
 */
import { describe, expect, it } from 'vitest';
import { Audience, type AudienceReader, type PersonalChoices } from '../../src/alerts/audience.js';
import { smsText } from '../../src/alerts/sms-text.js';
import type { MatchEventAlert } from '../../src/alerts/types.js';
import { createLogger } from '../../src/log.js';
import { SmsFanout } from '../../src/sms/fanout.js';
import type { OutboxItem } from '../../src/sms/outbox.js';
import { DEFAULT_PREFS } from '../../src/store/member-prefs.js';
import { FINAL_2022 } from '../fixtures/final-2022.js';

const match = FINAL_2022;
const goal: MatchEventAlert = {
  source: 'match', id: `${match.key}/1`, matchKey: match.key, revision: 0, minute: "23'", at: '2022-12-18T15:23:00Z', match, eventId: '1',
  kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 },
};

const MEMBERS: Record<string, Partial<PersonalChoices>> = {
  UBIA: { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' },
  UJONAS: { slackLocale: 'de-DE', timeZone: 'Europe/Berlin' },
  UCHOSE: { slackLocale: 'de-DE', language: 'fr-FR' },
  UHANA: { slackLocale: 'ja-JP', timeZone: 'Asia/Tokyo' },
  UNEW: {},
};

const reader: AudienceReader = {
  followersOfTeam: async () => Object.keys(MEMBERS),
  followersOfStreamer: async () => [],
  choices: async (ids) => ids.map((id) => ({ ...DEFAULT_PREFS, ...MEMBERS[id] })),
  subscriptions: async (ids) => ids.map((_, i) => ({ phone: `+4474001234${String(i).padStart(2, '0')}`, status: 'active' as const, alerts: 'goals' as const })),
};

describe('SmsFanout', () => {
  it('texts each subscriber in their own language, LOCALE for a language Fanfare does not speak', async () => {
    const queued: OutboxItem[] = [];
    const fanout = new SmsFanout({
      outbox: { enqueueBatch: async (batch) => void queued.push(...batch.flatMap((entry) => entry.items)) },
      audience: new Audience(reader),
      locale: 'es-ES',
      logger: createLogger('silent'),
    });
    await fanout.deliver([goal]);
    const textOf = (userId: string) => queued.find((item) => item.userId === userId)?.text;
    expect(textOf('UBIA')).toBe(smsText(goal, 'pt-BR'));
    expect(textOf('UJONAS')).toBe(smsText(goal, 'de-DE'));
    expect(textOf('UCHOSE')).toBe(smsText(goal, 'fr-FR'));
    expect(textOf('UHANA')).toBe(smsText(goal, 'es-ES'));
    expect(textOf('UNEW')).toBe(smsText(goal, 'es-ES'));
    expect(new Set(queued.map((item) => item.text)).size).toBe(4);
  });
});
