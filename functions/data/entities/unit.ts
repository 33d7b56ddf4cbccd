/** A unit of a plan (ward, office, health centre) with its contacts. */
import { z } from "zod";
import type { Contacts } from "../../../shared/plan/schema";
import { compose, defineEntity } from "../entity";

export const UnitRecord = z.looseObject({
  planId: z.string(),
  unitId: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).optional(),
  contacts: z.custom<Contacts>((v) => typeof v === "object" && v !== null).optional(),
});
export type UnitRecord = z.infer<typeof UnitRecord>;

export const unitEntity = defineEntity({
  type: "unit",
  description: "a unit of the plan as the plan file gives it, with its contacts",
  schema: UnitRecord,
  key: (a: { planId: string; unitId: string }) => ({
    pk: compose("PLAN", a.planId),
    sk: compose("UNIT", a.unitId),
  }),
});

/** The sort-key prefix of a plan's units in its partition. */
export const unitsOfPlan = (planId: string) => ({
  pk: compose("PLAN", planId),
  beginsWith: compose("UNIT", ""),
});
