import { readFileSync } from "node:fs";
import aslValidator from "asl-validator";
import { StateMachine } from "aws-local-stepfunctions";
import { describe, expect, it } from "vitest";
import {
  loadDefinition,
  localSubstitutions,
  WORKFLOWS,
  type WorkflowName,
  workflowPath,
} from "../../workflows/definitions";

const names = Object.keys(WORKFLOWS) as WorkflowName[];

describe.each(names)("workflows/%s", (name) => {
  it("is valid Amazon States Language once its placeholders are substituted (asl-validator)", () => {
    const definition = loadDefinition(name, localSubstitutions(name));
    const result = aslValidator(definition, { checkPaths: true, checkArn: true });
    expect(result.errorsText()).toBe("");
    expect(result.isValid).toBe(true);
  });

  it("declares exactly the placeholders it uses", () => {
    const text = readFileSync(workflowPath(name), "utf8");
    const used = [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual([...WORKFLOWS[name].placeholders].sort());
  });

  it("is accepted by the local executor (aws-local-stepfunctions)", () => {
    expect(() => new StateMachine(loadDefinition(name, localSubstitutions(name)) as never)).not.toThrow();
  });
});
