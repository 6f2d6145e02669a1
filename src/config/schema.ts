// The config file's shape. Names here are part of the interface (README "Config reference").
import { z } from "zod";
import { SITES } from "../domain/review.js";
import { isValidTimeZone } from "../domain/dates.js";
import { EmailConfigSchema } from "../digest/config.js";

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^/\s]+/i.test(v) && URL.canParse(v), { message: "expected an http(s) URL" });

export const SourceBaseSchema = z.looseObject({
  id: z
    .string({ message: "expected a source id (lower-case letters, digits and dashes)" })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
      message: "expected lower-case letters, digits and dashes, e.g. google-main",
    }),
  site: z.enum(SITES, { message: `expected one of ${SITES.join(", ")}` }),
  enabled: z.boolean().default(true),
  /** API origin override (proxies, tests): the path stays the real one. */
  baseUrl: httpUrl.optional(),
  /** Upper bound on pages fetched per run. */
  maxPages: z.number().int().min(1).max(1000).optional(),
  /** Name of the environment variable holding this source's key instead of the default one. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      message: "expected an environment variable name, e.g. GOOGLE_KEY_BRANCH2",
    })
    .optional(),
  /** A label for people ("Google — Old Quarter branch"). */
  label: z.string().optional(),
});
export type SourceBase = z.infer<typeof SourceBaseSchema>;

export const ConfigSchema = z.strictObject({
  business: z.strictObject({
    name: z
      .string({ message: "expected the business name" })
      .min(1, { message: "expected the business name" }),
    contact: z
      .strictObject({
        name: z.string().optional(),
        email: z.email({ message: "expected an e-mail address" }).optional(),
        phone: z.string().optional(),
      })
      .default({}),
    signature: z.string().optional(),
    timezone: z
      .string()
      .refine(isValidTimeZone, {
        message: "expected an IANA time zone such as Asia/Ho_Chi_Minh or Europe/Tallinn",
      })
      .default("UTC"),
    /** The business's own language for the digest and labels (BCP 47, e.g. "vi", "et", "en"). */
    language: z.string().optional(),
    /** Staff names: a complaint that names one is escalated to the owner. */
    staff: z.array(z.string().min(2, { message: "expected a name" })).optional(),
  }),
  negative: z
    .strictObject({
      maxRating: z.number().min(1).max(4.5).default(2),
    })
    .default({ maxRating: 2 }),
  replyWithinHours: z
    .strictObject({
      negative: z.number().positive().default(24),
      other: z.number().positive().default(72),
    })
    .default({ negative: 24, other: 72 }),
  http: z
    .strictObject({
      /** Per request: connecting, waiting for headers, and between body chunks. */
      timeoutSeconds: z.number().positive().max(300).default(15),
      /** Retries of one request after 429/5xx/network errors. */
      retries: z.number().int().min(0).max(10).default(2),
      /** The most one source may take in a run, retries and waits included. */
      sourceBudgetSeconds: z.number().positive().max(3600).default(90),
      /** Sources fetched at the same time. */
      concurrency: z.number().int().min(1).max(64).default(6),
      /** Connections to one host at the same time (politeness). */
      connectionsPerHost: z.number().int().min(1).max(4).default(2),
      /** Decoded body size cap, in megabytes. */
      maxBodyMegabytes: z.number().positive().max(200).default(10),
    })
    .default({
      timeoutSeconds: 15,
      retries: 2,
      sourceBudgetSeconds: 90,
      concurrency: 6,
      connectionsPerHost: 2,
      maxBodyMegabytes: 10,
    }),
  /** Extends the classifier: urgent watch words, more cue words, details to echo back. */
  classify: z
    .strictObject({
      /** Words that make a review urgent (escalated to the owner), in any language. */
      watchWords: z.array(z.string().min(2, { message: "expected a word" })).optional(),
      /** More cue words: { LANG: { TOPIC: [words] } }, e.g. { vi: { waiting: ["lâu quá"] } }. */
      cues: z
        .record(
          z.string().regex(/^[a-z]{2,3}$/, { message: "expected a language code such as en, vi, et" }),
          z.record(
            z.string().regex(/^[a-z][a-z-]*$/, { message: "expected a topic name such as food or parking" }),
            z.array(z.string().min(2, { message: "expected a word" })),
          ),
        )
        .optional(),
      /** Things worth echoing back in positive replies: dishes, products, rooms. */
      details: z.array(z.string().min(2, { message: "expected a word" })).optional(),
      /** A review with exactly this rating and complaint cues is "mixed" (default 3). */
      mixedRating: z.number().min(1).max(5).optional(),
    })
    .optional(),
  /** Where the digest goes and how it is sent (see the README, "The morning digest"). */
  email: EmailConfigSchema.optional(),
  // "sources:" with only comments under it (the starter config) reads as null: no sources yet.
  sources: z.preprocess((v) => v ?? [], z.array(SourceBaseSchema)),
});

export type Config = z.infer<typeof ConfigSchema>;
export type HttpSettings = Config["http"];
