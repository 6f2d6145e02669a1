// Deterministic synthetic reviews: realistic text sizes (50–1500 characters, median ≈ 370), several
// languages (English, Vietnamese, Estonian, German, French, Spanish, Japanese), ratings skewed to
// 5 stars as on real sites, owner replies on ~40 %, Google translations, Facebook recommendations.
// The same (source, index) always gives the same review: a PRNG seeded from both.

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(...parts) {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];

const LANGS = [
  {
    code: "en",
    weight: 0.38,
    pos: [
      "The bún chả was the best we had in Hanoi, smoky and fresh.",
      "Friendly staff and quick service even on a busy Saturday night.",
      "We came back three times during our trip, that says it all.",
      "The broth was rich and the herbs tasted like they were picked this morning.",
      "Great value for money and a lovely little terrace upstairs.",
      "The owner came over to explain every dish, which we really appreciated.",
      "Portions are generous and the spring rolls are crispy without being greasy.",
      "Clean, calm and cosy; a perfect place for lunch after the museum.",
      "Highly recommended for anyone who wants honest home-style cooking.",
      "Coffee with egg foam was a revelation, order it with dessert.",
      "Our kids loved the fried rice and the staff brought extra napkins without asking.",
      "Vegetarian options were clearly marked and just as tasty as the rest.",
    ],
    neg: [
      "We waited almost fifty minutes for two bowls of noodles.",
      "The soup arrived lukewarm and the meat was tough.",
      "Nobody came to take our order until we waved twice.",
      "The bill included dishes we never ordered and it took a while to fix.",
      "Too noisy to talk and the air conditioning was not working.",
      "Portions have become smaller while the prices went up.",
      "The table was sticky and the glasses were not clean.",
      "Disappointing compared with the reviews, we will not return.",
    ],
    names: ["Olivia M.", "Grace Holm", "Tom Becker", "Marcus T.", "Dori G.", "Sam Patel", "Emma Clarke"],
  },
  {
    code: "vi",
    weight: 0.26,
    pos: [
      "Bún chả ngon tuyệt, thịt nướng thơm và nước chấm vừa miệng.",
      "Nhân viên rất dễ thương, phục vụ nhanh nhẹn và chu đáo.",
      "Phở ở đây nước dùng đậm đà, bánh phở mềm, rau thơm tươi.",
      "Không gian ấm cúng, sạch sẽ, rất hợp để đi cùng gia đình.",
      "Giá cả hợp lý so với chất lượng món ăn và vị trí trung tâm.",
      "Chủ quán nhiệt tình giới thiệu từng món, chúng tôi sẽ quay lại.",
      "Cà phê trứng béo ngậy, thơm, uống một lần là nhớ mãi.",
      "Nem rán giòn rụm, không bị ngấy dầu, chấm nước mắm chua ngọt.",
      "Món chay cũng rất ngon và được ghi chú rõ ràng trong thực đơn.",
      "Đồ ăn ra nhanh, trình bày đẹp mắt, phần ăn đầy đặn.",
    ],
    neg: [
      "Phở nguội và chúng tôi phải chờ gần một tiếng.",
      "Thái độ phục vụ không tốt, gọi mãi không ai đến.",
      "Hóa đơn tính sai món, phải đợi khá lâu mới sửa xong.",
      "Bàn ghế bẩn, cốc chưa được rửa sạch.",
      "Giá tăng mà phần ăn lại ít đi, rất thất vọng.",
      "Quán quá ồn, điều hòa không hoạt động, nóng bức khó chịu.",
    ],
    names: ["Nguyễn Văn Bình", "Trần Minh", "Phạm Thu Hà", "Lê Hoàng Anh", "Đỗ Minh Châu", "Vũ Thị Lan"],
  },
  {
    code: "et",
    weight: 0.1,
    pos: [
      "Väga maitsev pho ja kiire teenindus, soovitan kõigile.",
      "Sõime siin kaks korda, supp oli iga kord suurepärane.",
      "Hõrk toit, armas pererahvas ja mõnus hubane õhkkond.",
      "Hinna ja kvaliteedi suhe on väga hea, portsjonid on suured.",
      "Kevadrullid olid krõbedad ja kastmed värsked.",
      "Teenindaja selgitas kannatlikult iga rooga, aitäh!",
      "Taimetoidu valik oli lai ja kõik oli väga maitsev.",
    ],
    neg: [
      "Ootasime tund aega ja toit oli külm.",
      "Teenindus oli aeglane ja keegi ei tulnud tellimust võtma.",
      "Arvel olid road, mida me ei tellinud.",
      "Laud oli kleepuv ja klaasid polnud puhtad.",
      "Liiga lärmakas ja kliimaseade ei töötanud.",
    ],
    names: ["Kadri Tamm", "Liis Saar", "Mari Tamm", "Jaan Kask", "Anna Kuusk", "Priit Mägi"],
  },
  {
    code: "de",
    weight: 0.08,
    pos: [
      "Die Brühe war kräftig und die Kräuter ganz frisch.",
      "Sehr freundliches Personal und schneller Service.",
      "Preis und Leistung stimmen, wir kommen gerne wieder.",
      "Gemütliches Lokal mit kleiner Terrasse im ersten Stock.",
      "Die Frühlingsrollen waren knusprig und nicht fettig.",
    ],
    neg: [
      "Wir haben fast eine Stunde auf zwei Suppen gewartet.",
      "Das Essen kam lauwarm und das Fleisch war zäh.",
      "Auf der Rechnung standen Gerichte, die wir nie bestellt hatten.",
    ],
    names: ["Jonas Weber", "Lena Fischer", "Max Müller", "Sophie Wagner"],
  },
  {
    code: "fr",
    weight: 0.07,
    pos: [
      "Le bouillon était riche et les herbes d'une grande fraîcheur.",
      "Personnel adorable et service rapide, même le samedi soir.",
      "Excellent rapport qualité-prix, nous reviendrons avec plaisir.",
      "Les nems sont croustillants et pas du tout gras.",
      "Un endroit calme et chaleureux, parfait pour déjeuner.",
    ],
    neg: [
      "Nous avons attendu presque une heure pour deux bols de nouilles.",
      "La soupe était tiède et la viande dure.",
      "Personne n'est venu prendre la commande pendant vingt minutes.",
    ],
    names: ["Camille Durand", "Louis Martin", "Chloé Bernard", "Hugo Petit"],
  },
  {
    code: "es",
    weight: 0.06,
    pos: [
      "El caldo estaba delicioso y las hierbas muy frescas.",
      "Personal muy amable y servicio rápido.",
      "Muy buena relación calidad-precio, volveremos seguro.",
      "Los rollitos estaban crujientes y nada grasientos.",
    ],
    neg: [
      "Esperamos casi una hora por dos sopas.",
      "La comida llegó tibia y la carne estaba dura.",
      "Nos cobraron platos que no habíamos pedido.",
    ],
    names: ["Lucía García", "Mateo López", "Sofía Martínez", "Diego Sánchez"],
  },
  {
    code: "ja",
    weight: 0.05,
    pos: [
      "スープが濃厚で、ハーブもとても新鮮でした。",
      "スタッフがとても親切で、料理もすぐに出てきました。",
      "値段の割に量が多く、満足しました。また来たいです。",
      "揚げ春巻きがカリカリで美味しかったです。",
    ],
    neg: [
      "料理が出てくるまで一時間近く待ちました。",
      "スープがぬるく、肉が硬かったです。",
      "注文していない料理が会計に入っていました。",
    ],
    names: ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健"],
  },
];

const REPLY = {
  en: [
    "Thank you so much for your kind words, we hope to welcome you again soon.",
    "We are sorry about the wait; we have added a second cook for the weekend.",
    "Thank you for telling us, we have spoken with the team about it.",
  ],
  vi: [
    "Cảm ơn anh chị rất nhiều, hẹn gặp lại anh chị lần sau.",
    "Chúng tôi thành thật xin lỗi về sự chậm trễ, quán đã bổ sung thêm người vào cuối tuần.",
    "Cảm ơn anh chị đã góp ý, chúng tôi đã trao đổi lại với nhân viên.",
  ],
  et: ["Aitäh, ootame teid tagasi!", "Vabandame ootamise pärast, oleme nädalavahetuseks lisanud teise koka."],
};

// Slot-filled sentences make the texts as varied as real ones: with only the fixed sentences, many
// short reviews would be word for word alike, which near-duplicate detection rightly flags.
const VOCAB = {
  en: {
    dish: [
      "bún chả",
      "phở bò",
      "bánh mì",
      "spring rolls",
      "egg coffee",
      "fish with dill",
      "papaya salad",
      "banana flower salad",
      "grilled pork",
      "lemongrass tofu",
      "crab noodle soup",
      "mango sticky rice",
      "beef stew",
      "morning glory",
      "fried rice",
      "clams with basil",
    ],
    good: [
      "excellent",
      "delicious",
      "fresh",
      "fragrant",
      "generous",
      "perfectly seasoned",
      "crispy",
      "tender",
      "lovely",
      "outstanding",
    ],
    bad: [
      "bland",
      "cold",
      "overcooked",
      "greasy",
      "tiny",
      "salty",
      "stale",
      "watery",
      "burnt",
      "disappointing",
    ],
    who: [
      "my partner",
      "two colleagues",
      "our kids",
      "my parents",
      "a group of friends",
      "my sister",
      "a client",
      "our tour group",
    ],
    day: [
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
      "a rainy evening",
      "a holiday",
    ],
    pos: [
      "We ordered the {dish} and the {dish2}; the {dish} was {good}.",
      "Came with {who} on {day} and everything was {good}.",
      "The {dish} for {n}0,000 dong is {good} value.",
      "Table for {n} was ready in minutes, and the {dish2} was {good}.",
      "Try the {dish}, it is {good} and the portion is {good2}.",
    ],
    neg: [
      "We waited {n}0 minutes for the {dish} and it was {bad}.",
      "The {dish} was {bad} and the {dish2} was {bad2}.",
      "Came with {who} on {day}; service was slow and the {dish} {bad}.",
      "Paid {n}00,000 dong for {bad} {dish2}.",
    ],
  },
  vi: {
    dish: [
      "bún chả",
      "phở bò",
      "phở gà",
      "bánh mì",
      "nem rán",
      "cà phê trứng",
      "chả cá",
      "gỏi đu đủ",
      "bún riêu",
      "xôi xoài",
      "bò kho",
      "rau muống xào",
      "cơm rang",
      "ngao xào húng",
    ],
    good: ["ngon tuyệt", "tươi", "thơm", "đậm đà", "vừa miệng", "giòn", "mềm", "rất đáng tiền", "xuất sắc"],
    bad: ["nhạt", "nguội", "quá mặn", "nhiều dầu", "ít", "khô", "bị cháy", "không tươi", "dở"],
    who: ["gia đình", "bạn bè", "đồng nghiệp", "bố mẹ", "người yêu", "khách hàng", "các con"],
    day: ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật", "tối mưa", "ngày lễ"],
    pos: [
      "Gọi {dish} và {dish2}, món {dish} {good}.",
      "Đi cùng {who} vào {day}, món nào cũng {good}.",
      "Suất {dish} giá {n}0 nghìn mà {good}.",
      "Bàn {n} người có ngay, {dish2} {good}.",
    ],
    neg: [
      "Chờ {n}0 phút mới có {dish} mà lại {bad}.",
      "{dish} {bad}, {dish2} thì {bad2}.",
      "Đi cùng {who} vào {day}, phục vụ chậm, {dish} {bad}.",
      "Trả {n}00 nghìn cho món {dish2} {bad}.",
    ],
  },
  et: {
    dish: [
      "pho",
      "kevadrullid",
      "bánh mì",
      "munakohv",
      "tilliga kala",
      "papaiasalat",
      "grillitud sealiha",
      "tofu sidrunheinaga",
      "krabisupp",
      "mango kleepuva riisiga",
      "veisehautis",
    ],
    good: ["suurepärane", "maitsev", "värske", "lõhnav", "krõbe", "pehme", "väga hea", "ülimalt hea"],
    bad: ["maitsetu", "külm", "liiga soolane", "rasvane", "väike", "kuiv", "kõrbenud", "pettumus"],
    who: ["elukaaslasega", "kolleegidega", "lastega", "vanematega", "sõpradega", "õega"],
    day: [
      "esmaspäeval",
      "teisipäeval",
      "kolmapäeval",
      "neljapäeval",
      "reedel",
      "laupäeval",
      "pühapäeval",
      "vihmasel õhtul",
    ],
    pos: [
      "Tellisime {dish} ja {dish2}, {dish} oli {good}.",
      "Käisime {who} {day} ja kõik oli {good}.",
      "{n} inimese laud oli kohe olemas ja {dish2} oli {good}.",
    ],
    neg: [
      "Ootasime {dish} {n}0 minutit ja see oli {bad}.",
      "{dish} oli {bad} ja {dish2} {bad2}.",
      "Käisime {who} {day}, teenindus oli aeglane ja {dish} {bad}.",
    ],
  },
  de: {
    dish: [
      "Pho",
      "Frühlingsrollen",
      "Bánh mì",
      "Eierkaffee",
      "Fisch mit Dill",
      "Papayasalat",
      "gegrilltes Schwein",
      "Zitronengras-Tofu",
      "Rindereintopf",
    ],
    good: ["hervorragend", "lecker", "frisch", "aromatisch", "knusprig", "zart", "großartig"],
    bad: ["fade", "kalt", "versalzen", "fettig", "winzig", "trocken", "angebrannt"],
    who: ["mit meiner Frau", "mit Kollegen", "mit den Kindern", "mit Freunden", "mit meinen Eltern"],
    day: [
      "am Montag",
      "am Dienstag",
      "am Mittwoch",
      "am Freitag",
      "am Samstag",
      "am Sonntag",
      "an einem Regenabend",
    ],
    pos: ["Wir hatten {dish} und {dish2}; {dish} war {good}.", "Waren {who} {day} hier, alles war {good}."],
    neg: ["{n}0 Minuten auf {dish} gewartet, und es war {bad}.", "{dish} war {bad}, {dish2} {bad2}."],
  },
  fr: {
    dish: [
      "phở",
      "nems",
      "bánh mì",
      "café à l'œuf",
      "poisson à l'aneth",
      "salade de papaye",
      "porc grillé",
      "tofu à la citronnelle",
      "bœuf mijoté",
    ],
    good: ["excellent", "délicieux", "frais", "parfumé", "croustillant", "tendre", "généreux"],
    bad: ["fade", "froid", "trop salé", "gras", "minuscule", "sec", "brûlé"],
    who: ["en couple", "entre collègues", "avec les enfants", "entre amis", "avec mes parents"],
    day: ["lundi", "mardi", "mercredi", "vendredi", "samedi", "dimanche", "un soir de pluie"],
    pos: [
      "Nous avons pris {dish} et {dish2} ; {dish} était {good}.",
      "Venus {who} {day}, tout était {good}.",
    ],
    neg: ["{n}0 minutes d'attente pour {dish}, et c'était {bad}.", "{dish} {bad}, {dish2} {bad2}."],
  },
  es: {
    dish: [
      "pho",
      "rollitos",
      "bánh mì",
      "café con huevo",
      "pescado al eneldo",
      "ensalada de papaya",
      "cerdo a la parrilla",
      "tofu con limoncillo",
    ],
    good: ["excelente", "delicioso", "fresco", "aromático", "crujiente", "tierno", "generoso"],
    bad: ["soso", "frío", "salado", "grasiento", "pequeño", "seco", "quemado"],
    who: ["en pareja", "con compañeros", "con los niños", "con amigos", "con mis padres"],
    day: ["el lunes", "el martes", "el miércoles", "el viernes", "el sábado", "el domingo"],
    pos: ["Pedimos {dish} y {dish2}; el {dish} estaba {good}.", "Vinimos {who} {day} y todo estaba {good}."],
    neg: [
      "Esperamos {n}0 minutos por el {dish} y estaba {bad}.",
      "El {dish} estaba {bad} y el {dish2} {bad2}.",
    ],
  },
  ja: {
    dish: [
      "フォー",
      "揚げ春巻き",
      "バインミー",
      "エッグコーヒー",
      "チャーカー",
      "パパイヤサラダ",
      "ブンチャー",
      "牛肉の煮込み",
    ],
    good: ["絶品", "新鮮", "香りが良い", "カリカリ", "柔らかい", "ボリューム満点"],
    bad: ["味が薄い", "冷めていた", "しょっぱい", "油っぽい", "量が少ない", "焦げていた"],
    who: ["家族", "友人", "同僚", "両親", "恋人"],
    day: ["月曜日", "火曜日", "水曜日", "金曜日", "土曜日", "日曜日"],
    pos: ["{dish}と{dish2}を注文、{dish}は{good}でした。", "{day}に{who}と来ましたが、どれも{good}でした。"],
    neg: ["{dish}が出るまで{n}0分待ち、しかも{bad}。", "{dish}は{bad}、{dish2}も{bad2}。"],
  },
};

function fill(rnd, v, template) {
  const other = (xs, not) => {
    const x = pick(rnd, xs);
    return x === not && xs.length > 1 ? xs[(xs.indexOf(x) + 1) % xs.length] : x;
  };
  const dish = pick(rnd, v.dish);
  const good = pick(rnd, v.good);
  const bad = pick(rnd, v.bad);
  const vals = {
    dish,
    dish2: other(v.dish, dish),
    good,
    good2: other(v.good, good),
    bad,
    bad2: other(v.bad, bad),
    who: pick(rnd, v.who),
    day: pick(rnd, v.day),
    n: String(2 + Math.floor(rnd() * 8)),
  };
  const out = template.replace(/\{(\w+)\}/g, (_, k) => vals[k]);
  return out[0].toUpperCase() + out.slice(1);
}

/** One sentence: two in three filled from a template, else one of the fixed sentences. */
function sentence(rnd, lang, positive) {
  const v = VOCAB[lang.code];
  if (rnd() < 0.67) return fill(rnd, v, pick(rnd, positive ? v.pos : v.neg));
  return pick(rnd, positive ? lang.pos : lang.neg);
}

const LANG_CUM = (() => {
  let c = 0;
  return LANGS.map((l) => (c += l.weight));
})();
function language(rnd) {
  const u = rnd() * LANG_CUM[LANG_CUM.length - 1];
  return LANGS[LANG_CUM.findIndex((c) => u < c)] ?? LANGS[0];
}

/** 5★ 52 %, 4★ 20 %, 3★ 9 %, 2★ 7 %, 1★ 12 %. */
function stars(rnd) {
  const u = rnd();
  return u < 0.52 ? 5 : u < 0.72 ? 4 : u < 0.81 ? 3 : u < 0.88 ? 2 : 1;
}

/** 50–1500 characters, skewed short: 50 + 1450·u^2.2 (median ≈ 370, mean ≈ 500). */
export function textLength(rnd) {
  return 50 + Math.floor(1450 * rnd() ** 2.2);
}

export function text(rnd, lang, rating, target = textLength(rnd)) {
  let s = "";
  while (s.length < target) {
    const positive = rating >= 4 ? true : rating <= 2 ? false : rnd() < 0.5;
    const next = sentence(rnd, lang, positive);
    s += s ? (rnd() < 0.12 ? "\n\n" : " ") + next : next;
  }
  return s.length > 1500 ? s.slice(0, 1500).trimEnd() : s;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
function randomId(rnd, len) {
  let s = "";
  for (let i = 0; i < len; i++) s += ID_CHARS[Math.floor(rnd() * 64)];
  return s;
}

/** The sources of the big databases: many branches, every site (by the methods that see everything). */
export function dbSources() {
  const plan = [
    ["google", "google-business", 16],
    ["facebook", "facebook-graph", 10],
    ["yelp", "yelp-page", 10],
    ["tripadvisor", "tripadvisor-page", 10],
    ["zomato", "zomato-page", 8],
    ["jsonld", "jsonld-page", 6],
  ];
  const out = [];
  for (const [site, method, n] of plan) {
    for (let i = 0; i < n; i++) out.push({ id: `${site}-branch-${i + 1}`, site, method });
  }
  // Interleave the sites, as a config listing branch after branch would.
  return out.sort((a, b) => Number(a.id.split("-").pop()) - Number(b.id.split("-").pop()) || 0);
}

/**
 * One ParsedReview (the adapters' output shape) for a site. `publishedMs` is when it was written.
 * `rnd` is the review's own PRNG.
 */
export function review(rnd, { site, sourceIndex, index, publishedMs }) {
  const lang = language(rnd);
  const rating = stars(rnd);
  const words = text(rnd, lang, rating);
  const name = pick(rnd, lang.names);
  const id = `${randomId(rnd, 10)}${sourceIndex.toString(36)}x${index.toString(36)}`;
  const published = new Date(publishedMs).toISOString();
  const hasReply = rnd() < 0.4;
  const replyLang = REPLY[lang.code] ? lang.code : "en";
  const reply = hasReply
    ? {
        text: pick(rnd, REPLY[replyLang]) + (rnd() < 0.5 ? " " + pick(rnd, REPLY[replyLang]) : ""),
        publishedAt: new Date(publishedMs + (1 + Math.floor(rnd() * 72)) * 3600_000).toISOString(),
      }
    : null;
  const authorUrl = rnd() < 0.6 ? `https://example.com/u/${randomId(rnd, 8)}` : null;
  const base = {
    externalId: id,
    author: { name, url: authorUrl },
    rating,
    recommendation: null,
    title: null,
    text: words,
    textLanguage: lang.code,
    originalText: null,
    language: lang.code,
    publishedAt: published,
    publishedPrecision: "instant",
    publishedRaw: published,
    siteUpdatedAt: null,
    url: null,
    ownerReply: reply,
    excerpt: false,
    raw: null,
  };
  switch (site) {
    case "google": {
      // Google translates ~1 in 8 non-English reviews: text is the translation, originalText the words.
      if (lang.code !== "en" && rnd() < 0.12) {
        base.originalText = words;
        base.text = text(rnd, LANGS[0], rating, words.length);
        base.textLanguage = "en";
      }
      base.externalId = `accounts/1100223344/locations/${9000 + sourceIndex}/reviews/${id}`;
      base.raw = {
        name: base.externalId,
        reviewId: id,
        reviewer: { displayName: name, profilePhotoUrl: authorUrl, isAnonymous: false },
        starRating: ["ONE", "TWO", "THREE", "FOUR", "FIVE"][rating - 1],
        comment: base.originalText ? `(Translated by Google) ${base.text}\n\n(Original)\n${words}` : words,
        createTime: published,
        updateTime: published,
        ...(reply ? { reviewReply: { comment: reply.text, updateTime: reply.publishedAt } } : {}),
      };
      break;
    }
    case "facebook": {
      const recommend = rnd() < 0.85;
      if (recommend) {
        base.rating = null;
        base.recommendation = rating >= 3 ? "positive" : "negative";
      }
      base.externalId = `${1029384756 + sourceIndex}_${index}${randomId(rnd, 4)}`;
      base.url = `https://www.facebook.com/${base.externalId}`;
      base.ownerReply = null;
      base.raw = {
        created_time: published,
        has_rating: true,
        has_review: true,
        ...(recommend ? { recommendation_type: base.recommendation } : { rating }),
        review_text: words,
        reviewer: { name, id: String(5550000 + index) },
        open_graph_story: { id: base.externalId },
      };
      break;
    }
    case "tripadvisor":
    case "jsonld": {
      base.title = text(rnd, lang, rating, 12)
        .split(/[.,。]/)[0]
        .slice(0, 60);
      base.publishedPrecision = "day";
      base.publishedAt = `${published.slice(0, 10)}T00:00:00.000Z`;
      base.publishedRaw = published.slice(0, 10);
      base.url = `https://www.tripadvisor.com/ShowUserReviews-g293924-d${8765432 + sourceIndex}-r${index}.html`;
      base.raw = { id, html: `<div data-reviewid="${id}">…${words.slice(0, 200)}…</div>` };
      if (site === "jsonld") {
        base.url = null;
        base.ownerReply = null;
        base.raw = {
          "@type": "Review",
          author: name,
          datePublished: base.publishedRaw,
          reviewBody: words,
          inLanguage: lang.code,
          name: base.title,
          reviewRating: { "@type": "Rating", ratingValue: rating },
        };
      }
      break;
    }
    case "zomato": {
      base.externalId = String(4_000_000 + sourceIndex * 1_000_000 + index);
      base.rating = rating === 5 || rnd() < 0.7 ? rating : rating + 0.5;
      base.textLanguage = null;
      base.language = null;
      base.ownerReply = null;
      base.raw = {
        reviewId: Number(base.externalId),
        userName: name,
        userProfileUrl: authorUrl,
        timestamp: published.slice(0, 10),
        reviewText: words,
        experience: "dining",
        rating: { entities: [{ entity_type: "RATING", entity_ids: [index] }] },
      };
      break;
    }
    default: {
      // yelp page: embedded JSON item
      base.raw = {
        id,
        rating,
        localizedDate: published.slice(0, 10),
        comment: { text: words, language: lang.code },
        user: { markupDisplayName: name, link: authorUrl },
      };
    }
  }
  return base;
}

export const PAGE_SIZE = 50;
export const SPAN_MS = 3 * 365 * 86400_000;

/**
 * The pages of a synthetic history of `n` reviews, `PAGE_SIZE` per page, as a real check stores them:
 * page k belongs to source k mod S; each source's reviews are spread over three years up to `anchorMs`.
 * Yields { source, sourceIndex, reviews, now, baseline } with `now` the time of the check that saw it.
 */
export function* pages(n, anchorMs, sources = dbSources()) {
  const S = sources.length;
  const P = Math.ceil(n / PAGE_SIZE);
  const pagesPerSource = Math.ceil(P / S);
  for (let k = 0; k < P; k++) {
    const sourceIndex = k % S;
    const source = sources[sourceIndex];
    const q = Math.floor(k / S);
    const count = Math.min(PAGE_SIZE, n - k * PAGE_SIZE);
    const reviews = [];
    let last = 0;
    for (let m = 0; m < count; m++) {
      const j = q * PAGE_SIZE + m;
      const rnd = prng(seedOf(source.id, j));
      const frac = (j + rnd()) / (pagesPerSource * PAGE_SIZE);
      const publishedMs = Math.floor(anchorMs - SPAN_MS + frac * SPAN_MS - 3600_000);
      last = Math.max(last, publishedMs);
      reviews.push(review(rnd, { site: source.site, sourceIndex, index: j, publishedMs }));
    }
    // The daily check that first saw this page ran a few hours after its newest review.
    const nowMs = Math.min(anchorMs, last + (seedOf(k) % 6) * 3600_000 + 60_000);
    yield {
      source,
      sourceIndex,
      reviews,
      now: new Date(nowMs).toISOString(),
      baseline: nowMs < anchorMs - 365 * 86400_000,
    };
  }
}

/** UTC midnight of today: the end of the synthetic history. */
export function todayAnchor() {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** The plain parts of a review (language, stars, words, name), for pages served to the adapters. */
export function basics(rnd) {
  const lang = language(rnd);
  const rating = stars(rnd);
  return {
    lang: lang.code,
    rating,
    text: text(rnd, lang, rating),
    title: text(rnd, lang, rating, 12)
      .split(/[.,。]/)[0]
      .slice(0, 60),
    name: pick(rnd, lang.names),
    reply: rnd() < 0.4 ? pick(rnd, REPLY[REPLY[lang.code] ? lang.code : "en"]) : null,
    id: randomId(rnd, 12),
  };
}
