// Secrets are registered when read and scrubbed from every message that leaves the process.

const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

const QUERY_SECRET =
  /([?&](?:key|api_key|apikey|access_token|token|client_secret|refresh_token)=)[^&#\s"']+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

export function redact(text: string): string {
  let out = text.replace(QUERY_SECRET, "$1***").replace(BEARER, "$1***");
  for (const s of secrets) out = out.split(s).join("***");
  return out;
}
