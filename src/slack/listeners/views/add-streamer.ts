/** "Add streamer": the login is checked against Twitch before anything is followed. */
import { catalogue } from '../../../alerts/i18n/index.js';
import { MAX_STREAMERS, overStreamerCap } from '../../../store/follows.js';
import { answerInTime, type Answer } from '../../ack-in-time.js';
import { parseLogin } from '../../command-parser.js';
import { INPUTS } from '../../ids.js';
import { forMember } from '../../member-context.js';
import { followStreamer, publishHome, type MemberDeps } from '../../members.js';
import { addStreamerModal, streamerAddedModal } from '../../views/modals.js';
import type { ViewArgs } from '../args.js';
import { checkOptions, problemView, viewAck } from './checks.js';

export function addStreamer(shared: MemberDeps) {
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const deps = forMember(shared, context);
    const userId = body.user.id;
    const twitch = deps.twitch;
    const answer = viewAck(ack);
    if (!twitch) {
      await answer({ response_action: 'update', view: problemView(deps) });
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
      if (overStreamerCap(await deps.follows.get(userId), user.id)) {
        return { errors: { [INPUTS.streamerBlock]: words.tooManyStreamers(MAX_STREAMERS) } };
      }
      await followStreamer(deps, userId, user);
      await publishHome(deps, client, userId);
      return { view: streamerAddedModal({ locale: deps.locale, streamer: user }) };
    })();
    await answerInTime(
      checkOptions(deps, 'add streamer', userId, { ack, client, viewId: view.id }, (errors) =>
        addStreamerModal({ locale: deps.locale, prefill: login, notice: Object.values(errors)[0] }),
      ),
      check,
    );
  };
}
