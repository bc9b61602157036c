import * as path from "node:path";
import type { Command } from "commander";
import { formatScaffold, planScaffold } from "../../scaffold/init";
import { writeFiles } from "../atomic-write";
import { type CommandIO, ExitCode } from "../io";
import type { CommandContext } from "../program";

interface InitOptions {
  force?: boolean;
}

/** Scaffolds a project that uses the installed package; refuses to replace files unless `--force`. */
export async function runInit(dir: string | undefined, options: InitOptions, io: CommandIO): Promise<number> {
  const target = path.resolve(io.cwd, dir ?? ".");
  const scaffold = planScaffold({ dir: target, force: options.force === true });
  writeFiles(
    scaffold.files.map((f) => ({ path: path.join(target, f.path), text: f.text })),
    path.relative(io.cwd, target) || ".",
  );
  io.stdout(formatScaffold(scaffold));
  return ExitCode.ok;
}

export function registerInit(program: Command, context: CommandContext): void {
  program
    .command("init")
    .description(
      "scaffold a project that uses the installed package: deployments.yaml, a Pulumi program and the GitHub Actions workflow",
    )
    .argument("[dir]", "the folder to scaffold (default: the current one)")
    .option("--force", "replace files that already exist")
    .action((dir: string | undefined, opts: InitOptions) => {
      context.run((io) => runInit(dir, opts, io));
    });
}
