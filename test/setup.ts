// Runs in every test file (vitest.config.ts, setupFiles): the temp folders a file made go when it ends.
import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers/cli.js";

afterAll(removeTempDirs);
