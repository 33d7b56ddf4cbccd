import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApi } from "../../local/http-api";

describe("the local HTTP adapter", () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    const answer = async (event: { rawPath: string }) => {
      seen.push(event.rawPath);
      return { statusCode: 200, body: "ok" };
    };
    ({ server, url } = await startHttpApi(
      {
        "submission-api": answer as never,
        "submission-form": answer as never,
        "short-link": answer as never,
      },
      0,
    ));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers a malformed percent-encoding in a path parameter with 400, as API Gateway does", async () => {
    const res = await fetch(`${url}/f/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(seen).not.toContain("/f/%E0%A4%A");
  });

  it("decodes a well-formed one and hands it to the handler", async () => {
    const res = await fetch(`${url}/f/abc%2Edef`);
    expect(res.status).toBe(200);
    expect(seen).toContain("/f/abc%2Edef");
  });

  it("answers an unknown route with 404 and the safety headers", async () => {
    const res = await fetch(`${url}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
