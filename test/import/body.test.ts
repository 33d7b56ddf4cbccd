/**
 * The body-sentence reader of plan:import, one reading rule per test, on short made-up plans
 * (no sentence of the seed documents): who leads, which timing, what is left for review.
 */
import { describe, expect, it } from "vitest";
import { CERTAINTY } from "../../shared/plan/intake/body";
import { fromText } from "../../shared/plan/intake/document";
import { readPlan } from "../../shared/plan/intake/read";
import { wordPairs } from "../../shared/plan/intake/topic";
import { PlanFile } from "../../shared/plan/schema";

const opts = { source: "thu", importedAt: "2027-01-01T00:00:00.000Z" };

/** A commune plan of 2027 (or the issuer given) with the body lines given. */
function plan(body: string[], issuer = "UBND xã Hòa Bình xây dựng Kế hoạch này.", year = 2027) {
  const head = ["Số: 9/KH-UBND", `Hòa Bình, ngày 03 tháng 01 năm ${year}`, "KẾ HOẠCH", "Y tế cơ sở", issuer];
  return PlanFile.parse(readPlan(fromText([...head, ...body].join("\n")), opts));
}
const dated = (p: PlanFile) =>
  p.obligations.filter(
    (o) => !["continuous", "event", "unstated", "times-per-year"].includes(o.schedule.kind),
  );
const one = (p: PlanFile) => {
  const list = dated(p);
  expect(list).toHaveLength(1);
  return list[0] as PlanFile["obligations"][number];
};
const reviewed = (p: PlanFile, text: string) =>
  p.draft?.review.filter((r) => `${r.what} ${r.why}`.includes(text));

describe("a dated body sentence", () => {
  it("is always less certain than a table row, and less certain the more its lead is guessed", () => {
    const c = CERTAINTY;
    expect(Math.max(...Object.values(c))).toBeLessThan(0.7);
    expect([c.fields, c.subject, c.section, c.place, c.topic, c.fallback, c.none]).toEqual(
      [c.fields, c.subject, c.section, c.place, c.topic, c.fallback, c.none].sort((a, b) => b - a),
    );
  });

  it("is led by its subject and goes to the unit after 'về'", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Các xã báo cáo số trẻ được tiêm đủ mũi về Trung tâm Y tế trước ngày 15/12.",
    ]);
    const o = one(p);
    expect(o).toMatchObject({
      lead: ["cac-xa"],
      schedule: { kind: "date", date: "2027-12-15", cutoff: "before" },
      timing: "trước ngày 15/12",
      deliverable: { to: "ttyt" },
      origin: { confidence: CERTAINTY.subject },
    });
    expect(o.origin?.where).toMatch(/^Mục III, dòng \d+$/);
  });

  it("reads 'Giao X chủ trì, phối hợp với Y' on the line after a heading, with a date in words", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "2. Lập sổ theo dõi phụ nữ mang thai",
      "Giao Trạm Y tế xã chủ trì, phối hợp với Hội Chữ thập đỏ lập sổ, gửi Phòng Y tế chậm nhất ngày 5 tháng 7.",
    ]);
    expect(one(p)).toMatchObject({
      lead: ["tram-y-te"],
      coordinating: ["hoi-chu-thap-do"],
      schedule: { kind: "date", date: "2027-07-05", cutoff: "by" },
      deliverable: { to: "pyt" },
    });
  });

  it("gives each clause with its own subject and verb its own duty", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Trạm Y tế xã lập danh sách trẻ chưa tiêm trước ngày 10/3, Phòng Y tế tổng hợp gửi Ban Chỉ đạo trước ngày 20/3.",
      "- Phòng Y tế chủ trì, Trung tâm Y tế phối hợp kiểm tra bếp ăn tập thể trong tháng 8.",
    ]);
    const due = (date: string) => p.obligations.find((o) => JSON.stringify(o.schedule).includes(date));
    expect(due("2027-03-10")?.lead).toEqual(["tram-y-te"]);
    expect(due("2027-03-20")).toMatchObject({ lead: ["pyt"], deliverable: { to: "bcd" } });
    expect(p.obligations.find((o) => o.schedule.kind === "month-end")?.lead).toEqual(["pyt"]);
  });

  it("finds the subject after an opening time", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Hàng quý, Bảo hiểm xã hội tổng hợp số thẻ bảo hiểm y tế, báo cáo Phòng Y tế trước ngày 18 của tháng cuối quý.",
    ]);
    expect(one(p)).toMatchObject({
      lead: ["bhxh"],
      schedule: { kind: "quarterly", day: 18, monthOfQuarter: 3 },
      deliverable: { to: "pyt" },
    });
  });

  it("finds the subject after an opening clause that names no unit, and the mass organisations", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Trên cơ sở danh sách hộ nghèo, các Trạm Y tế cấp thẻ bảo hiểm y tế trước ngày 15/4.",
      "- Hội Liên hiệp Phụ nữ xã tổ chức nói chuyện về nuôi con bằng sữa mẹ từ ngày 01/8 đến ngày 07/8.",
    ]);
    expect(dated(p).map((o) => [o.lead, o.schedule])).toEqual([
      [["tram-y-te"], { kind: "date", date: "2027-04-15", cutoff: "before" }],
      [["hoi-lhpn"], { kind: "date", date: "2027-08-07", cutoff: "by" }],
    ]);
  });

  it("is led by the unit its section is about", () => {
    const p = plan([
      "IV. TỔ CHỨC THỰC HIỆN",
      "2. Trạm Y tế xã",
      "- Tổ chức cho trẻ uống vitamin A hoàn thành trong tháng 6.",
    ]);
    expect(one(p)).toMatchObject({
      lead: ["tram-y-te"],
      schedule: { kind: "month-end", month: 6 },
      origin: { confidence: CERTAINTY.section },
    });
  });

  it("with no unit named, is given to the wards where it is done, and listed for review", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Rà soát hộ gia đình chưa có nước sạch trên địa bàn các phường, hoàn thành trong quý III.",
    ]);
    expect(one(p)).toMatchObject({ lead: ["cac-phuong"], schedule: { kind: "month-end", month: 9 } });
    expect(reviewed(p, "nơi thực hiện")).toHaveLength(1);
  });

  it("with no unit named, goes to the unit whose assignment speaks of the same thing", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Tổ chức tiêm phòng dại cho đàn chó nuôi hoàn thành trong tháng 4.",
      "IV. TỔ CHỨC THỰC HIỆN",
      "1. Phòng Y tế",
      "- Là cơ quan thường trực, theo dõi việc thực hiện Kế hoạch.",
      "2. Phòng Kinh tế",
      "- Chỉ đạo tiêm phòng dại cho đàn chó, mèo.",
    ]);
    const o = one(p);
    expect(o).toMatchObject({ lead: ["phong-kinh-te"], origin: { confidence: CERTAINTY.topic } });
    expect(reviewed(p, "Mục IV.2")).toHaveLength(1);
  });

  it("with no unit and no matching assignment, goes to the standing body, and is listed for review", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Sơ kết công tác năm trước ngày 20/12.",
      "IV. TỔ CHỨC THỰC HIỆN",
      "1. Trạm Y tế xã",
      "- Khám sàng lọc bệnh tăng huyết áp.",
      "2. Phòng Y tế",
      "- Là cơ quan thường trực của Ban Chỉ đạo.",
    ]);
    expect(one(p)).toMatchObject({ lead: ["pyt"], origin: { confidence: CERTAINTY.fallback } });
    expect(reviewed(p, "đơn vị thường trực")).toHaveLength(1);
  });

  it("written as a list (Thời gian / Đơn vị chủ trì / Đơn vị phối hợp) takes its fields", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "1. Tập huấn cán bộ y tế thôn",
      "- Thời gian thực hiện: Tháng 4",
      "- Đơn vị chủ trì: Trung tâm Y tế",
      "- Đơn vị phối hợp: Phòng Y tế",
    ]);
    expect(one(p)).toMatchObject({
      title: "Tập huấn cán bộ y tế thôn",
      lead: ["ttyt"],
      coordinating: ["pyt"],
      schedule: { kind: "months", months: [4] },
      origin: { confidence: CERTAINTY.fields },
    });
  });
});

describe("what is not a dated duty", () => {
  it("aims and targets sections assign no work", () => {
    const p = plan([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "- Hoàn thành hồ sơ sức khỏe điện tử cho người dân trước năm 2030.",
      "II. MỤC TIÊU",
      "- Đến năm 2030, 100% trạm y tế có bác sĩ.",
    ]);
    expect(dated(p)).toEqual([]);
  });

  it("a year in the name of another document is not a deadline", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Triển khai các nội dung theo Quyết định số 5/QĐ-UBND về Chiến lược dân số đến năm 2030.",
      "- Cải tạo trạm y tế phù hợp với Quy hoạch tỉnh đến năm 2030, tầm nhìn đến năm 2050.",
      "- Trạm Y tế xã thực hiện theo phương án sắp xếp giai đoạn 2026-2027 của tỉnh.",
    ]);
    expect(dated(p)).toEqual([]);
  });

  it("a dated sentence that assigns no work is listed for review, not read", () => {
    const p = plan([
      "IV. TỔ CHỨC THỰC HIỆN",
      "1. Trạm Y tế xã",
      "- Tỷ lệ trẻ được tiêm đủ mũi đạt 98% trước ngày 31/12.",
    ]);
    expect(dated(p)).toEqual([]);
    expect(reviewed(p, "trước ngày 31/12")).toHaveLength(1);
  });

  it("undated work is kept only with a stated lead", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Kiểm tra vệ sinh các trường học 02 lần/năm.",
      "- Trạm Y tế xã khám sàng lọc tăng huyết áp mỗi quý một lần.",
      "IV. TỔ CHỨC THỰC HIỆN",
      "3. Phòng Y tế: kiểm tra các cơ sở hành nghề y tư nhân ít nhất 01 lần/năm.",
    ]);
    expect(p.obligations.find((o) => o.title.startsWith("Kiểm tra vệ sinh"))).toBeUndefined();
    expect(p.obligations.find((o) => o.lead.includes("tram-y-te"))).toMatchObject({
      schedule: { kind: "continuous", every: "quarter" },
    });
    expect(p.obligations.find((o) => o.lead.includes("pyt"))).toMatchObject({
      schedule: { kind: "times-per-year", count: 1 },
      timing: "ít nhất 01 lần/năm",
    });
  });
});

describe("a plan numbered without Roman numerals", () => {
  it("takes 1., 2. … as its sections and a), b) … as list items", () => {
    const p = plan([
      "1. MỤC TIÊU",
      "- Hoàn thành tiêm vắc xin sởi cho trẻ trước ngày 30/6.",
      "2. NHIỆM VỤ",
      "a) Trạm Y tế xã tổ chức buổi tiêm chủng vào ngày 25 hàng tháng.",
      "b) Trạm Y tế xã báo cáo kết quả tiêm về Trung tâm Y tế trước ngày 05 hàng tháng.",
    ]);
    expect(dated(p).map((o) => [o.source, o.schedule.kind, o.lead])).toEqual([
      ["Mục 2", "monthly", ["tram-y-te"]],
      ["Mục 2", "monthly", ["tram-y-te"]],
    ]);
  });
});

describe("the plan around the duties", () => {
  it("a district plan that runs past 2025 ends the district's own bodies on 30/6/2025", () => {
    const p = plan(
      ["III. NHIỆM VỤ", "- Phòng Y tế huyện phấn đấu đến năm 2030 có đủ bác sĩ cho các trạm."],
      "UBND huyện Sơn Tây xây dựng Kế hoạch này.",
      2024,
    );
    expect(p.untilYear).toBe(2030);
    expect(p.units.find((u) => u.id === "pyt")?.validUntil).toBe("2025-06-30");
    expect(p.units.find((u) => u.id === "ubnd")?.validUntil).toBe("2025-06-30");
    expect(reviewed(p, "01/7/2025")).toHaveLength(1);
  });

  it("in a ward's own plan, 'UBND phường' is the issuer", () => {
    const p = plan(
      ["III. NHIỆM VỤ", "- Trạm Y tế phường tổng hợp, báo cáo UBND phường trước ngày 10/12."],
      "UBND phường Đông Hải xây dựng Kế hoạch này.",
    );
    expect(one(p).deliverable?.to).toBe("ubnd");
    expect(p.units.some((u) => u.id.startsWith("cac-phuong"))).toBe(false);
  });

  it("compares words by syllable pairs, spelling 'sỹ' as 'sĩ' and skipping words every section uses", () => {
    expect(wordPairs("tuyển dụng bác sỹ")).toEqual(wordPairs("tuyển dụng bác sĩ"));
    expect([...wordPairs("xây dựng kế hoạch thu hút bác sĩ")]).toEqual(["thu hút", "hút bác", "bác sĩ"]);
  });
});

describe("timing forms inside a body sentence", () => {
  const only = (p: PlanFile, start: string) => {
    const found = p.obligations.filter((o) => o.title.startsWith(start));
    expect(found).toHaveLength(1);
    return found[0] as PlanFile["obligations"][number];
  };

  it("an activity held on an occasion's day is held that day every year, and keeps the occasion in its title", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Phòng Y tế chủ trì tổ chức mít tinh nhân kỷ niệm ngày Dân số thế giới 11/7 tại các phường.",
      "- Trạm Y tế xã tổ chức nói chuyện chuyên đề hưởng ứng Ngày Thế giới phòng chống lao (24/3) tại nhà văn hóa thôn.",
    ]);
    expect(only(p, "Phòng Y tế")).toMatchObject({
      title: "Phòng Y tế chủ trì tổ chức mít tinh nhân kỷ niệm ngày Dân số thế giới tại các phường",
      timing: "nhân kỷ niệm ngày Dân số thế giới 11/7",
      schedule: { kind: "on-day", month: 7, day: 11 },
      lead: ["pyt"],
      origin: { confidence: CERTAINTY.subject },
    });
    expect(only(p, "Trạm Y tế")).toMatchObject({
      title:
        "Trạm Y tế xã tổ chức nói chuyện chuyên đề hưởng ứng Ngày Thế giới phòng chống lao tại nhà văn hóa thôn",
      timing: "hưởng ứng Ngày Thế giới phòng chống lao (24/3)",
      schedule: { kind: "on-day", month: 3, day: 24 },
      lead: ["tram-y-te"],
    });
  });

  it("an activity on a dated day is held once; an anniversary's founding year is not that day", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Hội Người cao tuổi xã tổ chức gặp mặt vào ngày 01/10/2027 tại hội trường.",
      "- Trạm Y tế xã tổ chức gặp mặt cán bộ y tế nhân dịp kỷ niệm 72 năm Ngày Thầy thuốc Việt Nam (27/02/1955 - 27/02/2027).",
    ]);
    expect(only(p, "Hội Người cao tuổi")).toMatchObject({
      title: "Hội Người cao tuổi xã tổ chức gặp mặt tại hội trường",
      schedule: { kind: "on-day", date: "2027-10-01" },
    });
    expect(only(p, "Trạm Y tế").schedule).toMatchObject({ kind: "on-day", month: 2, day: 27 });
  });

  it("'ít nhất / tối thiểu N lần/năm' keeps the floor and the months of its rounds, however they are written", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Trạm Y tế tổ chức khám sàng lọc ít nhất 02 lần/năm vào tháng 5 và tháng 11.",
      "- Phòng Y tế kiểm tra các cơ sở dịch vụ ăn uống tối thiểu 02 lần/năm (tháng 4 và tháng 10).",
      "- Trung tâm Y tế giám sát chất lượng nước sạch 02 lần/năm, vào tháng 3 và tháng 9.",
    ]);
    expect(only(p, "Trạm Y tế").schedule).toEqual({
      kind: "times-per-year",
      count: 2,
      months: [5, 11],
      atLeast: true,
    });
    expect(only(p, "Phòng Y tế")).toMatchObject({
      timing: "tối thiểu 02 lần/năm (tháng 4 và tháng 10)",
      schedule: { kind: "times-per-year", count: 2, months: [4, 10], atLeast: true },
    });
    expect(only(p, "Trung tâm Y tế").schedule).toEqual({ kind: "times-per-year", count: 2, months: [3, 9] });
  });

  it("reads work relative to an event the plan does not date, led by its subject", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Các phường báo cáo kết quả trong và sau các chiến dịch.",
      "- Các xã gửi báo cáo về Trung tâm Y tế chậm nhất 03 ngày sau khi kết thúc đợt tiêm bổ sung.",
      "- Trạm Y tế xã thông báo lịch tiêm cho các thôn trước khi tổ chức tiêm chủng 02 ngày.",
      "- Hội Chữ thập đỏ xã rà soát người khuyết tật trước khi khám trước ngày 10/3.",
    ]);
    // An event named before a date: the date is the deadline, the event stays in the title.
    expect(only(p, "Hội Chữ thập đỏ")).toMatchObject({
      title: "Hội Chữ thập đỏ xã rà soát người khuyết tật trước khi khám",
      timing: "trước ngày 10/3",
      schedule: { kind: "date", date: "2027-03-10" },
    });
    expect(only(p, "Các phường")).toMatchObject({
      timing: "trong và sau các chiến dịch",
      schedule: { kind: "relative", event: "các chiến dịch", during: true, daysAfter: [0] },
      lead: ["cac-phuong"],
    });
    expect(only(p, "Các xã").schedule).toEqual({
      kind: "relative",
      event: "đợt tiêm bổ sung",
      daysAfter: [3],
    });
    expect(only(p, "Trạm Y tế").schedule).toEqual({
      kind: "relative",
      event: "tổ chức tiêm chủng",
      daysBefore: [2],
    });
  });

  it("keeps an ad hoc part after the main schedule, after 'hoặc' or a comma", () => {
    const p = plan([
      "IV. TỔ CHỨC THỰC HIỆN",
      "2. Trạm Y tế xã",
      "- Báo cáo trước ngày 15 của tháng cuối quý hoặc đột xuất khi có yêu cầu.",
      "3. Các thôn",
      "- Báo cáo Trạm Y tế xã trước ngày 20 hàng tháng, đột xuất khi có dịch bệnh.",
    ]);
    const adHoc = (trigger: string) => [{ kind: "event", trigger }];
    const ledBy = (unit: string) => p.obligations.filter((o) => o.lead.includes(unit));
    expect(ledBy("tram-y-te")).toHaveLength(1);
    expect(ledBy("tram-y-te")[0]).toMatchObject({
      title: "Báo cáo",
      schedule: { kind: "quarterly", day: 15, monthOfQuarter: 3 },
      alsoSchedules: adHoc("đột xuất khi có yêu cầu"),
    });
    expect(ledBy("cac-thon")).toHaveLength(1);
    expect(ledBy("cac-thon")[0]).toMatchObject({
      schedule: { kind: "monthly", day: 20 },
      alsoSchedules: adHoc("đột xuất khi có dịch bệnh"),
    });
  });

  it("does not take a document's date, an undated campaign month or a target's figure for timing", () => {
    const p = plan([
      "III. NHIỆM VỤ",
      "- Phòng Y tế tổ chức hội nghị nhân dịp triển khai Quyết định số 12/QĐ-UBND ngày 11/7/2026.",
      "- Trạm Y tế xã tổ chức truyền thông hưởng ứng Tháng hành động vì an toàn thực phẩm.",
      "- Trạm Y tế xã phấn đấu đến năm 2030, 100% người dân có hồ sơ sức khỏe điện tử.",
      "- Trạm Y tế xã tổ chức cho trẻ uống vitamin A vào tháng 6, 12 tại các thôn.",
    ]);
    expect(p.obligations.filter((o) => o.schedule.kind === "on-day")).toEqual([]);
    expect(only(p, "Trạm Y tế xã tổ chức truyền thông").schedule.kind).toBe("unstated");
    expect(only(p, "Trạm Y tế xã phấn đấu")).toMatchObject({
      timing: "đến năm 2030",
      schedule: { kind: "by-year", year: 2030 },
    });
    expect(only(p, "Trạm Y tế xã tổ chức cho trẻ").schedule).toEqual({ kind: "months", months: [6, 12] });
  });
});
