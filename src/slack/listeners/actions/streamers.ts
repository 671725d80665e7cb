import type { App, BlockAction } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { addStreamerModal } from '../../views/modals.js';
import { actionValue } from './values.js';

export function registerStreamerActions(app: App, shared: MemberDeps): void {
  app.action<BlockAction>(ACTIONS.addStreamer, async ({ ack, body, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    await guarded(deps, client, 'open add streamer', body.user.id, async () => {
      await client.views.open({ trigger_id: body.trigger_id, view: addStreamerModal({ locale: deps.locale }) });
    });
  });

  app.action<BlockAction>(ACTIONS.removeStreamer, async ({ ack, body, action, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const streamerId = actionValue(action);
    await guarded(deps, client, 'remove streamer', userId, async () => {
      if (streamerId) await deps.follows.unfollowStreamer(userId, streamerId);
      await publishHome(deps, client, userId);
    });
  });
}
