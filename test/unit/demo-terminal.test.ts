import { describe, expect, it } from 'vitest';
import { messageToLines, mrkdwnToTerminal, stripAnsi, unescapeMrkdwn } from '../../src/demo/terminal.js';

const plain = { color: false, zone: 'UTC', locale: 'en-GB' };
const ansi = { color: true, zone: 'UTC', locale: 'en-GB' };
const ESC = '\u001b[';

// 2022-12-18T15:00:00Z
const KICKOFF = 1671375600;

describe('mrkdwn to terminal text', () => {
  it('drops the emphasis markers in plain mode and keeps the words', () => {
    expect(mrkdwnToTerminal('*GOAL!* for _Argentina_ now', plain)).toBe('GOAL! for Argentina now');
  });

  it('turns bold, italic and strike into ANSI styles when colour is on', () => {
    const out = mrkdwnToTerminal('*bold* _italic_ ~gone~', ansi);
    expect(out).toBe(`${ESC}1mbold${ESC}22m ${ESC}3mitalic${ESC}23m ${ESC}9mgone${ESC}29m`);
    expect(stripAnsi(out)).toBe('bold italic gone');
  });

  it('keeps a strike-through readable without colour', () => {
    expect(mrkdwnToTerminal('~Goal for Argentina~ ruled out', plain)).toBe('~Goal for Argentina~ ruled out');
  });

  it('leaves delimiters inside words alone, as Slack does', () => {
    expect(mrkdwnToTerminal('snake_case_name and 2*3*4', plain)).toBe('snake_case_name and 2*3*4');
    expect(mrkdwnToTerminal('a * b * c', plain)).toBe('a * b * c');
  });

  it('handles nested emphasis', () => {
    expect(mrkdwnToTerminal('*_both_*', plain)).toBe('both');
    expect(mrkdwnToTerminal('*_both_*', ansi)).toBe(`${ESC}1m${ESC}3mboth${ESC}23m${ESC}22m`);
  });

  it('decodes the three Slack entities exactly once', () => {
    expect(mrkdwnToTerminal('Bosnia &amp; Herzegovina &lt;b&gt;', plain)).toBe('Bosnia & Herzegovina <b>');
    expect(unescapeMrkdwn('&amp;lt;')).toBe('&lt;');
    expect(unescapeMrkdwn('it&#39;s')).toBe('it&#39;s');
  });

  it('never lets escaped feed text turn into a token or a mention', () => {
    expect(mrkdwnToTerminal('&lt;!channel&gt; &lt;https://evil|x&gt;', plain)).toBe('<!channel> <https://evil|x>');
  });

  it('shows a link by its label, or its address when it has none', () => {
    expect(mrkdwnToTerminal('Watch <https://fifa.com/match|on FIFA+> now', plain)).toBe('Watch on FIFA+ now');
    expect(mrkdwnToTerminal('<https://fifa.com>', plain)).toBe('https://fifa.com');
    expect(mrkdwnToTerminal('<https://fifa.com|FIFA>', ansi)).toBe(`${ESC}4mFIFA${ESC}24m`);
  });

  it('shows mentions the way Slack names them', () => {
    expect(mrkdwnToTerminal('<!here> <@U123|ana> <#C42|football> <!subteam^S1|@refs>', plain)).toBe(
      '@here @ana #football @refs',
    );
  });

  it('shows a date token in the viewer zone, not its fallback', () => {
    const token = `<!date^${KICKOFF}^{date_short_pretty} {time}|Sun 18 Dec 2022 15:00 UTC>`;
    expect(mrkdwnToTerminal(`Kick-off ${token}`, plain)).toBe('Kick-off Sun, 18 Dec 2022 15:00');
    expect(mrkdwnToTerminal(`Kick-off ${token}`, { ...plain, zone: 'Europe/Paris' })).toBe('Kick-off Sun, 18 Dec 2022 16:00');
    expect(mrkdwnToTerminal(token, { ...plain, zone: 'America/Argentina/Buenos_Aires' })).toBe('Sun, 18 Dec 2022 12:00');
  });

  it('writes the date in the viewer language', () => {
    const token = `<!date^${KICKOFF}^{date_short} {time}|fallback>`;
    expect(mrkdwnToTerminal(token, { ...plain, locale: 'fr-FR', zone: 'Europe/Paris' })).toBe('dim. 18 déc. 2022 16:00');
  });

  it('supports the other date tokens and a link before the fallback', () => {
    const fmt = (format: string): string => mrkdwnToTerminal(`<!date^${KICKOFF}^${format}^https://x.test|fb>`, plain);
    expect(fmt('{date_num}')).toBe('2022-12-18');
    expect(fmt('{date}')).toBe('18 December 2022');
    expect(fmt('{date_long}')).toBe('Sunday, 18 December 2022');
    expect(fmt('{time_secs}')).toBe('15:00:00');
    expect(fmt('at {time}!')).toBe('at 15:00!');
  });

  it('says today or tomorrow for the _pretty tokens when it knows the date of viewing', () => {
    const token = `<!date^${KICKOFF}^{date_short_pretty} {time}|fb>`;
    expect(mrkdwnToTerminal(token, { ...plain, now: new Date('2022-12-18T09:00:00Z') })).toBe('today 15:00');
    expect(mrkdwnToTerminal(token, { ...plain, now: new Date('2022-12-17T09:00:00Z') })).toBe('tomorrow 15:00');
    expect(mrkdwnToTerminal(token, { ...plain, now: new Date('2022-12-01T09:00:00Z') })).toBe('Sun, 18 Dec 2022 15:00');
  });

  it('falls back to the fallback text when the token is broken', () => {
    expect(mrkdwnToTerminal('<!date^soon^{time}|Sun 18 Dec 2022 15:00 UTC>', plain)).toBe('Sun 18 Dec 2022 15:00 UTC');
    expect(mrkdwnToTerminal('<!date^1671375600|only fallback>', plain)).toBe('only fallback');
  });

  it('lets emphasis wrap a token', () => {
    expect(mrkdwnToTerminal(`*<!date^${KICKOFF}^{time}|x>*`, ansi)).toBe(`${ESC}1m15:00${ESC}22m`);
  });

  it('shows emoji shortcodes as emoji and leaves clock times alone', () => {
    expect(mrkdwnToTerminal(':soccer: at 15:00:30 :flag-ar: :not_an_emoji:', plain)).toBe('⚽ at 15:00:30 🇦🇷 :not_an_emoji:');
  });

  it('does not format inside code', () => {
    expect(mrkdwnToTerminal('`*raw*` *bold*', plain)).toBe('*raw* bold');
  });
});

describe('Block Kit to terminal lines', () => {
  it('renders sections, context, headers, fields and dividers in order', () => {
    const lines = messageToLines(
      {
        text: 'fallback',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'World Cup :trophy:' } },
          { type: 'section', text: { type: 'mrkdwn', text: '🇦🇷 *Argentina 3–3 France* 🇫🇷\nsecond line' } },
          { type: 'section', fields: [{ type: 'mrkdwn', text: '*Stage*' }, { type: 'plain_text', text: 'Final *not bold*' }] },
          { type: 'divider' },
          {
            type: 'context',
            elements: [
              { type: 'image', image_url: 'https://x.test/flag.png', alt_text: 'flag' },
              { type: 'mrkdwn', text: 'Lusail &amp; Doha' },
              { type: 'plain_text', text: 'FIFA' },
            ],
          },
          { type: 'image', image_url: 'https://x.test/p.png', alt_text: 'photo' },
          { type: 'something_new' },
        ],
      },
      { ...plain, width: 5 },
    );
    expect(lines).toEqual([
      'World Cup 🏆',
      '🇦🇷 Argentina 3–3 France 🇫🇷',
      'second line',
      'Stage',
      'Final *not bold*',
      '─────',
      'Lusail & Doha  FIFA',
    ]);
  });

  it('styles headers bold and context dim in colour', () => {
    const lines = messageToLines(
      {
        text: '',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Final' } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'note' }] },
        ],
      },
      ansi,
    );
    expect(lines).toEqual([`${ESC}1mFinal${ESC}22m`, `${ESC}2mnote${ESC}22m`]);
  });

  it('uses the top-level text when there are no blocks', () => {
    expect(messageToLines({ text: '*Half-time*\nArgentina 2–0 France' }, plain)).toEqual(['Half-time', 'Argentina 2–0 France']);
    expect(messageToLines({ text: 'x', blocks: [] }, plain)).toEqual(['x']);
  });

  it('prints no escape codes at all without colour', () => {
    const lines = messageToLines(
      {
        text: '',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'H' } },
          { type: 'section', text: { type: 'mrkdwn', text: '*b* _i_ <https://a|l>' } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: 'c' }] },
          { type: 'divider' },
        ],
      },
      plain,
    );
    expect(lines.join('\n')).not.toContain('\u001b');
  });
});
