import type { AckFn, App, ViewResponseAction } from '@slack/bolt';
import { catalogue } from '../../../alerts/i18n/index.js';
import { answerInTime, type Answer } from '../../ack-in-time.js';
import { INPUTS, VIEWS } from '../../ids.js';
import { publishHome, type MemberDeps } from '../../members.js';
import { addStreamerModal, checkingModal, problemModal, streamerAddedModal } from '../../views/modals.js';
import { errorMessage } from '../../views/messages.js';
import { parseLogin } from '../../command-parser.js';

/** "Add streamer": the login is checked against Twitch before anything is followed. */
export function registerStreamerView(app: App, deps: MemberDeps): void {
  app.view(VIEWS.addStreamer, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const twitch = deps.twitch;
    const problem = problemModal({ locale: deps.locale, message: errorMessage(deps.locale).text });
    const answer = ack as AckFn<ViewResponseAction>;
    if (!twitch) {
      await answer({ response_action: 'update', view: problem });
      return;
    }
    const words = catalogue(deps.locale).members.errors;
    const login = parseLogin(view.state.values[INPUTS.streamerBlock]?.[INPUTS.streamerAction]?.value ?? '');
    if (!login) {
      await answer({ response_action: 'errors', errors: { [INPUTS.streamerBlock]: words.invalidLogin } });
      return;
    }
    const check = (async (): Promise<Answer> => {
      const users = await twitch.usersByLogin([login]);
      if (users === null) return { errors: { [INPUTS.streamerBlock]: words.unavailable } };
      const user = users[0];
      if (!user) return { errors: { [INPUTS.streamerBlock]: words.unknownStreamer(login) } };
      await deps.streamers.save({ id: user.id, login: user.login, displayName: user.displayName, profileImageUrl: user.profileImageUrl });
      await deps.follows.followStreamer(userId, user.id);
      deps.logger.info({ user: userId, streamer: user.id }, 'streamer followed');
      await publishHome(deps, client, userId);
      return { view: streamerAddedModal({ locale: deps.locale, streamer: user }) };
    })();
    await answerInTime(
      {
        ack,
        client,
        viewId: view.id,
        checking: checkingModal({ locale: deps.locale }),
        lateErrors: (errors) => addStreamerModal({ locale: deps.locale, prefill: login, notice: Object.values(errors)[0] }),
        problem,
        onError: (error) => deps.logger.error({ err: error, user: userId }, 'add streamer failed'),
      },
      check,
    );
  });
}
