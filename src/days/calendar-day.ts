/** Calendar days written YYYY-MM-DD: no time zone is involved (a local day is already a day). */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day `text` names, or null when it is not a real calendar day written YYYY-MM-DD. */
function parse(text: string): Date | null {
  const match = ISO_DAY.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-30 over to March: a real day prints back as written.
  return date.toISOString().slice(0, 10) === text ? date : null;
}

export function isCalendarDay(text: string): boolean {
  return parse(text) !== null;
}

/** 'YYYY-MM-DD' plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const date = parse(day);
  if (!date) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
