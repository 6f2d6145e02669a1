// The built-in reply templates, written for each language (not translated word for word), after
// shared/reference/reply-guidelines.md: greet by first name, thank, apologise sincerely on
// negatives, say what is being done, give the direct contact, sign; no defence, no incentives, never
// a request to change the review. Several variants per kind so a page of replies does not read
// copy-pasted. The syntax is in render.ts; user templates in a templates/ folder override these.

export const TEMPLATE_KINDS = [
  "negative",
  "negative-urgent",
  "mixed",
  "positive",
  "rating-only-positive",
  "rating-only-negative",
  "recommendation-only",
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const isTemplateKind = (k: string): k is TemplateKind =>
  (TEMPLATE_KINDS as readonly string[]).includes(k);

/** Kinds whose replies must carry the direct contact (the checker's missing-contact). */
export const NEEDS_CONTACT: ReadonlySet<TemplateKind> = new Set([
  "negative",
  "negative-urgent",
  "mixed",
  "rating-only-negative",
]);

export interface Pack {
  templates: Record<TemplateKind, string[]>;
  /** One sentence per complaint topic, for {{topic}} in negative and mixed replies. */
  topics: Record<string, string>;
}

const SIGN = "\n\n{{signature}}";

const EN: Pack = {
  templates: {
    negative: [
      `{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}

Thank you for taking the time to write this, and I am truly sorry your visit fell short. {{topic}} I am going through what happened with the team so that it does not happen again.

{{#contact}}I would like to make this right: please get in touch with me directly at {{contact}}.{{/contact}}${SIGN}`,
      `{{#name}}Hi {{name}},{{/name}}{{^name}}Hi,{{/name}}

I am sorry. This is not the experience we want anyone to have at {{business}}, and thank you for telling us plainly. {{topic}} We have already started looking at what went wrong.

{{#contact}}Could you contact me at {{contact}}? I would like to hear the whole story and put it right.{{/contact}}${SIGN}`,
      `{{#name}}{{name}}, thank you{{/name}}{{^name}}Thank you{{/name}} for your honest review, and please accept my sincere apology. {{topic}} Your words are going straight to the whole team, and we are changing how we work so that your next visit is different.

{{#contact}}Please get in touch with me directly ({{contact}}) so that we can talk it through.{{/contact}}${SIGN}`,
    ],
    "negative-urgent": [
      `{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}

Thank you for telling us, and I am truly sorry. I am looking into this personally, right now.

{{#contact}}Please contact me directly at {{contact}} so that we can talk it through.{{/contact}}${SIGN}`,
      `{{#name}}Hi {{name}},{{/name}}{{^name}}Hello,{{/name}}

I am very sorry to read this. What you describe is serious, and I am handling it myself.

{{#contact}}Please reach me directly at {{contact}}. I want to hear from you.{{/contact}}${SIGN}`,
    ],
    mixed: [
      `{{#name}}Hi {{name}},{{/name}}{{^name}}Hello,{{/name}}

Thank you for the kind words, and for being honest about what could have been better. {{topic}} We are working on it.

{{#contact}}If you would like to tell me more, I am at {{contact}}.{{/contact}}${SIGN}`,
      `{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}

I am glad parts of your visit were good, and sorry that the rest did not match them. {{topic}} Feedback like yours is how we get better.

{{#contact}}Do write to me directly at {{contact}} if you would like to talk it over.{{/contact}}${SIGN}`,
    ],
    positive: [
      `{{#name}}Hi {{name}},{{/name}}{{^name}}Hello,{{/name}}

Thank you so much for your kind words!{{#detail}} It was lovely to read what you wrote about the {{detail}}.{{/detail}} It means a lot to the whole team, and we hope to welcome you back soon.${SIGN}`,
      `{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}

What a wonderful review: thank you for taking the time to write it.{{#detail}} I have passed on what you said about the {{detail}} to the kitchen.{{/detail}} See you again at {{business}}!${SIGN}`,
      `{{#name}}{{name}}, thank you{{/name}}{{^name}}Thank you{{/name}} for sharing your visit with us!{{#detail}} We are so happy the {{detail}} stood out for you.{{/detail}} Reviews like yours make our day. We look forward to seeing you again.${SIGN}`,
    ],
    "rating-only-positive": [
      `Thank you for your rating{{#name}}, {{name}}{{/name}}! We are glad you enjoyed your visit and hope to see you again soon.${SIGN}`,
      `{{#name}}Hi {{name}}, thank you{{/name}}{{^name}}Thank you{{/name}} for taking a moment to rate {{business}}. It means a lot to us, and we look forward to your next visit.${SIGN}`,
    ],
    "rating-only-negative": [
      `{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}

Thank you for your rating. I am sorry your visit did not meet your expectations, and I would really like to understand what went wrong.

{{#contact}}Please get in touch with me directly at {{contact}} so that I can put it right.{{/contact}}${SIGN}`,
      `{{#name}}Hi {{name}},{{/name}}{{^name}}Hello,{{/name}}

I am sorry we let you down. Your rating tells us something was not right, and we want to learn from it.

{{#contact}}If you are willing to tell me more, please write to me at {{contact}}.{{/contact}}${SIGN}`,
    ],
    "recommendation-only": [
      `Thank you for recommending {{business}}{{#name}}, {{name}}{{/name}}! It means a great deal to our small team. See you again soon.${SIGN}`,
      `{{#name}}Hi {{name}}, thank you{{/name}}{{^name}}Thank you{{/name}} for the recommendation! We are glad you enjoyed your time with us and hope to welcome you back.${SIGN}`,
    ],
  },
  topics: {
    food: "The food should never reach you like that, and I have already raised it with our kitchen.",
    waiting: "Nobody should have to wait that long, and I am sorry for the time it cost you.",
    service: "You deserved a warm welcome and real attention, not what you describe.",
    staff: "I am talking it through with the team.",
    price: "I am sorry about the trouble with the bill, and we are checking it now.",
    cleanliness:
      "Cleanliness matters to us as much as the food, and we have gone over it with the whole team.",
    delivery:
      "Your order should arrive on time and just as it left our kitchen; we are going through it with our delivery partner.",
    booking: "Your table should have been ready for you, and we are fixing how we record bookings.",
  },
};

const VI: Pack = {
  templates: {
    negative: [
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Cảm ơn anh/chị đã dành thời gian chia sẻ, và chúng tôi thành thật xin lỗi vì lần ghé thăm đã không như mong đợi. {{topic}} Chúng tôi đang cùng cả đội xem xét lại để chuyện này không lặp lại.

{{#contact}}Chúng tôi rất mong được sửa sai: anh/chị vui lòng liên hệ trực tiếp qua {{contact}}.{{/contact}}${SIGN}`,
      `Dạ, chào anh/chị{{#name}} {{name}}{{/name}},

{{business}} thật lòng xin lỗi anh/chị. Đây không phải là trải nghiệm mà chúng tôi muốn mang đến cho khách, và cảm ơn anh/chị đã thẳng thắn góp ý. {{topic}} Chúng tôi đã bắt đầu tìm hiểu nguyên nhân.

{{#contact}}Anh/chị có thể liên hệ trực tiếp với chúng tôi qua {{contact}} để chúng tôi được lắng nghe đầy đủ và khắc phục không ạ?{{/contact}}${SIGN}`,
      `Kính gửi anh/chị{{#name}} {{name}}{{/name}},

Chúng tôi chân thành cảm ơn góp ý thẳng thắn của anh/chị và xin nhận lỗi. {{topic}} Ý kiến của anh/chị đã được chuyển ngay đến toàn bộ nhân viên để lần sau anh/chị ghé sẽ khác.

{{#contact}}Mong anh/chị liên hệ trực tiếp với chúng tôi ({{contact}}) để chúng tôi được trao đổi kỹ hơn.{{/contact}}${SIGN}`,
    ],
    "negative-urgent": [
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Cảm ơn anh/chị đã báo cho chúng tôi, và chúng tôi thành thật xin lỗi. Tôi đang trực tiếp xem xét việc này ngay bây giờ.

{{#contact}}Anh/chị vui lòng liên hệ trực tiếp với tôi qua {{contact}} để chúng ta cùng trao đổi.{{/contact}}${SIGN}`,
      `Kính gửi anh/chị{{#name}} {{name}}{{/name}},

Chúng tôi rất lấy làm tiếc khi đọc những dòng này. Điều anh/chị kể là nghiêm trọng và tôi đang trực tiếp xử lý.

{{#contact}}Mong anh/chị liên hệ ngay với tôi qua {{contact}}.{{/contact}}${SIGN}`,
    ],
    mixed: [
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Cảm ơn anh/chị vì những lời khen, và cả những góp ý thẳng thắn về điều chúng tôi cần làm tốt hơn. {{topic}} Chúng tôi đang khắc phục.

{{#contact}}Nếu anh/chị muốn chia sẻ thêm, xin liên hệ trực tiếp qua {{contact}}.{{/contact}}${SIGN}`,
      `Dạ, chào anh/chị{{#name}} {{name}}{{/name}},

Chúng tôi vui vì anh/chị có những điều hài lòng, và xin lỗi vì những điểm chưa tốt. {{topic}} Góp ý của anh/chị giúp chúng tôi làm tốt hơn.

{{#contact}}Anh/chị cứ liên hệ trực tiếp qua {{contact}} nếu muốn trao đổi thêm nhé.{{/contact}}${SIGN}`,
    ],
    positive: [
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Cảm ơn anh/chị rất nhiều vì những lời nhận xét tốt đẹp!{{#detail}} Đọc những dòng anh/chị viết về {{detail}}, cả đội đều rất vui.{{/detail}} Hẹn gặp lại anh/chị tại {{business}}!${SIGN}`,
      `Dạ, {{business}} cảm ơn anh/chị{{#name}} {{name}}{{/name}} đã dành thời gian đánh giá!{{#detail}} Chúng tôi sẽ chuyển lời khen về {{detail}} đến cả bếp.{{/detail}} Mong sớm được đón tiếp anh/chị lần nữa.${SIGN}`,
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Thật vui khi biết anh/chị đã có trải nghiệm tốt.{{#detail}} Cảm ơn anh/chị đã nhắc đến {{detail}}!{{/detail}} Những lời động viên này là niềm vui lớn của cả đội. Hẹn sớm gặp lại!${SIGN}`,
    ],
    "rating-only-positive": [
      `Cảm ơn anh/chị{{#name}} {{name}}{{/name}} đã dành thời gian đánh giá {{business}}! Hẹn sớm gặp lại anh/chị.${SIGN}`,
      `Dạ, chúng tôi cảm ơn anh/chị{{#name}} {{name}}{{/name}} rất nhiều vì đánh giá tốt! Mong được đón tiếp anh/chị lần sau.${SIGN}`,
    ],
    "rating-only-negative": [
      `Chào anh/chị{{#name}} {{name}}{{/name}},

Cảm ơn anh/chị đã đánh giá. Chúng tôi rất tiếc vì đã không làm anh/chị hài lòng và thật sự muốn biết điều gì chưa tốt.

{{#contact}}Anh/chị vui lòng liên hệ trực tiếp qua {{contact}} để chúng tôi được lắng nghe và sửa sai.{{/contact}}${SIGN}`,
      `Dạ, chào anh/chị{{#name}} {{name}}{{/name}},

Chúng tôi xin lỗi vì đã làm anh/chị thất vọng. Đánh giá của anh/chị cho thấy có điều chưa ổn, và chúng tôi muốn rút kinh nghiệm.

{{#contact}}Nếu anh/chị sẵn lòng chia sẻ thêm, xin liên hệ với chúng tôi qua {{contact}}.{{/contact}}${SIGN}`,
    ],
    "recommendation-only": [
      `Cảm ơn anh/chị{{#name}} {{name}}{{/name}} đã giới thiệu {{business}}! Điều này rất có ý nghĩa với cả đội. Hẹn sớm gặp lại anh/chị.${SIGN}`,
      `Dạ, chúng tôi cảm ơn lời giới thiệu của anh/chị{{#name}} {{name}}{{/name}}! Rất vui vì anh/chị hài lòng, mong được đón tiếp anh/chị lần nữa.${SIGN}`,
    ],
  },
  topics: {
    food: "Món ăn lẽ ra không bao giờ được đến tay anh/chị như vậy, và chúng tôi đã trao đổi lại với bếp.",
    waiting:
      "Để anh/chị phải chờ lâu như vậy là không thể chấp nhận được, chúng tôi rất tiếc vì đã làm mất thời gian của anh/chị.",
    service: "Anh/chị xứng đáng được đón tiếp chu đáo và niềm nở hơn thế.",
    staff: "Chúng tôi đang trao đổi lại với các bạn nhân viên về chuyện đã xảy ra.",
    price: "Chúng tôi rất tiếc về vấn đề với hóa đơn và đang kiểm tra lại ngay.",
    cleanliness: "Vệ sinh quan trọng với chúng tôi không kém món ăn, và chúng tôi đã rà soát lại với cả đội.",
    delivery:
      "Đơn hàng lẽ ra phải đến đúng giờ và còn nguyên vẹn như lúc rời bếp; chúng tôi đang làm việc lại với bên giao hàng.",
    booking: "Bàn anh/chị đặt lẽ ra phải được chuẩn bị sẵn; chúng tôi đang sửa lại cách ghi nhận đặt bàn.",
  },
};

const ET: Pack = {
  templates: {
    negative: [
      `Tere{{#name}}, {{name}}{{/name}}!

Aitäh, et võtsite aega oma kogemusest kirjutada. Mul on väga kahju, et külastus teid alt vedas. {{topic}} Uurime koos meeskonnaga, mis juhtus, et see ei korduks.

{{#contact}}Soovin asja heastada: palun võtke minuga otse ühendust ({{contact}}).{{/contact}}${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Palun vabandust. See ei ole kogemus, mida tahame kellelegi pakkuda, ja aitäh, et sellest ausalt kirjutasite. {{topic}} Oleme juba hakanud läbi käima, mis valesti läks.

{{#contact}}Kas saaksite minuga otse ühendust võtta ({{contact}})? Tahaksin kuulda kogu lugu ja asja parandada.{{/contact}}${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Suur aitäh ausa tagasiside eest ja palun võtke vastu minu siiras vabandus. {{topic}} Teie sõnad jõuavad kogu meeskonnani, et järgmine külastus oleks teistsugune.

{{#contact}}Palun võtke minuga otse ühendust ({{contact}}), et saaksime asja rahulikult läbi rääkida.{{/contact}}${SIGN}`,
    ],
    "negative-urgent": [
      `Tere{{#name}}, {{name}}{{/name}}!

Aitäh, et sellest teada andsite, ja mul on väga kahju. Tegelen asjaga isiklikult kohe praegu.

{{#contact}}Palun võtke minuga otse ühendust ({{contact}}), et saaksime asja läbi rääkida.{{/contact}}${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Mul on väga kahju seda lugeda. See, mida kirjeldate, on tõsine ja tegelen sellega ise.

{{#contact}}Palun võtke minuga võimalikult kiiresti ühendust: {{contact}}.{{/contact}}${SIGN}`,
    ],
    mixed: [
      `Tere{{#name}}, {{name}}{{/name}}!

Aitäh heade sõnade eest ja ka selle eest, et ütlesite ausalt, mis võiks olla parem. {{topic}} Tegeleme sellega.

{{#contact}}Kui soovite rohkem rääkida, olen kättesaadav: {{contact}}.{{/contact}}${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Meil on hea meel, et osa külastusest meeldis, ja kahju, et kõik ei olnud nii, nagu peab. {{topic}} Teie tagasiside aitab meil paremaks saada.

{{#contact}}Võtke julgelt otse ühendust ({{contact}}), kui soovite asja arutada.{{/contact}}${SIGN}`,
    ],
    positive: [
      `Tere{{#name}}, {{name}}{{/name}}!

Suur aitäh soojade sõnade eest!{{#detail}} Eriti hea meel on lugeda, mida kirjutasite teemal „{{detail}}“.{{/detail}} Ootame teid varsti tagasi.${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Aitäh, et leidsite aega meist kirjutada: see teeb kogu meeskonnale rõõmu.{{#detail}} Anname teie kiituse („{{detail}}“) edasi ka köögile.{{/detail}} Kohtumiseni!${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Väga tore kuulda, et teil oli meie juures hea olla.{{#detail}} Aitäh, et mainisite ka teemat „{{detail}}“!{{/detail}} Loodame teid peagi jälle näha.${SIGN}`,
    ],
    "rating-only-positive": [
      `Aitäh hinnangu eest{{#name}}, {{name}}{{/name}}! Loodame teid peagi jälle näha.${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}! Suur aitäh, et leidsite hetke meid hinnata. Ootame teid taas.${SIGN}`,
    ],
    "rating-only-negative": [
      `Tere{{#name}}, {{name}}{{/name}}!

Aitäh hinnangu eest. Mul on kahju, et jäite pettunuks, ja tahaksin väga teada, mis läks valesti.

{{#contact}}Palun võtke minuga otse ühendust ({{contact}}), et saaksin asja parandada.{{/contact}}${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}!

Vabandan, et me teie ootusi ei täitnud. Teie hinnang näitab, et midagi oli valesti, ja tahame sellest õppida.

{{#contact}}Kui olete nõus rohkem rääkima, kirjutage mulle: {{contact}}.{{/contact}}${SIGN}`,
    ],
    "recommendation-only": [
      `Aitäh, et soovitate meid{{#name}}, {{name}}{{/name}}! See tähendab meie väikesele meeskonnale väga palju. Kohtumiseni!${SIGN}`,
      `Tere{{#name}}, {{name}}{{/name}}! Suur aitäh soovituse eest. Meil on hea meel, et teile meeldis, ja ootame teid tagasi.${SIGN}`,
    ],
  },
  topics: {
    food: "Toit ei tohiks kunagi nii lauale jõuda ja olen sellest köögiga juba rääkinud.",
    waiting: "Nii kaua ei peaks keegi ootama ja vabandan, et see teie aega röövis.",
    service: "Te oleksite väärinud sooja vastuvõttu ja tähelepanelikku teenindust.",
    staff: "Arutan juhtunut meeskonnaga.",
    price: "Vabandan segaduse pärast arvega: kontrollime selle kohe üle.",
    cleanliness: "Puhtus on meile sama tähtis kui toit ja oleme selle kogu meeskonnaga üle vaadanud.",
    delivery:
      "Tellimus peaks jõudma teieni õigel ajal ja sellisena, nagu see köögist lahkus; arutame seda oma kulleriteenusega.",
    booking: "Teie broneering oleks pidanud teid ootama ja parandame, kuidas broneeringuid üles märgime.",
  },
};

export const BUILT_IN: Readonly<Record<string, Pack>> = { en: EN, vi: VI, et: ET };
