/**
 * How a message names the authority it comes from, as the plan documents do: "Phòng Y tế quận
 * Long Biên — KH số …/KH-UBND", "Kế hoạch số 379/KH-UBND ngày 20/01/2025 của UBND quận Long Biên".
 * The product's own name only appears in a small footer.
 */
import { formatVietnameseDate } from "../calendar/civil-date";
import { periodText } from "../calendar/period-text";
import type { Authority, Contact } from "./content";

/** What a plan says of its authority (the store's plan context has this shape). */
export interface PlanAuthoritySource {
  issuer: { name: string };
  standingBody: { name: string };
  number?: string;
  issuedOn?: string;
}

/** The standing body's name where the plan's is not known. */
const STANDING_BODY = "Cơ quan thường trực";

/** Who a plan's messages and pages come from: its issuer and standing body, its number and date. */
export function authorityOf(plan: PlanAuthoritySource | undefined): Authority {
  return {
    issuerName: plan?.issuer.name ?? "",
    standingBodyName: plan?.standingBody.name ?? STANDING_BODY,
    ...(plan?.number !== undefined && { planNumber: plan.number }),
    ...(plan?.issuedOn !== undefined && { planIssuedOn: plan.issuedOn }),
  };
}

/** Whom a unit asks about a message: the standing body, by its first email and phone. */
export function standingBodyContact(
  standingBody:
    | { name: string; contacts: { emails: readonly string[]; phones: readonly string[] } }
    | undefined,
): Contact & { name: string } {
  return {
    name: standingBody?.name ?? STANDING_BODY,
    ...(standingBody?.contacts.emails[0] && { email: standingBody.contacts.emails[0] }),
    ...(standingBody?.contacts.phones[0] && { phone: standingBody.contacts.phones[0] }),
  };
}

/** "2025-01-20" → "ngày 20/01/2025", "2025-01" → "tháng 01/2025", "2025" → "năm 2025". */
export function issuedOnText(issuedOn: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(issuedOn)
    ? `ngày ${formatVietnameseDate(issuedOn)}`
    : periodText(issuedOn);
}

/** "KH số …/KH-UBND", or undefined when the plan number is not known. */
export function planTag(a: Authority): string | undefined {
  return a.planNumber ? `KH số ${a.planNumber}` : undefined;
}

/** "Phòng Y tế quận Long Biên — KH số …/KH-UBND": the subject's tag and the form's header. */
export function authorityLine(a: Authority): string {
  const tag = planTag(a);
  return tag ? `${a.standingBodyName} — ${tag}` : a.standingBodyName;
}

/** "Kế hoạch số …/KH-UBND tháng 01/2025 của UBND quận Long Biên", or the title when unnumbered. */
export function planReference(a: Authority, planTitle: string): string {
  if (!a.planNumber) return planTitle;
  const issued = a.planIssuedOn ? ` ${issuedOnText(a.planIssuedOn)}` : "";
  return `Kế hoạch số ${a.planNumber}${issued} của ${a.issuerName}`;
}

/** The small footer line, the only place the product is named. */
export const PRODUCT_FOOTER = "Gửi tự động qua hệ thống nhắc hạn hanchot.";
