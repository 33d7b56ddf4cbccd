/**
 * What the web form and its receipt show of a deadline, from the stored facts (pure): the deadline
 * card, the status right after a submission, and a submitted value in Vietnamese.
 */
import type { FormField } from "../plan/schema";
import type { AttachmentKind } from "../submission/attachments";
import { deriveStatus, type ExpectationState } from "../submission/derive";
import type { ExpectationStatus } from "../submission/status";
import type { DeadlineView } from "./pages";

/** The unit's expectation as stored (the fields the page shows, and those its status is derived from). */
export interface ExpectationFacts {
  title: string;
  unitName: string;
  period: string;
  timing: string;
  dueAt: string;
  kind: "deliverable" | "activity";
  /** An activity held on a fixed day (YYYY-MM-DD): `dueAt` is then the last moment to confirm it. */
  heldOn?: string | undefined;
  /** The figures the report covers (YYYY-MM-DD), when the plan says. */
  covers?: { from: string; to: string } | undefined;
  state: ExpectationState;
  status: ExpectationStatus;
  late?: boolean;
  lateDays?: number;
  personalData: boolean;
  form: FormField[];
}

export interface SubmissionFacts {
  receipt: string;
  submittedAt: string;
  late: boolean;
  lateDays: number;
  attachments?: ReadonlyArray<{ kind: AttachmentKind; size: number; fileName?: string | undefined }>;
}

/** `today` (Vietnam date) words a day held as still to come or already past. */
export function deadlineView(
  e: ExpectationFacts,
  versions: readonly SubmissionFacts[],
  today?: string,
): DeadlineView {
  return {
    title: e.title,
    unitName: e.unitName,
    period: e.period,
    timing: e.timing,
    dueAt: e.dueAt,
    kind: e.kind,
    ...(e.heldOn !== undefined && { heldOn: e.heldOn }),
    ...(e.covers !== undefined && { covers: e.covers }),
    ...(today !== undefined && { today }),
    status: e.status,
    ...(e.late !== undefined && { late: e.late, lateDays: e.lateDays ?? 0 }),
    personalData: e.personalData,
    form: e.form,
    versions: versions.map((v) => ({
      receipt: v.receipt,
      submittedAt: v.submittedAt,
      late: v.late,
      lateDays: v.lateDays,
      files: (v.attachments ?? []).map(fileText),
    })),
  };
}

/**
 * The deadline as the receipt shows it once `stored` is written: the status derived from what was
 * read before the write plus the stored submission (a retry's submission replaces itself), so the
 * receipt needs no second read and is shown whatever the store does next.
 */
export function deadlineViewAfter(
  before: ExpectationFacts,
  submissions: readonly SubmissionFacts[],
  stored: SubmissionFacts,
  today?: string,
): DeadlineView {
  const all = [...submissions.filter((v) => v.receipt !== stored.receipt), stored].sort((a, b) =>
    a.submittedAt < b.submittedAt ? -1 : 1,
  );
  const derived = deriveStatus(before.state, before.dueAt, all);
  const { late: _late, lateDays: _lateDays, ...rest } = before;
  return deadlineView(
    {
      ...rest,
      status: derived.status,
      ...(derived.timeliness && { late: derived.timeliness.late, lateDays: derived.timeliness.lateDays }),
    },
    all,
    today,
  );
}

const KIND_NAMES: Record<AttachmentKind, string> = {
  pdf: "PDF",
  office: "Word/Excel",
  "open-document-or-office-xml": "Word/Excel/OpenDocument",
  jpeg: "ảnh JPEG",
  png: "ảnh PNG",
};

/** Bytes as Vietnamese read them: "512 byte", "1,5 KB", "2,3 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const kb = bytes / 1024;
  return kb < 1024
    ? `${kb.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} KB`
    : `${(kb / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;
}

/** One file as the unit sees it: its own name and size when known, else its kind and size; never its key. */
export function fileText(file: {
  kind: AttachmentKind;
  size: number;
  fileName?: string | undefined;
}): string {
  return file.fileName
    ? `${file.fileName} (${fileSize(file.size)})`
    : `Tệp ${KIND_NAMES[file.kind] ?? file.kind}, ${fileSize(file.size)}`;
}

/** What the receipt shows for a field left empty. */
export const EMPTY_VALUE = "—";

/** A submitted value as the receipt shows it: Vietnamese numbers, files by name (or kind) and size, not by key. */
export function displayValue(
  field: FormField,
  value: unknown,
  attachments: ReadonlyArray<{
    field: string;
    kind: AttachmentKind;
    size: number;
    fileName?: string | undefined;
  }>,
): string {
  if (field.type === "checkbox") return value ? "Có" : "Không";
  if (field.type === "file") {
    const files = attachments.filter((a) => a.field === field.id);
    if (files.length === 0) return EMPTY_VALUE;
    return files.map((a, i) => (files.length > 1 ? `${i + 1}. ${fileText(a)}` : fileText(a))).join("; ");
  }
  if (value === undefined || value === null || value === "") return EMPTY_VALUE;
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  return String(value);
}
