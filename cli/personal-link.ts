/**
 * A unit's personal form link for one deadline instance, issued by an operator (a lost SMS, an
 * expired or revoked link). Locally the instance is checked against the plan's calendar and the
 * link signed with the local keyring; against a deployed stack, against the table's deadlines and
 * with the keyring in Secrets Manager. Every refusal is a LinkRefused with a Vietnamese message.
 */
import { existsSync, readFileSync } from "node:fs";
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { parseKeyring } from "../functions/commons/config";
import type { DataLayer } from "../functions/data";
import { expandPlan, planYears } from "../shared/calendar/expand";
import { type InstanceRef, parseInstanceId } from "../shared/calendar/instance-id";
import type { PlanFile } from "../shared/plan/schema";
import { type LinkKeyring, linkExpiry, signLink } from "../shared/submission/link-token";

export class LinkRefused extends Error {
  override name = "LinkRefused";
}

export type KeyringSource = { file: string } | { secretArn: string; secrets: SecretsManagerClient };

/** The deadlines to check the instance against: the plan's calendar, or a deployed table. */
export type DeadlineSource = { plan: PlanFile } | { plan: PlanFile; data: DataLayer };

export interface PersonalLink {
  url: string;
  /** Epoch seconds. */
  expiresAt: number;
  unitName: string;
  title: string;
  period: string;
  /** The unit's cut-off (its own when it alone was given a later one), ISO 8601. */
  dueAt: string;
}

async function keyring(source: KeyringSource): Promise<LinkKeyring> {
  if ("file" in source) {
    if (!existsSync(source.file)) {
      throw new LinkRefused(
        `không có khóa ký đường dẫn ${source.file}. Chạy npm start một lần để tạo khóa cục bộ, hoặc dùng --table, --secret và --base-url cho hệ thống đã triển khai.`,
      );
    }
    return parseKeyring(readFileSync(source.file, "utf8"));
  }
  const out = await source.secrets.send(new GetSecretValueCommand({ SecretId: source.secretArn }));
  if (!out.SecretString) throw new LinkRefused(`bí mật ${source.secretArn} không chứa khóa ký đường dẫn.`);
  return parseKeyring(out.SecretString);
}

type Found = Omit<PersonalLink, "url" | "expiresAt">;

const unknown = (instanceId: string) =>
  new LinkRefused(`không có hạn nào mang mã ${instanceId} trong kế hoạch.`);
const notExpected = (ref: InstanceRef, instanceId: string) =>
  new LinkRefused(
    `đơn vị ${ref.unitId} không phải nộp ${instanceId} (không có trong danh sách, được miễn hoặc đã hủy).`,
  );

function fromCalendar(plan: PlanFile, ref: InstanceRef, instanceId: string): Found {
  const same = planYears(plan)
    .flatMap((year) => expandPlan(plan, year))
    .filter((i) => i.obligationId === ref.obligationId && i.period === ref.period);
  if (same.length === 0) throw unknown(instanceId);
  const mine = same.find((i) => i.unitId === ref.unitId);
  if (!mine) throw notExpected(ref, instanceId);
  return mine;
}

async function fromTable(data: DataLayer, ref: InstanceRef, instanceId: string): Promise<Found> {
  const definition = await data.deadlines.definition(ref);
  if (!definition) throw unknown(instanceId);
  const found = await data.deadlines.expectation(instanceId);
  const state = found?.expectation.state;
  if (
    definition.state === "cancelled" ||
    !definition.units.includes(ref.unitId) ||
    !found ||
    state === "waived" ||
    state === "cancelled"
  ) {
    throw notExpected(ref, instanceId);
  }
  // The unit's own cut-off: a later one given to it alone (extendedTo) is the one it must meet.
  return found.expectation;
}

export async function issuePersonalLink(input: {
  instanceId: string;
  deadlines: DeadlineSource;
  keys: KeyringSource;
  baseUrl: string;
  now: Date;
}): Promise<PersonalLink> {
  const ref = parseInstanceId(input.instanceId);
  if (!ref) {
    throw new LinkRefused(
      `mã hạn "${input.instanceId}" không đúng dạng <kế hoạch>:<nhiệm vụ>:<kỳ>:<đơn vị>, ví dụ long-bien-2025:bao-cao-thang:2025-03:phuc-dong.`,
    );
  }
  const { plan } = input.deadlines;
  if (ref.planId !== plan.id) {
    throw new LinkRefused(`mã hạn ${input.instanceId} thuộc kế hoạch ${ref.planId}, không phải ${plan.id}.`);
  }
  const found =
    "data" in input.deadlines
      ? await fromTable(input.deadlines.data, ref, input.instanceId)
      : fromCalendar(plan, ref, input.instanceId);
  const ring = await keyring(input.keys);
  const expiresAt = linkExpiry(found.dueAt, input.now);
  const token = signLink(ring, { instanceId: input.instanceId, unitId: ref.unitId, expiresAt });
  return {
    url: `${input.baseUrl.replace(/\/$/, "")}/f/${encodeURIComponent(token)}`,
    expiresAt,
    unitName: found.unitName,
    title: found.title,
    period: found.period,
    dueAt: found.dueAt,
  };
}
