import * as path from "node:path";
import { type Command, Option } from "commander";
import type { ModelCatalog } from "../../catalog/model-catalog";
import type { PriceBook } from "../../cost/prices";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import { formatText } from "../../diagnostics/formatters/text";
import { type Plan, planLoaded } from "../../infra/plan";
import { catalogFor } from "../../loader/catalog-file";
import { checkPlanPolicies, type PolicyInputs } from "../../policies/check-plan";
import { type DiffFormat, diffFormatters } from "../../reports/diff";
import { type DiffOptions as DiffPlansOptions, diffPlans } from "../../review/diff";
import { readInput } from "../../review/input";
import { DIFF_FLAGS, type DiffFlag, type EvaluatePolicies, isDiffFlag } from "../../review/model";
import { formatNames } from "../../text/formatter";
import {
  estimateOptions,
  type PriceFlags,
  parseAmount,
  pricesAsOfOption,
  pricesOption,
  readPrices,
} from "../cost-options";
import { type CommandIO, ExitCode } from "../io";
import { DEFAULT_FILE, envOption, formatOption } from "../options";
import {
  azurePoliciesOption,
  type PolicyFlags,
  policyConfigOption,
  readPolicyInputs,
} from "../policy-options";
import type { CommandRegistration } from "../program";

export interface DiffCommandOptions extends PolicyFlags, PriceFlags {
  /** A file, or `git:<ref>:<path>`. */
  base: string;
  head: string;
  env?: string;
  format: DiffFormat;
  /** Flag names as given (validated here); any of them present makes the exit code 1. */
  failOn: string[];
  /** Exit 1 when the monthly cost grows by more than this (the price file's currency). */
  maxMonthlyIncrease?: number;
}

export interface DiffDependencies {
  /** The policy engine; without it, policy-regression is never raised. */
  evaluatePolicies?: EvaluatePolicies;
}

type Side = { ok: true; plan: Plan } | { ok: false; code: number };

async function planSide(
  spec: string,
  env: string | undefined,
  io: CommandIO,
  catalog: ModelCatalog,
): Promise<Side> {
  const input = await readInput(spec, io.cwd, undefined, catalog);
  if (!input.ok) {
    io.stderr(`aideploy diff: ${input.message}\n`);
    return { ok: false, code: ExitCode.usage };
  }
  const result = planLoaded(input.loaded, env);
  printDiagnostics(result.diagnostics, io);
  if (result.ok) return { ok: true, plan: result.plan };
  return { ok: false, code: result.unreadable ? ExitCode.usage : ExitCode.findings };
}

function printDiagnostics(diagnostics: readonly Diagnostic[], io: CommandIO): void {
  if (diagnostics.length > 0) io.stderr(formatText(diagnostics));
}

/**
 * Compares BASE and HEAD semantically for one environment. Exit 0, or 1 when a `--fail-on` flag is
 * present or either side has errors; 2 for usage errors, unreadable input or an unknown environment.
 */
export async function runDiff(
  options: DiffCommandOptions,
  io: CommandIO,
  deps: DiffDependencies = {},
): Promise<number> {
  const unknown = options.failOn.filter((flag) => !isDiffFlag(flag));
  if (unknown.length > 0) {
    io.stderr(
      `aideploy diff: unknown flag${unknown.length === 1 ? "" : "s"} in --fail-on: ${unknown.join(", ")} (valid: ${DIFF_FLAGS.join(", ")})\n`,
    );
    return ExitCode.usage;
  }
  const failOn = new Set(options.failOn as DiffFlag[]);
  // Both sides read one catalog, the one for the working file: a capacity means the same on each side.
  const workingFile = options.head.startsWith("git:") ? DEFAULT_FILE : options.head;
  const catalog = catalogFor(path.resolve(io.cwd, workingFile));
  const base = await planSide(options.base, options.env, io, catalog);
  const head = await planSide(options.head, options.env, io, catalog);
  if (!base.ok || !head.ok) {
    return Math.max(base.ok ? 0 : base.code, head.ok ? 0 : head.code);
  }
  const prices: PriceBook = readPrices(io, path.resolve(io.cwd, workingFile), options);
  const diffOptions: DiffPlansOptions = {
    baseName: options.base,
    headName: options.head,
    prices,
    estimate: estimateOptions(options),
  };
  if (deps.evaluatePolicies !== undefined) diffOptions.evaluatePolicies = deps.evaluatePolicies;
  else {
    const setup = readPolicyInputs(
      io,
      options,
      options.head.startsWith("git:") ? DEFAULT_FILE : options.head,
    );
    diffOptions.evaluatePolicies = projectPolicyEvaluator(setup);
  }
  const report = diffPlans(base.plan, head.plan, diffOptions);
  io.stdout(diffFormatters[options.format](report));
  const overBudget =
    options.maxMonthlyIncrease !== undefined &&
    (report.summary.cost?.monthlyDelta ?? 0) > options.maxMonthlyIncrease;
  if (overBudget) {
    io.stderr(
      `aideploy diff: the monthly cost grows by ${report.summary.cost?.monthlyDelta} ${report.summary.cost?.currency}, more than --max-monthly-increase ${options.maxMonthlyIncrease}\n`,
    );
  }
  return overBudget || report.summary.flags.some((flag) => failOn.has(flag))
    ? ExitCode.findings
    : ExitCode.ok;
}

/** The policy engine as the diff sees it: one outcome per policy and graph node. */
export function projectPolicyEvaluator(setup: PolicyInputs): EvaluatePolicies {
  return (plan: Plan) =>
    checkPlanPolicies(plan, setup).results.map((r) => ({
      policyId: r.policy.id,
      resourceKey: r.resource.name,
      outcome: r.outcome,
      message: r.message,
      ...(r.blocksDelete ? { blocksDelete: true } : {}),
    }));
}

function collectFlags(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((flag) => flag.trim())
      .filter((flag) => flag !== ""),
  ];
}

/** The `diff` command with its outside parties given (the policy engine, once it exists). */
export function diffCommand(deps: DiffDependencies = {}): CommandRegistration {
  return (program: Command, context) => {
    program
      .command("diff")
      .description(
        "explain what changes between two versions of the deployments file, for pull-request review",
      )
      .argument(
        "<base>",
        "the file before: a path, or git:<ref>:<path> (e.g. git:origin/main:deployments.yaml)",
      )
      .argument("[head]", "the file after: a path, or git:<ref>:<path>", DEFAULT_FILE)
      .addOption(envOption())
      .addOption(formatOption(formatNames(diffFormatters), "text"))
      .addOption(
        new Option(
          "--fail-on <flags>",
          `exit 1 when any of these flags is present (comma-separated: ${DIFF_FLAGS.join(", ")})`,
        )
          .argParser(collectFlags)
          .default([]),
      )
      .addOption(
        new Option(
          "--max-monthly-increase <amount>",
          "exit 1 when the monthly cost (fixed, plus declared usage) grows by more than this amount, in the price file's currency",
        ).argParser(parseAmount),
      )
      .addOption(pricesOption())
      .addOption(pricesAsOfOption())
      .addOption(policyConfigOption())
      .addOption(azurePoliciesOption())
      .action(
        (
          base: string,
          head: string,
          opts: {
            env?: string;
            format: DiffFormat;
            failOn: string[];
            maxMonthlyIncrease?: number;
          } & PolicyFlags &
            PriceFlags,
        ) => {
          const options: DiffCommandOptions = { ...opts, base, head };
          context.run((io) => runDiff(options, io, deps));
        },
      );
  };
}

export const registerDiff: CommandRegistration = diffCommand();
