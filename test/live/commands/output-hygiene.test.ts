import { describe, expect, it } from "vitest";
import { registerCatalog } from "../../../cli/commands/catalog";
import { registerDrift } from "../../../cli/commands/drift";
import { registerImport } from "../../../cli/commands/import";
import { registerPolicyPull } from "../../../cli/commands/policy-pull";
import { memoryIO } from "../../../cli/io";
import { checkModels } from "../../../live/validate";
import { estateText, planText } from "../../support/plan";
import { fastDeps, run, seedFromPlan, subscriptionId, useEmulator, withDeps, workspace } from "./support";

const secret = "s3cr3t-value";
const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhaWRlcGxveSJ9.c2lnbmF0dXJlLXZhbHVl";
const leakyMessage = `Request rejected. Authorization: Bearer ${token}; client_secret=${secret}; "key1": "${secret}"`;
const env = { AZURE_CLIENT_SECRET: secret, AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111" };

function expectClean(output: string): void {
  expect(output).not.toContain(secret);
  expect(output).not.toContain(token);
  expect(output).not.toMatch(/\n\s+at .*\(/);
}

describe("no secret reaches the output of a live command", () => {
  const h = useEmulator();
  const registrations = [
    withDeps(registerImport),
    withDeps(registerDrift),
    withDeps(registerCatalog),
    withDeps(registerPolicyPull),
  ];

  const commands: [string, string[]][] = [
    [
      "import",
      [
        "import",
        "--subscription",
        subscriptionId,
        "--resource-group",
        "rg-ai-prod",
        "--account",
        "contoso-ai-eus2",
      ],
    ],
    ["drift", ["drift", "-f", "json"]],
    ["catalog refresh", ["catalog", "refresh", "-l", "eastus2", "--subscription", subscriptionId]],
    ["policy pull", ["policy", "pull", "--scope", `/subscriptions/${subscriptionId}`]],
  ];

  for (const [name, argv] of commands) {
    it(`${name}: a failure quoting credentials is reported scrubbed, exit 1`, async () => {
      seedFromPlan(h.emulator, planText(estateText()));
      h.emulator.failNext({ status: 400, code: "BadRequest", message: leakyMessage });
      const result = await run(argv, registrations, {
        cwd: workspace({ "deployments.yaml": estateText() }),
        emulator: h.emulator,
        env,
      });
      expect(result.code).toBe(1);
      expect(result.err).toContain("Bearer [redacted]");
      expectClean(result.out + result.err);
    });
  }

  it("validate --live: a failure quoting credentials is reported scrubbed", async () => {
    h.emulator.failNext({ status: 403, code: "AuthorizationFailed", message: leakyMessage });
    const io = memoryIO({ cwd: workspace(), env: { ...env, AIDEPLOY_ARM_ENDPOINT: h.emulator.baseUrl } });
    const context = { env: io.env, cwd: io.cwd, ...fastDeps };
    const result = await checkModels(planText(estateText()), { live: true }, context);
    const text = JSON.stringify(result) + io.out + io.err;
    expect(result.diagnostics.some((d) => d.code === "live/auth")).toBe(true);
    expectClean(text);
  });

  it("shows progress on a terminal, never in CI, and only on stderr", async () => {
    seedFromPlan(h.emulator, planText(estateText()));
    const cwd = workspace({ "deployments.yaml": estateText() });
    const terminal = await run(["drift"], registrations, { cwd, emulator: h.emulator, isTTY: true });
    expect(terminal.code).toBe(0);
    expect(terminal.err).toContain("comparing with live Azure");
    expect(terminal.err).toMatch(/done after \d+s/);
    expect(terminal.out).not.toContain("\r");
    const ci = await run(["drift"], registrations, {
      cwd,
      emulator: h.emulator,
      isTTY: true,
      env: { CI: "true" },
    });
    expect(ci.err).toBe("");
  });
});
