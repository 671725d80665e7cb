import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../src/alerts/i18n/locales.js';
import { smsSegments, streamSmsText } from '../../src/alerts/sms-text.js';
import {
  formatDuration,
  renderStreamCard,
  renderStreamEndedReply,
  type StreamCardInput,
} from '../../src/alerts/stream-card.js';
import type { ObservedStream, StreamAlert, StreamerRef } from '../../src/twitch/types.js';
import { blockKitProblems, shownText, walk } from '../fixtures/block-kit.js';

const shroud: StreamerRef = {
  id: '37402112',
  login: 'shroud',
  displayName: 'shroud',
  profileImageUrl: 'https://static-cdn.jtvnw.net/jtv_user_pictures/shroud-profile_image-300x300.png',
};

const STARTED = '2026-06-15T18:04:30Z';
/** 2 h 13 min after the start, 42 s into a minute. */
const NOW = Date.parse('2026-06-15T20:17:42Z');

function stream(overrides: Partial<ObservedStream> = {}): ObservedStream {
  return {
    id: '41375541868',
    userId: shroud.id,
    title: 'Ranked grind',
    gameName: 'VALORANT',
    viewerCount: 12345,
    startedAt: STARTED,
    thumbnailUrl: 'https://static-cdn.jtvnw.net/previews-ttv/live_user_shroud-{width}x{height}.jpg',
    ...overrides,
  };
}

function card(overrides: Partial<StreamCardInput> = {}, locale: Locale = 'en-GB') {
  return renderStreamCard({ streamer: shroud, stream: stream(), live: true, withImages: true, now: NOW, ...overrides }, locale);
}

function alert(kind: StreamAlert['kind'], overrides: Partial<StreamAlert> = {}): StreamAlert {
  return {
    source: 'stream',
    id: `stream/${shroud.id}/41375541868/${kind === 'stream-live' ? 'live' : 'offline'}`,
    kind,
    revision: 0,
    streamer: shroud,
    stream: stream(),
    sessionId: '41375541868',
    at: kind === 'stream-live' ? STARTED : '2026-06-15T20:17:30Z',
    ...(kind === 'stream-offline' ? { durationSeconds: 2 * 3600 + 13 * 60 } : {}),
    ...overrides,
  };
}

/** Every image Slack would have to download: image blocks and accessories. */
function images(blocks: unknown[]): { url: string; alt: string }[] {
  const found: { url: string; alt: string }[] = [];
  walk(blocks, (node) => {
    if (node.type === 'image') found.push({ url: String(node.image_url), alt: String(node.alt_text) });
  });
  return found;
}

const HOSTILE = '<!channel> *bold* <https://evil|x> & co';

describe('live card', () => {
  it('names the streamer with a link to the channel, the title, game, viewers and start time', () => {
    const msg = card();
    const shown = shownText(msg.blocks);
    expect(msg.text).toBe('shroud is live: Ranked grind');
    expect(shown).toContain('🔴 *LIVE* · *<https://www.twitch.tv/shroud|shroud>*\nRanked grind');
    expect(shown).toContain('🎮 VALORANT');
    expect(shown).toContain('12,345 viewers');
    // Each reader sees the start in their own time zone; the fallback says the UTC time.
    expect(shown).toContain(`Started <!date^${Date.parse(STARTED) / 1000}^{time}|18:04 UTC>`);
    expect(blockKitProblems(msg, 50)).toEqual([]);
  });

  it('shows the live thumbnail at 1280×720 and the profile picture beside the name', () => {
    const msg = card();
    const [profile, thumbnail] = images(msg.blocks);
    expect(profile!.url).toBe(shroud.profileImageUrl);
    const minute = Math.floor(NOW / 60_000) * 60;
    expect(thumbnail!.url).toBe(`https://static-cdn.jtvnw.net/previews-ttv/live_user_shroud-1280x720.jpg?t=${minute}`);
    expect(thumbnail!.alt).toContain('shroud');
    expect(msg.blocks.at(-1)).toMatchObject({ type: 'image' });
  });

  it('carries no image at all without images, so Slack has nothing to fail to download', () => {
    const msg = card({ withImages: false });
    expect(images(msg.blocks)).toEqual([]);
    expect(shownText(msg.blocks)).toContain('Ranked grind');
    expect(blockKitProblems(msg, 50)).toEqual([]);
  });

  it('leaves out a profile picture the streamer does not have, or one that is not https', () => {
    for (const profileImageUrl of [null, '', 'http://example.test/p.png']) {
      const msg = card({ streamer: { ...shroud, profileImageUrl } });
      expect(images(msg.blocks).map((i) => i.url)).toEqual([expect.stringContaining('1280x720')]);
    }
  });

  it('busts the thumbnail cache once a minute, not on every refresh', () => {
    const url = (now: number): string => images(card({ now }).blocks).at(-1)!.url;
    const minuteStart = Math.floor(NOW / 60_000) * 60_000;
    expect(url(minuteStart)).toBe(url(minuteStart + 59_999));
    expect(url(minuteStart + 60_000)).not.toBe(url(minuteStart));
    expect(url(minuteStart + 60_000)).toMatch(new RegExp(`\\?t=${minuteStart / 1000 + 60}$`));
  });

  it('counts viewers in each language, singular for one', () => {
    expect(shownText(card({ stream: stream({ viewerCount: 1 }) }).blocks)).toContain('👀 1 viewer ·');
    expect(shownText(card({}, 'de-DE').blocks)).toContain('12.345 Zuschauer');
    expect(shownText(card({}, 'pt-BR').blocks)).toContain('12.345 espectadores');
    expect(shownText(card({ stream: stream({ viewerCount: 1 }) }, 'es-ES').blocks)).toContain('1 espectador ·');
  });
});

describe('text from Twitch is inert', () => {
  const hostile = card({
    streamer: { ...shroud, displayName: '<!here>&' },
    stream: stream({ title: HOSTILE, gameName: '<@U123> & <#C1>' }),
  });

  it('escapes the title, game and name in the blocks and the notification text', () => {
    const everything = JSON.stringify(hostile.blocks) + hostile.text;
    for (const raw of ['<!channel>', '<!here>', '<https://evil', '<@U123>', '<#C1>', ' & ']) expect(everything).not.toContain(raw);
    expect(shownText(hostile.blocks)).toContain('&lt;!channel&gt; *bold* &lt;https://evil|x&gt; &amp; co');
    expect(shownText(hostile.blocks)).toContain('🎮 &lt;@U123&gt; &amp; &lt;#C1&gt;');
    expect(hostile.text).toBe('&lt;!here&gt;&amp; is live: &lt;!channel&gt; *bold* &lt;https://evil|x&gt; &amp; co');
  });

  it('marks every mrkdwn text verbatim so Slack adds no links or mentions', () => {
    expect(blockKitProblems(hostile, 50)).toEqual([]);
    let mrkdwn = 0;
    walk(hostile.blocks, (node) => {
      if (node.type === 'mrkdwn') mrkdwn++;
    });
    expect(mrkdwn).toBeGreaterThanOrEqual(2);
  });

  it('builds the channel link from the login, encoded', () => {
    const msg = card({ streamer: { ...shroud, login: 'a|b>c' } });
    expect(shownText(msg.blocks)).toContain('<https://www.twitch.tv/a%7Cb%3Ec|shroud>');
  });

  it('clips a very long title without breaking an entity, within Slack’s limits', () => {
    const long = card({ stream: stream({ title: `${'&'.repeat(2000)}${'x'.repeat(5000)}` }) });
    const section = shownText([long.blocks[0]]);
    const title = section.split('\n')[1]!;
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title).toMatch(/^(&amp;)+…$/);
    expect(long.text.length).toBeLessThanOrEqual(3000);
    expect(blockKitProblems(long, 50)).toEqual([]);
  });

  it('keeps a multi-line title on the title line', () => {
    const msg = card({ stream: stream({ title: 'Ranked\n\ngrind\t today ' }) });
    expect(msg.text).toBe('shroud is live: Ranked grind today');
  });
});

describe('empty title and game', () => {
  it.each(LOCALES)('%s: an untitled broadcast says so, and no game is shown', (locale) => {
    for (const title of ['', '   ']) {
      const msg = card({ stream: stream({ title, gameName: '' }) }, locale);
      const shown = shownText(msg.blocks);
      const untitled = { 'en-GB': 'Untitled broadcast', 'pt-BR': 'Transmissão sem título', 'fr-FR': 'Live sans titre', 'es-ES': 'Directo sin título', 'de-DE': 'Stream ohne Titel' }[locale];
      expect(shown).toContain(`\n${untitled}`);
      expect(msg.text).toContain(untitled);
      expect(shown).not.toContain('🎮');
      expect(blockKitProblems(msg, 50)).toEqual([]);
    }
  });
});

describe('ended card', () => {
  const ended = (withImages: boolean, locale: Locale = 'en-GB') =>
    card({ live: false, endedDurationSeconds: 2 * 3600 + 13 * 60 + 59, withImages }, locale);

  it('is the same card saying it ended and for how long, without viewers or the live thumbnail', () => {
    const msg = ended(true);
    const shown = shownText(msg.blocks);
    expect(shown).toContain('⚫ *Ended · 2 h 13 min* · *<https://www.twitch.tv/shroud|shroud>*\nRanked grind');
    expect(shown).toContain('🎮 VALORANT');
    expect(shown).not.toContain('LIVE');
    expect(shown).not.toContain('viewers');
    expect(msg.text).toBe('shroud was live for 2 h 13 min');
    expect(images(msg.blocks).map((i) => i.url)).toEqual([shroud.profileImageUrl]);
    expect(blockKitProblems(msg, 50)).toEqual([]);
  });

  it('has no image without images', () => {
    expect(images(ended(false).blocks)).toEqual([]);
  });

  it('says "ended" alone when the duration is unknown', () => {
    const msg = card({ live: false });
    expect(shownText(msg.blocks)).toContain('⚫ *Ended* ·');
    expect(msg.text).toBe('shroud is offline');
  });

  it.each(LOCALES)('%s words it in the language', (locale) => {
    if (locale !== 'en-GB') {
      expect(ended(true, locale).text).not.toBe(ended(true, 'en-GB').text);
      expect(card({}, locale).text).not.toBe(card().text);
    }
    // The phrases add no markup of their own: what is left after the link and date token is plain.
    const plain = (s: string) => s.replace(/<https:\/\/www\.twitch\.tv\/shroud\|shroud>/g, '').replace(/<!date\^\d+\^\{time\}\|[^<>]+>/g, '');
    for (const msg of [ended(true, locale), card({}, locale)]) expect(plain(shownText(msg.blocks) + msg.text)).not.toMatch(/[&<>]/);
  });
});

describe('ended reply', () => {
  it('gives the duration', () => {
    const reply = renderStreamEndedReply(alert('stream-offline'), 'en-GB');
    expect(reply.text).toBe('Stream ended after 2 h 13 min');
    expect(shownText(reply.blocks)).toContain('Stream ended after 2 h 13 min');
    expect(blockKitProblems(reply, 50)).toEqual([]);
  });

  it('works the duration out from the start when the alert has none', () => {
    const reply = renderStreamEndedReply(alert('stream-offline', { durationSeconds: undefined, at: '2026-06-15T18:50:00Z' }), 'en-GB');
    expect(reply.text).toBe('Stream ended after 45 min');
  });

  it('says only that it ended when no duration can be known', () => {
    const reply = renderStreamEndedReply(alert('stream-offline', { durationSeconds: undefined, stream: stream({ startedAt: '' }) }), 'en-GB');
    expect(reply.text).toBe('Stream ended');
  });

  it.each(LOCALES)('%s', (locale) => {
    const expected = {
      'en-GB': 'Stream ended after 2 h 13 min',
      'pt-BR': 'Transmissão encerrada após 2 h 13 min',
      'fr-FR': 'Live terminé après 2 h 13 min',
      'es-ES': 'Directo terminado tras 2 h 13 min',
      'de-DE': 'Stream nach 2 Std. 13 Min. beendet',
    }[locale];
    expect(renderStreamEndedReply(alert('stream-offline'), locale).text).toBe(expected);
  });
});

describe('formatDuration', () => {
  const cases: [number, Record<'en' | 'de', string>][] = [
    [0, { en: '0 min', de: '0 Min.' }],
    [59, { en: '0 min', de: '0 Min.' }],
    [45 * 60, { en: '45 min', de: '45 Min.' }],
    [2 * 3600 + 13 * 60 + 30, { en: '2 h 13 min', de: '2 Std. 13 Min.' }],
    [25 * 3600, { en: '25 h', de: '25 Std.' }],
    [-30, { en: '0 min', de: '0 Min.' }],
    [Number.NaN, { en: '0 min', de: '0 Min.' }],
  ];

  it.each(cases)('%s s', (seconds, expected) => {
    expect(formatDuration(seconds, 'en-GB')).toBe(expected.en);
    expect(formatDuration(seconds, 'de-DE')).toBe(expected.de);
    for (const locale of ['pt-BR', 'fr-FR', 'es-ES'] as const) expect(formatDuration(seconds, locale)).toBe(expected.en);
  });
});

describe('stream SMS', () => {
  const EMOJI_TITLE = `🔥🔥 RANKED grind “to Radiant” — day 3 🎮 ${'[road] {to} ~the~ top '.repeat(8)}`;

  /** Characters a GSM-7 text may hold. */
  const GSM = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

  it('says who is live, what and where, in English', () => {
    expect(streamSmsText(alert('stream-live'), 'en-GB')).toBe('shroud is live: Ranked grind twitch.tv/shroud');
    expect(streamSmsText(alert('stream-offline'), 'en-GB')).toBe('shroud is offline after 2 h 13 min');
  });

  it.each(LOCALES)('%s: live and offline texts are GSM-7 and one segment, even with a long emoji title', (locale) => {
    const texts = [
      streamSmsText(alert('stream-live'), locale),
      streamSmsText(alert('stream-live', { stream: stream({ title: EMOJI_TITLE }) }), locale),
      streamSmsText(alert('stream-live', { stream: stream({ title: 'x'.repeat(300) }) }), locale),
      streamSmsText(alert('stream-live', { stream: stream({ title: '🔥🎮' }) }), locale),
      streamSmsText(alert('stream-offline'), locale),
      streamSmsText(alert('stream-offline', { durationSeconds: 25 * 3600 }), locale),
    ];
    for (const text of texts) {
      expect(text, text).toMatch(GSM);
      expect(smsSegments(text), text).toEqual({ segments: 1, encoding: 'GSM-7' });
      expect(text).toContain('shroud');
    }
    for (const live of texts.slice(0, 4)) expect(live.endsWith('twitch.tv/shroud'), live).toBe(true);
    const clipped = texts[1]!;
    expect(clipped).toMatch(/RANKED grind "to Radiant" - day 3 \[road\]/);
    expect(clipped).toContain('... twitch.tv/shroud');
    expect(clipped).not.toContain('🔥');
    if (locale !== 'en-GB') expect(texts[0]).not.toBe(streamSmsText(alert('stream-live'), 'en-GB'));
  });

  it('fills the segment: a clipped title leaves little unused', () => {
    const text = streamSmsText(alert('stream-live', { stream: stream({ title: 'x'.repeat(300) }) }), 'en-GB');
    expect(text.length).toBe(160);
  });

  it('uses the login when GSM-7 can’t carry the display name', () => {
    const korean = { ...shroud, login: 'woowakgood', displayName: '우왁굳' };
    expect(streamSmsText(alert('stream-live', { streamer: korean }), 'en-GB')).toBe('woowakgood is live: Ranked grind twitch.tv/woowakgood');
    expect(streamSmsText(alert('stream-offline', { streamer: korean }), 'en-GB')).toBe('woowakgood is offline after 2 h 13 min');
  });

  describe('a title never brings a link or a domain into the SMS (SPEC T8)', () => {
    const live = (title: string, locale: Locale = 'en-GB') => streamSmsText(alert('stream-live', { stream: stream({ title }) }), locale);
    /** Anything shaped like a host name or a link, once Fanfare's own twitch.tv/shroud is set aside. */
    const foreignLink = (text: string) => /:\/\/|www|[\p{L}\p{N}_-]\.\p{L}{2}|\d\.\d/iu.test(text.replace(/ twitch\.tv\/shroud$/, ''));

    it('drops the link-like words and keeps the rest of the title', () => {
      expect(live('claim your prize: evil.example')).toBe('shroud is live: claim your prize: twitch.tv/shroud');
      expect(live('bit.ly/x free skins')).toBe('shroud is live: free skins twitch.tv/shroud');
      expect(live('giveaway at www.x.com !!')).toBe('shroud is live: giveaway at !! twitch.tv/shroud');
      expect(live('Ranked grind https://evil.example/login?x=1 now')).toBe('shroud is live: Ranked grind now twitch.tv/shroud');
      expect(live('Ranked grind, day 3')).toBe('shroud is live: Ranked grind, day 3 twitch.tv/shroud');
    });

    it.each(LOCALES)('%s: hostile titles, disguised or not, leave no link', (locale) => {
      const hostile = [
        'claim your prize: evil.example',
        'EVIL.EXAMPLE/FREE',
        'FREE ｅｖｉｌ．ｅｘａｍｐｌｅ', // full-width letters fold to plain ones
        'free evil\u200b.example', // an invisible character GSM-7 drops
        'free evil\u2024example', // a one-dot leader that folds to "."
        'mail win@evil.example',
        'go to 10.0.0.1/x',
        'watch other stream: twitch.tv/evilcopy',
        'HTTPS://evil.example',
        `${'x'.repeat(120)} evil.example`,
        `evil.example ${'y '.repeat(100)}`,
      ];
      for (const title of hostile) {
        const text = live(title, locale);
        expect(foreignLink(text), `${title} → ${text}`).toBe(false);
        expect(text.endsWith('twitch.tv/shroud'), text).toBe(true);
        expect(smsSegments(text).segments).toBe(1);
      }
    });

    it('a title that is nothing but a link reads as untitled', () => {
      expect(live('https://evil.example')).toBe('shroud is live on twitch.tv/shroud');
      expect(live('www.evil.example bit.ly/x')).toBe('shroud is live on twitch.tv/shroud');
    });
  });

  it('leaves out a title that is empty or nothing but emoji', () => {
    expect(streamSmsText(alert('stream-live', { stream: stream({ title: '' }) }), 'en-GB')).toBe('shroud is live on twitch.tv/shroud');
    expect(streamSmsText(alert('stream-live', { stream: stream({ title: '🔥 🎮' }) }), 'en-GB')).toBe('shroud is live on twitch.tv/shroud');
  });
});
