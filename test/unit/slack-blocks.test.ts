import { describe, expect, it } from 'vitest';
import { FIFA_SPECIAL_CODES, FIFA_TO_ISO2, flagEmoji, NEUTRAL_FLAG } from '../../src/alerts/flags.js';
import { renderParent, renderReply, type SlackMessage } from '../../src/alerts/slack-blocks.js';
import type {
  CardLine,
  CatchUpAlert,
  CorrectionAlert,
  GoalLine,
  MatchEventAlert,
  MatchEventDetail,
  MatchSummary,
} from '../../src/alerts/types.js';

// --- fixtures: the 2022 World Cup final -------------------------------------------------------------

function summary(over: Partial<MatchSummary> = {}): MatchSummary {
  return {
    key: '17/255711/400235458',
    competitionName: 'FIFA World Cup',
    stageName: 'Final',
    groupName: null,
    kickoff: '2022-12-18T15:00:00Z',
    home: { id: '43922', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
    away: { id: '43946', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
    score: { home: 0, away: 0 },
    penalties: null,
    phase: 'first-half',
    minute: "23'",
    wentToExtraTime: false,
    winner: null,
    ...over,
  };
}

function event(detail: MatchEventDetail, over: { minute?: string | null; match?: MatchSummary; revision?: number } = {}) {
  const match = over.match ?? summary();
  const alert: MatchEventAlert = {
    source: 'match',
    id: `${match.key}/1`,
    matchKey: match.key,
    revision: over.revision ?? 0,
    minute: over.minute === undefined ? "23'" : over.minute,
    at: '2022-12-18T15:23:00Z',
    match,
    eventId: '1',
    ...detail,
  };
  return alert;
}

function catchUp(goals: GoalLine[], cards: CardLine[], match = summary({ phase: 'second-half', minute: "67'" })) {
  const alert: CatchUpAlert = {
    source: 'match',
    id: `${match.key}/catch-up`,
    matchKey: match.key,
    revision: 0,
    minute: match.minute,
    at: '2022-12-18T16:20:00Z',
    match,
    kind: 'catch-up',
    score: match.score,
    penalties: match.penalties,
    goals,
    cards,
  };
  return alert;
}

function correction(original: MatchEventAlert, match = summary()): CorrectionAlert {
  return {
    source: 'match',
    id: `${original.id}/correction`,
    matchKey: match.key,
    revision: 0,
    minute: original.minute,
    at: '2022-12-18T15:30:00Z',
    match,
    kind: 'correction',
    original,
  };
}

// --- reading a message as a user would --------------------------------------------------------------

interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
}

/** Every text object in the blocks, in order. */
function textObjects(msg: SlackMessage): TextObject[] {
  const out: TextObject[] = [];
  for (const block of msg.blocks) {
    if (block.type === 'section' && block.text) out.push(block.text as TextObject);
    if (block.type === 'context') out.push(...(block.elements as TextObject[]));
  }
  return out;
}

function lines(msg: SlackMessage): string[] {
  return textObjects(msg).map((t) => t.text);
}

function shown(msg: SlackMessage): string {
  return lines(msg).join('\n');
}

const GOAL: MatchEventDetail = {
  kind: 'goal',
  side: 'home',
  player: 'Lionel MESSI',
  method: 'penalty',
  score: { home: 1, away: 0 },
};

// --- tests ---------------------------------------------------------------------------------------

describe('renderReply, en-GB, one per alert kind', () => {
  it('goal: shout, team, scorer, minute, method, and the running score', () => {
    const msg = renderReply(event(GOAL), 'en-GB');
    expect(msg.text).toBe("GOAL! Argentina 1–0 France — Lionel MESSI 23' (pen.)");
    expect(lines(msg)).toEqual(["⚽ *GOAL! Argentina* — Lionel MESSI 23' (pen.)", '🇦🇷 ARG 1–0 FRA 🇫🇷']);
  });

  it('open-play and free-kick goals say so (or nothing)', () => {
    const open = renderReply(event({ ...GOAL, method: 'open-play' }), 'en-GB');
    expect(lines(open)[0]).toBe("⚽ *GOAL! Argentina* — Lionel MESSI 23'");
    const fk = renderReply(event({ ...GOAL, method: 'free-kick' }), 'en-GB');
    expect(lines(fk)[0]).toBe("⚽ *GOAL! Argentina* — Lionel MESSI 23' (free kick)");
  });

  it('own goal: credited to the team that benefits, scorer marked o.g., not attributed to his own team', () => {
    const og = renderReply(
      event({ kind: 'goal', side: 'home', player: 'Hugo LLORIS', method: 'own-goal', score: { home: 1, away: 0 } }),
      'en-GB',
    );
    expect(lines(og)[0]).toBe("⚽ *GOAL! Argentina* — Hugo LLORIS 23' (o.g.)");
    expect(shown(og)).not.toContain('France)');
  });

  it('goal with neither side nor player still reads cleanly', () => {
    const msg = renderReply(event({ ...GOAL, side: null, player: null, method: 'open-play' }), 'en-GB');
    expect(lines(msg)[0]).toBe("⚽ *GOAL!* — 23'");
    expect(msg.text).toBe("GOAL! Argentina 1–0 France — 23'");
  });

  it('penalty awarded, to a team or unknown', () => {
    expect(lines(renderReply(event({ kind: 'penalty-awarded', side: 'away' }), 'en-GB'))[0]).toBe(
      "⚠️ Penalty to France 23'",
    );
    expect(renderReply(event({ kind: 'penalty-awarded', side: null }, { minute: null }), 'en-GB').text).toBe(
      'Penalty awarded — Argentina 0–0 France',
    );
  });

  it('penalty missed, saved and off the woodwork', () => {
    const miss = (outcome: 'missed' | 'saved' | 'woodwork') =>
      lines(renderReply(event({ kind: 'penalty-missed', side: 'away', player: 'Kingsley COMAN', outcome }), 'en-GB'))[0];
    expect(miss('missed')).toBe("❌ Penalty missed — Kingsley COMAN (France) 23'");
    expect(miss('saved')).toBe("🧤 Penalty saved — Kingsley COMAN (France) 23'");
    expect(miss('woodwork')).toBe("🥅 Penalty hits the woodwork — Kingsley COMAN (France) 23'");
  });

  it('cards: yellow, red, second yellow, with player and team', () => {
    const card = (c: 'yellow' | 'red' | 'second-yellow') =>
      renderReply(event({ kind: 'card', side: 'away', player: 'Adrien RABIOT', card: c }, { minute: "40'" }), 'en-GB');
    expect(lines(card('yellow'))[0]).toBe("🟨 Yellow card — Adrien RABIOT (France) 40'");
    expect(lines(card('red'))[0]).toBe("🟥 Red card — Adrien RABIOT (France) 40'");
    expect(lines(card('second-yellow'))[0]).toBe("🟨🟥 Second yellow, sent off — Adrien RABIOT (France) 40'");
    expect(card('yellow').text).toBe("Yellow card — Adrien RABIOT (France) 40' — Argentina 0–0 France");
  });

  it('card with no side names no team; with no player, a readable stand-in', () => {
    const noSide = renderReply(event({ kind: 'card', side: null, player: 'Adrien RABIOT', card: 'yellow' }), 'en-GB');
    expect(lines(noSide)[0]).toBe("🟨 Yellow card — Adrien RABIOT 23'");
    const nobody = renderReply(event({ kind: 'card', side: null, player: null, card: 'red' }), 'en-GB');
    expect(lines(nobody)[0]).toBe("🟥 Red card — unknown player 23'");
  });

  it('substitution: who comes on and who goes off', () => {
    const msg = renderReply(
      event(
        { kind: 'substitution', side: 'home', playerOn: 'Paulo DYBALA', playerOff: 'Ángel DI MARÍA' },
        { minute: "64'" },
      ),
      'en-GB',
    );
    expect(lines(msg)[0]).toBe("🔄 Substitution — Argentina 64'\n⬆️ On: Paulo DYBALA   ⬇️ Off: Ángel DI MARÍA");
    expect(msg.text).toBe("Substitution — Argentina 64' — On: Paulo DYBALA · Off: Ángel DI MARÍA");
  });

  it('period starts: kick-off, second half, each extra-time half, the shoot-out', () => {
    const start = (period: 'first-half' | 'second-half' | 'extra-time-first-half' | 'extra-time-second-half' | 'shootout') =>
      renderReply(event({ kind: 'period-start', period }), 'en-GB');
    expect(start('first-half').text).toBe('Kick-off! Argentina v France');
    expect(lines(start('first-half'))).toEqual(['📣 *Kick-off!*', '🇦🇷 Argentina v France 🇫🇷']);
    expect(lines(start('second-half'))[0]).toBe('▶️ Second half under way');
    expect(lines(start('extra-time-first-half'))[0]).toBe('▶️ Extra time under way');
    expect(lines(start('extra-time-second-half'))[0]).toBe('▶️ Second half of extra time under way');
    expect(lines(start('shootout'))[0]).toBe('🥅 Penalty shoot-out under way');
  });

  it('period ends: half-time, full-time vs end of normal time, extra time, shoot-out with its score', () => {
    const end = (period: MatchEventDetail & { kind: 'period-end' }) => renderReply(event(period), 'en-GB');
    const base = { kind: 'period-end' as const, score: { home: 1, away: 0 }, penalties: null, finalWhistle: false };
    const ht = end({ ...base, period: 'first-half' });
    expect(lines(ht)).toEqual(['⏸️ *Half-time*', '🇦🇷 ARG 1–0 FRA 🇫🇷']);
    expect(ht.text).toBe('Half-time — Argentina 1–0 France');
    expect(lines(end({ ...base, period: 'second-half', finalWhistle: true }))[0]).toBe('🏁 *Full-time*');
    expect(lines(end({ ...base, period: 'second-half' }))[0]).toBe('⏱️ *End of normal time*');
    expect(lines(end({ ...base, period: 'extra-time-first-half' }))[0]).toBe('⏸️ *Half-time in extra time*');
    expect(lines(end({ ...base, period: 'extra-time-second-half', finalWhistle: true }))[0]).toBe(
      '🏁 *End of extra time*',
    );
    const so = end({
      kind: 'period-end',
      period: 'shootout',
      score: { home: 3, away: 3 },
      penalties: { home: 4, away: 2 },
      finalWhistle: true,
    });
    expect(lines(so)).toEqual(['🏁 *End of the penalty shoot-out*', '🇦🇷 ARG 3–3 FRA 🇫🇷 (4–2 pens)']);
    // After extra time: the shoot-out's end is the final score and says so; the end of extra time needs no tag.
    const afterEt = summary({ phase: 'finished', minute: null, score: { home: 3, away: 3 }, penalties: { home: 4, away: 2 }, wentToExtraTime: true, winner: 'home' });
    const soAet = renderReply(event({ kind: 'period-end', period: 'shootout', score: afterEt.score, penalties: afterEt.penalties, finalWhistle: true }, { match: afterEt }), 'en-GB');
    expect(lines(soAet)[1]).toBe('🇦🇷 ARG 3–3 FRA 🇫🇷 a.e.t. (4–2 pens)');
    const etOver = { ...afterEt, score: { home: 2, away: 1 }, penalties: null };
    const et = renderReply(event({ kind: 'period-end', period: 'extra-time-second-half', score: etOver.score, penalties: null, finalWhistle: true }, { match: etOver }), 'en-GB');
    expect(lines(et)).toEqual(['🏁 *End of extra time*', '🇦🇷 ARG 2–1 FRA 🇫🇷']);
  });

  it('shoot-out kick: the kick, a ✅/❌ row per team, and the running tally', () => {
    const msg = renderReply(
      event(
        {
          kind: 'shootout-kick',
          side: 'home',
          player: 'Gonzalo MONTIEL',
          scored: true,
          outcome: null,
          kicks: { home: [true, true, true, true], away: [true, false, false, true] },
          penalties: { home: 4, away: 2 },
        },
        { minute: null },
      ),
      'en-GB',
    );
    expect(lines(msg)).toEqual([
      '✅ Gonzalo MONTIEL (Argentina) scores',
      'ARG ✅ ✅ ✅ ✅\nFRA ✅ ❌ ❌ ✅',
      'Penalties: ARG 4–2 FRA',
    ]);
    expect(msg.text).toBe('Gonzalo MONTIEL (Argentina) scores — Penalties: Argentina 4–2 France');
  });

  it('shoot-out kick saved shows ❌ and says saved', () => {
    const msg = renderReply(
      event({
        kind: 'shootout-kick',
        side: 'away',
        player: 'Kingsley COMAN',
        scored: false,
        outcome: 'saved',
        kicks: { home: [true], away: [true, false] },
        penalties: { home: 1, away: 1 },
      }),
      'en-GB',
    );
    expect(lines(msg)[0]).toBe('❌ Kingsley COMAN (France) has the kick saved');
    expect(lines(msg)[1]).toBe('ARG ✅\nFRA ✅ ❌');
  });

  it('shoot-out kick: a team that has not kicked yet gets no empty row', () => {
    // 2022 final: France kicked first, so after Mbappé's kick Argentina had none.
    const msg = renderReply(
      event({
        kind: 'shootout-kick',
        side: 'away',
        player: 'Kylian MBAPPE',
        scored: true,
        outcome: null,
        kicks: { home: [], away: [true] },
        penalties: { home: 0, away: 1 },
      }),
      'en-GB',
    );
    expect(lines(msg)).toEqual(['✅ Kylian MBAPPE (France) scores', 'FRA ✅', 'Penalties: ARG 0–1 FRA']);
    const homeFirst = renderReply(
      event({
        kind: 'shootout-kick',
        side: 'home',
        player: 'Lionel MESSI',
        scored: false,
        outcome: 'saved',
        kicks: { home: [false], away: [] },
        penalties: { home: 0, away: 0 },
      }),
      'en-GB',
    );
    expect(lines(homeFirst)[1]).toBe('ARG ❌');
  });

  it('a booking, a penalty or a miss during the shoot-out carries the running shoot-out score', () => {
    const shootout = summary({ phase: 'shootout', minute: null, score: { home: 3, away: 3 }, penalties: { home: 1, away: 1 }, wentToExtraTime: true });
    const card = renderReply(
      event({ kind: 'card', side: 'home', player: 'Emiliano MARTINEZ', card: 'yellow' }, { minute: "121'", match: shootout }),
      'en-GB',
    );
    expect(lines(card)).toEqual(["🟨 Yellow card — Emiliano MARTINEZ (Argentina) 121'", '🇦🇷 ARG 3–3 FRA 🇫🇷 (1–1 pens)']);
    expect(card.text).toBe("Yellow card — Emiliano MARTINEZ (Argentina) 121' — Argentina 3–3 France (1–1 pens)");
    const red = renderReply(event({ kind: 'card', side: 'away', player: 'X', card: 'red' }, { match: shootout }), 'en-GB');
    expect(lines(red)[1]).toBe('🇦🇷 ARG 3–3 FRA 🇫🇷 (1–1 pens)');
  });

  it('match end: winner, after extra time, on penalties (winner first), draw', () => {
    const end = (d: Partial<MatchEventDetail & { kind: 'match-end' }>) =>
      renderReply(
        event({ kind: 'match-end', score: { home: 2, away: 1 }, penalties: null, winner: 'home', extraTime: false, ...d }),
        'en-GB',
      );
    expect(lines(end({}))).toEqual(['🏁 *Match over* — Argentina win', '🇦🇷 ARG 2–1 FRA 🇫🇷']);
    expect(lines(end({ extraTime: true }))).toEqual(['🏁 *Match over* — Argentina win after extra time', '🇦🇷 ARG 2–1 FRA 🇫🇷 a.e.t.']);
    expect(end({ extraTime: true }).text).toBe('Match over — Argentina 2–1 France a.e.t. — Argentina win after extra time');
    const pens = end({ score: { home: 3, away: 3 }, penalties: { home: 2, away: 4 }, winner: 'away', extraTime: true });
    expect(lines(pens)).toEqual(['🏁 *Match over* — France win 4–2 on penalties', '🇦🇷 ARG 3–3 FRA 🇫🇷 a.e.t. (2–4 pens)']);
    expect(pens.text).toBe('Match over — Argentina 3–3 France a.e.t. (2–4 pens) — France win 4–2 on penalties');
    expect(lines(end({ score: { home: 1, away: 1 }, winner: null }))[0]).toBe('🏁 *Match over* — Draw');
  });

  it('catch-up: score, minute, then goals and cards one line each', () => {
    const msg = renderReply(
      catchUp(
        [
          { side: 'home', player: 'Lionel MESSI', minute: "23'", method: 'penalty' },
          { side: 'home', player: 'Ángel DI MARÍA', minute: "36'", method: 'open-play' },
        ],
        [{ side: 'away', player: 'Olivier GIROUD', minute: "40'", card: 'yellow' }],
        summary({ phase: 'second-half', minute: "67'", score: { home: 2, away: 0 } }),
      ),
      'en-GB',
    );
    expect(lines(msg)).toEqual([
      "📋 *Catching up* — 🇦🇷 *Argentina 2–0 France* 🇫🇷\n🟢 LIVE 67'",
      "⚽ 23' ARG · Lionel MESSI (pen.)\n⚽ 36' ARG · Ángel DI MARÍA",
      "🟨 40' FRA · Olivier GIROUD",
    ]);
    expect(msg.text).toBe("Catching up — Argentina 2–0 France — LIVE 67'");
  });

  it('catch-up at half-time with no cards shows the period and no empty section', () => {
    const msg = renderReply(
      catchUp(
        [{ side: 'away', player: null, minute: "12'", method: 'own-goal' }],
        [],
        summary({ phase: 'half-time', minute: null, score: { home: 0, away: 1 } }),
      ),
      'en-GB',
    );
    expect(lines(msg)).toEqual(['📋 *Catching up* — 🇦🇷 *Argentina 0–1 France* 🇫🇷\n⏸️ Half-time', "⚽ 12' FRA (o.g.)"]);
  });

  it('corrections are phrased per original kind, with the score as it now stands', () => {
    const goal = event({ ...GOAL, method: 'open-play' });
    const msg = renderReply(correction(goal), 'en-GB');
    expect(lines(msg)).toEqual([
      "↩️ Correction: the goal by Lionel MESSI (Argentina) at 23' was ruled out after review",
      'Score now: 🇦🇷 ARG 0–0 FRA 🇫🇷',
    ]);
    expect(msg.text).toBe(
      "Correction: the goal by Lionel MESSI (Argentina) at 23' was ruled out after review — Score now: Argentina 0–0 France",
    );

    const og = event({ kind: 'goal', side: 'home', player: 'Hugo LLORIS', method: 'own-goal', score: { home: 1, away: 0 } });
    expect(lines(renderReply(correction(og), 'en-GB'))[0]).toBe(
      "↩️ Correction: the goal by Hugo LLORIS (o.g.) at 23' was ruled out after review",
    );

    const pen = event({ kind: 'penalty-awarded', side: 'away' }, { minute: "80'" });
    expect(lines(renderReply(correction(pen), 'en-GB'))[0]).toBe(
      "↩️ Correction: the penalty to France at 80' was cancelled",
    );

    const card = event({ kind: 'card', side: 'away', player: 'Adrien RABIOT', card: 'red' }, { minute: "40'" });
    expect(lines(renderReply(correction(card), 'en-GB'))[0]).toBe(
      "↩️ Correction: the red card for Adrien RABIOT (France) at 40' was rescinded",
    );

    const sub = event({ kind: 'substitution', side: 'home', playerOn: 'A', playerOff: 'B' }, { minute: "64'" });
    expect(lines(renderReply(correction(sub), 'en-GB'))[0]).toBe("↩️ Correction: the update at 64' was withdrawn");
  });

  it('a revised alert renders exactly like a first announcement of the same content, with no "(edited)" noise', () => {
    const first = renderReply(event(GOAL), 'en-GB');
    const revised = renderReply(event(GOAL, { revision: 3 }), 'en-GB');
    expect(revised).toEqual(first);
    expect(JSON.stringify(revised)).not.toMatch(/edit/i);
  });
});

describe('renderParent, en-GB, through every phase', () => {
  const KICKOFF_TOKEN = '<!date^1671375600^{date_short_pretty} {time}|Sun 18 Dec 2022 15:00 UTC>';

  it('pre-match: teams, no score, and a per-reader kick-off with an explicit UTC fallback', () => {
    const msg = renderParent(summary({ phase: 'pre-match', minute: null, groupName: 'Group C', stageName: 'First stage' }), 'en-GB');
    expect(lines(msg)).toEqual([
      '🇦🇷 *Argentina v France* 🇫🇷',
      `FIFA World Cup · First stage · Group C · Kick-off ${KICKOFF_TOKEN}`,
    ]);
    expect(msg.text).toBe('Argentina v France — Kick-off Sun 18 Dec 2022 15:00 UTC');
  });

  it('live: green badge with the minute', () => {
    const msg = renderParent(summary({ phase: 'second-half', minute: "67'", score: { home: 2, away: 0 } }), 'en-GB');
    expect(lines(msg)).toEqual([
      '🇦🇷 *Argentina 2–0 France* 🇫🇷',
      `🟢 LIVE 67' · FIFA World Cup · Final · Kick-off ${KICKOFF_TOKEN}`,
    ]);
    expect(msg.text).toBe("Argentina 2–0 France — LIVE 67'");
  });

  it('live without a minute yet names the half', () => {
    expect(lines(renderParent(summary({ phase: 'first-half', minute: null }), 'en-GB'))[1]).toMatch(
      /^🟢 LIVE · 1st half · /,
    );
  });

  it.each([
    ['half-time', '⏸️ Half-time'],
    ['before-extra-time', '⏸️ End of normal time'],
    ['extra-time-break', '⏸️ Extra time, half-time'],
    ['before-shootout', '⏸️ End of extra time'],
  ] as const)('%s shows "%s"', (phase, status) => {
    const msg = renderParent(summary({ phase, minute: null, score: { home: 2, away: 2 } }), 'en-GB');
    expect(lines(msg)[1]).toBe(`${status} · FIFA World Cup · Final · Kick-off ${KICKOFF_TOKEN}`);
  });

  it('extra time: minute and which half of extra time', () => {
    const first = renderParent(summary({ phase: 'extra-time-first-half', minute: "97'", score: { home: 2, away: 2 } }), 'en-GB');
    expect(lines(first)[1]).toMatch(/^🟢 LIVE 97' · Extra time, 1st half · /);
    const second = renderParent(summary({ phase: 'extra-time-second-half', minute: "108'", score: { home: 3, away: 2 } }), 'en-GB');
    expect(lines(second)[1]).toMatch(/^🟢 LIVE 108' · Extra time, 2nd half · /);
    expect(second.text).toBe("Argentina 3–2 France — LIVE 108' · Extra time, 2nd half");
  });

  it('shoot-out: the running penalty score beside the match score', () => {
    const msg = renderParent(
      summary({ phase: 'shootout', minute: null, score: { home: 3, away: 3 }, penalties: { home: 3, away: 2 }, wentToExtraTime: true }),
      'en-GB',
    );
    expect(lines(msg)[0]).toBe('🇦🇷 *Argentina 3–3 France* 🇫🇷 (3–2 pens)');
    expect(lines(msg)[1]).toMatch(/^🟢 Penalty shoot-out · /);
    expect(msg.text).toBe('Argentina 3–3 France (3–2 pens) — Penalty shoot-out');
  });

  it('finished: full-time, after extra time, won on penalties', () => {
    const ft = renderParent(summary({ phase: 'finished', minute: null, score: { home: 2, away: 1 }, winner: 'home' }), 'en-GB');
    expect(lines(ft)[1]).toMatch(/^🏁 Full-time · /);
    const aet = renderParent(
      summary({ phase: 'finished', minute: null, score: { home: 2, away: 1 }, winner: 'home', wentToExtraTime: true }),
      'en-GB',
    );
    expect(lines(aet)[0]).toBe('🇦🇷 *Argentina 2–1 France* 🇫🇷 a.e.t.');
    expect(lines(aet)[1]).toMatch(/^🏁 After extra time · /);
    expect(aet.text).toBe('Argentina 2–1 France a.e.t. — After extra time');
    expect(lines(ft)[0]).toBe('🇦🇷 *Argentina 2–1 France* 🇫🇷');
    const pens = renderParent(
      summary({
        phase: 'finished',
        minute: null,
        score: { home: 3, away: 3 },
        penalties: { home: 4, away: 2 },
        winner: 'home',
        wentToExtraTime: true,
      }),
      'en-GB',
    );
    expect(lines(pens)[0]).toBe('🇦🇷 *Argentina 3–3 France* 🇫🇷 a.e.t. (4–2 pens)');
    expect(lines(pens)[1]).toMatch(/^🏁 Argentina won 4–2 on penalties · /);
    expect(pens.text).toBe('Argentina 3–3 France a.e.t. (4–2 pens) — Argentina won 4–2 on penalties');
  });

  it('an undecided knockout slot shows its placeholder and a neutral flag', () => {
    const msg = renderParent(
      summary({ phase: 'pre-match', minute: null, away: { id: null, name: 'W49', abbreviation: 'W49', countryCode: null } }),
      'en-GB',
    );
    expect(lines(msg)[0]).toBe(`🇦🇷 *Argentina v W49* ${NEUTRAL_FLAG}`);
  });

  it('shows no flag for clubs, and the flags of national teams whatever the provider', () => {
    const clubs = renderParent(
      summary({
        home: { id: 'espn:359', name: 'Arsenal', abbreviation: 'ARS', countryCode: null },
        away: { id: 'espn:363', name: 'Chelsea', abbreviation: 'CHE', countryCode: null },
      }),
      'en-GB',
    );
    expect(lines(clubs)[0]).toMatch(/^\*Arsenal 0–0 Chelsea\*/);
    const nations = renderParent(
      summary({
        home: { id: 'espn:202', name: 'Argentina', abbreviation: 'ARG', countryCode: 'ARG' },
        away: { id: 'espn:478', name: 'France', abbreviation: 'FRA', countryCode: 'FRA' },
      }),
      'en-GB',
    );
    expect(lines(nations)[0]).toMatch(/^🇦🇷 \*Argentina .* France\* 🇫🇷/);
  });
});

describe('escaping hostile feed text', () => {
  const HOSTILE = '<!channel> & <https://evil|x>';
  const ESCAPED = '&lt;!channel&gt; &amp; &lt;https://evil|x&gt;';
  const hostileMatch = summary({
    home: { id: '1', name: HOSTILE, abbreviation: HOSTILE, countryCode: 'ARG' },
    competitionName: HOSTILE,
    stageName: HOSTILE,
    groupName: HOSTILE,
    minute: HOSTILE,
  });

  function expectInert(msg: SlackMessage): void {
    const all = [msg.text, ...lines(msg)];
    for (const text of all) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil');
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(msg.text).toContain(ESCAPED);
    expect(lines(msg).join('\n')).toContain(ESCAPED);
    for (const t of textObjects(msg)) {
      expect(t.type).toBe('mrkdwn');
      expect(t.verbatim).toBe(true);
    }
  }

  it('in the parent: team, competition, stage, group, minute; the date token stays intact', () => {
    const msg = renderParent(hostileMatch, 'en-GB');
    expectInert(msg);
    expect(lines(msg)[1]).toContain('<!date^1671375600^{date_short_pretty} {time}|Sun 18 Dec 2022 15:00 UTC>');
  });

  it('in a goal reply: team and player, in blocks and in the notification text', () => {
    expectInert(renderReply(event({ ...GOAL, player: HOSTILE }, { match: hostileMatch, minute: HOSTILE }), 'en-GB'));
  });

  it('in cards, substitutions, shoot-out rows, catch-ups and corrections', () => {
    const m = { match: hostileMatch };
    expectInert(renderReply(event({ kind: 'card', side: 'home', player: HOSTILE, card: 'red' }, m), 'en-GB'));
    expectInert(
      renderReply(event({ kind: 'substitution', side: 'home', playerOn: HOSTILE, playerOff: HOSTILE }, m), 'en-GB'),
    );
    expectInert(
      renderReply(
        event(
          {
            kind: 'shootout-kick',
            side: 'home',
            player: HOSTILE,
            scored: true,
            outcome: null,
            kicks: { home: [true], away: [] },
            penalties: { home: 1, away: 0 },
          },
          m,
        ),
        'en-GB',
      ),
    );
    expectInert(
      renderReply(
        catchUp(
          [{ side: 'home', player: HOSTILE, minute: HOSTILE, method: 'open-play' }],
          [{ side: 'home', player: HOSTILE, minute: HOSTILE, card: 'yellow' }],
          hostileMatch,
        ),
        'en-GB',
      ),
    );
    expectInert(renderReply(correction(event({ ...GOAL, player: HOSTILE }, m), hostileMatch), 'en-GB'));
  });
});

describe('Block Kit limits', () => {
  function expectWithinLimits(msg: SlackMessage): void {
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    for (const text of lines(msg)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    // Slack's undocumented whole-message budget (~13k): keep well under it.
    expect(lines(msg).join('').length).toBeLessThanOrEqual(12_000);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  }

  const goals = (n: number, player: (i: number) => string): GoalLine[] =>
    Array.from({ length: n }, (_, i) => ({ side: i % 2 ? 'away' : 'home', player: player(i), minute: `${i + 1}'`, method: 'open-play' }));
  const cards = (n: number, player: (i: number) => string): CardLine[] =>
    Array.from({ length: n }, (_, i) => ({ side: i % 2 ? 'away' : 'home', player: player(i), minute: `${i + 1}'`, card: 'yellow' }));

  it('a catch-up with 40 goals and 40 cards fits', () => {
    const msg = renderReply(catchUp(goals(40, (i) => `Player ${i}`), cards(40, (i) => `Player ${i}`)), 'en-GB');
    expectWithinLimits(msg);
    expect(shown(msg)).toContain("⚽ 1' ARG · Player 0");
  });

  it('when the lists cannot all fit, they end with "… and N more" and N is exact', () => {
    const long = (i: number) => `Player ${i} ${'X'.repeat(120)}`;
    const msg = renderReply(catchUp(goals(40, long), cards(40, long)), 'en-GB');
    expectWithinLimits(msg);
    const [, goalList, cardList] = lines(msg);
    for (const list of [goalList!, cardList!]) {
      const rows = list.split('\n');
      const more = rows.at(-1)!.match(/^… and (\d+) more$/);
      expect(more).not.toBeNull();
      expect(rows.length - 1 + Number(more![1])).toBe(40);
    }
  });

  it('absurdly long feed names cannot push any message over the limits', () => {
    const huge = 'N'.repeat(20_000);
    const match = summary({
      home: { id: '1', name: huge, abbreviation: huge, countryCode: null },
      competitionName: huge,
      stageName: huge,
    });
    expectWithinLimits(renderParent(match, 'en-GB'));
    expectWithinLimits(renderReply(event({ ...GOAL, player: huge }, { match, minute: huge }), 'en-GB'));
    expectWithinLimits(renderReply(catchUp(goals(40, () => huge), cards(40, () => huge), match), 'en-GB'));
    expectWithinLimits(
      renderReply(
        event(
          {
            kind: 'shootout-kick',
            side: 'home',
            player: huge,
            scored: true,
            outcome: null,
            kicks: { home: Array(500).fill(true), away: Array(500).fill(false) },
            penalties: { home: 500, away: 0 },
          },
          { match },
        ),
        'en-GB',
      ),
    );
  });
});

describe('flagEmoji', () => {
  it('maps FIFA codes that differ from ISO to the right flag', () => {
    expect(flagEmoji('ARG')).toBe('🇦🇷');
    expect(flagEmoji('FRA')).toBe('🇫🇷');
    expect(flagEmoji('KSA')).toBe('🇸🇦');
    expect(flagEmoji('GER')).toBe('🇩🇪');
    expect(flagEmoji('NED')).toBe('🇳🇱');
    expect(flagEmoji('SUI')).toBe('🇨🇭');
    expect(flagEmoji('CRC')).toBe('🇨🇷');
  });

  it('uses the subdivision flags for England, Scotland and Wales', () => {
    expect(flagEmoji('ENG')).toBe('🏴󠁧󠁢󠁥󠁮󠁧󠁿');
    expect(flagEmoji('SCO')).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿');
    expect(flagEmoji('WAL')).toBe('🏴󠁧󠁢󠁷󠁬󠁳󠁿');
  });

  it('is neutral for Northern Ireland, null and unknown codes, and forgiving about case', () => {
    expect(flagEmoji('NIR')).toBe(NEUTRAL_FLAG);
    expect(flagEmoji(null)).toBe(NEUTRAL_FLAG);
    expect(flagEmoji('XYZ')).toBe(NEUTRAL_FLAG);
    expect(flagEmoji('')).toBe(NEUTRAL_FLAG);
    expect(flagEmoji(' arg ')).toBe('🇦🇷');
  });

  it('covers every FIFA member association with a valid two-letter code', () => {
    const covered = new Set([...Object.keys(FIFA_TO_ISO2), ...FIFA_SPECIAL_CODES]);
    expect(covered.size).toBeGreaterThanOrEqual(211);
    for (const iso of Object.values(FIFA_TO_ISO2)) expect(iso).toMatch(/^[A-Z]{2}$/);
  });
});
