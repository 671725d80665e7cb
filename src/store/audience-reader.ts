/** The audience's view of the store: follows, preferences and SMS subscriptions, each read in batches. */
import type { AudienceReader } from '../alerts/audience.js';
import type { FollowRepo } from './follows.js';
import type { MemberPrefsRepo } from './member-prefs.js';
import type { SubscriberRepo } from './subscribers.js';

export function audienceReader(follows: FollowRepo, prefs: MemberPrefsRepo, subscribers: SubscriberRepo): AudienceReader {
  return {
    followersOfTeam: (teamKey) => follows.followersOfTeam(teamKey),
    followersOfStreamer: (streamerId) => follows.followersOfStreamer(streamerId),
    choices: (userIds) => prefs.getMany(userIds),
    subscriptions: (userIds) => subscribers.getMany(userIds),
  };
}
