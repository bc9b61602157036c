import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { estateText } from "../support/plan";

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-diff-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("aideploy diff with the project's policies", () => {
  const weakened = estateText().replace(
    '    disableLocalAuth: true\n    identity: SystemAssigned\n    networkAcls: { defaultAction: Deny }\n    tags: { costCenter: "1234", owner: platform-ai }\n  swedencentral:',
    '    disableLocalAuth: false\n    identity: SystemAssigned\n    networkAcls: { defaultAction: Deny }\n    tags: { costCenter: "1234", owner: platform-ai }\n  swedencentral:',
  );

  it("flags a policy that passed on BASE and fails on HEAD as policy-regression", async () => {
    expect(weakened).not.toBe(estateText());
    const io = memoryIO({ cwd: workspace({ "base.yaml": estateText(), "head.yaml": weakened }) });
    const code = await main(
      ["diff", "base.yaml", "head.yaml", "-f", "json", "--fail-on", "policy-regression"],
      io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(io.out) as {
      changes: Array<{ kind: string; key: string; flags: string[] }>;
      summary: {
        policyRegressions: Array<{ policyId: string; resourceKey: string; before: string; after: string }>;
      };
    };
    expect(report.summary.policyRegressions).toContainEqual(
      expect.objectContaining({
        policyId: "AID-ACC-001",
        resourceKey: "eastus2",
        before: "compliant",
        after: "non-compliant",
      }),
    );
    expect(report.changes.find((c) => c.kind === "account" && c.key === "eastus2")?.flags).toContain(
      "policy-regression",
    );
  });

  it("raises no policy-regression when the policies keep passing", async () => {
    const io = memoryIO({ cwd: workspace({ "base.yaml": estateText(), "head.yaml": estateText() }) });
    expect(
      await main(["diff", "base.yaml", "head.yaml", "-f", "json", "--fail-on", "policy-regression"], io),
    ).toBe(0);
    expect(JSON.parse(io.out).summary.policyRegressions).toEqual([]);
  });
});
