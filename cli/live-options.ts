/**
 * The options the live commands share, and those `validate` adds for its live and catalog checks. Option
 * values are checked where commander reads them: a bad value is a usage error before any work.
 */
import { InvalidArgumentError, Option } from "commander";
import { armEndpointVariable, subscriptionVariable } from "../live/connection";
import { DEFAULT_CATALOG, DEFAULT_RETIREMENT_DAYS } from "../live/validate";

/** What commander passes for `--subscription` and `--arm-endpoint`. */
export interface LiveFlags {
  subscription?: string;
  armEndpoint?: string;
}

/** What commander passes for `liveValidateOptions()`. */
export interface LiveValidateFlags extends LiveFlags {
  live?: boolean;
  catalog?: string;
  retirementDays: number;
  asOf?: Date;
}

export function subscriptionOption(fromFile = true): Option {
  const fallback = fromFile
    ? `the file's \`subscription\`, then ${subscriptionVariable}`
    : subscriptionVariable;
  return new Option("--subscription <id>", `Azure subscription id (default: ${fallback})`);
}

export function armEndpointOption(): Option {
  return new Option(
    "--arm-endpoint <url>",
    `Azure Resource Manager endpoint (default: ${armEndpointVariable}, then https://management.azure.com)`,
  );
}

function parseRetirementDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) {
    throw new InvalidArgumentError(`--retirement-days must be a whole number of days, not "${value}"`);
  }
  return days;
}

export function parseAsOf(value: string): Date {
  // A calendar date (or an ISO date-time), nothing looser: `Date.parse` also takes "1" or "Dec 2".
  const iso = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
  const time = iso.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new InvalidArgumentError(`--as-of must be a date such as 2026-11-24, not "${value}"`);
  }
  return new Date(time);
}

/** The options `validate` adds for live and catalog checks. */
export function liveValidateOptions(): Option[] {
  return [
    new Option(
      "--live",
      "also check against live Azure: availability, retirement, capacity bounds and quota in each account's region",
    ),
    new Option(
      "--catalog <file>",
      `model catalog for offline availability, lifecycle and capacity checks (default: ${DEFAULT_CATALOG} beside the file, else the catalog shipped with aideploy)`,
    ),
    new Option("--retirement-days <n>", "warn about model versions retiring within this many days")
      .argParser(parseRetirementDays)
      // Shown as the help has always shown it.
      .default(DEFAULT_RETIREMENT_DAYS, JSON.stringify(String(DEFAULT_RETIREMENT_DAYS))),
    new Option(
      "--as-of <date>",
      "check retirements, deprecations and the catalog's age as of this date (YYYY-MM-DD; default: today)",
    ).argParser(parseAsOf),
    subscriptionOption(),
    armEndpointOption(),
  ];
}
