// run(argv) → exit code. The one place where errors become exit codes and one-line messages.
import { CommanderError } from "commander";
import { createIo, type Io } from "./io.js";
import { buildProgram } from "./program.js";
import { ExitCode, ReviewsError, SourceError } from "../errors.js";
import { redact } from "../util/redact.js";
import { cleanLine } from "../util/sanitize.js";

export async function main(argv: string[], io?: Io, cwd = process.cwd()): Promise<number> {
  const noColor = argv.includes("--no-color");
  const debug = argv.includes("--debug");
  if (!io) quietOnClosedPipe();
  const theIo = io ?? createIo(process.stdout, process.stderr, process.env, noColor);
  const program = buildProgram(theIo, cwd);
  try {
    await program.parseAsync(argv, { from: "user" });
    return program.exitCodeResult ?? ExitCode.ok;
  } catch (err) {
    return report(err, theIo, debug);
  } finally {
    program.context?.close();
  }
}

export function report(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof CommanderError) {
    // Help and version are not errors; commander already printed them.
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    )
      return ExitCode.ok;
    return ExitCode.usage;
  }
  const prefix = io.colorErr.red("reviews:");
  if (err instanceof ReviewsError || err instanceof SourceError) {
    io.err(`${prefix} ${cleanLine(redact(err.message))}`);
    if (debug && err.stack) io.err(io.colorErr.dim(redact(err.stack)));
    return err instanceof ReviewsError ? err.exitCode : ExitCode.partial;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(
    `${prefix} unexpected error: ${cleanLine(redact(message))}${debug ? "" : " (run again with --debug for details, and please report it)"}`,
  );
  if (debug && err instanceof Error && err.stack) io.err(io.colorErr.dim(redact(err.stack)));
  return ExitCode.failure;
}

/**
 * `reviews list | head -1`: once the reader has gone, stop quietly instead of dying with a stack
 * trace. Stores are synchronous transactions, so nothing half-written is left behind.
 */
function quietOnClosedPipe(): void {
  if (process.stdout.listenerCount("error") > 0) return;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.ok);
    process.stderr.write(`reviews: cannot write the output (${err.code ?? err.message})\n`);
    process.exit(ExitCode.failure);
  });
}
