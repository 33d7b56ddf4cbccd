/**
 * The ids of the calendar, composed and split here and nowhere else:
 *   a deadline (one obligation in one period)   "plan:obligation:period"
 *   a deadline instance (one unit's share of it) "plan:obligation:period:unit"
 * No part is empty or contains ":" or "#" (plan, obligation and unit ids are kebab-case; periods
 * use "-", "/" and "Q"), so an id splits back into the parts it was made of.
 */

export interface DeadlineRef {
  planId: string;
  obligationId: string;
  period: string;
}

export interface InstanceRef extends DeadlineRef {
  unitId: string;
}

const SEPARATOR = ":";

const valid = (parts: readonly string[]) => parts.every((p) => p !== "" && !p.includes("#"));

export function deadlineId(ref: DeadlineRef): string {
  return [ref.planId, ref.obligationId, ref.period].join(SEPARATOR);
}

export function instanceId(ref: InstanceRef): string {
  return [ref.planId, ref.obligationId, ref.period, ref.unitId].join(SEPARATOR);
}

export function parseDeadlineId(id: string): DeadlineRef | undefined {
  const parts = id.split(SEPARATOR);
  if (parts.length !== 3 || !valid(parts)) return undefined;
  const [planId, obligationId, period] = parts as [string, string, string];
  return { planId, obligationId, period };
}

export function parseInstanceId(id: string): InstanceRef | undefined {
  const parts = id.split(SEPARATOR);
  if (parts.length !== 4 || !valid(parts)) return undefined;
  const [planId, obligationId, period, unitId] = parts as [string, string, string, string];
  return { planId, obligationId, period, unitId };
}

/** The deadline an instance belongs to, as its own id. */
export function deadlineOf(ref: DeadlineRef): DeadlineRef {
  return { planId: ref.planId, obligationId: ref.obligationId, period: ref.period };
}
