import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileCodes } from "../../diagnostics/codes";
import { loadDeploymentsBytes, loadDeploymentsFile } from "../../loader/load";
import { MAX_ALIAS_COUNT } from "../../loader/parse";
import { DEFAULT_MAX_FILE_BYTES } from "../../loader/source";
import { estateText, load, problems, where, yaml } from "./support";

const tempDir = mkdtempSync(path.join(tmpdir(), "aideploy-loader-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A valid file to break in one place. */
const valid = yaml`
  version: 1
  accounts:
    main: { name: contoso-ai, resourceGroup: rg-ai, location: eastus2 }
  deployments:
    - name: gpt-4o
      model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }
      sku: GlobalStandard
      capacity: 10
`;

interface TextCase {
  behaviour: string;
  text: string;
  code: string;
  line: number;
  column: number;
  /** The finding's document path, as users read it. */
  path?: string;
  hint?: RegExp;
  message?: RegExp;
  /** Other codes the same change raises. */
  alsoCodes?: string[];
}

const textCases: TextCase[] = [
  {
    behaviour: "an empty file is reported as empty",
    text: "",
    code: "file/empty",
    line: 1,
    column: 1,
  },
  {
    behaviour: "a file of comments only is reported as empty",
    text: "# nothing yet\n\n",
    code: "file/empty",
    line: 1,
    column: 1,
  },
  {
    behaviour: "an unclosed flow mapping is a YAML syntax error at the line that breaks it",
    text: "version: 1\naccounts: { main: { name: x }\ndeployments: []\n",
    code: "yaml/syntax",
    line: 3,
    column: 1,
  },
  {
    behaviour: "indentation with a tab is a YAML syntax error",
    text: "version: 1\naccounts:\n\tmain: {}\n",
    code: "yaml/syntax",
    line: 3,
    column: 1,
  },
  {
    behaviour: "several YAML documents in one file are refused",
    text: `${valid}---\nversion: 1\n`,
    code: "yaml/syntax",
    line: 9,
    column: 1,
    message: /several YAML documents/,
  },
  {
    behaviour: "a key written twice deep in the file is reported at the second one",
    text: valid.replace("    sku: GlobalStandard\n", "    sku: GlobalStandard\n    sku: Standard\n"),
    code: "yaml/duplicate-key",
    line: 8,
    column: 5,
    message: /"sku" appears twice/,
  },
  {
    behaviour: "a duplicate key inside a flow mapping is reported",
    text: valid.replace("rg-ai, location", "rg-ai, name: other, location"),
    code: "yaml/duplicate-key",
    line: 3,
    column: 51,
  },
  {
    behaviour: "an alias without an anchor is reported where it is used",
    text: valid.replace("capacity: 10", "capacity: *size"),
    code: "yaml/alias-limit",
    line: 8,
    column: 15,
    message: /\*size refers to no anchor/,
  },
  {
    behaviour: "a list at the root is the wrong type for the top level",
    text: "- version: 1\n- accounts: {}\n",
    code: "schema/type",
    line: 1,
    column: 1,
    message: /top level must be a mapping/,
  },
  {
    behaviour: "a misspelt key is unknown, with the key it was meant to be",
    text: valid.replace("capacity: 10", "capcity: 10"),
    code: "schema/unknown-key",
    line: 8,
    column: 5,
    hint: /did you mean "capacity"\?/,
  },
  {
    behaviour: "a misspelt key of an account is unknown, with the key it was meant to be",
    text: valid.replace("resourceGroup: rg-ai", "resourceGoup: rg-ai"),
    code: "schema/unknown-key",
    line: 3,
    column: 29,
    hint: /did you mean "resourceGroup"\?/,
  },
  {
    behaviour: "an unknown key deep in a content filter is reported at that key",
    text: `${valid}${yaml`
      contentFilters:
        strict:
          prompt:
            hate: low
            violenze: high
    `}`,
    code: "schema/unknown-key",
    line: 13,
    column: 7,
    hint: /did you mean "violence"\?/,
  },
  {
    behaviour: "a key nested at the wrong level is unknown there",
    text: valid
      .replace("    capacity: 10", "    model:\n      capacity: 10")
      .replace('    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }\n', ""),
    code: "schema/unknown-key",
    line: 8,
    column: 7,
    alsoCodes: ["schema/required"],
  },
  {
    behaviour: "a missing required key is reported at the object that lacks it",
    text: valid.replace('    model: { format: OpenAI, name: gpt-4o, version: "2024-11-20" }\n', ""),
    code: "schema/required",
    line: 5,
    column: 5,
    message: /missing required key "model"/,
  },
  {
    behaviour: "a number where a quoted version is needed says to quote it",
    text: valid.replace('version: "2024-11-20"', "version: 1"),
    code: "schema/type",
    line: 6,
    column: 53,
    hint: /quote the value: "1"/,
  },
  {
    behaviour: "a deployment type in the wrong case is not allowed, with the one that was meant",
    text: valid.replace("sku: GlobalStandard", "sku: globalstandard"),
    code: "schema/enum",
    line: 7,
    column: 10,
    hint: /did you mean "GlobalStandard"\?/,
  },
  {
    behaviour: "a format version other than 1 is refused",
    text: valid.replace("version: 1\n", "version: 2\n"),
    code: "schema/const",
    line: 1,
    column: 10,
  },
  {
    behaviour: "blocklists in the subscription RAI policy are refused, saying blocklists live on accounts",
    text: `${valid}subscriptionRaiPolicy:\n  name: org-baseline\n  completion:\n    hate: medium\n    blocklists: [banned]\n`,
    code: "schema/not-allowed",
    line: 13,
    column: 5,
    path: "subscriptionRaiPolicy.completion.blocklists",
    message: /^subscriptionRaiPolicy\.completion\.blocklists is not allowed here$/,
    hint: /blocklists are resources of an account \(accounts\/raiBlocklists\)/,
  },
  {
    behaviour: "a capacity of zero is out of range",
    text: valid.replace("capacity: 10", "capacity: 0"),
    code: "schema/value",
    line: 8,
    column: 15,
  },
  {
    behaviour: "a subscription that is not a GUID is refused",
    text: valid.replace("accounts:", "subscription: my-subscription\naccounts:"),
    code: "schema/value",
    line: 2,
    column: 15,
  },
  {
    behaviour: "an account's subscription that is not a GUID is refused",
    text: valid.replace("location: eastus2 }", "location: eastus2, subscription: 0000-1111 }"),
    code: "schema/value",
    line: 3,
    column: 84,
    path: "accounts.main.subscription",
    message: /^accounts\.main\.subscription must match pattern/,
    hint: /a GUID, 32 hexadecimal digits in groups of 8-4-4-4-12/,
  },
  {
    behaviour: "an environment's subscription that is not a GUID is refused",
    text: `${valid}environments:\n  dev:\n    subscription: "12345678-1234-1234-1234-12345678901"\n`,
    code: "schema/value",
    line: 11,
    column: 19,
    path: "environments.dev.subscription",
    message: /^environments\.dev\.subscription must match pattern/,
  },
  {
    behaviour: "an environment's account override with a braced subscription is refused",
    text: `${valid}environments:\n  dev:\n    accounts:\n      main: { subscription: "{00000000-0000-0000-0000-000000000000}" }\n`,
    code: "schema/value",
    line: 12,
    column: 29,
    path: "environments.dev.accounts.main.subscription",
    message: /^environments\.dev\.accounts\.main\.subscription must match pattern/,
  },
  {
    behaviour: "a value of neither allowed shape names both shapes",
    text: valid.replace("capacity: 10", "capacity: 10\n    import: 5"),
    code: "schema/type",
    line: 9,
    column: 13,
    message: /import must be a string or a mapping, not number 5/,
  },
  {
    behaviour: "a bad id inside an import map is reported at that id only",
    text: valid.replace("capacity: 10", "capacity: 10\n    import: { main: not-an-id }"),
    code: "schema/value",
    line: 9,
    column: 21,
    message: /must match pattern/,
  },
  {
    behaviour:
      "a misspelt key of a blocklist item in object form is unknown, with the key it was meant to be",
    text: `${valid}blocklists:\n  b:\n    items: [a, { pattern: x, regx: true }]\n`,
    code: "schema/unknown-key",
    line: 11,
    column: 30,
    hint: /did you mean "regex"\?/,
  },
];

describe("reading the deployments file", () => {
  it("loads the valid baseline without findings", () => {
    expect(load(valid).diagnostics).toEqual([]);
  });

  it.each(textCases)("$behaviour", ({ text, code, line, column, path, hint, message, alsoCodes = [] }) => {
    const loaded = load(text);
    const found = loaded.diagnostics.filter((d) => d.code === code);
    expect(found.map(where)).toContain(`${code}@${line}:${column}`);
    // One change, one finding: no echo of the same problem under another code or position.
    const others = loaded.diagnostics.filter(
      (d) => !(d.code === code && d.line === line && d.column === column),
    );
    expect(others.filter((d) => !alsoCodes.includes(d.code)).map(where)).toEqual([]);
    const d = found.find((f) => f.line === line && f.column === column);
    if (path !== undefined) expect(d?.path).toBe(path);
    if (hint) expect(d?.hint).toMatch(hint);
    if (message) expect(d?.message).toMatch(message);
    expect(loaded.config).toBeUndefined();
  });

  it("stops an alias bomb (billion laughs) quickly with one yaml/alias-limit finding", () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ..."bcdefghi".split("").map((name, i) => {
        const previous = "abcdefghi"[i];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
      }),
    ].join("\n");
    const started = performance.now();
    const loaded = load(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(loaded.diagnostics.map(where)).toEqual(["yaml/alias-limit@1:1"]);
    expect(loaded.diagnostics[0]?.message).toContain(String(MAX_ALIAS_COUNT));
  });

  it("accepts anchors and aliases used within the limit", () => {
    const text = `${valid.replace("model: {", "model: &model {")}  - { name: gpt-4o-b, model: *model, sku: Standard, capacity: 1 }\n`;
    const loaded = load(text);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config?.deployments[1]?.model.version).toBe("2024-11-20");
  });

  it("reports deep nesting as a YAML error instead of overflowing the stack", () => {
    const text = `version: 1\naccounts: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
    const codes = load(text).diagnostics.map((d) => d.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith("yaml/") || c.startsWith("schema/"))).toBe(true);
  });
});

describe("coverage of the reading codes", () => {
  /** Codes whose cases need bytes, files or generated text, tested in the blocks around this one. */
  const testedOutsideTheTable = ["file/unreadable", "file/too-large", "file/encoding", "yaml/alias-limit"];

  it("has a case for every file, YAML and schema code", () => {
    const covered = new Set([...textCases.map((c) => c.code), ...testedOutsideTheTable]);
    expect(fileCodes.map((c) => c.code).filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe("reading bytes and files", () => {
  const encoder = new TextEncoder();

  it("refuses bytes over the size limit before parsing them", () => {
    const bytes = new Uint8Array(DEFAULT_MAX_FILE_BYTES + 1).fill(0x20);
    const loaded = loadDeploymentsBytes("big.yaml", bytes);
    expect(loaded.diagnostics.map(where)).toEqual(["file/too-large@1:1"]);
    expect(loaded.ioError).toBe(false);
  });

  it("refuses a file over the size limit without reading it", () => {
    const file = path.join(tempDir, "big.yaml");
    writeFileSync(file, `# ${"x".repeat(DEFAULT_MAX_FILE_BYTES)}\n`);
    const loaded = loadDeploymentsFile(file, "big.yaml");
    expect(loaded.diagnostics.map(where)).toEqual(["file/too-large@1:1"]);
    expect(loaded.diagnostics[0]?.file).toBe("big.yaml");
  });

  it("reports a missing file as unreadable, an I/O failure", () => {
    const loaded = loadDeploymentsFile(path.join(tempDir, "missing.yaml"));
    expect(loaded.diagnostics.map(where)).toEqual(["file/unreadable@1:1"]);
    expect(loaded.diagnostics[0]?.message).toContain("no such file");
    expect(loaded.ioError).toBe(true);
  });

  it("reports a directory as unreadable", () => {
    const loaded = loadDeploymentsFile(tempDir);
    expect(loaded.diagnostics.map(where)).toEqual(["file/unreadable@1:1"]);
    expect(loaded.ioError).toBe(true);
  });

  it("loads the bundled file from disk through a temporary copy", () => {
    const file = path.join(tempDir, "deployments.yaml");
    writeFileSync(file, estateText());
    expect(loadDeploymentsFile(file).diagnostics).toEqual([]);
  });

  it("refuses binary content", () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(loadDeploymentsBytes("logo.png", png).diagnostics.map(where)).toEqual(["file/encoding@1:1"]);
  });

  it("refuses invalid UTF-8", () => {
    const bytes = Uint8Array.from([...encoder.encode("version: 1\nname: caf"), 0xc3, 0x28, 0x0a]);
    const loaded = loadDeploymentsBytes("latin1.yaml", bytes);
    expect(loaded.diagnostics.map(where)).toEqual(["file/encoding@1:1"]);
    expect(loaded.diagnostics[0]?.message).toContain("UTF-8");
  });

  it("points at a NUL byte in otherwise valid text", () => {
    const bytes = encoder.encode("version: 1\naccounts:\n  ma\u0000in: {}\n");
    expect(loadDeploymentsBytes("nul.yaml", bytes).diagnostics.map(where)).toEqual(["file/encoding@3:5"]);
  });

  it("reads UTF-16 little-endian with a byte-order mark", () => {
    const text = estateText();
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes[2 + 2 * i] = unit & 0xff;
      bytes[3 + 2 * i] = unit >> 8;
    }
    expect(loadDeploymentsBytes("utf16.yaml", bytes).diagnostics).toEqual([]);
  });

  it("reads UTF-16 big-endian with a byte-order mark", () => {
    const text = valid;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      bytes[2 + 2 * i] = unit >> 8;
      bytes[3 + 2 * i] = unit & 0xff;
    }
    expect(loadDeploymentsBytes("utf16be.yaml", bytes).diagnostics).toEqual([]);
  });

  it("reads UTF-8 with a byte-order mark", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(valid)]);
    const loaded = loadDeploymentsBytes("bom.yaml", bytes);
    expect(problems(loaded)).toEqual([]);
    expect(loaded.config?.version).toBe(1);
  });
});
