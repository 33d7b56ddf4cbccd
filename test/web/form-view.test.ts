import { describe, expect, it } from "vitest";
import type { FormField } from "../../shared/plan/schema";
import {
  deadlineView,
  deadlineViewAfter,
  displayValue,
  type ExpectationFacts,
  fileSize,
} from "../../shared/web/form-view";
import { type AuthorityView, formPage, receiptPage } from "../../shared/web/pages";
import { elements, text } from "./console-html";

const form: FormField[] = [
  { id: "so-luot", label: "Số lượt", type: "number", required: true },
  { id: "dat", label: "Đạt", type: "checkbox", required: false },
  { id: "tep", label: "Tệp", type: "file", required: false },
];

const expectation: ExpectationFacts = {
  title: "Báo cáo quý",
  unitName: "UBND phường Bồ Đề",
  period: "2025-Q1",
  timing: "trước ngày 25 của tháng cuối quý",
  dueAt: "2025-03-25T00:00:00+07:00",
  kind: "deliverable",
  state: "overdue",
  status: "overdue",
  personalData: false,
  form,
};

describe("a submitted value on the receipt", () => {
  it("reads numbers, yes/no and empty values in Vietnamese", () => {
    expect(displayValue(form[0] as FormField, 12345.5, [])).toBe((12345.5).toLocaleString("vi-VN"));
    expect(displayValue(form[0] as FormField, 12345.5, [])).not.toBe("12345.5");
    expect(displayValue(form[1] as FormField, true, [])).toBe("Có");
    expect(displayValue(form[1] as FormField, false, [])).toBe("Không");
    expect(displayValue(form[0] as FormField, undefined, [])).toBe("—");
    expect(displayValue(form[2] as FormField, [], [])).toBe("—");
  });

  it("names files by kind and size, never by key, and only the field's own", () => {
    const attachments = [
      { field: "tep", kind: "pdf" as const, size: 2048, key: "uploads/x/secret-key" },
      { field: "khac", kind: "png" as const, size: 10, key: "uploads/y" },
      { field: "tep", kind: "open-document-or-office-xml" as const, size: 3 * 1024 * 1024 },
    ];
    const text = displayValue(form[2] as FormField, ["uploads/x/secret-key"], attachments);
    expect(text).toBe(
      `1. Tệp PDF, ${fileSize(2048)}; 2. Tệp Word/Excel/OpenDocument, ${fileSize(3 * 1024 * 1024)}`,
    );
    const named = [{ field: "tep", kind: "pdf" as const, size: 2048, fileName: "Báo cáo quý I.pdf" }];
    expect(displayValue(form[2] as FormField, ["uploads/x/secret-key"], named)).toBe(
      `Báo cáo quý I.pdf (${fileSize(2048)})`,
    );
    expect(text).not.toContain("secret-key");
  });

  it("gives sizes in byte, KB and MB with a Vietnamese decimal comma", () => {
    expect(fileSize(512)).toBe("512 byte");
    expect(fileSize(1536)).toBe("1,5 KB");
    expect(fileSize(2.25 * 1024 * 1024)).toBe("2,3 MB");
  });
});

describe("the deadline card right after a submission", () => {
  it("says submitted, late by the first version, with the new version listed", () => {
    const earlier = { receipt: "A1", submittedAt: "2025-03-26T01:00:00.000Z", late: true, lateDays: 2 };
    const stored = { receipt: "B2", submittedAt: "2025-03-27T01:00:00.000Z", late: true, lateDays: 3 };
    const view = deadlineViewAfter(expectation, [earlier], stored);
    expect(view.status).toBe("submitted");
    expect(view.late).toBe(true);
    expect(view.lateDays).toBe(2);
    expect(view.versions.map((v) => v.receipt)).toEqual(["A1", "B2"]);
  });

  it("lists a repeated submission (same receipt) once, and an on-time first version as on time", () => {
    const stored = { receipt: "A1", submittedAt: "2025-03-20T01:00:00.000Z", late: false, lateDays: 0 };
    const view = deadlineViewAfter(
      { ...expectation, state: "expected", status: "pending" },
      [stored],
      stored,
    );
    expect(view.versions).toHaveLength(1);
    expect(view.status).toBe("submitted");
    expect(view.late).toBe(false);
  });
});

const authority: AuthorityView = {
  issuerName: "UBND phường Thử Nghiệm",
  standingBodyName: "Trạm Y tế",
  planNumber: "2/KH-UBND",
  planIssuedOn: "2026-01-05",
  planTitle: "Kế hoạch thử nghiệm các cụm từ thời gian",
};

/** "nhân kỷ niệm ngày Dân số thế giới 11/7": Saturday 11/07/2026, confirmed by the third working day after. */
const held: ExpectationFacts = {
  title: "Truyền thông nhân kỷ niệm ngày Dân số thế giới",
  unitName: "UBND phường Thử Nghiệm",
  period: "2026",
  timing: "nhân kỷ niệm ngày Dân số thế giới 11/7",
  dueAt: "2026-07-16T00:00:00+07:00",
  kind: "activity",
  heldOn: "2026-07-11",
  state: "expected",
  status: "pending",
  personalData: false,
  form: [{ id: "ket-qua", label: "Kết quả thực hiện", type: "textarea", required: true }],
};

const formOf = (facts: ExpectationFacts, today: string, versions: Parameters<typeof deadlineView>[1] = []) =>
  formPage({
    deadline: { ...deadlineView(facts, versions, today), authority },
    action: "https://example.org/f/v1.k1.x.y",
    idempotencyKey: "k-1",
  });
/** The card's facts: each <dt> with its <dd>, in order. */
const facts = (page: string) => {
  const dl = elements(page, "dl")[0]?.html ?? "";
  const dds = elements(dl, "dd").map((d) => text(d.html));
  return elements(dl, "dt").map((d, i) => [text(d.html), dds[i]]);
};
const lead = (page: string) => text(elements(page, "p").find((p) => p.attrs.class === "lead")?.html ?? "");
const button = (page: string) => text(elements(page, "button").at(-1)?.html ?? "");

describe("the form of an activity held on a fixed day", () => {
  it("gives the day it takes place and the last moment to confirm it, never a “hạn chót”", () => {
    const page = formOf(held, "2026-07-08");
    expect(facts(page)).toEqual([
      ["Đơn vị", "UBND phường Thử Nghiệm"],
      ["Kỳ", "năm 2026"],
      ["Thời hạn theo kế hoạch", "nhân kỷ niệm ngày Dân số thế giới 11/7"],
      ["Ngày diễn ra", "thứ Bảy 11/07/2026"],
      ["Xác nhận trước", "23:59 thứ Tư 15/07/2026"],
      ["Tình trạng", "chưa xác nhận"],
    ]);
    expect(text(page).toLowerCase()).not.toContain("hạn chót");
  });

  it("is worded as a confirmation: its title, its opening sentence and its button", () => {
    const page = formOf(held, "2026-07-08");
    expect(text(elements(page, "title")[0]?.html ?? "")).toBe(
      "Xác nhận: Truyền thông nhân kỷ niệm ngày Dân số thế giới",
    );
    expect(lead(page)).toBe(
      "Hoạt động này diễn ra thứ Bảy 11/07/2026 (còn 3 ngày). Sau khi thực hiện, đơn vị xác nhận kết quả qua biểu mẫu dưới đây.",
    );
    expect(button(page)).toBe("Gửi xác nhận");
    expect(text(page)).not.toContain("Nộp báo cáo");
    expect(text(page)).toContain("Xác nhận thực hiện");
  });

  it("says it takes place today on the day, and asks to confirm it once it took place", () => {
    expect(lead(formOf(held, "2026-07-11"))).toBe(
      "Hoạt động này diễn ra hôm nay, thứ Bảy 11/07/2026. Sau khi thực hiện, đơn vị xác nhận kết quả qua biểu mẫu dưới đây.",
    );
    expect(lead(formOf(held, "2026-07-13"))).toBe(
      "Hoạt động này đã diễn ra thứ Bảy 11/07/2026. Đề nghị đơn vị xác nhận kết quả thực hiện qua biểu mẫu dưới đây.",
    );
    const overdue = formOf({ ...held, state: "overdue", status: "overdue" }, "2026-07-17");
    expect(facts(overdue).at(-1)).toEqual(["Tình trạng", "quá hạn, chưa xác nhận"]);
  });

  it("once confirmed, lists the confirmations and offers an updated one", () => {
    const v = {
      receipt: "HC-AAAAA-BBBBB",
      submittedAt: "2026-07-13T02:00:00.000Z",
      late: false,
      lateDays: 0,
    };
    const page = formOf({ ...held, status: "submitted", late: false, lateDays: 0 }, "2026-07-13", [v]);
    expect(lead(page)).toBe(
      "Hoạt động này đã diễn ra thứ Bảy 11/07/2026; đơn vị đã xác nhận. Khi cần sửa, gửi xác nhận cập nhật qua biểu mẫu dưới đây.",
    );
    expect(facts(page).at(-1)).toEqual(["Tình trạng", "đã xác nhận đúng hạn"]);
    expect(button(page)).toBe("Gửi xác nhận cập nhật");
    expect(text(elements(page, "h2").at(-1)?.html ?? "")).toBe("Các lần đã xác nhận");
  });

  it("has a receipt that says a confirmation was received, late by how many days, with the day held", () => {
    const stored = {
      receipt: "HC-CCCCC-DDDDD",
      submittedAt: "2026-07-17T02:00:00.000Z",
      late: true,
      lateDays: 2,
    };
    const page = receiptPage({
      deadline: { ...deadlineViewAfter(held, [], stored, "2026-07-17"), authority },
      receipt: stored.receipt,
      submittedAt: stored.submittedAt,
      late: true,
      lateDays: 2,
      duplicate: false,
      formUrl: "https://example.org/f/v1.k1.x.y",
      submitterName: "Phạm Thu Hà",
      fields: [{ label: "Kết quả thực hiện", value: "Đã treo băng rôn, phát tờ rơi" }],
    });
    expect(text(elements(page, "title")[0]?.html ?? "")).toBe("Đã nhận xác nhận");
    expect(text(elements(page, "h1")[0]?.html ?? "")).toBe("Đã nhận xác nhận");
    expect(text(page)).toContain("xác nhận muộn 2 ngày");
    expect(facts(page)).toContainEqual(["Ngày diễn ra", "thứ Bảy 11/07/2026"]);
    expect(facts(page)).toContainEqual(["Xác nhận trước", "23:59 thứ Tư 15/07/2026"]);
    expect(facts(page)).toContainEqual(["Tình trạng", "xác nhận muộn 2 ngày"]);
    expect(text(elements(page, "h2")[0]?.html ?? "")).toBe("Nội dung đã xác nhận");
    expect(text(elements(page, "a").at(-1)?.html ?? "")).toBe("Gửi xác nhận cập nhật");
    expect(text(page).toLowerCase()).not.toContain("hạn chót");
    expect(text(page)).not.toContain("báo cáo");
    const again = receiptPage({
      deadline: { ...deadlineViewAfter(held, [stored], stored, "2026-07-17"), authority },
      receipt: stored.receipt,
      submittedAt: stored.submittedAt,
      late: true,
      lateDays: 2,
      duplicate: true,
      formUrl: "https://example.org/f/v1.k1.x.y",
      submitterName: "Phạm Thu Hà",
      fields: [],
    });
    expect(text(elements(again, "h1")[0]?.html ?? "")).toBe("Xác nhận này đã được nhận trước đó");
  });
});

describe("the form of a report whose figures are not its period's calendar span", () => {
  /** Decree 09/2019: the first quarter's figures run from 15/12 of the year before to 14/03. */
  const quarterly: ExpectationFacts = {
    ...expectation,
    period: "2026-Q1",
    dueAt: "2026-03-15T00:00:00+07:00",
    state: "expected",
    status: "pending",
    covers: { from: "2025-12-15", to: "2026-03-14" },
  };

  it("says which figures it covers, after the period; still a report with a “Hạn chót”", () => {
    const page = formOf(quarterly, "2026-03-02");
    const rows = facts(page);
    expect(rows.slice(0, 3)).toEqual([
      ["Đơn vị", "UBND phường Bồ Đề"],
      ["Kỳ", "quý I/2026"],
      ["Số liệu", "từ 15/12/2025 đến 14/03/2026"],
    ]);
    expect(rows).toContainEqual(["Hạn chót", "23:59 thứ Bảy 14/03/2026"]);
    expect(rows.map(([dt]) => dt)).not.toContain("Ngày diễn ra");
    expect(lead(page)).toBe("");
    expect(button(page)).toBe("Nộp báo cáo");
  });

  it("leaves the row out when the figures are the period's own span", () => {
    const page = formOf({ ...quarterly, covers: { from: "2026-01-01", to: "2026-03-31" } }, "2026-03-02");
    expect(facts(page).map(([dt]) => dt)).not.toContain("Số liệu");
  });
});
