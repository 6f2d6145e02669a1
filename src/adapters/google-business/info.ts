import type { AdapterInfo, SecretNeed } from "../types.js";

const ACCESS = "GOOGLE_OAUTH_ACCESS_TOKEN";
const TRIO: SecretNeed[] = [
  {
    name: "GOOGLE_OAUTH_CLIENT_ID",
    purpose: "the OAuth client id (or set GOOGLE_OAUTH_ACCESS_TOKEN instead)",
  },
  { name: "GOOGLE_OAUTH_CLIENT_SECRET", purpose: "the OAuth client secret" },
  { name: "GOOGLE_OAUTH_REFRESH_TOKEN", purpose: "a refresh token with the business.manage scope" },
];

export const googleBusiness: AdapterInfo = {
  method: "google-business",
  site: "google",
  title: "Google Business Profile API",
  selects: (s) => s.site === "google" && (s as Record<string, unknown>)["location"] !== undefined,
  // A ready access token wins; otherwise the tool refreshes one from the client id/secret/refresh token.
  secrets: (_s, env) =>
    env[ACCESS] || env[`${ACCESS}_FILE`]
      ? [{ name: ACCESS, purpose: "an OAuth access token with the business.manage scope" }]
      : TRIO,
  capabilities: { cap: null, order: "newest", listsEverything: true, paged: true, canReply: true },
  terms:
    "Google Business Profile APIs policies: only for locations you manage; access must be approved by Google (quota is 0 until then).",
  load: async () => (await import("./index.js")).adapter,
};
