// `diff` with a DenyAction assignment (Microsoft's built-in 78460a36, read in place and copied into a
// temporary workspace): removing a resource it protects is the flag policy-blocks-delete, since Azure
// refuses the delete; creating or changing such a resource is never blocked.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIO } from "../../cli/io";
import { main } from "../../cli/main";
import { referenceDir } from "../support/paths";
import { estateText } from "../support/plan";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const DENY_DELETE = "78460a36-508a-49a4-b2b2-2f5ec564f4bb";

function workspace(files: Record<string, string>, protectedTypes: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aideploy-blocks-delete-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  mkdirSync(path.join(dir, "azure"));
  copyFileSync(
    path.join(
      referenceDir,
      "azure-policy",
      "builtins",
      "definitions",
      "General__ResourceType_denyActionDelete.json",
    ),
    path.join(dir, "azure", "deny-delete.json"),
  );
  writeFileSync(
    path.join(dir, "azure", "assign.json"),
    JSON.stringify({
      name: "keep-deployments",
      properties: {
        policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${DENY_DELETE}`,
        parameters: { listOfResourceTypesDisallowedForDeletion: { value: protectedTypes } },
      },
    }),
  );
  return dir;
}

/** The bundled file without its text-embedding-3-large deployment. */
const removed = estateText().replace(
  / {2}# Text embeddings for search\.\n {2}- name: text-embedding-3-large\n( {4}.*\n)+\n/,
  "",
);

async function diff(cwd: string, head: string) {
  const io = memoryIO({ cwd });
  const code = await main(
    [
      "diff",
      "base.yaml",
      head,
      "-f",
      "json",
      "--fail-on",
      "policy-blocks-delete",
      "--azure-policies",
      "azure",
    ],
    io,
  );
  const report = JSON.parse(io.out) as {
    changes: { kind: string; key: string; action: string; flags: string[] }[];
    summary: { flags: string[] };
  };
  return { code, report, err: io.err };
}

describe("diff: policy-blocks-delete", () => {
  it("removing a deployment a DenyAction assignment protects is flagged, and fails with --fail-on", async () => {
    expect(removed).not.toBe(estateText());
    const cwd = workspace({ "base.yaml": estateText(), "head.yaml": removed }, [
      "Microsoft.CognitiveServices/accounts/deployments",
    ]);
    const { code, report } = await diff(cwd, "head.yaml");
    expect(code).toBe(1);
    const change = report.changes.find((c) => c.key === "eastus2/text-embedding-3-large");
    expect(change).toMatchObject({
      action: "remove",
      flags: expect.arrayContaining(["policy-blocks-delete"]),
    });
    expect(report.changes.filter((c) => c.flags.includes("policy-blocks-delete"))).toHaveLength(1);
  });

  it("the same removal is not flagged when the assignment protects another type", async () => {
    const cwd = workspace({ "base.yaml": estateText(), "head.yaml": removed }, [
      "Microsoft.Storage/storageAccounts",
    ]);
    const { code, report } = await diff(cwd, "head.yaml");
    expect(code).toBe(0);
    expect(report.summary.flags).not.toContain("policy-blocks-delete");
  });

  it("creating and changing protected resources is never blocked", async () => {
    const cwd = workspace(
      { "base.yaml": removed, "head.yaml": estateText().replace("capacity: 150", "capacity: 140") },
      ["Microsoft.CognitiveServices/accounts/deployments", "Microsoft.CognitiveServices/accounts"],
    );
    const { code, report } = await diff(cwd, "head.yaml");
    expect(code).toBe(0);
    expect(report.changes.some((c) => c.action === "add")).toBe(true);
    expect(report.summary.flags).not.toContain("policy-blocks-delete");
  });
});
