/**
 * The reminder SMS: the configured brand first, unaccented GSM-7, the cut-off with its weekday and
 * the short link whole, one segment for every dated deadline of the real Long Biên 2025 plan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type DeadlineInstance, expandPlan } from "../../shared/calendar/expand";
import { smsSegments, toUnaccented } from "../../shared/notify/gsm7";
import { reminderSms } from "../../shared/notify/sms";
import { loadPlan } from "../../shared/plan/load";
import type { PlanFile } from "../../shared/plan/schema";
import { AUTHORITY, REMINDER as base, LINK, SHORT_LINK } from "../support/notify-content";

const BRAND = "PYTLONGBIEN";
/** Weekdays as an SMS writes them (T2 = thứ Hai …), Sunday first (as Date#getUTCDay counts). */
const WEEKDAYS = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"];

function smsDay(civil: string): string {
  const [y, m, d] = civil.split("-");
  return `${WEEKDAYS[new Date(`${civil}T00:00:00Z`).getUTCDay()]} ${d}/${m}/${y}`;
}

describe("reminderSms", () => {
  it("opens with the configured brand, is unaccented, with the cut-off's weekday and the short link", () => {
    const sms = reminderSms({ ...base, shortLink: SHORT_LINK, brand: BRAND });
    expect(sms.startsWith(`${BRAND}: `)).toBe(true);
    expect(sms).not.toContain("hanchot");
    expect(sms).toContain("Han chot: 23:59 T2 24/03/2025 (con 3 ngay)");
    expect(sms.endsWith(SHORT_LINK)).toBe(true);
    expect(sms).toBe(toUnaccented(sms));
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("words a day held: the day before it, the time to confirm after it, never a han chot", () => {
    const held = {
      ...base,
      title: "Ngày Dân số thế giới",
      kind: "activity" as const,
      dueAt: "2026-07-16T00:00:00+07:00",
      shortLink: SHORT_LINK,
      brand: BRAND,
    };
    expect(reminderSms({ ...held, held: { on: "2026-07-11", daysUntil: 3 } })).toBe(
      `${BRAND}: UBND phuong Bo De - Nhac lich: Ngay Dan so the gioi. Dien ra: T7 11/07/2026 (con 3 ngay). ` +
        `Xac nhan tai: ${SHORT_LINK}`,
    );
    const after = reminderSms({ ...held, held: { on: "2026-07-11", daysUntil: -2 } });
    expect(after).toBe(
      `${BRAND}: UBND phuong Bo De - Da dien ra T7 11/07: Ngay Dan so the gioi. ` +
        `Xac nhan truoc 23:59 T4 15/07/2026. Xac nhan tai: ${SHORT_LINK}`,
    );
    expect(smsSegments(after)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("keeps a short title whole, with the unit's name", () => {
    const sms = reminderSms({
      ...base,
      title: "Họp Ban Chỉ đạo quận",
      kind: "activity",
      shortLink: SHORT_LINK,
      brand: BRAND,
    });
    expect(sms).toBe(
      `${BRAND}: UBND phuong Bo De - Nhac han: Hop Ban Chi dao quan. Han chot: 23:59 T2 24/03/2025 (con 3 ngay). ` +
        `Xac nhan tai: ${SHORT_LINK}`,
    );
  });

  it("names the last working day when the last on-time day is a Sunday, room permitting", () => {
    const sunday = { ...base, dueAt: "2021-03-15T00:00:00+07:00", shortLink: SHORT_LINK, brand: BRAND };
    const short = reminderSms({ ...sunday, title: "Báo cáo quý I" });
    expect(short).toContain("Han chot: 23:59 CN 14/03/2021 (con 3 ngay). Ngay lam viec cuoi: T6 12/03.");
    expect(smsSegments(short).segments).toBe(1);
    // A long title keeps 30 characters or more: the note gives way, the date does not.
    const long = reminderSms(sunday);
    expect(long).toContain("Han chot: 23:59 CN 14/03/2021");
    expect(smsSegments(long)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it("names the last working day before Tết", () => {
    const sms = reminderSms({
      ...base,
      title: "Báo cáo tháng",
      dueAt: "2026-02-19T00:00:00+07:00",
      shortLink: SHORT_LINK,
      brand: BRAND,
    });
    expect(sms).toContain("Han chot: 23:59 T4 18/02/2026 (con 3 ngay). Ngay lam viec cuoi: T6 13/02.");
  });

  it("adds the personal-data line when there is room for it", () => {
    const sms = reminderSms({
      ...base,
      title: "Danh sách NCT",
      personalData: true,
      shortLink: SHORT_LINK,
      brand: "PYTLB",
    });
    expect(sms).toContain("Du lieu ca nhan: chi gui tep qua link.");
    expect(smsSegments(sms).segments).toBe(1);
  });

  it("keeps the date and the link whole even with a very long link (then in two segments)", () => {
    const longLink = `http://127.0.0.1:3000/s/${"x".repeat(120)}`;
    const sms = reminderSms({ ...base, shortLink: longLink, brand: BRAND });
    expect(sms).toContain("23:59 T2 24/03/2025");
    expect(sms.endsWith(longLink)).toBe(true);
    expect(smsSegments(sms)).toMatchObject({ encoding: "GSM-7", segments: 2 });
  });

  describe("for every dated deadline of the Long Biên 2025 plan", () => {
    let plan: PlanFile;
    let instances: DeadlineInstance[];
    beforeAll(async () => {
      plan = await loadPlan("plans/long-bien-2025.yaml");
      instances = expandPlan(plan, 2025);
    });

    // A 30-character link, the lifecycle's (10-character id on the local base URL) and a longer
    // production host; the longest brand a sender ID allows (11 characters).
    it.each([
      "http://127.0.0.1:3000/s/AbC123",
      SHORT_LINK,
      "http://127.0.0.1:3000/s/AbC123xyZ9",
      "https://hanchot.example.gov.vn/s/AbC123xyZ9",
    ])("is one GSM-7 segment at every stage, with the dated cut-off and the short link %s", (shortLink) => {
      expect(instances.length).toBeGreaterThan(100);
      const personal = new Map(plan.obligations.map((o) => [o.id, o.deliverable?.personalData ?? false]));
      const standingBody = plan.units.find((u) => u.id === plan.steeringCommittee.standingBody);
      const stages = [
        ["window-open", undefined],
        ["before-due", 7],
        ["before-due", 0],
      ] as const;
      for (const i of instances) {
        for (const [stage, daysLeft] of stages) {
          const sms = reminderSms({
            authority: AUTHORITY,
            unitName: i.unitName,
            title: i.title,
            period: i.period,
            timing: i.timing,
            dueAt: i.dueAt,
            kind: i.kind,
            stage,
            ...(daysLeft !== undefined && { daysLeft }),
            link: LINK,
            contact: { name: standingBody?.name ?? "Phòng Y tế" },
            personalData: personal.get(i.obligationId) ?? false,
            planTitle: plan.title,
            shortLink,
            brand: BRAND,
          });
          expect(smsSegments(sms), sms).toMatchObject({ encoding: "GSM-7", segments: 1 });
          expect(sms, i.id).toContain(`Han chot: 23:59 ${smsDay(i.effectiveDue)}`);
          expect(sms.endsWith(shortLink), i.id).toBe(true);
          expect(sms.startsWith(`${BRAND}: `), i.id).toBe(true);
        }
      }
    });
  });
});
