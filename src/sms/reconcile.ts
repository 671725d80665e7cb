/**
 * After an SMS's outcome was unknown (crash, timeout, 5xx): is one of the newest messages Twilio has to
 * that number the one we tried to send (twilio.md §2–§3)? Found: it was sent. Absent: safe to send again.
 */

/** Rows of Twilio's message list asked for: the newest to the number, compared here by creation time. */
export const RECONCILE_LIMIT = 50;
// Wide, so a skewed clock cannot make us miss our own SMS and send it twice; body, recipient and the sids
// already accounted for keep an older SMS with the same text from being taken for it.
const RECONCILE_LOOKBACK_MS = 10 * 60_000;

/** What a row of Twilio's message list (to the attempt's number) says that matters here. */
export interface ListedMessage {
  sid: string;
  body: string;
  direction: string;
  messagingServiceSid?: string | null;
  dateCreated?: Date | null;
}

export interface Attempt {
  /** The text sent (a combined SMS's whole text). */
  body: string;
  /** When its create call started (ms). */
  attemptedAt: number;
}

/** Our message for this attempt among the rows, if Twilio has it; never one whose sid is already accounted for. */
export function findAttempt<T extends ListedMessage>(rows: readonly T[], attempt: Attempt, messagingServiceSid: string, knownSids: ReadonlyMap<string, unknown>): T | undefined {
  const since = attempt.attemptedAt - RECONCILE_LOOKBACK_MS;
  return rows.find(
    (m) =>
      m.body === attempt.body &&
      m.direction !== 'inbound' &&
      !knownSids.has(m.sid) &&
      (!m.messagingServiceSid || m.messagingServiceSid === messagingServiceSid) &&
      (m.dateCreated ? m.dateCreated.getTime() >= since : true),
  );
}
