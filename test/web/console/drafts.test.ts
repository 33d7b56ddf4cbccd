/**
 * The plan-intake pages rendered from fixture view models: the drafts and the three ways to start
 * one; a draft's review table (every column, the rows to review marked, the unread one flagged,
 * problems that disable publishing); one row's correction (errors by their fields, the live
 * preview's script and its CSP hash); the units' contacts; text from a document always escaped;
 * every form posting to its address with the session's CSRF token.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { htmlResponse } from "../../../functions/commons/http";
import {
  DRAFT_PREVIEW_SCRIPT_HASH,
  DRAFT_PREVIEW_SCRIPTS,
  draftObligationPage,
  draftPage,
  draftsPage,
  draftUnitsPage,
  overviewPage,
} from "../../../shared/web/console";
import { certaintyLook, needsReview } from "../../../shared/web/console/draft-parts";
import { REVIEW_ONLY } from "../../../shared/web/console/draft-review";
import { DRAFT_PREVIEW_SCRIPT, ROW_FIELDS } from "../../../shared/web/console/draft-row";
import { consoleUrls } from "../../../shared/web/console/urls";
import { consoleFixtures, context, SESSION } from "../console-fixtures";
import { elements, type Tag, tags, text } from "../console-html";
import { DRAFT_ID, draftFixtures, HOSTILE } from "./draft-fixtures";

const f = draftFixtures();
const urls = consoleUrls();
const office = context(true);
const committee = context(false);

const forms = (page: string) => elements(page, "form");
const formTo = (page: string, action: string) => {
  const form = forms(page).find((x) => x.attrs.action === action);
  if (!form) throw new Error(`no form posting to ${action}`);
  return form;
};
const csrfOf = (form: { html: string }) =>
  tags(form.html, "input").find((i) => i.attrs.name === "csrf" && i.attrs.type === "hidden")?.attrs.value;
const named = (markup: string, name: string): Tag[] =>
  [...tags(markup, "input"), ...tags(markup, "select"), ...tags(markup, "textarea")].filter(
    (t) => t.attrs.name === name,
  );
const rowsOf = (page: string) => {
  const table = elements(page, "table").find((t) => t.attrs.class === "rows");
  if (!table) throw new Error("no review table");
  return { table, rows: elements(elements(table.html, "tbody")[0]?.html ?? "", "tr") };
};

describe("the drafts page", () => {
  const page = draftsPage(f.drafts, office);

  it("links back to each plan already running, and only those", () => {
    const links = tags(page, "a").map((a) => a.attrs.href);
    for (const p of f.drafts.plans)
      expect(links.includes(urls.overview(p.planId, p.year)), p.planId).toBe(p.published);
  });

  it("lists each draft, newest first, with its plan, source, author and counts, linked to its review", () => {
    const cards = elements(elements(page, "ul").find((u) => u.attrs.class === "drafts")?.html ?? "", "li");
    const sorted = [...f.drafts.drafts].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    expect(cards).toHaveLength(sorted.length);
    cards.forEach((card, i) => {
      const d = sorted[i];
      if (!d) throw new Error("card without a draft");
      const words = text(card.html);
      expect(tags(card.html, "a")[0]?.attrs.href).toBe(urls.draft(d.draftId));
      expect(words).toContain(d.title);
      expect(words).toContain(d.planId);
      expect(words).toContain(d.source);
      expect(words).toContain(d.createdBy);
      expect(words).toContain(d.amends ? "sửa đổi kế hoạch đang chạy" : "kế hoạch mới");
      const tiles = Object.fromEntries(
        elements(card.html, "div").map((t) => [
          text(elements(t.html, "dt")[0]?.html ?? ""),
          text(elements(t.html, "dd")[0]?.html ?? ""),
        ]),
      );
      expect(tiles).toEqual({
        "Nhiệm vụ": String(d.obligations),
        "Có thời hạn": String(d.dated),
        "Cần rà soát": String(d.toReview),
        Lỗi: String(d.problems),
      });
    });
  });

  it("offers three ways to start, each posting to the drafts address with its source and the CSRF token", () => {
    const starts = forms(page).filter((x) => x.attrs.action === urls.drafts());
    expect(starts).toHaveLength(3);
    expect(starts.map((x) => named(x.html, "source")[0]?.attrs.value)).toEqual([
      "document",
      "plan",
      "template",
    ]);
    for (const x of starts) {
      expect(x.attrs.method).toBe("post");
      expect(csrfOf(x)).toBe(SESSION.csrfToken);
      expect(named(x.html, "planId").length).toBe(1);
    }
  });

  it("uploads a document as multipart, accepting .docx, .pdf and .txt, and states the largest size", () => {
    const upload = formTo(page, urls.drafts());
    expect(upload.attrs.enctype).toBe("multipart/form-data");
    const file = named(upload.html, "file")[0];
    expect(file?.attrs.type).toBe("file");
    expect(file?.attrs.accept?.split(",")).toEqual(expect.arrayContaining([".docx", ".pdf", ".txt"]));
    expect(text(upload.html)).toContain("tối đa 10 MB");
    const planOptions = tags(upload.html, "option").map((o) => o.attrs.value);
    expect(planOptions).toEqual(["", ...f.drafts.plans.map((p) => p.planId)]);
  });

  it("carries only published plans into a new year, and starts from a template with its issuer", () => {
    const [, carry, template] = forms(page).filter((x) => x.attrs.action === urls.drafts());
    if (!carry || !template) throw new Error("missing start forms");
    const from = elements(carry.html, "select").find((s) => s.attrs.name === "fromPlanId");
    expect(tags(from?.html ?? "", "option").map((o) => o.attrs.value)).toEqual(
      f.drafts.plans.filter((p) => p.published).map((p) => p.planId),
    );
    expect(named(carry.html, "year")[0]?.attrs.required).toBe("");
    expect(named(template.html, "templateId").map((t) => t.attrs.value)).toEqual(
      f.drafts.templates.map((t) => t.id),
    );
    expect(named(template.html, "issuerName")[0]?.attrs.required).toBe("");
  });

  it("shows no form to someone who may not act, and marks its place in the navigation", () => {
    expect(
      forms(draftsPage(f.drafts, committee)).filter((x) => x.attrs.action === urls.drafts()),
    ).toHaveLength(0);
    const nav = elements(page, "nav").find((n) => n.attrs.class === "sections");
    const current = tags(nav?.html ?? "", "a").find((a) => a.attrs["aria-current"] === "page");
    expect(current?.attrs.href).toBe(urls.drafts());
  });
});

describe("the navigation's plan-intake entry", () => {
  const overview = consoleFixtures().overview;
  const entry = (page: string) => tags(page, "a").filter((a) => a.attrs.href === urls.drafts());

  it("is there for the standing body on a plan's pages, and not for the committee", () => {
    expect(entry(overviewPage(overview, office))).toHaveLength(1);
    expect(entry(overviewPage(overview, committee))).toHaveLength(0);
  });
});

describe("a draft's review", () => {
  const page = draftPage(f.draft, office);
  const { table, rows } = rowsOf(page);
  const headers = elements(elements(table.html, "thead")[0]?.html ?? "", "th").map((h) => text(h.html));

  it("has every column the review needs", () => {
    expect(headers).toEqual([
      "Nội dung",
      "Thời gian như văn bản",
      "Máy hiểu",
      "Các hạn trong năm",
      "Chủ trì",
      "Phối hợp",
      "Nơi nhận",
      "Độ chắc chắn",
      "Sửa",
    ]);
  });

  it("gives each row's title and source, timing as written, rule, dates, units, recipient, certainty and edit link", () => {
    expect(rows).toHaveLength(f.draft.rows.length);
    rows.forEach((tr, i) => {
      const row = f.draft.rows[i];
      if (!row) throw new Error("table row without a draft row");
      const th = text(elements(tr.html, "th")[0]?.html ?? "");
      const cells = elements(tr.html, "td");
      // A phone shows each cell with its column's name (the cards): the labels follow the headers.
      expect(cells.map((c) => c.attrs["data-label"])).toEqual([...headers.slice(1, 8), ""]);
      const cell = (n: number) => text(cells[n]?.html ?? "");
      expect(th).toContain(row.title);
      expect(th).toContain(row.source);
      expect(cell(0)).toBe(row.timing);
      expect(cell(1)).toBe(row.ruleWords ?? "chưa đọc được");
      for (const d of row.dates.slice(0, 3)) expect(cell(2)).toContain(`${d.periodText}: ${d.dueText}`);
      if (row.dates.length > 3) expect(cell(2)).toContain(`và ${row.dates.length - 3} hạn khác`);
      for (const u of row.lead) expect(cell(3)).toContain(u.name);
      for (const u of row.coordinating) expect(cell(4)).toContain(u.name);
      if (row.recipient) expect(cell(5)).toContain(row.recipient);
      expect(cell(6)).toContain(certaintyLook(row.certainty).word);
      expect(tags(cells[7]?.html ?? "", "a")[0]?.attrs.href).toBe(
        urls.draftObligation(DRAFT_ID, row.obligationId),
      );
    });
  });

  it("marks the rows to review, the unread one flagged, and a person-confirmed one as checked", () => {
    rows.forEach((tr, i) => {
      const row = f.draft.rows[i];
      if (!row) throw new Error("table row without a draft row");
      expect(tr.attrs.class).toBe(needsReview(row) ? "need" : "ok");
    });
    const unread = rows[f.draft.rows.indexOf(f.unread)];
    expect(unread?.attrs.class).toBe("need");
    expect(
      elements(unread?.html ?? "", "span").some(
        (s) => s.attrs.class === "unread" && text(s.html) === "chưa đọc được",
      ),
    ).toBe(true);
    const confirmed = f.draft.rows.findIndex((r) => r.certainty === undefined);
    expect(text(rows[confirmed]?.html ?? "")).toContain("đã kiểm tra");
    expect(rows.filter((r) => r.attrs.class === "need").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.attrs.class === "ok").length).toBeGreaterThan(0);
  });

  it("links to the rows to review alone (the table's section as the fragment)", () => {
    const link = tags(page, "a").find((a) =>
      text(page.slice(a.end, page.indexOf("</a>", a.end))).startsWith("Chỉ hiện nhiệm vụ cần rà soát"),
    );
    expect(link?.attrs.href).toBe(`#${REVIEW_ONLY}`);
    const section = tags(page, "section").find((s) => s.attrs.id === REVIEW_ONLY);
    expect(section).toBeDefined();
    // The CSS that hides the other rows names the same id.
    expect(page).toContain(`#${REVIEW_ONLY}:target tbody tr.ok{display:none}`);
  });

  it("says what publishing changes in the published plan, lists review items without a row, and links to the units", () => {
    const c = f.draft.comparison;
    if (!c) throw new Error("fixture without a comparison");
    expect(text(page)).toContain(`lịch: ${c.same} hạn trùng, ${c.added} hạn mới, ${c.removed} hạn không còn`);
    for (const r of f.draft.review) {
      expect(text(page)).toContain(r.what);
      expect(text(page)).toContain(r.why);
    }
    expect(tags(page, "a").some((a) => a.attrs.href === urls.draftUnits(DRAFT_ID))).toBe(true);
    for (const u of f.draft.units.filter((x) => x.unreachable)) expect(text(page)).toContain(u.name);
    expect(tags(page, "a").find((a) => a.attrs.href === urls.draftYaml(DRAFT_ID))?.attrs.download).toBe("");
  });

  it("says how many of the running plan's deadlines publishing keeps and cancels, when it knows", () => {
    const c = f.draft.comparison;
    if (!c) throw new Error("fixture without a comparison");
    expect(text(page)).not.toContain("khi công bố: giữ");
    const counted = draftPage({ ...f.draft, comparison: { ...c, kept: 143, cancelled: 30 } }, office);
    expect(text(counted)).toContain(
      `lịch: ${c.same} hạn trùng, ${c.added} hạn mới, ${c.removed} hạn không còn`,
    );
    expect(text(counted)).toContain(
      "khi công bố: giữ 143 hạn của các đơn vị (cùng bài đã nộp và gia hạn), hủy 30",
    );
    // The publish form says what publishing cancels, as the publication counts it.
    expect(text(counted)).toContain(`đang chạy: 30 hạn sẽ bị hủy, ${c.added} hạn mới`);
  });

  it("lists plan:check's problems and disables publishing while there is one, saying why", () => {
    for (const p of f.draft.problems) expect(text(page)).toContain(p);
    const publish = formTo(page, urls.draftPublish(DRAFT_ID));
    const button = tags(publish.html, "button")[0];
    expect(button?.attrs.disabled).toBe("");
    const why = tags(publish.html, "p").find((p) => p.attrs.id === button?.attrs["aria-describedby"]);
    expect(why).toBeDefined();
    expect(text(publish.html)).toContain(`còn ${f.draft.problems.length} lỗi`);
  });

  it("lets a draft with no problem be published, confirmed, with the CSRF token; and discarded", () => {
    const ready = draftPage(f.ready, office);
    const publish = formTo(ready, urls.draftPublish(DRAFT_ID));
    expect(tags(publish.html, "button")[0]?.attrs.disabled).toBeUndefined();
    expect(
      tags(publish.html, "input").some((i) => i.attrs.type === "checkbox" && "required" in i.attrs),
    ).toBe(true);
    expect(csrfOf(publish)).toBe(SESSION.csrfToken);
    const discard = formTo(ready, urls.draftDiscard(DRAFT_ID));
    expect(discard.attrs.method).toBe("post");
    expect(csrfOf(discard)).toBe(SESSION.csrfToken);
    expect(
      forms(draftPage(f.ready, committee)).filter((x) =>
        (x.attrs.action ?? "").startsWith(urls.draft(DRAFT_ID)),
      ),
    ).toHaveLength(0);
  });
});

describe("correcting one row", () => {
  const page = draftObligationPage(f.draft, f.unread, office);
  const withProblem = draftObligationPage(f.draft, f.unread, office, f.problem);

  it("posts the correction and the removal to their addresses, with the CSRF token", () => {
    const save = formTo(page, urls.draftObligation(DRAFT_ID, f.unread.obligationId));
    expect(csrfOf(save)).toBe(SESSION.csrfToken);
    for (const name of Object.keys(ROW_FIELDS)) expect(named(save.html, name).length).toBeGreaterThan(0);
    const remove = formTo(page, urls.draftObligationRemove(DRAFT_ID, f.unread.obligationId));
    expect(csrfOf(remove)).toBe(SESSION.csrfToken);
    expect(named(remove.html, "reason")).toHaveLength(0);
  });

  it("fills the form from the row: the timing as written, its lead and coordinating units ticked", () => {
    const save = formTo(page, urls.draftObligation(DRAFT_ID, f.unread.obligationId));
    expect(named(save.html, "timing")[0]?.attrs.value).toBe(f.unread.timing);
    const ticked = (name: string) =>
      named(save.html, name)
        .filter((t) => "checked" in t.attrs)
        .map((t) => t.attrs.value);
    expect(ticked("lead")).toEqual(f.unread.lead.map((u) => u.id));
    expect(ticked("coordinating").sort()).toEqual(f.unread.coordinating.map((u) => u.id).sort());
    expect(
      named(save.html, "lead")
        .map((t) => t.attrs.value)
        .sort(),
    ).toEqual(f.draft.units.map((u) => u.id).sort());
    expect(tags(page).filter((t) => "aria-invalid" in t.attrs)).toEqual([]);
  });

  it("shows the saved dates server-side, in a polite live region the script redraws", () => {
    const region = elements(page, "div").find((d) => d.attrs.id === "xem-truoc");
    expect(region?.attrs["aria-live"]).toBe("polite");
    expect(text(region?.html ?? "")).toContain("chưa đọc được");
    const sure = draftObligationPage(f.draft, f.draft.rows[3] ?? f.sure, office);
    const dates = f.draft.rows[3]?.dates ?? [];
    const saved = text(elements(sure, "div").find((d) => d.attrs.id === "xem-truoc")?.html ?? "");
    for (const d of dates) expect(saved).toContain(`${d.periodText}: ${d.dueText}`);
  });

  it("puts the server's errors by their fields, aria-invalid, with a focused summary linking to each", () => {
    const summary = elements(withProblem, "section").find((s) => s.attrs.role === "alert");
    expect(summary?.attrs.autofocus).toBe("");
    expect(summary?.attrs.tabindex).toBe("-1");
    const links = tags(summary?.html ?? "", "a").map((a) => a.attrs.href);
    expect(links).toEqual(
      Object.keys(f.problem.fields).map((k) => `#${ROW_FIELDS[k as keyof typeof ROW_FIELDS]}`),
    );
    const timing = named(withProblem, "timing")[0];
    expect(timing?.attrs["aria-invalid"]).toBe("true");
    expect(timing?.attrs.value).toBe(f.problem.values.timing);
    const error = tags(withProblem, "p").find((p) => p.attrs.id === "thoi-gian-loi");
    expect(timing?.attrs["aria-describedby"]?.split(" ")).toContain(error?.attrs.id);
    expect(
      named(withProblem, "lead").every((t) => t.attrs["aria-invalid"] === "true" && !("checked" in t.attrs)),
    ).toBe(true);
    expect(
      named(withProblem, "coordinating")
        .filter((t) => "checked" in t.attrs)
        .map((t) => t.attrs.value)
        .sort(),
    ).toEqual(["pyt", "ttyt"]);
    expect(named(withProblem, "title")[0]?.attrs["aria-invalid"]).toBeUndefined();
  });

  it("runs the one script whose hash the CSP allows, fetching the preview address of this draft", () => {
    const scripts = elements(page, "script");
    expect(scripts).toHaveLength(1);
    const body = scripts[0]?.html ?? "";
    expect(body).toBe(DRAFT_PREVIEW_SCRIPT);
    expect(`sha256-${createHash("sha256").update(body, "utf8").digest("base64")}`).toBe(
      DRAFT_PREVIEW_SCRIPT_HASH,
    );
    const input = named(page, "timing")[0];
    expect(input?.attrs.id).toBe("thoi-gian");
    expect(input?.attrs["data-preview"]).toBe(urls.draftPreview(DRAFT_ID, ""));
    expect(body).toContain('getElementById("thoi-gian")');
    expect(body).toContain('getElementById("xem-truoc")');
    expect(body).toContain("setTimeout(ask, 300)");
  });

  it("widens the console's CSP by that hash and a same-origin fetch, nothing else", () => {
    const base =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    expect(htmlResponse(200, "", [], DRAFT_PREVIEW_SCRIPTS).headers?.["content-security-policy"]).toBe(
      `${base}; script-src '${DRAFT_PREVIEW_SCRIPT_HASH}'; connect-src 'self'`,
    );
  });

  it("shows a reader who may not act the row's dates and no form or script", () => {
    const read = draftObligationPage(f.draft, f.unread, committee);
    expect(forms(read).filter((x) => (x.attrs.action ?? "").startsWith(urls.draft(DRAFT_ID)))).toHaveLength(
      0,
    );
    expect(elements(read, "script")).toHaveLength(0);
  });
});

describe("the units' contacts", () => {
  const page = draftUnitsPage(f.draft, office);
  const cards = elements(page, "li").filter((li) => li.attrs.class?.startsWith("card"));

  it("puts the unreachable units first, marked, and says they will not be reminded", () => {
    const unreachable = f.draft.units.filter((u) => u.unreachable);
    const names = cards.map((c) => text(elements(c.html, "h3")[0]?.html ?? ""));
    expect(names.slice(0, unreachable.length)).toEqual(unreachable.map((u) => u.name));
    expect(names).toHaveLength(f.draft.units.length);
    cards.forEach((c, i) => {
      expect(text(c.html).includes("không nhắc được")).toBe(i < unreachable.length);
    });
    expect(text(page)).toContain("không có email và không có số điện thoại sẽ không được nhắc");
  });

  it("has one form per unit posting its contacts to the unit's address, with the CSRF token", () => {
    for (const u of f.draft.units) {
      const form = formTo(page, urls.draftUnit(DRAFT_ID, u.id));
      expect(csrfOf(form)).toBe(SESSION.csrfToken);
      expect(named(form.html, "person")[0]?.attrs.value ?? "").toBe(u.contacts.person ?? "");
      const emails = elements(form.html, "textarea").find((t) => t.attrs.name === "emails");
      expect(emails?.html).toBe(u.contacts.emails.join("\n"));
      expect(named(form.html, "phones")).toHaveLength(1);
    }
  });
});

describe("text from a document or a clerk", () => {
  const hostile = draftFixtures({ hostile: true });
  const pages = {
    drafts: draftsPage(hostile.drafts, office),
    draft: draftPage(hostile.draft, office),
    row: draftObligationPage(hostile.draft, hostile.sure, office, hostile.problem),
    units: draftUnitsPage(hostile.draft, office),
  };

  it.each(Object.entries(pages))("is escaped on the %s page", (_name, page) => {
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    // The only script is the preview's own.
    for (const s of elements(page, "script")) expect(s.html).toBe(DRAFT_PREVIEW_SCRIPT);
  });
});
