// Cue words per language. Matching is on lower-cased text; Vietnamese cues also match typed without
// diacritics ("ngo doc" for "ngộ độc"). Extendable through config `classify.cues`.

export type CueTable = Record<string, string[]>;
export type Cues = Record<string, CueTable>;

/** Complaint topics. */
export const TOPICS: Cues = {
  en: {
    food: [
      "cold food",
      "food was cold",
      "was cold",
      "tasteless",
      "bland",
      "undercooked",
      "overcooked",
      "raw",
      "burnt",
      "too salty",
      "stale",
      "soggy",
      "small portion",
    ],
    service: [
      "rude",
      "unfriendly",
      "ignored us",
      "bad service",
      "poor service",
      "attitude",
      "unprofessional",
      "did not apologise",
      "didn't apologize",
    ],
    waiting: ["waited", "wait for", "waiting", "slow", "took forever", "an hour", "minutes for"],
    price: [
      "expensive",
      "overpriced",
      "overcharged",
      "rip-off",
      "rip off",
      "not worth the price",
      "wrong bill",
      "bill had",
    ],
    cleanliness: ["dirty", "filthy", "cockroach", "hair in", "smelled", "sticky table", "toilet was"],
    delivery: ["delivery", "delivered", "driver", "arrived late", "arrived cold", "missing item"],
    booking: ["booking", "booked", "reservation", "table for"],
    staff: ["waiter", "waitress", "staff", "manager", "server", "cashier"],
  },
  vi: {
    food: ["nguội", "nhạt", "mặn", "chưa chín", "bị cháy", "dở", "ôi thiu", "bị nát", "không ngon"],
    service: ["thái độ", "phục vụ kém", "khó chịu", "không xin lỗi", "hỗn", "thờ ơ"],
    waiting: ["chờ", "đợi", "lâu", "chậm"],
    price: ["đắt", "chặt chém", "tính tiền sai", "hóa đơn", "giá cao"],
    cleanliness: ["bẩn", "gián", "có tóc", "hôi", "nhà vệ sinh", "mất vệ sinh"],
    delivery: ["giao hàng", "shipper", "giao trễ", "giao chậm"],
    booking: ["đặt bàn", "đặt chỗ"],
    staff: ["nhân viên", "quản lý", "bồi bàn"],
  },
  et: {
    food: ["külm", "maitsetu", "liiga soolane", "toores", "kõrbenud", "vana", "lääge"],
    service: ["ebaviisakas", "ükskõikne", "halb teenindus", "ei vabandanud", "ülbe"],
    waiting: ["ootasime", "oota", "aeglane", "kaua", "tund aega"],
    price: ["kallis", "ülehinnatud", "arvel oli", "vale arve"],
    cleanliness: ["must", "räpane", "tarakan", "juuksekarv", "haises", "tualett"],
    delivery: ["kuller", "kohaletoimetamine", "tarne", "hilines"],
    booking: ["broneering", "broneerisime", "laua"],
    staff: ["teenindaja", "kelner", "personal", "juhataja"],
  },
};

/** Reasons to escalate to the owner instead of a routine reply. */
export const URGENT: Cues = {
  en: {
    "food-safety": [
      "food poisoning",
      "got sick",
      "sick after",
      "vomit",
      "diarrhea",
      "diarrhoea",
      "salmonella",
      "hospital",
    ],
    injury: [
      "injured",
      "injury",
      "burned myself",
      "cut my",
      "slipped",
      "broken glass",
      "allergic reaction",
      "anaphyla",
    ],
    legal: ["lawyer", "sue you", "lawsuit", "legal action", "police", "health department", "report you to"],
    discrimination: ["racist", "racism", "discriminat", "homophob", "sexist"],
    theft: ["stole", "stolen", "theft", "charged my card twice", "took my"],
  },
  vi: {
    "food-safety": ["ngộ độc", "đau bụng", "nôn", "tiêu chảy", "nhập viện"],
    injury: ["bị thương", "bị bỏng", "dị ứng", "té ngã", "trượt ngã"],
    legal: ["luật sư", "kiện", "công an", "báo chính quyền", "cơ quan chức năng"],
    discrimination: ["phân biệt đối xử", "kỳ thị"],
    theft: ["ăn cắp", "trộm", "lấy cắp", "mất ví"],
  },
  et: {
    "food-safety": ["toidumürgitus", "kõhuvalu", "oksend", "kõhulahtisus", "haigla"],
    injury: ["vigastus", "põletasin", "allergiline reaktsioon", "kukkusin", "klaasikild"],
    legal: ["advokaat", "kohtusse", "politsei", "terviseamet", "kaebuse"],
    discrimination: ["rassist", "diskrimineeri"],
    theft: ["varastati", "varastas", "vargus"],
  },
};

/** Abuse: do not answer with a template; consider reporting. */
export const ABUSE: Record<string, string[]> = {
  en: ["fuck", "shit", "asshole", "bitch", "moron", "retard", "idiots"],
  vi: ["địt", "đụ", "đmm", "vcl", "vãi lồn", "óc chó", "con chó"],
  et: ["türa", "perse", "raisk", "idioodid", "lits"],
};

/** Positive details worth echoing back in a reply (dishes, people, occasions). */
export const DETAILS: Record<string, string[]> = {
  en: [
    "pho",
    "bún chả",
    "bun cha",
    "spring rolls",
    "banh mi",
    "bánh mì",
    "coffee",
    "cooking class",
    "birthday",
    "anniversary",
  ],
  vi: ["phở", "bún chả", "nem", "bánh mì", "cà phê", "lớp học nấu ăn", "sinh nhật"],
  et: ["pho", "kevadrullid", "kohv", "kaneelisaiad", "sünnipäev", "tähtpäev"],
};

export function stripDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}
