/** A commune's plan with one dated report owed by three hamlets: the lifecycle tests' fixture. */
import { PlanFile } from "../../shared/plan/schema";

// Report due "trước ngày 25/03/2025": cut-off 2025-03-24T17:00Z; reminders at 08:00 on Mon 17/03 and
// Fri 21/03 (the one-day reminder falls on Sunday 23/03 and moves to the Friday before).
export const lifecyclePlan = PlanFile.parse({
  id: "thu",
  title: "Kế hoạch thử",
  issuer: { name: "UBND xã Thử", level: "commune", unit: "ubnd" },
  number: "1/KH",
  issuedOn: "2025-01-01",
  year: 2025,
  steeringCommittee: { unit: "bcd", standingBody: "tyt" },
  defaults: { escalation: { graceDays: 2, repeatEveryDays: 7, maxEscalations: 2 } },
  units: [
    { id: "ubnd", name: "UBND xã Thử", kind: "commune" },
    {
      id: "bcd",
      name: "Ban Chỉ đạo xã Thử",
      kind: "steering-committee",
      contacts: { emails: ["bcd@example.org"] },
    },
    {
      id: "tyt",
      name: "Trạm Y tế xã Thử",
      kind: "health-station",
      contacts: { emails: ["tyt@example.org"] },
    },
    ...["a", "b", "c"].map((x, i) => ({
      id: `thon-${x}`,
      name: `Thôn ${x.toUpperCase()}`,
      kind: "other",
      contacts: { emails: [`thon-${x}@example.org`], phones: [`+8490000010${i}`] },
    })),
  ],
  groups: [{ id: "cac-thon", name: "Các thôn", members: ["thon-a", "thon-b", "thon-c"] }],
  obligations: [
    {
      id: "bao-cao",
      title: "Báo cáo danh sách người cao tuổi",
      source: "Mục 1",
      timing: "trước ngày 25/03/2025",
      schedule: { kind: "date", date: "2025-03-25" },
      lead: ["cac-thon"],
      deliverable: { what: "Danh sách", to: "tyt" },
    },
  ],
});
