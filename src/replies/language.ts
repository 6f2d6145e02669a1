// A guess at the language of untagged text (Facebook and some pages send none). Honest limits: it
// only tells Vietnamese and Estonian (by letters and common words) from everything else, which it
// calls English; a site's own language tag always wins over this guess.

const VI_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
const VI_WORDS = /\b(và|không|của|là|rất|ngon|quán|món|nhân viên|được|chúng tôi|cảm ơn)\b/i;
const ET_LETTERS = /[õäöüšž]/i;
const ET_WORDS = /\b(ja|oli|väga|hea|aga|see|on|ei|toit|teenindus|aitäh|kohv)\b/i;

export function guessLanguage(text: string | null | undefined): string | null {
  if (!text || text.trim().length < 3) return null;
  const vi = (VI_LETTERS.test(text) ? 2 : 0) + (VI_WORDS.test(text) ? 1 : 0);
  const et = (ET_LETTERS.test(text) ? 2 : 0) + (ET_WORDS.test(text) ? 1 : 0);
  if (vi >= 2 && vi >= et) return "vi";
  if (et >= 2) return "et";
  return /[a-z]{3}/i.test(text) ? "en" : null;
}
