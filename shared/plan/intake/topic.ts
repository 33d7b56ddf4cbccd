/**
 * Which unit's assignment under "Tổ chức thực hiện" speaks of the same thing as a sentence that
 * names no unit ("Tổ chức điều tra đối tượng …" in the tasks, "UBND các phường: … điều tra, lập
 * danh sách đối tượng" in the assignments). Words are compared as pairs of syllables (most
 * Vietnamese words have two), and only pairs that one unit's assignment has and no other's count:
 * "kế hoạch" or "triển khai" are in every section and say nothing about who does the work.
 */
import type { Mention } from "./units";

/** Function words: a pair with one of them is not a word. */
const STOP = new Set(
  "và các của cho với trong theo tại đến để được có là những này đó trên về từ một mỗi như hoặc đã sẽ cùng nhằm việc khi thì do bởi".split(
    " ",
  ),
);
/** Fewest shared pairs that make a match. */
const MIN_SHARED = 1;

/** "sỹ" and "sĩ", "kỹ" and "kĩ": the same syllable spelled two ways. */
function syllable(s: string): string {
  const y: Record<string, string> = { y: "i", ý: "í", ỳ: "ì", ỷ: "ỉ", ỹ: "ĩ", ỵ: "ị" };
  return s.replace(/(?<=^[bcdđghklmnpqrstvx]{1,2})[yýỳỷỹỵ]$/u, (c) => y[c] ?? c);
}

/** Adjacent syllable pairs of a text, not across punctuation, without function words or numbers. */
export function wordPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const chunk of text.normalize("NFC").toLowerCase().split(/[^\p{L}\s]+/u)) {
    const words = chunk.split(/\s+/u).filter(Boolean).map(syllable);
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i] ?? "", words[i + 1] ?? ""];
      if (!STOP.has(a) && !STOP.has(b)) pairs.add(`${a} ${b}`);
    }
  }
  return pairs;
}

const keyOf = (lead: Mention[]) => lead.map((m) => m.spec.key).join("+");

export class TopicIndex {
  private readonly units = new Map<string, { lead: Mention[]; where: string; pairs: Set<string> }>();

  /** A paragraph of a unit's assignment. */
  add(lead: Mention[], text: string, where: string): void {
    const key = keyOf(lead);
    const entry = this.units.get(key) ?? { lead, where, pairs: new Set<string>() };
    for (const p of wordPairs(text)) entry.pairs.add(p);
    this.units.set(key, entry);
  }

  /** The one unit whose assignment alone shares the most word pairs with the sentence, if any. */
  best(sentence: string): { lead: Mention[]; where: string; shared: string[] } | undefined {
    const all = [...this.units.values()];
    const scored = all
      .map((u) => ({
        ...u,
        shared: [...wordPairs(sentence)].filter(
          (p) => u.pairs.has(p) && all.every((o) => o === u || !o.pairs.has(p)),
        ),
      }))
      .sort((a, b) => b.shared.length - a.shared.length);
    const [first, second] = scored;
    if (!first || first.shared.length < MIN_SHARED) return undefined;
    if (second && second.shared.length === first.shared.length) return undefined;
    return { lead: first.lead, where: first.where, shared: first.shared };
  }
}
