/**
 * Units named in a plan: the usual offices, centres, associations and their abbreviations
 * (domain vocabulary, not any one plan's names), the groups "UBND các phường / xã", and the
 * wards or communes a per-unit table lists by name.
 */
import type { z } from "zod";
import type { UnitKind } from "../schema";

type Kind = z.infer<typeof UnitKind>;

export interface UnitSpec {
  key: string;
  name: string;
  kind: Kind;
  /** A group of all wards/communes (resolved to the listed ones when a table names them). */
  group?: boolean;
}

const W = "(?:quận|huyện|xã|phường|thị xã|thành phố)";
/** Ordered: longer and more specific names first, so "thành viên BCĐ" is not read as "BCĐ". */
const LEXICON: Array<[RegExp, (m: RegExpExecArray) => UnitSpec]> = [
  [
    /(?:các )?(?:đơn vị )?(?:thành viên|TV) (?:BCĐ|BCD|Ban Chỉ đạo)(?: công tác [^,;()]*?)?(?= UBND|[,;()]|$)/giu,
    () => ({ key: "thanh-vien-bcd", name: "Các đơn vị thành viên Ban Chỉ đạo", kind: "other" }),
  ],
  [
    /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) (?:các|\d+|\d+\/\d+) (phường|xã)(?:, thị trấn)?/giu,
    (m) => wards(m[1] ?? "phường"),
  ],
  [/(?:UBND|Ủy ban nhân dân) (phường|xã)(?! \p{Lu}\p{Ll})/gu, (m) => wards(m[1] ?? "phường")],
  [
    /(?:TYT|Trạm Y tế|trạm y tế) (?:các|\d+) (phường|xã)/gu,
    (m) => ({
      key: `tram-y-te-cac-${slugWord(m[1])}`,
      name: `Trạm Y tế các ${m[1]}`,
      kind: "health-station",
      group: true,
    }),
  ],
  [
    /Ban Chỉ đạo(?! công tác[^,;]*?thành viên)|\bBCĐ\b/gu,
    () => ({ key: "bcd", name: "Ban Chỉ đạo", kind: "steering-committee" }),
  ],
  [/Phòng Y tế|\bPYT\b/giu, () => ({ key: "pyt", name: "Phòng Y tế", kind: "health-office" })],
  [
    new RegExp(`Trung tâm Y tế ${W}|Trung tâm Y tế(?= [a-zđ,;.]|$)|\\bTTYT\\b`, "gu"),
    () => ({ key: "ttyt", name: "Trung tâm Y tế", kind: "health-centre" }),
  ],
  [/Bảo hiểm xã hội|\bBHXH\b/gu, () => ({ key: "bhxh", name: "Bảo hiểm xã hội", kind: "social-insurance" })],
  [
    /Phòng (?:GD ?& ?[ĐÐ]T|Giáo dục (?:&|và) Đào tạo)/giu,
    () => ({ key: "phong-gddt", name: "Phòng Giáo dục và Đào tạo", kind: "department" }),
  ],
  [
    /Phòng (?:VH ?& ?TT|Văn h(?:óa|oá|oa) ?(?:&|và|-) ?Thông tin)/giu,
    () => ({ key: "phong-vhtt", name: "Phòng Văn hóa và Thông tin", kind: "department" }),
  ],
  [
    /Phòng (?:VH-?XH|Văn h(?:óa|oá|oa) ?- ?Xã hội)/giu,
    () => ({ key: "phong-vhxh", name: "Phòng Văn hóa - Xã hội", kind: "department" }),
  ],
  [
    /Phòng (?:LĐ-?TB ?& ?XH|Lao động ?[-–] ?Thương binh (?:&|và) Xã hội)/giu,
    () => ({ key: "phong-ldtbxh", name: "Phòng Lao động – Thương binh và Xã hội", kind: "department" }),
  ],
  [
    /Phòng (?:TC-KH|Tài chính ?(?:-|&|và) ?Kế hoạch)/giu,
    () => ({ key: "phong-tckh", name: "Phòng Tài chính - Kế hoạch", kind: "department" }),
  ],
  [/Phòng Nội vụ/giu, () => ({ key: "phong-noi-vu", name: "Phòng Nội vụ", kind: "department" })],
  [
    /Phòng Kinh tế(?! - Hạ tầng)/giu,
    () => ({ key: "phong-kinh-te", name: "Phòng Kinh tế", kind: "department" }),
  ],
  [
    /Phòng Kinh tế - Hạ tầng/giu,
    () => ({ key: "phong-kt-ht", name: "Phòng Kinh tế - Hạ tầng", kind: "department" }),
  ],
  [
    /Phòng (?:TN ?& ?MT|Tài nguyên và Môi trường)/giu,
    () => ({ key: "phong-tnmt", name: "Phòng Tài nguyên và Môi trường", kind: "department" }),
  ],
  [
    /Phòng (?:NN ?& ?PTNT|Nông nghiệp và Phát triển nông thôn)/giu,
    () => ({ key: "phong-nnptnt", name: "Phòng Nông nghiệp và Phát triển nông thôn", kind: "department" }),
  ],
  [
    new RegExp(`Công an ${W}|\\bCA ${W}|Công an(?= [a-zđ(]|[,;.)]|$)`, "gu"),
    () => ({ key: "cong-an", name: "Công an", kind: "police" }),
  ],
  [
    /Ban (?:CHQS|Chỉ huy quân sự)|\bBCH ?QS\b|\bBCHQS\b/giu,
    () => ({ key: "ban-chqs", name: "Ban Chỉ huy quân sự", kind: "military" }),
  ],
  [/Hội Chữ thập đỏ/giu, () => ({ key: "hoi-chu-thap-do", name: "Hội Chữ thập đỏ", kind: "association" })],
  [
    /(?:(?:Ban Thường trực )?(?:Ủy|Uỷ) ban )?(?:MTTQ|Mặt trận Tổ quốc)(?: Việt Nam)?/gu,
    () => ({ key: "mttq", name: "Ủy ban Mặt trận Tổ quốc Việt Nam", kind: "association" }),
  ],
  [
    /(?:Ban Đại diện )?Hội người cao tuổi/giu,
    () => ({ key: "hoi-nguoi-cao-tuoi", name: "Hội người cao tuổi", kind: "association" }),
  ],
  [/Liên đoàn lao động/giu, () => ({ key: "ldld", name: "Liên đoàn lao động", kind: "association" })],
  // The mass organisations that coordinate in most plans.
  [
    /Hội (?:Liên hiệp Phụ nữ|LHPN|Phụ nữ)/giu,
    () => ({ key: "hoi-lhpn", name: "Hội Liên hiệp Phụ nữ", kind: "association" }),
  ],
  [
    /Đoàn (?:Thanh niên(?: Cộng sản Hồ Chí Minh)?|TNCS(?: Hồ Chí Minh)?)/gu,
    () => ({ key: "doan-thanh-nien", name: "Đoàn Thanh niên", kind: "association" }),
  ],
  [/Hội Nông dân/giu, () => ({ key: "hoi-nong-dan", name: "Hội Nông dân", kind: "association" })],
  [
    /Hội Cựu chiến binh/giu,
    () => ({ key: "hoi-cuu-chien-binh", name: "Hội Cựu chiến binh", kind: "association" }),
  ],
  [
    /\bBQL (?:DA|Dự án)|Ban Quản lý (?:DA|dự án)/giu,
    () => ({ key: "bqlda", name: "Ban Quản lý dự án đầu tư xây dựng", kind: "other" }),
  ],
  [
    /Trung tâm (?:Dịch vụ tổng hợp|Phát triển quỹ đất|Văn h(?:óa|oá|oa) - Thông tin và Thể thao)/giu,
    (m) => ({ key: slug(m[0]), name: m[0], kind: "other" }),
  ],
  // The health department above the district or commune: reports often go to it.
  [
    /Sở Y tế(?: (?:thành phố|tỉnh|TP\.?)(?: \p{Lu}\p{Ll}*){0,3})?/gu,
    () => ({ key: "so-y-te", name: "Sở Y tế", kind: "other" }),
  ],
  // The Party committee of the commune, ward or district ("Đảng ủy xã", "Huyện ủy").
  [
    new RegExp(`Đảng (?:ủy|uỷ)(?: ${W})?|(?:Quận|Huyện|Thị|Thành|Tỉnh) (?:ủy|uỷ)`, "gu"),
    (m) => ({
      key: "dang-uy",
      name: /^Đảng/u.test(m[0]) ? "Đảng ủy" : m[0].replace("uỷ", "ủy"),
      kind: "other",
    }),
  ],
  // Schools: one named ("Trường THCS Kim Đồng"), or all of them ("các trường học", "các nhà trường").
  [
    /Trường (?:THCS|THPT|TH|MN|Tiểu học|Mầm non|Mẫu giáo|Trung học cơ sở|Trung học phổ thông|Phổ thông[^,;.]*?|Tiểu học và THCS)(?: (?:[\p{Lu}\d][\p{L}\d.]*)){1,4}/gu,
    (m) => ({ key: slug(m[0]), name: m[0], kind: "other" }),
  ],
  [
    /(?:Các|các) (?:nhà trường|trường học|trường(?= (?:mầm non|tiểu học|THCS|THPT|trung học|phổ thông|MN|TH)\b)(?: (?:mầm non|tiểu học|THCS|THPT|trung học cơ sở|trung học phổ thông|MN|TH)(?:,| và)?)+)(?: trên địa bàn)?/gu,
    () => ({ key: "cac-truong-hoc", name: "Các trường học", kind: "other", group: true }),
  ],
  // "Bệnh viện đa khoa huyện": the issuer's own hospital, named by its level.
  [
    new RegExp(`(?:Bệnh viện|BVĐK|BV)(?: đa khoa)? ${W}(?! \\p{Lu})`, "gu"),
    (m) => {
      const name = m[0].replace(/^(?:BVĐK|BV)(?: đa khoa)?/u, "Bệnh viện đa khoa");
      return { key: slug(name), name, kind: "hospital" };
    },
  ],
  [
    /(?:Bệnh viện|BVĐK|BV)(?: đa khoa)?(?: (?:\p{Lu}[\p{L}]*|\d+)){1,3}/gu,
    (m) => ({
      key: slug(m[0].replace(/^BVĐK/, "Bệnh viện đa khoa")),
      name: m[0].replace(/^BVĐK/, "Bệnh viện đa khoa"),
      kind: "hospital",
    }),
  ],
  // "Các thôn", "các tổ dân phố trên địa bàn": villages and residential groups, never listed by name.
  [
    /(?:Các|các) (thôn|tổ dân phố|khu dân cư)(?: trên địa bàn(?: (?:xã|phường))?)?/gu,
    (m) => ({ key: `cac-${slug(m[1] ?? "")}`, name: `Các ${m[1]}`, kind: "other", group: true }),
  ],
  [
    /(?:Các )?(?:Trạm Y tế|TYT)(?! các)(?: (?:xã|phường))?/gu,
    () => ({ key: "tram-y-te", name: "Trạm Y tế", kind: "health-station" }),
  ],
];

function wards(word: string): UnitSpec {
  const w = word.toLowerCase();
  return {
    key: `cac-${slugWord(w)}`,
    name: `UBND các ${w}`,
    kind: w === "xã" ? "commune" : "ward",
    group: true,
  };
}

const slugWord = (w: string | undefined) => slug(w ?? "");

/** Vietnamese → id: no diacritics, lower case, dashes. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

export interface Mention {
  spec: UnitSpec;
  start: number;
  end: number;
  text: string;
}

/** Every unit named in `text`, in order, without overlaps (earlier lexicon entries win). */
export function findUnits(text: string): Mention[] {
  const taken: Mention[] = [];
  for (const [pattern, make] of LEXICON) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ spec: make(m as unknown as RegExpExecArray), start, end, text: m[0] });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/**
 * Consecutive runs of unit mentions: units joined by ",", ";", "và", "-" belong to one cell
 * ("Phòng Y tế, UBND các phường"); a unit right after another with no joiner starts the next
 * column ("TTYT quận  PYT, UBND 13 phường": lead TTYT, coordinating the rest).
 */
export function unitRuns(text: string): Mention[][] {
  const runs: Mention[][] = [];
  let prev: Mention | undefined;
  for (const m of findUnits(text)) {
    const gap = prev ? text.slice(prev.end, m.start) : "";
    const joined =
      prev !== undefined &&
      /^\s*(?:quận|huyện|xã|phường)?\s*(?:\([^)]*\))?\s*(?:[,;&]|và|-)\s*(?:các\s+)?$/iu.test(gap);
    const last = runs.at(-1);
    if (joined && last) last.push(m);
    else runs.push([m]);
    prev = m;
  }
  return runs;
}
