/**
 * What a per-member outbox asks of the API it sends through (Twilio for SMS, Slack for DMs), and the
 * classes every answer is sorted into once, in the transport (SPEC: errors come in classes).
 */
import type { StoredDelivery } from '../store/outbox-repo.js';

/** What a transport made of one unit, sorted once into the classes every API is sorted into. */
export type SendOutcome =
  /** Delivered; `ref` names it at the API (an SMS sid, a message ts). */
  | { kind: 'sent'; ref: string }
  /** It may have been delivered: look (`find`) before sending again. */
  | { kind: 'unknown'; reason: string }
  /** This address cannot be reached: the unit and the member's other deliveries to it are given up. */
  | { kind: 'destination'; reason: string }
  /** The API refused this message: it is given up. */
  | { kind: 'message'; reason: string }
  /** Nothing went out (throttled, stopping): the member waits (backoff, and at least `retryAfterMs`). */
  | { kind: 'later'; reason: string; retryAfterMs?: number }
  /** The API refused our account or configuration: nothing went out, and all sending pauses. */
  | { kind: 'account'; reason: string }
  /** Not sent and never to be (it expired while waiting its turn, the match kicked off): dropped. */
  | { kind: 'drop'; reason: string };

/** What the transport found of an attempt whose outcome was unknown. */
export type FindOutcome =
  | { kind: 'found'; ref: string }
  | { kind: 'absent' }
  /** The API did not answer: ask again later, never send blind. */
  | { kind: 'unreachable'; reason: string }
  | { kind: 'account'; reason: string };

/** One message to one member: one delivery, or several combined. */
export interface OutboxUnit {
  /** Names the attempt; stored on its deliveries, so an attempt spanning several alerts is rebuilt whole. */
  id: string;
  userId: string;
  to: string;
  /** The combined text (for a DM, the member's language). */
  body: string;
  /** The alerts it carries, oldest enqueued first. */
  alertIds: string[];
  deliveries: readonly StoredDelivery[];
  /** When its oldest delivery stops being worth sending (ms). */
  expiresAt: number;
  /** When it was marked attempted (ms; 0 before). */
  attemptedAt: number;
}

export interface MemberTransport {
  /** A unit's body from its deliveries' texts, oldest first (default: the first text). */
  combine?(texts: string[]): string;
  /** Longest body a unit may have: the rest of a burst goes in the next unit. */
  maxBody?: number;
  /**
   * Checked before a unit is attempted: a reason when its member no longer wants it (unsubscribed, number
   * changed, alerts switched off); then it is dropped, never sent.
   */
  unwanted?(unit: OutboxUnit): Promise<string | undefined>;
  /** Sends the unit; `live()` turns false when the outbox no longer wants it sent (stopping, paused). Never throws. */
  send(unit: OutboxUnit, live: () => boolean): Promise<SendOutcome>;
  /** After an unknown outcome: did the unit arrive? `knownRefs` were sent for other units and are never it. */
  find(unit: OutboxUnit, knownRefs: ReadonlyMap<string, number>): Promise<FindOutcome>;
  /** Deliveries dropped unsent, before their address and text are forgotten (for a drop log). */
  dropped?(reason: string, deliveries: readonly StoredDelivery[]): void;
}

export interface OutboxItem {
  userId: string;
  /** The transport's address for the member (E.164 for an SMS; the member id for a DM). */
  to: string;
  /** What the transport sends (for a DM, the member's language: the DM is rendered when sent). */
  text: string;
  /** E.g. the match key: a member's queued items with the same key go out as one unit. */
  coalesceKey: string;
}
