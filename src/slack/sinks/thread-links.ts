/**
 * A match thread's permalink for DMs (SPEC P2), from the thread record (channel + parent ts) and the
 * workspace URL that auth.test gives once: no call per DM.
 */
import type { webApi } from '@slack/bolt';
import type { ThreadRepo } from '../../store/threads.js';

export function threadLinks(client: webApi.WebClient, threads: Pick<ThreadRepo, 'get'>): (matchKey: string) => Promise<string | null> {
  let workspace: Promise<string | null> | null = null;
  return async (matchKey) => {
    const thread = await threads.get(matchKey);
    if (!thread?.parentTs) return null;
    workspace ??= client.auth.test().then(
      (answer) => answer.url ?? null,
      () => {
        workspace = null;
        return null;
      },
    );
    const base = await workspace;
    return base ? threadPermalink(base, thread.channel, thread.parentTs) : null;
  };
}

/** Slack's permalink shape: `https://team.slack.com/archives/C123/p1700000000000100`. */
export function threadPermalink(workspaceUrl: string, channel: string, ts: string): string {
  return `${workspaceUrl.replace(/\/?$/, '/')}archives/${channel}/p${ts.replace('.', '')}`;
}
