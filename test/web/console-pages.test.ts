/**
 * What each console page shows of its view model: the overview's late units, chart and figures; a
 * heatmap cell per expected unit and deadline, with colour, symbol, words and a link; a deadline's
 * units, versions and messages; a submission's fields and files (never a storage key, never a
 * non-web link); a unit's deadlines; targets against reported values; the audit log; the ranking.
 */
import { describe, expect, it } from "vitest";
import { ROLE_NAMES } from "../../shared/console/access";
import {
  type AuditEntryView,
  CELL_STATUSES,
  type LateUnit,
  type UnitCell,
  type VersionSummary,
} from "../../shared/console/model";
import { auditPage } from "../../shared/web/console/audit";
import { deadlinePage } from "../../shared/web/console/deadline";
import { count, dueText, instant, percent, statusLook } from "../../shared/web/console/format";
import { heatmapPage } from "../../shared/web/console/heatmap";
import { unitAnchor } from "../../shared/web/console/layout";
import { overviewPage } from "../../shared/web/console/overview";
import { computedTime, rankingPage } from "../../shared/web/console/ranking";
import { consoleErrorPage, signInPage } from "../../shared/web/console/sign-in";
import { submissionPage } from "../../shared/web/console/submission";
import { targetsPage } from "../../shared/web/console/targets";
import { unitPage } from "../../shared/web/console/unit";
import { consoleUrls } from "../../shared/web/console/urls";
import { consoleFixtures, context } from "./console-fixtures";
import { elements, tags, text, visibleText } from "./console-html";

const f = consoleFixtures();
const urls = consoleUrls();
const committee = context(false);
const tableWithCaption = (page: string, caption: RegExp) => {
  const table = elements(page, "table").find((t) =>
    caption.test(text(elements(t.html, "caption")[0]?.html ?? "")),
  );
  if (!table) throw new Error(`no table captioned ${caption}`);
  return table;
};
const bodyRows = (table: { html: string }) => elements(elements(table.html, "tbody")[0]?.html ?? "", "tr");

describe("the fixtures", () => {
  it("hold every status, so every page is tried on each", () => {
    const seen = new Set(f.heatmap.cells.flat().flatMap((c) => (c ? [c.status] : [])));
    expect([...seen].sort()).toEqual([...CELL_STATUSES].sort());
  });
});

describe("the plan overview", () => {
  const page = overviewPage(f.overview, committee);

  /** The cards of the "late right now" list, each with its facts by label and its late items. */
  const lateCards = (markup: string) => {
    const section = elements(markup, "section").find((s) => s.attrs["aria-labelledby"] === "dang-cham");
    if (!section) throw new Error("no late-right-now section");
    return elements(section.html, "li")
      .filter((li) => li.attrs.class === "late-unit")
      .map((card) => {
        const dts = elements(card.html, "dt").map((d) => text(d.html));
        const dds = elements(card.html, "dd").map((d) => text(d.html));
        const details = elements(card.html, "details")[0];
        const items = (markup: string) =>
          elements(markup, "ul")
            .filter((u) => u.attrs.class === "late-items")
            .flatMap((u) => elements(u.html, "li"));
        return {
          heading: elements(card.html, "h3")[0],
          facts: Object.fromEntries(dts.map((dt, i) => [dt, dds[i]])),
          contactHtml: elements(card.html, "dd")[4]?.html ?? "",
          items: items(card.html),
          folded: details ? items(details.html) : [],
          summary: details ? text(elements(details.html, "summary")[0]?.html ?? "") : undefined,
        };
      });
  };
  const planId = f.overview.plan.planId;

  it("lists who is late right now first, one card per unit, with its items, contact, reminders and failed sends summed", () => {
    const late = f.overview.lateNow;
    expect(page.indexOf("Đang chậm nộp")).toBeLessThan(page.indexOf("Số liệu cả năm"));
    const unitIds = [...new Set(late.map((l) => l.unitId))];
    expect(text(elements(page, "p").find((p) => p.attrs.class === "late-count")?.html ?? "")).toBe(
      `${unitIds.length} đơn vị đang chậm nộp, ${late.length} việc; chậm lâu nhất trước.`,
    );
    const cards = lateCards(page);
    expect(cards).toHaveLength(unitIds.length);
    const shownUnits: string[] = [];
    for (const card of cards) {
      const href = tags(card.heading?.html ?? "", "a")[0]?.attrs.href;
      const unitId = unitIds.find((id) => href === urls.unit(planId, id));
      if (!unitId) throw new Error(`card ${text(card.heading?.html ?? "")} links no late unit`);
      shownUnits.push(unitId);
      const mine = late.filter((l) => l.unitId === unitId);
      expect(text(card.heading?.html ?? "")).toBe(mine[0]?.unitName);
      expect(card.facts).toMatchObject({
        "Số việc chậm": count(mine.length),
        "Chậm lâu nhất": `${count(Math.max(...mine.map((l) => l.daysLate)))} ngày`,
        "Đã nhắc": `${count(mine.reduce((n, l) => n + l.remindersSent, 0))} lần`,
        "Gửi lỗi": `${count(mine.reduce((n, l) => n + l.failedSends, 0))} lần`,
      });
      // Every late item of the unit, and only those, reachable by its deadline's link.
      expect(card.items).toHaveLength(mine.length);
      for (const l of mine) {
        const href = urls.deadline(planId, l.obligationId, l.period);
        const li = card.items.find((i) => tags(i.html, "a")[0]?.attrs.href === href);
        if (!li) throw new Error(`${l.unitName}: no link to ${l.period}`);
        const said = visibleText(li.html);
        expect(said).toContain(l.title);
        expect(said).toContain(l.periodText);
        expect(said).toContain(`chậm ${count(l.daysLate)} ngày`);
        expect(said).toContain(statusLook(l.status).text);
      }
      // Longest late first inside the card.
      const days = card.items.map((i) => Number(/chậm (\d+) ngày/.exec(text(i.html))?.[1]));
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
    expect(new Set(shownUnits)).toEqual(new Set(unitIds));
    // The units by their longest lateness, then by how many items they owe.
    const keys = cards.map((c) => [
      Number(c.facts["Chậm lâu nhất"]?.split(" ")[0]),
      Number(c.facts["Số việc chậm"]),
    ]);
    keys.slice(1).forEach(([days, n], i) => {
      const [prevDays, prevN] = keys[i] as number[];
      expect(days).toBeLessThanOrEqual(prevDays as number);
      if (days === prevDays) expect(n).toBeLessThanOrEqual(prevN as number);
    });
  });

  it("shows a unit owing two reports as one card (checked by hand against the fixtures)", () => {
    // UBND phường Gia Thụy owes the 2025 plan (113 days, returned; 4 reminders, 1 failed) and
    // April's report (9 days, missing; 4 reminders, 1 failed). UBND phường Giang Biên is as late
    // (113 days) and owes one item: it comes second.
    const [first, second] = lateCards(page);
    expect(text(first?.heading?.html ?? "")).toBe("UBND phường Gia Thụy");
    expect(tags(first?.heading?.html ?? "", "a")[0]?.attrs.href).toBe(urls.unit(planId, "p-gia-thuy"));
    expect(first?.facts).toEqual({
      "Số việc chậm": "2",
      "Chậm lâu nhất": "113 ngày",
      "Đã nhắc": "8 lần",
      "Gửi lỗi": "2 lần",
      "Liên hệ": "Nguyễn Thị Hoa p-gia-thuy@longbien.example.org +84900000016",
    });
    expect(first?.contactHtml).toContain('href="tel:+84900000016"');
    expect(first?.contactHtml).toContain('href="mailto:p-gia-thuy@longbien.example.org"');
    expect(first?.items.map((i) => visibleText(i.html))).toEqual([
      expect.stringMatching(/năm 2025 · chậm 113 ngày ↩ bị trả lại, chờ bản mới$/),
      expect.stringMatching(/tháng 04\/2025 · chậm 9 ngày ✗ thiếu, quá hạn chưa nộp$/),
    ]);
    expect(first?.folded).toEqual([]);
    expect(text(second?.heading?.html ?? "")).toBe("UBND phường Giang Biên");
  });

  it("shows a unit's first two late items and folds the rest under “và N việc khác”, with no script", () => {
    const gia = f.overview.lateNow.filter((l) => l.unitId === "p-gia-thuy");
    const others = f.overview.report.rows
      .filter((r) => !gia.some((l) => l.obligationId === r.obligationId && l.period === r.period))
      .slice(0, 3)
      .map((r, i) => ({
        ...(gia[0] as LateUnit),
        instanceId: `${r.obligationId}:${r.period}:p-gia-thuy`,
        obligationId: r.obligationId,
        period: r.period,
        periodText: r.periodText,
        title: r.title,
        daysLate: 50 - i,
        remindersSent: 1,
        failedSends: 0,
      }));
    const more = overviewPage({ ...f.overview, lateNow: [...f.overview.lateNow, ...others] }, committee);
    expect(more).not.toMatch(/<script/i);
    const card = lateCards(more).find((c) => text(c.heading?.html ?? "") === "UBND phường Gia Thụy");
    expect(card?.facts["Số việc chậm"]).toBe("5");
    expect(card?.facts["Đã nhắc"]).toBe("11 lần");
    expect(card?.items).toHaveLength(5);
    expect(card?.summary).toBe("và 3 việc khác");
    // Shown: the two longest late (113 and 50 days); folded: 49, 48 and 9 days.
    const daysOf = (items: Array<{ html: string }>) =>
      items.map((i) => Number(/chậm (\d+) ngày/.exec(text(i.html))?.[1]));
    expect(daysOf(card?.items ?? []).slice(0, 2)).toEqual([113, 50]);
    expect(daysOf(card?.folded ?? [])).toEqual([49, 48, 9]);
    // Each added item reachable by its link: the 50-day one shown, the others folded.
    const linked = (items: Array<{ html: string }>, l: LateUnit) =>
      items.some((i) => tags(i.html, "a")[0]?.attrs.href === urls.deadline(planId, l.obligationId, l.period));
    expect(others.map((l) => [linked(card?.items ?? [], l), linked(card?.folded ?? [], l)])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ]);
  });

  it("says so when nobody is late", () => {
    const none = overviewPage({ ...f.overview, lateNow: [] }, committee);
    expect(lateCards(none)).toEqual([]);
    expect(text(none)).toContain("Không có đơn vị nào đang chậm nộp tại thời điểm này.");
  });

  it("gives the five figures of every deadline and the totals over those already due", () => {
    const table = tableWithCaption(page, /theo nhiệm vụ và kỳ/);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(f.overview.report.rows.length);
    rows.forEach((row, i) => {
      const r = f.overview.report.rows[i];
      if (!r) throw new Error("row without a deadline");
      const cells = elements(row.html, "td").map((c) => text(c.html));
      expect(cells.slice(2)).toEqual([
        count(r.expected),
        count(r.actual),
        percent(r.reportingRate),
        count(r.actualOnTime),
        percent(r.onTimeRate),
      ]);
    });
    const totals = elements(elements(table.html, "tfoot")[0]?.html ?? "", "td").map((c) => text(c.html));
    const t = f.overview.report.totals;
    expect(totals).toEqual([
      count(t.expected),
      count(t.actual),
      percent(t.reportingRate),
      count(t.actualOnTime),
      percent(t.onTimeRate),
    ]);
  });

  it("charts the on-time rate by month as an image with a description, and the same figures as a table", () => {
    const svg = elements(page, "svg")[0];
    expect(svg?.attrs.role).toBe("img");
    const [titleId, descId] = (svg?.attrs["aria-labelledby"] ?? "").split(" ");
    expect(svg?.html).toContain(`<title id="${titleId}">`);
    expect(svg?.html).toContain(`<desc id="${descId}">`);
    const rated = f.overview.series.filter((p) => p.onTimeRate !== null);
    expect(tags(svg?.html ?? "", "rect")).toHaveLength(rated.length);
    for (const p of rated) expect(text(svg?.html ?? "")).toContain(`${p.label}: ${percent(p.onTimeRate)}`);
    expect(bodyRows(tableWithCaption(page, /Tỷ lệ theo tháng/))).toHaveLength(f.overview.series.length);
  });

  it("links the exports of the year and of the audit log", () => {
    const { planId, year } = f.overview.plan;
    for (const href of [
      urls.timelinessExport(planId, year, "csv"),
      urls.timelinessExport(planId, year, "xlsx"),
      urls.auditExport(planId, "csv"),
      urls.auditExport(planId, "xlsx"),
    ])
      expect(page).toContain(`href="${href.replace(/&/g, "&amp;")}"`);
  });

  it("links the plan's other years, the shown one marked current", () => {
    const years = elements(page, "nav").find((n) => n.attrs["aria-label"] === "Chọn năm");
    const links = tags(years?.html ?? "", "a");
    expect(links.map((a) => a.attrs.href)).toEqual(
      f.overview.plan.years.map((y) => urls.overview(f.overview.plan.planId, y)),
    );
    expect(links.filter((a) => a.attrs["aria-current"] === "page").map((a) => a.attrs.href)).toEqual([
      urls.overview(f.overview.plan.planId, f.overview.plan.year),
    ]);
  });

  it("marks the overview as the current section and names the signed-in user and role", () => {
    const nav = elements(page, "nav").find((n) => n.attrs.class === "sections");
    expect(tags(nav?.html ?? "", "a").find((a) => a.attrs["aria-current"] === "page")?.attrs.href).toBe(
      urls.overview(f.overview.plan.planId, f.overview.plan.year),
    );
    expect(text(page)).toContain(committee.session.name as string);
    expect(text(page)).toContain(ROLE_NAMES.committee);
  });
});

describe("the heatmap", () => {
  const page = heatmapPage(f.heatmap, committee);
  const { planId } = f.heatmap.plan;
  const table = elements(page, "table")[0];
  const rows = bodyRows(table ?? { html: "" });

  it("has a column per deadline in cut-off order, each heading a link to its page", () => {
    const heads = tags(elements(table?.html ?? "", "thead")[0]?.html ?? "", "th").slice(1);
    expect(heads).toHaveLength(f.heatmap.deadlines.length);
    const dues = f.heatmap.deadlines.map((d) => d.dueAt);
    expect(dues).toEqual([...dues].sort());
    const links = tags(elements(table?.html ?? "", "thead")[0]?.html ?? "", "a").map((a) => a.attrs.href);
    expect(links).toEqual(f.heatmap.deadlines.map((d) => urls.deadline(planId, d.obligationId, d.period)));
  });

  it("shows each expected cell by its colour class, its symbol and its words, as a link", () => {
    expect(rows).toHaveLength(f.heatmap.units.length);
    rows.forEach((row, i) => {
      const tds = elements(row.html, "td");
      expect(tds).toHaveLength(f.heatmap.deadlines.length);
      tds.forEach((td, j) => {
        const cell = f.heatmap.cells[i]?.[j] as UnitCell | undefined;
        if (!cell) {
          expect(td.attrs.class).toBe("na");
          expect(tags(td.html, "a")).toEqual([]);
          return;
        }
        const look = statusLook(cell.status, cell.lateDays);
        const [link] = elements(td.html, "a");
        expect(link?.attrs.class).toBe(`cell ${look.cls}`);
        expect(visibleText(link?.html ?? "")).toBe(`${look.symbol}${look.short}`);
        expect(text(link?.html ?? "")).toContain(look.text);
        expect(text(link?.html ?? "")).toContain(cell.unitName);
        const d = f.heatmap.deadlines[j];
        if (!d) throw new Error("cell without a deadline");
        expect(link?.attrs.href).toBe(
          cell.latestReceipt
            ? urls.submission(planId, cell.instanceId, cell.latestReceipt)
            : `${urls.deadline(planId, d.obligationId, d.period)}#${unitAnchor(cell.unitId)}`,
        );
      });
    });
  });

  it("shows the number of days late in a late cell", () => {
    const late = f.heatmap.cells
      .flat()
      .find((c) => c?.status === "late" && (c.lateDays ?? 0) > 1) as UnitCell;
    expect(page).toContain(`<span aria-hidden="true">◷${late.lateDays}</span>`);
  });

  it("has a legend with every status and how many cells have it", () => {
    const legend = elements(page, "ul").find((u) => u.attrs.class === "legend");
    for (const s of CELL_STATUSES) {
      const n = f.heatmap.cells.flat().filter((c) => c?.status === s).length;
      expect(legend?.html).toContain(statusLook(s).cls);
      expect(text(legend?.html ?? "")).toMatch(new RegExp(`\\(${n}\\)`));
    }
  });
});

describe("the deadline page", () => {
  const page = deadlinePage(f.deadline, committee);
  const { planId } = f.deadline.plan;

  it("gives the cut-off in words, and the original one after an extension", () => {
    expect(text(page)).toContain(dueText(f.deadline.deadline.dueAt));
    expect(text(page)).toContain(`hạn ban đầu ${dueText(f.deadline.deadline.originalDueAt as string)}`);
    expect(text(page)).toContain(f.deadline.deadline.timing);
  });

  it("lists every expected unit with its status, versions and receipts, each row an anchor the heatmap links to", () => {
    const rows = bodyRows(tableWithCaption(page, /đơn vị phải nộp/));
    expect(rows).toHaveLength(f.deadline.units.length);
    rows.forEach((row, i) => {
      const u = f.deadline.units[i];
      if (!u) throw new Error("row without a unit");
      expect(row.attrs.id).toBe(unitAnchor(u.unitId));
      expect(text(row.html)).toContain(statusLook(u.status, u.lateDays).text);
      const receipts = tags(row.html, "a").filter((a) => a.attrs.href?.includes("/submissions/"));
      expect(receipts.map((a) => a.attrs.href)).toEqual(
        u.versionsList.map((v) => urls.submission(planId, u.instanceId, v.receipt)),
      );
      for (const v of u.versionsList) {
        expect(text(row.html)).toContain(instant(v.submittedAt));
        if (v.decision === "returned" && v.reason) expect(text(row.html)).toContain(v.reason);
      }
    });
  });

  it("lists the reminders (channel, time, result, error) and the escalations", () => {
    const sends = f.deadline.units.flatMap((u) => u.messages);
    const reminders = bodyRows(tableWithCaption(page, /Tin nhắc gửi các đơn vị/));
    expect(reminders).toHaveLength(sends.length);
    const failed = sends.find((m) => m.status === "failed");
    expect(text(page)).toContain(failed?.error as string);
    expect(page).toMatch(/<summary>Xem \d+ tin đã gửi \(<strong>\d+ tin gửi lỗi<\/strong>\)<\/summary>/);
    const escalations = bodyRows(tableWithCaption(page, /vượt cấp/));
    expect(escalations.map((r) => text(r.html))).toEqual(
      [...f.deadline.escalations]
        .sort((a, b) => (a.at < b.at ? 1 : -1))
        .map((m) => expect.stringContaining(m.stageText) as unknown as string),
    );
    expect(text(escalations[0]?.html ?? "")).toMatch(/Email/);
  });

  it("links the submissions export of this deadline", () => {
    const { obligationId, period } = f.deadline.deadline;
    expect(page).toContain(`href="${urls.submissionsExport(planId, obligationId, period, "csv")}"`);
    expect(page).toContain(`href="${urls.submissionsExport(planId, obligationId, period, "xlsx")}"`);
  });
});

/** "nhân kỷ niệm ngày Dân số thế giới 11/7": held Saturday 11/07/2026, confirmed by Wednesday 15/07. */
const HELD_ON = "2026-07-11";
const CONFIRM_BY = "2026-07-16T00:00:00+07:00";
const HELD_WORDS = "diễn ra thứ Bảy 11/07/2026 · xác nhận trước 23:59 thứ Tư 15/07/2026";
/** A <dl class="facts">'s terms with their definitions, in order. */
const factsOf = (page: string) => {
  const dl = elements(page, "dl").find((d) => d.attrs.class === "facts")?.html ?? "";
  const dds = elements(dl, "dd").map((d) => text(d.html));
  return elements(dl, "dt").map((d, i) => [text(d.html), dds[i]]);
};

describe("an activity held on a fixed day, and a report's data window, in the console", () => {
  it("the overview gives when it takes place and until when to confirm it, where other rows give the cut-off", () => {
    const [first, ...rest] = f.overview.report.rows;
    if (!first) throw new Error("no rows");
    const view = {
      ...f.overview,
      report: { ...f.overview.report, rows: [{ ...first, heldOn: HELD_ON, dueAt: CONFIRM_BY }, ...rest] },
    };
    const rows = bodyRows(tableWithCaption(overviewPage(view, committee), /theo nhiệm vụ và kỳ/));
    const cutOffs = rows.map((r) => text(elements(r.html, "td")[1]?.html ?? ""));
    expect(cutOffs[0]).toBe(HELD_WORDS);
    expect(cutOffs.slice(1)).toEqual(rest.map((r) => dueText(r.dueAt)));
  });

  it("the heatmap heads its column with the day held and the last day to confirm", () => {
    const [first, ...rest] = f.heatmap.deadlines;
    if (!first) throw new Error("no deadlines");
    const view = { ...f.heatmap, deadlines: [{ ...first, heldOn: HELD_ON, dueAt: CONFIRM_BY }, ...rest] };
    const heads = elements(elements(heatmapPage(view, committee), "thead")[0]?.html ?? "", "th").slice(1);
    const dates = (th: { html: string } | undefined) =>
      elements(th?.html ?? "", "span")
        .filter((x) => x.attrs.class === "d")
        .map((x) => text(x.html));
    expect(dates(heads[0])).toEqual(["diễn ra 11/07", "xác nhận trước 15/07"]);
    expect(dates(heads[1])).toEqual([expect.stringMatching(/^hạn \d\d\/\d\d$/)]);
  });

  it("the deadline page gives the day held and the confirmation cut-off instead of a “Hạn chót”", () => {
    const { originalDueAt: _o, ...deadline } = f.deadline.deadline;
    const view = {
      ...f.deadline,
      deadline: { ...deadline, kind: "activity" as const, heldOn: HELD_ON, dueAt: CONFIRM_BY },
    };
    const page = deadlinePage(view, context(true));
    const rows = factsOf(page);
    expect(rows).toContainEqual(["Ngày diễn ra", "thứ Bảy 11/07/2026"]);
    expect(rows).toContainEqual(["Xác nhận trước", "23:59 thứ Tư 15/07/2026"]);
    expect(rows.map(([dt]) => dt)).not.toContain("Hạn chót");
    expect(rows.map(([dt]) => dt)).not.toContain("Số liệu báo cáo");
    const head = elements(tableWithCaption(page, /đơn vị phải nộp/).html, "th").map((t) => text(t.html));
    expect(head).toContain("Hạn xác nhận của đơn vị");
    expect(text(page)).toContain("Hạn xác nhận hiện nay: 23:59 thứ Tư 15/07/2026.");
    // The product is called "hạn chót" in the header and footer; the page's own words never say it.
    expect(text(elements(page, "main")[0]?.html ?? "").toLowerCase()).not.toContain("hạn chót");
  });

  it("the deadline page says which figures a quarterly report covers, after its period", () => {
    const view = {
      ...f.deadline,
      deadline: {
        ...f.deadline.deadline,
        period: "2026-Q1",
        periodText: "quý I/2026",
        covers: { from: "2025-12-15", to: "2026-03-14" },
      },
    };
    const rows = factsOf(deadlinePage(view, committee));
    expect(rows.slice(0, 2)).toEqual([
      ["Kỳ", "quý I/2026"],
      ["Số liệu báo cáo", "từ 15/12/2025 đến 14/03/2026"],
    ]);
    expect(rows.map(([dt]) => dt)).toContain("Hạn chót");
    const ownSpan = {
      ...view,
      deadline: { ...view.deadline, covers: { from: "2026-01-01", to: "2026-03-31" } },
    };
    expect(factsOf(deadlinePage(ownSpan, committee)).map(([dt]) => dt)).not.toContain("Số liệu báo cáo");
  });

  it("the unit page and the submission page say when it takes place and until when to confirm it", () => {
    const [first, ...rest] = f.unit.deadlines;
    if (!first) throw new Error("no deadlines");
    const { extendedTo: _e, ...held } = first;
    const unit = unitPage(
      { ...f.unit, deadlines: [{ ...held, heldOn: HELD_ON, dueAt: CONFIRM_BY }, ...rest] },
      committee,
    );
    const row = bodyRows(tableWithCaption(unit, /Các hạn nộp của đơn vị/))[0];
    expect(text(elements(row?.html ?? "", "td")[1]?.html ?? "")).toBe(HELD_WORDS);
    const submission = submissionPage(
      { ...f.submission, deadline: { ...f.submission.deadline, heldOn: HELD_ON, dueAt: CONFIRM_BY } },
      committee,
    );
    const rows = factsOf(submission);
    expect(rows).toContainEqual(["Ngày diễn ra", "thứ Bảy 11/07/2026"]);
    expect(rows).toContainEqual(["Xác nhận trước", "23:59 thứ Tư 15/07/2026"]);
    expect(rows.map(([dt]) => dt)).not.toContain("Hạn chót");
  });
});

describe("the submission page", () => {
  const page = submissionPage(f.submission, committee);

  it("shows every field in the form's order with its value in Vietnamese", () => {
    const labels = f.submission.fields.map((x) => x.field.label);
    const positions = labels.map((l) => page.indexOf(`<dt>${l}</dt>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text(page)).toContain((12480).toLocaleString("vi-VN"));
    expect(text(page)).toContain("96,4");
  });

  it("opens each file through its presigned link, never showing a storage key", () => {
    for (const a of f.submission.attachments) {
      const link = tags(page, "a").find((t) => t.attrs.href === a.url);
      expect(link?.attrs.rel).toBe("noreferrer");
      expect(text(page)).toContain(a.fileName);
    }
    expect(page).not.toContain("secret-key");
  });

  it("never makes a link of an address that is not http(s)", () => {
    const evil = {
      ...f.submission,
      attachments: [
        {
          ...(f.submission.attachments[0] as (typeof f.submission.attachments)[number]),
          url: "javascript:alert(1)",
        },
      ],
    };
    const out = submissionPage(evil, committee);
    expect(out).not.toContain("javascript:");
    expect(text(out)).toContain("không có đường dẫn tải");
  });

  it("lists the history with the decisions and reasons, the version shown marked current", () => {
    const rows = bodyRows(tableWithCaption(page, /Các bản đơn vị đã nộp/));
    expect(rows).toHaveLength(f.submission.history.length);
    const current = tags(page, "a").filter(
      (a) => a.attrs["aria-current"] === "page" && a.attrs.href?.includes("/submissions/"),
    );
    expect(current.map((a) => a.attrs.href)).toEqual([
      urls.submission(f.submission.plan.planId, f.submission.instanceId, f.submission.receipt),
    ]);
    const returned = f.submission.history.find((v) => v.decision === "returned");
    expect(text(rows[0]?.html ?? "")).toContain("đã trả lại");
    expect(text(rows[0]?.html ?? "")).toContain(returned?.reason as string);
  });

  it("gives the unit's status with the days late of the version that counts (the first not returned)", () => {
    const late = {
      ...f.submission,
      status: "late" as const,
      history: [
        { ...(f.submission.history[0] as VersionSummary), late: true, lateDays: 2 },
        { ...(f.submission.history[1] as VersionSummary), late: true, lateDays: 9 },
      ],
    };
    const facts = text(submissionPage(late, committee));
    expect(facts).toMatch(/Tình trạng của đơn vị\s*◷\s*nộp muộn 9 ngày/);
  });

  it("says so on an older version and links the latest", () => {
    const older = { ...f.submission, receipt: f.submission.history[0]?.receipt as string, isLatest: false };
    const out = submissionPage(older, committee);
    expect(text(out)).toContain("Đây là một bản cũ");
    expect(out).toContain(
      `href="${urls.submission(f.submission.plan.planId, f.submission.instanceId, f.submission.history[1]?.receipt as string)}"`,
    );
  });
});

describe("the unit page", () => {
  const page = unitPage(f.unit, committee);

  it("gives the unit's contacts as links, its figures and its deadlines of the year", () => {
    for (const e of f.unit.unit.contacts.emails) expect(page).toContain(`href="mailto:${e}"`);
    for (const p of f.unit.unit.contacts.phones) expect(page).toContain(`href="tel:${p}"`);
    expect(text(page)).toContain(`tỷ lệ đúng hạn ${percent(f.unit.figures.onTimeRate)}`);
    const rows = bodyRows(tableWithCaption(page, /Các hạn nộp của đơn vị/));
    expect(rows).toHaveLength(f.unit.deadlines.length);
    rows.forEach((row, i) => {
      const d = f.unit.deadlines[i];
      if (!d) throw new Error("row without a deadline");
      expect(text(row.html)).toContain(statusLook(d.status, d.lateDays).text);
      expect(text(row.html)).toContain(d.periodText);
    });
  });
});

describe("the targets page", () => {
  const page = targetsPage(f.targets, committee);

  it("charts each target reported through a form, and tabulates every unit's target, value and verdict", () => {
    const reported = f.targets.targets.filter((t) => t.units.some((u) => u.reported));
    expect(tags(page, "svg")).toHaveLength(reported.length);
    for (const t of f.targets.targets) {
      const table = tableWithCaption(inner(page, t.targetId), /Kết quả từng đơn vị/);
      const rows = bodyRows(table);
      expect(rows).toHaveLength(t.units.length);
      rows.forEach((row, i) => {
        const u = t.units[i];
        if (!u) throw new Error("row without a unit");
        const words = text(row.html);
        expect(words).toContain(u.met === true ? "đạt" : u.met === false ? "chưa đạt" : "chưa đánh giá");
        if (u.reported) expect(words).toContain(u.reported.value.toLocaleString("vi-VN"));
      });
    }
  });

  it("counts the units meeting each target over those that can be judged", () => {
    const t = f.targets.targets[0];
    if (!t) throw new Error("no target");
    const met = t.units.filter((u) => u.met === true).length;
    const judged = t.units.filter((u) => u.met !== undefined).length;
    expect(text(inner(page, t.targetId))).toContain(`${met}/${judged} đơn vị đạt`);
  });

  /** The section of one target. */
  function inner(markup: string, targetId: string): string {
    const section = elements(markup, "section").find(
      (s) => s.attrs["aria-labelledby"] === `chi-tieu-${targetId}`,
    );
    if (!section) throw new Error(`no section for ${targetId}`);
    return section.html;
  }
});

describe("the audit log page", () => {
  const page = auditPage(f.audit, committee);

  it("lists every action newest first: when, who and their role, what, before and after, and why", () => {
    const rows = bodyRows(tableWithCaption(page, /thao tác/));
    const sorted = [...f.audit.entries].sort((a, b) => (a.at < b.at ? 1 : -1));
    expect(rows).toHaveLength(sorted.length);
    rows.forEach((row, i) => {
      const e = sorted[i];
      if (!e) throw new Error("row without an entry");
      const words = text(row.html);
      expect(words).toContain(instant(e.at));
      expect(words).toContain(e.actor.email);
      expect(words).toContain(ROLE_NAMES["standing-body"]);
      expect(words).toContain(e.actionText);
      expect(words).toContain(e.reason);
    });
    const contacts = rows.find((r) => text(r.html).includes("Sửa liên hệ"));
    expect(text(contacts?.html ?? "")).toContain("tyt.bode@longbien.example.org");
    expect(text(contacts?.html ?? "")).toContain("Điện thoại: —");
  });

  it("reads entries as the actions record them: deadlines, cut-offs, statuses, decisions and reminders in words", () => {
    const actor = { email: "vanphong@longbien.example.org", role: "standing-body" };
    const entry = (id: string, more: Partial<AuditEntryView>): AuditEntryView => ({
      id,
      at: "2025-04-02T02:00:00.000Z",
      actor,
      action: "extend",
      actionText: "Gia hạn",
      target: {},
      reason: `Lý do ${id}`,
      ...more,
    });
    const planId = f.audit.plan.planId;
    const page = auditPage(
      {
        ...f.audit,
        entries: [
          entry("e1", {
            target: {
              deadline: "bao-cao-quy-bhxh:2025-Q1",
              unitId: "bhxh",
              instanceId: "x:bao-cao-quy-bhxh:2025-Q1:bhxh",
            },
            before: { dueAt: "2025-03-25T00:00:00+07:00" },
            after: { dueAt: "2025-04-11T00:00:00+07:00", extendedTo: "2025-04-11T00:00:00+07:00" },
          }),
          entry("e2", {
            action: "return",
            actionText: "Trả lại",
            target: {
              deadline: "bao-cao-quy-ttyt:2025-Q1",
              unitId: "ttyt",
              instanceId: "i",
              receipt: "HC-1",
            },
            before: { status: "submitted" },
            after: { status: "returned", decision: "returned" },
          }),
          entry("e3", {
            action: "remind-now",
            actionText: "Nhắc ngay",
            target: { deadline: "bao-cao-quy-ttyt:2025-Q1" },
            after: { stage: "manual@2025-04-02", units: ["ttyt"] },
          }),
          entry("e4", {
            target: { deadline: "bao-cao-quy-ttyt:2025-Q1" },
            before: { dueAt: "2025-03-25T00:00:00+07:00", dueText: "hạn chót: 23:59 ngày 24/03/2025" },
          }),
        ],
      },
      committee,
    );
    const row = (id: string) =>
      text(
        bodyRows(tableWithCaption(page, /thao tác/)).find((r) => r.html.includes(`Lý do ${id}`))?.html ?? "",
      );
    expect(row("e1")).toContain("Hạn nộp: bao-cao-quy-bhxh, quý I/2025");
    expect(row("e1")).toContain("Hạn chót: 23:59 thứ Hai 24/03/2025");
    expect(row("e1")).toContain("Gia hạn đến: 23:59 thứ Năm 10/04/2025");
    expect(row("e2")).toContain("Tình trạng: đã nộp");
    expect(row("e2")).toContain("Quyết định: trả lại");
    expect(row("e3")).toContain("Đợt nhắc: nhắc ngay ngày 02/04/2025");
    expect(row("e4")).not.toContain("hạn chót: 23:59 ngày 24/03/2025");
    const all = bodyRows(tableWithCaption(page, /thao tác/))
      .map((r) => text(r.html))
      .join(" ");
    for (const raw of ["submitted", "returned", "manual@", "deadline:", "stage:", "00:00"])
      expect(all).not.toContain(raw);
    // Each row opens the page it is about: the deadline's, or the version's.
    expect(page).toContain(`href="${urls.deadline(planId, "bao-cao-quy-bhxh", "2025-Q1")}"`);
    expect(page).toContain(`href="${urls.submission(planId, "i", "HC-1")}"`);
  });
});

describe("the ranking page", () => {
  const page = rankingPage(f.ranking, context(false));

  it("ranks the plans with something due by on-time rate and leaves the others unranked, each linking to its overview", () => {
    const rows = bodyRows(tableWithCaption(page, /tỷ lệ nộp đúng hạn/));
    expect(rows).toHaveLength(f.ranking.plans.length);
    let rank = 0;
    rows.forEach((row, i) => {
      const p = f.ranking.plans[i];
      if (!p) throw new Error("row without a plan");
      const first = text(elements(row.html, "td")[0]?.html ?? "");
      expect(first).toBe(p.onTimeRate === null ? "—" : String(++rank));
      expect(tags(row.html, "a")[0]?.attrs.href).toBe(urls.overview(p.planId, p.year));
      expect(text(row.html)).toContain(percent(p.onTimeRate));
    });
  });

  it("says under each plan when its figures were computed, in Vietnam time", () => {
    const rows = bodyRows(tableWithCaption(page, /tỷ lệ nộp đúng hạn/));
    const said = rows.map((row) => {
      const time = tags(row.html, "time")[0];
      return [time?.attrs.datetime, /số liệu tính lúc (\d\d:\d\d \d\d\/\d\d)/.exec(text(row.html))?.[1]];
    });
    expect(said).toEqual(f.ranking.plans.map((p) => [p.computedAt, expect.any(String)]));
    // AS_OF is 09:00 on 12/05 in Vietnam; Gia Lâm's figures were computed 3 minutes before.
    const byPlan = new Map(f.ranking.plans.map((p, i) => [p.planId, said[i]?.[1]]));
    expect(byPlan.get("long-bien-2025")).toBe("09:00 12/05");
    expect(byPlan.get("gia-lam-2025")).toBe("08:57 12/05");
  });

  it("writes a computation time as HH:MM dd/mm of its Vietnam day", () => {
    // 23:58 UTC on 31/12 is 06:58 on 1/1 in Vietnam.
    expect(computedTime("2025-12-31T23:58:00.000Z")).toBe("06:58 01/01");
  });
});

describe("sign-in and errors", () => {
  it("posts email and password to the sign-in route, with where to go next, and announces an error", () => {
    const page = signInPage({
      error: "Email hoặc mật khẩu không đúng.",
      email: "a@b.vn",
      next: "/console/plans/x?year=2025",
    });
    const [form] = elements(page, "form");
    expect(form?.attrs).toMatchObject({ method: "post", action: urls.signIn() });
    expect(tags(form?.html ?? "", "input").map((i) => [i.attrs.name, i.attrs.type])).toEqual([
      ["next", "hidden"],
      ["email", "email"],
      ["password", "password"],
    ]);
    expect(tags(form?.html ?? "", "input")[0]?.attrs.value).toBe("/console/plans/x?year=2025");
    expect(tags(form?.html ?? "", "input")[1]?.attrs.value).toBe("a@b.vn");
    const alert = tags(page, "div").find((d) => d.attrs.role === "alert");
    expect(alert?.attrs.id).toBe(tags(form?.html ?? "", "input")[1]?.attrs["aria-describedby"]);
  });

  it("shows an error's status and words and a way back, nothing more", () => {
    const page = consoleErrorPage(
      { status: 404, title: "Không tìm thấy", message: "Không có trang này." },
      committee,
    );
    expect(text(page)).toContain("Mã lỗi 404");
    expect(tags(page, "a").some((a) => a.attrs.href === urls.home())).toBe(true);
    const signedOut = consoleErrorPage({ status: 401, title: "Cần đăng nhập", message: "Hãy đăng nhập." });
    expect(tags(signedOut, "a").some((a) => a.attrs.href === urls.signIn())).toBe(true);
    expect(signedOut).not.toContain("Đăng xuất");
  });
});
