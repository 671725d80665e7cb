/**
 * EventSub WebSocket messages as Twitch sends them (dev.twitch.tv "Handling WebSocket Events"; twitch-cli's
 * mock server). Every frame is `{metadata, payload}`; the client never sends any (close code 4001).
 */
import { z } from 'zod';

const Metadata = z.object({
  message_id: z.string(),
  message_type: z.string(),
  message_timestamp: z.string(),
  subscription_type: z.string().optional(),
  subscription_version: z.string().optional(),
});

const Session = z.object({
  id: z.string(),
  status: z.string(),
  keepalive_timeout_seconds: z.number().nullable().optional(),
  reconnect_url: z.string().nullable().optional(),
});

export const Subscription = z.object({
  id: z.string(),
  type: z.string(),
  version: z.string(),
  status: z.string(),
  cost: z.number().optional(),
  condition: z.record(z.string(), z.unknown()),
  transport: z.object({ method: z.string(), conduit_id: z.string().optional() }).loose(),
});
export type Subscription = z.infer<typeof Subscription>;

export const Frame = z.object({ metadata: Metadata, payload: z.record(z.string(), z.unknown()) });
export type Frame = z.infer<typeof Frame>;

export const SessionPayload = z.object({ session: Session });
export const NotificationPayload = z.object({ subscription: Subscription, event: z.record(z.string(), z.unknown()) });
export const RevocationPayload = z.object({ subscription: Subscription });

export const StreamOnlineEvent = z.object({
  id: z.string(),
  broadcaster_user_id: z.string(),
  broadcaster_user_login: z.string(),
  broadcaster_user_name: z.string(),
  type: z.string(),
  started_at: z.string(),
});
export const StreamOfflineEvent = z.object({
  broadcaster_user_id: z.string(),
  broadcaster_user_login: z.string(),
  broadcaster_user_name: z.string(),
});

/** Twitch's close codes, said once in the log (dev.twitch.tv "Close message"). */
export const CLOSE_REASONS: Record<number, string> = {
  4000: 'internal server error',
  4001: 'client sent inbound traffic',
  4002: 'client failed ping-pong',
  4003: 'connection unused (no subscription or shard within 10 s of the welcome)',
  4004: 'reconnect grace time expired',
  4005: 'network timeout',
  4006: 'network error',
  4007: 'invalid reconnect',
};
