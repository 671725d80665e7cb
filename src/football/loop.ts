/**
 * The football polling loop: every CALENDAR_POLL_SECONDS each followed competition's provider says which
 * matches to follow, and every MATCH_POLL_SECONDS each followed match's snapshot goes through the tracker
 * into its competition's Slack thread. A failing provider skips that poll for its own competition or match
 * only; the others go on (SPEC O1, C5).
 */
import PQueue from 'p-queue';
import type { AlertSink, MatchAlert, MatchSummary } from '../alerts/types.js';
import { DurableQueue } from '../durable-queue.js';
import type { Logger } from '../log.js';
import type { MatchRecord, MatchRepo } from '../store/matches.js';
import type { SettingsRepo } from '../store/settings.js';
import type { Store } from '../store/store.js';
import type { ThreadRepo } from '../store/threads.js';
import { Ticker } from '../ticker.js';
import { trackMatch } from './tracker.js';
import { neutralKeyString, type NeutralEvent, type NeutralMatch, type NeutralSnapshot, type Provider } from './model.js';
import { competitionRefString, teamKey, type FootballProvider } from './provider.js';
import type { FollowedCompetition } from '../store/competitions.js';
import { metrics } from '../ops/metrics.js';

/**
 * Where alerts go besides the Slack thread (the SMS outbox). Alerts are recorded for it durably before the
 * tracker moves on and handed over in the background, so it never holds up the thread; it must accept the
 * same alert twice without sending it twice (the outbox is idempotent per alert and member).
 */
export type { AlertSink } from '../alerts/types.js';

export interface ThreadSink {
  /** Posts what is queued for a match; `summary` gives the newest state of the match whenever asked. */
  flush(matchKey: string, summary: () => MatchSummary): Promise<void>;
}

export interface FootballLoopOptions {
  /** One provider per source; a competition whose provider is missing is logged and skipped. */
  providers: Partial<Record<Provider, FootballProvider>>;
  /** The followed competitions, read every calendar round (an admin may change them any time). */
  competitions: { list(): Promise<FollowedCompetition[]> };
  /** Who follows a team (by team key): a 'followed-teams' competition follows only matches with followers. */
  follows: { followersOfTeam(teamKey: string): Promise<string[]> };
  matches: MatchRepo;
  threads: ThreadRepo;
  settings: SettingsRepo;
  poster: ThreadSink;
  /** null: SMS is off. */
  sms?: AlertSink | null;
  /** Where alerts wait for the SMS fan-out. */
  store: Store;
  /** A failed fan-out is tried again after this long (default 10 s); one that hangs fails after `fanoutTimeoutMs` (default 2 min). */
  fanoutRetryMs?: number;
  fanoutTimeoutMs?: number;
  /** SLACK_CHANNEL, used until an admin picks a channel. */
  defaultChannel: string | null;
  matchPollSeconds: number;
  calendarPollSeconds: number;
  matchLingerSeconds: number;
  /** Told what each competition's provider answered every calendar round (null: it failed this poll). */
  onMatches?: (competition: FollowedCompetition, matches: NeutralMatch[] | null) => void;
  logger: Logger;
  now?: () => number;
}

/** A match whose kick-off is this far past without it ever starting is given up. */
const GIVE_UP_AFTER_MS = 5 * 3600_000;
/**
 * A finished match whose thread Slack still holds back (a refusing channel or token, unknown outcomes)
 * keeps being followed this long after the final whistle, so the admins have a day to fix it; then it retires.
 */
const UNSETTLED_RETIRE_AFTER_MS = 24 * 3600_000;

export class FootballLoop {
  private readonly calendarTicker: Ticker;
  private readonly matchTicker: Ticker;
  private readonly loggedUnknownTypes = new Set<string>();
  private readonly warnedNoProvider = new Set<string>();
  private warnedNoChannel = false;
  /** What each match's last tracked poll looked like, to skip the tracker when nothing changed. */
  private readonly lastInput = new Map<string, PollInput>();
  private readonly flushes = new Map<string, Flush>();
  private readonly fanout: DurableQueue<MatchAlert> | null;
  private readonly now: () => number;

  constructor(private readonly options: FootballLoopOptions) {
    this.now = options.now ?? Date.now;
    const sms = options.sms;
    this.fanout = sms
      ? new DurableQueue<MatchAlert>({
          area: options.store.area<MatchAlert[]>('fanout'),
          key: 'match-alerts',
          identity: (alert) => `${alert.id}@${alert.revision}`,
          work: (alerts) => sms.deliver(alerts),
          retryMs: options.fanoutRetryMs ?? 10_000,
          timeoutMs: options.fanoutTimeoutMs ?? 120_000,
          logger: options.logger,
          what: 'SMS fan-out of match alerts',
        })
      : null;
    this.calendarTicker = new Ticker(options.calendarPollSeconds * 1000, () => this.calendarRound(), this.report('calendar round'));
    this.matchTicker = new Ticker(options.matchPollSeconds * 1000, () => this.matchRound(), this.report('match round'));
  }

  /** First the calendar, then the matches, then each on its own interval. */
  async start(): Promise<void> {
    // Alerts recorded before a stop still reach SMS.
    this.fanout?.kick();
    await this.calendarRound().catch(this.report('calendar round'));
    await this.matchRound().catch(this.report('match round'));
    this.calendarTicker.start();
    this.matchTicker.start();
  }

  /** No new polls; posts under way finish (the poster stops early when told to drain). */
  async stop(): Promise<void> {
    await Promise.all([this.calendarTicker.stop(), this.matchTicker.stop()]);
    await Promise.all([...this.flushes.values()].map((flush) => flush.running).concat(this.fanout?.stop() ?? []));
  }

  /**
   * Posts a match's queue in the background. Posting is paced (a burst of goals takes seconds), and polls
   * of the other matches must not wait for it; a flush asked for while one runs follows it, once.
   */
  private flushSoon(key: string, summary: MatchSummary): void {
    const current = this.flushes.get(key);
    if (current) {
      current.latest = summary;
      current.again = true;
      return;
    }
    const flush: Flush = { running: Promise.resolve(), latest: summary, again: true };
    this.flushes.set(key, flush);
    flush.running = (async () => {
      while (flush.again) {
        flush.again = false;
        // A flush can take a while (it posts everything queued meanwhile): the parent shows the newest state.
        await this.options.poster.flush(key, () => flush.latest).catch(this.report(`posting ${key}`));
      }
      this.flushes.delete(key);
    })();
  }

  private report(round: string) {
    return (error: unknown) => this.options.logger.error({ err: error }, `${round} failed; trying again next time`);
  }

  /** Every followed competition in turn; one that fails (or throws) never stops the others. */
  async calendarRound(): Promise<void> {
    const competitions = await this.options.competitions.list();
    for (const competition of competitions) {
      await this.competitionRound(competition).catch((error: unknown) => {
        this.options.logger.error({ competition: competitionRefString(competition), err: error }, 'competition poll failed; trying again next time');
      });
    }
  }

  /** Starts following a competition's matches that are live or about to kick off; refreshes the ones followed. */
  private async competitionRound(competition: FollowedCompetition): Promise<void> {
    const { matches, logger } = this.options;
    const name = competitionRefString(competition);
    const provider = this.options.providers[competition.provider];
    if (provider === undefined) {
      if (!this.warnedNoProvider.has(name)) logger.warn({ competition: name }, 'no provider for this competition; not following it');
      this.warnedNoProvider.add(name);
      return;
    }
    const found = await provider.matches(competition);
    metrics.polled(competition.provider, found !== null);
    this.options.onMatches?.(competition, found);
    if (found === null) {
      logger.info({ competition: name }, 'the provider did not answer usefully; skipping this poll of the competition');
      return;
    }
    for (const match of found) {
      const key = neutralKeyString(match.key);
      const record = await matches.get(key);
      if (record?.done) continue;
      if (record) {
        await matches.update(key, (current) => ({ ...current, match, competition: name }));
        continue;
      }
      if (this.isDue(match) && (await this.wanted(competition, match))) {
        await matches.update(key, () => ({ match, competition: name }));
        await matches.addActive(key);
        logger.info({ match: key, home: match.home?.name, away: match.away?.name }, 'following match');
      }
    }
  }

  /** Every match, or (scope 'followed-teams') only a match one of whose teams a member follows. */
  private async wanted(competition: FollowedCompetition, match: NeutralMatch): Promise<boolean> {
    if (competition.scope === 'every-match') return true;
    for (const team of [match.home, match.away]) {
      if (team === null) continue;
      if ((await this.options.follows.followersOfTeam(teamKey(match.key.provider, team.id))).length > 0) return true;
    }
    return false;
  }

  /** Live, or kicking off before the next calendar refresh would notice it. */
  private isDue(match: NeutralMatch): boolean {
    if (match.status === 'live') return true;
    if (match.status === 'finished') return false;
    const kickoff = Date.parse(match.kickoff);
    const now = this.now();
    return kickoff <= now + this.options.calendarPollSeconds * 1000 && now - kickoff < GIVE_UP_AFTER_MS;
  }

  async matchRound(): Promise<void> {
    const keys = await this.options.matches.activeKeys();
    if (keys.length === 0) return;
    // Read once a round: an admin's change (channel, switches) applies from the next poll.
    const competitions = await this.options.competitions.list();
    const queue = new PQueue({ concurrency: 8 });
    await Promise.all(
      keys.map((key) =>
        queue.add(() =>
          this.pollMatch(key, competitions).catch((error: unknown) => {
            this.options.logger.error({ match: key, err: error }, 'match poll failed; trying again next poll');
          }),
        ),
      ),
    );
  }

  private async pollMatch(key: string, competitions: FollowedCompetition[]): Promise<void> {
    const { matches, threads, settings, logger } = this.options;
    const record = await matches.get(key);
    if (!record || record.done) {
      await matches.removeActive(key);
      return;
    }
    const provider = this.options.providers[record.match.key.provider];
    if (provider === undefined) return;
    const competition = competitionOf(record, competitions);
    const snapshot = await provider.snapshot(record.match);
    metrics.polled(record.match.key.provider, snapshot !== null);
    if (!snapshot) {
      // The feed logged why. Posts already queued still go out.
      if (record.summary) this.flushSoon(key, record.summary);
      return;
    }
    if (!record.tracker && !isUnderWay(snapshot)) {
      if (this.now() - Date.parse(record.match.kickoff) > GIVE_UP_AFTER_MS) {
        logger.info({ match: key }, 'match never started; no longer following it');
        await threads.retire(key);
        await matches.update(key, (current) => ({ ...(current ?? record), done: true }));
        await matches.removeActive(key);
      }
      return;
    }
    const existing = await threads.get(key);
    const channel = existing?.channel ?? competition?.channel ?? (await settings.get()).channel ?? this.options.defaultChannel;
    if (!channel) {
      if (!this.warnedNoChannel) logger.warn('no channel for match threads yet: set SLACK_CHANNEL or pick one in the App Home');
      this.warnedNoChannel = true;
      return;
    }
    const postSubstitutions = competition?.substitutions ?? false;
    const goalsInChannel = competition?.goalsInChannel ?? true;
    // Most polls of a live match bring nothing new (a 304): then only queued posts need attention.
    const input: PollInput = { events: snapshot.events, match: JSON.stringify(snapshot.match), postSubstitutions, goalsInChannel };
    if (record.tracker && record.summary && sameInput(this.lastInput.get(key), input)) {
      this.flushSoon(key, record.summary);
      await this.retireIfLingered(key, record);
      return;
    }
    const result = trackMatch(record.tracker, snapshot, { includeSubstitutions: postSubstitutions });
    this.logUnknown(key, result.unknownEvents);
    // Alerts are queued before the tracker moves on, so a crash in between can only re-derive them (queueing is idempotent).
    await threads.enqueue(key, channel, result.alerts, { competitionChannel: competition?.channel ?? null, goalsInChannel });
    // The thread goes first: SMS fan-out (one store read per follower) must not delay or stop it.
    this.flushSoon(key, result.summary);
    await this.fanout?.add(result.alerts);
    const finished = result.summary.phase === 'finished';
    const next = await matches.update(key, (current) => ({
      ...(current ?? record),
      match: snapshot.match,
      tracker: result.state,
      summary: result.summary,
      finishedAt: finished ? (current?.finishedAt ?? new Date(this.now()).toISOString()) : undefined,
    }));
    this.lastInput.set(key, input);
    if (result.alerts.length > 0) this.fanout?.kick();
    await this.retireIfLingered(key, next);
  }

  private async retireIfLingered(key: string, record: MatchRecord): Promise<void> {
    if (!record.finishedAt) return;
    if (this.now() - Date.parse(record.finishedAt) < this.options.matchLingerSeconds * 1000) return;
    const thread = await this.options.threads.get(key);
    const unsettled = thread !== undefined && !thread.parentGivenUp && (thread.pending.length > 0 || !thread.parentTs);
    if (unsettled && this.now() - Date.parse(record.finishedAt) < UNSETTLED_RETIRE_AFTER_MS) return;
    if (thread?.parentGivenUp) {
      this.options.logger.error({ match: key, channel: thread.channel }, 'Slack never took this match thread (its parent was refused); no longer following the match');
    } else if (unsettled) {
      this.options.logger.error(
        { match: key, channel: thread?.channel, unposted: thread?.pending.length },
        'Slack held this match thread back for a day after the final whistle; no longer following the match, unposted alerts stay in the store',
      );
    }
    await this.options.threads.retire(key);
    await this.options.matches.update(key, (current) => ({ ...(current ?? record), done: true }));
    await this.options.matches.removeActive(key);
    this.lastInput.delete(key);
    this.options.logger.info({ match: key }, 'match finished; no longer following it');
  }

  private logUnknown(key: string, events: NeutralEvent[]): void {
    for (const event of events) {
      if (this.loggedUnknownTypes.has(event.code)) continue;
      this.loggedUnknownTypes.add(event.code);
      this.options.logger.warn({ match: key, type: event.code, event }, `unknown ${event.code === '' ? '' : `${key.split(':')[0]} `}event type: not posted`);
    }
  }


}

interface Flush {
  running: Promise<void>;
  /** The newest state of the match, for the parent. */
  latest: MatchSummary;
  /** Asked for again while running: alerts may have been queued since it looked. */
  again: boolean;
}

/**
 * The followed competition a match belongs to, as it is configured now. Undefined once it is no longer
 * followed: a match already under way is still seen to its end, with the workspace's defaults.
 */
function competitionOf(record: MatchRecord, list: readonly FollowedCompetition[]): FollowedCompetition | undefined {
  const key = record.match.key;
  return (
    list.find((c) => competitionRefString(c) === record.competition) ??
    list.find((c) => c.provider === key.provider && c.id === key.competition && (c.season === null || c.season === key.season))
  );
}

/** What a tracked poll was made of. A provider returns the same events array for an unchanged timeline. */
interface PollInput {
  events: NeutralEvent[];
  match: string;
  postSubstitutions: boolean;
  goalsInChannel: boolean;
}

function sameInput(previous: PollInput | undefined, next: PollInput): boolean {
  return (
    previous !== undefined &&
    previous.events === next.events &&
    previous.match === next.match &&
    previous.postSubstitutions === next.postSubstitutions &&
    previous.goalsInChannel === next.goalsInChannel
  );
}

/** Any event past the coin toss, or the provider says live. */
function isUnderWay(snapshot: NeutralSnapshot): boolean {
  return snapshot.match.status === 'live' || snapshot.events.some((event) => event.period !== null && event.period !== 'pre-match');
}
