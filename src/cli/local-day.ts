/** Calendar days in the centre's time zone (cron runs in whatever zone the server has). */
import { subDays } from 'date-fns';

/** Today's local date YYYY-MM-DD in `timeZone`. */
export function localToday(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Yesterday's local date YYYY-MM-DD in `timeZone`: the default day of the nightly job. */
export function localYesterday(timeZone: string, now = new Date()): string {
  const today = new Date(`${localToday(timeZone, now)}T00:00:00Z`);
  return subDays(today, 1).toISOString().slice(0, 10);
}
