import { IANAZone } from "luxon";

const zones = new Map<string, IANAZone>();
/** Per zone and UTC day: the offset when it holds the whole day, null on a day the zone changes. */
const days = new Map<string, number | null>();
const quarters = new Map<string, number>();

function askedOffset(zone: string, epochMs: number): number {
  let iana = zones.get(zone);
  if (!iana) zones.set(zone, (iana = IANAZone.create(zone)));
  return iana.offset(epochMs);
}

/**
 * The zone's offset east of UTC, in minutes, at an instant. Asking Intl (through luxon) costs tens
 * of microseconds, so it is asked twice per zone and UTC day, and the day's offset is taken when
 * both ends agree (no zone changes and changes back within a day); on a day it changes, once per
 * quarter hour, on which zones change.
 */
export function zoneOffset(zone: string, epochMs: number): number {
  const day = Math.floor(epochMs / 86_400_000);
  const dayKey = `${zone} ${day}`;
  let whole = days.get(dayKey);
  if (whole === undefined) {
    const start = askedOffset(zone, day * 86_400_000);
    whole = start === askedOffset(zone, (day + 1) * 86_400_000 - 1) ? start : null;
    if (days.size > 100_000) days.clear();
    days.set(dayKey, whole);
  }
  if (whole !== null) return whole;
  const key = `${zone} ${Math.floor(epochMs / 900_000)}`;
  let offset = quarters.get(key);
  if (offset === undefined) {
    if (quarters.size > 100_000) quarters.clear();
    quarters.set(key, (offset = askedOffset(zone, epochMs)));
  }
  return offset;
}

/**
 * The instant a wall-clock time (`wallMs`: the time's fields read as UTC) names in `zone`, as
 * Ruby's `Time.local` picks it: a time that happens twice (clocks going back) is the later one; a
 * time that never happens (clocks going forward) is read at the offset before the change.
 */
export function localInstant(wallMs: number, zone: string): number {
  const before = zoneOffset(zone, wallMs - 86_400_000);
  const after = zoneOffset(zone, wallMs + 86_400_000);
  const fits = [before, after].map((offset) => wallMs - offset * 60_000).filter((t) => zoneOffset(zone, t) * 60_000 === wallMs - t);
  return fits.length ? Math.max(...fits) : wallMs - before * 60_000;
}
