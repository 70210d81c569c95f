/**
 * `datetime-local` inputs hold a wall-clock time without a zone. The page shows every time in the
 * workspace's time zone (next-intl's), so the inputs read and write wall-clock times in that zone too.
 */

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormat.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** An ISO time as a `datetime-local` value ("2025-03-01T14:05") in the zone; "" when unset. */
export function toZonedInput(iso: string | undefined, timeZone: string): string {
  if (!iso) return "";
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return "";
  return new Date(instant + zoneOffset(instant, timeZone)).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as a wall-clock time in the zone, as an ISO time; undefined when incomplete. */
export function fromZonedInput(value: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const wallClock = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
  );
  // The offset at the guessed instant may differ from the one at the answer across a DST change.
  const guess = wallClock - zoneOffset(wallClock, timeZone);
  const instant = wallClock - zoneOffset(guess, timeZone);
  return Number.isNaN(instant) ? undefined : new Date(instant).toISOString();
}
