/**
 * What a message says, as the lifecycle hands it over: names of units, titles, the cut-off
 * instant, links and the contacts of officials. Never personal data of residents.
 */

/** Who the message comes from: the plan's issuer and the body that follows it up. */
export interface Authority {
  /** The issuing People's Committee, e.g. "UBND quận Long Biên". */
  issuerName: string;
  /** The steering committee's standing body, e.g. "Phòng Y tế quận Long Biên". */
  standingBodyName: string;
  /** The plan number as written, e.g. "379/KH-UBND" or "…/KH-UBND" in a draft. */
  planNumber?: string;
  /** The plan's date of issue as the plan gives it: "2025-01-20", "2025-01" or "2025". */
  planIssuedOn?: string;
}

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

export interface ReminderContent {
  authority: Authority;
  unitName: string;
  title: string;
  period: string;
  timing: string;
  /** The instant from which a submission is late, ISO 8601 (e.g. 2025-03-25T00:00:00+07:00). */
  dueAt: string;
  kind: "deliverable" | "activity";
  /** "overdue": a reminder sent from the console after the unit's cut-off. */
  stage: "window-open" | "before-due" | "overdue";
  /** Whole days until the cut-off. */
  daysLeft?: number;
  /** The unit's personal submission link. */
  link: string;
  /** Who to ask: the standing body, e.g. Phòng Y tế. */
  contact: Contact & { name: string };
  personalData: boolean;
  planTitle: string;
  /** The unit's latest version was returned by the standing body: a new one is needed, and why. */
  returned?: { reason: string };
  /**
   * An activity held on a fixed day ("nhân kỷ niệm ngày Dân số thế giới 11/7"): that day (YYYY-MM-DD)
   * and whole days from the sending day to it (0: today, below 0: it was held). Its cut-off
   * (`dueAt`) is then the last moment to confirm it, never called "hạn chót".
   */
  held?: { on: string; daysUntil: number };
  /** The figures the report covers (YYYY-MM-DD), when the plan says: shown when not the period's own span. */
  covers?: { from: string; to: string };
}

/** A submission version returned by the standing body: to the unit, with the reason and its link. */
export interface ReturnNoticeContent {
  authority: Authority;
  unitName: string;
  title: string;
  period: string;
  /** The unit's cut-off (its own after an extension), ISO 8601. */
  dueAt: string;
  kind: "deliverable" | "activity";
  /** The returned version: its receipt and when it arrived (ISO 8601). */
  receipt: string;
  submittedAt: string;
  /** In the standing body's words. */
  reason: string;
  /** The unit's personal submission link, to send a new version. */
  link: string;
  contact: Contact & { name: string };
  personalData: boolean;
  planTitle: string;
}

export interface OverdueUnit {
  unitName: string;
  daysLate: number;
  /** Its latest version was returned and no new one came: missing all the same. */
  returned?: boolean;
  leadContact?: Contact;
  remindersSent: number;
  failedSends: number;
}

export interface EscalationContent {
  authority: Authority;
  committeeName: string;
  title: string;
  period: string;
  /** The instant from which a submission is late, ISO 8601. */
  dueAt: string;
  /** 1 for the first escalation. */
  escalationNumber: number;
  /** In the order they are to be listed. */
  overdue: OverdueUnit[];
  planTitle: string;
  /** The deadline's page in the operations console. */
  link?: string;
}

export interface EmailContent {
  /** The sender's display name: the authority, never the product. */
  fromName: string;
  subject: string;
  html: string;
  text: string;
}
