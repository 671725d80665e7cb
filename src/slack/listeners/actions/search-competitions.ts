/** The admin's competition search, by name over both providers; FIFA gets under 3 s, so a slow FIFA still leaves ESPN's leagues. */
import type { CatalogEntry } from '../../../football/catalog.js';
import { competitionRefString } from '../../../football/provider.js';
import { memberProfile } from '../../member-profile.js';
import type { MemberDeps } from '../../members.js';
import type { OptionsArgs } from '../args.js';

/** Slack's limits on an option's text and value. */
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;

export function searchCompetitions(deps: MemberDeps) {
  return async ({ ack, payload, body, client }: OptionsArgs): Promise<void> => {
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
  };
}

/** "Premier League · ESPN", "FIFA World Cup · FIFA · FIFA World Cup 2026™". */
function optionText(entry: CatalogEntry): string {
  return [entry.name, entry.ref.provider.toUpperCase(), entry.season].filter(Boolean).join(' · ').slice(0, OPTION_TEXT_MAX);
}

/** `provider:id name`: the name rides along, so adding needs no second search. */
function optionValue(entry: CatalogEntry): string {
  return `${competitionRefString(entry.ref)} ${entry.name}`.slice(0, OPTION_VALUE_MAX);
}
