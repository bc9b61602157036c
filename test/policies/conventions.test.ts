// Conventions every policy keeps (typescript-eslint's docs.test.ts): one rule per file and registered, ids
// and names in the agreed grammar, a parseable Azure Policy definition with an effect that can be switched
// off, remediation and severity, a GUID for every Azure built-in followed, and generated documentation.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  effectSupport,
  parseDefinition,
  supportedFunctionNames,
  unsupportedFunctionNames,
} from "../../policies/evaluator";
import { enforcementLevels, type ProjectPolicy } from "../../policies/policy";
import { projectPolicies } from "../../policies/registry";
import { generatePolicyDocs, policyDocsPath, prose } from "../../scripts/generate-policy-docs";
import { repoRoot } from "../support/paths";

const rulesDir = path.join(repoRoot, "policies", "rules");
const definitionsDir = path.join(repoRoot, "policies", "definitions");
const policies = projectPolicies();

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

const ruleFiles = filesUnder(rulesDir).filter((f) => f.endsWith(".ts"));
const areaByFolder: Record<string, string> = {
  accounts: "ACC",
  deployments: "DEP",
  "content-filters": "CF",
  stack: "STK",
};

describe("rule files", () => {
  it("exist", () => {
    expect(ruleFiles.length).toBe(policies.length);
  });

  it.each(ruleFiles.map((f) => [path.relative(repoRoot, f), f]))(
    "%s exports one policy, registered, named after the file, with an id of its folder's area",
    async (_relative, file) => {
      const exported = Object.values((await import(file)) as Record<string, unknown>);
      expect(exported).toHaveLength(1);
      const policy = exported[0] as ProjectPolicy;
      expect(policies).toContain(policy);
      expect(`${policy.name}.ts`).toBe(path.basename(file));
      const folder = path.basename(path.dirname(file));
      expect(Object.keys(areaByFolder)).toContain(folder);
      expect(policy.id.split("-")[1]).toBe(areaByFolder[folder]);
      expect(policy.kind === "stack").toBe(folder === "stack");
    },
  );
});

describe("registry", () => {
  it("ids are unique and read AID-<ACC|DEP|CF|STK>-<three digits>", () => {
    const ids = policies.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^AID-(ACC|DEP|CF|STK)-\d{3}$/);
  });

  it("names are unique kebab-case and never the reserved `all`", () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(name).not.toBe("all");
    }
  });

  it.each(policies.map((p) => [p.name, p]))(
    "%s has a description, remediation and severity",
    (_name, policy) => {
      expect(policy.description.trim().length).toBeGreaterThan(20);
      expect(policy.remediation.trim().length).toBeGreaterThan(10);
      expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
    },
  );

  it.each(policies.filter((p) => p.follows !== undefined).map((p) => [p.name, p.follows]))(
    "%s: an Azure built-in it follows is named by GUID",
    (_name, follows) => {
      if (/built-in/i.test(follows ?? "")) {
        expect(follows).toMatch(/built-in [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/);
      }
    },
  );

  it("stack policies declare a valid default enforcement and JSON parameters", () => {
    for (const p of policies) {
      if (p.kind !== "stack") continue;
      expect(enforcementLevels).toContain(p.defaultEnforcement);
      expect(JSON.parse(JSON.stringify(p.parameters))).toEqual(p.parameters);
    }
  });
});

const definitionPolicies = policies.flatMap((p) => (p.kind === "definition" ? [p] : []));

describe("Azure Policy definitions", () => {
  it("every file of policies/definitions/ belongs to exactly one policy", () => {
    const files = readdirSync(definitionsDir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(definitionPolicies.map((p) => p.definitionFile).sort()).toEqual(files);
  });

  it.each(definitionPolicies.map((p) => [p.name, p]))(
    "%s: the definition file parses and is complete",
    (_n, policy) => {
      const file = path.join(definitionsDir, policy.definitionFile);
      const json = JSON.parse(readFileSync(file, "utf8")) as {
        name: string;
        type: string;
        properties: {
          displayName?: string;
          description?: string;
          mode?: string;
          parameters?: Record<string, { allowedValues?: unknown[]; defaultValue?: unknown }>;
          policyRule: { then: { effect: string } };
        };
      };
      // The policy carries the file as it is, and takes its description from it.
      expect(policy.definition).toEqual(json);
      expect(policy.description).toBe(json.properties.description);
      expect(json.name).toBe(`aideploy-${policy.name}`);
      expect(json.type).toBe("Microsoft.Authorization/policyDefinitions");

      const parsed = parseDefinition(json);
      expect(parsed.displayName).toBe(json.properties.displayName);
      expect(json.properties.displayName?.trim().length).toBeGreaterThan(10);
      expect(json.properties.description?.trim().length).toBeGreaterThan(20);
      expect(["All", "Indexed", "Microsoft.CognitiveServices.Data"]).toContain(json.properties.mode);
      expect(parsed.mode).toBe(json.properties.mode);

      const effect = json.properties.parameters?.effect;
      expect(effect?.allowedValues).toContain("Disabled");
      expect(effect?.allowedValues).toContain(effect?.defaultValue);
      expect(json.properties.policyRule.then.effect).toBe("[parameters('effect')]");
      for (const [name, parameter] of Object.entries(json.properties.parameters ?? {})) {
        expect({ name, hasDefault: parameter.defaultValue !== undefined }).toEqual({
          name,
          hasDefault: true,
        });
      }
    },
  );
});

describe("docs/policies.md", () => {
  const committed = readFileSync(policyDocsPath, "utf8");

  it("is what scripts/generate-policy-docs.ts generates (run `npx tsx scripts/generate-policy-docs.ts`)", () => {
    expect(committed).toBe(generatePolicyDocs());
  });

  it("says which effects and template functions users' Azure Policy may use, and what cannot be decided offline means", () => {
    for (const { effect } of effectSupport) expect(committed).toContain(`| ${effect} `);
    expect(committed).toContain("### Cannot be decided offline");
    expect(committed).toMatch(/neither a pass nor a finding/);
    for (const name of supportedFunctionNames()) expect(committed).toContain(`\`${name}\``);
    for (const name of unsupportedFunctionNames()) expect(committed).toContain(`\`${name}\``);
  });

  it("is regenerated, with docs/diagnostics.md, by `npm run generate:docs`", () => {
    const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts["generate:docs"]?.split("&&").map((step) => step.trim())).toEqual([
      "tsx scripts/generate-docs.ts",
      "tsx scripts/generate-policy-docs.ts",
    ]);
  });

  it.each(policies.map((p) => [p.name, p]))(
    "documents %s: id, code, definition, remediation, parameters",
    (_n, p) => {
      expect(committed).toContain(`## ${p.id} \`${p.name}\``);
      expect(committed).toContain(`\`policy/${p.name}\``);
      expect(committed).toContain(`- Remediation: ${prose(p.remediation)}`);
      // The policy's own section, up to the next one.
      const start = committed.indexOf(`## ${p.id} `);
      const end = committed.indexOf("\n## ", start + 1);
      const own = committed.slice(start, end < 0 ? undefined : end);
      const documented = [...own.matchAll(/^\| `([A-Za-z]+)` +\|/gm)].map((m) => m[1]);
      if (p.kind === "definition") {
        expect(own).toContain(`policies/definitions/${p.definitionFile}`);
        const parameters = (p.definition as { properties: { parameters: Record<string, unknown> } })
          .properties.parameters;
        expect(documented).toEqual(Object.keys(parameters));
      } else {
        expect(documented).toEqual(Object.keys(p.parameters));
      }
      if (p.follows) expect(committed).toContain(`- Follows: ${prose(p.follows)}`);
    },
  );
});
