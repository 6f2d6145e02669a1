// Lazy dependencies of a command: `--help` opens no config, no database, no network.
import path from "node:path";
import type { Io } from "./io.js";
import type { LoadedConfig } from "../config/load.js";
import type { Store } from "../store/store.js";
import type { TemplateSet } from "../replies/templates.js";

export interface GlobalOptions {
  config?: string;
  db?: string;
  color: boolean;
  debug?: boolean;
}

export class AppContext {
  private loaded?: LoadedConfig;
  private opened?: Store;
  private templateSet?: TemplateSet;

  constructor(
    readonly io: Io,
    readonly globals: GlobalOptions,
    readonly cwd: string,
    readonly now: () => Date = () => new Date(),
  ) {}

  get env(): NodeJS.ProcessEnv {
    return this.io.env;
  }

  async config(): Promise<LoadedConfig> {
    return this.loaded ?? this.load(false);
  }

  /** The config if any, else defaults: for commands that only read the database. */
  async configOrDefaults(): Promise<LoadedConfig> {
    return this.loaded ?? this.load(true);
  }

  /** Through the validated-config cache; without a file, `config()` gets the loader's error. */
  private async load(orDefaults: boolean): Promise<LoadedConfig> {
    const [{ findConfigFile }, { cachedLoad }] = await Promise.all([
      import("../config/paths.js"),
      import("../config/cache.js"),
    ]);
    const { config: flag } = this.globals;
    const file = findConfigFile(flag, this.env, this.cwd) ?? null;
    const load = async () => {
      const loader = await import("../config/load.js");
      return orDefaults
        ? loader.loadConfigOrDefaults(flag, this.env, this.cwd)
        : loader.loadConfig(flag, this.env, this.cwd);
    };
    this.loaded = file || orDefaults ? await cachedLoad(file, this.cwd, load) : await load();
    this.warnLoaded();
    return this.loaded;
  }

  private warnLoaded(): void {
    for (const w of this.loaded?.warnings ?? [])
      this.io.err(`${this.io.colorErr.yellow("reviews: warning:")} ${w}`);
  }

  /** Reply templates: built-in, plus templates/ beside the config (or in the XDG config dir). */
  async templates(options: { warn?: boolean } = {}): Promise<TemplateSet> {
    if (!this.templateSet) {
      const loaded = this.loaded ?? (await this.configOrDefaults());
      const { TemplateSet, templatesDir } = await import("../replies/templates.js");
      const { userConfigDir } = await import("../config/paths.js");
      const file = loaded.file === "(defaults)" ? null : loaded.file;
      this.templateSet = TemplateSet.load(templatesDir(file, userConfigDir()));
      if (options.warn !== false)
        for (const p of this.templateSet.problems)
          this.io.err(
            `${this.io.colorErr.yellow("reviews: warning:")} ${p.file}: ${p.message} (ignored; see reviews templates check)`,
          );
    }
    return this.templateSet;
  }

  async dbFile(): Promise<string> {
    if (this.globals.db) return path.resolve(this.cwd, this.globals.db);
    if (this.env["REVIEWS_DB"]) return path.resolve(this.cwd, this.env["REVIEWS_DB"]);
    const { defaultDbFile } = await import("../config/paths.js");
    return defaultDbFile();
  }

  /** `mustExist`: for commands that only read, a missing database is an error, not a new file. */
  async store(options: { mustExist?: boolean } = {}): Promise<Store> {
    if (!this.opened) {
      const { Store } = await import("../store/store.js");
      this.opened = new Store(await this.dbFile(), options);
    }
    return this.opened;
  }

  close(): void {
    this.opened?.close();
    this.opened = undefined;
  }

  debug(message: string): void {
    if (this.globals.debug) this.io.err(this.io.colorErr.dim(`debug: ${message}`));
  }
}
