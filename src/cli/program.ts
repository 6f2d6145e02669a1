// The commander program. Command modules are imported only when their command runs.
import { Command, InvalidArgumentError, Option } from "commander";
import type { Io } from "./io.js";
import { AppContext, type GlobalOptions } from "./context.js";
import { VERSION } from "../version.js";

export class ReviewsProgram extends Command {
  exitCodeResult?: number;
  context?: AppContext;
}

export function intArg(name: string, min = 0) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return Number(value);
  };
}

export function ratingArg(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 5)
    throw new InvalidArgumentError("a rating is a number from 1 to 5");
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const EXIT_CODES = `
Exit codes:
  0  success (new negative reviews are not an error)
  1  runtime failure (database, disk, unexpected error)
  2  usage or config error, or a missing secret
  3  some sources failed; the others were fetched and stored
  4  another run holds the lock on the database
  5  the draft checker found problems (draft --check, templates check)
  130 interrupted (Ctrl-C); what was fetched so far is stored`;

export function buildProgram(io: Io, cwd: string): ReviewsProgram {
  const program = new ReviewsProgram("reviews");
  program
    .description("Keep up with what customers say about your business online.")
    .version(VERSION, "-V, --version", "print the version")
    .option(
      "--config <file>",
      "config file (default: $REVIEWS_CONFIG, ./reviews.config.yaml, then ~/.config/reviews/config.yaml)",
    )
    .option("--db <file>", "database file (default: $REVIEWS_DB, then ~/.local/share/reviews/reviews.db)")
    .option("--no-color", "no colours (also NO_COLOR=1 or a pipe)")
    .option("--debug", "print details (stack traces) on errors")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // Never wider than 80 columns: readable, and the same text the build saves for the fast path
      // (src/cli/fast.ts) whatever the terminal.
      getOutHelpWidth: () => Math.min(80, io.columns),
      getErrHelpWidth: () => Math.min(80, io.columns),
      outputError: (s, write) => write(io.colorErr.red(s)),
    })
    .addHelpText(
      "after",
      `
Examples:
  $ reviews demo                      try it on a demo business (no keys, no network)
  $ reviews init                      write a starter config
  $ reviews check                     fetch new reviews, flag negatives, print reply drafts
  $ reviews list --negative --since 7d
  $ reviews show 42
${EXIT_CODES}

Docs: README.md (config reference, cron setup, where files live).`,
    );

  const context = (): AppContext => {
    if (!program.context) {
      const g = program.opts<GlobalOptions>();
      program.context = new AppContext(io, g, cwd);
    }
    return program.context;
  };
  const done = (code: number) => {
    program.exitCodeResult = code;
  };

  program
    .command("check")
    .description("fetch reviews from every enabled source, store them, flag new negatives with reply drafts")
    .option("--source <id>", "only this source (repeatable)", collect)
    .option("--full", "walk every page instead of stopping at the first page with nothing new")
    .option("--json", "print the result as JSON (for scripts)")
    .option("-q, --quiet", "print nothing unless something is new or failed")
    .option(
      "--wait [seconds]",
      "if another check is running, wait for it (default 600 s) instead of exiting 4",
      intArg("--wait"),
    )
    .option("--email", "then e-mail the digest of what this check found (see `reviews digest --help`)")
    .option("--to <address...>", "with --email: send to these addresses instead of the config's email.to")
    .option("--skip-empty", "with --email: send nothing when nothing happened")
    .addHelpText(
      "after",
      `
The first run of a source records its existing reviews as a baseline instead of announcing them.

Examples:
  $ reviews check
  $ reviews check --source google-main --json
  $ 0 8 * * * reviews check --quiet     (crontab: every morning at 8)
  $ 0 7 * * * reviews check --email --skip-empty > /dev/null   (crontab: mail the digest)
${EXIT_CODES}`,
    )
    .action(async (opts) => done(await (await import("./commands/check.js")).run(context(), opts)));

  program
    .command("list")
    .description("list stored reviews, newest first")
    .option("--site <site>", "only this site (google, yelp, facebook, tripadvisor, zomato, jsonld)")
    .option("--source <id>", "only this source")
    .option("--min-rating <n>", "at least this many stars", ratingArg)
    .option("--max-rating <n>", "at most this many stars", ratingArg)
    .option("--since <when>", "published since a date (2026-11-01) or an age (7d, 24h, 2w)")
    .option("--negative", "only negative reviews (rating ≤ negative.maxRating, or not recommended)")
    .addOption(
      new Option("--status <status>", "reply workflow state").choices([
        "open",
        "replied",
        "ignored",
        "escalated",
      ]),
    )
    .option("--removed", "include reviews removed from the site")
    .option("--limit <n>", "at most this many (default 50; 0 for all)", intArg("--limit"), 50)
    .option("--json", "print JSON (for scripts)")
    .addHelpText(
      "after",
      `
On a terminal: an aligned table. In a pipe: tab-separated columns
(id, published, site, source, rating, author, status, text). With --json: an array of reviews.

Examples:
  $ reviews list --negative --since 7d
  $ reviews list --site google --min-rating 4 --limit 10
  $ reviews list --json | jq '.[] | select(.negative)'`,
    )
    .action(async (opts) => done(await (await import("./commands/list.js")).run(context(), opts)));

  program
    .command("show")
    .description("one review in full: text, original, translation, reply, earlier versions, links")
    .argument("<id>", "the review's number (first column of `reviews list`)", intArg("id", 1))
    .option("--json", "print JSON (for scripts)")
    .option("--raw", "with --json: include the payload as the site sent it")
    .addHelpText("after", "\nExamples:\n  $ reviews show 42\n  $ reviews show 42 --json")
    .action(async (id: number, opts) =>
      done(await (await import("./commands/show.js")).run(context(), id, opts)),
    );

  program
    .command("mark")
    .description("move a review through the reply workflow: replied, ignored, escalated or open")
    .argument("<id>", "the review's number", intArg("id", 1))
    .argument("<state>", "replied | ignored | escalated | open")
    .option("--note <text>", "a note kept with the review")
    .option("--assign <name>", "who handles it")
    .option("--json", "print the review and its history as JSON")
    .addHelpText(
      "after",
      `
A reply seen on the site (Business Profile, TripAdvisor, Yelp pages) marks a review replied by itself.

Examples:
  $ reviews mark 42 replied
  $ reviews mark 43 escalated --assign Linh --note "food safety: call the customer"
  $ reviews mark 44 ignored --note "spam, removal requested"`,
    )
    .action(async (id: number, state: string, opts) =>
      done(await (await import("./commands/mark.js")).run(context(), id, state, opts)),
    );

  program
    .command("draft")
    .description("the reply draft for a review: template, reasons, and what the draft checker says")
    .argument("<id>", "the review's number (see reviews list)", intArg("id", 1))
    .option("--template <name>", "use this template: a kind (negative) or one variant (negative.2)")
    .option("--lang <code>", "answer in this language instead of the reviewer's (en, vi, et…)")
    .option("--check <file>", "check your own reply text in FILE (- for stdin) instead of drafting one")
    .option("--json", "print JSON: reviewId, language, template, text, warnings")
    .addHelpText(
      "after",
      `
The draft goes to stdout and everything about it to stderr, so it can go straight to a file:

Examples:
  $ reviews draft 31
  $ reviews draft 31 > reply.txt      (edit reply.txt, then:)
  $ reviews draft 31 --check reply.txt
  $ reviews draft 31 --template mixed --lang en
  $ reviews draft 31 --json

Exit 5 when --check finds problems.`,
    )
    .action(async (id: number, opts) =>
      done(await (await import("./commands/draft.js")).run(context(), id, opts)),
    );

  program
    .command("reply")
    .description("post a reply on the site (Google Business Profile sources only), after you confirm")
    .argument("<id>", "the review's number (see reviews list)", intArg("id", 1))
    .option("--post", "post it (required: nothing is posted without it)")
    .option("--text <file>", "post the text in FILE (your edited draft; - for stdin) instead of the draft")
    .option("-y, --yes", "do not ask for confirmation (scripts)")
    .addHelpText(
      "after",
      `
Shows the reply, runs the draft checker (a reply with findings is not posted: exit 5), asks to
confirm, posts it through the Business Profile API (replacing any earlier reply of yours), records
it and marks the review replied. Other sites: copy the draft and post it there yourself.

Examples:
  $ reviews reply 31 --post
  $ reviews draft 31 > reply.txt && $EDITOR reply.txt && reviews reply 31 --post --text reply.txt`,
    )
    .action(async (id: number, opts) =>
      done(await (await import("./commands/reply.js")).run(context(), id, opts)),
    );

  const templates = program
    .command("templates")
    .description("the reply templates in use (built-in and your own): list, show, check");
  templates
    .command("list")
    .description("every template: name, language, where it comes from")
    .option("--lang <code>", "only this language")
    .option("--json", "print JSON (for scripts)")
    .action(async (opts) => done(await (await import("./commands/templates.js")).list(context(), opts)));
  templates
    .command("show")
    .description("the text of a template (a kind shows every variant)")
    .argument("<name>", "a kind (negative) or one variant (negative.2)")
    .option("--lang <code>", "the language (default en)")
    .option("--json", "print JSON (for scripts)")
    .action(async (name: string, opts) =>
      done(await (await import("./commands/templates.js")).show(context(), name, opts)),
    );
  templates
    .command("check")
    .description("parse every template and run the draft checker on what each renders (exit 5 on problems)")
    .option("--lang <code>", "only this language")
    .option("--json", "print JSON (for scripts)")
    .action(async (opts) => done(await (await import("./commands/templates.js")).check(context(), opts)));
  templates.addHelpText(
    "after",
    `
Your own templates live in templates/ beside the config (or ~/.config/reviews/templates/), one file
each, named KIND.VARIANT.LANG.txt: negative.1.vi.txt replaces the first built-in Vietnamese negative,
positive.cafe.en.txt adds a variant. Kinds: negative, negative-urgent, mixed, positive,
rating-only-positive, rating-only-negative, recommendation-only.
Variables: {{name}} {{business}} {{contact}} {{contactName}} {{contactEmail}} {{contactPhone}}
{{signature}} {{site}} {{topic}} {{detail}}; {{#x}}…{{/x}} only when x has text, {{^x}}…{{/x}} when not.

Examples:
  $ reviews templates list --lang vi
  $ reviews templates show negative --lang et
  $ reviews templates check`,
  );

  program
    .command("todo")
    .description("reviews waiting for a reply, overdue ones first")
    .option("--all", "include reviews recorded in a source's first run (the baseline)")
    .option(
      "--limit <n>",
      "at most this many, the most urgent (default 50; 0 for all)",
      intArg("--limit"),
      50,
    )
    .option("--json", "print JSON (for scripts)")
    .addHelpText(
      "after",
      "\nDeadlines come from replyWithinHours in the config (24 h for negatives, 72 h for others by default),\ncounted from when the review was first seen.\n\nExamples:\n  $ reviews todo\n  $ reviews todo --limit 0 --json",
    )
    .action(async (opts) => done(await (await import("./commands/todo.js")).run(context(), opts)));

  program
    .command("export")
    .description("write testimonials (csv, json, html) or all reviews (csv, json, jsonl) to a file or stdout")
    .argument("<what>", "testimonials | reviews")
    .option(
      "--min-rating <n>",
      "testimonials: at least this many stars (default 4); reviews: a filter",
      ratingArg,
    )
    .option("--max-rating <n>", "reviews: at most this many stars", ratingArg)
    .option("--since <when>", "published since a date (2026-11-01) or an age (30d)")
    .option("--site <site>", "only this site")
    .option("--source <id>", "reviews: only this source")
    .option("--lang <code>", "testimonials: only in this language (en, vi, et…)")
    .option("--min-length <n>", "testimonials: at least this many characters", intArg("--min-length"))
    .addOption(
      new Option("--permission <state>", "testimonials: granted = only those the customer agreed to").choices(
        ["granted", "any"],
      ),
    )
    .option("--negative", "reviews: only negative ones")
    .addOption(
      new Option("--status <status>", "reviews: reply workflow state").choices([
        "open",
        "replied",
        "ignored",
        "escalated",
      ]),
    )
    .option(
      "--format <format>",
      "csv | json | html (testimonials), csv | json | jsonl (reviews); default from --out's extension",
    )
    .option("--out <file>", "write here (default: stdout, also with -)")
    .option("--bom", "start CSV with a UTF-8 BOM so Excel shows accents and emoji right")
    .addHelpText(
      "after",
      `
Testimonials are positive reviews with text, never excerpts, never removed, in the reviewer's own
words (original language, verbatim), with the author as first name + initial ("Lan N.").

Examples:
  $ reviews export testimonials --min-rating 5 --out testimonials.csv --bom
  $ reviews export testimonials --permission granted --format html --out testimonials.html
  $ reviews export reviews --since 30d --format csv --out reviews.csv`,
    )
    .action(async (what: string, opts) =>
      done(await (await import("./commands/export.js")).run(context(), what, opts)),
    );

  program
    .command("permission")
    .description("record whether a customer agreed to be quoted: requested, granted or denied")
    .argument("<id>", "the review's number", intArg("id", 1))
    .argument("<state>", "requested | granted | denied")
    .option("--note <text>", "how and when (e.g. 'e-mail of 12 Nov')")
    .addHelpText(
      "after",
      '\nExamples:\n  $ reviews permission 42 requested\n  $ reviews permission 42 granted --note "yes by e-mail, 12 Nov"',
    )
    .action(async (id: number, state: string, opts) =>
      done(await (await import("./commands/permission.js")).run(context(), id, state, opts)),
    );

  program
    .command("import")
    .description(
      "import reviews from a file: our own export, a spreadsheet (CSV), or the old Zomato API JSON",
    )
    .argument("<file>", "a .csv, .json or .jsonl file")
    .requiredOption("--source <id>", "the source these reviews belong to")
    .option("--site <site>", "the site, when the source is not in the config")
    .addOption(
      new Option("--format <format>", "default: from the file's extension").choices(["csv", "json", "jsonl"]),
    )
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      `
Importing the same file twice adds nothing. Bad rows are reported with their line and skipped; the
good ones are stored together (exit 3 when rows were skipped). CSV column names: see the README.

Examples:
  $ reviews import old-reviews.csv --source google-main
  $ reviews import zomato-export.json --source zomato-archive --site zomato`,
    )
    .action(async (file: string, opts) =>
      done(await (await import("./commands/import.js")).run(context(), file, opts)),
    );

  program
    .command("digest")
    .description(
      "what happened since the last digest: new negatives with drafts, overdue replies, trends, source health",
    )
    .option(
      "--since <when>",
      "from a date (2026-11-01) or an age (1d, 7d, 30d); default: since the last digest sent",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "markdown", "html"]))
    .option("--out <file>", "write to this file (format from its extension: .html, .md) instead of stdout")
    .option("--email", "send it by e-mail (REVIEWS_SMTP_URL, or the config's email block)")
    .option("--to <address...>", "with --email: send to these addresses instead of the config's email.to")
    .option("--skip-empty", "print or send nothing when nothing happened (exit 0)")
    .addHelpText(
      "after",
      `
Sending needs REVIEWS_SMTP_URL (smtp://user:pass@host:587 or smtps://…; or REVIEWS_SMTP_URL_FILE)
or an "email:" block in the config (smtp or sendmail). The sender is email.from, else
REVIEWS_MAIL_FROM. After a digest is sent, the next one starts where it ended.

Examples:
  $ reviews digest
  $ reviews digest --since 7d --format html --out digest.html
  $ reviews digest --email --to owner@example.com
  $ reviews check --email --skip-empty     (check, then mail what it found)`,
    )
    .action(async (opts) => done(await (await import("./commands/digest.js")).run(context(), opts)));

  program
    .command("stats")
    .description(
      "counts, average rating, distribution, negative share, response rate and time, per site, source, month or week",
    )
    .option("--since <when>", "only reviews published since a date (2026-01-01) or an age (90d)")
    .addOption(
      new Option("--by <group>", "group by").choices(["site", "source", "month", "week"]).default("site"),
    )
    .option("--json", "print JSON (for scripts)")
    .addHelpText(
      "after",
      `
"site says" is the site's own average and count (a capped API such as Google Places stores only a
few reviews, so the two differ). Response rate counts replies seen on the site and reviews marked
replied; the reply time runs from publication (or first sight) to the reply.

Examples:
  $ reviews stats
  $ reviews stats --by month --since 1y
  $ reviews stats --json`,
    )
    .action(async (opts) => done(await (await import("./commands/stats.js")).run(context(), opts)));

  program
    .command("themes")
    .description(
      "what reviews talk about week by week, when and where a topic concentrates, and phrases that keep coming back in negative reviews",
    )
    .option("--negative", "only negative reviews (rating ≤ negative.maxRating, or not recommended)")
    .option(
      "--since <when>",
      "reviews published since a date (2026-01-01) or an age (90d); default 1y; all for every review",
    )
    .option("--json", "print JSON (for scripts)")
    .addHelpText(
      "after",
      `
Topics (food, service, waiting, price, cleanliness, delivery, booking, staff, and your own from
classify.cues) come from the same cue words as "check", in English, Vietnamese and Estonian. A
pattern is reported when at least 3 of a topic's reviews, and at least 60% of them, fall on one
weekday and/or time of day (in business.timezone, by when the review was posted) or on one site, and
that share is at least 1.5× the share of all reviews there; or when a topic's weekly rate over the
last 4 weeks is at least twice that of the 8 weeks before. Phrases are word pairs and triples found
in 2 or more negative reviews that no cue list names yet, so a new problem shows up before it has a
name. The weekly counts and "rising" always cover the last 12 weeks, whatever --since says.

Examples:
  $ reviews themes
  $ reviews themes --negative --since 90d
  $ reviews themes --json | jq '.patterns[].sentence'`,
    )
    .action(async (opts) => done(await (await import("./commands/themes.js")).run(context(), opts)));

  program
    .command("suspicious")
    .description("reviews that may be fake or break a site's rules, with where to report each")
    .option("--json", "print JSON (for scripts)")
    .addHelpText(
      "after",
      `
Looks for: the same or nearly the same words under different names (80% of word pairs in common,
texts of 20 characters or more); a day with 3 or more 1★/5★ ratings on one source, at least 5× its
usual day; one name with 3 or more reviews on one source; abusive words. These are signals, not
proof: read the review (reviews show ID) before you report it. Each finding says where its site
takes removal requests. Nothing is sent anywhere.

Examples:
  $ reviews suspicious
  $ reviews suspicious --json | jq '.findings[] | select(.kind == "duplicate-text")'`,
    )
    .action(async (opts) => done(await (await import("./commands/suspicious.js")).run(context(), opts)));

  program
    .command("sources")
    .description("each source: what it can see, its terms, its last run, stored vs reported counts")
    .option("--json", "print JSON (for scripts)")
    .addHelpText("after", "\nExamples:\n  $ reviews sources\n  $ reviews sources --json")
    .action(async (opts) => done(await (await import("./commands/sources.js")).run(context(), opts)));

  program
    .command("doctor")
    .description("check the config and secrets, make one request per source, and say how to fix each problem")
    .option("--offline", "check config and secrets only, make no request")
    .option("--json", "print JSON (for scripts)")
    .addHelpText("after", `\nExamples:\n  $ reviews doctor\n  $ reviews doctor --offline\n${EXIT_CODES}`)
    .action(async (opts) => done(await (await import("./commands/doctor.js")).run(context(), opts)));

  program
    .command("demo")
    .description("the whole journey on a bundled demo business: no keys, no network")
    .option("--json", "print each check's result as JSON")
    .addHelpText(
      "after",
      `
Serves the demo business's review pages from a local server on 127.0.0.1, runs a first check
(baseline), then a second one after new reviews arrived, and prints the negatives with drafts.
Uses a temporary database unless --db is given.

Examples:
  $ reviews demo
  $ reviews demo --db demo.db && reviews list --db demo.db`,
    )
    .action(async (opts) => done(await (await import("./commands/demo.js")).run(context(), opts)));

  program
    .command("init")
    .description("write a commented starter config file")
    .option("--out <file>", "where to write it (default: ./reviews.config.yaml)")
    .option("--name <name>", "the business's name")
    .option("--email <address>", "the contact e-mail given to unhappy reviewers")
    .option("--contact-name <name>", "who answers (greets and signs replies)")
    .option("--phone <number>", "the contact phone")
    .option("--timezone <zone>", "IANA time zone, e.g. Asia/Ho_Chi_Minh")
    .option("--place-id <id>", "a Google place id (ChIJ…) for a first source")
    .option("--no-input", "never ask: take everything from the flags")
    .option("--force", "overwrite an existing file")
    .addHelpText(
      "after",
      `
On a terminal it asks for what the flags did not give.

Examples:
  $ reviews init
  $ reviews init --no-input --name "Gió Mùa Kitchen" --email care@example.com --place-id ChIJxxxx`,
    )
    .action(async (opts) => done(await (await import("./commands/init.js")).run(context(), opts)));

  return program;
}
