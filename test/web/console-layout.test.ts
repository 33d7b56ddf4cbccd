/**
 * What every console page must hold whatever it shows: Vietnamese, landmarks, a skip link, one h1
 * and headings in order, captioned tables with scoped headers, a label for every control, wide
 * tables in named focusable regions, unique ids; every value from data escaped; status colours
 * with enough contrast; and the addresses built from the routes with encoded segments.
 */
import { describe, expect, it } from "vitest";
import { HTTP_ROUTES } from "../../functions/routes";
import { CELL_STATUSES } from "../../shared/console/model";
import { auditPage } from "../../shared/web/console/audit";
import { deadlinePage } from "../../shared/web/console/deadline";
import { STATUS_COLOURS, statusLook } from "../../shared/web/console/format";
import { heatmapPage } from "../../shared/web/console/heatmap";
import type { ConsoleContext } from "../../shared/web/console/layout";
import { overviewPage } from "../../shared/web/console/overview";
import { rankingPage } from "../../shared/web/console/ranking";
import { consoleErrorPage, signInPage } from "../../shared/web/console/sign-in";
import { submissionPage } from "../../shared/web/console/submission";
import { targetsPage } from "../../shared/web/console/targets";
import { unitPage } from "../../shared/web/console/unit";
import { consoleUrls } from "../../shared/web/console/urls";
import { type ConsoleFixtures, consoleFixtures, context, HOSTILE } from "./console-fixtures";
import { elements, tags, text } from "./console-html";

function allPages(f: ConsoleFixtures, ctx: ConsoleContext): Record<string, string> {
  return {
    overview: overviewPage(f.overview, ctx),
    heatmap: heatmapPage(f.heatmap, ctx),
    deadline: deadlinePage(f.deadline, ctx),
    submission: submissionPage(f.submission, ctx),
    unit: unitPage(f.unit, ctx),
    targets: targetsPage(f.targets, ctx),
    audit: auditPage(f.audit, ctx),
    ranking: rankingPage(f.ranking, ctx),
    error: consoleErrorPage(
      { status: 403, title: "Không có quyền", message: "Bạn không có quyền xem kế hoạch này." },
      ctx,
    ),
  };
}

const fixtures = consoleFixtures();
const pages = {
  ...allPages(fixtures, context(true)),
  ...Object.fromEntries(
    Object.entries(allPages(fixtures, context(false))).map(([k, v]) => [`${k} (read only)`, v]),
  ),
  "sign-in": signInPage({
    error: "Email hoặc mật khẩu không đúng.",
    email: "a@b.vn",
    next: "/console/plans/x",
  }),
};

describe.each(Object.entries(pages))("the %s page", (_name, page) => {
  it("is Vietnamese, with landmarks, a skip link to the main content and no script", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(tags(page, "html")[0]?.attrs.lang).toBe("vi");
    const skip = tags(page, "a")[0];
    expect(skip?.attrs.class).toBe("skip");
    expect(skip?.attrs.href).toBe("#noi-dung");
    expect(tags(page, "main").map((m) => m.attrs.id)).toEqual(["noi-dung"]);
    expect(tags(page, "header")).toHaveLength(1);
    expect(tags(page, "footer")).toHaveLength(1);
    expect(page).not.toMatch(/<script/i);
    expect(tags(page, "meta").some((m) => m.attrs.name === "viewport")).toBe(true);
  });

  it("has one h1 and never skips a heading level", () => {
    const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => {
      if (i > 0) expect(level).toBeLessThanOrEqual((levels[i - 1] as number) + 1);
    });
  });

  it("captions every table, scopes every header cell, and scrolls wide tables in a named, focusable region", () => {
    for (const table of elements(page, "table")) expect(table.html).toMatch(/^\s*<caption>[^<]*\S/);
    for (const th of tags(page, "th")) expect(["col", "row"]).toContain(th.attrs.scope);
    const regions = tags(page, "div").filter((d) => d.attrs.class?.split(" ").includes("scroll"));
    expect(regions.length).toBe(tags(page, "table").length);
    for (const r of regions) {
      expect(r.attrs.role).toBe("region");
      expect(r.attrs.tabindex).toBe("0");
      expect(r.attrs["aria-label"]?.length).toBeGreaterThan(5);
    }
  });

  it("labels every control and gives no two elements the same id", () => {
    const ids = tags(page)
      .map((t) => t.attrs.id)
      .filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const labelled = new Set(tags(page, "label").map((l) => l.attrs.for));
    const controls = [...tags(page, "input"), ...tags(page, "select"), ...tags(page, "textarea")].filter(
      (c) => c.attrs.type !== "hidden",
    );
    for (const c of controls) expect(labelled.has(c.attrs.id), `${c.name} ${c.attrs.name}`).toBe(true);
    for (const b of elements(page, "button")) expect(text(b.html).length).toBeGreaterThan(0);
  });

  it("refers only to ids that exist (labels, descriptions, in-page links)", () => {
    const ids = new Set(tags(page).map((t) => t.attrs.id));
    for (const t of tags(page)) {
      for (const attr of ["aria-labelledby", "aria-describedby"])
        for (const id of t.attrs[attr]?.split(" ") ?? []) expect(ids.has(id), `${attr}=${id}`).toBe(true);
      if (t.name === "a" && t.attrs.href?.startsWith("#")) expect(ids.has(t.attrs.href.slice(1))).toBe(true);
    }
  });
});

describe("escaping", () => {
  const hostile = consoleFixtures({ hostile: true });
  const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;";

  it.each(Object.entries(allPages(hostile, context(true))))(
    "the %s page shows markup typed into the data as text",
    (name, page) => {
      expect(page).not.toContain("<script");
      if (name !== "error") expect(page).toContain(escaped);
    },
  );

  it("escapes the session's name, the sign-in email, the next address and the error page's words", () => {
    const ctx = context(true, { session: { ...context(true).session, name: HOSTILE, csrfToken: `"><b>` } });
    const page = overviewPage(hostile.overview, ctx);
    expect(page).not.toContain("<script");
    expect(page).toContain('value="&quot;&gt;&lt;b&gt;"');
    const signIn = signInPage({ email: `"><script>`, next: `"><script>`, error: HOSTILE });
    expect(signIn).not.toContain("<script");
    expect(consoleErrorPage({ status: 500, title: HOSTILE, message: HOSTILE })).not.toContain("<script");
  });

  it("puts a hostile unit name inside attributes safely (the heatmap's cell titles and labels)", () => {
    const page = heatmapPage(hostile.heatmap, context(false));
    for (const t of tags(page)) for (const v of Object.values(t.attrs)) expect(v).not.toContain("<script");
    expect(text(page)).toContain(HOSTILE);
  });
});

/** WCAG relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("status colours and symbols", () => {
  it.each(CELL_STATUSES)("%s: text on its colour meets WCAG AA (4.5:1) and has a symbol and words", (s) => {
    const c = STATUS_COLOURS[s];
    expect(contrast(c.fg, c.bg)).toBeGreaterThanOrEqual(4.5);
    const look = statusLook(s, 3);
    expect(look.symbol.length).toBeGreaterThan(0);
    expect(look.text.length).toBeGreaterThan(3);
    expect(look.cls).toBe(`s-${s}`);
  });

  it("tells every status apart by its symbol, not only by colour", () => {
    const symbols = CELL_STATUSES.map((s) => statusLook(s).symbol);
    expect(new Set(symbols).size).toBe(CELL_STATUSES.length);
  });

  it("keeps the palette's other text pairs at AA too", () => {
    expect(contrast("#ffffff", "#0b5394")).toBeGreaterThanOrEqual(4.5); // header, buttons
    expect(contrast("#4f5a65", "#f4f6f8")).toBeGreaterThanOrEqual(4.5); // small print on the page
    expect(contrast("#3d4751", "#f6f8fa")).toBeGreaterThanOrEqual(4.5); // table headers
    expect(contrast("#ffffff", "#a61b1b")).toBeGreaterThanOrEqual(4.5); // the return button
    expect(contrast("#0b5394", "#ffffff")).toBeGreaterThanOrEqual(4.5); // links
  });
});

describe("console addresses", () => {
  const urls = consoleUrls();
  const routePaths = HTTP_ROUTES.filter((r) => r.handler === "console").map(
    (r) => r.routeKey.split(" ")[1] as string,
  );
  /** The route a concrete path matches ({param} matches one segment). */
  const route = (path: string) =>
    routePaths.find((p) =>
      new RegExp(`^${p.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path.split("?")[0] as string),
    );

  it("builds each page, action and export address on a console route", () => {
    const built = [
      urls.home(),
      urls.signIn(),
      urls.signOut(),
      urls.overview("p", 2025),
      urls.heatmap("p"),
      urls.deadline("p", "o", "2025-Q1"),
      urls.extend("p", "o", "2025-Q1"),
      urls.waive("p", "o", "2025-Q1"),
      urls.remind("p", "o", "2025-Q1"),
      urls.submission("p", "p:o:2025-Q1:u", "HC-AAAAA-BBBBB"),
      urls.accept("p", "p:o:2025-Q1:u", "HC-AAAAA-BBBBB"),
      urls.return("p", "p:o:2025-Q1:u", "HC-AAAAA-BBBBB"),
      urls.unit("p", "u"),
      urls.contacts("p", "u"),
      urls.targets("p"),
      urls.audit("p"),
      urls.ranking("so-y-te"),
      urls.timelinessExport("p", 2025, "csv"),
      urls.timelinessExport("p", 2025, "xlsx"),
      urls.submissionsExport("p", "o", "2025-Q1", "csv"),
      urls.submissionsExport("p", "o", "2025-Q1", "xlsx"),
      urls.auditExport("p", "csv"),
      urls.auditExport("p", "xlsx"),
    ];
    for (const path of built) expect(route(path), path).toBeDefined();
  });

  it("encodes every segment, so a period with a slash or an id with odd characters stays one segment", () => {
    expect(urls.deadline("long-bien-2025", "o", "2025-03/2025-07")).toBe(
      "/console/plans/long-bien-2025/deadlines/o/2025-03%2F2025-07",
    );
    expect(urls.submission("p", "p:o:2025-Q1:u", "HC-1")).toBe(
      "/console/plans/p/submissions/p%3Ao%3A2025-Q1%3Au/HC-1",
    );
    expect(urls.unit("p", "../admin")).toBe("/console/plans/p/units/..%2Fadmin");
    expect(urls.timelinessExport("p", 2025, "csv")).toBe("/console/plans/p/timeliness.csv?year=2025");
  });

  it("prefixes a deployment's base path", () => {
    expect(consoleUrls("/prod/").overview("p")).toBe("/prod/console/plans/p");
    const page = overviewPage(fixtures.overview, context(true, { basePath: "/prod" }));
    const hrefs = tags(page, "a")
      .map((a) => a.attrs.href ?? "")
      .filter((h) => h.startsWith("/"));
    expect(hrefs.length).toBeGreaterThan(10);
    for (const h of hrefs) expect(h).toMatch(/^\/prod\/console(\/|$)/);
  });
});
