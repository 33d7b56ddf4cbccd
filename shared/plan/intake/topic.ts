/**
 * Which unit's assignment under "Tổ chức thực hiện" speaks of the same thing as a sentence that
 * names no unit ("Tổ chức điều tra đối tượng …" in the tasks, "UBND các phường: … điều tra, lập
 * danh sách đối tượng" in the assignments). Words are compared as pairs of syllables (most
 * Vietnamese words have two), and only pairs that one unit's assignment has and no other's count:
 * "kế hoạch" or "triển khai" are in every section and say nothing about who does the work.
 */
import type { Mention } from "./units";

/** "sỹ" and "sĩ", "kỹ" and "kĩ": the same syllable spelled two ways. */
function syllable(s: string): string {
  const y: Record<string, string> = { y: "i", ý: "í", ỳ: "ì", ỷ: "ỉ", ỹ: "ĩ", ỵ: "ị" };
  return s.replace(/(?<=^[bcdđghklmnpqrstvx]{1,2})[yýỳỷỹỵ]$/u, (c) => y[c] ?? c);
}

/** Function words: a pair with one of them is not a word. */
const STOP = new Set(
  "và các của cho với trong theo tại đến để được có là những này đó trên về từ một mỗi như hoặc đã sẽ cùng nhằm việc khi thì do bởi".split(
    " ",
  ),
);
/**
 * Words every part of a plan uses ("xây dựng kế hoạch", "tổ chức thực hiện"): their syllables make
 * no pair, so "xây dựng kế hoạch thu hút bác sĩ" is about "thu hút" and "bác sĩ", not "dựng kế".
 */
const GENERIC = new Set(
  [
    "kế hoạch",
    "xây dựng",
    "hoàn thành",
    "triển khai",
    "thực hiện",
    "tổ chức",
    "tham mưu",
    "phối hợp",
    "chủ trì",
    "báo cáo",
    "đơn vị",
    "nhiệm vụ",
    "chương trình",
    "công tác",
    "hoạt động",
    "nâng cao",
    "tăng cường",
    "đẩy mạnh",
    "hiệu quả",
    "quy định",
    "liên quan",
    "địa bàn",
    "nhân dân",
    "người dân",
    "sức khỏe",
    "sức khoẻ",
    "chăm sóc",
    "bảo vệ",
    "y tế",
    "đảm bảo",
    "bảo đảm",
    "kết quả",
    "chỉ đạo",
    "hướng dẫn",
    "chủ động",
    "tiếp tục",
    "phù hợp",
    "cụ thể",
    "giải pháp",
    "mục tiêu",
    "chỉ tiêu",
  ].map((w) => w.split(" ").map(syllable).join(" ")),
);
/** Fewest shared pairs that make a match. */
const MIN_SHARED = 1;

/** Adjacent syllable pairs of a text, not across punctuation, without function words or numbers. */
export function wordPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const chunk of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\s]+/u)) {
    const words = chunk.split(/\s+/u).filter(Boolean).map(syllable);
    const generic = words.map(() => false);
    for (let i = 0; i + 1 < words.length; i++) {
      if (GENERIC.has(`${words[i]} ${words[i + 1]}`)) generic[i] = generic[i + 1] = true;
    }
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i] ?? "", words[i + 1] ?? ""];
      if (!STOP.has(a) && !STOP.has(b) && !generic[i] && !generic[i + 1]) pairs.add(`${a} ${b}`);
    }
  }
  return pairs;
}

const keyOf = (lead: Mention[]) => lead.map((m) => m.spec.key).join("+");

export class TopicIndex {
  private readonly units = new Map<string, { lead: Mention[]; where: string; pairs: Set<string> }>();
  /** In how many paragraphs of the whole body each pair occurs: common pairs weigh little. */
  private readonly frequency = new Map<string, number>();
  private paragraphs = 0;

  /** A paragraph of the body, for the weight of its pairs. */
  count(text: string): void {
    this.paragraphs++;
    for (const p of wordPairs(text)) this.frequency.set(p, (this.frequency.get(p) ?? 0) + 1);
  }

  private weight(pair: string): number {
    return Math.log(1 + this.paragraphs / (this.frequency.get(pair) ?? 1));
  }

  /** A paragraph of a unit's assignment. */
  add(lead: Mention[], text: string, where: string): void {
    const key = keyOf(lead);
    const entry = this.units.get(key) ?? { lead, where, pairs: new Set<string>() };
    for (const p of wordPairs(text)) entry.pairs.add(p);
    this.units.set(key, entry);
  }

  /**
   * The one unit whose assignment alone shares the most (rare) word pairs with the text, if any:
   * a tie is no answer.
   */
  best(text: string): { lead: Mention[]; where: string; shared: string[] } | undefined {
    const all = [...this.units.values()];
    const asked = [...wordPairs(text)];
    const scored = all
      .map((u) => {
        const shared = asked.filter((p) => u.pairs.has(p) && all.every((o) => o === u || !o.pairs.has(p)));
        return { ...u, shared, score: shared.reduce((sum, p) => sum + this.weight(p), 0) };
      })
      .sort((a, b) => b.score - a.score);
    const [first, second] = scored;
    if (!first || first.shared.length < MIN_SHARED) return undefined;
    if (second && second.score >= first.score) return undefined;
    return { lead: first.lead, where: first.where, shared: first.shared };
  }
}
