/**
 * The plan file format: one yearly (or multi-year) health plan of a People's Committee,
 * as a clerk of the health office would write it down in YAML.
 *
 * Everything that differs between plans — units, deadlines, targets, reminder and escalation
 * policy, the fields of each report — lives here as data. The calendar engine only interprets it.
 * Longer than most modules on purpose: the whole format in one file, so the JSON Schema, the
 * checker and the importer read one definition.
 */
import { z } from "zod";
import { occurrences, timesPerYearRounds } from "../calendar/rules";

const idPattern = /^[a-z0-9][a-z0-9-]*$/;
export const Id = z
  .string()
  .regex(idPattern, "mã (id) chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: ubnd-phuong-bo-de");

/** A calendar date as written in ISO form, e.g. 2025-01-20. */
export const IsoDate = z.iso.date("ngày phải viết theo dạng YYYY-MM-DD, ví dụ 2025-01-20");
/** A month of a year, e.g. 2023-10. */
export const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "tháng phải viết theo dạng YYYY-MM, ví dụ 2023-10");
const Month = z.number().int().min(1).max(12);
const DayOfMonth = z.number().int().min(1).max(31);
const Year = z.number().int().min(2000).max(2100);

/** Where an imported item was read, and how sure the reader is (1 = certain). */
export const Origin = z.strictObject({
  where: z.string().min(1).describe("Vị trí trong văn bản, ví dụ: Biểu 2, dòng 5"),
  confidence: z.number().min(0).max(1).describe("Độ chắc chắn của máy đọc, 0–1"),
});
export type Origin = z.infer<typeof Origin>;

/**
 * How a deadline day is read. "trước ngày 25" (before): late from 00:00 on the 25th.
 * "chậm nhất ngày 25", "đến ngày 25" (by): on time until 24:00 on the 25th.
 */
export const Cutoff = z.enum(["before", "by"]);

const active = {
  /** First month the rule applies (e.g. a plan issued in September starts monthly reports in October). */
  from: YearMonth.optional(),
  /** Last month the rule applies. */
  until: YearMonth.optional(),
};

/**
 * The machine reading of a timing phrase. Dated kinds produce calendar entries;
 * undated kinds (continuous, event, times-per-year without months, relative) stay on the plan only.
 */
export const ScheduleRule = z.discriminatedUnion("kind", [
  /** "Trước 15/01", "trước ngày 20/01/2025", "trước ngày 30/9/2023": one fixed day. */
  z.strictObject({ kind: z.literal("date"), date: IsoDate, cutoff: Cutoff.default("before") }),
  /** A fixed day every year the plan runs. */
  z.strictObject({
    kind: z.literal("yearly"),
    month: Month,
    day: DayOfMonth,
    cutoff: Cutoff.default("before"),
    ...active,
  }),
  /** "hoàn thành chậm nhất vào tháng 3", "hoàn thành trong tháng 10/2023": by the end of a month. */
  z.strictObject({ kind: z.literal("month-end"), month: Month, year: Year.optional() }),
  /**
   * "Tháng 3,4,5,6,7", "Tháng 6, 11-12", "Tháng 02": work done during the listed months.
   * Consecutive months form one window (3–7 is one window, 6 and 11–12 are two).
   */
  z.strictObject({
    kind: z.literal("months"),
    months: z.array(Month).min(1),
    year: Year.optional(),
  }),
  /** "trước ngày 04 hàng tháng": a monthly report before day N of the following month. */
  z.strictObject({
    kind: z.literal("monthly"),
    day: DayOfMonth,
    cutoff: Cutoff.default("before"),
    /** Which month the report covers: the one before the deadline (usual) or the deadline's own. */
    covers: z.enum(["previous-month", "same-month"]).default("previous-month"),
    ...active,
  }),
  /** "trước ngày 25 của tháng cuối quý": before day N of the quarter's last month. */
  z.strictObject({
    kind: z.literal("quarterly"),
    day: DayOfMonth,
    cutoff: Cutoff.default("before"),
    /** 3 = the quarter's last month (default); 1 = its first month. */
    monthOfQuarter: z.number().int().min(1).max(3).default(3),
    /**
     * A report due before its quarter ends covers figures up to day N of the quarter's last month,
     * from day N+1 of the previous quarter's last month (Decree 09/2019/NĐ-CP: N = 14, so Q1 covers
     * 15/12 of the year before to 14/3). Absent: the calendar quarter.
     */
    coversUntilDay: DayOfMonth.optional().describe(
      "Số liệu tính đến ngày N của tháng cuối quý, từ ngày N+1 tháng cuối quý trước (Nghị định 09/2019: N = 14, quý I từ 15/12 năm trước đến 14/3); bỏ trống: số liệu cả quý theo lịch",
    ),
    ...active,
  }),
  /** "Tháng cuối quý": during the last month of each quarter. */
  z.strictObject({ kind: z.literal("quarter-last-month"), ...active }),
  /** "đến năm 2030", "giai đoạn 2026-2030": due by the end of a (last) year. */
  z.strictObject({ kind: z.literal("by-year"), year: Year, from: Year.optional() }),
  /** "Thường xuyên", "Hàng tháng" or "Hàng quý" with no day, "Từ quý I/2025": ongoing, no deadline. */
  z.strictObject({
    kind: z.literal("continuous"),
    every: z.enum(["month", "quarter", "year"]).optional(),
    since: z.string().optional(),
  }),
  /** "Theo chỉ đạo", "Theo KH của …", "Khi có thay đổi", "đột xuất khi có yêu cầu": triggered by an event, no date. */
  z.strictObject({ kind: z.literal("event"), trigger: z.string().optional() }),
  /**
   * "02 lần/năm", "6 tháng, 1 năm", "ít nhất 01 lần/năm": a number of times a year. Undated unless
   * the document names the months ("02 lần/năm (tháng 6 và tháng 12)"): then each round is dated.
   */
  z
    .strictObject({
      kind: z.literal("times-per-year"),
      count: z.number().int().min(1).max(366).describe("Số lần mỗi năm"),
      months: z
        .array(Month)
        .min(1)
        .optional()
        .describe(
          "Các tháng văn bản nêu, ví dụ [6, 12]: mỗi tháng một đợt (khi số tháng bằng số lần) hoặc mỗi dãy tháng liền nhau một đợt",
        ),
      atLeast: z.boolean().optional().describe("Văn bản ghi “ít nhất” (số lần là mức tối thiểu)"),
    })
    .superRefine((rule, ctx) => {
      if (rule.months === undefined) return;
      const rounds = timesPerYearRounds(rule.months, rule.count);
      if (rounds === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["months"],
          message: `${rule.count} lần/năm nhưng các tháng [${rule.months.join(", ")}] không chia được thành ${rule.count} đợt: ghi mỗi đợt một tháng, hoặc mỗi đợt một dãy tháng liền nhau`,
        });
    }),
  /**
   * Relative to another event that the plan does not date: "trước một đến hai ngày" (daysBefore),
   * "trong và sau các chiến dịch" (during, daysAfter 0), "sau khi kết thúc 03 ngày" (daysAfter).
   */
  z
    .strictObject({
      kind: z.literal("relative"),
      event: z.string().min(1).describe("Sự việc làm mốc"),
      daysBefore: z
        .array(z.number().int().min(0))
        .min(1)
        .optional()
        .describe("Số ngày trước mốc, ví dụ [1, 2]"),
      daysAfter: z
        .array(z.number().int().min(0))
        .min(1)
        .optional()
        .describe("Số ngày sau mốc, ví dụ [3]; [0] là ngay sau khi kết thúc"),
      during: z.boolean().optional().describe("Trong khi sự việc diễn ra (“trong và sau các chiến dịch”)"),
    })
    .superRefine((rule, ctx) => {
      if (rule.daysBefore === undefined && rule.daysAfter === undefined && rule.during !== true)
        ctx.addIssue({
          code: "custom",
          path: ["daysBefore"],
          message:
            "lịch theo sự việc cần ít nhất một trong: daysBefore (số ngày trước, ví dụ [1, 2]), daysAfter (số ngày sau, ví dụ [3]) hoặc during: true (trong khi diễn ra)",
        });
    }),
  /**
   * "nhân kỷ niệm ngày Dân số thế giới 11/7": an activity held on a fixed day. Reminded before the
   * day; the unit confirms it afterwards, by the end of the N-th working day after it (default 3).
   * A date once, or a month and day every year the plan runs.
   */
  z
    .strictObject({
      kind: z.literal("on-day"),
      date: IsoDate.optional().describe("Ngày diễn ra (một lần), ví dụ 2025-07-11"),
      month: Month.optional().describe("Tháng của ngày diễn ra hằng năm, ví dụ 7"),
      day: DayOfMonth.optional().describe("Ngày của ngày diễn ra hằng năm, ví dụ 11"),
      confirmWithin: z
        .number()
        .int()
        .min(0)
        .max(30)
        .default(3)
        .describe("Số ngày làm việc sau ngày diễn ra để đơn vị xác nhận đã thực hiện (mặc định 3)"),
      ...active,
    })
    .superRefine((rule, ctx) => {
      const yearly = rule.month !== undefined || rule.day !== undefined;
      if (rule.date !== undefined && yearly)
        ctx.addIssue({
          code: "custom",
          path: ["date"],
          message: "ngày diễn ra: ghi date (một lần) hoặc month và day (hằng năm), không ghi cả hai",
        });
      else if (rule.date === undefined && (rule.month === undefined || rule.day === undefined))
        ctx.addIssue({
          code: "custom",
          path: [rule.month === undefined ? "month" : "day"],
          message:
            "ngày diễn ra: ghi date (ví dụ 2025-07-11) hoặc cả month và day (ví dụ month: 7, day: 11 cho ngày 11/7 hằng năm)",
        });
    }),
  /** The document gives no timing: the duty is kept, undated, for the office to complete. */
  z.strictObject({ kind: z.literal("unstated") }),
]);
export type ScheduleRule = z.infer<typeof ScheduleRule>;

/** The phrase a plan file carries for a duty whose document states no timing. */
export const UNSTATED_TIMING = "không ghi thời hạn";

const Email = z.email("địa chỉ email không hợp lệ");
/** Vietnamese numbers in international form: +84 then 9 digits (mobile or landline). */
export const VietnamesePhone = z
  .string()
  .regex(/^\+84[1-9]\d{8}$/, "số điện thoại phải viết dạng quốc tế +84 và 9 chữ số, ví dụ +84912345678");

export const Contacts = z.strictObject({
  person: z.string().optional(),
  emails: z.array(Email).default([]),
  phones: z.array(VietnamesePhone).default([]),
});

export type Contacts = z.infer<typeof Contacts>;

export const UnitKind = z.enum([
  "people-committee",
  "steering-committee",
  "health-office",
  "health-centre",
  "health-station",
  "hospital",
  "social-insurance",
  "department",
  "military",
  "police",
  "association",
  "ward",
  "commune",
  "other",
]);

export const Unit = z.strictObject({
  id: Id,
  name: z.string().min(1),
  kind: UnitKind,
  aliases: z.array(z.string().min(1)).default([]),
  parent: Id.optional(),
  contacts: Contacts.default({ emails: [], phones: [] }),
  /** Units change (wards merge, districts end): who was expected for which period. */
  validFrom: IsoDate.optional(),
  validUntil: IsoDate.optional(),
  origin: Origin.optional(),
});
export type Unit = z.infer<typeof Unit>;

/** A named set of units, so that an obligation can say "UBND các phường" once. */
export const UnitGroup = z.strictObject({
  id: Id,
  name: z.string().min(1),
  members: z.array(Id).min(1),
});

export const ReminderPolicy = z.strictObject({
  /** Days before the last on-time day at which the unit is reminded. */
  daysBefore: z.array(z.number().int().min(0).max(366)).default([7, 3, 1]),
  /** Time of day (Vietnam time) reminders go out. */
  at: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "giờ viết dạng HH:MM")
    .default("08:00"),
  /** Activities: also remind on the day their window opens. */
  onWindowOpen: z.boolean().default(true),
});
export type ReminderPolicy = z.infer<typeof ReminderPolicy>;

export const EscalationPolicy = z.strictObject({
  /** Days after the cut-off before the steering committee is told. */
  graceDays: z.number().int().min(0).max(90).default(2),
  /** Escalate again every N days while units are still missing. */
  repeatEveryDays: z.number().int().min(1).max(90).default(7),
  /** How many escalations at most (the first included). */
  maxEscalations: z.number().int().min(0).max(52).default(4),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

export const FormField = z.strictObject({
  id: Id,
  label: z.string().min(1),
  type: z.enum(["text", "textarea", "number", "percent", "date", "select", "checkbox", "file"]),
  required: z.boolean().default(false),
  help: z.string().optional(),
  options: z.array(z.string().min(1)).optional(),
  maxLength: z.number().int().positive().optional(),
  /** The plan target (targets[].id) whose progress this field reports, for the console's targets page. */
  target: Id.optional().describe("Chỉ tiêu mà trường này báo cáo số liệu"),
  /** A number field that counts things ("Số người…"): whole numbers only. */
  integer: z.boolean().optional().describe("Chỉ nhận số nguyên (trường đếm số lượng: Số người, Số hồ sơ…)"),
});
export type FormField = z.infer<typeof FormField>;

export const Form = z.strictObject({
  fields: z.array(FormField).min(1),
});

export const Deliverable = z.strictObject({
  /** What is owed, e.g. "Kế hoạch của phường", "Báo cáo tiến độ quý". */
  what: z.string().min(1),
  /** The unit it is sent to (defaults to the committee's standing body). */
  to: Id.optional(),
  /** "về Ban Chỉ đạo (qua cơ quan thường trực là Phòng Y tế)": the unit that actually receives it for `to`. */
  via: Id.optional().describe("Gửi qua đơn vị này (ví dụ cơ quan thường trực nhận thay Ban Chỉ đạo)"),
  /** The document does not say where it goes: the standing body receives it until the office decides. */
  unstatedRecipient: z.boolean().optional().describe("Văn bản không ghi nơi nhận"),
  /** The deliverable holds personal health data (lists of people): never quoted in reminders. */
  personalData: z.boolean().default(false),
});

export const Obligation = z.strictObject({
  id: Id.describe("Mã nhiệm vụ, không dấu, duy nhất trong kế hoạch"),
  title: z.string().min(1).describe("Nội dung công việc, như trong văn bản"),
  /** Where in the document this comes from, e.g. "Biểu 1, mục I.1" or "IV.12". */
  source: z.string().min(1).describe("Vị trí trong văn bản, ví dụ: Biểu 1, mục I.1"),
  /** The timing phrase exactly as written; omitted when the document states none. */
  timing: z
    .string()
    .min(1)
    .default(UNSTATED_TIMING)
    .describe("Thời gian thực hiện, ghi đúng như văn bản; bỏ trống nếu văn bản không ghi"),
  schedule: ScheduleRule.default({ kind: "unstated" }).describe(
    "Cách máy hiểu thời hạn (kind: date, monthly, quarterly, months, …)",
  ),
  /**
   * More schedules of the same duty: "trước ngày 25 của tháng cuối quý hoặc đột xuất khi có yêu cầu"
   * is a quarterly schedule and an event one. Dated ones add their own deadlines (each period once
   * per duty), undated ones stay on the plan.
   */
  alsoSchedules: z
    .array(ScheduleRule)
    .min(1)
    .optional()
    .describe(
      "Lịch khác của cùng nhiệm vụ, ví dụ “… hoặc đột xuất khi có yêu cầu”: [{ kind: event, trigger: đột xuất khi có yêu cầu }]",
    ),
  /** "Địa điểm" column of the schedule tables. */
  place: z.string().min(1).optional().describe("Địa điểm thực hiện"),
  /** Lead units (đơn vị chủ trì / tham mưu): unit or group ids; each one owes the obligation. */
  lead: z.array(Id).min(1).describe("Đơn vị chủ trì / tham mưu (mã đơn vị hoặc mã nhóm)"),
  /** Coordinating units (đơn vị phối hợp). */
  coordinating: z.array(Id).default([]).describe("Đơn vị phối hợp"),
  /** Absent for activities; activities still confirm completion with a short report. */
  deliverable: Deliverable.optional().describe(
    "Sản phẩm phải nộp (kế hoạch, danh sách, báo cáo) và nơi nhận; bỏ trống nếu là hoạt động",
  ),
  reminders: ReminderPolicy.optional(),
  escalation: EscalationPolicy.optional(),
  /** A form id from the plan's forms, or the fields inline. */
  form: z
    .union([Id, Form])
    .optional()
    .describe("Biểu mẫu khi nộp: mã trong mục forms, hoặc danh sách trường"),
  /** Whether the Civil Code roll-over applies (overrides the plan default). */
  civilCodeRollover: z
    .boolean()
    .optional()
    .describe("Áp dụng Điều 148 BLDS: hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc tiếp theo"),
  note: z.string().optional(),
  origin: Origin.optional(),
});
export type Obligation = z.infer<typeof Obligation>;

const TargetValue = z.union([z.number(), z.string().min(1)]);

export const Target = z.strictObject({
  id: Id,
  title: z.string().min(1),
  source: z.string().min(1),
  /** The target as written, e.g. "≤ 5,5%", "13/13 phường". */
  asWritten: z.string().min(1),
  comparator: z.enum(["<=", ">=", "=", "<", ">"]).optional(),
  /** The comparison as the document words it: a sign, or "đạt" (reach), "duy trì" (keep). */
  comparatorAsWritten: z
    .enum(["<", "≤", ">", "≥", "=", "đạt", "duy trì", "trên", "dưới", "ít nhất", "tối đa"])
    .optional()
    .describe("So sánh như văn bản ghi: <, ≤, >, ≥, đạt, duy trì…"),
  value: TargetValue.optional(),
  unit: z.string().optional(),
  /** The year the target is for (defaults to the plan's year), or the horizon ("đến năm 2030"). */
  year: Year.optional(),
  /** Units it is assigned to (unit or group ids); empty means the whole issuer. */
  assignedTo: z.array(Id).default([]),
  /** Per-unit values (Biểu 6): unit id → value as written and as a number. */
  perUnit: z
    .array(
      z.strictObject({
        unit: Id,
        asWritten: z.string().min(1),
        value: TargetValue.optional(),
      }),
    )
    .default([]),
  origin: Origin.optional(),
});
export type Target = z.infer<typeof Target>;

/** A plan read by `plan:import`: not yet checked by the office. */
export const Draft = z.strictObject({
  source: z.string().min(1).describe("Tệp văn bản gốc"),
  importedAt: z.string().min(1).describe("Thời điểm máy đọc"),
  review: z
    .array(
      z.strictObject({
        what: z.string().min(1),
        where: z.string().min(1),
        why: z.string().min(1),
      }),
    )
    .default([])
    .describe("Những chỗ máy chưa đọc được hoặc chưa chắc: cần người kiểm tra"),
});
export type Draft = z.infer<typeof Draft>;

export const PlanLevel = z.enum(["city", "province", "district", "commune", "ward"]);

export const PlanFile = z
  .strictObject({
    id: Id,
    title: z.string().min(1),
    issuer: z.strictObject({
      name: z.string().min(1),
      level: PlanLevel,
      /** The unit in `units` that stands for the issuing People's Committee. */
      unit: Id,
      province: z.string().optional(),
    }),
    /** The plan number as written, e.g. "379/KH-UBND"; blank numbers stay as in the draft ("…/KH-UBND"). */
    number: z.string().min(1),
    /** Date of issue; a month or year alone when the document leaves the day blank. */
    issuedOn: z.union([IsoDate, YearMonth, z.string().regex(/^\d{4}$/)]),
    year: Year,
    /** Last year the plan runs, for multi-year plans (e.g. 2030). */
    untilYear: Year.optional(),
    steeringCommittee: z.strictObject({
      unit: Id,
      /** The committee's standing body (cơ quan thường trực), which receives reports for it. */
      standingBody: Id,
    }),
    /** The body that oversees this plan's issuer (e.g. Sở Y tế over its communes): its viewers read the plan. */
    oversight: z
      .strictObject({ id: Id, name: z.string().min(1) })
      .optional()
      .describe("Cơ quan theo dõi kế hoạch, ví dụ Sở Y tế tỉnh/thành phố"),
    /** Opt into the Civil Code 2015 Art. 148(5) roll-over to the next working day. */
    civilCodeRollover: z.boolean().default(false).describe("Áp dụng Điều 148 BLDS cho mọi hạn của kế hoạch"),
    defaults: z
      .strictObject({
        reminders: ReminderPolicy.default(ReminderPolicy.parse({})),
        escalation: EscalationPolicy.default(EscalationPolicy.parse({})),
        deliverableForm: Id.optional(),
        activityForm: Id.optional(),
      })
      .default({
        reminders: ReminderPolicy.parse({}),
        escalation: EscalationPolicy.parse({}),
      }),
    units: z.array(Unit).min(1).describe("Các đơn vị (cơ quan, phường/xã, hội…)"),
    groups: z.array(UnitGroup).default([]).describe("Nhóm đơn vị, ví dụ UBND các phường"),
    forms: z.record(Id, Form).default({}),
    obligations: z.array(Obligation).default([]).describe("Các nhiệm vụ có (hoặc không có) thời hạn"),
    targets: z.array(Target).default([]).describe("Các chỉ tiêu"),
    draft: Draft.optional().describe("Bản nháp do máy đọc văn bản: cần rà soát trước khi dùng"),
  })
  .superRefine((plan, ctx) => {
    const unitIds = new Set(plan.units.map((u) => u.id));
    const groupIds = new Set(plan.groups.map((g) => g.id));
    const formIds = new Set(Object.keys(plan.forms));

    const duplicates = (ids: string[], path: (string | number)[], what: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id))
          ctx.addIssue({ code: "custom", path: [...path, i, "id"], message: `${what} "${id}" bị trùng` });
        seen.add(id);
      });
    };
    duplicates([...plan.units.map((u) => u.id)], ["units"], "mã đơn vị");
    duplicates(
      plan.groups.map((g) => g.id),
      ["groups"],
      "mã nhóm",
    );
    duplicates(
      plan.obligations.map((o) => o.id),
      ["obligations"],
      "mã nhiệm vụ",
    );
    duplicates(
      plan.targets.map((t) => t.id),
      ["targets"],
      "mã chỉ tiêu",
    );
    plan.groups.forEach((g, i) => {
      if (unitIds.has(g.id))
        ctx.addIssue({
          code: "custom",
          path: ["groups", i, "id"],
          message: `mã nhóm "${g.id}" trùng với một mã đơn vị`,
        });
    });

    const unit = (id: string, path: (string | number)[]) => {
      if (!unitIds.has(id))
        ctx.addIssue({
          code: "custom",
          path,
          message: `không có đơn vị nào mang mã "${id}" trong mục units`,
        });
    };
    const unitOrGroup = (id: string, path: (string | number)[]) => {
      if (!unitIds.has(id) && !groupIds.has(id))
        ctx.addIssue({ code: "custom", path, message: `không có đơn vị hay nhóm nào mang mã "${id}"` });
    };
    const form = (id: string | undefined, path: (string | number)[]) => {
      if (id !== undefined && !formIds.has(id))
        ctx.addIssue({ code: "custom", path, message: `không có biểu mẫu "${id}" trong mục forms` });
    };

    unit(plan.issuer.unit, ["issuer", "unit"]);
    unit(plan.steeringCommittee.unit, ["steeringCommittee", "unit"]);
    unit(plan.steeringCommittee.standingBody, ["steeringCommittee", "standingBody"]);
    form(plan.defaults.deliverableForm, ["defaults", "deliverableForm"]);
    form(plan.defaults.activityForm, ["defaults", "activityForm"]);
    plan.units.forEach((u, i) => {
      if (u.parent !== undefined) unit(u.parent, ["units", i, "parent"]);
    });
    plan.groups.forEach((g, i) => {
      g.members.forEach((m, j) => {
        unit(m, ["groups", i, "members", j]);
      });
    });
    plan.obligations.forEach((o, i) => {
      o.lead.forEach((id, j) => {
        unitOrGroup(id, ["obligations", i, "lead", j]);
      });
      o.coordinating.forEach((id, j) => {
        unitOrGroup(id, ["obligations", i, "coordinating", j]);
      });
      if (o.deliverable?.to !== undefined) unit(o.deliverable.to, ["obligations", i, "deliverable", "to"]);
      if (o.deliverable?.via !== undefined) unit(o.deliverable.via, ["obligations", i, "deliverable", "via"]);
      if (typeof o.form === "string") form(o.form, ["obligations", i, "form"]);
      samePeriods(o, plan.year, plan.untilYear ?? plan.year).forEach((clash) => {
        ctx.addIssue({
          code: "custom",
          path: ["obligations", i, "alsoSchedules", clash.index - 1],
          message: `lịch thứ ${clash.index + 1} của nhiệm vụ "${o.id}" ra cùng kỳ ${clash.period} với một lịch trước nó: mỗi kỳ chỉ một hạn cho một nhiệm vụ, tách thành nhiệm vụ riêng (mã khác)`,
        });
      });
    });
    // A form field that reports on a target names one the plan has, and gives a number to compare.
    const targets = new Map(plan.targets.map((t) => [t.id, t]));
    const fieldTargets = (fields: readonly FormField[], path: (string | number)[]) => {
      fields.forEach((f, k) => {
        if (f.target === undefined) return;
        if (!targets.has(f.target))
          ctx.addIssue({
            code: "custom",
            path: [...path, k, "target"],
            message: `không có chỉ tiêu nào mang mã "${f.target}" trong mục targets`,
          });
        else if (f.type !== "number" && f.type !== "percent")
          ctx.addIssue({
            code: "custom",
            path: [...path, k, "type"],
            message: `trường "${f.id}" báo cáo chỉ tiêu "${f.target}" nên phải là số (type: number hoặc percent)`,
          });
      });
    };
    for (const [id, f] of Object.entries(plan.forms)) fieldTargets(f.fields, ["forms", id, "fields"]);
    plan.obligations.forEach((o, i) => {
      if (typeof o.form === "object") fieldTargets(o.form.fields, ["obligations", i, "form", "fields"]);
    });
    plan.targets.forEach((t, i) => {
      t.assignedTo.forEach((id, j) => {
        unitOrGroup(id, ["targets", i, "assignedTo", j]);
      });
      t.perUnit.forEach((p, j) => {
        unit(p.unit, ["targets", i, "perUnit", j, "unit"]);
      });
    });
  });

export type PlanFile = z.infer<typeof PlanFile>;

/** The schedules of a duty: its main one first, then the others ("… hoặc đột xuất"). */
export function schedulesOf(o: Pick<Obligation, "schedule" | "alsoSchedules">): ScheduleRule[] {
  return [o.schedule, ...(o.alsoSchedules ?? [])];
}

/**
 * Periods that two schedules of one duty both produce: deadline ids are "plan:duty:period", so each
 * period may come from one schedule only. `index` is the schedule's place (0 = the main one).
 */
function samePeriods(
  o: Pick<Obligation, "schedule" | "alsoSchedules">,
  fromYear: number,
  toYear: number,
): Array<{ index: number; period: string }> {
  if (o.alsoSchedules === undefined) return [];
  const seen = new Set<string>();
  const clashes: Array<{ index: number; period: string }> = [];
  schedulesOf(o).forEach((rule, index) => {
    const mine = new Set<string>();
    for (let year = fromYear; year <= toYear; year++)
      for (const occ of occurrences(rule, year)) mine.add(occ.period);
    for (const period of mine) {
      if (seen.has(period)) clashes.push({ index, period });
      seen.add(period);
    }
  });
  return clashes;
}
export type PlanFileInput = z.input<typeof PlanFile>;
