/**
 * The body of a plan — its numbered sections before the "Biểu" tables — read sentence by sentence.
 *
 * A sentence that assigns work (it starts with a duty verb: xây dựng, tổ chức, báo cáo, …) and
 * carries a timing phrase becomes a duty. Its lead is, in order: the unit that is the sentence's
 * subject ("Các phường báo cáo …", "Giao Phòng Y tế: …"); the unit the section is about
 * ("3. Trạm Y tế xã"); the wards where the work is done ("trên địa bàn 13/13 phường"); and, for
 * dated work only, the unit whose assignment under "Tổ chức thực hiện" speaks of the same thing
 * (see topic.ts), else the plan's standing body or the unit that section names first. The last
 * three are guesses: the duty is kept with a low certainty and listed for review.
 *
 * Sections of aims and targets (mục đích, yêu cầu, mục tiêu, chỉ tiêu) and the preamble assign
 * no work; a year in the name of another document ("Chương trình … đến năm 2030", "Quy hoạch …
 * đến năm 2030, tầm nhìn …") is not a deadline. A dated sentence that assigns no clear work is
 * listed for review, not read as a duty.
 */
import { isDated } from "../../calendar/rules";
import type { ScheduleRule } from "../schema";
import { readTimingPhrase } from "../timing-phrase";
import type { Block } from "./document";
import type { RawDuty } from "./tables";
import { TopicIndex } from "./topic";
import { findUnits, type Mention, unitRuns } from "./units";

type Review = { what: string; where: string; why: string };

export interface BodyReading {
  duties: Array<RawDuty & { to?: Mention; via?: Mention }>;
  /** The unit named as the committee's standing body (cơ quan / đơn vị thường trực). */
  standing: Mention | undefined;
  review: Review[];
}

export const HEADING = /^(?:([IVX]{1,4})\.|(\d+(?:\.\d+)*)\.?)\s+(?=["“\p{Lu}])/u;
/** "- ", "+ ", "• ", "a) ", "2) ": a list item. */
const BULLET = /^(?:[-+*•]|[a-zđ]\)|\d{1,2}\))\s+(?:[-+*•]\s+)?/u;
/** Top sections that state aims or targets, review the past or give the legal basis: no duties. */
const NO_DUTIES =
  /^(?:CÁC )?(?:MỤC ĐÍCH|YÊU CẦU|MỤC TIÊU|CHỈ TIÊU|CĂN CỨ|KẾT QUẢ|ĐÁNH GIÁ|TÌNH HÌNH|THỰC TRẠNG)/iu;
const DUTY_WORDS = /NHIỆM VỤ|GIẢI PHÁP|HOẠT ĐỘNG/iu;
const IMPLEMENTATION = /TỔ CHỨC THỰC HIỆN|PHÂN CÔNG/iu;
const AIMS_SUBSECTION = /^(?:Mục tiêu|Chỉ tiêu|Mục đích|Yêu cầu)/iu;

/**
 * Verbs that open an assignment in these plans. A sentence that opens with anything else ("100%
 * trẻ em …", "Tuổi thọ trung bình đạt …") states a result, not work.
 */
const DUTY_VERB = new RegExp(
  `^(?:${[
    "xây dựng",
    "tổ chức",
    "triển khai",
    "hoàn thành",
    "báo cáo",
    "tổng hợp",
    "lập",
    "rà soát",
    "thực hiện",
    "kiểm tra",
    "giám sát",
    "gửi",
    "nộp",
    "ban hành",
    "thành lập",
    "kiện toàn",
    "phấn đấu",
    "đảm bảo",
    "bảo đảm",
    "duy trì",
    "cập nhật",
    "tham mưu",
    "chủ trì",
    "phối hợp",
    "điều tra",
    "khám",
    "tuyên truyền",
    "vận động",
    "bố trí",
    "đề xuất",
    "chỉ đạo",
    "hướng dẫn",
    "đôn đốc",
    "tiếp nhận",
    "cung cấp",
    "họp",
    "sơ kết",
    "tổng kết",
    "đánh giá",
    "thu hút",
    "đầu tư",
    "nâng cấp",
    "sửa chữa",
    "cải tạo",
    "ứng dụng",
    "củng cố",
    "sắp xếp",
    "cử",
    "tập huấn",
    "đào tạo",
    "bồi dưỡng",
    "mua sắm",
    "trình",
    "theo dõi",
    "quản lý",
    "thống kê",
    "huy động",
    "phân bổ",
    "cấp",
    "xử lý",
    "thanh tra",
    "sàng lọc",
    "tiêm",
    "chuẩn bị",
    "đăng ký",
    "phổ biến",
    "quán triệt",
    "truyền thông",
    "đưa",
    "tăng cường",
    "đẩy mạnh",
    "nâng cao",
    "tiếp tục",
    "chủ động",
    "kịp thời",
  ].join("|")})(?![\\p{L}])`,
  "iu",
);
/** Words between a subject and its verb: "Trạm Y tế có trách nhiệm báo cáo …", "Phòng Y tế: …". */
const SUBJECT_GLUE =
  /^\s*(?:quận|huyện|xã|phường|thị xã|thị trấn)?\s*(?:[:,–-]\s*)?(?:có trách nhiệm|chịu trách nhiệm|là đơn vị)?\s*/iu;

/** A count of times or days written as a figure or a word. */
const COUNT = "(?:\\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy)";
/** "ít nhất", "tối thiểu (là)": the count is a floor. */
const AT_LEAST = "(?:(?:ít nhất|tối thiểu)(?: là)? )";

/**
 * Where a timing phrase can start inside a sentence. The phrase runs to the end of its clause and
 * is then read by the one timing-phrase reader.
 */
const PHRASE_START = new RegExp(
  `(?:hoàn thành |xong )?(?:${[
    "(?:định kỳ )?(?:hàng|hằng) (?:tháng|quý|năm)",
    "(?:trước|vào|đến) ngày \\d",
    "trước \\d{1,2}\\/\\d",
    "trước năm \\d",
    "chậm nhất",
    "trong (?:tháng|quý) ",
    "vào (?:các )?tháng \\d",
    "giai đoạn (?:đến năm )?\\d",
    "đến năm \\d",
    "cuối năm",
    `${AT_LEAST}?${COUNT} lần ?(?:\\/|mỗi|trong) ?(?:một )?năm`,
    `${AT_LEAST}?mỗi năm ${AT_LEAST}?${COUNT}`,
    "(?:định kỳ )?mỗi (?:tháng|quý) (?:một|1) lần",
    "(?:một|1) lần ?\\/ ?(?:tháng|quý)",
    "6 tháng(?:,| và) ",
    "thường xuyên",
    "khi (?:có|được|đủ)",
    "đột xuất",
    // A day the activity is held on: "nhân kỷ niệm ngày Dân số thế giới 11/7", "hưởng ứng Ngày … (24/3)".
    "(?:nhân (?:dịp )?(?:kỷ niệm )?|kỷ niệm |hưởng ứng )(?:\\d{1,3} năm )?(?:các )?ngày\\b",
    // Relative to an event the plan does not date: "trong và sau các chiến dịch", "sau khi kết thúc
    // chiến dịch 03 ngày", "trong vòng 05 ngày kể từ …", "trước khi tổ chức 02 ngày".
    "trong và (?:ngay )?sau ",
    "(?:ngay )?sau (?:khi )?kết thúc ",
    "trước khi ",
    `(?:chậm nhất |trong (?:vòng |thời gian |thời hạn )?)?${COUNT} ngày (?:sau|trước|kể từ) `,
  ].join("|")})`,
  "giu",
);
/**
 * The end of a timing phrase: the end of its clause, or a purpose or recipient after it. A date
 * in brackets ("(24/3)") or an ad hoc part after a comma (", đột xuất khi có yêu cầu") belongs to it.
 */
const PHRASE_END =
  /[.;:)]|\((?!\d{1,2}\/\d{1,2}(?:\/\d{4})?(?:\s*[-–]\s*\d{1,2}\/\d{1,2}(?:\/\d{4})?)?\))|,(?!\s*(?:\d{1,2}(?!\d|\s*%|\s*năm)|tháng|quý|(?:1 |cả )?năm\b|(?:và |hoặc )?đột xuất))| (?:để|nhằm|đảm bảo|bảo đảm) |\s+về\s+(?=\p{Lu})/u;
/**
 * The months of the rounds after a count the clause's end cut off: "02 lần/năm (tháng 6 và tháng
 * 12)", "ít nhất 02 lần/năm, vào tháng 5 và tháng 11".
 */
const ROUND_MONTHS =
  /^\s*(?:\(\s*(?:vào |trong )?(?:các )?tháng [^()]*\)|,\s*(?:vào |trong )(?:các )?tháng [\d\s,;–-]+(?:(?:và|đến) (?:tháng )?[\d\s,;–-]+)*)/iu;
/**
 * Starts that open only a phrase of their own kind: "trước khi tiêm chủng trước ngày 10/3" is the
 * date's phrase, read from its own start, not a phrase about the vaccination.
 */
const OWN_KIND: Array<[RegExp, ReadonlyArray<ScheduleRule["kind"]>]> = [
  [/^(?:hoàn thành |xong )?(?:nhân|kỷ niệm|hưởng ứng)\s/iu, ["on-day"]],
  [
    /^(?:hoàn thành |xong )?(?:trong và|(?:ngay )?sau|trước khi)\s|ngày (?:sau|trước|kể từ) $/iu,
    ["relative", "event"],
  ],
];
/** The date an on-day phrase names, where the phrase ends: "… 11/7", "… (24/3)", "… 27/02/2025". */
const HELD_ON = /\(?\d{1,2}\/\d{1,2}(?:\/\d{4})?(?:\s*[-–]\s*\d{1,2}\/\d{1,2}(?:\/\d{4})?)?\)?/u;
/** Words that are a whole phrase: "thường xuyên", "định kỳ và đột xuất (theo yêu cầu …)". */
const SHORT_PHRASE = /^(?:thường xuyên|(?:định kỳ(?: và|,) )?đột xuất(?: theo yêu cầu[^,.;:()]*)?)/iu;
/** "Kế hoạch số 258/KH-UBND … giai đoạn 2021-2025; …": a sentence that only cites a document. */
const CITATION =
  /^(?:Căn cứ |Thực hiện |Theo )?(?:Chương trình|Chiến lược|Quy hoạch|Kế hoạch|Đề án|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Nghị định|Luật|Công văn|Hướng dẫn)\s+(?:số\s+)?\d/u;
/** "…, tầm nhìn đến năm 2050", "giai đoạn 2024-2025 của thành phố": a year in a document's name. */
const NAME_AFTER = /^\s*(?:,\s*)?(?:tầm nhìn|định hướng)|^\s*của\s/iu;
const DOCUMENT_BEFORE =
  /(?:theo|về|tại|với|thuộc)\s+(?:các\s+)?(?:Chương trình|Chiến lược|Quy hoạch|Kế hoạch|KH|Đề án|Dự án|Nghị quyết|Quyết định|Chỉ thị|Phương án|Thông tư|Nghị định|Luật)\b[^,;]*$/iu;

/**
 * How sure the reader is of a body duty, by where its lead came from. Always below a table row's
 * (0.9 for real cells, 0.7 for a row flattened by PDF extraction): a sentence is looser than a column.
 */
export const CERTAINTY = {
  fields: 0.65,
  subject: 0.6,
  section: 0.55,
  place: 0.45,
  topic: 0.4,
  fallback: 0.3,
  none: 0.2,
} as const;

interface Para {
  text: string;
  line: number;
  heading: boolean;
  /** "- Thời gian: Tháng 6", "- Đơn vị chủ trì: Trạm Y tế" under a task: its timing and units. */
  fields?: { timing?: string; lead?: string; coordinating?: string };
}

/** The labelled lines of a task written as a list ("Thời gian thực hiện: …", "Chủ trì: …"). */
const FIELD =
  /^(?:(Thời gian(?: thực hiện| hoàn thành)?|Thời hạn(?: hoàn thành)?|Tiến độ(?: thực hiện)?)|(Đơn vị (?:chủ trì|thực hiện|tham mưu)|Cơ quan chủ trì|Chủ trì)|(Đơn vị phối hợp|Cơ quan phối hợp|Phối hợp))\s*:\s*/iu;

interface Section {
  path: string;
  /** This top section assigns work (not aims, targets or background). */
  duties: boolean;
  implementation: boolean;
  lead: Mention[];
}

export function readBody(blocks: Block[], year: number): BodyReading {
  const paras = paragraphs(blocks);
  const standing = standingBody(paras);
  const sections = sectionsOf(paras);
  const topics = new TopicIndex();
  let firstAssigned: Mention[] | undefined;
  paras.forEach((p, i) => {
    const s = sections[i];
    topics.count(p.text);
    if (!s?.implementation || s.lead.length === 0) return;
    firstAssigned ??= s.lead;
    topics.add(s.lead, p.text, `Mục ${s.path}`);
  });
  const fallback = standing
    ? { lead: [standing], why: "đơn vị thường trực" }
    : firstAssigned && { lead: firstAssigned, why: "đơn vị đầu tiên ở mục Tổ chức thực hiện" };

  const duties: BodyReading["duties"] = [];
  const review: Review[] = [];
  // "3. Trước ngày 15/12, các đơn vị:" then list items: the items' work is due on the heading's date.
  let listTiming: Found | undefined;
  paras.forEach((p, i) => {
    const section = sections[i];
    if (!BULLET.test(p.text)) listTiming = undefined;
    if (!section?.duties) return;
    const where = `Mục ${section.path}`;
    const body = p.text.replace(HEADING, "").replace(BULLET, "");
    const intro = listIntroTiming(p, body, paras[i + 1], year);
    if (intro) {
      listTiming = intro;
      return;
    }
    if (p.fields) {
      duties.push(fromFields(body, p, section, where));
      return;
    }
    let dated = 0;
    let inherited = listTiming;
    let firstUndated: { phrase: string; rule: ScheduleRule } | undefined;
    for (const sentence of sentencesOf(body).flatMap(clausesOf)) {
      // Passive work ("Hồ sơ … được cập nhật trước ngày 30/6"): its subject is what is worked on;
      // its lead is the agent ("do / bởi Trạm Y tế"), or found as for a sentence that names none.
      const active = subjectOf(sentence);
      const passive = assignsWork(sentence, active) ? undefined : passiveWork(sentence);
      const subject = passive ?? active;
      const phrases = phrasesIn(sentence, year);
      if (inherited && !phrases.some((f) => isDated(f.rule)) && (passive || assignsWork(sentence, subject))) {
        phrases.push({ ...inherited, at: sentence.length });
        inherited = undefined;
      }
      firstUndated ??= phrases.find((f) => !isDated(f.rule));
      for (const f of phrases.filter((x) => isDated(x.rule))) {
        const title = titleOf(sentence, f);
        if (!passive && !assignsWork(sentence, subject)) {
          if (CITATION.test(sentence)) continue;
          review.push({
            what: sentence.slice(0, 100),
            where,
            why: `câu có thời hạn "${f.phrase}" nhưng không rõ việc phải làm: chưa ghi thành nhiệm vụ`,
          });
          continue;
        }
        const found = leadOf(sentence, body, subject, section, topics, fallback);
        if (found.guess) {
          review.push({
            what: title.slice(0, 100),
            where,
            why: `câu không nêu đơn vị thực hiện: tạm giao ${found.lead.map((m) => m.text).join(", ")} (${found.guess})`,
          });
        }
        const to = recipientIn(sentence.slice(f.at)) ?? recipientIn(sentence);
        duties.push({
          title,
          timing: f.phrase,
          lead: found.lead,
          coordinating: coordinatingIn(sentence.slice(0, f.at), found.lead),
          where,
          line: p.line,
          confidence: found.confidence,
          ...to,
          ...(found.lead.length === 0 && { doubt: "câu không nêu đơn vị thực hiện" }),
        });
        dated++;
      }
    }
    if (dated > 0) return;
    // Undated work is kept only where its lead is stated: by the section or the sentence itself.
    // A heading is work only when it assigns it inline ("3. Phòng Y tế: kiểm tra …").
    const subject = subjectOf(body);
    const lead = subject.lead.length ? subject.lead : section.lead;
    const work = assignsWork(body, subject);
    const kept = p.heading ? work : work || BULLET.test(p.text);
    if (lead.length === 0 || !kept) return;
    duties.push({
      title: body,
      ...(firstUndated && { timing: firstUndated.phrase }),
      lead,
      coordinating: coordinatingIn(body, lead),
      where,
      line: p.line,
      confidence: subject.lead.length ? CERTAINTY.subject : CERTAINTY.section,
    });
  });
  return { duties, standing, review };
}

/**
 * Where a report goes, and through whom: "… về Ban Chỉ đạo (qua cơ quan thường trực là Phòng Y
 * tế)", "gửi Phòng Y tế", "báo cáo UBND xã". The first unit named right after one of these words.
 */
function recipientIn(text: string): { to: Mention; via?: Mention } | undefined {
  for (const m of text.matchAll(/(?:\bvề|\bgửi(?: về)?|\bbáo cáo(?: về)?)\s+(?=\p{Lu})/gu)) {
    const after = text.slice((m.index ?? 0) + m[0].length);
    const to = findUnits(after)[0];
    if (!to || to.start > 0) continue;
    const through = /^[^()]*?\(qua ([^)]*)\)/u.exec(after.slice(to.end))?.[1];
    const via = through ? findUnits(through).at(-1) : undefined;
    return { to, ...(via && { via }) };
  }
  return undefined;
}

/** A task written as a list: its "Thời gian", "Đơn vị chủ trì" and "Phối hợp" lines say it all. */
function fromFields(body: string, p: Para, section: Section, where: string): RawDuty {
  const f = p.fields ?? {};
  const named = f.lead ? unitRuns(f.lead).flat() : [];
  const subject = subjectOf(body).lead;
  const lead = named.length ? named : subject.length ? subject : section.lead;
  return {
    title: body,
    ...(f.timing && { timing: f.timing }),
    lead,
    coordinating: f.coordinating ? unitRuns(f.coordinating).flat() : coordinatingIn(body, lead),
    where,
    line: p.line,
    confidence: named.length ? CERTAINTY.fields : subject.length ? CERTAINTY.subject : CERTAINTY.section,
    ...(lead.length === 0 && { doubt: "không đọc được đơn vị chủ trì" }),
  };
}

/** "… chủ trì, phối hợp với Phòng Y tế, TTYT …": the units named right after "phối hợp (với)". */
function coordinatingIn(text: string, lead: Mention[]): Mention[] {
  const m = /phối hợp(?: với)?\s+/iu.exec(text);
  if (!m) return [];
  const first = unitRuns(text.slice(m.index + m[0].length))[0];
  if (!first?.[0] || first[0].start > 4) return [];
  return first.filter((u) => !lead.some((l) => l.spec.key === u.spec.key));
}

/** Lines → paragraphs: a heading or a bullet starts one, other lines continue it (PDF line wraps). */
function paragraphs(blocks: Block[]): Para[] {
  const paras: Para[] = [];
  let fieldOf: { task: Para; name: string } | undefined;
  for (const b of blocks) {
    if (b.kind !== "line") continue;
    if (/^Biểu\s*\d/iu.test(b.text) || /^\W*Nơi nhận/iu.test(b.text)) break;
    const last = paras.at(-1);
    const heading = HEADING.test(b.text);
    const field = FIELD.exec(b.text.replace(BULLET, ""));
    const task = field ? last : undefined;
    if (field && task) {
      const value = b.text.replace(BULLET, "").slice(field[0].length).trim();
      const name = field[1] ? "timing" : field[2] ? "lead" : "coordinating";
      task.fields = { ...task.fields, [name]: value };
      fieldOf = { task, name };
      continue;
    }
    if (heading || BULLET.test(b.text) || !last || opensAssignment(last, b.text)) {
      paras.push({ text: b.text, line: b.line, heading });
      fieldOf = undefined;
    } else if (fieldOf?.task.fields) {
      // A field's value wrapped onto the next line.
      const f = fieldOf.task.fields as Record<string, string>;
      f[fieldOf.name] = `${f[fieldOf.name] ?? ""} ${b.text}`.trim();
    } else last.text += ` ${b.text}`;
  }
  return paras;
}

/**
 * A line that starts new work after a heading or a finished sentence ("2. Lập danh sách …" then
 * "Giao Trạm Y tế …") is a paragraph of its own, not a wrapped line.
 */
function opensAssignment(last: Para, line: string): boolean {
  if (!last.heading && !/[.:;!?]$/u.test(last.text)) return false;
  return /^(?:Giao|Đề nghị|Yêu cầu)\s/u.test(line) || DUTY_VERB.test(line) || subjectOf(line).lead.length > 0;
}

/**
 * The section each paragraph is in. Top sections are "I.", "II." … (or "1.", "2." … in a plan
 * without Roman numerals); before the first one is the preamble (căn cứ …), which assigns no work.
 */
function sectionsOf(paras: Para[]): Array<Section | undefined> {
  const roman = paras.some((p) => HEADING.exec(p.text)?.[1]);
  const anyHeading = paras.some((p) => HEADING.test(p.text));
  // Open headings, outermost first: each with the lead it names or inherits.
  let stack: Array<{ id: string; depth: number; lead: Mention[]; duties: boolean; implementation: boolean }> =
    [];
  let started = !anyHeading;
  return paras.map((p) => {
    const h = HEADING.exec(p.text);
    if (h) {
      const id = h[1] ?? h[2] ?? "";
      const depth = h[1] ? 0 : id.split(".").length - (roman ? 0 : 1);
      const title = p.text.slice(h[0].length);
      stack = stack.filter((s) => s.depth < depth);
      const parent = stack.at(-1);
      const own = depth === 0 ? [] : headingLead(title);
      const aims =
        depth === 0 ? NO_DUTIES.test(title) && !DUTY_WORDS.test(title) : AIMS_SUBSECTION.test(title);
      started ||= depth === 0;
      stack.push({
        id,
        depth,
        lead: own.length ? own : (parent?.lead ?? []),
        duties: (parent?.duties ?? true) && !aims,
        implementation: (parent?.implementation ?? false) || (depth === 0 && IMPLEMENTATION.test(title)),
      });
    }
    if (!started) return undefined;
    const inner = stack.at(-1);
    const outer = stack[0];
    return {
      path:
        outer?.depth === 0
          ? [outer.id, inner !== outer ? inner?.id : undefined].filter(Boolean).join(".")
          : (inner?.id ?? ""),
      duties: inner?.duties ?? true,
      implementation: inner?.implementation ?? false,
      lead: inner?.lead ?? [],
    };
  });
}

/** "3. Trạm Y tế xã", "11. Ủy ban nhân dân các phường", "9. Đề nghị Ủy ban MTTQ …". */
function headingLead(rest: string): Mention[] {
  const t = rest.replace(/^(?:Đề nghị|Giao)\s+/u, "");
  const offset = rest.length - t.length;
  const runs = unitRuns(t);
  const first = runs[0];
  if (first?.[0] && first[0].start < 5) return first.map((m) => ({ ...m, start: m.start + offset }));
  return wardsSubject(t);
}

/**
 * The plan's standing body, from the first sentence that names one: "Phòng Y tế là cơ quan thường
 * trực", "(qua cơ quan thường trực là Phòng Y tế)", "Thường trực Ban Chỉ đạo (Trung tâm Y tế)",
 * "Giao Trạm Y tế làm thường trực Ban Chỉ đạo", or "- Là cơ quan thường trực …" under a unit's
 * heading. The standing committees of the Party, the council or the Front ("Ban Thường trực Ủy ban
 * MTTQ", "Thường trực Đảng ủy") are not it.
 */
function standingBody(paras: Para[]): Mention | undefined {
  let lead: Mention[] = [];
  const notCommittee = (m: Mention) => m.spec.kind !== "steering-committee";
  for (const p of paras) {
    const h = HEADING.exec(p.text);
    if (h?.[2]) lead = headingLead(p.text.slice(h[0].length));
    for (const m of p.text.matchAll(/thường trực/giu)) {
      const at = m.index ?? 0;
      const before = p.text.slice(0, at);
      const after = p.text.slice(at + m[0].length);
      if (/Ban\s*$/u.test(before)) continue;
      if (
        /^\s*(?:HĐND|Hội đồng|Đảng|Quận (?:ủy|uỷ)|Huyện (?:ủy|uỷ)|Thành (?:ủy|uỷ)|Tỉnh (?:ủy|uỷ)|UBND|(?:Ủy|Uỷ) ban|MTTQ)/u.test(
          after,
        )
      )
        continue;
      // Named after it: "… thường trực (Ban Chỉ đạo) là / : / ( Phòng Y tế".
      const named =
        /^\s*(?:(?:của\s+)?(?:Ban Chỉ đạo|BCĐ)[^.;:()]{0,60}?)?\s*(?:(?<!\p{L})là(?!\p{L})|:|\()\s*/u.exec(
          after,
        );
      if (named) {
        const unit = findUnits(after.slice(named[0].length)).find(notCommittee);
        if (unit && unit.start <= 4) return unit;
      }
      // Named before it, in the same clause: "Phòng Y tế là cơ quan thường trực", "Giao TTYT làm thường trực".
      const clause = before.split(/[.;]/u).at(-1) ?? "";
      const unit = findUnits(clause).filter(notCommittee).at(-1);
      if (unit) return unit;
      if (lead[0] && /^\W*Là(?:m)?(?!\p{L})/u.test(p.text.replace(BULLET, ""))) return lead[0];
    }
  }
  return undefined;
}

/** Sentences of a paragraph: split after ".", ";", "!" or "?" before a capital letter. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.;!?])\s+(?=["“(]?\p{Lu})/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * "Trạm Y tế lập danh sách trước ngày 10/3, Phòng Y tế tổng hợp trước ngày 20/3": one sentence,
 * two assignments. A clause after a comma or semicolon that opens with its own unit and a duty
 * verb is read on its own ("…, Trung tâm Y tế phối hợp" is coordination, not a new assignment).
 */
function clausesOf(sentence: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of sentence.matchAll(/[,;]\s+/gu)) {
    const at = (m.index ?? 0) + m[0].length;
    const rest = sentence.slice(at);
    const before = sentence.slice(start, m.index);
    const subject = subjectOf(rest);
    if (subject.lead.length === 0 || !assignsWork(rest, subject)) continue;
    if (/^(?:phối hợp|tham gia)/iu.test(rest.slice(subject.end))) continue;
    if (!assignsWork(before, subjectOf(before))) continue;
    out.push(before);
    start = at;
  }
  out.push(sentence.slice(start));
  return out;
}

interface Subject {
  lead: Mention[];
  /** Where the rest of the sentence starts after the subject (0 when there is none). */
  end: number;
}

/**
 * The unit a sentence is about when it opens with it ("Các phường báo cáo …", "Giao Phòng Y tế: …",
 * "Định kỳ hàng quý, Trung tâm Y tế tổng hợp …").
 */
export function subjectOf(sentence: string): Subject {
  // An opening word of assignment, or an opening time ("Định kỳ hàng quý, …"), before the subject.
  const lead =
    /^(?:(?:Giao|Đề nghị|Yêu cầu|Riêng)\s+|(?:Định kỳ|Hàng|Hằng|Mỗi|Trước|Sau|Trong|Từ|Đến|Cuối|Đầu)\s[^,]{0,40},\s*)?/u.exec(
      sentence,
    )?.[0] ?? "";
  let t = sentence.slice(lead.length);
  // "Trên cơ sở kết quả rà soát, các Trạm Y tế …": an opening clause that names no unit.
  const opening = /^[^,]{1,60},\s*/u.exec(t)?.[0];
  let skip = lead.length;
  if (
    !leadsWithUnit(t) &&
    opening &&
    findUnits(opening).length === 0 &&
    leadsWithUnit(t.slice(opening.length))
  ) {
    t = t.slice(opening.length);
    skip += opening.length;
  }
  const first = unitRuns(t)[0];
  if (first?.[0] && leadsWithUnit(t)) {
    const end = skip + (first.at(-1)?.end ?? 0);
    const glue = SUBJECT_GLUE.exec(sentence.slice(end))?.[0].length ?? 0;
    return { lead: first, end: end + glue };
  }
  const wards = /^(?:Các|UBND các|Ủy ban nhân dân các|Uỷ ban nhân dân các) (phường|xã)(?:, thị trấn)?/iu.exec(
    t,
  );
  if (wards) {
    const glue = SUBJECT_GLUE.exec(t.slice(wards[0].length))?.[0].length ?? 0;
    return { lead: wardsSubject(t), end: skip + wards[0].length + glue };
  }
  return { lead: [], end: 0 };
}

/** The text opens with a unit ("Trạm Y tế …", "các Trạm Y tế …"). */
function leadsWithUnit(text: string): boolean {
  const first = findUnits(text)[0];
  return first !== undefined && /^(?:(?:các|những)\s+)?$/iu.test(text.slice(0, first.start));
}

/** Whether the sentence assigns work: after its subject (if any) and an opening time, a duty verb. */
function assignsWork(sentence: string, subject: Subject): boolean {
  let t = sentence.slice(subject.end).replace(/^[\s:–-]+/u, "");
  // "Hàng tháng tổng hợp …", "Định kỳ hàng quý, báo cáo …": an opening time, then the work.
  const opening = /^(?:định kỳ\s*)?(?:(?:hàng|hằng|mỗi) (?:tháng|quý|năm)|thường xuyên|định kỳ)[\s,]*/iu.exec(
    t,
  );
  if (opening) t = t.slice(opening[0].length);
  return DUTY_VERB.test(t);
}

/**
 * A heading or a line ending with ":" that carries a date, assigns no work itself and is followed
 * by list items ("3. Trước ngày 15/12, các đơn vị:"): the date of the items' work.
 */
function listIntroTiming(p: Para, body: string, next: Para | undefined, year: number): Found | undefined {
  if (!next || !BULLET.test(next.text) || BULLET.test(p.text)) return undefined;
  if (!p.heading && !/:\s*$/u.test(p.text)) return undefined;
  if (assignsWork(body, subjectOf(body))) return undefined;
  const f = phrasesIn(body, year).find((x) => isDated(x.rule));
  return f && { ...f, at: 0 };
}

/** Passive voice before a duty verb ("… được kiểm tra", "… phải được báo cáo"); its agent after "do" or "bởi". */
const PASSIVE = /^(?<patient>[^,;:]{2,100}?)\s(?:phải |cần |sẽ )?được\s+(?<rest>.*)$/su;

function passiveWork(sentence: string): Subject | undefined {
  const m = PASSIVE.exec(sentence);
  const rest = m?.groups?.rest ?? "";
  if (!m || !DUTY_VERB.test(rest) || DUTY_VERB.test(m.groups?.patient ?? "")) return undefined;
  // "Tỷ lệ trẻ được tiêm đủ mũi đạt 98%", "100% học sinh được khám": a result to reach, not work.
  if (/^(?:Tỷ lệ|Số|Tổng số)\s|\d\s*%|(?<!\p{L})đạt(?!\p{L})/iu.test(sentence)) return undefined;
  const by = /(?:^|\s)(?:do|bởi)\s+/u.exec(sentence);
  const agent = by ? unitRuns(sentence.slice((by.index ?? 0) + by[0].length))[0] : undefined;
  const named = agent?.[0] && agent[0].start <= 4 ? agent : [];
  return { lead: named, end: 0 };
}

/**
 * The sentence without its timing phrase: "Phấn đấu đến năm 2030, mỗi trạm …" → "Phấn đấu mỗi
 * trạm …". An occasion keeps its name, only its date goes: "mít tinh nhân kỷ niệm ngày Dân số thế
 * giới 11/7 tại các phường" → "mít tinh nhân kỷ niệm ngày Dân số thế giới tại các phường".
 */
function titleOf(sentence: string, f: Found): string {
  const occasion = f.rule.kind === "on-day" && !/^vào\s/iu.test(f.phrase);
  const cut = occasion ? (HELD_ON.exec(f.phrase)?.index ?? f.phrase.length) : 0;
  const before = sentence.slice(0, f.at + cut).replace(/[\s,(]+$/u, "");
  const after = sentence
    .slice(f.at + f.phrase.length)
    .replace(/^[\s,:)]+/u, "")
    .replace(/[\s.;:]+$/u, "");
  return [before, after].filter(Boolean).join(" ").trim() || sentence;
}

/**
 * The sentence's lead; for a sentence that names none, the topic is looked up with its whole
 * paragraph (a list item is one task; its sentences are aspects of it).
 */
function leadOf(
  sentence: string,
  paragraph: string,
  subject: Subject,
  section: Section,
  topics: TopicIndex,
  fallback: { lead: Mention[]; why: string } | undefined,
): { lead: Mention[]; confidence: number; guess?: string } {
  if (subject.lead.length) return { lead: subject.lead, confidence: CERTAINTY.subject };
  if (section.lead.length) return { lead: section.lead, confidence: CERTAINTY.section };
  const place = wardsPlace(sentence);
  if (place.length)
    return { lead: place, confidence: CERTAINTY.place, guess: "nơi thực hiện là các phường, xã" };
  const topic = topics.best(paragraph);
  if (topic) {
    const words = topic.shared.slice(0, 3).map((w) => `“${w}”`);
    return {
      lead: topic.lead,
      confidence: CERTAINTY.topic,
      guess: `cùng nội dung với ${topic.where}: ${words.join(", ")}`,
    };
  }
  if (fallback) return { lead: fallback.lead, confidence: CERTAINTY.fallback, guess: fallback.why };
  return { lead: [], confidence: CERTAINTY.none };
}

interface Found {
  at: number;
  phrase: string;
  rule: ScheduleRule;
}

/** The timing phrases a sentence carries, each read once; a year in a document's name is skipped. */
export function phrasesIn(sentence: string, year: number): Found[] {
  const out: Found[] = [];
  const seen = new Set<string>();
  let covered = 0;
  for (const m of sentence.matchAll(PHRASE_START)) {
    const at = m.index ?? 0;
    if (at < covered) continue; // "vào tháng 3" inside "chậm nhất vào tháng 3"
    const rest = sentence.slice(at);
    const end = rest.slice(m[0].length).search(PHRASE_END);
    let phrase =
      SHORT_PHRASE.exec(rest)?.[0] ??
      (end < 0 ? rest : rest.slice(0, m[0].length + end)).trim().slice(0, 120);
    let rule = readTimingPhrase(phrase, year);
    if (rule?.kind === "times-per-year" && !rule.months) {
      const months = ROUND_MONTHS.exec(rest.slice(phrase.length))?.[0];
      const dated = months && readTimingPhrase(phrase + months, year);
      if (dated && isDated(dated)) [phrase, rule] = [(phrase + months).trim(), dated];
    }
    if (rule?.kind === "on-day") {
      // The phrase ends with the day it names: what follows ("tại các phường") is the work's.
      const day = HELD_ON.exec(rest.slice(m[0].length));
      if (day) phrase = rest.slice(0, m[0].length + day.index + day[0].length);
    }
    if (!rule || (rule.kind === "by-year" && namesDocument(sentence, at))) continue;
    if (OWN_KIND.some(([start, kinds]) => start.test(m[0]) && !kinds.includes(rule.kind))) continue;
    // "tầm nhìn đến năm 2050": the horizon of a strategy, not a deadline.
    if (/tầm nhìn\s*$/iu.test(sentence.slice(0, at))) continue;
    covered = at + phrase.length;
    const key = JSON.stringify(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ at, phrase, rule });
  }
  return out;
}

/** "theo Quyết định … về Chương trình … đến năm 2030", "Quy hoạch … đến năm 2030, tầm nhìn …". */
function namesDocument(sentence: string, at: number): boolean {
  const rest = sentence.slice(at);
  const year = /\d{4}(?:\s*[-–]\s*\d{4})?/u.exec(rest);
  const after = year ? rest.slice(year.index + year[0].length) : rest;
  const clause = sentence.slice(0, at).split(/[,;]/u).at(-1) ?? "";
  return NAME_AFTER.test(after) || DOCUMENT_BEFORE.test(clause);
}

/** "Các phường báo cáo …", "UBND các xã …": the wards are the subject. */
function wardsSubject(text: string): Mention[] {
  const m = /^(?:Các|UBND các|Ủy ban nhân dân các|Uỷ ban nhân dân các) (phường|xã)/iu.exec(text);
  return m ? (unitRuns(`UBND các ${m[1]}`)[0] ?? []) : [];
}

/** "… trên địa bàn 13/13 phường": done in every ward. */
function wardsPlace(text: string): Mention[] {
  const m = /trên địa bàn (?:các|\d+\/\d+|\d+) (phường|xã)/iu.exec(text);
  return m ? (unitRuns(`UBND các ${m[1]}`)[0] ?? []) : [];
}
