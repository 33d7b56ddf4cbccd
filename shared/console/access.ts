/**
 * Who may do what in the operations console. A user's role comes from their Cognito group and
 * their scope (which plans) from their attributes: data, not code. The rules are here, pure, and
 * every console route asks them; nothing else decides access.
 *
 *   standing-body  runs its plans: reads them and takes every action
 *   committee      reads its plans and receives their escalations
 *   viewer         reads every plan under an oversight body (e.g. a provincial health department)
 */
export const ROLES = ["standing-body", "committee", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  "standing-body": "Cơ quan thường trực",
  committee: "Ban Chỉ đạo",
  viewer: "Cơ quan theo dõi",
};

export interface ConsoleUser {
  /** Cognito's `sub`. */
  id: string;
  email: string;
  name?: string;
  role: Role;
  /** Plans the user runs or reads (standing-body, committee): Cognito attribute `custom:plans`, comma-separated. */
  plans: readonly string[];
  /** Oversight bodies the user reads every plan of (viewer): attribute `custom:oversight`, comma-separated. */
  oversight: readonly string[];
}

/** What of a plan access is decided on: its id and its oversight body. */
export interface PlanScope {
  planId: string;
  oversightId?: string;
}

export function canRead(user: ConsoleUser, plan: PlanScope): boolean {
  if (user.role === "viewer")
    return plan.oversightId !== undefined && user.oversight.includes(plan.oversightId);
  return user.plans.includes(plan.planId);
}

export function canAct(user: ConsoleUser, plan: PlanScope): boolean {
  return user.role === "standing-body" && user.plans.includes(plan.planId);
}

/** The console users to tell of a plan's escalations (committee members), from the user pool. */
export interface UserDirectory {
  committeeEmails(planId: string): Promise<string[]>;
}
