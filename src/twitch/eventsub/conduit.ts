/**
 * Fanfare's conduit (reference §6): found among the client's conduits, else created with one shard, and
 * remembered in the store; each WebSocket session is attached to shard 0. A conduit Twitch no longer
 * knows (deleted after 72 h without an enabled shard) is forgotten and made again.
 */
import type { Logger } from '../../log.js';
import type { StoreArea } from '../../store/store.js';
import type { HelixClient } from '../helix-client.js';

type Helix = Pick<HelixClient, 'eventsub'>;

interface ConduitList {
  data?: { id?: unknown; shard_count?: unknown }[];
}
interface ShardAnswer {
  errors?: { id?: unknown; message?: unknown; code?: unknown }[];
}

export class Conduit {
  private id: string | null = null;
  /** Why the last `ensure` found no conduit (the caller says it once per outage). */
  problem = '';
  /** The socket and the subscriptions both ask at start: one lookup (and at most one creation) serves both. */
  private finding: Promise<string | null> | null = null;

  constructor(
    private readonly helix: Helix,
    private readonly area: StoreArea<string>,
    private readonly logger: Logger,
  ) {}

  /** The conduit's id, found or created; null (logged) when Twitch did not answer as hoped. */
  ensure(): Promise<string | null> {
    if (this.id) return Promise.resolve(this.id);
    this.finding ??= this.find().finally(() => {
      this.finding = null;
    });
    return this.finding;
  }

  private async find(): Promise<string | null> {
    const remembered = await this.area.get('conduit');
    const listed = await this.helix.eventsub('GET', '/eventsub/conduits');
    if (!listed || listed.status !== 200) {
      this.problem = `conduits not listed (${listed?.status ?? 'no answer'}${listed?.problem ? `: ${listed.problem}` : ''})`;
      return null;
    }
    const ids = ((listed.body as ConduitList).data ?? []).map((c) => String(c.id));
    // Ours if we made it; else any conduit of this client id (Fanfare's own, made before the store was reset).
    const found = remembered !== undefined && ids.includes(remembered) ? remembered : ids[0];
    if (found) return this.remember(found);
    const created = await this.helix.eventsub('POST', '/eventsub/conduits', [], { shard_count: 1 });
    const id = (created?.body as ConduitList | null)?.data?.[0]?.id;
    if (!created || created.status !== 200 || typeof id !== 'string') {
      this.problem = `conduit not created (${created?.status ?? 'no answer'}${created?.problem ? `: ${created.problem}` : ''})`;
      return null;
    }
    this.logger.info({ conduit: id }, 'eventsub: conduit created');
    return this.remember(id);
  }

  /** Shard 0 now delivers to this session. Twitch wants it within 10 s of the welcome (else close 4003). */
  async attach(sessionId: string): Promise<boolean> {
    const conduitId = await this.ensure();
    if (!conduitId) return false;
    const answer = await this.helix.eventsub('PATCH', '/eventsub/conduits/shards', [], {
      conduit_id: conduitId,
      shards: [{ id: '0', transport: { method: 'websocket', session_id: sessionId } }],
    });
    if (answer?.status === 404) {
      this.logger.warn('eventsub: the conduit is gone; a new one is made on the next session');
      this.id = null;
      await this.area.delete('conduit');
      return false;
    }
    if (!answer || (answer.status !== 202 && answer.status !== 200)) {
      this.logger.warn({ status: answer?.status, problem: answer?.problem }, 'eventsub: shard not attached');
      return false;
    }
    // A 202 can still carry a per-shard failure (e.g. "websocket session not found").
    const errors = (answer.body as ShardAnswer | null)?.errors ?? [];
    if (errors.length > 0) {
      this.logger.warn({ errors: errors.map((e) => ({ id: e.id, code: e.code, message: e.message })) }, 'eventsub: shard not attached');
      return false;
    }
    this.logger.info('eventsub: session attached to the conduit');
    return true;
  }

  private async remember(id: string): Promise<string> {
    this.id = id;
    await this.area.set('conduit', id);
    return id;
  }
}
