/**
 * A fake Twitch EventSub: the WebSocket server (session_welcome with keepalive, session_keepalive,
 * notification, session_reconnect, revocation, close codes 4000–4007, as twitch-cli's mock server and
 * dev.twitch.tv describe them) and the conduit, shard and subscription endpoints, served by the fake
 * Helix it is attached to (409 on a duplicate, per-shard errors, costs). Driven from tests.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeTwitch, Reply } from './twitch.js';

export interface FakeSubscription {
  id: string;
  type: string;
  version: string;
  status: string;
  condition: { broadcaster_user_id: string };
  transport: { method: 'conduit'; conduit_id: string };
  created_at: string;
  cost: number;
}

interface Session {
  id: string;
  ws: WebSocket;
  keepalive: NodeJS.Timeout | undefined;
}

export interface FakeEventSub {
  /** `ws://127.0.0.1:PORT/ws` for TWITCH_EVENTSUB_URL. */
  url: string;
  keepaliveSeconds: number;
  /** Send keepalives when idle (off: the client's watchdog must notice the silence). */
  sendKeepalives: boolean;
  maxTotalCost: number;
  conduits: Map<string, { shardSession: string | null }>;
  subscriptions: Map<string, FakeSubscription>;
  /** Sessions connected now. */
  readonly sessionCount: number;
  /** Session id shard 0 of the (first) conduit delivers to, if connected. */
  shardSession(): string | null;
  /** Sends stream.online to the shard's session; returns the message id (null: nothing subscribed or attached). */
  online(broadcaster: { id: string; login: string }, streamId: string, options?: { messageId?: string; startedAt?: string; type?: string }): string | null;
  offline(broadcaster: { id: string; login: string }, options?: { messageId?: string }): string | null;
  /** Sends session_reconnect; the old session delivers until the new one is welcomed, then is closed. */
  reconnect(): void;
  /** Closes the shard's session with a close code (e.g. 4000), or cuts it without one (`terminate`). */
  drop(code?: number): void;
  /** Revokes a subscription with that status (e.g. authorization_revoked) and says so on the socket. */
  revoke(subscriptionId: string, status: string): void;
  /** Frames sent, for assertions. */
  sent: { session: string; frame: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function attachFakeEventSub(twitch: FakeTwitch): Promise<FakeEventSub> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const sessions = new Map<string, Session>();
  /** reconnect session id → the old session it replaces. */
  const replacing = new Map<string, string>();
  let subSeq = 0;

  const frame = (type: string, payload: Record<string, unknown>, extra: Record<string, string> = {}, messageId: string = randomUUID()) => ({
    metadata: { message_id: messageId, message_type: type, message_timestamp: new Date().toISOString(), ...extra },
    payload,
  });

  function send(session: Session, f: Record<string, unknown>): void {
    fake.sent.push({ session: session.id, frame: f });
    session.ws.send(JSON.stringify(f));
    armKeepalive(session);
  }

  function armKeepalive(session: Session): void {
    clearTimeout(session.keepalive);
    session.keepalive = setTimeout(() => {
      if (fake.sendKeepalives && session.ws.readyState === session.ws.OPEN) send(session, frame('session_keepalive', {}));
      else armKeepalive(session);
    }, fake.keepaliveSeconds * 1000);
  }

  function sessionPayload(session: Session, status: string, reconnectUrl: string | null) {
    return {
      session: {
        id: session.id,
        status,
        connected_at: new Date().toISOString(),
        keepalive_timeout_seconds: status === 'reconnecting' ? null : fake.keepaliveSeconds,
        reconnect_url: reconnectUrl,
        recovery_url: null,
      },
    };
  }

  server.on('connection', (ws, req) => {
    const session: Session = { id: `AQoQ${randomUUID().replace(/-/g, '').slice(0, 24)}`, ws, keepalive: undefined };
    sessions.set(session.id, session);
    // A client never sends frames: Twitch closes with 4001.
    ws.on('message', () => ws.close(4001, 'client sent inbound traffic'));
    ws.on('close', () => {
      clearTimeout(session.keepalive);
      sessions.delete(session.id);
      for (const conduit of fake.conduits.values()) if (conduit.shardSession === session.id) conduit.shardSession = null;
    });
    const old = new URL(req.url ?? '/', 'http://x').searchParams.get('reconnect');
    if (old) {
      replacing.set(session.id, old);
      // Twitch moves the shard to the new session once it is welcomed, then closes the old one.
      for (const conduit of fake.conduits.values()) if (conduit.shardSession === old) conduit.shardSession = session.id;
      send(session, frame('session_welcome', sessionPayload(session, 'connected', null)));
      setTimeout(() => sessions.get(old)?.ws.close(4004, 'reconnect grace time expired'), 1000);
      return;
    }
    send(session, frame('session_welcome', sessionPayload(session, 'connected', null)));
  });

  function shard(): Session | null {
    const [conduit] = fake.conduits.values();
    return conduit?.shardSession ? (sessions.get(conduit.shardSession) ?? null) : null;
  }

  function notify(type: string, broadcasterId: string, event: Record<string, unknown>, messageId?: string): string | null {
    const sub = [...fake.subscriptions.values()].find((s) => s.type === type && s.condition.broadcaster_user_id === broadcasterId && s.status === 'enabled');
    const session = shard();
    if (!sub || !session) return null;
    const f = frame('notification', { subscription: sub, event }, { subscription_type: type, subscription_version: '1' }, messageId);
    send(session, f);
    return (f.metadata as { message_id: string }).message_id;
  }

  function totalCost(): number {
    return [...fake.subscriptions.values()].filter((s) => s.status === 'enabled').reduce((sum, s) => sum + s.cost, 0);
  }

  function helixError(status: number, message: string): Reply {
    const reasons: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests' };
    return { status, body: { error: reasons[status] ?? 'Error', status, message } };
  }

  function rest(method: string, path: string, query: URLSearchParams, text: string): Reply {
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (path === '/eventsub/conduits' && method === 'GET') {
      return { status: 200, body: { data: [...fake.conduits.keys()].map((id) => ({ id, shard_count: 1 })) } };
    }
    if (path === '/eventsub/conduits' && method === 'POST') {
      if (fake.conduits.size >= 5) return helixError(429, 'conduit limit reached');
      const id = randomUUID();
      fake.conduits.set(id, { shardSession: null });
      return { status: 200, body: { data: [{ id, shard_count: Number(body.shard_count ?? 1) }] } };
    }
    if (path === '/eventsub/conduits/shards' && method === 'PATCH') {
      const conduit = fake.conduits.get(String(body.conduit_id));
      if (!conduit) return helixError(404, 'conduit not found');
      const shards = (body.shards ?? []) as { id: string; transport: { method: string; session_id?: string } }[];
      const data: unknown[] = [];
      const errors: unknown[] = [];
      for (const s of shards) {
        const sessionId = s.transport.session_id ?? '';
        if (s.id !== '0') errors.push({ id: s.id, message: 'shard id out of range', code: 'invalid_parameter' });
        else if (!sessions.has(sessionId)) errors.push({ id: s.id, message: 'The websocket session is not connected', code: 'websocket_session_not_found' });
        else {
          conduit.shardSession = sessionId;
          data.push({ id: s.id, status: 'enabled', transport: { method: 'websocket', session_id: sessionId, connected_at: new Date().toISOString() } });
        }
      }
      return { status: 202, body: { data, errors } };
    }
    if (path === '/eventsub/subscriptions' && method === 'GET') {
      const type = query.get('type');
      const status = query.get('status');
      const all = [...fake.subscriptions.values()].filter((s) => (!type || s.type === type) && (!status || s.status === status));
      const after = Number(query.get('after') ?? 0);
      const page = all.slice(after, after + 100);
      const pagination = after + 100 < all.length ? { cursor: String(after + 100) } : {};
      return { status: 200, body: { data: page, total: fake.subscriptions.size, total_cost: totalCost(), max_total_cost: fake.maxTotalCost, pagination } };
    }
    if (path === '/eventsub/subscriptions' && method === 'POST') {
      const transport = body.transport as { method?: string; conduit_id?: string } | undefined;
      const condition = body.condition as { broadcaster_user_id?: string } | undefined;
      if (transport?.method !== 'conduit' || !fake.conduits.has(String(transport.conduit_id))) return helixError(400, 'invalid transport');
      if (!condition?.broadcaster_user_id || body.version !== '1') return helixError(400, 'invalid condition or version');
      const duplicate = [...fake.subscriptions.values()].some((s) => s.type === body.type && s.condition.broadcaster_user_id === condition.broadcaster_user_id && s.status === 'enabled');
      if (duplicate) return helixError(409, 'subscription already exists');
      if (totalCost() + 1 > fake.maxTotalCost) return helixError(429, 'The sum of subscription costs exceeds the maximum total cost');
      subSeq += 1;
      const sub: FakeSubscription = {
        id: `sub-${subSeq}`,
        type: String(body.type),
        version: '1',
        status: 'enabled',
        condition: { broadcaster_user_id: condition.broadcaster_user_id },
        transport: { method: 'conduit', conduit_id: String(transport.conduit_id) },
        created_at: new Date().toISOString(),
        cost: 1,
      };
      fake.subscriptions.set(sub.id, sub);
      return { status: 202, body: { data: [sub], total: fake.subscriptions.size, total_cost: totalCost(), max_total_cost: fake.maxTotalCost } };
    }
    if (path === '/eventsub/subscriptions' && method === 'DELETE') {
      const id = query.get('id') ?? '';
      if (!fake.subscriptions.delete(id)) return helixError(404, 'subscription not found');
      return { status: 204, body: undefined };
    }
    return helixError(404, 'Not Found');
  }

  const fake: FakeEventSub = {
    url: `ws://127.0.0.1:${port}/ws`,
    keepaliveSeconds: 10,
    sendKeepalives: true,
    maxTotalCost: 10_000,
    conduits: new Map(),
    subscriptions: new Map(),
    sent: [],
    get sessionCount() {
      return sessions.size;
    },
    shardSession: () => shard()?.id ?? null,
    online(broadcaster, streamId, options = {}) {
      return notify(
        'stream.online',
        broadcaster.id,
        { id: streamId, broadcaster_user_id: broadcaster.id, broadcaster_user_login: broadcaster.login, broadcaster_user_name: broadcaster.login, type: options.type ?? 'live', started_at: options.startedAt ?? new Date().toISOString() },
        options.messageId,
      );
    },
    offline(broadcaster, options = {}) {
      return notify('stream.offline', broadcaster.id, { broadcaster_user_id: broadcaster.id, broadcaster_user_login: broadcaster.login, broadcaster_user_name: broadcaster.login }, options.messageId);
    },
    reconnect() {
      const session = shard();
      if (session) send(session, frame('session_reconnect', sessionPayload(session, 'reconnecting', `${fake.url}?reconnect=${session.id}`)));
    },
    drop(code) {
      const session = shard();
      if (!session) return;
      if (code === undefined) session.ws.terminate();
      else session.ws.close(code);
    },
    revoke(subscriptionId, status) {
      const sub = fake.subscriptions.get(subscriptionId);
      if (!sub) return;
      sub.status = status;
      const session = shard();
      if (session) send(session, frame('revocation', { subscription: sub }, { subscription_type: sub.type, subscription_version: '1' }));
    },
    async close() {
      twitch.eventsub = null;
      for (const session of sessions.values()) session.ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  twitch.eventsub = rest;
  return fake;
}
