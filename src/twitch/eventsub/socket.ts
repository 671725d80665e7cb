/**
 * The EventSub WebSocket: one live session at a time, kept alive by Twitch's rules (reference §6).
 * - every welcome hands its session id to `onSession` (which attaches it to the conduit's shard);
 * - a keepalive watchdog: nothing at all for keepalive_timeout_seconds + a margin → a new session;
 * - `session_reconnect`: the new socket is opened beside the old one, which keeps delivering until the
 *   new welcome arrives (nothing is lost in between);
 * - any other close → a new session, with exponential backoff while failures repeat;
 * - notifications and revocations go to `onFrame` once per message id (Twitch delivers at least once).
 */
import WebSocket from 'ws';
import type { Logger } from '../../log.js';
import { RecentIds } from '../../slack/recent-ids.js';
import { CLOSE_REASONS, Frame, SessionPayload } from './messages.js';

export interface EventSubSocketOptions {
  url: string;
  /** Attaches a new session; false (logged by it) means the session is useless: close it and retry. */
  onSession: (sessionId: string) => Promise<boolean>;
  onFrame: (frame: Frame) => void;
  logger: Logger;
  /** Added to Twitch's keepalive before the watchdog gives up on a silent socket. */
  keepaliveMarginMs?: number;
  /** Before the welcome, how long a socket may stay silent. */
  welcomeTimeoutMs?: number;
  backoffFirstMs?: number;
  backoffMaxMs?: number;
}

const DEFAULT_KEEPALIVE_S = 10;

export class EventSubSocket {
  private current: WebSocket | null = null;
  /** The socket opened for a `session_reconnect`, until its welcome makes it current. */
  private next: WebSocket | null = null;
  private readonly watchdogs = new Map<WebSocket, NodeJS.Timeout>();
  private readonly keepaliveMs = new Map<WebSocket, number>();
  private readonly seen = new RecentIds(2000);
  private readonly saidCodes = new Set<number>();
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private down = false;

  constructor(private readonly options: EventSubSocketOptions) {}

  /** The session now delivering, if any (for tests and logs). */
  get connected(): boolean {
    return this.current?.readyState === WebSocket.OPEN;
  }

  private get margin(): number {
    return this.options.keepaliveMarginMs ?? 5_000;
  }

  start(): void {
    this.stopped = false;
    this.open(this.options.url, false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const ws of [this.current, this.next]) if (ws) this.drop(ws, 1000);
    this.current = null;
    this.next = null;
  }

  private open(url: string, reconnect: boolean): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { handshakeTimeout: this.options.welcomeTimeoutMs ?? 10_000 });
    } catch (error) {
      this.failed(`bad EventSub URL: ${(error as Error).message}`);
      return;
    }
    if (reconnect) this.next = ws;
    else this.current = ws;
    this.watch(ws, (this.options.welcomeTimeoutMs ?? 10_000) + this.margin);
    ws.on('message', (data) => this.receive(ws, data.toString()));
    ws.on('error', (error) => this.options.logger.debug({ problem: error.message }, 'eventsub: socket error'));
    ws.on('close', (code) => this.closed(ws, code));
  }

  private receive(ws: WebSocket, text: string): void {
    let frame: Frame;
    try {
      frame = Frame.parse(JSON.parse(text));
    } catch {
      this.options.logger.warn({ excerpt: text.slice(0, 120) }, 'eventsub: unreadable message ignored');
      return;
    }
    this.watch(ws, this.keepaliveMs.get(ws) ?? DEFAULT_KEEPALIVE_S * 1000 + this.margin);
    const type = frame.metadata.message_type;
    if (type === 'session_welcome') {
      this.welcome(ws, frame).catch((error: unknown) => {
        this.drop(ws, 1000);
        this.failed(`attaching the session failed: ${(error as Error).message}`);
      });
      return;
    }
    if (type === 'session_keepalive') return;
    if (type === 'session_reconnect') return this.reconnect(ws, frame);
    if (type === 'notification' || type === 'revocation') {
      if (this.seen.firstSeen(frame.metadata.message_id)) this.options.onFrame(frame);
      return;
    }
    this.options.logger.debug({ type }, 'eventsub: message type ignored');
  }

  private async welcome(ws: WebSocket, frame: Frame): Promise<void> {
    const parsed = SessionPayload.safeParse(frame.payload);
    if (!parsed.success) return;
    const session = parsed.data.session;
    const keepalive = (session.keepalive_timeout_seconds ?? DEFAULT_KEEPALIVE_S) * 1000 + this.margin;
    this.keepaliveMs.set(ws, keepalive);
    this.watch(ws, keepalive);
    if (ws === this.next) {
      // The reconnect's new session is up: the old socket may go now (it delivered until this moment).
      const old = this.current;
      this.current = ws;
      this.next = null;
      if (old) this.drop(old, 1000);
    }
    const attached = await this.options.onSession(session.id);
    if (ws !== this.current || this.stopped) return;
    if (!attached) {
      this.drop(ws, 1000);
      this.failed('the session could not be attached to the conduit');
      return;
    }
    this.failures = 0;
    if (this.down) this.options.logger.info('eventsub: listening again');
    this.down = false;
  }

  private reconnect(ws: WebSocket, frame: Frame): void {
    const parsed = SessionPayload.safeParse(frame.payload);
    const url = parsed.success ? parsed.data.session.reconnect_url : null;
    if (ws !== this.current || !url) return;
    this.options.logger.info('eventsub: Twitch asked for a reconnect; the old session delivers until the new one is welcomed');
    if (this.next) this.drop(this.next, 1000);
    this.open(url, true);
  }

  private closed(ws: WebSocket, code: number): void {
    clearTimeout(this.watchdogs.get(ws));
    this.watchdogs.delete(ws);
    this.keepaliveMs.delete(ws);
    if (this.stopped) return;
    if (ws === this.next) {
      // The reconnect target failed: the old session still delivers until it closes, then a fresh one.
      this.next = null;
      this.sayCode(code);
      if (this.current === null || this.current.readyState !== WebSocket.OPEN) this.failed(`reconnect socket closed (${code})`);
      return;
    }
    if (ws !== this.current) return;
    this.current = null;
    this.sayCode(code);
    if (this.next) return; // the reconnect socket takes over when it is welcomed
    this.failed(`socket closed (${code})`);
  }

  /** A fresh session after a pause that doubles with each failure in a row (jittered, capped). */
  private failed(problem: string): void {
    if (this.stopped) return;
    const first = this.options.backoffFirstMs ?? 1_000;
    const max = this.options.backoffMaxMs ?? 120_000;
    const delay = Math.min(max, first * 2 ** Math.min(this.failures, 16)) * (0.8 + Math.random() * 0.4);
    this.failures += 1;
    // Said once per outage: a Twitch that stays away for hours is one line, not one per attempt.
    if (!this.down) this.options.logger.warn({ problem }, 'eventsub: not listening; polls carry on alone, retrying with backoff');
    else this.options.logger.debug({ problem, delayMs: Math.round(delay) }, 'eventsub: retrying');
    this.down = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(this.options.url, false), delay);
  }

  private sayCode(code: number): void {
    if (this.saidCodes.has(code)) return;
    this.saidCodes.add(code);
    const reason = CLOSE_REASONS[code];
    if (reason) this.options.logger.warn({ code, reason }, 'eventsub: Twitch closed the session');
    else this.options.logger.info({ code }, 'eventsub: the session closed');
  }

  /** Nothing at all for `ms` → the socket is dead even if TCP has not noticed: end it (close → new session). */
  private watch(ws: WebSocket, ms: number): void {
    clearTimeout(this.watchdogs.get(ws));
    this.watchdogs.set(
      ws,
      setTimeout(() => {
        this.options.logger.info({ silentMs: ms }, 'eventsub: no message for longer than the keepalive; opening a new session');
        ws.terminate();
      }, ms),
    );
  }

  private drop(ws: WebSocket, code: number): void {
    clearTimeout(this.watchdogs.get(ws));
    this.watchdogs.delete(ws);
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(code);
  }
}
