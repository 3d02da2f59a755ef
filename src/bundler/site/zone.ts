import { IANAZone } from "luxon";

const zones = new Map<string, IANAZone>();
const offsets = new Map<string, number>();

/** The zone's offset east of UTC, in minutes, at an instant: asked of Intl (through luxon) once per zone and quarter hour, on which zones change. */
export function zoneOffset(zone: string, epochMs: number): number {
  const key = `${zone} ${Math.floor(epochMs / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let iana = zones.get(zone);
    if (!iana) zones.set(zone, (iana = IANAZone.create(zone)));
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, (offset = iana.offset(epochMs)));
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
