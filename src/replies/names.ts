// The reviewer's first name, by the name order of their culture. Never the full name.

const ANONYMOUS =
  /^(a google user|anonymous|anonym|ẩn danh|người dùng google|facebook user|guest|kasutaja|private)$/i;
// Common Vietnamese family names: with one of these first, the given name is the last word.
const VI_SURNAMES = new Set(
  "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương lâm mai tạ tô đoàn lưu cao hà vương châu quách thái từ".split(
    " ",
  ),
);

/** Family name first (Vietnamese): "Nguyễn Thị Lan". */
export function isFamilyNameFirst(fullName: string, language?: string | null): boolean {
  const words = fullName.normalize("NFC").trim().split(/\s+/);
  if (words.length < 2) return false;
  const lang = (language ?? "").toLowerCase().slice(0, 2);
  return lang === "vi" || VI_SURNAMES.has(words[0]!.toLowerCase());
}

export function firstName(fullName: string | null | undefined, language?: string | null): string | null {
  if (!fullName) return null;
  const name = fullName.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!name || ANONYMOUS.test(name)) return null;
  const words = name.split(" ").filter((w) => !/^[\p{L}]\.?$/u.test(w) || w.length > 2);
  if (words.length === 0) return null;
  const lang = (language ?? "").toLowerCase().slice(0, 2);
  const first = words[0]!;
  const vietnamese = words.length >= 2 && isFamilyNameFirst(words.join(" "), lang);
  const given = vietnamese ? words[words.length - 1]! : first;
  // An initial alone ("J.") is not a name to greet by.
  if (/^\p{L}\.?$/u.test(given)) return null;
  return given.replace(/[.,]$/, "");
}
