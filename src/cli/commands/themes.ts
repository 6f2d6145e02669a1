import type { AppContext } from "../context.js";
import { parseSince } from "../../domain/dates.js";
import { sparkline } from "../../insights/stats.js";
import { computeThemes, type Themes } from "../../insights/themes.js";
import { cleanLine, truncate } from "../../util/sanitize.js";

export interface ThemesFlags {
  negative?: boolean;
  since?: string;
  json?: boolean;
}

export async function run(ctx: AppContext, flags: ThemesFlags): Promise<number> {
  const now = ctx.now();
  // The last year by default: what customers say lately, and bounded work on a large database.
  const since = flags.since === "all" ? undefined : parseSince(flags.since ?? "1y", now);
  const { config } = await ctx.configOrDefaults();
  const store = await ctx.store({ mustExist: true });
  const themes = computeThemes(store.db, config, { since, negativeOnly: flags.negative === true, now });
  if (flags.json) {
    ctx.io.out(JSON.stringify(themes, null, 2));
    return 0;
  }
  ctx.io.out(render(themes, ctx.io.color, !ctx.io.isTTY));
  return 0;
}

type Color = AppContext["io"]["color"];

/** The terminal (or plain-text) report. Every string that comes from a review passes through cleanLine. */
export function render(t: Themes, c: Color, plain: boolean): string {
  const noun = t.negativeOnly ? "negative reviews" : "reviews";
  const period = t.since ? ` since ${t.since.slice(0, 10)}` : "";
  if (t.reviews === 0) {
    return `No ${noun}${period} to look at: nothing to analyse yet (run "reviews check" first, or widen --since).`;
  }
  const out: string[] = [
    c.dim(`${t.reviews} ${noun}${period}; days and times in ${cleanLine(t.timezone)}.`),
    "",
    c.bold("What they talk about"),
  ];
  if (!t.topics.length) {
    out.push(
      "No known topic (food, service, waiting, price, cleanliness, delivery, booking, staff) is mentioned: nothing to group.",
    );
  } else {
    const span = `${t.weeks.length} weeks`;
    const rows = [
      ["topic", "reviews", "negative", `per week, last ${span}`, "newest", "words found"].map((h) =>
        c.dim(h),
      ),
      ...t.topics.map((x) => [
        cleanLine(x.topic),
        String(x.reviews),
        String(x.negative),
        sparkline(x.weekly, plain),
        x.examples.map((id) => `#${id}`).join(" "),
        x.cues
          .slice(0, 3)
          .map((k) => `${truncate(cleanLine(k.cue), 30)} ×${k.reviews}`)
          .join(", "),
      ]),
    ];
    out.push(...table(rows, [false, true, true, false, false, false]));
  }

  out.push("", c.bold("Patterns"));
  if (!t.patterns.length) {
    out.push(
      "No patterns: no topic stands out on one weekday, time of day or site, and none is rising — complaints are spread out.",
    );
  } else {
    for (const p of t.patterns)
      out.push(`  ${cleanLine(p.sentence)}.  ${c.dim(p.examples.map((id) => `#${id}`).join(" "))}`);
  }

  out.push("", c.bold("Phrases that keep coming back in negative reviews (beyond the known cue words)"));
  if (!t.phrases.length) {
    out.push(
      "No phrase comes back in two or more negative reviews beyond the known cue words: no new, unnamed problem.",
    );
  } else {
    const rows = [
      ["phrase", "reviews", "examples"].map((h) => c.dim(h)),
      ...t.phrases.map((p) => [
        truncate(cleanLine(p.phrase), 60),
        String(p.reviews),
        p.examples.map((id) => `#${id}`).join(" "),
      ]),
    ];
    out.push(...table(rows, [false, true, false]));
  }
  return out.join("\n");
}

function table(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => visibleLength(r[i] ?? ""))));
  return rows.map((r) =>
    r
      .map((cell, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - visibleLength(cell)));
        return right[i] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

function visibleLength(s: string): number {
  return Array.from(s.replace(/\x1b\[[0-9;]*m/g, "")).length;
}
