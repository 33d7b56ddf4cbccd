/** Who an escalation goes to: the plan's contacts and the committee's console users, each once. */
import { describe, expect, it } from "vitest";
import type { ExpectationItem, PlanContext } from "../../functions/data";
import { deadlinePageUrl, escalationAudiences } from "../../functions/use-cases/lifecycle/escalate";

const unit = (unitId: string, email = "", phone = "") => ({
  unitId,
  name: unitId,
  contacts: { emails: email ? [email] : [], phones: phone ? [phone] : [] },
});
const plan: PlanContext = {
  title: "Kế hoạch",
  committee: unit("bcd", "bcd@example.org"),
  standingBody: unit("pyt", "pyt@example.org"),
  issuer: unit("ubnd", "ubnd@example.org"),
};
const overdue = (...ids: string[]) => ids.map((unitId) => ({ unitId }) as ExpectationItem);

describe("escalation audiences", () => {
  it("add the committee's console users to its contacts, each address once however it is spelt", () => {
    const [all] = escalationAudiences(plan, overdue("thon-a"), ["BCD@example.org", "uy-vien@example.org"]);
    expect(all?.recipients).toEqual(["pyt@example.org", "bcd@example.org", "uy-vien@example.org"]);
  });

  it("give the committee users the whole list when the standing body itself is late", () => {
    const audiences = escalationAudiences(plan, overdue("pyt", "thon-a"), ["uy-vien@example.org"]);
    expect(audiences.map((a) => [a.recipients, a.units.map((u) => u.unitId)])).toEqual([
      [
        ["bcd@example.org", "uy-vien@example.org"],
        ["pyt", "thon-a"],
      ],
      [["pyt@example.org"], ["thon-a"]],
    ]);
  });

  it("link to the deadline's page in the console, its parts escaped", () => {
    expect(
      deadlinePageUrl("https://x.vn", { planId: "lb-2025", obligationId: "bao-cao", period: "2025-Q1" }),
    ).toBe("https://x.vn/console/plans/lb-2025/deadlines/bao-cao/2025-Q1");
  });
});
