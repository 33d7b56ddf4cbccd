/**
 * A small plan for the console's figures: four hamlets × three deadlines, with on-time, late,
 * missing, waived, returned (before and after the cut-off), resubmitted, corrected, extended and
 * cancelled cases, and the messages sent. The unit tests fold it purely; the engine tests store it
 * in DynamoDB Local and read it back through the console's reads. Both check the same
 * hand-computed figures (written out in the tests, with the arithmetic beside them).
 *
 * Cut-offs (Vietnam time, UTC+7):
 *   D1 bao-cao-quy 2025-Q1   "trước ngày 25 của tháng cuối quý"  2025-03-25T00:00+07 = 03-24T17:00Z
 *   D2 bao-cao-quy 2025-Q2                                         2025-06-25T00:00+07 = 06-24T17:00Z
 *   D3 danh-sach   2025      "trước ngày 01/09/2025"               2025-09-01T00:00+07 = 08-31T17:00Z
 * As of 2025-07-10T03:00Z (10:00 on 10/07 in Vietnam): D1 and D2 have passed, D3 has not.
 *
 *          D1 (Q1)                          D2 (Q2)                                   D3 (2025)
 *   A  on time 03-20                 returned 06-21, nothing since → late now    on time 07-01
 *   B  late 03-27 (3 days)           v1 returned, v2 06-26 → late (2 days)       07-05, returned 07-06 → not late yet
 *   C  missing (108 days)            extended to 07-31, nothing yet → pending    cancelled
 *   D  extended to 04-05, in 04-02   v1 06-23, correction 06-30 → on time        waived
 *        → on time
 */
import type { InstanceRef } from "../../shared/calendar/instance-id";
import { instanceId } from "../../shared/calendar/instance-id";
import { PlanFile } from "../../shared/plan/schema";

export const AS_OF = new Date("2025-07-10T03:00:00Z");

export const PLAN_ID = "xa-thu";

// Names that sort otherwise than the plan lists them: the console keeps the plan's order.
export const HAMLETS = [
  { id: "thon-a", name: "Thôn Đông" },
  { id: "thon-b", name: "Thôn Bắc" },
  { id: "thon-c", name: "Thôn Tây" },
  { id: "thon-d", name: "Thôn Nam" },
] as const;

export const smallPlan = PlanFile.parse({
  id: PLAN_ID,
  title: "Kế hoạch chăm sóc sức khỏe ban đầu xã Thử năm 2025",
  issuer: { name: "UBND xã Thử", level: "commune", unit: "ubnd" },
  number: "12/KH-UBND",
  issuedOn: "2025-01-05",
  year: 2025,
  steeringCommittee: { unit: "bcd", standingBody: "tyt" },
  oversight: { id: "so-y-te-thu", name: "Sở Y tế tỉnh Thử" },
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
    ...HAMLETS.map((h, i) => ({
      id: h.id,
      name: h.name,
      kind: "other",
      contacts: {
        person: `Trưởng ${h.name}`,
        emails: [`${h.id}@example.org`],
        phones: [`+8490000020${i}`],
      },
    })),
  ],
  groups: [{ id: "cac-thon", name: "Các thôn", members: HAMLETS.map((h) => h.id) }],
  obligations: [
    {
      id: "bao-cao-quy",
      title: "Báo cáo tiến độ quý",
      source: "Mục IV.1",
      timing: "trước ngày 25 của tháng cuối quý",
      schedule: { kind: "quarterly", day: 25, until: "2025-06" },
      lead: ["cac-thon"],
      deliverable: { what: "Báo cáo quý", to: "tyt" },
      form: {
        fields: [
          { id: "tom-tat", label: "Tóm tắt", type: "textarea", required: true },
          {
            id: "ty-le-kham",
            label: "Tỷ lệ người cao tuổi được khám (%)",
            type: "percent",
            target: "kham-nguoi-cao-tuoi",
          },
        ],
      },
    },
    {
      id: "danh-sach",
      title: "Danh sách người cao tuổi",
      source: "Mục IV.2",
      timing: "trước ngày 01/09/2025",
      schedule: { kind: "date", date: "2025-09-01" },
      lead: ["cac-thon"],
      deliverable: { what: "Danh sách", to: "tyt" },
    },
  ],
  targets: [
    {
      id: "kham-nguoi-cao-tuoi",
      title: "Người cao tuổi được khám sức khỏe định kỳ",
      source: "Mục II.1",
      asWritten: "≥ 86%",
      comparator: ">=",
      value: 86,
      unit: "%",
      assignedTo: ["cac-thon"],
      perUnit: [{ unit: "thon-b", asWritten: "≥ 90%", value: 90 }],
    },
  ],
});

export const D1 = { planId: PLAN_ID, obligationId: "bao-cao-quy", period: "2025-Q1" };
export const D2 = { planId: PLAN_ID, obligationId: "bao-cao-quy", period: "2025-Q2" };
export const D3 = { planId: PLAN_ID, obligationId: "danh-sach", period: "2025" };

type Deadline = typeof D1;
const at = (deadline: Deadline, unitId: string): InstanceRef => ({ ...deadline, unitId });
export const id = (deadline: Deadline, unitId: string) => instanceId(at(deadline, unitId));

export interface ScenarioSubmission {
  ref: InstanceRef;
  receipt: string;
  submittedAt: string;
  fields: Record<string, unknown>;
}

const report = (percent: number) => ({ "tom-tat": "Đã thực hiện theo kế hoạch.", "ty-le-kham": percent });

export const SUBMISSIONS: ScenarioSubmission[] = [
  { ref: at(D1, "thon-a"), receipt: "A1-1", submittedAt: "2025-03-20T02:00:00.000Z", fields: report(80) },
  { ref: at(D1, "thon-b"), receipt: "B1-1", submittedAt: "2025-03-27T02:00:00.000Z", fields: report(91) },
  { ref: at(D1, "thon-d"), receipt: "D1-1", submittedAt: "2025-04-02T02:00:00.000Z", fields: report(85) },
  { ref: at(D2, "thon-a"), receipt: "A2-1", submittedAt: "2025-06-20T02:00:00.000Z", fields: report(99) },
  { ref: at(D2, "thon-b"), receipt: "B2-1", submittedAt: "2025-06-10T02:00:00.000Z", fields: report(70) },
  { ref: at(D2, "thon-b"), receipt: "B2-2", submittedAt: "2025-06-26T02:00:00.000Z", fields: report(88) },
  { ref: at(D2, "thon-d"), receipt: "D2-1", submittedAt: "2025-06-23T02:00:00.000Z", fields: report(86) },
  { ref: at(D2, "thon-d"), receipt: "D2-2", submittedAt: "2025-06-30T02:00:00.000Z", fields: report(87.5) },
  { ref: at(D3, "thon-a"), receipt: "A3-1", submittedAt: "2025-07-01T02:00:00.000Z", fields: {} },
  { ref: at(D3, "thon-b"), receipt: "B3-1", submittedAt: "2025-07-05T02:00:00.000Z", fields: {} },
];

export const REVIEWS = [
  { ref: at(D2, "thon-a"), receipt: "A2-1", decision: "returned" as const, at: "2025-06-21T02:00:00.000Z" },
  { ref: at(D2, "thon-b"), receipt: "B2-1", decision: "returned" as const, at: "2025-06-12T02:00:00.000Z" },
  { ref: at(D2, "thon-b"), receipt: "B2-2", decision: "accepted" as const, at: "2025-06-27T02:00:00.000Z" },
  { ref: at(D3, "thon-b"), receipt: "B3-1", decision: "returned" as const, at: "2025-07-06T02:00:00.000Z" },
].map((r) => ({ ...r, reason: r.decision === "returned" ? "Thiếu số liệu quý." : "" }));

export const EXTENSIONS = [
  { ref: at(D1, "thon-d"), extendedTo: "2025-04-05T17:00:00.000Z" },
  { ref: at(D2, "thon-c"), extendedTo: "2025-07-31T17:00:00.000Z" },
];

export const STATES = [
  { ref: at(D1, "thon-c"), state: "overdue" as const },
  { ref: at(D3, "thon-c"), state: "cancelled" as const },
  { ref: at(D3, "thon-d"), state: "waived" as const },
];

/**
 * Messages: C on D1 had a reminder e-mailed and an SMS that failed, then one sent from the console;
 * A on D2 a reminder and the notice of its returned version.
 */
export const SENDS = [
  {
    ref: at(D1, "thon-c"),
    stage: "remind@2025-03-21T08:00:00+07:00",
    channel: "email" as const,
    recipient: "thon-c@example.org",
    status: "sent" as const,
    at: "2025-03-21T01:00:05.000Z",
  },
  {
    ref: at(D1, "thon-c"),
    stage: "remind@2025-03-21T08:00:00+07:00",
    channel: "sms" as const,
    recipient: "+84900000202",
    status: "failed" as const,
    at: "2025-03-21T01:00:09.000Z",
  },
  {
    ref: at(D1, "thon-c"),
    stage: "manual@2025-04-02",
    channel: "email" as const,
    recipient: "thon-c@example.org",
    status: "sent" as const,
    at: "2025-04-02T03:00:00.000Z",
  },
  {
    ref: at(D2, "thon-a"),
    stage: "remind@2025-06-17T08:00:00+07:00",
    channel: "email" as const,
    recipient: "thon-a@example.org",
    status: "sent" as const,
    at: "2025-06-17T01:00:02.000Z",
  },
  {
    ref: at(D2, "thon-a"),
    stage: "returned@A2-1",
    channel: "email" as const,
    recipient: "thon-a@example.org",
    status: "sent" as const,
    at: "2025-06-21T02:00:03.000Z",
  },
  // The escalation to the committee, recorded under the committee's own instance.
  {
    ref: at(D1, "bcd"),
    stage: "escalation-1",
    channel: "email" as const,
    recipient: "bcd@example.org",
    status: "sent" as const,
    at: "2025-03-27T01:00:00.000Z",
  },
];
