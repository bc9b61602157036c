/**
 * .NET formatting as ARM template functions use it, with the invariant culture: `format()` "uses the
 * same formatting options as the System.String.Format method in .NET" (MicrosoftDocs/azure-docs,
 * articles/azure-resource-manager/templates/template-functions-string.md), and `utcNow(format)` takes
 * .NET standard or custom date and time format strings (template-functions-date.md). Format strings this
 * module does not implement are an evaluation error, never an approximation.
 */
import { EvaluationError } from "./errors";
import type { JsonValue } from "./json";

function fail(message: string): never {
  throw new EvaluationError(message);
}

/** `{index[,alignment][:formatString]}` with `{{` and `}}` for literal braces. */
export function compositeFormat(template: string, args: readonly JsonValue[]): string {
  let out = "";
  let at = 0;
  while (at < template.length) {
    const char = template.charAt(at);
    if (char === "{" && template.charAt(at + 1) === "{") {
      out += "{";
      at += 2;
    } else if (char === "}" && template.charAt(at + 1) === "}") {
      out += "}";
      at += 2;
    } else if (char === "{") {
      const close = template.indexOf("}", at);
      if (close < 0) fail(`format(): unclosed '{' in '${template}'`);
      const item = /^(\d+)\s*(?:,\s*(-?\d+))?\s*(?::(.*))?$/s.exec(template.slice(at + 1, close));
      if (!item) fail(`format(): '${template.slice(at, close + 1)}' is not a format item`);
      const index = Number(item[1]);
      if (index >= args.length) {
        fail(`format(): '{${index}}' refers to argument ${index}, but only ${args.length} were given`);
      }
      const text = formatValue(args[index] as JsonValue, item[3]);
      const width = item[2] === undefined ? 0 : Number(item[2]);
      out += width < 0 ? text.padEnd(-width) : text.padStart(width);
      at = close + 1;
    } else if (char === "}") {
      fail(`format(): unmatched '}' in '${template}'`);
    } else {
      out += char;
      at += 1;
    }
  }
  return out;
}

function formatValue(value: JsonValue, format: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return format ? formatNumber(value, format) : defaultNumber(value);
  return fail("format() takes strings, integers and booleans as arguments");
}

function defaultNumber(value: number): string {
  return String(value).replace(/e([+-])/, (_, sign: string) => `E${sign}`);
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function fixed(value: number, decimals: number, grouped: boolean): string {
  // .NET rounds half away from zero; toFixed rounds the binary value, which differs only on ties.
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
  const [integer = "0", fraction] = Math.abs(rounded).toFixed(decimals).split(".");
  const body = `${grouped ? groupThousands(integer) : integer}${fraction === undefined ? "" : `.${fraction}`}`;
  return rounded < 0 || Object.is(rounded, -0) ? (/[1-9]/.test(body) ? `-${body}` : body) : body;
}

/** .NET standard numeric format strings (invariant culture). */
export function formatNumber(value: number, format: string): string {
  const spec = /^([A-Za-z])(\d{0,2})$/.exec(format);
  if (!spec) return fail(`format(): custom numeric format '${format}' is not supported`);
  const letter = spec[1] as string;
  const precision = spec[2] === "" ? undefined : Number(spec[2]);
  switch (letter.toUpperCase()) {
    case "N":
      return fixed(value, precision ?? 2, true);
    case "F":
      return fixed(value, precision ?? 2, false);
    case "D": {
      if (!Number.isInteger(value)) fail(`format(): 'D' needs an integer, got ${value}`);
      const digits = String(Math.abs(value)).padStart(precision ?? 0, "0");
      return value < 0 ? `-${digits}` : digits;
    }
    case "X": {
      if (!Number.isInteger(value) || value < 0)
        fail(`format(): 'X' needs a non-negative integer, got ${value}`);
      const hex = value.toString(16).padStart(precision ?? 0, "0");
      return letter === "X" ? hex.toUpperCase() : hex;
    }
    case "P":
      return `${fixed(value * 100, precision ?? 2, true)} %`;
    case "E": {
      const [mantissa = "", exponent = "0"] = value.toExponential(precision ?? 6).split("e");
      const sign = exponent.startsWith("-") ? "-" : "+";
      return `${mantissa}${letter}${sign}${exponent.replace(/^[+-]/, "").padStart(3, "0")}`;
    }
    case "G":
      return precision === undefined
        ? defaultNumber(value)
        : defaultNumber(Number(value.toPrecision(precision)));
    default:
      return fail(`format(): numeric format '${format}' is not supported`);
  }
}

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The invariant culture's patterns for the standard date and time format strings. */
const standardDatePatterns: Record<string, string> = {
  d: "MM/dd/yyyy",
  D: "dddd, dd MMMM yyyy",
  f: "dddd, dd MMMM yyyy HH:mm",
  F: "dddd, dd MMMM yyyy HH:mm:ss",
  g: "MM/dd/yyyy HH:mm",
  G: "MM/dd/yyyy HH:mm:ss",
  m: "MMMM dd",
  M: "MMMM dd",
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: "HH:mm",
  T: "HH:mm:ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: "dddd, dd MMMM yyyy HH:mm:ss",
  y: "yyyy MMMM",
  Y: "yyyy MMMM",
};

/** Formats a UTC date-time with a .NET standard or custom format string (invariant culture). */
export function formatDate(date: Date, format: string): string {
  const pattern = format.length === 1 ? standardDatePatterns[format] : format;
  if (pattern === undefined) return fail(`utcNow(): '${format}' is not a .NET date and time format`);
  const ticks = `${String(date.getUTCMilliseconds()).padStart(3, "0")}0000`;
  let out = "";
  let at = 0;
  while (at < pattern.length) {
    const char = pattern.charAt(at);
    if (char === "'" || char === '"') {
      const close = pattern.indexOf(char, at + 1);
      if (close < 0) fail(`utcNow(): unclosed quote in '${format}'`);
      out += pattern.slice(at + 1, close);
      at = close + 1;
      continue;
    }
    if (char === "\\") {
      out += pattern.charAt(at + 1);
      at += 2;
      continue;
    }
    let run = 1;
    while (pattern.charAt(at + run) === char) run += 1;
    out += dateToken(date, char, run, ticks);
    at += run;
  }
  return out;
}

function dateToken(date: Date, char: string, run: number, ticks: string): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const hours = date.getUTCHours();
  switch (char) {
    case "y": {
      const year = date.getUTCFullYear();
      return run === 2 ? two(year % 100) : run === 1 ? String(year % 100) : String(year).padStart(run, "0");
    }
    case "M": {
      const month = date.getUTCMonth();
      if (run >= 4) return monthNames[month] as string;
      if (run === 3) return (monthNames[month] as string).slice(0, 3);
      return run === 2 ? two(month + 1) : String(month + 1);
    }
    case "d": {
      const day = date.getUTCDay();
      if (run >= 4) return dayNames[day] as string;
      if (run === 3) return (dayNames[day] as string).slice(0, 3);
      return run === 2 ? two(date.getUTCDate()) : String(date.getUTCDate());
    }
    case "H":
      return run >= 2 ? two(hours) : String(hours);
    case "h": {
      const twelve = hours % 12 === 0 ? 12 : hours % 12;
      return run >= 2 ? two(twelve) : String(twelve);
    }
    case "m":
      return run >= 2 ? two(date.getUTCMinutes()) : String(date.getUTCMinutes());
    case "s":
      return run >= 2 ? two(date.getUTCSeconds()) : String(date.getUTCSeconds());
    case "f":
      return ticks.slice(0, Math.min(run, 7));
    case "F":
      return ticks.slice(0, Math.min(run, 7)).replace(/0+$/, "");
    case "t":
      return run >= 2 ? (hours < 12 ? "AM" : "PM") : hours < 12 ? "A" : "P";
    case "K":
      return "Z";
    case "z":
      return run === 1 ? "+0" : run === 2 ? "+00" : "+00:00";
    case ":":
    case "/":
      return char.repeat(run);
    default:
      return /[A-Za-z]/.test(char)
        ? fail(`utcNow(): format specifier '${char}' is not supported`)
        : char.repeat(run);
  }
}
