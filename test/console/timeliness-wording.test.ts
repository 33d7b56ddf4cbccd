import { describe, expect, it } from "vitest";
import { ACTION_TEXT, stageText } from "../../shared/console/wording";

describe("the console's words for message stages and actions", () => {
  // Cut-off 00:00 on 25/03 in Vietnam: the last on-time day is 24/03.
  const deadline = { dueAt: "2025-03-25T00:00:00+07:00", remindAt: ["2025-03-17T08:00:00+07:00"] };

  it("names a reminder by the days before the last on-time day", () => {
    expect(stageText("remind@2025-03-17T08:00:00+07:00", deadline)).toBe("Nhắc hạn 7 ngày trước");
    expect(stageText("remind@2025-03-21T08:00:00+07:00", deadline)).toBe("Nhắc hạn 3 ngày trước");
    expect(stageText("remind@2025-03-24T08:00:00+07:00", deadline)).toBe("Nhắc hạn trong ngày cuối");
  });

  it("names the reminder that opens an activity's window", () => {
    const activity = {
      dueAt: "2025-08-01T00:00:00+07:00",
      opensOn: "2025-03-01",
      remindAt: ["2025-03-03T08:00:00+07:00", "2025-07-24T08:00:00+07:00"],
    };
    expect(stageText("remind@2025-03-03T08:00:00+07:00", activity)).toBe("Nhắc mở đợt");
    expect(stageText("remind@2025-07-24T08:00:00+07:00", activity)).toBe("Nhắc hạn 7 ngày trước");
  });

  it("names escalations, the office's messages, and keeps an unknown stage as stored", () => {
    expect(stageText("escalation-2", deadline)).toBe("Báo quá hạn lần 2");
    expect(stageText("manual@2025-03-26", deadline)).toBe("Nhắc ngay");
    expect(stageText("returned@KH-2025-0001", deadline)).toBe("Trả lại");
    expect(stageText("something-new", deadline)).toBe("something-new");
  });

  it("has a Vietnamese word for every audit action", () => {
    expect(Object.values(ACTION_TEXT)).toEqual([
      "Gia hạn",
      "Miễn nộp",
      "Nhắc ngay",
      "Trả lại",
      "Chấp nhận",
      "Sửa liên hệ",
      "Đăng kế hoạch",
    ]);
  });
});
