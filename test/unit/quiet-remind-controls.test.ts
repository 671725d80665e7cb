/**
 * `/fanfare quiet …` and `/fanfare remind …` as typed (SPEC P4, P5), and their App Home controls: two time
 * pickers showing the member's window, Off only when there is one, and the reminder select, valid Block Kit.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/command-parser.js';
import { ACTIONS } from '../../src/slack/ids.js';
import { buildHome, type HomeInput } from '../../src/slack/views/home.js';
import { blockKitProblems, elementsWithAction, shownText } from '../fixtures/block-kit.js';

describe('parseCommand: quiet and remind', () => {
  it.each([
    ['quiet 23:00-07:00', { kind: 'quiet', hours: { from: '23:00', to: '07:00' } }],
    ['quiet 22.30 – 6.45', { kind: 'quiet', hours: { from: '22:30', to: '06:45' } }],
    ['Quiet OFF', { kind: 'quiet', hours: 'off' }],
    ['quiet', { kind: 'quiet', hours: null }],
    ['quiet 23:00', { kind: 'quiet', hours: null }],
    ['quiet 25:00-07:00', { kind: 'quiet', hours: null }],
    ['remind 15', { kind: 'remind', minutes: 15 }],
    ['remind 60min', { kind: 'remind', minutes: 60 }],
    ['remind off', { kind: 'remind', minutes: 'off' }],
    ['remind 30', { kind: 'remind', minutes: null }],
    ['remind', { kind: 'remind', minutes: null }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

function home(personal: HomeInput['personal'], locale: HomeInput['locale'] = 'en-GB') {
  return buildHome({
    locale,
    teams: [],
    allTeams: [],
    nextMatches: [],
    competitions: [],
    streamers: [],
    twitchEnabled: false,
    sms: { enabled: false, subscription: null },
    dm: { level: 'goals', streamsOnDm: true },
    personal,
    admin: null,
  });
}

describe('App Home: quiet hours and reminders', () => {
  it('shows the window in the pickers, an Off button, and the chosen reminder', () => {
    const view = home({ quietHours: { from: '23:00', to: '07:00' }, reminderMinutes: 60 });
    expect(blockKitProblems(view)).toEqual([]);
    expect(elementsWithAction(view.blocks, ACTIONS.quietFrom)[0]).toMatchObject({ type: 'timepicker', initial_time: '23:00' });
    expect(elementsWithAction(view.blocks, ACTIONS.quietTo)[0]).toMatchObject({ type: 'timepicker', initial_time: '07:00' });
    expect(elementsWithAction(view.blocks, ACTIONS.quietOff)).toHaveLength(1);
    expect(elementsWithAction(view.blocks, ACTIONS.remind)[0]).toMatchObject({ initial_option: { value: '60' } });
    expect(shownText(view.blocks)).toContain('23:00–07:00');
  });

  it('without quiet hours: empty pickers, no Off, reminders off; in the member’s language', () => {
    const view = home({}, 'fr-FR');
    expect(blockKitProblems(view)).toEqual([]);
    expect(elementsWithAction(view.blocks, ACTIONS.quietFrom)[0]).not.toHaveProperty('initial_time');
    expect(elementsWithAction(view.blocks, ACTIONS.quietOff)).toEqual([]);
    expect(elementsWithAction(view.blocks, ACTIONS.remind)[0]).toMatchObject({ initial_option: { value: 'off' } });
    expect(shownText(view.blocks)).toContain('Heures de silence');
  });
});
