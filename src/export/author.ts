// How a testimonial names its author: first name + family initial, by the name order of the
// reviewer's culture ("Tom Becker" → "Tom B.", "Nguyễn Thị Lan" → "Lan N."). Never the full name.
import { firstName, isFamilyNameFirst } from "../replies/names.js";

export function testimonialAuthor(
  fullName: string | null | undefined,
  language?: string | null,
): string | null {
  const given = firstName(fullName, language);
  if (!given || !fullName) return null;
  const words = fullName.normalize("NFC").trim().split(/\s+/);
  const familyFirst = isFamilyNameFirst(fullName, language);
  const family = familyFirst ? words[0] : words.length > 1 ? words[words.length - 1] : undefined;
  const initial = family && family !== given ? Array.from(family)[0]?.toUpperCase() : undefined;
  return initial ? `${given} ${initial}.` : given;
}
