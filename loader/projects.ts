import schema from "../schemas/deployments.schema.json";
import type { FactSource } from "./deployment-types";
import type { Project } from "./file-types.generated";

/**
 * Foundry projects (Microsoft.CognitiveServices/accounts/projects): what the code relies on about them and
 * where Azure documents it. The one table of these facts: checks, the graph, the outputs, import and drift
 * read it; nothing else restates them. A fact no document gives is `null`, and whoever meets it says so.
 */

const SPEC_2026_09_01: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2026-09-01/cognitiveservices.json",
  date: "2026-09-01",
  commit: "f008f86e0b709c7e066cf87843bf5d424492552f",
};

export const PROJECTS = {
  resource: {
    fact: "a project is a proxy resource under an account with `location`, `tags`, `identity` (type None, SystemAssigned, UserAssigned or 'SystemAssigned, UserAssigned'), `properties.displayName` and `properties.description`; `properties.endpoints` and `properties.isDefault` are read-only",
    sources: [SPEC_2026_09_01],
  },
  name: {
    fact: "the projectName path parameter: 2-64 characters, pattern ^[a-zA-Z0-9][a-zA-Z0-9_.-]*$",
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    min: 2,
    max: 64,
    sources: [SPEC_2026_09_01],
  },
  identity: {
    fact: "a project's `identity.type` is None, SystemAssigned, UserAssigned or 'SystemAssigned, UserAssigned'; `identity.userAssignedIdentities` maps the ARM id of each user-assigned identity to its (read-only) principal and client ids",
    sources: [SPEC_2026_09_01],
  },
  accountKind: {
    fact: "a Foundry project is created on a Foundry resource (account kind AIServices); an Azure OpenAI account (kind OpenAI) holds none",
    kinds: ["AIServices"] as readonly string[],
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/how-to/create-projects.md",
        date: "2026-01-09",
        commit: "03a5bd4cf06640ad2189380af5e6c01033bb5278",
      },
    ] as readonly FactSource[],
  },
  allowProjectManagement: {
    fact: "the account property `allowProjectManagement` (boolean) enables projects on the account, beside `defaultProject` and `associatedProjects`; an existing account's value is not in the file, so whether it accepts projects is unknown until it is read from Azure",
    /** Whether Azure refuses a project on an account without the property: not stated in the spec. */
    refusedWithout: null,
    sources: [SPEC_2026_09_01],
  },
  endpoint: {
    fact: "a project's endpoint is https://<ai-services-account-name>.services.ai.azure.com/api/projects/<project-name>; the host label is the account's custom subdomain",
    sources: [
      {
        repository: "Azure/azure-sdk-for-python",
        path: "sdk/ai/azure-ai-projects/README.md",
        date: "2026-12-02",
        commit: "001dcfec",
      },
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/ai-services/cognitive-services-custom-subdomains.md",
        date: "2024-10-30",
      },
    ] as readonly FactSource[],
  },
  apiVersion: {
    fact: "azure-native 3.28 writes projects through its typed cognitiveservices.Project at api-version 2025-06-01, a stable version that has projects (its examples include CreateProject.json); which version first had them is not known (2025-04-01-preview is the earliest seen)",
    apiVersion: "2025-06-01",
    sources: [
      {
        repository: "Azure/azure-rest-api-specs",
        path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2025-06-01/cognitiveservices.json",
        date: "2025-06-01",
        commit: "85e08f702645d31e299bcbc165123f54548f5102",
      },
    ] as readonly FactSource[],
  },
} as const;

/** The project's endpoint on an account whose subdomain is `subdomain`. */
export function projectEndpoint(subdomain: string, projectName: string): string {
  return `https://${subdomain}.services.ai.azure.com/api/projects/${encodeURIComponent(projectName)}`;
}

/** Identity types compared as ARM spells them either way: case and the space after the comma do not count. */
export function sameIdentityType(a: string | undefined, b: string | undefined): boolean {
  const norm = (t: string | undefined) => (t ?? "").replace(/\s+/g, "").toLowerCase();
  return norm(a) === norm(b);
}

/** The identity types the file declares a project with, as the schema lists them. */
export const PROJECT_IDENTITY_TYPES = schema.$defs.project.properties.identity.enum as readonly NonNullable<
  Project["identity"]
>[];

/** Whether a project's identity type assigns user-assigned identities. */
export function usesUserAssigned(identity: string | undefined): boolean {
  return /userassigned/i.test(identity ?? "");
}
