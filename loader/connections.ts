import type { FactSource } from "./deployment-types";

/**
 * Foundry project connections (Microsoft.CognitiveServices/accounts/projects/connections): what the code
 * relies on about them and where Azure documents it. The one table of these facts: the schema's lists, the
 * checks, the graph, import and drift read it; nothing else restates them.
 */

const SPEC_2025_06_01: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/CognitiveServices/stable/2025-06-01/cognitiveservices.json",
  date: "2025-06-01",
  commit: "85e08f702645d31e299bcbc165123f54548f5102",
};

const LIST_EXAMPLE_2025_06_01: FactSource = {
  repository: "Azure/azure-rest-api-specs",
  path: "specification/cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-06-01/examples/ProjectConnection/list.json",
  date: "2025-06-01",
  commit: "15f38e5b507c1875212fabd59839498f3a6e2015",
};

/** An auth type the file can declare, and what its credentials hold. */
export interface SupportedAuthType {
  /** The `authType` discriminator value. */
  name: "AAD" | "ApiKey" | "ManagedIdentity" | "None";
  /** The secret credential fields (`x-ms-secret` in the spec): the file names a config key for each. */
  secrets: readonly "apiKey"[];
  /** Plain credential fields the file may give as values. */
  plain: readonly ("clientId" | "resourceId")[];
  /** Whether a connection of this type is unusable without its credentials. */
  credentialsRequired: boolean;
}

export const CONNECTIONS = {
  resource: {
    fact: "a project connection (ConnectionPropertiesV2BasicResource) has `properties` of ConnectionPropertiesV2: `authType` (required, the discriminator), `category`, `target` ('The connection URL to be used.'), `metadata` (string map), `isSharedToAll`, `expiryTime` (date-time), `sharedUserList`, `peRequirement`, `useWorkspaceManagedIdentity`, `error`; `createdByWorkspaceArmId`, `group` and `peStatus` are set by Azure",
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
  name: {
    fact: "the connectionName path parameter: pattern ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$ (3-33 letters, digits, '_' or '-', starting with a letter or digit; no '.')",
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/,
    min: 3,
    max: 33,
    text: "3-33 letters, digits, '_' or '-', starting with a letter or digit",
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
  authTypes: {
    fact: "ConnectionAuthType: PAT, ManagedIdentity, UsernamePassword, None, SAS, AccountKey, ServicePrincipal, AccessKey, ApiKey, CustomKeys, OAuth2, AAD; ApiKey credentials are ConnectionApiKey { key (x-ms-secret) }, ManagedIdentity credentials ConnectionManagedIdentity { clientId, resourceId }, AAD and None carry none",
    all: [
      "PAT",
      "ManagedIdentity",
      "UsernamePassword",
      "None",
      "SAS",
      "AccountKey",
      "ServicePrincipal",
      "AccessKey",
      "ApiKey",
      "CustomKeys",
      "OAuth2",
      "AAD",
    ] as readonly string[],
    /** The ones the file can declare; the others need credential shapes the file does not have yet. */
    supported: [
      { name: "AAD", secrets: [], plain: [], credentialsRequired: false },
      { name: "ApiKey", secrets: ["apiKey"], plain: [], credentialsRequired: true },
      { name: "ManagedIdentity", secrets: [], plain: ["clientId", "resourceId"], credentialsRequired: false },
      { name: "None", secrets: [], plain: [], credentialsRequired: false },
    ] as readonly SupportedAuthType[],
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
  secrets: {
    fact: "the credential fields that hold secrets (ConnectionApiKey.key and the others) are marked x-ms-secret, and the specification's get and list examples return connections without `credentials`: a secret is never read back, so drift cannot compare it and import cannot write it",
    sources: [SPEC_2025_06_01, LIST_EXAMPLE_2025_06_01] as readonly FactSource[],
  },
  categories: {
    fact: "ConnectionCategory (modelAsString): the category values the specification lists",
    values: [
      "PythonFeed",
      "ContainerRegistry",
      "Git",
      "S3",
      "Snowflake",
      "AzureSqlDb",
      "AzureSynapseAnalytics",
      "AzureMySqlDb",
      "AzurePostgresDb",
      "ADLSGen2",
      "Redis",
      "ApiKey",
      "AzureOpenAI",
      "AIServices",
      "CognitiveSearch",
      "CognitiveService",
      "CustomKeys",
      "AzureBlob",
      "AzureOneLake",
      "CosmosDb",
      "CosmosDbMongoDbApi",
      "AzureDataExplorer",
      "AzureMariaDb",
      "AzureDatabricksDeltaLake",
      "AzureSqlMi",
      "AzureTableStorage",
      "AmazonRdsForOracle",
      "AmazonRdsForSqlServer",
      "AmazonRedshift",
      "Db2",
      "Drill",
      "GoogleBigQuery",
      "Greenplum",
      "Hbase",
      "Hive",
      "Impala",
      "Informix",
      "MariaDb",
      "MicrosoftAccess",
      "MySql",
      "Netezza",
      "Oracle",
      "Phoenix",
      "PostgreSql",
      "Presto",
      "SapOpenHub",
      "SapBw",
      "SapHana",
      "SapTable",
      "Spark",
      "SqlServer",
      "Sybase",
      "Teradata",
      "Vertica",
      "Pinecone",
      "Cassandra",
      "Couchbase",
      "MongoDbV2",
      "MongoDbAtlas",
      "AmazonS3Compatible",
      "FileServer",
      "FtpServer",
      "GoogleCloudStorage",
      "Hdfs",
      "OracleCloudStorage",
      "Sftp",
      "GenericHttp",
      "ODataRest",
      "Odbc",
      "GenericRest",
      "AmazonMws",
      "Concur",
      "Dynamics",
      "DynamicsAx",
      "DynamicsCrm",
      "GoogleAdWords",
      "Hubspot",
      "Jira",
      "Magento",
      "Marketo",
      "Office365",
      "Eloqua",
      "Responsys",
      "OracleServiceCloud",
      "PayPal",
      "QuickBooks",
      "Salesforce",
      "SalesforceServiceCloud",
      "SalesforceMarketingCloud",
      "SapCloudForCustomer",
      "SapEcc",
      "ServiceNow",
      "SharePointOnlineList",
      "Shopify",
      "Square",
      "WebTable",
      "Xero",
      "Zoho",
      "GenericContainerRegistry",
      "Elasticsearch",
      "OpenAI",
      "Serp",
      "BingLLMSearch",
      "Serverless",
      "ManagedOnlineEndpoint",
    ] as readonly string[],
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
  endpointTargets: {
    fact: "ApiKeyAuthConnectionProperties describes the target of an AzureOpenAI connection as {ApiBase} and of a CognitiveSearch connection as {Endpoint} (a CognitiveService connection's target is ServiceRegion={serviceRegion}, not a URL); no other category's target is described",
    categories: ["AzureOpenAI", "CognitiveSearch"] as readonly string[],
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
  portal: {
    fact: "the Foundry portal lists connection types by service (Azure AI Search, Azure Storage, Azure Cosmos DB, Azure OpenAI, Application Insights, Azure Key Vault, Foundry, OpenAI, Serp, API key, Custom key, Grounding with Bing Search, ...) without naming their categories or auth types, so the file accepts every category of the specification",
    sources: [
      {
        repository: "MicrosoftDocs/azure-ai-docs",
        path: "articles/foundry/how-to/connections-add.md",
        date: "2025-11-06",
        commit: "1205cbf887d69ce6cf3e770b46debd79362aa7be",
      },
    ] as readonly FactSource[],
  },
  apiVersion: {
    fact: "azure-native 3.28 writes project connections through its typed cognitiveservices.ProjectConnection at api-version 2025-06-01",
    apiVersion: "2025-06-01",
    sources: [SPEC_2025_06_01] as readonly FactSource[],
  },
} as const;

/** The supported auth type named `name`, if the file can declare it. */
export function supportedAuthType(name: string): SupportedAuthType | undefined {
  return CONNECTIONS.authTypes.supported.find((t) => t.name === name);
}

/** How a plan, diff or report shows a secret the program reads from the stack's configuration. */
export function secretPlaceholder(configKey: string): string {
  return `[secret from config ${configKey}]`;
}
