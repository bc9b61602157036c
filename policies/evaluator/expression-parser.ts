/**
 * Tokenizer and parser for ARM template expressions, the language inside `"[...]"` strings of a
 * policy rule: function calls, string literals ('' escapes a quote), numbers, `.property` access and
 * `[index]` access. Booleans and null are functions (`true()`, `false()`, `null()`).
 */

export type Expression =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; name: string; args: Expression[] }
  | { kind: "property"; target: Expression; name: string }
  | { kind: "index"; target: Expression; index: Expression };

export class ExpressionSyntaxError extends Error {
  constructor(message: string, source: string) {
    super(`${message} in expression "${source}"`);
    this.name = "ExpressionSyntaxError";
  }
}

type Token =
  | { kind: "identifier"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "number"; value: number; at: number }
  | { kind: "punctuation"; text: "(" | ")" | "," | "." | "[" | "]"; at: number };

/** True for a string Azure evaluates as an expression: `[...]`, but not the escaped `[[...]`. */
export function isTemplateExpression(text: string): boolean {
  return text.startsWith("[") && !text.startsWith("[[") && text.endsWith("]");
}

/** The literal a string stands for: `[[x]` is the escaped form of the text `[x]`. */
export function unescapeTemplateLiteral(text: string): string {
  return text.startsWith("[[") && text.endsWith("]") ? text.slice(1) : text;
}

/** Parses a whole template string, brackets included, e.g. `[parameters('effect')]`. */
export function parseTemplateExpression(source: string): Expression {
  if (!isTemplateExpression(source)) {
    throw new ExpressionSyntaxError("an expression must start with '[' and end with ']'", source);
  }
  const tokens = tokenize(source.slice(1, -1), source);
  const parser = new Parser(tokens, source);
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

function tokenize(text: string, source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === "'") {
      const start = at;
      let value = "";
      at += 1;
      for (;;) {
        if (at >= text.length) throw new ExpressionSyntaxError("unterminated string literal", source);
        const next = text.charAt(at);
        if (next === "'") {
          if (text.charAt(at + 1) === "'") {
            value += "'";
            at += 2;
            continue;
          }
          at += 1;
          break;
        }
        value += next;
        at += 1;
      }
      tokens.push({ kind: "string", text: value, at: start });
    } else if (/[0-9]/.test(char) || (char === "-" && /[0-9]/.test(text.charAt(at + 1)))) {
      const match = /^-?[0-9]+(?:\.[0-9]+)?/.exec(text.slice(at));
      const literal = match?.[0] ?? char;
      tokens.push({ kind: "number", value: Number(literal), at });
      at += literal.length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(at));
      const identifier = match?.[0] ?? char;
      tokens.push({ kind: "identifier", text: identifier, at });
      at += identifier.length;
    } else if (char === "(" || char === ")" || char === "," || char === "." || char === "[" || char === "]") {
      tokens.push({ kind: "punctuation", text: char, at });
      at += 1;
    } else {
      throw new ExpressionSyntaxError(`unexpected character '${char}' at position ${at + 1}`, source);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  expression(): Expression {
    let result = this.primary();
    for (;;) {
      if (this.accept(".")) {
        const name = this.next();
        if (name?.kind !== "identifier") throw this.error("expected a property name after '.'");
        result = { kind: "property", target: result, name: name.text };
      } else if (this.accept("[")) {
        const index = this.expression();
        this.expect("]");
        result = { kind: "index", target: result, index };
      } else {
        return result;
      }
    }
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token) throw this.error(`unexpected ${describe(token)} at position ${token.at + 2}`);
  }

  private primary(): Expression {
    const token = this.next();
    if (!token) throw this.error("unexpected end of expression");
    if (token.kind === "string") return { kind: "string", value: token.text };
    if (token.kind === "number") return { kind: "number", value: token.value };
    if (token.kind === "identifier") {
      this.expect("(");
      const args: Expression[] = [];
      if (!this.accept(")")) {
        do args.push(this.expression());
        while (this.accept(","));
        this.expect(")");
      }
      return { kind: "call", name: token.text, args };
    }
    throw this.error(`unexpected ${describe(token)} at position ${token.at + 2}`);
  }

  private next(): Token | undefined {
    const token = this.tokens[this.position];
    if (token) this.position += 1;
    return token;
  }

  private accept(text: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === "punctuation" && token.text === text) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) {
      const token = this.tokens[this.position];
      throw this.error(`expected '${text}' but found ${token ? describe(token) : "the end"}`);
    }
  }

  private error(message: string): ExpressionSyntaxError {
    return new ExpressionSyntaxError(message, this.source);
  }
}

function describe(token: Token): string {
  if (token.kind === "string") return `string '${token.text}'`;
  if (token.kind === "number") return `number ${token.value}`;
  return `'${token.text}'`;
}
