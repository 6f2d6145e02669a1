// Where output goes and whether it may be coloured. Data → stdout, messages → stderr (clig.dev).
import { Chalk, type ChalkInstance } from "chalk";

export interface OutStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  /** Colour for stdout (data) and stderr (messages), decided once. */
  color: ChalkInstance;
  colorErr: ChalkInstance;
  isTTY: boolean;
  isErrTTY: boolean;
  /** Terminal width for tables (80 when unknown). */
  columns: number;
  out(text: string): void;
  err(text: string): void;
}

export function colorAllowed(stream: OutStream, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env["NO_COLOR"]) return false;
  if (env["TERM"] === "dumb") return false;
  if (env["FORCE_COLOR"] && env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true;
}

export function createIo(stdout: OutStream, stderr: OutStream, env: NodeJS.ProcessEnv, noColor = false): Io {
  const level = (s: OutStream) => (colorAllowed(s, env, noColor) ? 1 : 0);
  return {
    stdout,
    stderr,
    env,
    color: new Chalk({ level: level(stdout) }),
    colorErr: new Chalk({ level: level(stderr) }),
    isTTY: stdout.isTTY === true,
    isErrTTY: stderr.isTTY === true,
    columns: stdout.columns && stdout.columns > 20 ? stdout.columns : 80,
    out: (text) => void stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => void stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  };
}
