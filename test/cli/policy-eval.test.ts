import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerPolicyEval } from "../../cli/commands/policy-eval";
import { memoryIO } from "../../cli/io";
import { type CommandRegistration, runProgram } from "../../cli/program";
import { ruleOf } from "../policies/evaluator/support";
import { referenceDir } from "../support/paths";

const disableLocalAuth = path.join(
  referenceDir,
  "azure-policy",
  "71ef260a_AzureAiServices_DisableLocalAuth_Audit.json",
);
const multiSeverity = path.join(
  referenceDir,
  "azure-policy",
  "930f48f9_CognitiveServices_AllowDeploymentMultiSeverityControl_Audit.json",
);

let dir: string;

function write(name: string, content: unknown, prefix = ""): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, prefix + (typeof content === "string" ? content : JSON.stringify(content)));
  return name;
}

async function run(argv: string[], registrations: CommandRegistration[] = [registerPolicyEval]) {
  const io = memoryIO({ cwd: dir });
  const code = await runProgram(argv, io, registrations);
  return { code, out: io.out, err: io.err, json: () => JSON.parse(io.out) as unknown };
}

const account = (disableLocalAuthValue?: boolean) => ({
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct",
  name: "acct",
  type: "Microsoft.CognitiveServices/accounts",
  kind: "AIServices",
  location: "westeurope",
  properties: disableLocalAuthValue === undefined ? {} : { disableLocalAuth: disableLocalAuthValue },
});

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-eval-"));
  write("open.json", account());
  write("locked.json", account(true));
  write("bom.json", account(false), "\uFEFF");
  write("deployment.json", {
    name: "d",
    type: "Microsoft.CognitiveServices/accounts/deployments",
    properties: {},
  });
  write("view.json", {
    name: "d",
    type: "Microsoft.CognitiveServices.Data/accounts/deployments",
    properties: {},
  });
  write("deny.json", { effect: { value: "Deny" } });
  write("deny-plain.json", { effect: "deny" });
  write("params-file.json", {
    $schema: "x",
    contentVersion: "1.0.0.0",
    parameters: { effect: { value: "Deny" } },
  });
  write("bad-effect.json", { effect: "Explode" });
  write("not-json.json", "{ nope");
  write("array.json", []);
  write("malformed.json", { properties: { policyRule: ruleOf({ field: "type", equalz: "x" }) } });
  write("no-rule.json", { properties: { mode: "All" } });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("aideploy policy eval", () => {
  it.each<[string, string[], number, unknown]>([
    [
      "prints the lower-case effect when the rule matches",
      [disableLocalAuth, "--resource", "open.json"],
      0,
      { effect: "audit" },
    ],
    [
      "prints a null effect when it does not match",
      [disableLocalAuth, "--resource", "locked.json"],
      0,
      { effect: null },
    ],
    [
      "prints a null effect when the mode does not apply",
      [disableLocalAuth, "--resource", "deployment.json"],
      0,
      { effect: null },
    ],
    [
      "reads a resource file with a byte-order mark",
      [disableLocalAuth, "--resource", "bom.json"],
      0,
      { effect: "audit" },
    ],
    [
      "reads parameters in Azure's {value} form",
      [disableLocalAuth, "--resource", "open.json", "--parameters", "deny.json"],
      0,
      { effect: "deny" },
    ],
    [
      "reads plain parameter values",
      [disableLocalAuth, "--resource", "open.json", "--parameters", "deny-plain.json"],
      0,
      { effect: "deny" },
    ],
    [
      "reads an ARM parameter file",
      [disableLocalAuth, "--resource", "open.json", "--parameters", "params-file.json"],
      0,
      { effect: "deny" },
    ],
  ])("%s", async (_name, args, code, json) => {
    const result = await run(["policy", "eval", ...args]);
    expect(result.json()).toEqual(json);
    expect(result.code).toBe(code);
    expect(result.out.trim().split("\n")).toHaveLength(1);
  });

  it.each<[string, string[], string]>([
    ["a malformed definition", ["malformed.json", "--resource", "open.json"], "unknown operator 'equalz'"],
    [
      "a definition without policyRule",
      ["no-rule.json", "--resource", "open.json"],
      "policy definition has no policyRule",
    ],
    ["a missing definition file", ["absent.json", "--resource", "open.json"], "cannot read absent.json"],
    ["a missing resource file", [disableLocalAuth, "--resource", "absent.json"], "cannot read absent.json"],
    ["invalid JSON", [disableLocalAuth, "--resource", "not-json.json"], "not-json.json is not valid JSON"],
    [
      "a resource that is not an object",
      [disableLocalAuth, "--resource", "array.json"],
      "the resource must be a JSON object",
    ],
    [
      "invalid parameter JSON",
      [disableLocalAuth, "--resource", "open.json", "--parameters", "not-json.json"],
      "not valid JSON",
    ],
    [
      "parameters that are not an object",
      [disableLocalAuth, "--resource", "open.json", "--parameters", "array.json"],
      "parameter values must be a JSON object",
    ],
  ])("prints an error and exits 2 on %s", async (_name, args, message) => {
    const result = await run(["policy", "eval", ...args]);
    expect(result.code).toBe(2);
    expect(Object.keys(result.json() as object)).toEqual(["error"]);
    expect((result.json() as { error: string }).error).toContain(message);
  });

  it("prints a null effect with the error and exits 1 when evaluation fails", async () => {
    const result = await run([
      "policy",
      "eval",
      disableLocalAuth,
      "--resource",
      "open.json",
      "--parameters",
      "bad-effect.json",
    ]);
    expect(result.code).toBe(1);
    expect(result.json()).toEqual({
      effect: null,
      error: `parameter 'effect' value "Explode" is not one of the allowed values ["Audit","Deny","Disabled"]`,
    });
  });

  it("exits 1 when a required parameter is missing", async () => {
    const result = await run(["policy", "eval", multiSeverity, "--resource", "view.json"]);
    expect(result.code).toBe(1);
    expect(result.json()).toEqual({
      effect: null,
      error: "parameter 'filterName' has no value and no defaultValue",
    });
  });

  it("exits 2 without --resource", async () => {
    const result = await run(["policy", "eval", disableLocalAuth]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("--resource");
  });

  it("joins a policy command another engineer registered first", async () => {
    let pulled = false;
    const registerPull: CommandRegistration = (program, context) => {
      program
        .command("policy")
        .command("pull")
        .action(() => {
          context.run(async () => {
            pulled = true;
            return 0;
          });
        });
    };
    const registrations = [registerPull, registerPolicyEval];
    const evaluated = await run(
      ["policy", "eval", disableLocalAuth, "--resource", "open.json"],
      registrations,
    );
    expect(evaluated.json()).toEqual({ effect: "audit" });
    expect((await run(["policy", "pull"], registrations)).code).toBe(0);
    expect(pulled).toBe(true);
  });

  it("lists eval under policy in help", async () => {
    const result = await run(["policy", "--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("eval [options] <definition>");
  });
});
