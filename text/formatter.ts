/**
 * The one formatter contract: a pure function from a report to the text of one format. Each report kind
 * (plan, diff, compliance, drift, policy list, diagnostics) keeps one formatter per file and one record of
 * them per kind; a command picks from the record by the `--format` it was given and prints what it returns.
 */

/** Options a format may take; a format that takes any declares its own type, every property optional. */
export type FormatOptions = object;

/** Renders a report as text in one format; pure: no I/O, no clock, no environment. */
export type Formatter<R, O extends FormatOptions = FormatOptions> = (report: R, options?: O) => string;

/** Every format of one report kind, by the name `--format` takes. */
export type Formatters<R> = Readonly<Record<string, Formatter<R>>>;

/** The format names of a record, in the order it lists them (the order `--help` shows). */
export function formatNames<F extends string>(formatters: Readonly<Record<F, unknown>>): F[] {
  return Object.keys(formatters) as F[];
}
