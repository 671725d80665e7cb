import { TeamDirectory } from './teams.js';
import type { CalendarMatch } from './types.js';

/** The configured competition as of the last calendar poll: its matches and its teams. */
export class Competition {
  private matches: CalendarMatch[] = [];
  private teams = TeamDirectory.fromCalendar([]);

  update(calendar: CalendarMatch[]): void {
    this.matches = calendar;
    this.teams = TeamDirectory.fromCalendar(calendar);
  }

  calendar(): CalendarMatch[] {
    return this.matches;
  }

  directory(): TeamDirectory {
    return this.teams;
  }
}
