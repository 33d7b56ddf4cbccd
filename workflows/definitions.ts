/**
 * The state machines of hanchot, as Amazon States Language files beside this module, with
 * ${Placeholders} for the resources they call. The CDK app deploys these files with
 * definitionSubstitutions; the local runtime substitutes local names and runs them unchanged.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const WORKFLOWS = {
  deadlineLifecycle: {
    file: "deadline-lifecycle.asl.json",
    placeholders: [
      "PlanNextStepFunctionArn",
      "RemindFunctionArn",
      "MarkOverdueFunctionArn",
      "EscalateFunctionArn",
    ],
  },
  planCalendar: {
    file: "plan-calendar.asl.json",
    placeholders: ["ListDeadlinesFunctionArn", "DeadlineLifecycleArn"],
  },
} as const;

export type WorkflowName = keyof typeof WORKFLOWS;

export function workflowPath(name: WorkflowName): string {
  return fileURLToPath(new URL(WORKFLOWS[name].file, import.meta.url));
}

/** The definition text with every ${Placeholder} replaced; a missing or unknown one is an error. */
export function substitute(text: string, substitutions: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`no substitution for \${${name}}`);
    return value;
  });
}

export function loadDefinition(
  name: WorkflowName,
  substitutions: Record<string, string>,
): Record<string, unknown> {
  return JSON.parse(substitute(readFileSync(workflowPath(name), "utf8"), substitutions));
}

/** Lambda-shaped ARNs for local runs and validation (the local runtime binds Task states by name). */
export function localSubstitutions(name: WorkflowName): Record<string, string> {
  return Object.fromEntries(
    WORKFLOWS[name].placeholders.map((p) => [
      p,
      p.endsWith("FunctionArn")
        ? `arn:aws:lambda:ap-southeast-1:000000000000:function:hanchot-${p.replace(/FunctionArn$/, "")}`
        : `arn:aws:states:ap-southeast-1:000000000000:stateMachine:hanchot-${p.replace(/Arn$/, "")}`,
    ]),
  );
}
