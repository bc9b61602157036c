import { describe, expect, it } from "vitest";
import {
  ExpressionSyntaxError,
  isTemplateExpression,
  parseTemplateExpression,
  unescapeTemplateLiteral,
} from "../../../policies/evaluator/expression-parser";

describe("template expression detection", () => {
  it.each([
    ["[parameters('effect')]", true],
    ["[[parameters('effect')]", false],
    ["Audit", false],
    ["[not closed", false],
    ["", false],
  ])("%j is an expression: %s", (text, expected) => {
    expect(isTemplateExpression(text)).toBe(expected);
  });

  it.each([
    ["[[literal]", "[literal]"],
    ["plain", "plain"],
    ["[[no closing", "[[no closing"],
  ])("unescapes %j as %j", (text, expected) => {
    expect(unescapeTemplateLiteral(text)).toBe(expected);
  });
});

describe("template expression parser", () => {
  it("parses nested calls, strings with escaped quotes and numbers", () => {
    expect(parseTemplateExpression("[concat('it''s', substring('abc', 0, -1))]")).toEqual({
      kind: "call",
      name: "concat",
      args: [
        { kind: "string", value: "it's" },
        {
          kind: "call",
          name: "substring",
          args: [
            { kind: "string", value: "abc" },
            { kind: "number", value: 0 },
            { kind: "number", value: -1 },
          ],
        },
      ],
    });
  });

  it("parses property and index access after a call", () => {
    expect(parseTemplateExpression("[requestContext().apiVersion]")).toEqual({
      kind: "property",
      target: { kind: "call", name: "requestContext", args: [] },
      name: "apiVersion",
    });
    expect(parseTemplateExpression("[ split( 'a,b', ',' ) [1] ]")).toEqual({
      kind: "index",
      target: {
        kind: "call",
        name: "split",
        args: [
          { kind: "string", value: "a,b" },
          { kind: "string", value: "," },
        ],
      },
      index: { kind: "number", value: 1 },
    });
  });

  it.each([
    ["[concat('a']", "expected ')'"],
    ["['unterminated]", "unterminated string literal"],
    ["[concat('a') extra]", "unexpected 'extra'"],
    ["[]", "unexpected end of expression"],
    ["[concat('a'))]", "unexpected ')'"],
    ["[a.b]", "expected '('"],
    ["[concat(@)]", "unexpected character '@'"],
    ["[parameters('x').]", "expected a property name"],
  ])("rejects %j with %j", (source, message) => {
    expect(() => parseTemplateExpression(source)).toThrow(ExpressionSyntaxError);
    expect(() => parseTemplateExpression(source)).toThrow(message);
  });
});
