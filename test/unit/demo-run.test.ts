import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/alerts/i18n/index.js';
import type { Locale } from '../../src/alerts/i18n/locales.js';
import { demoPhrases } from '../../src/demo/messages.js';
import { instant, loadRecording, type Recording } from '../../src/demo/recording-client.js';
import { buildSchedule, DEFAULT_DURATION_SECONDS, runDemo } from '../../src/demo/run.js';
import { stripAnsi } from '../../src/demo/terminal.js';

class Buffer extends Writable {
  text = '';
  override _write(chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    this.text += String(chunk);
    callback();
  }
}

interface Replay {
  text: string;
  ms: number;
}

async function replay(options: { locale?: Locale; color?: boolean; speed?: number; recording?: Recording } = {}): Promise<Replay> {
  const out = new Buffer();
  const started = performance.now();
  await runDemo({
    speed: options.speed ?? 0,
    locale: options.locale ?? 'en-GB',
    out,
    color: options.color ?? false,
    zone: 'UTC',
    recording: options.recording,
  });
  return { text: out.text, ms: performance.now() - started };
}

interface Reply {
  header: string;
  body: string[];
}

/** The thread replies as printed: a "↳" header, then the "│"-prefixed lines of the message. */
function replies(text: string): Reply[] {
  const out: Reply[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('    ↳')) out.push({ header: line.trim(), body: [] });
    else if (line.startsWith('    │ ')) out.at(-1)?.body.push(line.slice('    │ '.length));
  }
  return out;
}

/** Every version of the parent as printed, oldest first. */
function parents(text: string, locale: Locale = 'en-GB'): string[] {
  const words = demoPhrases(locale);
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line === words.parentPosted || line === words.parentNow) {
      current = [];
      blocks.push('');
    } else if (current !== null && line.startsWith('  ') && !line.startsWith('    ')) {
      current.push(line.trim());
      blocks[blocks.length - 1] = current.join('\n');
    } else {
      current = null;
    }
  }
  return blocks;
}

describe('the offline demo, as a channel reader sees it', async () => {
  const en = await replay();
  const threadReplies = replies(en.text);
  const en_GB = catalogue('en-GB').match;

  it('says first that it is the offline demo and how to connect to Slack', () => {
    const [first, second] = en.text.split('\n');
    expect(first).toContain('offline demo');
    expect(second).toContain('SLACK_BOT_TOKEN');
    expect(second).toContain('SLACK_APP_TOKEN');
  });

  it('ends with the final result on the parent: 3–3 and Argentina winning the shoot-out 4–2', () => {
    const last = parents(en.text).at(-1) ?? '';
    expect(last).toContain(`Argentina 3–3 France 🇫🇷 ${en_GB.extraTimeTag} ${en_GB.penaltiesSuffix(4, 2)}`);
    expect(last).toContain(en_GB.wonOnPenalties('Argentina', '4–2'));
    expect(last).toContain('Kick-off Sun, 18 Dec 2022 15:00');
  });

  it('keeps the parent current as the score changes', () => {
    const scores = parents(en.text)
      .map((p) => /Argentina (\d–\d) France/.exec(p)?.[1])
      .filter((s, i, all) => s !== all[i - 1]);
    expect(scores).toEqual(['0–0', '1–0', '2–0', '2–1', '2–2', '3–2', '3–3']);
  });

  it('posts the kick-off first and each goal once, in order, also to the channel', () => {
    expect(threadReplies[0]?.body.join(' ')).toContain(en_GB.periodStart['first-half']);
    const goals = threadReplies.filter((r) => r.header.includes(demoPhrases('en-GB').broadcast));
    expect(goals.map((g) => /— (.+?) (\d+'(?:\+\d+')?)/.exec(g.body[0] ?? '')?.slice(1, 3).join(' '))).toEqual([
      "Lionel MESSI 23'",
      "Angel DI MARIA 36'",
      "Kylian MBAPPE 80'",
      "Kylian MBAPPE 81'",
      "Lionel MESSI 108'",
      "Kylian MBAPPE 118'",
    ]);
    // Only goals go to the channel: shoot-out kicks and everything else stay in the thread.
    expect(goals.every((g) => g.body[0]?.includes(en_GB.goal))).toBe(true);
  });

  it('shows the goal FIFA first published as unclassified only once it is a goal, in its place', () => {
    const bodies = threadReplies.map((r) => r.body.join(' '));
    const messi108 = bodies.findIndex((b) => b.includes("MESSI 108'"));
    const etSecondHalf = bodies.findIndex((b) => b.includes(en_GB.periodStart['extra-time-second-half']));
    const paredesCard = bodies.findIndex((b) => b.includes("Leandro PAREDES (Argentina) 114'"));
    expect(etSecondHalf).toBeGreaterThan(-1);
    expect(messi108).toBeGreaterThan(etSecondHalf);
    expect(paredesCard).toBeGreaterThan(messi108);
    // Scored at 17:25:41 UTC, but first published as type 9999: the reply waits for the poll after it settles (17:26:22).
    expect(threadReplies[messi108]?.header).toContain('17:26');
  });

  it('shows the shoot-out kick by kick as rows of ✅/❌ per team', () => {
    const rows = threadReplies.filter((r) => r.body.some((l) => /^(ARG|FRA)( [✅❌])*$/u.test(l)));
    expect(rows).toHaveLength(8);
    expect(rows.at(-1)?.body).toEqual(expect.arrayContaining(['ARG ✅ ✅ ✅ ✅', 'FRA ✅ ❌ ❌ ✅']));
    expect(rows[2]?.body[0]).toContain('Kingsley COMAN');
    // France kicked first: Argentina has no row until Messi's kick, rather than a bare "ARG".
    expect(rows[0]?.body).toContain('FRA ✅');
    expect(rows.flatMap((r) => r.body).filter((l) => /^(ARG|FRA)$/u.test(l))).toEqual([]);
  });

  it('gives the booking between shoot-out kicks the running shoot-out score', () => {
    const booking = threadReplies.find((r) => r.body.some((l) => l.includes("Emiliano MARTINEZ (Argentina) 121'")));
    expect(booking?.body.join('\n')).toContain(`ARG 3–3 FRA 🇫🇷 ${en_GB.penaltiesSuffix(1, 1)}`);
  });

  it('narrates the periods and the cards, and not the substitutions or the noise', () => {
    const all = threadReplies.map((r) => r.body.join('\n')).join('\n');
    expect(all).toContain(en_GB.periodEnd('first-half', false));
    expect(all).toContain(en_GB.matchOver);
    expect(all.match(new RegExp(en_GB.card.yellow, 'g'))).toHaveLength(7);
    expect(all).not.toContain(en_GB.substitution);
    expect(all).not.toMatch(/corner|offside|coin toss|foul/i);
  });

  it('never shows a pending type, unknown text or a repeated reply', () => {
    expect(en.text).not.toContain('9999');
    expect(en.text).not.toMatch(/unknown|unclassified/i);
    expect(en.text).not.toMatch(/\b(undefined|null|NaN)\b|\[object/);
    const bodies = threadReplies.map((r) => r.body.join('\n'));
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(en.text).not.toContain(demoPhrases('en-GB').edited);
  });

  it('finishes within a few seconds when instant', () => {
    expect(en.ms).toBeLessThan(5000);
    expect(en.text.trimEnd().endsWith(demoPhrases('en-GB').done)).toBe(true);
  });

  it('prints plain text without colour and ANSI styles with it', async () => {
    expect(en.text).not.toContain('\u001b[');
    const coloured = await replay({ color: true });
    expect(coloured.text).toContain('\u001b[1m');
    expect(stripAnsi(coloured.text)).toContain('Argentina 3–3 France');
  });

  it('speaks the chosen language', async () => {
    const fr = await replay({ locale: 'fr-FR' });
    const last = parents(fr.text, 'fr-FR').at(-1) ?? '';
    expect(fr.text.split('\n')[0]).toBe(demoPhrases('fr-FR').intro);
    expect(last).toContain('Argentine');
    expect(last).toContain(catalogue('fr-FR').match.penaltiesSuffix(4, 2));
    expect(last).toContain('dim. 18 déc. 2022 15:00');
  });

  it('shows a reply whose content changed as an edit of that reply', async () => {
    const base = loadRecording();
    const diMaria = base.timeline.Event.find((e) => e.Type === 0 && e.MatchMinute === "36'");
    const messi = '229397';
    const recording: Recording = {
      ...base,
      revisions: [
        ...base.revisions,
        // First credited to Messi, corrected to Di María three minutes later.
        { EventId: String(diMaria?.EventId), until: new Date(instant(diMaria?.Timestamp) + 180_000).toISOString(), as: { IdPlayer: messi } },
      ],
    };
    const run = await replay({ recording });
    const goal36 = replies(run.text).filter((r) => r.body[0]?.includes("36'"));
    expect(goal36.map((r) => r.body[0])).toEqual([expect.stringContaining('Lionel MESSI'), expect.stringContaining('Angel DI MARIA')]);
    expect(goal36[0]?.header).not.toContain(demoPhrases('en-GB').edited);
    expect(goal36[1]?.header).toContain(demoPhrases('en-GB').edited);
  });
});

describe('the pace of the replay', () => {
  const recording = loadRecording();
  const schedule = buildSchedule(recording);
  const total = schedule.reduce((sum, tick) => sum + tick.waitMs, 0);
  const whistle = (type: number, period: number): number =>
    instant(recording.timeline.Event.find((e) => e.Type === type && e.Period === period)?.Timestamp);

  it('takes about forty seconds at speed 1', () => {
    expect(total / 1000).toBeGreaterThan(DEFAULT_DURATION_SECONDS - 1);
    expect(total / 1000).toBeLessThan(DEFAULT_DURATION_SECONDS + 1);
  });

  it('shortens the breaks: a quarter-hour half-time passes faster than ten minutes of play', () => {
    const wait = (from: number, to: number): number =>
      schedule.filter((t) => t.at > from && t.at <= to).reduce((sum, t) => sum + t.waitMs, 0);
    const halfTime = wait(whistle(8, 3), whistle(7, 5));
    expect(whistle(7, 5) - whistle(8, 3)).toBeGreaterThan(10 * 60_000);
    expect(halfTime).toBeLessThan(2000);
    const kickoff = whistle(7, 3);
    expect(wait(kickoff, kickoff + 10 * 60_000)).toBeGreaterThan(halfTime);
  });

  it('polls at kick-off, at every posted event and when the pending goal settles', () => {
    const times = new Set(schedule.map((t) => t.at));
    expect(schedule[0]?.at).toBe(whistle(7, 3));
    expect(schedule.at(-1)?.at).toBe(whistle(26, 10));
    for (const e of recording.timeline.Event.filter((x) => [0, 41, 2, 72, 60, 65].includes(Number(x.Type)))) {
      expect(times.has(instant(e.Timestamp))).toBe(true);
    }
    expect(times.has(instant(recording.revisions[0]?.until))).toBe(true);
  });

  it('really waits when given a speed', async () => {
    // 40 s at 400× is about 100 ms.
    const run = await replay({ speed: 400 });
    expect(run.ms).toBeGreaterThan(80);
    expect(run.ms).toBeLessThan(5000);
  });
});
