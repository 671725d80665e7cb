/**
 * A fake Slack on 127.0.0.1 that the real Bolt app (Socket Mode) and real `WebClient`s talk to over the wire.
 *
 * It answers the Web API the way Slack does (form or JSON bodies, `Authorization: Bearer`, HTTP 200 with
 * `{ok:false,error}` for platform errors, HTTP 429 + `Retry-After` for rate limits) and speaks the Socket Mode
 * protocol on a `ws` server (hello frame, envelopes, acks, disconnect frames). Tests inspect what the app did
 * through `calls`, `messages`, `views`, … and inject faults per method.
 *
 * Deliberate simplifications, so a test never depends on them: channels are created on first use (members
 * unless a test pre-registers them otherwise), every id-shaped user can be DMed, trigger ids the fake never
 * delivered are accepted, and only the documented Block Kit limits that bite Fanfare are checked.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DateTime } from 'luxon';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
}

export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  /** The parent's ts for replies; absent on top-level messages. */
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
  reply_broadcast?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  /** How many successful chat.update calls touched this message. */
  edits: number;
  user: string;
  bot_id: string;
}

export interface FakeUser {
  id: string;
  name: string;
  tz: string;
  locale?: string;
  real_name?: string;
  display_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_im?: boolean;
  is_archived?: boolean;
  /** Whether the bot is in the channel. Private channels the bot is not in look like they don't exist. */
  is_member?: boolean;
  /** For IMs: the other party. */
  user?: string;
}

export interface FakeCall {
  method: string;
  /** Parsed arguments: `blocks`, `view`, `metadata`, `attachments` JSON-decoded, known flags as booleans, `limit` as a number. */
  args: Record<string, unknown>;
  token?: string;
  at: number;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  message_ts: string;
}

export interface FakeModal {
  id: string;
  root_view_id: string;
  /** The view as the app last sent it. */
  view: Record<string, unknown>;
  hash: string;
}

export interface FakeAck {
  envelope_id: string;
  payload: unknown;
  at: number;
}

export interface FakeResponse {
  /** The path after /hooks/, i.e. the id given to `responseUrl(id)`. */
  id: string;
  body: unknown;
  at: number;
}

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface EnvelopeOptions {
  /** How long to wait for the ack frame before rejecting. Slack itself gives up after 3 s. */
  ackTimeoutMs?: number;
  /** events_api only: marks a redelivery, as Slack does after a missed ack. */
  retryAttempt?: number;
  retryReason?: string;
}

export interface EventOptions extends EnvelopeOptions {
  /** Reuse an event_id to simulate a redelivery of the same event. */
  eventId?: string;
}

export interface FakeSlack {
  /** e.g. http://127.0.0.1:PORT/api/ — use as SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  botToken: string;
  appToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  /** Every Web API call, faulted ones included, in arrival order. */
  calls: FakeCall[];
  /** Channel messages in post order (replies included). */
  messages: FakeMessage[];
  channelMessages(channel: string): FakeMessage[];
  /** The messages in Fanfare's DM with a member (its Messages tab), in post order. */
  dmsTo(userId: string): FakeMessage[];
  thread(channel: string, parentTs: string): FakeMessage[];
  ephemerals: FakeEphemeral[];
  channels: Map<string, FakeChannel>;
  users: Map<string, FakeUser>;
  /** userId → last published home view (as sent). */
  views: Map<string, unknown>;
  /** viewId → modal opened/pushed/updated by the app. */
  modals: Map<string, FakeModal>;
  /** POSTs the app made to a `responseUrl()` (Bolt's `respond()`). */
  responses: FakeResponse[];
  responseUrl(id?: string): string;

  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** `thenRecord`: Slack acted on the request and still answered the error (internal_error after the post landed). */
  fail(method: string, error: string, times?: number, opts?: { thenRecord?: boolean }): void;
  hang(method: string, times?: number, opts?: { thenRecord?: boolean }): void;
  /**
   * A steady limit on one method (e.g. chat.postMessage's workspace-wide cap): more than `perSecond` calls
   * in any one-second window get HTTP 429 with `Retry-After: 1`. null lifts it.
   */
  throttle(method: string, perSecond: number | null): void;
  /** Calls the throttle answered with 429, per method. */
  throttled: Map<string, number>;

  /** Open Socket Mode links that were not told to go away. */
  readonly connections: number;
  /** Socket Mode links ever accepted (goes up on every reconnect). */
  readonly connectionsOpened: number;
  /** Every ack frame received, late and duplicate ones included. */
  acks: FakeAck[];
  waitForConnection(timeoutMs?: number): Promise<void>;
  sendEnvelope(type: EnvelopeType, payload: object, opts?: EnvelopeOptions): Promise<unknown>;
  /** Sends an event_callback envelope, waits for its ack, and returns its event_id. */
  sendEvent(event: object, opts?: EventOptions): Promise<string>;
  /** Sends `{"type":"disconnect"}` to every link; the client is expected to reconnect. */
  disconnect(reason?: string): void;
  /** Cuts every link without a close handshake (a network drop). */
  dropConnections(): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Wire helpers

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;

const TS_BASE = 1_700_000_000;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view']);
const BOOLEAN_FIELDS = new Set([
  'include_all_metadata', 'inclusive', 'reply_broadcast', 'unfurl_links', 'unfurl_media', 'as_user', 'mrkdwn',
  'include_locale', 'return_im', 'link_names', 'prevent_creation', 'include_num_members',
]);
const NUMBER_FIELDS = new Set(['limit']);
const MESSAGE_BLOCK_LIMIT = 50;
const VIEW_BLOCK_LIMIT = 100;
const MODAL_STACK_LIMIT = 3;
const TRIGGER_LIFETIME_MS = 3000;
const UPDATE_TEXT_LIMIT = 4000;
const POST_TEXT_LIMIT = 40_000;

const fail = (error: string, extra: Answer = {}): Answer => ({ ok: false, error, ...extra });

/** Slack's shape for schema errors: a list of messages with JSON pointers, echoed in response_metadata. */
const schemaFail = (error: string, problems: string[]): Answer =>
  fail(error, { errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // left as a string so the handler reports Slack's *_format error
  }
}

function decodeArgs(raw: Args): Args {
  const out: Args = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') out[key] = value;
    else if (JSON_FIELDS.has(key)) out[key] = tryJson(value);
    else if (BOOLEAN_FIELDS.has(key)) out[key] = value === 'true' || value === '1';
    else if (NUMBER_FIELDS.has(key) && /^\d+$/.test(value)) out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseRequest(req: IncomingMessage, url: URL): Promise<{ args: Args; token?: string }> {
  const raw: Args = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length > 0) {
    if (/^application\/json/i.test(contentType)) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (isRecord(parsed)) Object.assign(raw, parsed);
    } else if (/^multipart\/form-data/i.test(contentType)) {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
      for (const [k, v] of form) if (typeof v === 'string') raw[k] = v;
    } else {
      Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    }
  }
  const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof raw.token === 'string' ? raw.token : undefined);
  delete raw.token;
  return { args: decodeArgs(raw), ...(token !== undefined ? { token } : {}) };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Compares Slack ts strings exactly (doubles lose the last microsecond digits). */
function tsKey(ts: string): string {
  const [secs = '0', frac = ''] = ts.split('.');
  return `${secs.padStart(12, '0')}.${frac.padEnd(6, '0').slice(0, 6)}`;
}

function inWindow(ts: string, args: Args): boolean {
  const inclusive = args.inclusive === true;
  const oldest = str(args, 'oldest');
  const latest = str(args, 'latest');
  const key = tsKey(ts);
  if (oldest !== undefined && (inclusive ? key < tsKey(oldest) : key <= tsKey(oldest))) return false;
  if (latest !== undefined && (inclusive ? key > tsKey(latest) : key >= tsKey(latest))) return false;
  return true;
}

const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64');

function paginate<T>(items: T[], args: Args, defaultLimit: number, maxLimit: number):
  { page: T[]; has_more: boolean; next_cursor: string } | { error: string } {
  const requested = typeof args.limit === 'number' && args.limit > 0 ? args.limit : defaultLimit;
  const limit = Math.min(requested, maxLimit);
  let offset = 0;
  const cursor = str(args, 'cursor');
  if (cursor) {
    const m = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!m?.[1]) return { error: 'invalid_cursor' };
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + limit);
  const has_more = offset + limit < items.length;
  return { page, has_more, next_cursor: has_more ? encodeCursor(offset + limit) : '' };
}

function plainTextLength(v: unknown): number {
  return isRecord(v) && typeof v.text === 'string' ? v.text.length : 0;
}

/** The documented Block Kit rules Fanfare can trip over; returns Slack-style problem strings. */
function checkBlocks(blocks: unknown[], max: number, pointer: string): string[] {
  const problems: string[] = [];
  if (blocks.length > max) problems.push(`must be less than ${max + 1} items [json-pointer:${pointer}]`);
  const ids = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(block) || typeof block.type !== 'string') {
      problems.push(`missing required field: type [json-pointer:${at}]`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (ids.has(block.block_id)) problems.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      ids.add(block.block_id);
    }
    if (block.type === 'section') {
      if (plainTextLength(block.text) > 3000) problems.push(`must be less than 3001 characters [json-pointer:${at}/text/text]`);
      if (block.text === undefined && block.fields === undefined) problems.push(`must provide text or fields [json-pointer:${at}]`);
    }
    if (block.type === 'header' && plainTextLength(block.text) > 150) {
      problems.push(`must be less than 151 characters [json-pointer:${at}/text/text]`);
    }
  });
  return problems;
}

/** Validates a modal the way views.open/push/update do; returns Slack-style problem strings. */
function checkModal(view: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (view.type !== 'modal') problems.push('must be a modal view [json-pointer:/view/type]');
  if (!isRecord(view.title)) problems.push('missing required field: title [json-pointer:/view/title]');
  for (const key of ['title', 'submit', 'close']) {
    if (plainTextLength(view[key]) > 24) problems.push(`must be less than 25 characters [json-pointer:/view/${key}/text]`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    problems.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  problems.push(...checkBlocks(Array.isArray(view.blocks) ? view.blocks : [], VIEW_BLOCK_LIMIT, '/view/blocks'));
  if (!Array.isArray(view.blocks)) problems.push('missing required field: blocks [json-pointer:/view/blocks]');
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The fake

type Fault =
  | { kind: 'rateLimit'; retryAfter: number; left: number }
  | { kind: 'fail'; error: string; thenRecord?: boolean; left: number }
  | { kind: 'hang'; thenRecord: boolean; left: number };

interface PendingAck {
  resolve: (payload: unknown) => void;
  reject: (e: Error) => void;
  socket: WebSocket;
  timer: NodeJS.Timeout;
}

interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: SlackMetadata;
}

class FakeSlackServer implements FakeSlack {
  apiUrl = '';
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;

  calls: FakeCall[] = [];
  messages: FakeMessage[] = [];
  ephemerals: FakeEphemeral[] = [];
  channels = new Map<string, FakeChannel>();
  users = new Map<string, FakeUser>();
  views = new Map<string, unknown>();
  modals = new Map<string, FakeModal>();
  responses: FakeResponse[] = [];
  acks: FakeAck[] = [];

  private origin = '';
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly draining = new WeakSet<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly hung = new Set<ServerResponse>();
  private readonly pending = new Map<string, PendingAck>();
  /** trigger_id → when the fake delivered it (to enforce the 3 s window) and the view it came from. */
  private readonly triggers = new Map<string, { at: number; viewId?: string }>();
  private readonly usedTriggers = new Set<string>();
  private readonly homeViews = new Map<string, { id: string; hash: string; userId: string }>();
  private readonly handlers: Map<string, (args: Args) => Answer>;
  private seq = 0;
  private readonly throttles = new Map<string, { perSecond: number; admitted: number[] }>();
  readonly throttled = new Map<string, number>();
  private lastTsMicros = 0;
  private opened = 0;
  private closed = false;

  constructor(options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.teamId = options.teamId ?? 'T0FAKETEAM';
    this.botUserId = options.botUserId ?? 'U0FANFARE';
    this.botId = options.botId ?? 'B0FANFARE';
    this.appId = options.appId ?? 'A0FANFARE';
    this.users.set(this.botUserId, { id: this.botUserId, name: 'fanfare', tz: 'UTC', is_bot: true });
    this.handlers = new Map<string, (args: Args) => Answer>([
      ['auth.test', () => this.authTest()],
      ['apps.connections.open', () => this.connectionsOpen()],
      ['chat.postMessage', (a) => this.postMessage(a)],
      ['chat.update', (a) => this.chatUpdate(a)],
      ['chat.postEphemeral', (a) => this.postEphemeral(a)],
      ['conversations.replies', (a) => this.replies(a)],
      ['conversations.history', (a) => this.history(a)],
      ['conversations.info', (a) => this.conversationInfo(a)],
      ['conversations.join', (a) => this.join(a)],
      ['conversations.open', (a) => this.openConversation(a)],
      ['users.info', (a) => this.userInfo(a)],
      ['users.list', (a) => this.userList(a)],
      ['views.publish', (a) => this.viewsPublish(a)],
      ['views.open', (a) => this.viewsOpen(a, false)],
      ['views.push', (a) => this.viewsOpen(a, true)],
      ['views.update', (a) => this.viewsUpdate(a)],
    ]);
    this.server = createServer((req, res) => {
      this.onHttp(req, res).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(e) });
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `127.0.0.1:${port}`;
    this.apiUrl = `http://${this.origin}/api/`;
  }

  // ---- inspection -------------------------------------------------------------------------------------

  channelMessages(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === undefined);
  }

  dmsTo(userId: string): FakeMessage[] {
    const channel = [...this.channels.values()].find((c) => c.is_im && c.user === userId);
    return channel ? this.channelMessages(channel.id) : [];
  }

  thread(channel: string, parentTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === parentTs);
  }

  responseUrl(id: string = randomUUID()): string {
    return `http://${this.origin}/hooks/${encodeURIComponent(id)}`;
  }

  // ---- fault injection --------------------------------------------------------------------------------

  throttle(method: string, perSecond: number | null): void {
    if (perSecond === null) this.throttles.delete(method);
    else this.throttles.set(method, { perSecond, admitted: [] });
  }

  /** Whether the method's throttle turns this call away (it counts as admitted otherwise). */
  private overThrottle(method: string): boolean {
    const throttle = this.throttles.get(method);
    if (!throttle) return false;
    const now = Date.now();
    while (throttle.admitted.length > 0 && (throttle.admitted[0] as number) <= now - 1000) throttle.admitted.shift();
    if (throttle.admitted.length >= throttle.perSecond) {
      this.throttled.set(method, (this.throttled.get(method) ?? 0) + 1);
      return true;
    }
    throttle.admitted.push(now);
    return false;
  }

  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.addFault(method, { kind: 'rateLimit', retryAfter: retryAfterSeconds, left: times });
  }

  fail(method: string, error: string, times = 1, opts: { thenRecord?: boolean } = {}): void {
    this.addFault(method, { kind: 'fail', error, thenRecord: opts.thenRecord ?? false, left: times });
  }

  hang(method: string, times = 1, opts: { thenRecord?: boolean } = {}): void {
    this.addFault(method, { kind: 'hang', thenRecord: opts.thenRecord ?? false, left: times });
  }

  private addFault(method: string, fault: Fault): void {
    const queue = this.faults.get(method) ?? [];
    queue.push(fault);
    this.faults.set(method, queue);
  }

  private takeFault(method: string): Fault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    fault.left -= 1;
    if (fault.left <= 0) queue.shift();
    return fault;
  }

  // ---- HTTP -------------------------------------------------------------------------------------------

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${this.origin}`);
    const hook = /^\/hooks\/(.+)$/.exec(url.pathname);
    if (hook?.[1] && req.method === 'POST') {
      const text = (await readBody(req)).toString('utf8');
      this.responses.push({ id: decodeURIComponent(hook[1]), body: tryJson(text), at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!api?.[1]) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const method = api[1];
    let parsed: { args: Args; token?: string };
    try {
      parsed = await parseRequest(req, url);
    } catch {
      sendJson(res, 200, fail('invalid_json'));
      return;
    }
    const { args, token } = parsed;
    this.calls.push({ method, args, ...(token !== undefined ? { token } : {}), at: Date.now() });

    if (this.overThrottle(method)) {
      sendJson(res, 429, fail('ratelimited'), { 'retry-after': '1' });
      return;
    }
    const fault = this.takeFault(method);
    if (fault?.kind === 'rateLimit') {
      sendJson(res, 429, fail('ratelimited'), { 'retry-after': String(fault.retryAfter) });
      return;
    }
    if (fault?.kind === 'fail') {
      if (fault.thenRecord) this.answer(method, args, token);
      sendJson(res, 200, fail(fault.error));
      return;
    }
    if (fault?.kind === 'hang') {
      // The answer is never sent; with thenRecord Slack did act on the request (an ambiguous failure).
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      if (fault.thenRecord) this.answer(method, args, token);
      return;
    }
    sendJson(res, 200, this.answer(method, args, token));
  }

  private answer(method: string, args: Args, token: string | undefined): Answer {
    const handler = this.handlers.get(method);
    if (!handler) return fail('unknown_method');
    const authError = this.checkToken(method, token);
    if (authError) return fail(authError);
    return { ...handler(args) };
  }

  private checkToken(method: string, token: string | undefined): string | undefined {
    const wanted = method === 'apps.connections.open' ? this.appToken : this.botToken;
    const other = method === 'apps.connections.open' ? this.botToken : this.appToken;
    if (!token) return 'not_authed';
    if (token === wanted) return undefined;
    if (token === other) return 'not_allowed_token_type';
    return 'invalid_auth';
  }

  // ---- ids --------------------------------------------------------------------------------------------

  /** Real Slack ts are the posting time in seconds with microseconds, unique per channel and rising. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 100);
    return `${Math.floor(this.lastTsMicros / 1e6)}.${String(this.lastTsMicros % 1e6).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0${this.seq.toString(36).toUpperCase().padStart(7, '0')}`;
  }

  private nextHash(): string {
    this.seq += 1;
    return `${TS_BASE + this.seq}.${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  }

  // ---- auth & connections -----------------------------------------------------------------------------

  private authTest(): Answer {
    return {
      ok: true, url: 'https://fanfare-fake.slack.com/', team: 'Fanfare Fake', user: 'fanfare',
      team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false,
    };
  }

  private connectionsOpen(): Answer {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { ok: true, url: `ws://${this.origin}/link/?ticket=${ticket}&app_id=${this.appId}` };
  }

  // ---- channels ---------------------------------------------------------------------------------------

  private channelById(id: string): FakeChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, name: id.toLowerCase(), is_private: id.startsWith('G'), is_im: id.startsWith('D'), is_member: true };
      this.channels.set(id, channel);
    }
    return channel;
  }

  private openDm(userId: string): FakeChannel {
    for (const c of this.channels.values()) if (c.is_im && c.user === userId) return c;
    const channel: FakeChannel = { id: `D${userId.slice(1)}`, name: userId, is_im: true, is_member: true, user: userId };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Accepts an id, a `#name` / `name` of a known channel, and (when posting) a user id meaning their DM. */
  private resolveChannel(ref: unknown, allowUser = false): FakeChannel | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    let channel: FakeChannel | undefined;
    if (CHANNEL_ID.test(ref)) channel = this.channelById(ref);
    else if (allowUser && USER_ID.test(ref)) channel = this.openDm(ref);
    else {
      const name = ref.replace(/^#/, '');
      channel = [...this.channels.values()].find((c) => c.name === name);
    }
    // A private channel the bot is not in is invisible to it.
    if (channel?.is_private && !channel.is_member) return undefined;
    return channel;
  }

  /** History needs membership; public channels the bot merely posts to (chat:write.public) say not_in_channel. */
  private readableChannel(args: Args): FakeChannel | string {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return 'channel_not_found';
    if (!channel.is_member) return 'not_in_channel';
    return channel;
  }

  private channelObject(c: FakeChannel): Answer {
    if (c.is_im) return { id: c.id, is_im: true, user: c.user, is_open: true, created: TS_BASE };
    return {
      id: c.id, name: c.name, name_normalized: c.name, is_channel: !c.is_private, is_group: Boolean(c.is_private),
      is_im: false, is_mpim: false, is_private: Boolean(c.is_private), is_archived: Boolean(c.is_archived),
      is_general: false, is_member: Boolean(c.is_member), is_ext_shared: false, is_org_shared: false,
      created: TS_BASE, context_team_id: this.teamId,
    };
  }

  private conversationInfo(args: Args): Answer {
    const channel = this.resolveChannel(args.channel);
    return channel ? { ok: true, channel: this.channelObject(channel) } : fail('channel_not_found');
  }

  private join(args: Args): Answer {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return fail('channel_not_found');
    if (channel.is_im || channel.is_private) return fail('method_not_supported_for_channel_type');
    if (channel.is_archived) return fail('is_archived');
    const already = channel.is_member;
    channel.is_member = true;
    return { ok: true, channel: this.channelObject(channel), ...(already ? { warning: 'already_in_channel' } : {}) };
  }

  private openConversation(args: Args): Answer {
    const existing = str(args, 'channel');
    if (existing) {
      const channel = this.resolveChannel(existing);
      return channel ? { ok: true, channel: { id: channel.id } } : fail('channel_not_found');
    }
    const users = (str(args, 'users') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 1) {
      const id = `G${users.map((u) => u.slice(1)).join('')}`.slice(0, 20);
      const channel = this.channelById(id);
      channel.is_private = true;
      return { ok: true, channel: { id: channel.id } };
    }
    const [user = ''] = users;
    if (!USER_ID.test(user)) return fail('user_not_found');
    const known = [...this.channels.values()].some((c) => c.is_im && c.user === user);
    const channel = this.openDm(user);
    const body = args.return_im === true ? this.channelObject(channel) : { id: channel.id };
    return { ok: true, ...(known ? { no_op: true, already_open: true } : {}), channel: body };
  }

  // ---- messages ---------------------------------------------------------------------------------------

  private findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** Reads text/blocks/attachments/metadata as chat.postMessage and chat.update validate them. */
  private readContent(args: Args): { content: MessageContent } | { error: Answer } {
    const content: MessageContent = {};
    if (args.text !== undefined) content.text = String(args.text);
    if (args.blocks !== undefined) {
      if (!Array.isArray(args.blocks)) return { error: fail('invalid_blocks_format') };
      const problems = checkBlocks(args.blocks, MESSAGE_BLOCK_LIMIT, '/blocks');
      if (problems.length > 0) return { error: schemaFail('invalid_blocks', problems) };
      content.blocks = args.blocks;
    }
    if (args.attachments !== undefined) {
      if (!Array.isArray(args.attachments)) return { error: fail('invalid_attachments') };
      content.attachments = args.attachments;
    }
    if (args.metadata !== undefined) {
      const md = args.metadata;
      if (!isRecord(md) || typeof md.event_type !== 'string' || !isRecord(md.event_payload)) {
        return { error: fail('invalid_metadata_format') };
      }
      content.metadata = { event_type: md.event_type, event_payload: md.event_payload };
    }
    return { content };
  }

  private wireMessage(m: FakeMessage, withMetadata: boolean): Answer {
    const out: Answer = {
      type: 'message', user: m.user, bot_id: m.bot_id, app_id: this.appId, text: m.text, ts: m.ts, team: this.teamId,
    };
    if (m.blocks) out.blocks = m.blocks;
    if (m.attachments) out.attachments = m.attachments;
    if (m.thread_ts !== undefined) {
      out.thread_ts = m.thread_ts;
      out.parent_user_id = this.findMessage(m.channel, m.thread_ts)?.user ?? m.user;
      if (m.reply_broadcast) out.subtype = 'thread_broadcast';
    } else {
      const replies = this.thread(m.channel, m.ts);
      const last = replies.at(-1);
      if (last) {
        const replyUsers = [...new Set(replies.map((r) => r.user))];
        Object.assign(out, {
          thread_ts: m.ts, reply_count: replies.length, reply_users_count: replyUsers.length,
          reply_users: replyUsers, latest_reply: last.ts,
        });
      }
    }
    if (withMetadata && m.metadata) out.metadata = m.metadata;
    return out;
  }

  private postMessage(args: Args): Answer {
    const channel = this.resolveChannel(args.channel, true);
    if (!channel) return fail('channel_not_found');
    if (channel.is_archived) return fail('is_archived');
    const read = this.readContent(args);
    if ('error' in read) return read.error;
    const { content } = read;
    if (!content.text && !content.blocks?.length && !content.attachments?.length) return fail('no_text');

    // Replying to a reply lands in the same thread: Slack threads don't nest.
    let threadTs = str(args, 'thread_ts');
    if (threadTs !== undefined) threadTs = this.findMessage(channel.id, threadTs)?.thread_ts ?? threadTs;

    const message: FakeMessage = {
      channel: channel.id,
      ts: this.nextTs(),
      text: (content.text ?? '').slice(0, POST_TEXT_LIMIT),
      edits: 0,
      user: this.botUserId,
      bot_id: this.botId,
    };
    if (threadTs !== undefined) message.thread_ts = threadTs;
    if (content.blocks) message.blocks = content.blocks;
    if (content.attachments) message.attachments = content.attachments;
    if (content.metadata) message.metadata = content.metadata;
    if (threadTs !== undefined && args.reply_broadcast === true) message.reply_broadcast = true;
    if (typeof args.unfurl_links === 'boolean') message.unfurl_links = args.unfurl_links;
    if (typeof args.unfurl_media === 'boolean') message.unfurl_media = args.unfurl_media;
    this.messages.push(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: this.wireMessage(message, true) };
  }

  private chatUpdate(args: Args): Answer {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return fail('channel_not_found');
    const ts = str(args, 'ts');
    const message = ts === undefined ? undefined : this.findMessage(channel.id, ts);
    if (!message) return fail('message_not_found');
    if (message.user !== this.botUserId) return fail('cant_update_message');
    const read = this.readContent(args);
    if ('error' in read) return read.error;
    const { content } = read;
    if ((content.text ?? '').length > UPDATE_TEXT_LIMIT) return fail('msg_too_long');
    if (content.text !== undefined) message.text = content.text;
    // Text without blocks removes the blocks (a classic chat.update trap).
    if (content.blocks) message.blocks = content.blocks;
    else if (content.text !== undefined) delete message.blocks;
    if (content.attachments) message.attachments = content.attachments;
    if (content.metadata) message.metadata = content.metadata;
    message.edits += 1;
    return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: this.wireMessage(message, true) };
  }

  private postEphemeral(args: Args): Answer {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return fail('channel_not_found');
    const user = str(args, 'user');
    if (!user || !USER_ID.test(user)) return fail('user_not_found');
    const read = this.readContent(args);
    if ('error' in read) return read.error;
    const { content } = read;
    if (!content.text && !content.blocks?.length && !content.attachments?.length) return fail('no_text');
    const ephemeral: FakeEphemeral = { channel: channel.id, user, text: content.text ?? '', message_ts: this.nextTs() };
    if (content.blocks) ephemeral.blocks = content.blocks;
    const threadTs = str(args, 'thread_ts');
    if (threadTs !== undefined) ephemeral.thread_ts = threadTs;
    this.ephemerals.push(ephemeral);
    return { ok: true, message_ts: ephemeral.message_ts };
  }

  private replies(args: Args): Answer {
    const channel = this.readableChannel(args);
    if (typeof channel === 'string') return fail(channel);
    const ts = str(args, 'ts');
    if (ts === undefined) return fail('invalid_arguments');
    const hit = this.findMessage(channel.id, ts);
    const parent = hit?.thread_ts !== undefined ? this.findMessage(channel.id, hit.thread_ts) : hit;
    if (!parent) return fail('thread_not_found');
    const all = [parent, ...this.thread(channel.id, parent.ts)].filter((m) => inWindow(m.ts, args));
    const result = paginate(all, args, 1000, 1000);
    if ('error' in result) return fail(result.error);
    const withMetadata = args.include_all_metadata === true;
    return {
      ok: true, messages: result.page.map((m) => this.wireMessage(m, withMetadata)), has_more: result.has_more,
      response_metadata: { next_cursor: result.next_cursor },
    };
  }

  private history(args: Args): Answer {
    const channel = this.readableChannel(args);
    if (typeof channel === 'string') return fail(channel);
    // Broadcast replies show in the channel too, as Slack's thread_broadcast messages do.
    const visible = this.messages
      .filter((m) => m.channel === channel.id && (m.thread_ts === undefined || m.reply_broadcast))
      .filter((m) => inWindow(m.ts, args))
      .sort((a, b) => (tsKey(a.ts) < tsKey(b.ts) ? 1 : -1));
    const result = paginate(visible, args, 100, 999);
    if ('error' in result) return fail(result.error);
    const withMetadata = args.include_all_metadata === true;
    return {
      ok: true, messages: result.page.map((m) => this.wireMessage(m, withMetadata)), has_more: result.has_more,
      pin_count: 0, channel_actions_ts: null, channel_actions_count: 0,
      response_metadata: { next_cursor: result.next_cursor },
    };
  }

  // ---- users ------------------------------------------------------------------------------------------

  private userInfo(args: Args): Answer {
    const id = str(args, 'user');
    const u = id === undefined ? undefined : this.users.get(id);
    if (!u) return fail('user_not_found');
    const zone = DateTime.now().setZone(u.tz);
    const realName = u.real_name ?? u.name;
    const user: Answer = {
      id: u.id, team_id: this.teamId, name: u.name, deleted: Boolean(u.deleted), real_name: realName,
      tz: u.tz, tz_label: u.tz, tz_offset: zone.isValid ? zone.offset * 60 : 0,
      is_admin: Boolean(u.is_admin), is_owner: Boolean(u.is_owner), is_primary_owner: false,
      is_restricted: false, is_ultra_restricted: false, is_bot: Boolean(u.is_bot), is_app_user: false,
      profile: {
        real_name: realName, real_name_normalized: realName,
        display_name: u.display_name ?? u.name, display_name_normalized: u.display_name ?? u.name,
        team: this.teamId,
      },
    };
    // Slack only sends the locale when asked to.
    if (args.include_locale === true && u.locale !== undefined) user.locale = u.locale;
    return { ok: true, user };
  }

  private userList(args: Args): Answer {
    const result = paginate([...this.users.values()], args, 200, 1000);
    if ('error' in result) return fail(result.error);
    const members = result.page.map((u) => ({
      id: u.id, team_id: this.teamId, name: u.name, deleted: Boolean(u.deleted), tz: u.tz,
      is_admin: Boolean(u.is_admin), is_owner: Boolean(u.is_owner), is_bot: Boolean(u.is_bot),
      // As users.info: only when asked to.
      ...(args.include_locale === true && u.locale !== undefined ? { locale: u.locale } : {}),
    }));
    return { ok: true, members, response_metadata: { next_cursor: result.next_cursor } };
  }

  // ---- views ------------------------------------------------------------------------------------------

  private viewObject(id: string, view: Record<string, unknown>, hash: string, rootId: string): Answer {
    return {
      callback_id: '', private_metadata: '', external_id: '', clear_on_close: false, notify_on_close: false,
      ...view,
      id, team_id: this.teamId, state: { values: {} }, hash, root_view_id: rootId, previous_view_id: null,
      app_id: this.appId, app_installed_team_id: this.teamId, bot_id: this.botId,
    };
  }

  private viewsPublish(args: Args): Answer {
    const userId = str(args, 'user_id');
    const view = args.view;
    if (!userId || !isRecord(view)) return fail('invalid_arguments');
    if (view.type !== 'home') return schemaFail('invalid_arguments', ['must be a home view [json-pointer:/view/type]']);
    const problems = checkBlocks(Array.isArray(view.blocks) ? view.blocks : [], VIEW_BLOCK_LIMIT, '/view/blocks');
    if (problems.length > 0) return schemaFail('invalid_arguments', problems);
    const current = this.homeViews.get(userId);
    const hash = str(args, 'hash');
    if (hash !== undefined && current && current.hash !== hash) return fail('hash_conflict');
    const record = { id: current?.id ?? this.nextId('V'), hash: this.nextHash(), userId };
    this.homeViews.set(userId, record);
    this.views.set(userId, view);
    return { ok: true, view: this.viewObject(record.id, view, record.hash, record.id) };
  }

  /** trigger_ids are single use and expire 3 s after Slack delivered them. */
  private spendTrigger(trigger: string | undefined): string | undefined {
    if (!trigger) return 'invalid_arguments';
    if (this.usedTriggers.has(trigger)) return 'exchanged_trigger_id';
    const seen = this.triggers.get(trigger);
    if (seen && Date.now() - seen.at > TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
    this.usedTriggers.add(trigger);
    return undefined;
  }

  private viewsOpen(args: Args, push: boolean): Answer {
    const view = args.view;
    if (!isRecord(view)) return fail('invalid_arguments');
    const problems = checkModal(view);
    if (problems.length > 0) return schemaFail('invalid_arguments', problems);
    const trigger = str(args, 'trigger_id');
    let rootId: string | undefined;
    if (push && trigger) {
      const from = this.triggers.get(trigger)?.viewId;
      rootId = from === undefined ? undefined : this.modals.get(from)?.root_view_id;
      const depth = [...this.modals.values()].filter((m) => rootId !== undefined && m.root_view_id === rootId).length;
      if (depth >= MODAL_STACK_LIMIT) return fail('push_limit_reached');
    }
    const triggerError = this.spendTrigger(trigger);
    if (triggerError) return fail(triggerError);
    const id = this.nextId('V');
    const modal: FakeModal = { id, root_view_id: rootId ?? id, view, hash: this.nextHash() };
    this.modals.set(id, modal);
    return { ok: true, view: this.viewObject(id, view, modal.hash, modal.root_view_id) };
  }

  private viewsUpdate(args: Args): Answer {
    const view = args.view;
    if (!isRecord(view)) return fail('invalid_arguments');
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    const hash = str(args, 'hash');
    const modal = [...this.modals.values()].find((m) =>
      viewId !== undefined ? m.id === viewId : externalId !== undefined && m.view.external_id === externalId);
    if (modal) {
      const problems = checkModal(view);
      if (problems.length > 0) return schemaFail('invalid_arguments', problems);
      if (hash !== undefined && hash !== modal.hash) return fail('hash_conflict');
      modal.view = view;
      modal.hash = this.nextHash();
      return { ok: true, view: this.viewObject(modal.id, view, modal.hash, modal.root_view_id) };
    }
    const home = [...this.homeViews.values()].find((h) => h.id === viewId);
    if (!home) return fail('not_found');
    if (hash !== undefined && hash !== home.hash) return fail('hash_conflict');
    home.hash = this.nextHash();
    this.views.set(home.userId, view);
    return { ok: true, view: this.viewObject(home.id, view, home.hash, home.id) };
  }

  // ---- Socket Mode ------------------------------------------------------------------------------------

  get connections(): number {
    return [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN && !this.draining.has(s)).length;
  }

  get connectionsOpened(): number {
    return this.opened;
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://${this.origin}`);
    const ticket = url.searchParams.get('ticket') ?? '';
    // Tickets from apps.connections.open are single use, like Slack's.
    if (!/^\/link\/?$/.test(url.pathname) || !this.tickets.delete(ticket) || this.closed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    this.opened += 1;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      for (const [id, p] of this.pending) {
        if (p.socket === ws) {
          this.pending.delete(id);
          clearTimeout(p.timer);
          p.reject(new Error(`Socket Mode link closed before envelope ${id} was acked`));
        }
      }
    });
    ws.on('error', () => undefined); // a client vanishing mid-frame is not the fake's problem
    ws.send(JSON.stringify({
      type: 'hello',
      num_connections: this.connections,
      debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    }));
  }

  private onFrame(text: string): void {
    const frame = tryJson(text);
    if (!isRecord(frame) || typeof frame.envelope_id !== 'string') return;
    this.acks.push({ envelope_id: frame.envelope_id, payload: frame.payload, at: Date.now() });
    const pending = this.pending.get(frame.envelope_id);
    if (!pending) return;
    this.pending.delete(frame.envelope_id);
    clearTimeout(pending.timer);
    pending.resolve(frame.payload);
  }

  async waitForConnection(timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.connections > 0, timeoutMs).catch(() => {
      throw new Error(`fake Slack: no Socket Mode connection within ${timeoutMs} ms (did app.start() run?)`);
    });
  }

  /** Remembers trigger_ids (and the modal they came from) so views.open/push can enforce Slack's rules. */
  private noteTrigger(payload: object): void {
    const p = payload as Record<string, unknown>;
    if (typeof p.trigger_id !== 'string') return;
    const viewId = isRecord(p.view) && typeof p.view.id === 'string' ? p.view.id : undefined;
    this.triggers.set(p.trigger_id, { at: Date.now(), ...(viewId !== undefined ? { viewId } : {}) });
  }

  async sendEnvelope(type: EnvelopeType, payload: object, opts: EnvelopeOptions = {}): Promise<unknown> {
    await this.waitForConnection();
    // The newest live link gets the delivery (Slack spreads them; any one will do for a test).
    const socket = [...this.sockets].reverse().find((s) => s.readyState === WebSocket.OPEN && !this.draining.has(s));
    if (!socket) throw new Error('no Socket Mode connection');
    this.noteTrigger(payload);
    const envelopeId = randomUUID();
    const frame: Answer = { envelope_id: envelopeId, type, accepts_response_payload: type !== 'events_api', payload };
    if (type === 'events_api') {
      frame.retry_attempt = opts.retryAttempt ?? 0;
      frame.retry_reason = opts.retryReason ?? '';
    }
    const ackTimeoutMs = opts.ackTimeoutMs ?? 5000;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope within ${ackTimeoutMs} ms`));
      }, ackTimeoutMs);
      this.pending.set(envelopeId, { resolve, reject, socket, timer });
      socket.send(JSON.stringify(frame));
    });
  }

  async sendEvent(event: object, opts: EventOptions = {}): Promise<string> {
    const eventId = opts.eventId ?? this.nextId('Ev');
    const now = Date.now();
    const inner = event as Record<string, unknown>;
    const payload = {
      token: 'fake-verification-token',
      team_id: this.teamId,
      context_team_id: this.teamId,
      api_app_id: this.appId,
      event: { event_ts: `${Math.floor(now / 1000)}.000000`, ...inner },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(now / 1000),
      authorizations: [{
        enterprise_id: null, team_id: this.teamId, user_id: this.botUserId, is_bot: true, is_enterprise_install: false,
      }],
      is_ext_shared_channel: false,
      event_context: `4-fake-${eventId}`,
    };
    await this.sendEnvelope('events_api', payload, opts);
    return eventId;
  }

  disconnect(reason = 'refresh_requested'): void {
    for (const socket of this.sockets) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      this.draining.add(socket);
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }));
    }
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake Slack: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`fake Slack closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    for (const socket of this.sockets) socket.terminate();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlackServer(options);
  await fake.listen();
  return fake;
}
