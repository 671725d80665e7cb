/**
 * A view submission must be acked within 3 seconds, and inline field errors are only possible in that ack.
 * So the check (Twilio, Twitch) gets a budget: answered in time, the ack carries its errors or next view;
 * too slow, the modal shows "checking…" at once and is updated when the check is done.
 */
import type { AckFn, types, ViewResponseAction, webApi } from '@slack/bolt';

/** What a check decides: errors under input blocks, or the next view. */
export type Answer = { errors: Record<string, string> } | { view: types.View };

/** Leaves room for the round trip of the ack itself inside Slack's 3 seconds. */
export const ACK_BUDGET_MS = 2000;

export interface AckInTimeOptions {
  /** Bolt types a view ack as a union of two functions; it is the one that takes a response. */
  ack: AckFn<void> | AckFn<ViewResponseAction>;
  client: webApi.WebClient;
  viewId: string;
  /** Shown while the check runs on. */
  checking: types.View;
  /** The view to show late errors in, since they can no longer sit under the field. */
  lateErrors: (errors: Record<string, string>) => types.View;
  /** Shown when the check itself failed (after it is logged by `onError`). */
  problem: types.View;
  onError: (error: unknown) => void;
  budgetMs?: number;
}

export async function answerInTime(options: AckInTimeOptions, check: Promise<Answer>): Promise<void> {
  const settled: Promise<Answer> = check.catch((error: unknown) => {
    options.onError(error);
    return { view: options.problem };
  });
  const late = Symbol('late');
  const timer = new Promise<typeof late>((resolve) => setTimeout(() => resolve(late), options.budgetMs ?? ACK_BUDGET_MS).unref());
  const ack = options.ack as AckFn<ViewResponseAction>;
  const first = await Promise.race([settled, timer]);
  if (first !== late) {
    await ack('errors' in first ? { response_action: 'errors', errors: first.errors } : { response_action: 'update', view: first.view });
    return;
  }
  await ack({ response_action: 'update', view: options.checking });
  const answer = await settled;
  const view = 'errors' in answer ? options.lateErrors(answer.errors) : answer.view;
  await options.client.views.update({ view_id: options.viewId, view });
}
