/** The From header with a display name: quoted ASCII, or RFC 2047 encoded words SES accepts. */
import { describe, expect, it } from "vitest";
import { encodedWords, mailbox } from "../../shared/notify/mailbox";

function decode(words: string): string {
  return Buffer.concat(
    words.split(" ").map((w) => {
      const m = /^=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/.exec(w);
      if (!m) throw new Error(`not an encoded word: ${w}`);
      return Buffer.from(m[1] ?? "", "base64");
    }),
  ).toString("utf8");
}

describe("mailbox", () => {
  it("is the bare address without a name", () => {
    expect(mailbox(undefined, "noreply@example.org")).toBe("noreply@example.org");
    expect(mailbox("  ", "noreply@example.org")).toBe("noreply@example.org");
  });

  it("quotes an ASCII name, escaping quotes and backslashes", () => {
    expect(mailbox('PYT "Long Bien" \\ HN', "pyt@example.org")).toBe(
      '"PYT \\"Long Bien\\" \\\\ HN" <pyt@example.org>',
    );
  });

  it("encodes a Vietnamese name as encoded words that decode back to it", () => {
    const from = mailbox("Phòng Y tế quận Long Biên", "noreply@example.org");
    expect(from).toMatch(/^[\x20-\x7e]+$/);
    const [, words] = /^(.*) <noreply@example\.org>$/.exec(from) ?? [];
    expect(decode(words ?? "")).toBe("Phòng Y tế quận Long Biên");
  });

  it("keeps the name on one line: no header can be injected through it", () => {
    const from = mailbox("Phòng Y tế\r\nBcc: x@example.org", "noreply@example.org");
    expect(from).not.toMatch(/[\r\n]/);
    expect(decode(from.replace(/ <noreply@example\.org>$/, ""))).toBe("Phòng Y tế Bcc: x@example.org");
  });
});

describe("encodedWords", () => {
  it("splits a long name into words of at most 75 characters, never inside a character", () => {
    const name = "Ban Chỉ đạo công tác chăm sóc sức khỏe ban đầu, Dân số & Phát triển quận Long Biên ✓ 😀";
    const words = encodedWords(name);
    expect(words.split(" ").length).toBeGreaterThan(1);
    for (const w of words.split(" ")) {
      expect(w.length).toBeLessThanOrEqual(75);
      // Each word decodes on its own: no character was cut in two.
      expect(decode(w)).not.toContain("\uFFFD");
    }
    expect(decode(words)).toBe(name);
  });
});
