import { describe, expect, it } from "vitest";
import { freshData } from "../support/data";

const link = { id: "abcdefghij", instanceId: "p:o:2025:u", keyId: "k1", expiresAt: 1_800_000_000 };

describe("ShortLinkRepository on DynamoDB Local", () => {
  it("stores a link once, carries it to a later expiry or a renamed key, and never re-points it", async () => {
    const { data } = await freshData();
    const at = new Date("2025-01-01T00:00:00Z");
    expect(await data.shortLinks.save(link, at)).toBe(true);
    expect(await data.shortLinks.save(link, at)).toBe(false); // same link: nothing to write
    expect(await data.shortLinks.save({ ...link, expiresAt: link.expiresAt + 1 }, at)).toBe(true);
    expect(await data.shortLinks.save({ ...link, keyId: "k2", expiresAt: link.expiresAt + 1 }, at)).toBe(
      true,
    );
    expect(await data.shortLinks.save({ ...link, instanceId: "p:o:2025:other", expiresAt: 2e9 }, at)).toBe(
      false,
    );
    expect(await data.shortLinks.resolve(link.id)).toEqual({
      ...link,
      keyId: "k2",
      expiresAt: link.expiresAt + 1,
    });
  });

  it("resolves nothing for an unknown or malformed id, without asking the table for a malformed one", async () => {
    const { data } = await freshData();
    expect(await data.shortLinks.resolve("zzzzzzzzzz")).toBeUndefined();
    const before = data.table.requests.count;
    expect(await data.shortLinks.resolve("../x")).toBeUndefined();
    expect(data.table.requests.count).toBe(before);
  });
});
