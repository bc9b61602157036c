import { CONNECTIONS } from "../../connections";
import type { FactSource } from "../../deployment-types";
import { PROJECTS } from "../../projects";
import { asciiLookalike, describeCharacter } from "./characters";

/** Azure resource name rules that the names in the file must follow. */
export interface NameRule {
  /** The whole rule, as Azure states it. */
  pattern: RegExp;
  min: number;
  max: number;
  /** Characters allowed anywhere, and at the first and last positions. */
  chars: RegExp;
  first: RegExp;
  last: RegExp;
  lowercase: boolean;
  /** What the rule allows, for messages. */
  text: string;
}

/** Accounts: 2-64 characters, `^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`. */
export const accountNameRule: NameRule = {
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  min: 2,
  max: 64,
  chars: /[a-zA-Z0-9_.-]/,
  first: /[a-zA-Z0-9]/,
  last: /./,
  lowercase: false,
  text: "2-64 letters, digits, '-', '_' or '.', starting with a letter or digit",
};

/** Foundry projects: the spec's projectName rule (loader/projects.ts PROJECTS.name), the same as accounts'. */
export const projectNameRule: NameRule = {
  ...accountNameRule,
  pattern: PROJECTS.name.pattern,
  min: PROJECTS.name.min,
  max: PROJECTS.name.max,
};

/** Project connections: the spec's connectionName rule (loader/connections.ts CONNECTIONS.name); no '.'. */
export const connectionNameRule: NameRule = {
  ...accountNameRule,
  pattern: CONNECTIONS.name.pattern,
  min: CONNECTIONS.name.min,
  max: CONNECTIONS.name.max,
  chars: /[a-zA-Z0-9_-]/,
  text: CONNECTIONS.name.text,
};

/** Content filters (RAI policies) and blocklists: the RAI pattern; the 64-character limit is *unverified*. */
export const raiNameRule: NameRule = {
  ...accountNameRule,
  min: 1,
  text: "at most 64 letters, digits, '-', '_' or '.', starting with a letter or digit",
};

/**
 * What is known about deployment names. No Microsoft document or specification states a rule: the REST
 * API's `deploymentName` path parameter has no pattern and no length limit, and the only error text seen
 * is quoted in a public issue. So aideploy keeps a convention (deploymentNameRule, a warning) and refuses
 * only what cannot be part of an ARM resource path at all (deploymentPathBreakers, an error).
 */
export const DEPLOYMENT_NAME_FACTS = {
  noRuleInSpec: {
    fact: "the REST API's deploymentName path parameter sets no pattern, minimum or maximum length",
    source: {
      repository: "Azure/azure-rest-api-specs",
      path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2026-09-01/cognitiveservices.json",
      date: "2026-09-01",
      commit: "f008f86e0b709c7e066cf87843bf5d424492552f",
    } satisfies FactSource,
  },
  errorTextInIssue: {
    fact: 'Azure answered a name with "/" with "The resource name is invalid. Resource name can only include alphanumeric characters, underscores and hyphens" (quoted, truncated, in a public issue; dots are accepted in practice)',
    source: {
      repository: "8monkey-ai/hebo-platform",
      path: "issue #489",
      date: "2026-08-31",
    } satisfies FactSource,
  },
  pathSyntax: {
    fact: "a deployment name is one segment of the ARM resource path .../deployments/{name}: '/' separates segments, '?' starts the query and '#' the fragment, '.' and '..' are removed as dot-segments, and control characters are not allowed in a URI",
    source: {
      repository: "IETF",
      path: "RFC 3986 (URI generic syntax), sections 2, 3.3 and 5.2.4",
      date: "2005-01-01",
    } satisfies FactSource,
  },
} as const;

/** A character that cannot stand in one segment of an ARM resource path (DEPLOYMENT_NAME_FACTS.pathSyntax). */
export function breaksArmPath(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return ch === "/" || ch === "?" || ch === "#" || code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** Why a deployment name cannot be part of an ARM resource path, or undefined. */
export function armPathProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name === "." || name === "..") return `is ${JSON.stringify(name)}, which URLs read as a relative path`;
  const bad = [...name].find(breaksArmPath);
  return bad === undefined ? undefined : `contains ${describeCharacter(bad)}`;
}

/** Deployments: a convention (not a documented rule, see DEPLOYMENT_NAME_FACTS), checked as a warning. */
export const deploymentNameRule: NameRule = {
  pattern: /^[a-zA-Z0-9_.-]+$/,
  min: 1,
  max: 64,
  chars: /[a-zA-Z0-9_.-]/,
  first: /./,
  last: /./,
  lowercase: false,
  text: "at most 64 letters, digits, '-', '_' or '.'",
};

/** Custom subdomains are DNS labels. */
export const subdomainRule: NameRule = {
  pattern: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
  min: 2,
  max: 64,
  chars: /[a-z0-9-]/,
  first: /[a-z0-9]/,
  last: /[a-z0-9]/,
  lowercase: true,
  text: "2-64 lowercase letters, digits or '-', not starting or ending with '-'",
};

/**
 * Resource groups. Source: MicrosoftDocs/azure-docs,
 * articles/azure-resource-manager/management/resource-name-rules.md, section Microsoft.Resources,
 * `resourcegroups` (page dated 2023-11-20): 1-90 characters; underscores, hyphens, periods, parentheses,
 * and letters or digits as .NET's Char.IsLetterOrDigit defines them (Unicode categories
 * UppercaseLetter, LowercaseLetter, TitlecaseLetter, ModifierLetter, OtherLetter, DecimalDigitNumber);
 * can't end with a period. Lengths count UTF-16 code units, as .NET strings do.
 */
export const resourceGroupNameRule: NameRule = {
  pattern: /^[-\w.()\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}]*[-\w()\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}]$/u,
  min: 1,
  max: 90,
  chars: /^[-\w.()\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}]$/u,
  first: /./u,
  last: /[^.]/u,
  lowercase: false,
  text: "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending with '.'",
};

/**
 * Why `name` breaks `rule` ("contains \" \" (U+0020)"), or undefined when it follows it. A character that
 * is not printable ASCII is named with its code point, so that a look-alike or invisible one can be found.
 */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  if (name.length < rule.min)
    return name.length === 0 ? "is empty" : `is shorter than ${rule.min} characters`;
  if (name.length > rule.max) return `is ${name.length} characters long, more than ${rule.max}`;
  if (rule.pattern.test(name)) return undefined;
  const chars = [...name];
  const bad = chars.find((ch) => !rule.chars.test(ch));
  if (bad !== undefined && rule.lowercase && rule.chars.test(bad.toLowerCase())) {
    return `contains the capital letter ${describeCharacter(bad)}`;
  }
  if (bad !== undefined) return `contains ${describeCharacter(bad)}`;
  if (!rule.first.test(chars[0] ?? "")) return `starts with ${describeCharacter(chars[0] ?? "")}`;
  if (!rule.last.test(chars.at(-1) ?? "")) return `ends with ${describeCharacter(chars.at(-1) ?? "")}`;
  return "does not follow the naming rule";
}

/** A name close to `name` that follows `rule`, for hints; undefined when none is obvious. */
export function suggestName(name: string, rule: NameRule): string | undefined {
  const source = rule.lowercase ? name.toLowerCase() : name;
  let candidate = "";
  for (const ch of [...source].flatMap((c) => [...(asciiLookalike(c) ?? c)])) {
    if (rule.chars.test(ch)) candidate += ch;
    else if (!candidate.endsWith("\u0000")) candidate += "\u0000";
  }
  candidate = candidate.replaceAll("\u0000", "-");
  while (candidate.length > 0 && !rule.first.test(candidate[0] ?? "")) candidate = candidate.slice(1);
  candidate = candidate.slice(0, rule.max);
  while (candidate.length > 0 && !rule.last.test(candidate.at(-1) ?? "")) candidate = candidate.slice(0, -1);
  if (candidate === name || nameProblem(candidate, rule) !== undefined) return undefined;
  return candidate;
}
