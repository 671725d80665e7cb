/**
 * An admin's change to one followed competition in the App Home (SPEC C4), named by the element's block
 * (or by the Remove button's value). Admins and owners only; the Home is redrawn after each change.
 */
import type { BlockElementAction, webApi } from '@slack/bolt';
import { competitionRefString, parseCompetitionRef, type CompetitionRef } from '../../../football/provider.js';
import type { FollowedCompetition } from '../../../store/competitions.js';
import { adminOnly } from '../../admin-rights.js';
import { COMPETITION_BLOCK_PREFIX } from '../../ids.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';

export type CompetitionChange = (ref: CompetitionRef, action: BlockElementAction, client: webApi.WebClient, userId: string, deps: MemberDeps) => Promise<void>;

export function changeCompetition(shared: MemberDeps, what: string, work: CompetitionChange) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, what, userId, () =>
      adminOnly(deps, client, userId, async () => {
        const ref = competitionOf(action);
        if (!ref) return;
        await work(ref, action, client, userId, deps);
        await publishHome(deps, client, userId);
      }),
    );
  };
}

export function patchCompetition(deps: MemberDeps, ref: CompetitionRef, userId: string, settings: Partial<FollowedCompetition>): Promise<unknown> {
  deps.logger.info({ user: userId, competition: competitionRefString(ref), ...settings }, 'competition changed');
  return deps.competitions.patch(ref, settings);
}

/** The competition an element changes: the Remove button's value, else its block's id. */
function competitionOf(action: BlockElementAction): CompetitionRef | null {
  if (action.type === 'button') return parseCompetitionRef(action.value ?? '');
  const blockId = action.block_id;
  return blockId.startsWith(COMPETITION_BLOCK_PREFIX) ? parseCompetitionRef(blockId.slice(COMPETITION_BLOCK_PREFIX.length)) : null;
}
