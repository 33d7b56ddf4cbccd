import { describe, expect, it } from "vitest";
import type { FormField } from "../../shared/plan/schema";
import { deadlineViewAfter, displayValue, type ExpectationFacts, fileSize } from "../../shared/web/form-view";

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
