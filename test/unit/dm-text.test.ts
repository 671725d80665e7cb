/**
 * The DM renderer (SPEC P1, P2): one DM for a burst of one match, in each of the five languages, with the
 * thread link when there is one; a stream alert as its card. Pure: plain data in, Block Kit out.
 */
import { describe, expect, it } from 'vitest';
import { renderMatchDm, renderStreamDm } from '../../src/alerts/dm-text.js';
import { catalogue } from '../../src/alerts/i18n/index.js';
import { LOCALES } from '../../src/alerts/i18n/locales.js';
import type { MatchEventAlert, MatchEventDetail, MatchSummary, StreamAlert } from '../../src/alerts/types.js';
import { blockKitProblems, shownText } from '../fixtures/block-kit.js';

const match: MatchSummary = {
  key: 'fifa:17/285023/400021476',
  competitionName: 'FIFA World Cup',
  stageName: 'Final',
  groupName: null,
  kickoff: '2026-07-19T19:00:00Z',
  home: { id: 'fifa:43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
  away: { id: 'fifa:43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
  score: { home: 2, away: 0 },
  penalties: null,
  phase: 'first-half',
  minute: "36'",
  wentToExtraTime: false,
  winner: null,
};

function event(eventId: string, detail: MatchEventDetail, minute: string): MatchEventAlert {
  return { source: 'match', id: `${match.key}/${eventId}`, matchKey: match.key, revision: 0, minute, at: `2026-07-19T19:${minute.slice(0, 2)}:00Z`, match, eventId, ...detail };
}

const burst = [
  event('e3', { kind: 'goal', side: 'home', player: 'Lionel MESSI', method: 'penalty', score: { home: 1, away: 0 } }, "23'"),
  event('e4', { kind: 'card', side: 'away', player: 'Kylian MBAPPE', card: 'yellow' }, "25'"),
  event('e5', { kind: 'goal', side: 'home', player: 'Ángel DI MARÍA', method: 'open-play', score: { home: 2, away: 0 } }, "36'"),
];
const LINK = 'https://team.slack.com/archives/C0MATCHES/p1784487600000100';

describe('renderMatchDm', () => {
  for (const locale of LOCALES) {
    it(`puts a burst in one valid message, in ${locale}, with the thread link`, () => {
      const dm = renderMatchDm(burst, locale, LINK);
      expect(blockKitProblems({ blocks: dm.blocks }, 50)).toEqual([]);
      const c = catalogue(locale);
      const shown = shownText(dm.blocks);
      expect(shown).toContain('MESSI');
      expect(shown).toContain('DI MARÍA');
      expect(shown).toContain(`<${LINK}|${c.dm.openThread}>`);
      // The notification text names every alert, in order.
      expect(dm.text.split('\n')).toHaveLength(3);
      expect(dm.text.indexOf('MESSI')).toBeLessThan(dm.text.indexOf('DI MARÍA'));
    });
  }

  it('leaves the link out while the thread does not exist', () => {
    expect(JSON.stringify(renderMatchDm(burst, 'en-GB', null).blocks)).not.toContain('archives/');
  });
});

describe('renderStreamDm', () => {
  const live: StreamAlert = {
    source: 'stream',
    id: 'stream/141981764/s1/live',
    kind: 'stream-live',
    revision: 0,
    streamer: { id: '141981764', login: 'twitchdev', displayName: 'TwitchDev', profileImageUrl: null },
    stream: { id: 's1', userId: '141981764', title: 'Building *bots* <here>', gameName: 'Chess', viewerCount: 12, startedAt: '2026-06-01T18:00:00Z', thumbnailUrl: 'https://x/{width}x{height}.jpg' },
    sessionId: 's1',
    at: '2026-06-01T18:00:00Z',
  };

  it('shows the stream as its card, without images, its title escaped', () => {
    const dm = renderStreamDm(live, 'fr-FR', Date.parse('2026-06-01T18:01:00Z'));
    expect(blockKitProblems({ blocks: dm.blocks }, 50)).toEqual([]);
    expect(JSON.stringify(dm.blocks)).not.toContain('"image"');
    expect(shownText(dm.blocks)).toContain('&lt;here&gt;');
  });
});
