/**
 * The local stack as `npm start` runs it, on its own engines: it takes a free port when the one
 * asked for is taken, restarts DynamoDB Local when its JVM is killed (the data is on disk), and
 * says which engine stopped when one cannot come back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type LocalStack, startLocalStack } from "../../local/runtime";
import { signLink } from "../../shared/submission/link-token";
import { storedSubmissions } from "../support/data";

const ID = "thu-nghiem:ke-hoach:2025:to-1";

describe("the local stack", () => {
  let stack: LocalStack;
  let occupied: Server;
  let takenPort: number;
  const dataDir = mkdtempSync(join(tmpdir(), "hanchot-stack-"));
  const log: string[] = [];
  const lost: string[] = [];

  beforeAll(async () => {
    // Another program holds the port asked for.
    occupied = createServer();
    await new Promise<void>((r) => occupied.listen(0, "127.0.0.1", r));
    const address = occupied.address();
    takenPort = typeof address === "object" && address ? address.port : 0;
    stack = await startLocalStack({
      planFile: "test/fixtures/all-rules.yaml",
      dataDir,
      port: takenPort,
      workflows: false,
      log: (line) => log.push(line),
      onEngineLost: (message) => lost.push(message),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((r) => occupied.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const link = () =>
    signLink(stack.keyring, {
      instanceId: ID,
      unitId: "to-1",
      expiresAt: Math.floor(stack.now().getTime() / 1000) + 3600,
    });

  it("serves on a free port when the port asked for is taken, and says so", async () => {
    const port = Number(new URL(stack.baseUrl).port);
    expect(port).not.toBe(takenPort);
    expect(log).toContainEqual(expect.stringContaining(`Cổng ${takenPort} đang có chương trình khác dùng`));
    const res = await fetch(`${stack.baseUrl}/api/links/${link()}`);
    expect(res.status).toBe(200);
  });

  it("restarts DynamoDB Local when its JVM is killed; requests then succeed, with the data kept", async () => {
    const submit = (key: string) =>
      fetch(`${stack.baseUrl}/api/links/${link()}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({
          submitter: { name: "Phạm Thu Hà", phone: "0987654321" },
          fields: { "tom-tat": "Đã ban hành." },
        }),
      });
    // Only what happens during this case counts: the stack is shared by the cases of this file.
    const [logBefore, lostBefore] = [log.length, lost.length];
    const before = await submit("truoc-khi-dung");
    expect(before.status).toBe(201);
    const killed = stack.engines.dynamodb.pid as number;
    process.kill(killed, "SIGKILL");
    await vi.waitFor(
      () =>
        expect(log.slice(logBefore)).toContainEqual(expect.stringContaining("DynamoDB Local đã chạy lại")),
      { timeout: 40_000, interval: 200 },
    );
    const died = log.slice(logBefore).find((line) => line.includes("đã dừng đột ngột"));
    expect(died).toContain(`DynamoDB Local (tiến trình Java ${killed}, cổng`);
    expect(died).toContain("(SIGKILL)");
    expect(stack.engines.dynamodb.pid).not.toBe(killed);
    const after = await submit("sau-khi-chay-lai");
    expect(after.status).toBe(201);
    const receipts = (await storedSubmissions(stack.data, ID)).map((s) => s.receipt);
    expect(receipts).toContain(((await before.json()) as { receipt: string }).receipt);
    expect(receipts).toContain(((await after.json()) as { receipt: string }).receipt);
    expect(lost.slice(lostBefore)).toEqual([]);
  });

  it("signs the demo users in to the console against its cognito-local, and finds the committee", async () => {
    for (const user of stack.demoUsers) {
      const signedIn = await stack.consoleAuth.signIn(user.email, user.password);
      if (!signedIn.ok) throw new Error(`${user.email}: ${signedIn.reason}`);
      expect(await stack.consoleAuth.verify(signedIn.token)).toMatchObject({
        email: user.email,
        role: user.role,
      });
    }
    const committee = stack.demoUsers.find((u) => u.role === "committee");
    expect(await stack.userDirectory.committeeEmails(committee?.plans[0] ?? "")).toContain(committee?.email);
    expect(stack.consoleUrl).toBe(`${stack.baseUrl}/console`);
    expect(stack.csrfKeys.keys[stack.csrfKeys.current]?.length).toBe(32);
  });

  it("says so when cognito-local's process dies", async () => {
    const pid = stack.engines.cognito.pid as number;
    process.kill(pid, "SIGKILL");
    await vi.waitFor(() =>
      expect(lost).toContainEqual(expect.stringContaining(`cognito-local (tiến trình ${pid}`)),
    );
    expect(lost.find((m) => m.includes("cognito-local"))).toContain("không đăng nhập được bảng điều khiển");
  });

  it("says which in-process engine stopped when one does", async () => {
    stack.engines.ses.server.closeAllConnections();
    stack.engines.ses.server.close();
    await vi.waitFor(() =>
      expect(lost).toContainEqual(expect.stringContaining("SES cục bộ (aws-ses-v2-local")),
    );
    expect(lost.find((m) => m.includes("SES cục bộ"))).toContain("đã dừng đột ngột");
  });
});
