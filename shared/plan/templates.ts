/**
 * Plan templates: plan files under plans/templates/ (YAML, checked like any plan) that an office
 * starts a new plan from in the console. A template names its place "{địa phương}"; filling it
 * (pure) gives the new plan its id, year and issuer, and reads every timing phrase again for the
 * new year with the one reader (timing-phrase.ts).
 *
 * Where the templates are: beside this module in the repository (../../plans/templates), or, in
 * the console's Lambda bundle (one index.mjs at the bundle's root), in plans/templates beside the
 * bundle, copied there by the CDK bundling's afterBundling hook (infra/constructs/console.ts).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePlan } from "./load";
import type { Draft, PlanFile, PlanFileInput } from "./schema";

type PlanLevel = PlanFile["issuer"]["level"];

import { readTimingPhrase } from "./timing-phrase";

/** The folder copied into the console's bundle, relative to the repository's root. */
export const TEMPLATES_FOLDER = "plans/templates";
/** What a template writes where the place's name goes. */
export const PLACE = "{địa phương}";

export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
}

/** The templates folder: in the bundle beside the module, else in the repository. */
export function templatesDir(moduleUrl = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, TEMPLATES_FOLDER), join(here, "../..", TEMPLATES_FOLDER)];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[1] as string);
}

const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** The templates found: id (the file name), title and description (the file's first comment lines). */
export async function listTemplates(dir = templatesDir()): Promise<TemplateSummary[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), "utf8");
      // The file's opening comment: its first line is the title, the lines up to the first blank
      // one the description.
      const lines = text.split("\n");
      const opening = lines.slice(
        0,
        Math.max(
          0,
          lines.findIndex((l) => !l.startsWith("#")),
        ),
      );
      const [title = "", ...rest] = opening.map((l) => l.replace(/^#\s?/, "").trim());
      const end = rest.indexOf("");
      return {
        id: file.slice(0, -".yaml".length),
        title: title || file,
        description: (end >= 0 ? rest.slice(0, end) : rest).join(" "),
      };
    }),
  );
}

/** A template as a plan file; undefined when there is no template of that id. */
export async function loadTemplate(id: string, dir = templatesDir()): Promise<PlanFile | undefined> {
  if (!TEMPLATE_ID.test(id)) return undefined;
  const file = join(dir, `${id}.yaml`);
  if (!existsSync(file)) return undefined;
  return parsePlan(await readFile(file, "utf8"), `${id}.yaml`);
}

export interface FillOptions {
  templateId: string;
  /** The new plan's id. */
  id: string;
  year: number;
  /** "UBND phường Bồ Đề", "Ủy ban nhân dân xã Hưng Đạo". */
  issuerName: string;
  /** ISO instant, for draft.importedAt. */
  at: string;
}

/** "UBND phường Bồ Đề" → "phường Bồ Đề": the place the units are named after. */
export function placeOf(issuerName: string): string {
  return issuerName
    .trim()
    .replace(/^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, "")
    .trim();
}

function levelOf(place: string, otherwise: PlanLevel): PlanLevel {
  const p = place.toLowerCase();
  if (p.startsWith("phường")) return "ward";
  if (p.startsWith("xã") || p.startsWith("thị trấn")) return "commune";
  return otherwise;
}

/** A template filled for one office and year: a draft plan to review, contacts to fill. */
export function fillTemplate(template: PlanFile, options: FillOptions): PlanFileInput {
  const place = placeOf(options.issuerName);
  const named = (s: string) => s.replaceAll(PLACE, place);
  const yearOf = (s: string) => s.replaceAll(String(template.year), String(options.year));
  const review: Draft["review"] = [
    {
      what: "số và ngày ban hành",
      where: "đầu văn bản",
      why: `kế hoạch năm ${options.year} chưa có số: ghi số và ngày ban hành khi ký`,
    },
    {
      what: "liên hệ của các đơn vị",
      where: "đơn vị",
      why: "mẫu không có email, số điện thoại: điền cho mỗi đơn vị có việc phải nộp, nếu không sẽ không ai được nhắc",
    },
    {
      what: "danh sách đơn vị và việc",
      where: "toàn văn",
      why: "lập từ mẫu: thêm, bớt đơn vị và việc cho đúng với kế hoạch của địa phương",
    },
  ];
  const obligations = template.obligations.map((o) => {
    const rule = readTimingPhrase(o.timing, options.year);
    if (!rule && o.schedule.kind !== "unstated")
      review.push({
        what: o.title,
        where: o.source,
        why: `chưa đọc được thời hạn "${o.timing}" cho năm ${options.year}: giữ như mẫu`,
      });
    return { ...o, title: named(o.title), ...(rule && { schedule: rule }) };
  });
  const { draft: _none, ...rest } = template;
  return {
    ...rest,
    id: options.id,
    title: yearOf(named(template.title)),
    issuer: {
      ...template.issuer,
      name: options.issuerName.trim(),
      level: levelOf(place, template.issuer.level),
    },
    number: "…/KH-UBND",
    issuedOn: String(options.year),
    year: options.year,
    ...(template.untilYear !== undefined && {
      untilYear: template.untilYear + (options.year - template.year),
    }),
    units: template.units.map((u) => ({
      ...u,
      name: named(u.name),
      aliases: u.aliases.map(named),
      contacts: { emails: [], phones: [] },
    })),
    groups: template.groups.map((g) => ({ ...g, name: named(g.name) })),
    obligations,
    draft: { source: `mẫu ${options.templateId}`, importedAt: options.at, review },
  };
}
