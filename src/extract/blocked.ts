// Recognising a block, captcha or login page served instead of content.

const BLOCKED =
  /captcha|are you a robot|unusual (traffic|activity)|access denied|verify (that )?you are (a )?human|px-captcha|cf-chl|attention required|please enable js and disable any ad blocker/i;
const LOGIN = /<form[^>]+(login|signin|sign-in)[^>]*>/i;

/** Why a page is a block or login page instead of the content, or null. */
export function blockedReason(html: string): string | null {
  const head = html.slice(0, 20_000);
  const m = BLOCKED.exec(head);
  if (m) return `the site showed a "${m[0]}" page instead of the reviews`;
  if (LOGIN.test(head) && !/review/i.test(head)) return "the site asked to log in";
  return null;
}
