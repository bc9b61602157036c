/**
 * Azure Policy evaluator: evaluates Azure Policy definitions, as Azure stores them, against resources
 * in ARM shape, offline. Pure: no I/O, no output, no work at import time.
 */
export {
  type Alias,
  aliases,
  aliasTableSource,
  allAliases,
  coveredNamespaces,
  findAlias,
  unknownAliasMessage,
} from "./aliases";
export type { Condition, Operand } from "./condition-parser";
export type { ArmResource, EvaluationFacts } from "./context";
export {
  isKnownEffect,
  knownEffects,
  type PolicyDefinition,
  parseDefinition,
  unwrapProperties,
} from "./definition";
export {
  describeModification,
  effectSupport,
  type Modification,
  type RelatedResources,
} from "./effects";
export { AssignmentError, DefinitionError, EvaluationError } from "./errors";
export {
  type BoundParameters,
  bindParameters,
  countsAsNonCompliant,
  defaultApiVersion,
  type EvaluationOptions,
  evaluateBound,
  evaluatePolicy,
  evaluateUnits,
  explainMatch,
  type PolicyEvaluation,
} from "./evaluate";
export { fieldPath, type MatchReason } from "./explain";
export {
  type ExpressionScope,
  type PolicyFacts,
  type ResourceGroupFacts,
  type SubscriptionFacts,
  supportedFunctionNames,
  unsupportedFunctionNames,
  unsupportedReason,
} from "./expression-functions";
export { ExpressionSyntaxError, isTemplateExpression, parseTemplateExpression } from "./expression-parser";
export type { PathSegment } from "./fields";
export {
  type DefinitionLookup,
  definitionLookup,
  type EnforcementMode,
  type EvaluationUnit,
  type ExpansionOptions,
  expandAssignment,
  type PolicyAssignment,
  type PolicySetDefinition,
  type PolicySetMember,
  parseAssignment,
  parsePolicySetDefinition,
} from "./initiatives";
export {
  getProperty,
  isJsonObject,
  JsonDepthError,
  type JsonObject,
  type JsonValue,
  MAX_JSON_DEPTH,
  parseJsonText,
} from "./json";
export type { PolicyMode } from "./modes";
export { type OperatorName, operatorNames } from "./operators";
export { normalizeParameterValues, type ParameterDefinition, type ParameterValues } from "./parameters";
export { targetTypes } from "./target-types";
