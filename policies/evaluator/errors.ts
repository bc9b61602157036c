/** A definition, set definition or assignment that Azure would refuse to store. */
export class DefinitionError extends Error {
  /** Where in the document the problem is, e.g. `policyRule.if.allOf[1]`. */
  readonly path: string;

  constructor(message: string, path = "") {
    super(path ? `${message} (at ${path})` : message);
    this.name = "DefinitionError";
    this.path = path;
  }
}

/**
 * A failure while evaluating a rule against a resource (an expression that fails, a missing
 * parameter, a comparison of incompatible types). Azure treats it as non-compliant.
 */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvaluationError";
  }
}

/** An assignment that cannot be expanded: unknown definition, bad or missing parameter values. */
export class AssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssignmentError";
  }
}
