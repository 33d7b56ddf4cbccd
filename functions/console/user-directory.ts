/**
 * Who to tell of a plan's escalations: the committee members of the plan, from the user pool.
 * One ListUsersInGroup("committee") serves every plan, and is kept for five minutes: escalations
 * come in bursts (one per overdue unit), and a member added to the pool is told within minutes.
 * Disabled users are left out.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Role, UserDirectory } from "../../shared/console/access";
import { commaList } from "../../shared/console/user-spec";
import { CLAIMS } from "./auth/claims";
import { attribute, usersInGroup } from "./user-pool";

export const DIRECTORY_TTL_MS = 5 * 60 * 1000;

const COMMITTEE: Role = "committee";

interface Member {
  email: string;
  plans: readonly string[];
}

export class CognitoUserDirectory implements UserDirectory {
  #members: { at: number; loading: Promise<Member[]> } | undefined;

  constructor(
    private readonly deps: {
      cognito: CognitoIdentityProviderClient;
      userPoolId: string;
      now?: () => Date;
      ttlMs?: number;
    },
  ) {}

  async committeeEmails(planId: string): Promise<string[]> {
    const members = await this.members();
    return [...new Set(members.filter((m) => m.plans.includes(planId)).map((m) => m.email))].sort();
  }

  /** The committee group, from the cache while fresh; concurrent callers share one read, a failed read is not kept. */
  private members(): Promise<Member[]> {
    const now = (this.deps.now ?? (() => new Date()))().getTime();
    const ttl = this.deps.ttlMs ?? DIRECTORY_TTL_MS;
    if (this.#members && now - this.#members.at < ttl) return this.#members.loading;
    const loading = usersInGroup(this.deps.cognito, this.deps.userPoolId, COMMITTEE).then((users) =>
      users.flatMap((u) => {
        const email = attribute(u, "email");
        if (!email || u.Enabled === false) return [];
        return [{ email, plans: commaList(attribute(u, CLAIMS.plans)) }];
      }),
    );
    const entry = { at: now, loading };
    this.#members = entry;
    loading.catch(() => {
      if (this.#members === entry) this.#members = undefined;
    });
    return loading;
  }
}
