/** Raw duties, targets and unit mentions → a plan file input with a draft block. */
import type { Obligation, PlanFileInput, ScheduleRule } from "../schema";
import { readTimingPhrase, readTimingSchedules } from "../timing-phrase";
import type { Head } from "./read";
import type { RawDuty } from "./tables";
import type { RawTarget } from "./targets";
import { type Mention, slug, type UnitSpec } from "./units";

type Review = { what: string; where: string; why: string };
type UnitIn = NonNullable<PlanFileInput["units"]>[number];
type ObligationIn = NonNullable<PlanFileInput["obligations"]>[number];

interface Input {
  head: Head;
  duties: Array<RawDuty & { to?: Mention; via?: Mention }>;
  targets: RawTarget[];
  wardNames: Array<{ name: string; where: string }>;
  extraUnits: Mention[];
  review: Review[];
  opts: { source: string; importedAt: string };
  standing: Mention | undefined;
}

export function assemble(input: Input): PlanFileInput {
  const { head, review } = input;
  review.push(...head.doubts);
  const units = new Map<string, UnitIn>();
  const groups = new Map<string, { id: string; name: string; members: string[] }>();
  const issuerId = "ubnd";
  units.set(issuerId, { id: issuerId, name: head.issuer.name, kind: "people-committee", aliases: [] });

  const wardIds = [...new Set(input.wardNames.map((w) => w.name))].map((name) => {
    const where = input.wardNames.find((w) => w.name === name)?.where ?? "";
    const word = head.issuer.level === "district" && /huyện/u.test(head.issuer.name) ? "xã" : "phường";
    const id = `${word === "xã" ? "xa" : "p"}-${slug(name)}`;
    units.set(id, {
      id,
      name: `UBND ${word} ${name}`,
      kind: word === "xã" ? "commune" : "ward",
      aliases: [name, `${word[0]?.toUpperCase()}${word.slice(1)} ${name}`],
      origin: { where, confidence: 0.8 },
    });
    return id;
  });

  // In a ward's or commune's own plan, "UBND phường" / "UBND xã" without "các" is the issuer.
  const ownLevel = { ward: "cac-phuong", commune: "cac-xa" }[head.issuer.level as string];
  const idOf = (spec: UnitSpec, text: string, where: string): string => {
    if (spec.key === ownLevel && !/các|\d/u.test(text)) return issuerId;
    if (spec.group) {
      const existing = groups.get(spec.key);
      if (!existing) {
        let members = spec.kind === "ward" || spec.kind === "commune" ? wardIds : [];
        if (members.length === 0) {
          const placeholder = `${spec.key}-chua-co-danh-sach`;
          units.set(placeholder, {
            id: placeholder,
            name: `${spec.name} (chưa có danh sách)`,
            kind: spec.kind,
            aliases: [],
          });
          members = [placeholder];
          review.push({
            what: spec.name,
            where,
            why: "văn bản không liệt kê từng đơn vị của nhóm: thêm danh sách",
          });
        }
        groups.set(spec.key, { id: spec.key, name: spec.name, members });
      }
      return spec.key;
    }
    const unit = units.get(spec.key);
    if (unit) {
      if (!unit.aliases?.includes(text)) unit.aliases?.push(text);
    } else {
      units.set(spec.key, {
        id: spec.key,
        name: spec.name,
        kind: spec.kind,
        aliases: [text],
        origin: { where, confidence: 0.7 },
      });
    }
    return spec.key;
  };
  for (const m of input.extraUnits) idOf(m.spec, m.text, "bảng phân công");

  const obligations: ObligationIn[] = [];
  const used = new Set<string>();
  for (const d of input.duties) {
    // "… hoặc đột xuất khi có yêu cầu": the main schedule, and the others kept beside it.
    const [main, ...alsoSchedules] = d.timing ? (readTimingSchedules(d.timing, head.year) ?? []) : [];
    let schedule: ScheduleRule | undefined = d.timing ? main : { kind: "unstated" };
    if (d.timing && !schedule) {
      review.push({
        what: d.timing,
        where: d.where,
        why: "chưa đọc được cụm từ thời gian: ghi tạm là theo sự việc",
      });
      schedule = { kind: "event" };
    }
    if (schedule?.kind === "monthly" && head.issueMonth && head.issueMonth < 12) {
      // A plan cannot ask for reports before it exists: monthly reports start the month after issue.
      schedule = { ...schedule, from: `${head.year}-${String(head.issueMonth + 1).padStart(2, "0")}` };
      review.push({
        what: d.timing ?? "",
        where: d.where,
        why: "báo cáo tháng tính từ tháng sau ngày ban hành: kiểm tra",
      });
    }
    let lead = [...new Set(d.lead.map((m) => idOf(m.spec, m.text, d.where)))];
    if (lead.length === 0) {
      lead = [issuerId];
      review.push({
        what: d.title.slice(0, 80),
        where: d.where,
        why: d.doubt ?? "không đọc được đơn vị chủ trì: tạm giao UBND",
      });
    }
    const coordinating = [...new Set(d.coordinating.map((m) => idOf(m.spec, m.text, d.where)))].filter(
      (id) => !lead.includes(id),
    );
    const base = slug(`${d.where.replace(/^Mục /u, "")} ${d.title}`).slice(0, 50) || "nhiem-vu";
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    const deliverable =
      /(?:^|\s)(?:Xây dựng|Lập|Báo cáo|Tổng hợp|gửi|nộp|ban hành)\s[^,.;]*?(kế hoạch|danh sách|báo cáo)|báo cáo/iu.exec(
        d.title,
      );
    const ob: ObligationIn = {
      id,
      title: d.title || d.timing || "(không đọc được nội dung)",
      source: d.where,
      ...(d.timing && { timing: d.timing }),
      schedule,
      ...(alsoSchedules.length > 0 && { alsoSchedules }),
      ...(d.place && { place: d.place }),
      lead,
      coordinating,
      origin: {
        // Body sentences carry their line; table rows already say where they are.
        where: d.line > 0 && !/dòng/u.test(d.where) ? `${d.where}, dòng ${d.line}` : d.where,
        confidence: d.confidence,
      },
    };
    // Something to hand in: a plan, list or report, or anything sent to a named unit.
    if ((deliverable || d.to) && d.timing && readTimingPhrase(d.timing, head.year)) {
      const to = d.to ? idOf(d.to.spec, d.to.text, d.where) : undefined;
      const via = d.via ? idOf(d.via.spec, d.via.text, d.where) : undefined;
      ob.deliverable = {
        what: (deliverable?.[0] ?? d.title).trim().slice(0, 80),
        ...(to && !groups.has(to) && { to }),
        ...(via && !groups.has(via) && { via }),
        ...(!to && { unstatedRecipient: true }),
      };
    }
    obligations.push(ob as Obligation);
  }

  // A plan that sets work "đến năm 2030" runs until then.
  const horizon = Math.max(
    head.year,
    ...obligations.map((o) => (o.schedule?.kind === "by-year" ? o.schedule.year : head.year)),
  );
  endDistrictTier(head, horizon, issuerId, units, review);

  const steering = units.has("bcd") ? "bcd" : issuerId;
  const standingSpec = input.standing?.spec;
  const standing =
    standingSpec && !standingSpec.group
      ? idOf(standingSpec, input.standing?.text ?? "", "cơ quan thường trực")
      : units.has("pyt")
        ? "pyt"
        : units.has("ttyt")
          ? "ttyt"
          : issuerId;
  if (!input.standing)
    review.push({
      what: "cơ quan thường trực",
      where: "toàn văn",
      why: `không thấy câu nêu cơ quan thường trực: tạm ghi ${standing}`,
    });

  const targets = input.targets.map((t, i) => ({
    id: `chi-tieu-${i + 1}`,
    title: t.title,
    source: t.where,
    asWritten: t.asWritten,
    ...(t.comparator && { comparator: t.comparator }),
    ...(t.comparatorAsWritten && { comparatorAsWritten: t.comparatorAsWritten }),
    ...(t.value !== undefined && { value: t.value }),
    ...(t.unit && { unit: t.unit }),
    ...(t.year && { year: t.year }),
    origin: { where: t.where, confidence: 0.6 },
  }));

  return {
    id: slug(`${head.issuer.place || head.issuer.name} ${head.year}`) || "ke-hoach",
    title: head.title,
    issuer: { name: head.issuer.name, level: head.issuer.level, unit: issuerId },
    number: head.number,
    issuedOn: head.issuedOn,
    year: head.year,
    ...(horizon > head.year && { untilYear: horizon }),
    steeringCommittee: { unit: steering, standingBody: standing },
    units: [...units.values()],
    groups: [...groups.values()],
    obligations,
    targets,
    draft: { source: input.opts.source, importedAt: input.opts.importedAt, review },
  };
}

/** The last day of district-level government: Vietnam has two tiers of local government from 1/7/2025. */
export const DISTRICT_TIER_LAST_DAY = "2025-06-30";
const DISTRICT_BODIES = new Set<UnitIn["kind"]>(["steering-committee", "health-office", "department"]);

/**
 * A district's own bodies (its People's Committee, steering committee, offices) ended with the
 * district tier. A district plan that runs past 2025 cannot hold them to work after that day: they
 * get `validUntil`, and the office names their successors. A 2025 plan keeps them through its year
 * (who took over the second half is the office's decision) and the review list says so.
 */
function endDistrictTier(
  head: Head,
  horizon: number,
  issuerId: string,
  units: Map<string, UnitIn>,
  review: Review[],
): void {
  const lastYear = Number(DISTRICT_TIER_LAST_DAY.slice(0, 4));
  if (head.issuer.level !== "district" || head.year > lastYear || horizon < lastYear) return;
  const bodies = [...units.values()].filter((u) => u.id === issuerId || DISTRICT_BODIES.has(u.kind));
  if (bodies.length === 0) return;
  const names = bodies.map((u) => u.name).join(", ");
  if (horizon > lastYear) {
    for (const u of bodies) u.validUntil = DISTRICT_TIER_LAST_DAY;
    review.push({
      what: names,
      where: "toàn văn",
      why: "cấp huyện kết thúc từ 01/7/2025: các đơn vị này chỉ được giao việc đến 30/6/2025; thêm đơn vị kế nhiệm cho các năm sau",
    });
  } else {
    review.push({
      what: names,
      where: "toàn văn",
      why: "cấp huyện kết thúc từ 01/7/2025: kiểm tra đơn vị nào nhận các việc của 6 tháng cuối năm",
    });
  }
}
