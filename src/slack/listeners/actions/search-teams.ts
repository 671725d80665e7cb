/** The follow type-ahead: clubs across every followed competition, each shown with its competition. */
import { teamWithCompetition } from '../../../football/directory.js';
import type { MemberDeps } from '../../members.js';
import type { OptionsArgs } from '../args.js';

/** Slack's limit on an option's text. */
const OPTION_TEXT_MAX = 75;

export function searchTeams(deps: MemberDeps) {
  return async ({ ack, payload }: OptionsArgs): Promise<void> => {
    const teams = (await deps.directory.snapshot()).search(payload.value, 100);
    await ack({ options: teams.map((team) => ({ text: { type: 'plain_text' as const, text: teamWithCompetition(team).slice(0, OPTION_TEXT_MAX) }, value: team.id })) });
  };
}
