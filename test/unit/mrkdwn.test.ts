import { describe, expect, it } from 'vitest';
import { clipMrkdwn, escapeMrkdwn, slackDate, utcDateParts } from '../../src/alerts/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('turns a mention and a link into harmless text', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil|x>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|x&gt;');
  });

  it('escapes & first, so an existing entity is shown literally rather than decoded', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
    expect(escapeMrkdwn('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('leaves everything else alone: quotes, apostrophes, formatting characters, accents', () => {
    const text = `"D'Artagnan" *bold* _it_ ~s~ \`c\` Ñúñez 90'+6'`;
    expect(escapeMrkdwn(text)).toBe(text);
  });
});

describe('slackDate', () => {
  it('builds a per-reader token with integer unix seconds and the fallback after the pipe', () => {
    expect(slackDate('2022-12-18T15:00:00Z', '{date_short_pretty} {time}', 'Sun 18 Dec 2022 15:00 UTC')).toBe(
      '<!date^1671375600^{date_short_pretty} {time}|Sun 18 Dec 2022 15:00 UTC>',
    );
  });

  it('drops fractional seconds instead of writing a decimal Slack would reject', () => {
    expect(slackDate('2022-12-18T15:00:00.987Z', '{time}', 'x')).toBe('<!date^1671375600^{time}|x>');
  });

  it('escapes the fallback so it cannot close the token early', () => {
    expect(slackDate('2022-12-18T15:00:00Z', '{time}', 'a>b')).toBe('<!date^1671375600^{time}|a&gt;b>');
  });

  it('falls back to plain text for a time it cannot read', () => {
    expect(slackDate('not a date', '{time}', 'TBC <soon>')).toBe('TBC &lt;soon&gt;');
  });
});

describe('utcDateParts', () => {
  it('gives the UTC wall-clock time, not the machine’s zone', () => {
    expect(utcDateParts('2022-12-18T23:30:00-03:00', 'en-GB')).toEqual({
      weekday: 'Mon',
      day: '19',
      month: 'Dec',
      year: '2022',
      time: '02:30',
    });
  });

  it('returns null for an unreadable time', () => {
    expect(utcDateParts('soon', 'en-GB')).toBeNull();
  });
});

describe('clipMrkdwn', () => {
  it('returns short text untouched', () => {
    expect(clipMrkdwn('short', 10)).toBe('short');
  });

  it('cuts long text to the limit, ending in an ellipsis', () => {
    const out = clipMrkdwn('x'.repeat(50), 10);
    expect(out).toBe('x'.repeat(9) + '…');
  });

  it('never splits an escaped entity', () => {
    const out = clipMrkdwn('abcdefg&amp;hijk', 10);
    expect(out).toBe('abcdefg…');
  });

  it('never splits a date token', () => {
    const token = '<!date^1671375600^{time}|15:00 UTC>';
    const out = clipMrkdwn(`Kick-off ${token} and more text`, 20);
    expect(out).toBe('Kick-off …');
  });

  it('never splits an emoji surrogate pair', () => {
    const out = clipMrkdwn('🟨'.repeat(8), 6);
    expect(out).toBe('🟨🟨…');
  });
});
