/**
 * The console's action forms: shown only to a user who may act (the standing body), each a POST to
 * its route with the session's CSRF token and a reason (required except when accepting), with the
 * field names the handler reads.
 */
import { describe, expect, it } from "vitest";
import { deadlinePage } from "../../shared/web/console/deadline";
import { heatmapPage } from "../../shared/web/console/heatmap";
import { overviewPage } from "../../shared/web/console/overview";
import { submissionPage } from "../../shared/web/console/submission";
import { unitPage } from "../../shared/web/console/unit";
import { consoleUrls } from "../../shared/web/console/urls";
import { consoleFixtures, context, SESSION } from "./console-fixtures";
import { elements, type Tag, tags, text } from "./console-html";

const f = consoleFixtures();
const urls = consoleUrls();
const SIGN_OUT = urls.signOut();

type Form = Tag & { html: string };

/** The forms that change something about the plan (every page also has the sign-out form). */
const actionForms = (page: string): Form[] =>
  elements(page, "form").filter((form) => form.attrs.action !== SIGN_OUT);

function control(form: Form, name: string): Tag | undefined {
  return [...tags(form.html, "input"), ...tags(form.html, "select"), ...tags(form.html, "textarea")].find(
    (t) => t.attrs.name === name,
  );
}

function expectGuarded(form: Form, reasonRequired: boolean) {
  expect(form.attrs.method).toBe("post");
  const csrf = tags(form.html, "input").filter((i) => i.attrs.name === "csrf");
  expect(csrf).toHaveLength(1);
  expect(csrf[0]?.attrs).toMatchObject({ type: "hidden", value: SESSION.csrfToken });
  const reason = control(form, "reason");
  expect(reason?.name).toBe("textarea");
  expect("required" in (reason?.attrs ?? {})).toBe(reasonRequired);
}

const options = (select: string) =>
  elements(select, "option").map((o) => ({ value: o.attrs.value, text: text(o.html) }));

describe("the deadline page's actions", () => {
  const { planId } = f.deadline.plan;
  const { obligationId, period } = f.deadline.deadline;
  const page = deadlinePage(f.deadline, context(true));
  const forms = actionForms(page);
  const byAction = (action: string) => forms.find((form) => form.attrs.action === action) as Form;
  const open = f.deadline.units.filter((u) => ["pending", "missing", "returned"].includes(u.status));

  it("offers extend, waive and remind now, each posting to its route", () => {
    expect(forms.map((form) => form.attrs.action).sort()).toEqual(
      [
        urls.extend(planId, obligationId, period),
        urls.waive(planId, obligationId, period),
        urls.remind(planId, obligationId, period),
      ].sort(),
    );
    for (const form of forms) expectGuarded(form, true);
  });

  it("extends to a day (required), the cut-off 23:59 of it as the hint says, for all units or one", () => {
    const form = byAction(urls.extend(planId, obligationId, period));
    expect(control(form, "until")?.attrs).toMatchObject({
      type: "date",
      "aria-describedby": "gia-han-ngay-hint",
    });
    expect("required" in (control(form, "until")?.attrs ?? {})).toBe(true);
    expect(text(form.html)).toContain("Hạn chót mới là 23:59 của ngày này (giờ Việt Nam).");
    // No time to pick: the action takes a day (its cut-off is the end of it) and would drop one.
    expect(control(form, "time")).toBeUndefined();
    const select = elements(form.html, "select").find((s) => s.attrs.name === "unitId") as Form;
    const choices = options(select.html);
    expect(choices[0]).toEqual({ value: "", text: "Tất cả đơn vị" });
    expect(choices.slice(1).map((c) => c.value)).toEqual(f.deadline.units.map((u) => u.unitId));
  });

  it("waives one unit among those still owing, which must be chosen", () => {
    const form = byAction(urls.waive(planId, obligationId, period));
    const select = elements(form.html, "select").find((s) => s.attrs.name === "unitId") as Form;
    expect("required" in select.attrs).toBe(true);
    const choices = options(select.html);
    expect(choices[0]?.value).toBe("");
    expect(choices.slice(1).map((c) => c.value)).toEqual(open.map((u) => u.unitId));
  });

  it('reminds "all" units still owing by default, or one of them', () => {
    const form = byAction(urls.remind(planId, obligationId, period));
    const select = elements(form.html, "select").find((s) => s.attrs.name === "unitId") as Form;
    const choices = options(select.html);
    expect(choices[0]?.value).toBe("all");
    expect(choices[0]?.text).toContain(`(${open.length})`);
    expect(choices.slice(1).map((c) => c.value)).toEqual(open.map((u) => u.unitId));
  });

  it("has no waive or remind form when every unit has reported or been excused", () => {
    const done = {
      ...f.deadline,
      units: f.deadline.units.map((u) =>
        ["pending", "missing", "returned"].includes(u.status) ? { ...u, status: "waived" as const } : u,
      ),
    };
    const actions = actionForms(deadlinePage(done, context(true))).map((form) => form.attrs.action);
    expect(actions).toEqual([urls.extend(planId, obligationId, period)]);
  });

  it("offers nothing on a cancelled deadline", () => {
    const cancelled = { ...f.deadline, deadline: { ...f.deadline.deadline, state: "cancelled" as const } };
    expect(actionForms(deadlinePage(cancelled, context(true)))).toEqual([]);
  });
});

describe("the submission page's actions", () => {
  const { planId } = f.submission.plan;
  const { instanceId, receipt } = f.submission;

  it("accepts with an optional reason and returns with a required one", () => {
    const forms = actionForms(submissionPage(f.submission, context(true)));
    const accept = forms.find(
      (form) => form.attrs.action === urls.accept(planId, instanceId, receipt),
    ) as Form;
    const giveBack = forms.find(
      (form) => form.attrs.action === urls.return(planId, instanceId, receipt),
    ) as Form;
    expect(forms).toHaveLength(2);
    expectGuarded(accept, false);
    expectGuarded(giveBack, true);
  });

  it("offers no form for the decision already taken on the version (the action would refuse it)", () => {
    const withDecision = (decision: "accepted" | "returned") => ({
      ...f.submission,
      history: f.submission.history.map((v) =>
        v.receipt === receipt ? { ...v, decision, reason: "Lý do đã ghi" } : v,
      ),
    });
    const returned = submissionPage(withDecision("returned"), context(true));
    expect(actionForms(returned).map((form) => form.attrs.action)).toEqual([
      urls.accept(planId, instanceId, receipt),
    ]);
    expect(text(returned)).toContain("Bản này đã bị trả lại");
    const accepted = submissionPage(withDecision("accepted"), context(true));
    expect(actionForms(accepted).map((form) => form.attrs.action)).toEqual([
      urls.return(planId, instanceId, receipt),
    ]);
    expect(text(accepted)).toContain("Bản này đã được chấp nhận.");
  });

  it("acts only on the latest version", () => {
    const old = { ...f.submission, isLatest: false };
    const page = submissionPage(old, context(true));
    expect(actionForms(page)).toEqual([]);
    expect(text(page)).toContain("Chỉ bản mới nhất");
  });
});

describe("the unit page's contacts form", () => {
  it("posts the person, one email and one phone per line, and a required reason", () => {
    const page = unitPage(f.unit, context(true));
    const [form] = actionForms(page);
    expect(form?.attrs.action).toBe(urls.contacts(f.unit.plan.planId, f.unit.unit.unitId));
    expectGuarded(form as Form, true);
    expect(control(form as Form, "person")?.attrs.value).toBe(f.unit.unit.contacts.person);
    const area = (name: string) =>
      elements((form as Form).html, "textarea").find((t) => t.attrs.name === name)?.html;
    expect(area("emails")).toBe(f.unit.unit.contacts.emails.join("\n"));
    expect(area("phones")).toBe(f.unit.unit.contacts.phones.join("\n"));
  });
});

describe("who sees the actions", () => {
  const readOnly = context(false);
  it.each([
    ["deadline", () => deadlinePage(f.deadline, readOnly)],
    ["submission", () => submissionPage(f.submission, readOnly)],
    ["unit", () => unitPage(f.unit, readOnly)],
    ["overview", () => overviewPage(f.overview, readOnly)],
    ["heatmap", () => heatmapPage(f.heatmap, readOnly)],
  ])("a user who may not act sees no action form on the %s page, only sign-out", (_name, render) => {
    const page = render();
    expect(actionForms(page)).toEqual([]);
    const signOut = elements(page, "form").filter((form) => form.attrs.action === SIGN_OUT);
    expect(signOut).toHaveLength(1);
    expect(signOut[0]?.attrs.method).toBe("post");
    expect(tags(signOut[0]?.html ?? "", "input")[0]?.attrs).toMatchObject({ name: "csrf", type: "hidden" });
  });

  it("the same pages for the standing body hold the forms", () => {
    const ctx = context(true);
    expect(actionForms(deadlinePage(f.deadline, ctx))).toHaveLength(3);
    expect(actionForms(submissionPage(f.submission, ctx))).toHaveLength(2);
    expect(actionForms(unitPage(f.unit, ctx))).toHaveLength(1);
  });
});
