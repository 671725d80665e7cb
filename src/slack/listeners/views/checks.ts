import type { AckFn, types, ViewResponseAction, webApi } from '@slack/bolt';
import type { AckInTimeOptions } from '../../ack-in-time.js';
import type { MemberDeps } from '../../members.js';
import { errorMessage } from '../../views/messages.js';
import { checkingModal, problemModal } from '../../views/modals.js';

/** Bolt types a view ack as a union of two functions; the one that takes a response is the one used. */
export function viewAck(ack: AckFn<void> | AckFn<ViewResponseAction>): AckFn<ViewResponseAction> {
  return ack as AckFn<ViewResponseAction>;
}

/** One short sentence in the modal when something failed on Fanfare's side. */
export function problemView(deps: MemberDeps): types.View {
  return problemModal({ locale: deps.locale, message: errorMessage(deps.locale).text });
}

/** The options every modal check shares: "checking…" while slow, the problem view and the log line when it fails. */
export function checkOptions(
  deps: MemberDeps,
  what: string,
  userId: string,
  slack: { ack: AckFn<void> | AckFn<ViewResponseAction>; client: webApi.WebClient; viewId: string },
  lateErrors: (errors: Record<string, string>) => types.View,
): AckInTimeOptions {
  return {
    ...slack,
    checking: checkingModal({ locale: deps.locale }),
    lateErrors,
    problem: problemView(deps),
    onError: (error) => deps.logger.error({ err: error, user: userId }, `${what} failed`),
  };
}
