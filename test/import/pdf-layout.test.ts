/**
 * The PDF layout reader on text items placed by hand, as pdf.js gives them: paragraphs joined
 * from wrapped lines, tables rebuilt from cells that line up, justified lines kept as text.
 */
import { describe, expect, it } from "vitest";
import { layOut, type PdfItem } from "../../shared/plan/intake/pdf-layout";

const SIZE = 12;
/** Average glyph width of the made-up font, in points. */
const CHAR = 6;
const LEFT = 90;
const RIGHT = 510;

const item = (str: string, x: number, y: number): PdfItem => ({
  str,
  x,
  y,
  width: str.length * CHAR,
  size: SIZE,
});
/** A justified line: its words spread from the left to the right edge. */
function justified(words: string[], y: number): PdfItem[] {
  const letters = words.join("").length * CHAR;
  const gap = (RIGHT - LEFT - letters) / (words.length - 1);
  let x = LEFT;
  return words.map((w) => {
    const it = item(w, x, y);
    x += w.length * CHAR + gap;
    return it;
  });
}

describe("layOut", () => {
  it("joins a wrapped paragraph, keeps a short last line's paragraph apart, drops the page number", () => {
    const page = [
      ...justified(
        ["Phòng", "Y", "tế", "tổng", "hợp", "báo", "cáo", "kết", "quả", "thực", "hiện", "gửi"],
        700,
      ),
      item("UBND quận trước ngày 15/12 hằng năm.", LEFT, 684),
      // The next paragraph, after paragraph spacing, then a line that ends short.
      item("2. Trung tâm Y tế", LEFT, 662),
      item("- Kiểm tra các trạm.", LEFT, 646),
      item("12", 300, 40),
    ];
    const laid = layOut([page]);
    expect(laid.map((l) => (l.kind === "line" ? l.text : "table"))).toEqual([
      "Phòng Y tế tổng hợp báo cáo kết quả thực hiện gửi UBND quận trước ngày 15/12 hằng năm.",
      "2. Trung tâm Y tế",
      "- Kiểm tra các trạm.",
    ]);
  });

  it("does not join a line that ended short, nor a heading or list item after a full line", () => {
    const page = [
      item("Các phường báo cáo.", LEFT, 700),
      item("Trạm Y tế lập danh sách.", LEFT, 684),
      ...justified(
        ["Trạm", "Y", "tế", "lập", "danh", "sách", "người", "cao", "tuổi", "trên", "địa", "bàn"],
        668,
      ),
      item("- Thời gian: tháng 3", LEFT, 652),
    ];
    const texts = layOut([page]).map((l) => (l.kind === "line" ? l.text : "table"));
    expect(texts).toHaveLength(4);
  });

  it("glues a word broken after a hyphen or slash", () => {
    const page = [
      ...justified(["thực", "hiện", "Kế", "hoạch", "số", "158-"], 700),
      item("KH/HU của huyện.", LEFT, 684),
    ];
    expect(layOut([page])).toMatchObject([
      { kind: "line", text: "thực hiện Kế hoạch số 158-KH/HU của huyện." },
    ]);
  });

  it("rebuilds a bordered table: columns from aligned cells, rows from wrapped cells and padding", () => {
    // TT | Đơn vị | Địa bàn, cells padded 4 pt, lines 15 pt apart, rows 22 pt apart.
    const cols = [95, 170, 340];
    const page = [
      item("Các đơn vị hỗ trợ:", LEFT, 720),
      item("TT", cols[0] as number, 690),
      item("Đơn vị y tế", cols[1] as number, 690),
      item("Địa bàn được phân", cols[2] as number, 690),
      item("công", cols[2] as number, 675),
      item("1", cols[0] as number, 653),
      item("Bệnh viện đa khoa", cols[1] as number, 653),
      item("Phường Đức Giang,", cols[2] as number, 653),
      item("Đức Giang", cols[1] as number, 638),
      item("Cự Khối", cols[2] as number, 638),
      item("2", cols[0] as number, 616),
      item("Trung tâm Y tế quận", cols[1] as number, 616),
      item("Phường Bồ Đề", cols[2] as number, 616),
      item("Ghi chú: các đơn vị báo cáo.", LEFT, 590),
    ];
    const laid = layOut([page]);
    expect(laid).toEqual([
      { kind: "line", text: "Các đơn vị hỗ trợ:", at: 1 },
      {
        kind: "table",
        at: 2,
        rows: [
          ["TT", "Đơn vị y tế", "Địa bàn được phân công"],
          ["1", "Bệnh viện đa khoa Đức Giang", "Phường Đức Giang, Cự Khối"],
          ["2", "Trung tâm Y tế quận", "Phường Bồ Đề"],
        ],
      },
      { kind: "line", text: "Ghi chú: các đơn vị báo cáo.", at: 7 },
    ]);
  });

  it("keeps justified lines with wide spaces as text, not as a table", () => {
    const page = [
      ...justified(["Tổ", "chức", "khám", "sức", "khỏe", "cho", "người", "cao", "tuổi"], 700),
      ...justified(["trên", "địa", "bàn", "các", "phường,", "hoàn", "thành", "trước"], 684),
      item("ngày 30/6.", LEFT, 668),
    ];
    expect(layOut([page])).toEqual([
      {
        kind: "line",
        text: "Tổ chức khám sức khỏe cho người cao tuổi trên địa bàn các phường, hoàn thành trước ngày 30/6.",
        at: 1,
      },
    ]);
  });

  it("continues a paragraph from the foot of one page to the head of the next", () => {
    const first = [
      item("Mở đầu.", LEFT, 760),
      ...justified(["Trung", "tâm", "Y", "tế", "báo", "cáo", "kết", "quả"], 60),
    ];
    const second = [item("về Phòng Y tế.", LEFT, 780), item("Kết thúc.", LEFT, 758)];
    const texts = layOut([first, second]).map((l) => (l.kind === "line" ? l.text : "table"));
    expect(texts).toEqual(["Mở đầu.", "Trung tâm Y tế báo cáo kết quả về Phòng Y tế.", "Kết thúc."]);
  });
});
