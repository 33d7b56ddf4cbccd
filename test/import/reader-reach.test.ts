/**
 * What the plan reader reads beyond the seed documents, on made-up sentences in their style: the
 * units outside the health offices, the standing body however it is named, a date given once
 * for a list of items, passive sentences, and syllables whose first letter an extraction lost.
 */
import { describe, expect, it } from "vitest";
import { fromText } from "../../shared/plan/intake/document";
import { readPlan } from "../../shared/plan/intake/read";
import { PlanFile } from "../../shared/plan/schema";

const opts = { source: "thu", importedAt: "2027-01-01T00:00:00.000Z" };

function plan(body: string[]) {
  const head = [
    "Số: 14/KH-UBND",
    "Tân Lập, ngày 05 tháng 01 năm 2027",
    "KẾ HOẠCH",
    "Y tế trường học",
    "UBND xã Tân Lập xây dựng Kế hoạch này.",
  ];
  return PlanFile.parse(readPlan(fromText([...head, ...body].join("\n")), opts));
}
const dated = (p: PlanFile) =>
  p.obligations.filter(
    (o) => !["continuous", "event", "unstated", "times-per-year"].includes(o.schedule.kind),
  );
/** A unit's or a group's name ("Các trường học" is a group: its schools are listed later). */
const unitName = (p: PlanFile, id: string | undefined) =>
  [...p.units, ...(p.groups ?? [])].find((u) => u.id === id)?.name;
const leadNames = (p: PlanFile, o: PlanFile["obligations"][number]) => o.lead.map((id) => unitName(p, id));

describe("units beyond the health offices", () => {
  it.each([
    ["Trường THCS Tân Lập", "Trường THCS Tân Lập"],
    ["Trường Mầm non Hoa Mai", "Trường Mầm non Hoa Mai"],
    ["Các trường học trên địa bàn", "Các trường học"],
    ["Các trường mầm non, tiểu học", "Các trường học"],
    ["Đảng ủy xã", "Đảng ủy"],
    ["Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam"],
    ["Mặt trận Tổ quốc xã", "Ủy ban Mặt trận Tổ quốc Việt Nam"],
    ["Đoàn Thanh niên xã", "Đoàn Thanh niên"],
    ["Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ"],
    ["Hội Chữ thập đỏ xã", "Hội Chữ thập đỏ"],
    ["Công an xã", "Công an"],
    ["Ban Chỉ huy quân sự xã", "Ban Chỉ huy quân sự"],
  ])("%s leads the work it is the subject of", (subject, name) => {
    const p = plan([
      "II. NHIỆM VỤ",
      `- ${subject} tổ chức tuyên truyền phòng chống đuối nước trước ngày 31/5.`,
    ]);
    const [o, ...rest] = dated(p);
    expect(rest).toHaveLength(0);
    expect(o && leadNames(p, o)).toEqual([name]);
  });

  it("Sở Y tế is a report's recipient", () => {
    const p = plan(["II. NHIỆM VỤ", "- Trạm Y tế xã báo cáo Sở Y tế kết quả tiêm chủng trước ngày 10/12."]);
    const [o] = dated(p);
    expect(unitName(p, o?.deliverable?.to)).toBe("Sở Y tế");
  });
});

describe("the standing body", () => {
  const standing = (lines: string[]) => {
    const p = plan(["IV. TỔ CHỨC THỰC HIỆN", ...lines]);
    return {
      name: unitName(p, p.steeringCommittee?.standingBody),
      guessed: p.draft?.review.some((r) => r.what === "cơ quan thường trực"),
    };
  };

  it.each([
    [
      ["1. Phòng Văn hóa - Xã hội xã là cơ quan thường trực của Ban Chỉ đạo, tham mưu UBND xã."],
      "Phòng Văn hóa - Xã hội",
    ],
    [["1. Thường trực Ban Chỉ đạo (Trạm Y tế xã) tổng hợp kết quả."], "Trạm Y tế"],
    [["1. Giao Trạm Y tế xã làm thường trực Ban Chỉ đạo, hướng dẫn các thôn."], "Trạm Y tế"],
    [["1. Các đơn vị báo cáo về Ban Chỉ đạo (qua cơ quan thường trực là Trạm Y tế xã)."], "Trạm Y tế"],
    [["1. Cơ quan thường trực Ban Chỉ đạo: Phòng Văn hóa - Xã hội xã."], "Phòng Văn hóa - Xã hội"],
    [["1. Trạm Y tế xã", "- Là đơn vị thường trực, theo dõi việc thực hiện Kế hoạch."], "Trạm Y tế"],
    [
      [
        "1. Ban Thường trực Ủy ban MTTQ xã vận động Nhân dân tham gia.",
        "2. Thường trực Đảng ủy xã chỉ đạo chung.",
        "3. Trạm Y tế xã là cơ quan thường trực.",
      ],
      "Trạm Y tế",
    ],
  ])("is read from %j", (lines, name) => {
    expect(standing(lines)).toEqual({ name, guessed: false });
  });
});

describe("a date given once for a list", () => {
  it("dates each item's work with the heading's date, led by each item's subject", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "3. Trước ngày 15/12, các đơn vị:",
      "- Trạm Y tế xã báo cáo kết quả khám sức khỏe học sinh về UBND xã.",
      "- Đoàn Thanh niên xã tổng hợp danh sách tình nguyện viên.",
      "4. Tổ chức ngày hội sức khỏe học đường.",
    ]);
    const list = dated(p);
    expect(list.map((o) => [leadNames(p, o), o.timing, o.schedule])).toEqual([
      [["Trạm Y tế"], "Trước ngày 15/12", { kind: "date", date: "2027-12-15", cutoff: "before" }],
      [["Đoàn Thanh niên"], "Trước ngày 15/12", { kind: "date", date: "2027-12-15", cutoff: "before" }],
    ]);
    expect(p.draft?.review.some((r) => r.why.includes("không rõ việc phải làm"))).toBe(false);
  });

  it("does not date the items of a heading that assigns the dated work itself", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "3. Trạm Y tế xã hoàn thành khám sức khỏe học sinh trước ngày 30/11, gồm:",
      "- Khám mắt.",
      "- Khám răng miệng.",
    ]);
    expect(dated(p)).toHaveLength(1);
  });
});

describe("passive sentences", () => {
  it("are work, led by the unit the section is about", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "2. Trạm Y tế xã",
      "- Hồ sơ sức khỏe điện tử của học sinh được cập nhật trước ngày 30/6.",
    ]);
    const [o, ...rest] = dated(p);
    expect(rest).toHaveLength(0);
    expect(o && leadNames(p, o)).toEqual(["Trạm Y tế"]);
    expect(o?.schedule).toEqual({ kind: "date", date: "2027-06-30", cutoff: "before" });
  });

  it("are led by the agent after 'bởi' or 'do', not by the unit worked on", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "- Trạm Y tế xã được kiểm tra bởi Phòng Văn hóa - Xã hội xã trước ngày 30/9.",
      "- Bếp ăn các trường phải được giám sát do Trạm Y tế xã thực hiện trước ngày 15/10.",
    ]);
    expect(dated(p).map((o) => leadNames(p, o))).toEqual([["Phòng Văn hóa - Xã hội"], ["Trạm Y tế"]]);
  });

  it("that state a result, not work, stay out ('… được công nhận đạt chuẩn', '100% … được khám')", () => {
    const p = plan([
      "II. NHIỆM VỤ",
      "2. Trạm Y tế xã",
      "- Trạm Y tế xã được công nhận đạt chuẩn trước ngày 31/12.",
      "- 100% học sinh được khám sức khỏe trước ngày 31/10.",
    ]);
    expect(dated(p)).toHaveLength(0);
  });
});

describe("a syllable whose first letter an extraction lost", () => {
  it("gets its x back where no word starts without it", () => {
    const [line] = fromText("Sắp  ếp đơn vị hành chính cấp  ã, thường  uyên  ét nghiệm, đề  uất  ây dựng");
    expect(line).toMatchObject({
      text: "Sắp xếp đơn vị hành chính cấp xã, thường xuyên xét nghiệm, đề xuất xây dựng",
    });
  });

  it("leaves real words alone", () => {
    const [line] = fromText("trẻ em ăn uống, ấy là uất ức của Uyên");
    expect(line).toMatchObject({ text: "trẻ em ăn uống, ấy là uất ức của Uyên" });
  });

  it("lets the reader see the duty verb", () => {
    const p = plan(["II. NHIỆM VỤ", "- Trạm Y tế xã  ây dựng kế hoạch tiêm chủng trước ngày 15/3."]);
    expect(dated(p)).toHaveLength(1);
  });
});
