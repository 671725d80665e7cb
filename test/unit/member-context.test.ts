/**
 * The member context (SPEC P3): which language a member is answered in, what Slack says of them being
 * kept in their prefs, and a failing users.info or store never blocking them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { lookUpMember, prefsUpdate, resolveMember, userOf } from '../../src/slack/member-context.js';
import { DEFAULT_PREFS, MemberPrefsRepo } from '../../src/store/member-prefs.js';
import { openFlakyStore, type FlakyStore } from '../fixtures/flaky-store.js';

const profile = (locale: string | undefined, timeZone: string | undefined, isAdmin = false) => ({ locale, timeZone, isAdmin });

describe('resolveMember', () => {
  it('speaks the member\'s choice, else their Slack locale when Fanfare speaks it, else LOCALE', () => {
    expect(resolveMember('U1', profile('de-DE', 'Europe/Berlin'), { ...DEFAULT_PREFS, language: 'fr-FR' }, 'en-GB').locale).toBe('fr-FR');
    expect(resolveMember('U1', profile('pt-BR', 'America/Sao_Paulo'), DEFAULT_PREFS, 'en-GB')).toEqual({
      userId: 'U1', locale: 'pt-BR', slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo', isAdmin: false,
    });
    expect(resolveMember('U1', profile('es-LA', undefined), DEFAULT_PREFS, 'en-GB').locale).toBe('es-ES');
    expect(resolveMember('U1', profile('ja-JP', 'Asia/Tokyo'), DEFAULT_PREFS, 'de-DE').locale).toBe('de-DE');
  });

  it('without users.info, reads what the prefs remember, then LOCALE and UTC', () => {
    const remembered = { ...DEFAULT_PREFS, slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' };
    expect(resolveMember('U1', null, remembered, 'en-GB')).toEqual({ userId: 'U1', locale: 'pt-BR', slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo', isAdmin: false });
    expect(resolveMember('U1', null, null, 'es-ES')).toEqual({ userId: 'U1', locale: 'es-ES', slackLocale: undefined, timeZone: 'UTC', isAdmin: false });
  });

  it('keeps admin rights from Slack only', () => {
    expect(resolveMember('U1', profile('en-GB', 'UTC', true), null, 'en-GB').isAdmin).toBe(true);
  });
});

describe('prefsUpdate', () => {
  it('writes only what Slack says differently', () => {
    expect(prefsUpdate(profile('pt-BR', 'America/Sao_Paulo'), DEFAULT_PREFS)).toEqual({ slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    expect(prefsUpdate(profile('pt-BR', 'Europe/Lisbon'), { ...DEFAULT_PREFS, slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' })).toEqual({ timeZone: 'Europe/Lisbon' });
    expect(prefsUpdate(profile('pt-BR', 'America/Sao_Paulo'), { ...DEFAULT_PREFS, slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' })).toBeNull();
    expect(prefsUpdate(profile(undefined, undefined), DEFAULT_PREFS)).toBeNull();
    expect(prefsUpdate(null, DEFAULT_PREFS)).toBeNull();
  });
});

describe('userOf', () => {
  it('finds the member in events, interactions and commands, and nobody in a user_change', () => {
    expect(userOf({ event: { type: 'app_home_opened', user: 'U1' } })).toBe('U1');
    expect(userOf({ type: 'block_actions', user: { id: 'U2' } })).toBe('U2');
    expect(userOf({ command: '/fanfare', user_id: 'U3' })).toBe('U3');
    expect(userOf({ event: { type: 'user_change', user: { id: 'U4' } } })).toBeUndefined();
    expect(userOf({ event: { type: 'app_uninstalled' } })).toBeUndefined();
  });
});

describe('lookUpMember', () => {
  let dir: string;
  let store: FlakyStore;
  let prefs: MemberPrefsRepo;
  const lines: { msg: string; user?: string }[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as { msg: string }) });
  let seq = 0;
  /** A fresh id per test: users.info answers are cached per member for a minute. */
  const newUser = () => `UCTX${(seq += 1)}`;

  const slack = (answer: () => Promise<unknown>) => ({ users: { info: answer } }) as unknown as webApi.WebClient;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fanfare-member-context-'));
    store = await openFlakyStore(path.join(dir, 'store.sqlite'));
    prefs = new MemberPrefsRepo(store);
    lines.length = 0;
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps Slack\'s locale and time zone in the prefs for alerts to read', async () => {
    const user = newUser();
    const client = slack(async () => ({ ok: true, user: { id: user, locale: 'de-DE', tz: 'Europe/Berlin', is_admin: true } }));
    expect(await lookUpMember({ prefs, locale: 'en-GB', logger }, client, user)).toEqual({ userId: user, locale: 'de-DE', slackLocale: 'de-DE', timeZone: 'Europe/Berlin', isAdmin: true });
    expect(await prefs.get(user)).toMatchObject({ slackLocale: 'de-DE', timeZone: 'Europe/Berlin' });
  });

  it('answers from the prefs when users.info fails, and logs it', async () => {
    const user = newUser();
    await prefs.patch(user, { slackLocale: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    const client = slack(async () => {
      throw new Error('An API error occurred: internal_error');
    });
    expect(await lookUpMember({ prefs, locale: 'en-GB', logger }, client, user)).toMatchObject({ locale: 'pt-BR', timeZone: 'America/Sao_Paulo', isAdmin: false });
    expect(lines.some((l) => l.user === user && /users\.info failed/.test(l.msg))).toBe(true);
  });

  it('does not wait for a users.info that hangs', async () => {
    const user = newUser();
    const client = slack(() => new Promise(() => undefined));
    expect(await lookUpMember({ prefs, locale: 'fr-FR', logger }, client, user)).toMatchObject({ locale: 'fr-FR', timeZone: 'UTC' });
  });

  it('answers in the Slack language when the store cannot be read, and logs it', async () => {
    const user = newUser();
    store.failReads('member-prefs');
    const client = slack(async () => ({ ok: true, user: { id: user, locale: 'es-ES', tz: 'Europe/Madrid' } }));
    expect(await lookUpMember({ prefs, locale: 'en-GB', logger }, client, user)).toMatchObject({ locale: 'es-ES', timeZone: 'Europe/Madrid' });
    expect(lines.some((l) => l.user === user && /prefs unreadable/.test(l.msg))).toBe(true);
  });
});
