/** "Add streamer" in the App Home opens the modal that asks for the login. */
import { forMember } from '../../member-context.js';
import { guarded, type MemberDeps } from '../../members.js';
import { addStreamerModal } from '../../views/modals.js';
import type { ActionArgs } from '../args.js';

export function openAddStreamer(shared: MemberDeps) {
  return async ({ ack, body, client, context }: ActionArgs): Promise<void> => {
    const deps = forMember(shared, context);
    await ack();
    await guarded(deps, client, 'open add streamer', body.user.id, async () => {
      await client.views.open({ trigger_id: body.trigger_id, view: addStreamerModal({ locale: deps.locale }) });
    });
  };
}
