export {
  type AnalyzeDiagnostic,
  type AnalyzedResource,
  type AnalyzeResult,
  AnalyzerDriver,
  type AnalyzerInfo,
  engineConfiguration,
  type PolicyConfiguration,
  type PolicyInfo,
  resourcesOfNodes,
  urnOf,
} from "./client";
export { type EngineLog, type StandInEngine, startEngine } from "./engine";
export { launchPack, type RunningPack, runPolicyPack } from "./launch";
