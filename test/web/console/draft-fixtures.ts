/**
 * View models of plan intake for the console's pages: the draft of Long Biên's 2025 plan as the
 * reader would make it from the document (shared/seeds/long-bien-2025-primary-health-care-plan.txt,
 * plans/long-bien-2025.yaml): rows read surely, rows it is unsure of, one it could not read, one a
 * person has confirmed, one without a lead (plan:check's problem), units without contacts, review
 * items that belong to no row. With `hostile`, text from the document or a clerk ("<script>…")
 * is put into titles, names, reasons and problems, for the escaping tests.
 */
import { atVietnamTime, toVietnamIso } from "../../../shared/calendar/civil-date";
import { deadlineWords } from "../../../shared/calendar/deadline-text";
import { periodText } from "../../../shared/calendar/period-text";
import type {
  DraftDate,
  DraftRow,
  DraftSummary,
  DraftsView,
  DraftUnitRow,
  DraftView,
  TimingPreview,
} from "../../../shared/console/model";
import { HOSTILE } from "../console-fixtures";

export { HOSTILE };

const at = (date: string, hhmm = "00:00") => toVietnamIso(atVietnamTime(date, hhmm));

/** A date as the draft's reader gives it: late from 00:00 of `lateFrom`. */
export function draftDate(period: string, lateFrom: string): DraftDate {
  const dueAt = at(lateFrom);
  return { period, periodText: periodText(period), dueAt, dueText: `hạn chót: ${deadlineWords(dueAt).at}` };
}

const pad = (n: number) => String(n).padStart(2, "0");
/** "Trước ngày 05 hàng tháng" (the month after the one reported on): twelve dates. */
const monthly = (year: number, day: number) =>
  Array.from({ length: 12 }, (_, i) => {
    const next = i === 11 ? `${year + 1}-01` : `${year}-${pad(i + 2)}`;
    return draftDate(`${year}-${pad(i + 1)}`, `${next}-${pad(day)}`);
  });
/** "Tháng cuối quý": done by the end of each quarter's last month. */
const quarterEnds = (year: number) =>
  [1, 2, 3, 4].map((q) =>
    draftDate(`${year}-Q${q}`, q === 4 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 1)}-01`),
  );

const unit = (
  id: string,
  name: string,
  kind: string,
  contacts: Partial<DraftUnitRow["contacts"]> = {},
  unreachable = false,
): DraftUnitRow => ({
  id,
  name,
  kind,
  contacts: { emails: [], phones: [], ...contacts },
  unreachable,
});

export const DRAFT_ID = "d-2025-01-long-bien";
export const PLAN_ID = "long-bien-2025";

export interface DraftFixtures {
  drafts: DraftsView;
  /** With a problem (a row without a lead): publishing refused. */
  draft: DraftView;
  /** The same draft once the lead is set: no problem, publishable. */
  ready: DraftView;
  /** The row the reader could not read. */
  unread: DraftRow;
  /** A row the reader is sure of. */
  sure: DraftRow;
  /** What the server answers when a correction is refused. */
  problem: { fields: Record<string, string>; values: Record<string, string> };
  preview: TimingPreview;
}

export function draftFixtures(options: { hostile?: boolean } = {}): DraftFixtures {
  const h = (text: string) => (options.hostile ? `${HOSTILE} ${text}` : text);
  const units: DraftUnitRow[] = [
    unit("pyt", h("Phòng Y tế quận Long Biên"), "health-office", {
      person: "Nguyễn Thị Hoa",
      emails: ["pyt@longbien.example.org"],
      phones: ["+84900000003"],
    }),
    unit("ttyt", "Trung tâm Y tế quận Long Biên", "health-centre", {
      emails: ["ttyt@longbien.example.org"],
      phones: ["+84900000004"],
    }),
    unit("bhxh", "Bảo hiểm xã hội quận Long Biên", "social-insurance", {
      emails: ["bhxh@longbien.example.org"],
    }),
    unit("phong-gddt", "Phòng Giáo dục và Đào tạo quận Long Biên", "department", {
      phones: ["+84900000006"],
    }),
    unit("hoi-nguoi-cao-tuoi", "Hội Người cao tuổi quận Long Biên", "association", {}, true),
    unit("p-bo-de", "UBND phường Bồ Đề", "people-committee", {
      person: "Trần Văn Minh",
      emails: ["p-bo-de@longbien.example.org"],
      phones: ["+84900000021"],
    }),
    unit("p-phuc-loi", "UBND phường Phúc Lợi", "people-committee", {}, true),
    unit("phong-vhtt", "Phòng Văn hóa và Thông tin quận Long Biên", "department"),
  ];
  const ref = (id: string) => {
    const u = units.find((x) => x.id === id);
    if (!u) throw new Error(`no unit ${id} in the fixtures`);
    return { id: u.id, name: u.name };
  };
  const sure: DraftRow = {
    obligationId: "xay-dung-ke-hoach",
    title: h("Xây dựng và triển khai KH thực hiện chỉ tiêu y tế và CSSKBĐ năm 2025"),
    source: "Biểu 1, I.1",
    timing: "Trước 15/01",
    ruleWords: "một lần, trước ngày 15/1/2025",
    ruleKind: "date",
    dates: [draftDate("2025", "2025-01-15")],
    lead: [ref("pyt")],
    coordinating: [ref("ttyt")],
    recipient: "Ban Chỉ đạo (qua Phòng Y tế)",
    certainty: 0.96,
    review: [],
  };
  const unread: DraftRow = {
    obligationId: "hoat-dong-y-te-truong-hoc",
    title: "Triển khai các hoạt động y tế tại cơ sở giáo dục",
    source: "Biểu 1, V.3",
    timing: "Theo KH y tế trường học năm học 2024 – 2025, 2025 - 2026",
    ruleKind: "unstated",
    dates: [],
    lead: [ref("phong-gddt")],
    coordinating: [ref("ttyt"), ref("pyt")],
    certainty: 0.3,
    review: [h("Thời gian dẫn chiếu một kế hoạch khác: máy không tính được ngày, cần ghi rõ tháng.")],
  };
  const noLead: DraftRow = {
    obligationId: "kham-suc-khoe-nguoi-cao-tuoi",
    title: "Tổ chức khám sức khỏe định kỳ cho người cao tuổi",
    source: "Biểu 1, II.3, ý 5",
    timing: "Tháng 3,4,5,6,7",
    ruleWords: "làm trong tháng 3–7",
    ruleKind: "months",
    dates: [3, 4, 5, 6, 7].map((m) => draftDate(`2025-${pad(m)}`, `2025-${pad(m + 1)}-01`)),
    lead: [],
    coordinating: [ref("ttyt"), ref("pyt")],
    certainty: 0.52,
    review: ["Cột “Đơn vị chủ trì” ghi “Các phường”: chưa rõ những phường nào."],
  };
  const rows: DraftRow[] = [
    sure,
    {
      obligationId: "hop-ban-chi-dao",
      title: "Họp Ban Chỉ đạo quận",
      source: "Biểu 1, I.4",
      timing: "Tháng cuối quý và đột xuất",
      ruleWords: "hằng quý, trong tháng cuối quý",
      ruleKind: "quarter-last-month",
      dates: quarterEnds(2025),
      lead: [ref("pyt")],
      coordinating: [ref("ttyt"), ref("bhxh"), ref("phong-gddt")],
      place: "Hội trường UBND quận",
      certainty: 0.74,
      review: ["“và đột xuất” không có ngày: chỉ các cuộc họp cuối quý được nhắc."],
    },
    {
      obligationId: "kiem-tra-danh-gia",
      title: "Tổ chức kiểm tra, đánh giá kết quả thực hiện",
      source: "Biểu 1, I.5",
      timing: "Tháng 6, 11-12",
      ruleWords: "làm trong tháng 6, 11–12",
      ruleKind: "months",
      dates: [
        draftDate("2025-06", "2025-07-01"),
        draftDate("2025-11", "2025-12-01"),
        draftDate("2025-12", "2026-01-01"),
      ],
      lead: [ref("pyt")],
      coordinating: [ref("ttyt")],
      certainty: 0.91,
      review: [],
    },
    {
      obligationId: "bao-cao-thang-ttyt",
      title: "Báo cáo kết quả triển khai các chương trình, hoạt động y tế",
      source: "Biểu 1, II.4",
      timing: "Trước ngày 05 hàng tháng",
      ruleWords: "hằng tháng, trước ngày 5 của tháng sau tháng báo cáo",
      ruleKind: "monthly",
      dates: monthly(2025, 5),
      lead: [ref("ttyt")],
      coordinating: [],
      recipient: "Phòng Y tế",
      certainty: 0.88,
      review: [],
    },
    noLead,
    unread,
    {
      obligationId: "thi-dua-truong-hoc",
      title:
        "Đưa kết quả thực hiện công tác y tế vào tiêu chí đánh giá thi đua của các trường học trong năm học",
      source: "Biểu 1, V.2",
      timing: "Tháng 9",
      ruleWords: "xong trong tháng 9/2025 (hết ngày cuối tháng)",
      ruleKind: "month-end",
      dates: [draftDate("2025-09", "2025-10-01")],
      lead: [ref("phong-gddt")],
      coordinating: [ref("pyt")],
      recipient: "Phòng Y tế",
      review: [],
    },
    {
      obligationId: "tuyen-truyen-nguoi-cao-tuoi",
      title: "Tổ chức các hoạt động tuyên truyền giáo dục sức khỏe cho người cao tuổi",
      source: "Biểu 1, II.3, ý 2",
      timing: "Thường xuyên",
      ruleWords: "thường xuyên, không có hạn (báo cáo hằng quý)",
      ruleKind: "continuous",
      dates: [],
      lead: [ref("p-bo-de"), ref("p-phuc-loi")],
      coordinating: [ref("hoi-nguoi-cao-tuoi"), ref("ttyt")],
      certainty: 0.86,
      review: [],
    },
  ];
  const toReview = rows.filter((r) => r.certainty !== undefined && r.review.length > 0).length;
  const summary: DraftSummary = {
    draftId: DRAFT_ID,
    planId: PLAN_ID,
    title: h(
      "Kế hoạch thực hiện chỉ tiêu y tế và chăm sóc sức khỏe ban đầu cho nhân dân trên địa bàn quận Long Biên năm 2025",
    ),
    year: 2025,
    origin: "document",
    source: h("KH-CSSKBD-Long-Bien-2025.docx"),
    createdAt: at("2025-01-08", "09:12"),
    createdBy: "chuyenvien.pyt@longbien.example.org",
    updatedAt: at("2025-01-09", "15:40"),
    obligations: rows.length,
    dated: rows.filter((r) => r.dates.length > 0).length,
    toReview,
    problems: 1,
    amends: true,
  };
  const problems = [
    h(
      "Biểu 1, II.3, ý 5: nhiệm vụ “Tổ chức khám sức khỏe định kỳ cho người cao tuổi” chưa có đơn vị chủ trì — chọn ít nhất một đơn vị.",
    ),
  ];
  const draft: DraftView = {
    summary,
    issuer: h("UBND quận Long Biên"),
    number: "…/KH-UBND",
    issuedOn: "2025-01",
    rows,
    review: [
      {
        what: "Hội Người cao tuổi quận",
        where: "Biểu 1, II.3, ý 1",
        why: "Tên đơn vị chưa có trong danh sách: đã thêm thành đơn vị mới, cần bổ sung liên hệ.",
      },
      {
        what: h("Tỷ lệ người dân được lập hồ sơ quản lý sức khỏe ≥ 95%"),
        where: "Biểu 2, dòng 4",
        why: "Chỉ tiêu chưa gắn với báo cáo nào: không ai được hỏi số liệu này.",
      },
    ],
    units,
    targets: [
      {
        id: "bao-phu-bhyt",
        title: "Tỷ lệ bao phủ BHYT",
        asWritten: "Đạt 93,5% dân số tham gia BHYT",
        source: "Biểu 2, dòng 1",
      },
    ],
    problems,
    comparison: { same: 31, added: 6, removed: 2 },
  };
  const fixedNoLead: DraftRow = { ...noLead, lead: [ref("p-bo-de")], certainty: undefined, review: [] };
  const ready: DraftView = {
    ...draft,
    summary: { ...summary, problems: 0, toReview: toReview - 1 },
    rows: rows.map((r) => (r === noLead ? fixedNoLead : r)),
    problems: [],
  };
  const drafts: DraftsView = {
    drafts: [
      summary,
      {
        draftId: "d-2026-long-bien",
        planId: "long-bien-2026",
        title:
          "Kế hoạch thực hiện chỉ tiêu y tế và chăm sóc sức khỏe ban đầu cho nhân dân trên địa bàn quận Long Biên năm 2026",
        year: 2026,
        origin: "plan",
        source: "long-bien-2025",
        createdAt: at("2025-12-02", "08:30"),
        createdBy: "chuyenvien.pyt@longbien.example.org",
        updatedAt: at("2025-12-02", "08:30"),
        obligations: 46,
        dated: 41,
        toReview: 0,
        problems: 0,
        amends: false,
      },
    ],
    plans: [
      { planId: PLAN_ID, title: "Kế hoạch CSSKBĐ quận Long Biên", year: 2025, published: true },
      { planId: "long-bien-2026", year: 2026, published: false },
    ],
    templates: [
      {
        id: "ke-hoach-csskbd-phuong",
        title: "Kế hoạch CSSKBĐ cấp phường",
        description:
          "Các nhiệm vụ thường gặp của kế hoạch chăm sóc sức khỏe ban đầu của một phường: họp BCĐ, báo cáo quý, kiểm tra cuối năm.",
      },
      {
        id: "nghi-quyet-72",
        title: "Kế hoạch thực hiện Nghị quyết 72-NQ/TW cấp xã",
        description: "Theo mẫu kế hoạch của UBND xã Hưng Đạo năm 2026: lộ trình đến năm 2030.",
      },
    ],
    maxDocumentBytes: 10 * 1024 * 1024,
  };
  const problem = {
    fields: {
      timing: h("Chưa đọc được thời hạn này: hãy ghi rõ tháng hoặc ngày."),
      lead: "Chọn ít nhất một đơn vị chủ trì.",
    },
    values: {
      title: unread.title,
      timing: h("Theo KH của trường"),
      lead: "",
      coordinating: "ttyt,pyt",
      recipient: "",
      place: "",
    },
  };
  const preview: TimingPreview = {
    timing: "Trước ngày 25 của tháng cuối quý",
    ruleKind: "quarterly",
    ruleWords: "hằng quý, trước ngày 25 của tháng cuối quý",
    dates: [1, 2, 3, 4].map((q) => draftDate(`2025-Q${q}`, `2025-${pad(q * 3)}-25`)),
  };
  return { drafts, draft, ready, unread, sure, problem, preview };
}
