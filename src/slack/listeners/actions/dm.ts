/** The App Home's DM controls (SPEC P1): a member sets only their own level and streams switch. */
import type { App, BlockAction } from '@slack/bolt';
import type { SinkLevel } from '../../../alerts/levels.js';
import { ACTIONS } from '../../ids.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { actionValue } from './values.js';

const LEVELS: readonly SinkLevel[] = ['off', 'goals', 'cards', 'everything'];

export function registerDmActions(app: App, shared: MemberDeps): void {
  app.action<BlockAction>(ACTIONS.dmLevel, async ({ ack, body, action, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const level = LEVELS.find((l) => l === actionValue(action));
    await guarded(deps, client, 'choose DM alerts', userId, async () => {
      if (level) await deps.prefs.patch(userId, { dm: level });
      await publishHome(deps, client, userId);
    });
  });

  app.action<BlockAction>(ACTIONS.dmStreams, async ({ ack, body, action, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const value = actionValue(action);
    await guarded(deps, client, 'switch streamer DMs', userId, async () => {
      if (value === 'on' || value === 'off') await deps.prefs.patch(userId, { streamsOnDm: value === 'on' });
      await publishHome(deps, client, userId);
    });
  });
}
