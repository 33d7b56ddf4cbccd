import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpApi } from "../../local/http-api";

describe("the local HTTP adapter", () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    const answer = async (event: {
      rawPath: string;
      cookies?: string[];
      headers: Record<string, string>;
      body?: string;
      isBase64Encoded: boolean;
    }) => {
      seen.push(event.rawPath);
      if (event.rawPath === "/console/drafts") {
        // Echoes the body a multipart upload reaches the handler with.
        const bytes = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
        return {
          statusCode: 200,
          body: JSON.stringify({
            base64: event.isBase64Encoded,
            type: event.headers["content-type"],
            hex: bytes.toString("hex"),
          }),
        };
      }
      if (event.rawPath === "/console") {
        // Echoes what a 2.0 handler sees of cookies, and sets two.
        return {
          statusCode: 200,
          body: JSON.stringify({ cookies: event.cookies, header: event.headers.cookie ?? null }),
          cookies: ["a=1; HttpOnly", "b=2; SameSite=Strict"],
        };
      }
      return { statusCode: 200, body: "ok" };
    };
    ({ server, url } = await startHttpApi(
      {
        "submission-api": answer as never,
        "submission-form": answer as never,
        "short-link": answer as never,
        console: answer as never,
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

  it("hands cookies over as payload 2.0 does (one entry each, no Cookie header) and sets the result's cookies", async () => {
    const res = await fetch(`${url}/console`, { headers: { cookie: "hanchot_session=abc; theme=dark" } });
    expect(await res.json()).toEqual({ cookies: ["hanchot_session=abc", "theme=dark"], header: null });
    expect(res.headers.getSetCookie()).toEqual(["a=1; HttpOnly", "b=2; SameSite=Strict"]);
  });

  it("passes a multipart upload (a plan document) through byte for byte, base64-encoded as API Gateway does", async () => {
    // Bytes that are not UTF-8 (a .docx is a zip): any text decoding would change them.
    const file = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28]);
    const form = new FormData();
    form.append("planId", "long-bien-2026");
    form.append("file", new Blob([new Uint8Array(file)]), "ke-hoach.docx");
    const request = new Request(`${url}/console/drafts`, { method: "POST", body: form });
    const sent = Buffer.from(await request.clone().arrayBuffer());
    const res = await fetch(request);
    const echoed = (await res.json()) as { base64: boolean; type: string; hex: string };
    expect(echoed.base64).toBe(true);
    expect(echoed.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.hex).toBe(sent.toString("hex"));
    expect(echoed.hex).toContain(file.toString("hex"));
  });

  it("answers 404 for a route whose function is not served", async () => {
    const partial = await startHttpApi({}, 0);
    const res = await fetch(`${partial.url}/console`);
    expect(res.status).toBe(404);
    await new Promise<void>((r) => partial.server.close(() => r()));
  });
});
