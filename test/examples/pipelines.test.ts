import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { memoryIO } from "../../cli/io";
import { commandRegistrations } from "../../cli/main";
import { buildProgram } from "../../cli/program";
import { repoRoot } from "../support/paths";

const examplesDir = path.join(repoRoot, "examples");

function exampleFiles(dir = examplesDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return exampleFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** Every string in a parsed YAML document (run: and script: blocks among them). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** `npx aideploy …` invocations, with line continuations joined and shell syntax after them cut off. */
function invocations(script: string): string[][] {
  const joined = script.replace(/\\\n\s*/g, " ");
  const found: string[][] = [];
  for (const match of joined.matchAll(/npx aideploy ([^\n|>&;]*)/g)) {
    const words = (match[1] ?? "").match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    found.push(words);
  }
  return found;
}

function optionNames(command: Command): Set<string> {
  const names = new Set<string>(["--help", "-h"]);
  for (const option of command.options) {
    if (option.long) names.add(option.long);
    if (option.short) names.add(option.short);
  }
  return names;
}

/** A pipeline step that reads or changes Azure: live checks, live commands, or Pulumi deploying. */
function needsAzure(step: { uses?: string; run?: string }): boolean {
  if (step.uses?.startsWith("pulumi/actions@")) return true;
  const script = step.run ?? "";
  if (/\bpulumi (up|preview|refresh|destroy)\b/.test(script)) return true;
  return invocations(script).some(
    ([command, ...rest]) =>
      rest.includes("--live") ||
      ["drift", "import"].includes(command ?? "") ||
      (command === "policy" && rest[0] === "pull") ||
      (command === "catalog" && rest[0] === "refresh"),
  );
}

/** Every step of an Azure DevOps pipeline, however deeply stages, jobs and strategies nest them. */
function allSteps(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(allSteps);
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const own = Array.isArray(record.steps) ? (record.steps as Record<string, unknown>[]) : [];
  return [
    ...own,
    ...Object.entries(record)
      .filter(([key]) => key !== "steps")
      .flatMap(([, v]) => allSteps(v)),
  ];
}

describe("pipeline examples", () => {
  const files = exampleFiles();
  const { program } = buildProgram(memoryIO(), commandRegistrations());

  it("ship a GitHub Actions workflow and an Azure DevOps pipeline", () => {
    const names = files.map((f) => path.relative(examplesDir, f)).sort();
    expect(names).toEqual(["azure-devops/azure-pipelines.yml", "github/deployments.yml"]);
  });

  it.each(files.map((f) => [path.relative(repoRoot, f), f]))("%s is valid YAML", (_name, file) => {
    expect(() => parse(readFileSync(file, "utf8"), { uniqueKeys: true })).not.toThrow();
  });

  it.each(files.map((f) => [path.relative(repoRoot, f), f]))(
    "%s calls only commands and options that exist",
    (_name, file) => {
      const calls = strings(parse(readFileSync(file, "utf8"))).flatMap(invocations);
      expect(calls.length).toBeGreaterThan(2);
      for (const words of calls) {
        const [name, ...rest] = words;
        const command = program.commands.find((c) => c.name() === name);
        expect(command, `aideploy ${name} in ${file}`).toBeDefined();
        if (!command) continue;
        const known = optionNames(command);
        for (const word of rest.filter((w) => w.startsWith("-"))) {
          expect(known.has(word.split("=")[0] ?? word), `${word} of aideploy ${name} in ${file}`).toBe(true);
        }
      }
    },
  );

  it("the GitHub workflow logs in to Azure before any step that reads or changes Azure, in every job", () => {
    const workflow = parse(readFileSync(path.join(examplesDir, "github", "deployments.yml"), "utf8")) as {
      jobs: Record<string, { steps: Array<{ uses?: string; run?: string }> }>;
    };
    let checked = 0;
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const login = job.steps.findIndex((step) => step.uses?.startsWith("azure/login@") === true);
      job.steps.forEach((step, index) => {
        if (!needsAzure(step)) return;
        checked++;
        expect(login, `job ${name} has no azure/login step before step ${index}`).toBeGreaterThanOrEqual(0);
        expect(index, `step ${index} of job ${name} runs before azure/login (step ${login})`).toBeGreaterThan(
          login,
        );
      });
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it("the Azure DevOps pipeline reaches Azure only inside an AzureCLI task (its service connection)", () => {
    const pipeline = parse(
      readFileSync(path.join(examplesDir, "azure-devops", "azure-pipelines.yml"), "utf8"),
    );
    const steps = allSteps(pipeline);
    const reaching = steps.filter((step) => needsAzure({ run: strings(step).join("\n") }));
    expect(reaching.length).toBeGreaterThanOrEqual(1);
    for (const step of reaching) {
      expect(step.task, JSON.stringify(step)).toMatch(/^AzureCLI@/);
      expect((step.inputs as Record<string, unknown> | undefined)?.azureSubscription).toBeTruthy();
    }
  });

  it("the GitHub workflow uploads SARIF, comments on the pull request and deploys with the policy pack over OIDC", () => {
    const workflow = parse(readFileSync(path.join(examplesDir, "github", "deployments.yml"), "utf8")) as {
      jobs: Record<
        string,
        {
          steps: Array<{ uses?: string; with?: Record<string, unknown> }>;
          permissions?: Record<string, string>;
        }
      >;
    };
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.uses ?? ""));
    expect(uses).toContain("github/codeql-action/upload-sarif@v3");
    expect(uses).toContain("pulumi/actions@v6");
    expect(uses).toContain("azure/login@v2");
    const deploy = workflow.jobs.deploy;
    expect(deploy?.permissions?.["id-token"]).toBe("write");
    expect(deploy?.steps.find((s) => s.uses === "pulumi/actions@v6")?.with?.policyPacks).toBe("policies");
  });
});
