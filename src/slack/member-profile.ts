/** What Slack says of a member (users.info): admin rights, Slack locale and time zone, cached briefly. */
import type { webApi } from '@slack/bolt';

export interface MemberProfile {
  isAdmin: boolean;
  /** Slack locale such as "pt-BR" (asked with include_locale): the member's language, and the country of national phone numbers. */
  locale: string | undefined;
  /** IANA time zone such as "America/Sao_Paulo", when Slack knows one. */
  timeZone: string | undefined;
}

const PROFILE_TTL_MS = 60_000;
const profiles = new Map<string, { profile: MemberProfile; at: number }>();

/** Every request of a member asks (the member context), so one users.info a minute per member is enough. */
export async function memberProfile(client: webApi.WebClient, userId: string): Promise<MemberProfile> {
  const cached = profiles.get(userId);
  if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
  const answer = await client.users.info({ user: userId, include_locale: true });
  const user = answer.user;
  const profile: MemberProfile = { isAdmin: Boolean(user?.is_admin || user?.is_owner), locale: user?.locale || undefined, timeZone: user?.tz || undefined };
  profiles.set(userId, { profile, at: Date.now() });
  return profile;
}

/** Slack said the member changed (user_change): the next request asks again, never undoing the change from the cache. */
export function forgetProfile(userId: string): void {
  profiles.delete(userId);
}
