/**
 * Who is asking, on every request of a member (SPEC P3): their id, the language Fanfare answers them in,
 * their Slack locale and time zone, and whether they are an admin. A Bolt global middleware puts it on
 * `context.member`, so listeners never fix a language at construction.
 */
import type { AnyMiddlewareArgs, Context, Middleware, webApi } from '@slack/bolt';
import { memberLocale } from '../alerts/i18n/member-locale.js';
import type { Locale } from '../alerts/i18n/locales.js';
import type { Logger } from '../log.js';
import type { MemberPrefs, MemberPrefsRepo } from '../store/member-prefs.js';
import { memberProfile, type MemberProfile } from './member-profile.js';

export interface MemberContext {
  userId: string;
  /** The language Fanfare speaks to them: their choice, else their Slack locale, else LOCALE. */
  locale: Locale;
  /** Slack's locale for them, as Slack spells it ("ja-JP" too); undefined when never known. */
  slackLocale: string | undefined;
  /** IANA time zone; UTC when Slack never said. */
  timeZone: string;
  isAdmin: boolean;
}

/**
 * Slack wants an answer within 3 s and a modal's check takes up to 2 s of them (ack-in-time.ts): a slower
 * users.info gives way to what the store remembers (the answer still fills the cache for next time).
 */
const PROFILE_WAIT_MS = 800;

/**
 * The member context from what Slack says now (null: users.info failed) and what their prefs hold
 * (null: the store failed). Pure.
 */
export function resolveMember(userId: string, profile: MemberProfile | null, prefs: MemberPrefs | null, workspace: Locale): MemberContext {
  const slackLocale = profile?.locale ?? prefs?.slackLocale;
  return {
    userId,
    locale: memberLocale(prefs?.language, slackLocale, workspace),
    slackLocale,
    timeZone: profile?.timeZone ?? prefs?.timeZone ?? 'UTC',
    isAdmin: profile?.isAdmin ?? false,
  };
}

/** What the prefs must learn from Slack, so alerts to many members need no users.info; null: nothing new. */
export function prefsUpdate(profile: MemberProfile | null, prefs: MemberPrefs | null): Pick<MemberPrefs, 'slackLocale' | 'timeZone'> | null {
  if (!profile || !prefs) return null;
  const update: Pick<MemberPrefs, 'slackLocale' | 'timeZone'> = {};
  if (profile.locale && profile.locale !== prefs.slackLocale) update.slackLocale = profile.locale;
  if (profile.timeZone && profile.timeZone !== prefs.timeZone) update.timeZone = profile.timeZone;
  return Object.keys(update).length > 0 ? update : null;
}

export interface MemberContextDeps {
  prefs: MemberPrefsRepo;
  /** LOCALE */
  locale: Locale;
  logger: Logger;
}

/** Asks Slack and the store at once; either failing is logged and falls back, never blocks the member. */
export async function lookUpMember(deps: MemberContextDeps, client: webApi.WebClient, userId: string): Promise<MemberContext> {
  const [profile, prefs] = await Promise.all([
    withinWait(memberProfile(client, userId)).catch((error: unknown) => {
      deps.logger.warn({ err: error, user: userId }, 'users.info failed: the member is answered from their stored language and time zone');
      return null;
    }),
    deps.prefs.get(userId).catch((error: unknown) => {
      deps.logger.warn({ err: error, user: userId }, 'member prefs unreadable: the member is answered in their Slack language');
      return null;
    }),
  ]);
  const update = prefsUpdate(profile, prefs);
  if (update) {
    await deps.prefs.patch(userId, update).catch((error: unknown) => deps.logger.warn({ err: error, user: userId }, 'could not keep the member\'s Slack locale and time zone'));
  }
  return resolveMember(userId, profile, prefs, deps.locale);
}

function withinWait<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROFILE_WAIT_MS} ms`)), PROFILE_WAIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The member behind a payload: events carry `event.user` (an id), interactions `user.id`, commands `user_id`. */
export function userOf(body: unknown): string | undefined {
  const payload = body as { event?: { user?: unknown }; user?: { id?: unknown }; user_id?: unknown };
  const user = payload.event ? payload.event.user : (payload.user?.id ?? payload.user_id);
  return typeof user === 'string' && user !== '' ? user : undefined;
}

/** The global middleware: every event, action, command or view with a member gets `context.member`. */
export function memberContext(deps: MemberContextDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, client, context, next }) => {
    const userId = userOf(body);
    if (userId && userId !== context.botUserId) context.member = await lookUpMember(deps, client, userId);
    await next();
  };
}

export function memberOf(context: Context): MemberContext | undefined {
  return context.member as MemberContext | undefined;
}

/** The listeners' deps as this member reads them: Fanfare's own words in their language. */
export function forMember<T extends { locale: Locale }>(deps: T, context: Context): T {
  const member = memberOf(context);
  return member ? { ...deps, locale: member.locale } : deps;
}
