/** The App Home's DM level (SPEC P1): a member sets only their own. */
import type { SinkLevel } from '../../../alerts/levels.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

const LEVELS: readonly SinkLevel[] = ['off', 'goals', 'cards', 'everything'];

export function chooseDmLevel(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    const level = LEVELS.find((l) => l === actionValue(action));
    await guarded(deps, client, 'choose DM alerts', userId, async () => {
      if (level) await deps.prefs.patch(userId, { dm: level });
      await publishHome(deps, client, userId);
    });
  };
}
