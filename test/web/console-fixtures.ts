/**
 * View models of the operations console for a Long Biên-like plan year, built from one small world
 * (14 wards, the district health centre and the social insurance office, eleven deadlines, a virtual
 * "now" of 12/05/2025), so that the heatmap, the figures and the pages agree with one another and
 * every status occurs. With `hostile`, text a user or a unit could type ("<script>…", a formula)
 * is put into names, titles, reasons and values, for the escaping tests.
 */
import { atVietnamTime, toVietnamIso } from "../../shared/calendar/civil-date";
import { periodText } from "../../shared/calendar/period-text";
import type {
  AuditView,
  CellStatus,
  DeadlineSummary,
  DeadlineView,
  Figures,
  HeatmapView,
  LateUnit,
  MessageSent,
  PlanHeader,
  PlanOverviewView,
  RankingView,
  RatePoint,
  SessionView,
  SubmissionsTable,
  SubmissionView,
  TargetsView,
  TimelinessReport,
  TimelinessRow,
  UnitCell,
  UnitView,
  VersionSummary,
} from "../../shared/console/model";
import type { Contacts, FormField } from "../../shared/plan/schema";
import { receiptNumber } from "../../shared/submission/receipt";
import type { ConsoleContext } from "../../shared/web/console/layout";

export const HOSTILE = `<script>alert("x")</script>`;

const DAY_MS = 86_400_000;
/** "2025-03-25" at HH:MM Vietnam time, as the ISO instant the store keeps. */
const at = (date: string, hhmm = "00:00") => toVietnamIso(atVietnamTime(date, hhmm));
const plus = (iso: string, days: number, hours = 0) =>
  toVietnamIso(Date.parse(iso) + days * DAY_MS + hours * 3_600_000);

export const AS_OF = at("2025-05-12", "09:00");
const PLAN_ID = "long-bien-2025";

interface WorldUnit {
  unitId: string;
  unitName: string;
  contacts: Contacts;
  ward: boolean;
}

const WARDS: Array<[string, string]> = [
  ["p-cu-khoi", "UBND phường Cự Khối"],
  ["p-thach-ban", "UBND phường Thạch Bàn"],
  ["p-long-bien", "UBND phường Long Biên"],
  ["p-bo-de", "UBND phường Bồ Đề"],
  ["p-ngoc-lam", "UBND phường Ngọc Lâm"],
  ["p-ngoc-thuy", "UBND phường Ngọc Thụy"],
  ["p-gia-thuy", "UBND phường Gia Thụy"],
  ["p-duc-giang", "UBND phường Đức Giang"],
  ["p-viet-hung", "UBND phường Việt Hưng"],
  ["p-giang-bien", "UBND phường Giang Biên"],
  ["p-thuong-thanh", "UBND phường Thượng Thanh"],
  ["p-phuc-dong", "UBND phường Phúc Đồng"],
  ["p-sai-dong", "UBND phường Sài Đồng"],
  ["p-phuc-loi", "UBND phường Phúc Lợi"],
];
const PEOPLE = [
  "Nguyễn Thị Hoa",
  "Trần Văn Minh",
  "Lê Thị Thu Hà",
  "Phạm Quốc Bảo",
  "Đỗ Thị Lan",
  "Vũ Đức Thắng",
];

interface WorldDeadline extends DeadlineSummary {
  timing: string;
  kind: "deliverable" | "activity";
  lead: "wards" | "ttyt" | "bhxh";
  form: FormField[];
}

const WARD_MONTHLY_FORM: FormField[] = [
  { id: "tom-tat", label: "Tóm tắt kết quả thực hiện trong tháng", type: "textarea", required: true },
  {
    id: "ty-le-tiem-chung",
    label: "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ (%)",
    type: "percent",
    required: false,
    target: "b6-tiem-chung-day-du",
  },
  {
    id: "ty-le-sdd",
    label: "Tỷ lệ suy dinh dưỡng thể nhẹ cân trẻ em dưới 5 tuổi (%)",
    type: "percent",
    required: false,
    target: "b6-sdd-2025",
  },
  {
    id: "so-nguoi-cao-tuoi",
    label: "Số người cao tuổi được khám sức khỏe",
    type: "number",
    integer: true,
    required: false,
  },
  { id: "tep-bao-cao", label: "Tệp báo cáo (PDF, Word, Excel)", type: "file", required: false },
  { id: "ghi-chu", label: "Ghi chú", type: "textarea", required: false },
];

const TTYT_QUARTERLY_FORM: FormField[] = [
  {
    id: "tom-tat",
    label: "Tóm tắt tiến độ, kết quả thực hiện kế hoạch trong quý",
    type: "textarea",
    required: true,
  },
  {
    id: "ty-le-tiem-chung-day-du",
    label: "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ (%)",
    type: "percent",
    required: false,
  },
  {
    id: "ty-le-sdd-can-nang",
    label: "Tỷ lệ suy dinh dưỡng thể nhẹ cân trẻ em dưới 5 tuổi (%)",
    type: "percent",
    required: false,
  },
  {
    id: "so-nguoi-cao-tuoi-duoc-kham",
    label: "Số người cao tuổi được khám sức khỏe định kỳ (lũy kế)",
    type: "number",
    integer: true,
    required: false,
  },
  { id: "da-hop-bcd", label: "Đã báo cáo tại cuộc họp Ban Chỉ đạo", type: "checkbox", required: false },
  { id: "tep-bao-cao", label: "Tệp báo cáo (PDF, Word, Excel)", type: "file", required: true },
  { id: "ghi-chu", label: "Ghi chú", type: "textarea", required: false },
];

const SIMPLE_FORM: FormField[] = [
  { id: "tom-tat", label: "Tóm tắt kết quả thực hiện", type: "textarea", required: true },
  { id: "tep-dinh-kem", label: "Tệp báo cáo (PDF, Word, Excel)", type: "file", required: false },
  { id: "ghi-chu", label: "Ghi chú", type: "textarea", required: false },
];

function monthly(month: number): WorldDeadline {
  const period = `2025-${String(month).padStart(2, "0")}`;
  const dueMonth = String(month + 1).padStart(2, "0");
  return {
    obligationId: "bao-cao-thang-phuong",
    period,
    periodText: periodText(period),
    title: "Báo cáo kết quả công tác y tế, dân số hàng tháng của phường về TTYT quận",
    dueAt: at(`2025-${dueMonth}-04`),
    state: "active",
    timing: "trước ngày 04 hàng tháng",
    kind: "deliverable",
    lead: "wards",
    form: WARD_MONTHLY_FORM,
  };
}

function quarterly(obligationId: "bao-cao-quy-ttyt" | "bao-cao-quy-bhxh", quarter: number): WorldDeadline {
  const period = `2025-Q${quarter}`;
  const ttyt = obligationId === "bao-cao-quy-ttyt";
  return {
    obligationId,
    period,
    periodText: periodText(period),
    title: ttyt
      ? "Định kỳ hàng quý tổng hợp, báo cáo tiến độ, kết quả thực hiện kế hoạch về Ban Chỉ đạo (qua Phòng Y tế)"
      : "Định kỳ tổng hợp, báo cáo kết quả thực hiện chỉ tiêu bao phủ BHYT toàn dân của các phường về Ban Chỉ đạo (qua Phòng Y tế)",
    dueAt: at(`2025-${String(quarter * 3).padStart(2, "0")}-25`),
    state: "active",
    timing: ttyt
      ? "trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu"
      : "hàng quý trước ngày 25 của tháng cuối quý",
    kind: "deliverable",
    lead: ttyt ? "ttyt" : "bhxh",
    form: ttyt ? TTYT_QUARTERLY_FORM : SIMPLE_FORM,
  };
}

interface World {
  plan: PlanHeader;
  units: WorldUnit[];
  deadlines: WorldDeadline[];
  /** cells[i][j]: unit i on deadline j. */
  cells: Array<Array<UnitCell | undefined>>;
  versions: Map<string, VersionSummary[]>;
  hostile: boolean;
}

/** Which status a unit has on a past deadline: mostly on time, a steady share late, missing or returned. */
function pastStatus(i: number, j: number): CellStatus {
  const k = (i * 7 + j * 3) % 11;
  if (k <= 5 || k === 10) return "on-time";
  if (k <= 7) return "late";
  return k === 8 ? "missing" : "returned";
}

function buildWorld(hostile: boolean): World {
  const plan: PlanHeader = {
    planId: PLAN_ID,
    title: `Kế hoạch thực hiện chỉ tiêu y tế và chăm sóc sức khỏe ban đầu cho nhân dân trên địa bàn quận Long Biên năm 2025${
      hostile ? ` ${HOSTILE}` : ""
    }`,
    number: "379/KH-UBND",
    issuerName: "UBND quận Long Biên",
    standingBodyName: "Phòng Y tế quận Long Biên",
    year: 2025,
    years: [2024, 2025],
  };
  const units: WorldUnit[] = [
    ...WARDS.map(([unitId, name], i) => ({
      unitId,
      unitName: hostile && unitId === "p-ngoc-lam" ? `${name} ${HOSTILE}` : name,
      ward: true,
      contacts: {
        person: `${PEOPLE[i % PEOPLE.length]}${i === 3 && hostile ? ` ${HOSTILE}` : ""}`,
        emails: [`${unitId}@longbien.example.org`],
        phones: i % 4 === 1 ? [] : [`+8490000${String(10 + i).padStart(4, "0")}`],
      },
    })),
    {
      unitId: "ttyt",
      unitName: "Trung tâm Y tế quận Long Biên",
      ward: false,
      contacts: { person: "Ngô Thị Mai", emails: ["ttyt@longbien.example.org"], phones: ["+84900000030"] },
    },
    {
      unitId: "bhxh",
      unitName: "Bảo hiểm xã hội quận Long Biên",
      ward: false,
      contacts: { person: "Hoàng Văn Tùng", emails: ["bhxh@longbien.example.org"], phones: ["+84900000031"] },
    },
  ];
  const planOfWard: WorldDeadline = {
    obligationId: "ke-hoach-phuong",
    period: "2025",
    periodText: periodText("2025"),
    title: `Hoàn thành việc xây dựng kế hoạch thực hiện trên địa bàn phường${hostile ? ` ${HOSTILE}` : ""}`,
    dueAt: at("2025-01-20"),
    state: "active",
    timing: "trước ngày 20/01/2025",
    kind: "deliverable",
    lead: "wards",
    form: SIMPLE_FORM,
  };
  const elderlyList: WorldDeadline = {
    obligationId: "danh-sach-nguoi-cao-tuoi",
    period: "2025-03",
    periodText: periodText("2025-03"),
    title: "Rà soát, lập danh sách người cao tuổi, người trên 60 tuổi trên địa bàn 13/13 phường",
    dueAt: at("2025-04-01"),
    state: "active",
    timing: "hoàn thành chậm nhất vào tháng 3",
    kind: "deliverable",
    lead: "wards",
    form: SIMPLE_FORM,
  };
  const deadlines = [
    planOfWard,
    monthly(1),
    monthly(2),
    quarterly("bao-cao-quy-ttyt", 1),
    quarterly("bao-cao-quy-bhxh", 1),
    elderlyList,
    monthly(3),
    monthly(4),
    monthly(5),
    quarterly("bao-cao-quy-ttyt", 2),
    quarterly("bao-cao-quy-bhxh", 2),
  ].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  const versions = new Map<string, VersionSummary[]>();
  const cells = units.map((u, i) =>
    deadlines.map((d, j): UnitCell | undefined => {
      const expected = d.lead === "wards" ? u.ward : d.lead === u.unitId;
      if (!expected) return undefined;
      const instanceId = `${PLAN_ID}:${d.obligationId}:${d.period}:${u.unitId}`;
      const past = d.dueAt <= AS_OF;
      let status: CellStatus = past ? pastStatus(i, j) : (i + j) % 5 === 0 ? "on-time" : "pending";
      // Sài Đồng was split between its neighbours in spring 2025: its later months are cancelled.
      if (u.unitId === "p-sai-dong" && d.obligationId === "bao-cao-thang-phuong" && d.period >= "2025-04")
        status = "cancelled";
      if (u.unitId === "p-sai-dong" && d.obligationId === "danh-sach-nguoi-cao-tuoi") status = "waived";
      if (u.unitId === "ttyt" && d.period === "2025-Q1") status = "on-time";
      const base = {
        instanceId,
        unitId: u.unitId,
        unitName: u.unitName,
        status,
        dueAt: d.dueAt,
        versions: 0,
      };
      const receipt = (n: number) => receiptNumber(instanceId, `v${n}`);
      const list: VersionSummary[] = [];
      if (status === "on-time") {
        const when = plus(d.dueAt, -(1 + ((i + j) % 4)), 3 + (i % 5));
        if ((i + j) % 6 === 0) {
          list.push({
            receipt: receipt(1),
            submittedAt: plus(when, -2),
            late: false,
            lateDays: 0,
            decision: "returned",
            reason: "Thiếu tệp báo cáo có chữ ký, đề nghị bổ sung.",
          });
        }
        list.push({ receipt: receipt(2), submittedAt: when, late: false, lateDays: 0, decision: "accepted" });
      } else if (status === "late") {
        const lateDays = 1 + ((i + j) % 6);
        list.push({ receipt: receipt(1), submittedAt: plus(d.dueAt, lateDays, -3), late: true, lateDays });
      } else if (status === "returned") {
        list.push({
          receipt: receipt(1),
          submittedAt: plus(d.dueAt, -1, 2),
          late: false,
          lateDays: 0,
          decision: "returned",
          reason: hostile
            ? `Số liệu chưa khớp ${HOSTILE}`
            : "Số liệu tiêm chủng chưa khớp với sổ theo dõi, đề nghị rà soát và nộp lại.",
        });
      }
      versions.set(instanceId, list);
      const counted = list.find((v) => v.decision !== "returned");
      const latest = list.at(-1);
      return {
        ...base,
        versions: list.length,
        ...(latest && { latestReceipt: latest.receipt }),
        ...(counted && { submittedAt: counted.submittedAt }),
        ...(status === "late" && { lateDays: counted?.lateDays ?? 0 }),
        ...(u.unitId === "p-phuc-loi" && d.obligationId === "bao-cao-thang-phuong" && d.period === "2025-04"
          ? { extendedTo: at("2025-05-09") }
          : {}),
      };
    }),
  );
  return { plan, units, deadlines, cells, versions, hostile };
}

/** DHIS2's figures over some cells: waived and cancelled units are not expected. */
export function figuresOf(cells: ReadonlyArray<UnitCell | undefined>): Figures {
  const counted = cells.filter(
    (c): c is UnitCell => c !== undefined && c.status !== "waived" && c.status !== "cancelled",
  );
  const expected = counted.length;
  const actual = counted.filter((c) => c.status === "on-time" || c.status === "late").length;
  const actualOnTime = counted.filter((c) => c.status === "on-time").length;
  const rate = (n: number) => (expected === 0 ? null : Math.round((n / expected) * 1000) / 10);
  return { expected, actual, reportingRate: rate(actual), actualOnTime, onTimeRate: rate(actualOnTime) };
}

function column(w: World, j: number): UnitCell[] {
  return w.cells.map((row) => row[j]).filter((c): c is UnitCell => c !== undefined);
}

function report(w: World): TimelinessReport {
  const rows: TimelinessRow[] = w.deadlines.map((d, j) => {
    const units = column(w, j);
    const { timing: _t, kind: _k, lead: _l, form: _f, ...summary } = d;
    return { ...summary, ...figuresOf(units), units };
  });
  const past = w.deadlines.flatMap((d, j) => (d.dueAt <= AS_OF ? column(w, j) : []));
  return { planId: PLAN_ID, year: 2025, asOf: AS_OF, rows, totals: figuresOf(past) };
}

function series(w: World): RatePoint[] {
  return Array.from({ length: 12 }, (_, m) => {
    const month = `2025-${String(m + 1).padStart(2, "0")}`;
    const cells = w.deadlines.flatMap((d, j) =>
      d.dueAt <= AS_OF && d.dueAt.slice(0, 7) === month ? column(w, j) : [],
    );
    return { month, label: `Tháng ${m + 1}/2025`, ...figuresOf(cells) };
  });
}

function messagesFor(w: World, d: WorldDeadline, unit: WorldUnit, cell: UnitCell, i: number): MessageSent[] {
  const email = unit.contacts.emails[0] ?? "";
  const phone = unit.contacts.phones[0];
  const out: MessageSent[] = [7, 3, 1].map((days) => ({
    unitId: unit.unitId,
    stage: `reminder-${days}`,
    stageText: `Nhắc hạn ${days} ngày trước`,
    channel: "email",
    recipient: email,
    status: "sent",
    at: plus(d.dueAt, -days, 8),
  }));
  if (phone)
    out.push({
      unitId: unit.unitId,
      stage: "reminder-1",
      stageText: "Nhắc hạn 1 ngày trước",
      channel: "sms",
      recipient: phone,
      status: i % 3 === 0 ? "failed" : "sent",
      at: plus(d.dueAt, -1, 8),
      ...(i % 3 === 0 && {
        error: w.hostile
          ? `Nhà mạng từ chối ${HOSTILE}`
          : "Nhà mạng từ chối: số thuê bao không liên lạc được",
      }),
    });
  if (cell.status === "missing" || cell.status === "returned")
    out.push({
      unitId: unit.unitId,
      stage: "overdue-1",
      stageText: "Báo quá hạn lần 1",
      channel: "email",
      recipient: email,
      status: "sent",
      at: plus(d.dueAt, 1, 8),
    });
  return out;
}

function lateNow(w: World): LateUnit[] {
  const out: LateUnit[] = [];
  w.deadlines.forEach((d, j) => {
    w.units.forEach((u, i) => {
      const cell = w.cells[i]?.[j];
      if (!cell || (cell.status !== "missing" && cell.status !== "returned")) return;
      const sends = messagesFor(w, d, u, cell, i);
      out.push({
        instanceId: cell.instanceId,
        unitId: u.unitId,
        unitName: u.unitName,
        obligationId: d.obligationId,
        period: d.period,
        periodText: d.periodText,
        title: d.title,
        dueAt: d.dueAt,
        daysLate: Math.ceil((Date.parse(AS_OF) - Date.parse(d.dueAt)) / DAY_MS),
        status: cell.status,
        contact: {
          ...(u.contacts.person && { person: u.contacts.person }),
          ...(u.contacts.emails[0] && { email: u.contacts.emails[0] }),
          ...(u.contacts.phones[0] && { phone: u.contacts.phones[0] }),
        },
        remindersSent: sends.filter((s) => s.status === "sent").length,
        failedSends: sends.filter((s) => s.status === "failed").length,
      });
    });
  });
  return out.sort((a, b) => b.daysLate - a.daysLate);
}

const deadlineIndex = (w: World, obligationId: string, period: string) =>
  w.deadlines.findIndex((d) => d.obligationId === obligationId && d.period === period);

function deadlineView(w: World, obligationId: string, period: string): DeadlineView {
  const j = deadlineIndex(w, obligationId, period);
  const d = w.deadlines[j] as WorldDeadline;
  const units = w.units.flatMap((u, i) => {
    const cell = w.cells[i]?.[j];
    if (!cell) return [];
    return [
      {
        ...cell,
        contacts: u.contacts,
        versionsList: w.versions.get(cell.instanceId) ?? [],
        messages: messagesFor(w, d, u, cell, i),
      },
    ];
  });
  const missing = units.filter((u) => u.status === "missing" || u.status === "returned").length;
  const escalations: MessageSent[] =
    missing > 0
      ? [
          {
            unitId: "bcd",
            stage: "escalation-1",
            stageText: `Báo cáo Ban Chỉ đạo lần 1: ${missing} đơn vị chưa nộp`,
            channel: "email",
            recipient: "bcd@longbien.example.org",
            status: "sent",
            at: plus(d.dueAt, 2, 8),
          },
          {
            unitId: "bcd",
            stage: "escalation-2",
            stageText: `Báo cáo Ban Chỉ đạo lần 2: ${missing} đơn vị chưa nộp`,
            channel: "email",
            recipient: "bcd@longbien.example.org",
            status: "failed",
            at: plus(d.dueAt, 9, 8),
            error: "Hộp thư đầy",
          },
        ]
      : [];
  const { lead: _l, form: _f, ...summary } = d;
  return {
    plan: w.plan,
    deadline: { ...summary, originalDueAt: plus(d.dueAt, -3) },
    figures: figuresOf(units),
    units,
    escalations,
    asOf: AS_OF,
  };
}

function heatmap(w: World): HeatmapView {
  return {
    plan: w.plan,
    asOf: AS_OF,
    deadlines: w.deadlines.map(({ timing: _t, kind: _k, lead: _l, form: _f, ...summary }) => summary),
    units: w.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName })),
    cells: w.cells,
  };
}

function unitView(w: World, unitId: string): UnitView {
  const i = w.units.findIndex((u) => u.unitId === unitId);
  const u = w.units[i] as WorldUnit;
  const deadlines = w.deadlines.flatMap((d, j) => {
    const cell = w.cells[i]?.[j];
    if (!cell) return [];
    const { timing: _t, kind: _k, lead: _l, form: _f, ...summary } = d;
    return [{ ...summary, ...cell }];
  });
  return {
    plan: w.plan,
    unit: { unitId: u.unitId, name: u.unitName, contacts: u.contacts },
    deadlines,
    figures: figuresOf(deadlines.filter((c) => c.dueAt <= AS_OF)),
  };
}

const PRESIGNED = (key: string) =>
  `https://hanchot-attachments.s3.ap-southeast-1.amazonaws.com/${key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20250512%2Fap-southeast-1%2Fs3%2Faws4_request&X-Amz-Date=20250512T020000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=0f1e2d3c4b5a`;

function submissionView(w: World): SubmissionView {
  const j = deadlineIndex(w, "bao-cao-quy-ttyt", "2025-Q1");
  const i = w.units.findIndex((u) => u.unitId === "ttyt");
  const d = w.deadlines[j] as WorldDeadline;
  const u = w.units[i] as WorldUnit;
  const cell = w.cells[i]?.[j] as UnitCell;
  const instanceId = cell.instanceId;
  const first = receiptNumber(instanceId, "v1");
  const second = receiptNumber(instanceId, "v2");
  const history: VersionSummary[] = [
    {
      receipt: first,
      submittedAt: at("2025-03-18", "16:42"),
      late: false,
      lateDays: 0,
      decision: "returned",
      reason: w.hostile
        ? `Thiếu tỷ lệ tiêm chủng ${HOSTILE}`
        : "Thiếu tỷ lệ tiêm chủng đầy đủ của quý I; đề nghị bổ sung và gửi lại.",
    },
    { receipt: second, submittedAt: at("2025-03-21", "10:05"), late: false, lateDays: 0 },
  ];
  const values: Record<string, unknown> = {
    "tom-tat": w.hostile
      ? `Hoàn thành 92% kế hoạch quý I.\n${HOSTILE}`
      : "Hoàn thành 92% kế hoạch quý I.\nĐã tổ chức 3 đợt tiêm chủng mở rộng, khám sức khỏe định kỳ cho người cao tuổi tại 14 trạm y tế phường.",
    "ty-le-tiem-chung-day-du": 96.4,
    "ty-le-sdd-can-nang": 5.3,
    "so-nguoi-cao-tuoi-duoc-kham": 12480,
    "da-hop-bcd": true,
    "tep-bao-cao": ["uploads/ttyt/secret-key-1", "uploads/ttyt/secret-key-2"],
    "ghi-chu": "",
  };
  const { timing: _t, kind: _k, lead: _l, form: _f, ...summary } = d;
  return {
    plan: w.plan,
    deadline: summary,
    unit: { unitId: u.unitId, unitName: u.unitName, contacts: u.contacts },
    instanceId,
    receipt: second,
    submittedAt: at("2025-03-21", "10:05"),
    submitter: {
      name: w.hostile ? `Ngô Thị Mai ${HOSTILE}` : "Ngô Thị Mai",
      position: "Phó Giám đốc TTYT",
      phone: "+84900000030",
      email: "ttyt@longbien.example.org",
    },
    fields: d.form.map((field) => ({ field, value: values[field.id] })),
    attachments: [
      {
        field: "tep-bao-cao",
        fileName: w.hostile ? `Báo cáo quý I ${HOSTILE}.pdf` : "Báo cáo quý I-2025 TTYT Long Biên.pdf",
        size: 842_113,
        contentType: "application/pdf",
        url: PRESIGNED(`accepted/${PLAN_ID}/bao-cao-quy-ttyt/2025-Q1/ttyt/${second}/bao-cao.pdf`),
      },
      {
        field: "tep-bao-cao",
        fileName: "Phụ lục số liệu tiêm chủng.xlsx",
        size: 51_200,
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        url: PRESIGNED(`accepted/${PLAN_ID}/bao-cao-quy-ttyt/2025-Q1/ttyt/${second}/phu-luc.xlsx`),
      },
    ],
    history,
    status: "on-time",
    isLatest: true,
  };
}

function targets(w: World): TargetsView {
  const wards = w.units.filter((u) => u.ward);
  const monthlyField = (id: string) => WARD_MONTHLY_FORM.find((f) => f.id === id) as FormField;
  return {
    plan: w.plan,
    targets: [
      {
        targetId: "b6-tiem-chung-day-du",
        title: "Tỷ lệ trẻ < 1 tuổi được tiêm chủng đầy đủ (%)",
        asWritten: "≥ 95",
        comparator: ">=",
        value: 95,
        unit: "%",
        reportedThrough: [
          {
            obligationId: "bao-cao-thang-phuong",
            fieldId: "ty-le-tiem-chung",
            fieldLabel: monthlyField("ty-le-tiem-chung").label,
          },
        ],
        units: wards.map((u, i) => {
          const value = i % 5 === 4 ? undefined : Math.round((93 + ((i * 37) % 60) / 10) * 10) / 10;
          return {
            unitId: u.unitId,
            unitName: u.unitName,
            target: { asWritten: "≥ 95", value: 95 },
            ...(value !== undefined && {
              reported: {
                value,
                at: at("2025-05-03", "15:20"),
                obligationId: "bao-cao-thang-phuong",
                period: "2025-04",
                fieldLabel: monthlyField("ty-le-tiem-chung").label,
              },
              met: value >= 95,
            }),
          };
        }),
      },
      {
        targetId: "b6-sdd-2025",
        title: `Tỷ lệ suy dinh dưỡng thể nhẹ cân trẻ em < 5 tuổi (%): chỉ tiêu năm 2025${w.hostile ? ` ${HOSTILE}` : ""}`,
        asWritten: "5,5",
        comparator: "<=",
        value: 5.5,
        unit: "%",
        reportedThrough: [
          {
            obligationId: "bao-cao-thang-phuong",
            fieldId: "ty-le-sdd",
            fieldLabel: monthlyField("ty-le-sdd").label,
          },
        ],
        units: wards.map((u, i) => {
          const target = i % 3 === 0 ? 5.6 : 5.5;
          const value = i % 4 === 3 ? undefined : Math.round((4.8 + ((i * 13) % 12) / 10) * 10) / 10;
          return {
            unitId: u.unitId,
            unitName: u.unitName,
            target: { asWritten: target.toLocaleString("vi-VN"), value: target },
            ...(value !== undefined && {
              reported: {
                value,
                at: at("2025-04-03", "10:00"),
                obligationId: "bao-cao-thang-phuong",
                period: "2025-03",
                fieldLabel: monthlyField("ty-le-sdd").label,
              },
              met: value <= target,
            }),
          };
        }),
      },
      {
        targetId: "b6-duy-tri-chuan-qg-ydhct-cdat",
        title: "Duy trì Phường đạt: chuẩn QG, tiên tiến về YDHCT, CĐAT",
        asWritten: "Đạt",
        comparator: "=",
        value: "Đạt",
        reportedThrough: [],
        units: wards.map((u) => ({
          unitId: u.unitId,
          unitName: u.unitName,
          target: { asWritten: "Đạt", value: "Đạt" },
        })),
      },
    ],
  };
}

function audit(w: World): AuditView {
  const actor = { email: "chuyenvien.pyt@longbien.example.org", role: "standing-body" };
  const lead = { email: "truongphong.pyt@longbien.example.org", role: "standing-body" };
  const sub = submissionView(w);
  const first = sub.history[0] as VersionSummary;
  return {
    plan: w.plan,
    entries: [
      {
        id: "a1",
        at: at("2025-03-19", "08:30"),
        actor,
        action: "return",
        actionText: "Trả lại báo cáo",
        target: {
          instanceId: sub.instanceId,
          receipt: first.receipt,
          unitName: sub.unit.unitName,
          title: sub.deadline.title,
          period: "2025-Q1",
        },
        before: { decision: "chưa xem xét" },
        after: { decision: "trả lại" },
        reason: first.reason ?? "",
      },
      {
        id: "a2",
        at: at("2025-03-21", "14:00"),
        actor,
        action: "accept",
        actionText: "Chấp nhận báo cáo",
        target: {
          instanceId: sub.instanceId,
          receipt: sub.receipt,
          unitName: sub.unit.unitName,
          period: "2025-Q1",
        },
        after: { decision: "chấp nhận" },
        reason: "",
      },
      {
        id: "a3",
        at: at("2025-05-05", "09:12"),
        actor: lead,
        action: "extend",
        actionText: "Gia hạn",
        target: {
          obligationId: "bao-cao-thang-phuong",
          period: "2025-04",
          unitId: "p-phuc-loi",
          unitName: "UBND phường Phúc Lợi",
        },
        before: { dueAt: at("2025-05-04") },
        after: { extendedTo: at("2025-05-09") },
        reason: w.hostile
          ? `Phường đang sáp nhập ${HOSTILE}`
          : "Phường đang bàn giao hồ sơ do sắp xếp địa giới hành chính, đề nghị lùi hạn 5 ngày.",
      },
      {
        id: "a4",
        at: at("2025-04-02", "10:40"),
        actor,
        action: "waive",
        actionText: "Miễn",
        target: {
          obligationId: "danh-sach-nguoi-cao-tuoi",
          period: "2025-03",
          unitId: "p-sai-dong",
          unitName: "UBND phường Sài Đồng",
        },
        before: { status: "quá hạn" },
        after: { status: "được miễn" },
        reason: "Phường Sài Đồng đã chia tách; danh sách do phường Phúc Đồng tổng hợp.",
      },
      {
        id: "a5",
        at: at("2025-05-06", "08:05"),
        actor,
        action: "remind-now",
        actionText: "Nhắc ngay",
        target: { obligationId: "bao-cao-thang-phuong", period: "2025-04", unitId: "all" },
        after: { recipients: ["p-bo-de", "p-viet-hung", "p-ngoc-thuy"] },
        reason: "Nhắc các phường chưa nộp báo cáo tháng 4.",
      },
      {
        id: "a6",
        at: at("2025-05-08", "16:20"),
        actor: lead,
        action: "edit-contacts",
        actionText: "Sửa liên hệ",
        target: { unitId: "p-bo-de", unitName: "UBND phường Bồ Đề" },
        before: { person: "Phạm Quốc Bảo", emails: ["p-bo-de@longbien.example.org"], phones: [] },
        after: {
          person: "Phạm Quốc Bảo",
          emails: ["p-bo-de@longbien.example.org", "tyt.bode@longbien.example.org"],
          phones: ["+84900000013"],
        },
        reason: "Bổ sung email trạm y tế và số điện thoại theo công văn của phường.",
      },
    ],
  };
}

function ranking(w: World): RankingView {
  const plan = (
    planId: string,
    title: string,
    issuerName: string,
    f: Figures,
    lateNow: number,
    computedAt = AS_OF,
  ) => ({
    planId,
    title,
    issuerName,
    year: 2025,
    lateNow,
    ...f,
    computedAt,
  });
  const figures = (expected: number, actual: number, onTime: number): Figures => ({
    expected,
    actual,
    actualOnTime: onTime,
    reportingRate: expected === 0 ? null : Math.round((actual / expected) * 1000) / 10,
    onTimeRate: expected === 0 ? null : Math.round((onTime / expected) * 1000) / 10,
  });
  const own = report(w).totals;
  const plans = [
    plan(
      "hung-dao-2025",
      "Kế hoạch chăm sóc sức khỏe nhân dân phường Hưng Đạo năm 2025",
      "UBND phường Hưng Đạo",
      figures(48, 47, 45),
      1,
    ),
    plan(PLAN_ID, w.plan.title, w.plan.issuerName, own, lateNow(w).length),
    plan(
      "gia-lam-2025",
      "Kế hoạch thực hiện công tác y tế huyện Gia Lâm năm 2025",
      "UBND huyện Gia Lâm",
      figures(210, 180, 150),
      14,
      // Computed by an earlier view, still fresh.
      new Date(Date.parse(AS_OF) - 3 * 60_000).toISOString(),
    ),
    plan(
      "dong-anh-2025",
      "Kế hoạch y tế, dân số xã Đông Anh năm 2025",
      "UBND xã Đông Anh",
      figures(36, 30, 21),
      6,
    ),
    plan(
      "phuc-loi-2025",
      "Kế hoạch y tế phường Phúc Lợi năm 2025 (mới thành lập)",
      "UBND phường Phúc Lợi",
      figures(0, 0, 0),
      0,
    ),
  ];
  const ranked = [...plans].sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1));
  return {
    oversight: { id: "so-y-te-ha-noi", name: "Sở Y tế Hà Nội" },
    year: 2025,
    asOf: AS_OF,
    plans: ranked,
  };
}

function submissionsTable(w: World): SubmissionsTable {
  const view = deadlineView(w, "bao-cao-thang-phuong", "2025-03");
  const { timing: _t, kind: _k, originalDueAt: _o, ...deadline } = view.deadline;
  return {
    plan: w.plan,
    deadline,
    fields: WARD_MONTHLY_FORM,
    rows: view.units.map((u, i) => {
      const submitted = u.versionsList.length > 0;
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        status: u.status,
        ...(u.latestReceipt && { receipt: u.latestReceipt }),
        ...(u.submittedAt && { submittedAt: u.submittedAt }),
        ...(u.lateDays !== undefined && { lateDays: u.lateDays }),
        ...(submitted && { submitter: PEOPLE[i % PEOPLE.length] }),
        values: submitted
          ? {
              "tom-tat": `Tháng 3: khám sàng lọc ${120 + i * 7} người cao tuổi; tuyên truyền tại ${3 + (i % 4)} tổ dân phố.`,
              "ty-le-tiem-chung": Math.round((94 + (i % 5) * 0.7) * 10) / 10,
              "ty-le-sdd": Math.round((5 + (i % 4) * 0.2) * 10) / 10,
              "so-nguoi-cao-tuoi": 120 + i * 7,
              "tep-bao-cao": [`uploads/${PLAN_ID}/bao-cao-thang-phuong/2025-03/${u.unitId}/secret-key-${i}`],
              "ghi-chu":
                i === 2
                  ? '=HYPERLINK("http://example.org","Bấm vào đây")'
                  : i === 5
                    ? "Số liệu sơ bộ,\nsẽ cập nhật"
                    : "",
            }
          : {},
      };
    }),
  };
}

export const SESSION: SessionView = {
  email: "chuyenvien.pyt@longbien.example.org",
  name: "Nguyễn Thu Trang",
  role: "standing-body",
  csrfToken: "csrf-7f3a9c2e-token",
};

export function context(canAct: boolean, overrides: Partial<ConsoleContext> = {}): ConsoleContext {
  return {
    session: canAct
      ? SESSION
      : { ...SESSION, email: "uyvien.bcd@longbien.example.org", name: "Trần Minh Đức", role: "committee" },
    canAct,
    ...overrides,
  };
}

export interface ConsoleFixtures {
  overview: PlanOverviewView;
  heatmap: HeatmapView;
  deadline: DeadlineView;
  submission: SubmissionView;
  unit: UnitView;
  targets: TargetsView;
  audit: AuditView;
  ranking: RankingView;
  timeliness: TimelinessReport;
  submissions: SubmissionsTable;
}

/** Every view of the console for the Long Biên-like world; `hostile` puts markup into the data. */
export function consoleFixtures(options: { hostile?: boolean } = {}): ConsoleFixtures {
  const w = buildWorld(options.hostile ?? false);
  const timeliness = report(w);
  return {
    overview: { plan: w.plan, report: timeliness, lateNow: lateNow(w), series: series(w) },
    heatmap: heatmap(w),
    deadline: deadlineView(w, "bao-cao-thang-phuong", "2025-03"),
    submission: submissionView(w),
    unit: unitView(w, options.hostile ? "p-ngoc-lam" : "p-bo-de"),
    targets: targets(w),
    audit: audit(w),
    ranking: ranking(w),
    timeliness,
    submissions: submissionsTable(w),
  };
}
