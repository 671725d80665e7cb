/** TWITCH_EVENTSUB and TWITCH_EVENTSUB_URL (SPEC T6), and the poll interval EventSub lets grow. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const TWITCH = { TWITCH_CLIENT_ID: 'id', TWITCH_CLIENT_SECRET: 'secret' };

function twitch(env: Record<string, string>) {
  const result = loadConfig({ ...TWITCH, ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config.twitch;
}

describe('EventSub configuration', () => {
  it('is on by default, on Twitch\'s socket, and polls every 120 s as the backstop', () => {
    expect(twitch({})).toMatchObject({ eventsubUrl: 'wss://eventsub.wss.twitch.tv/ws', pollSeconds: 120 });
  });

  it('TWITCH_EVENTSUB=off polls only, every 60 s unless told otherwise', () => {
    expect(twitch({ TWITCH_EVENTSUB: 'off' })).toMatchObject({ eventsubUrl: null, pollSeconds: 60 });
    expect(twitch({ TWITCH_EVENTSUB: 'OFF', TWITCH_POLL_SECONDS: '30' })).toMatchObject({ eventsubUrl: null, pollSeconds: 30 });
  });

  it('an explicit poll interval wins with EventSub on', () => {
    expect(twitch({ TWITCH_POLL_SECONDS: '45', TWITCH_EVENTSUB_URL: 'ws://127.0.0.1:9999/ws' })).toMatchObject({ eventsubUrl: 'ws://127.0.0.1:9999/ws', pollSeconds: 45 });
  });

  it('rejects a non-WebSocket URL and an unknown switch value', () => {
    const result = loadConfig({ ...TWITCH, TWITCH_EVENTSUB_URL: 'https://eventsub.wss.twitch.tv/ws', TWITCH_EVENTSUB: 'maybe' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain('TWITCH_EVENTSUB_URL: must be a ws(s) URL, got "https://eventsub.wss.twitch.tv/ws"');
    expect(result.errors).toContain('TWITCH_EVENTSUB: must be "on" or "off"');
  });
});
