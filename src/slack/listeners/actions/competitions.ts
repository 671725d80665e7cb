import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import type { CatalogEntry } from '../../../football/catalog.js';
import { parseCompetitionRef } from '../../../football/provider.js';
import { competitionRefString, type CompetitionRef } from '../../../football/provider.js';
import type { FollowedCompetition } from '../../../store/competitions.js';
import { addCompetition, removeCompetition } from '../../competition-flow.js';
import { ACTIONS, COMPETITION_BLOCK_PREFIX, OPTION_VALUES } from '../../ids.js';
import { guarded, publishHome, tellMember, type MemberDeps } from '../../members.js';
import { forMember } from '../../member-context.js';
import { memberProfile } from '../../member-profile.js';
import { channelJoinProblem } from '../../views/messages.js';
import { adminOnly, joinChannel } from './admin.js';
import { actionValue } from './values.js';

/** Slack's limits on an option's text and value. */
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;

/**
 * The admin's competitions in the App Home (SPEC C4): add by name, remove, and each one's channel, scope and
 * switches. Admins and owners only; every change is saved through CompetitionRepo and the Home redrawn.
 */
export function registerCompetitionActions(app: App, shared: MemberDeps): void {
  /** An admin's change to a competition, named by the element's block (or by the button's value). */
  const change = (actionId: string, what: string, work: (ref: CompetitionRef, action: BlockElementAction, client: webApi.WebClient, userId: string, deps: MemberDeps) => Promise<void>) =>
    app.action<BlockAction>(actionId, async ({ ack, body, action, client, context }) => {
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
    });

  const patch = (ref: CompetitionRef, userId: string, settings: Partial<FollowedCompetition>) => {
    shared.logger.info({ user: userId, competition: competitionRefString(ref), ...settings }, 'competition changed');
    return shared.competitions.patch(ref, settings);
  };

  change(ACTIONS.competitionChannel, 'competition channel', async (ref, action, client, userId, deps) => {
    const channel = actionValue(action);
    if (!channel) return;
    if (!(await joinChannel(client, channel))) {
      await tellMember(client, userId, channelJoinProblem(deps.locale, channel));
      return;
    }
    await patch(ref, userId, { channel });
  });

  change(ACTIONS.competitionScope, 'competition scope', async (ref, action, _client, userId) => {
    const scope = actionValue(action);
    if (scope === 'every-match' || scope === 'followed-teams') await patch(ref, userId, { scope });
  });

  change(ACTIONS.competitionSwitches, 'competition switches', async (ref, action, _client, userId) => {
    const ticked = (actionValue(action) ?? '').split(',');
    await patch(ref, userId, {
      substitutions: ticked.includes(OPTION_VALUES.substitutions),
      goalsInChannel: ticked.includes(OPTION_VALUES.goalsInChannel),
    });
  });

  change(ACTIONS.competitionRemove, 'remove competition', (ref, _action, _client, userId) => removeCompetition(shared, ref, userId));

  app.action<BlockAction>(ACTIONS.competitionAdd, async ({ ack, body, action, client, context }) => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'add competition', userId, () =>
      adminOnly(deps, client, userId, async () => {
        const entry = readOption(actionValue(action));
        if (!entry) return;
        await addCompetition(deps, entry, userId);
        await publishHome(deps, client, userId);
      }),
    );
  });

  // Search by name over both providers; FIFA gets under 3 s, so a slow FIFA still leaves ESPN's leagues.
  app.options(ACTIONS.competitionAdd, async ({ ack, payload, body, client, context }) => {
    const deps = forMember(shared, context);
    // Only admins see this menu; a forged request from anyone else gets nothing (and asks FIFA nothing).
    const isAdmin = await memberProfile(client, body.user.id).then((p) => p.isAdmin, () => false);
    if (!isAdmin) {
      await ack({ options: [] });
      return;
    }
    const entries = await deps.catalog.search(payload.value).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'competition search failed');
      return [];
    });
    await ack({ options: entries.map((entry) => ({ text: { type: 'plain_text' as const, text: optionText(entry) }, value: optionValue(entry) })) });
  });
}

/** "Premier League · ESPN", "FIFA World Cup · FIFA · FIFA World Cup 2026™". */
function optionText(entry: CatalogEntry): string {
  return [entry.name, entry.ref.provider.toUpperCase(), entry.season].filter(Boolean).join(' · ').slice(0, OPTION_TEXT_MAX);
}

/** `provider:id name`: the name rides along, so adding needs no second search. */
function optionValue(entry: CatalogEntry): string {
  return `${competitionRefString(entry.ref)} ${entry.name}`.slice(0, OPTION_VALUE_MAX);
}

function readOption(value: string | undefined): CatalogEntry | null {
  if (!value) return null;
  const space = value.indexOf(' ');
  const ref = parseCompetitionRef(space === -1 ? value : value.slice(0, space));
  return ref ? { ref, name: space === -1 ? '' : value.slice(space + 1).trim(), season: null } : null;
}

/** The competition an element changes: the Remove button's value, else its block's id. */
function competitionOf(action: BlockElementAction): CompetitionRef | null {
  if (action.type === 'button') return parseCompetitionRef(action.value ?? '');
  const blockId = action.block_id;
  return blockId.startsWith(COMPETITION_BLOCK_PREFIX) ? parseCompetitionRef(blockId.slice(COMPETITION_BLOCK_PREFIX.length)) : null;
}
