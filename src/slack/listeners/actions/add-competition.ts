/** An admin adds a competition picked in the App Home's search (SPEC C4). */
import type { CatalogEntry } from '../../../football/catalog.js';
import { parseCompetitionRef } from '../../../football/provider.js';
import { adminOnly } from '../../admin-rights.js';
import { addCompetition as add } from '../../competition-flow.js';
import { forMember } from '../../member-context.js';
import { guarded, publishHome, type MemberDeps } from '../../members.js';
import type { ActionArgs } from '../args.js';
import { actionValue } from './values.js';

export function addCompetition(shared: MemberDeps) {
  return async ({ ack, body, action, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    const userId = body.user.id;
    await guarded(deps, client, 'add competition', userId, () =>
      adminOnly(deps, client, userId, async () => {
        const entry = readOption(actionValue(action));
        if (!entry) return;
        await add(deps, entry, userId);
        await publishHome(deps, client, userId);
      }),
    );
  };
}

/** The option's value is `provider:id name` (see search-competitions.ts). */
function readOption(value: string | undefined): CatalogEntry | null {
  if (!value) return null;
  const space = value.indexOf(' ');
  const ref = parseCompetitionRef(space === -1 ? value : value.slice(0, space));
  return ref ? { ref, name: space === -1 ? '' : value.slice(space + 1).trim(), season: null } : null;
}
