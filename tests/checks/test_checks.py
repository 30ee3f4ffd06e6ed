"""The safety checks: for every registered check id, a table of good and bad translations.

A GOOD case must produce no finding of its check id; a BAD case must produce a finding of
exactly that check id (plus, where the mistake is caught twice on purpose, the ids listed in
`also`). Cases marked `# BUG` describe correct translations (or real mistakes) that the
checks get wrong today: they assert the correct behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest

import calcii18n.checks.markup
import calcii18n.checks.numbers
import calcii18n.checks.text  # noqa: F401  (importing registers the built-in checks)
from calcii18n.changes import change_severity
from calcii18n.checks import REGISTRY, CheckContext, Finding, Severity, run_checks
from calcii18n.glossary import Concept, Glossary, LocaleTerms
from calcii18n.model import Message
from test_state import AUTHORITY, stamped

BRAND = Glossary(do_not_translate=("Sensipar", "CUA"))
TERMS = Glossary(terms=(("sodium thiosulfate", (("es", "tiosulfato de sodio"),)),))
BOTH = Glossary(do_not_translate=("Sensipar",), terms=TERMS.terms)
AVOID = Glossary(concepts=(Concept("sodium thiosulfate", (LocaleTerms(
    "es", "tiosulfato de sodio", deprecated=("tiosulfato",), forbidden=("hiposulfito",)),)),))

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: Russian and Polish thousands separator
LONG_EN = "Keep the wound clean and dry at all times."
LONG_ES = "Mantenga la herida limpia y seca en todo momento."
RLO, PDF = "\u202e", "\u202c"  # right-to-left override and its end (pop directional)
ZWNJ, ZWJ = "\u200c", "\u200d"
PHONE_EN = "Call 020 7946 0456."


@dataclass(frozen=True)
class Case:
    name: str
    english: str
    translation: str | tuple[str, ...]
    locale: str = "es"
    glossary: Glossary = field(default_factory=Glossary)
    fields: dict[str, Any] = field(default_factory=dict)
    also: frozenset[str] = frozenset()
    trust: Any = None

    def message(self) -> Message:
        msgstr = (self.translation,) if isinstance(self.translation, str) else self.translation
        return Message(msgid=self.english, msgstr=msgstr, **self.fields)

    def findings(self) -> list[Finding]:
        return run_checks(self.message(), CheckContext(self.locale, self.glossary, self.trust))


def c(name: str, english: str, translation: str | tuple[str, ...], locale: str = "es",
      glossary: Glossary | None = None, also: tuple[str, ...] = (), **fields: Any) -> Case:
    return Case(name, english, translation, locale, glossary or Glossary(), fields,
                frozenset(also))


STALE = {"flags": ("fuzzy",), "previous_msgid": "Take 1 tablet daily."}
SIGNED = stamped(Message("Keep it clean.", msgstr=("Manténgalo limpio.",)))


def signed_case(name: str, locale: str = "es", **changes: Any) -> Case:
    """The signed entry, checked as in `locale` (a file copied elsewhere keeps its text)."""
    msg = replace(SIGNED, **changes)
    return Case(name, msg.msgid, msg.msgstr, locale, Glossary(),
                {"translator_comments": msg.translator_comments},
                trust=AUTHORITY.of(locale, "leaflet"))

GOOD: dict[str, list[Case]] = {
    "characters": [
        c("plain", "Take 5 mg daily.", "Tome 5 mg al día."),
        c("zwnj-persian", "Take 10 mg.", f"۱۰ میلی{ZWNJ}گرم مصرف کنید.", "fa"),
        c("zwnj-persian-verb", "Take it.", f"آن را می{ZWNJ}خورید.", "fa"),
        c("zwj-hindi-half-form", "Kshatriya", f"क्{ZWJ}षत्रिय", "hi"),
        c("zwnj-hindi-explicit-virama", "Kshatriya", f"क्{ZWNJ}षत्रिय", "hi"),
        c("zwj-sinhala-rakaransaya", "Sri Lanka", f"ශ්{ZWJ}රී ලංකාව", "si"),
        c("zwj-malayalam-old-chillu", "He came.", f"അവന്{ZWJ} വന്നു.", "ml"),
        c("mark-also-in-english", "Call \u200e020 7946 0456.", "Llame al \u200e020 7946 0456."),
        c("arabic-indic-ar", "Take 10 mg.", "تناول ١٠ ملغ.", "ar"),
        c("persian-digits-ar", "Take 10 mg.", "تناول ۱۰ ملغ.", "ar"),
        c("persian-digits-ur", "Take 10 mg.", "۱۰ ملی گرام لیں۔", "ur"),
        c("arabic-indic-ur", "Take 10 mg.", "١٠ ملی گرام لیں۔", "ur"),
        c("arabic-indic-fa", "Take 2.5 mg.", f"٢٫٥ میلی{ZWNJ}گرم مصرف کنید.", "fa"),
        c("devanagari-hi", "Take 25 g.", "२५ ग्राम लें।", "hi"),
        c("bengali-bn", "Take 10 mg.", "১০ মিগ্রা নিন।", "bn"),
        c("vitamin-b12", "Take vitamin B12.", "Tome vitamina B12."),
        c("vitamin-b12-greek-beta", "Take vitamin B12.", "Πάρτε βιταμίνη Β12.", "el"),
        c("spo2", "Your SpO2 is low.", "Su SpO2 es baja."),
        c("litres-no-space", "Drink 2 l of water.", "Beba 2l de agua."),
        c("ordinal-fr", "The 1st dose.", "La 1re dose.", "fr"),
    ],
    "numbers": [
        c("same", "Take 5 mg daily.", "Tome 5 mg al día."),
        c("decimal-comma-es", "Take 2.5 mg twice a day.", "Tome 2,5 mg dos veces al día."),
        c("decimal-comma-ru", "Take 2.5 mg twice a day.", "Принимайте 2,5 мг два раза в день.",
          "ru"),
        c("decimal-comma-vi", "Take 2.5 mg twice a day.", "Uống 2,5 mg hai lần mỗi ngày.", "vi"),
        c("decimal-comma-de", "Take 2.5 mg twice a day.",
          "Nehmen Sie zweimal täglich 2,5 mg ein.", "de"),
        c("decimal-comma-pt-BR", "Take 2.5 mg.", "Tome 2,5 mg.", "pt_BR"),
        c("decimal-point-kept-es", "Take 0.25 mg.", "Tome 0.25 mg."),
        c("trailing-zero", "Take 1.5 mg.", "Tome 1,50 mg."),
        c("leading-zero-decimal", "Take 0.5 ml.", "Tome 0,5 ml."),
        c("bare-decimal", "Take .5 ml.", "Tome 0,5 ml."),
        c("thousands-dot-es", "Up to 1,000 mg a day.", "Hasta 1.000 mg al día."),
        c("thousands-none-es", "Up to 1,000 mg a day.", "Hasta 1000 mg al día."),
        c("thousands-comma-es-MX", "Up to 1,000 mg a day.", "Hasta 1,000 mg al día.", "es_MX"),
        c("thousands-nnbsp-fr", "Take 1,500 mg.", f"Prenez 1{NNBSP}500 mg.", "fr"),
        c("thousands-space-fr", "Take 1,500 mg.", "Prenez 1 500 mg.", "fr"),
        c("thousands-nbsp-ru", "Take 1,500 mg.", f"Примите 1{NBSP}500 мг.", "ru"),
        c("thousands-space-pl", "Take 10,000 units.", "Weź 10 000 jednostek.", "pl"),
        c("arabic-indic-ar", "Take 10 mg.", "تناول ١٠ ملغ.", "ar"),
        c("arabic-decimal-ar", "Take 2.5 mg.", "تناول ٢٫٥ ملغ.", "ar"),
        c("arabic-group-ar", "Up to 1,000 mg.", "حتى ١٬٠٠٠ ملغ.", "ar"),
        c("persian-fa", "Take 2.5 mg.", "۲٫۵ میلی‌گرم مصرف کنید.", "fa"),
        c("devanagari-hi", "Take 25 g.", "२५ ग्राम लें।", "hi"),
        c("fullwidth-zh", "Take 5 mg.", "服用５毫克。", "zh"),
        # BUG: a full-width decimal point (．) split 2．5 into 2 and 5.
        c("fullwidth-decimal-zh", "Take 2.5 mg.", "服用２．５毫克。", "zh"),
        c("range-hyphen", "Take 2–3 tablets.", "Tome 2-3 comprimidos."),
        c("range-words", "Take 2–3 tablets.", "Tome de 2 a 3 comprimidos."),
        c("time", "Take 5 mg at 8:00.", "Tome 5 mg a las 8:00."),
        # BUG: a million grouped with spaces is read as a phone number, not as 1000000.
        c("million-nnbsp-fr", "About 1 in 1,000,000 people.",
          f"Environ 1 personne sur 1{NNBSP}000{NNBSP}000.", "fr"),
        c("million-nbsp-ru", "About 1 in 1,000,000 people.",
          f"Примерно 1 из 1{NBSP}000{NBSP}000 человек.", "ru"),
        # BUG: Indian grouping (lakh) is CLDR's pattern for hi (#,##,##0): 1,00,000 = 100000.
        c("lakh-hi", "About 1 in 100,000 people.", "लगभग 1,00,000 में से 1 व्यक्ति।", "hi"),
        c("lakh-devanagari-hi", "About 1 in 100,000 people.",
          "लगभग १,००,००० में से १ व्यक्ति।", "hi"),
        # BUG: de_CH groups with ’ (CLDR/Babel group symbol), which the number regex omits.
        c("apostrophe-group-de-CH", "Up to 1,500 mg.", "Bis zu 1’500 mg.", "de_CH"),
        # BUG: RAE (Ortografía 2010) recommends a (no-break) space to group thousands.
        c("thousands-nbsp-es", "About 1 in 10,000 people.",
          f"Alrededor de 1 de cada 10{NBSP}000 personas."),
    ],
    "numbers-order": [
        c("same-order", "Take 2 tablets 3 times a day.", "Tome 2 comprimidos 3 veces al día."),
        c("one-number", "Take 5 mg.", "Tome 5 mg."),
        c("repeated", "Take 1 tablet, then 1 more.", "Tome 1 comprimido y luego 1 más."),
    ],
    "units": [
        c("same", "Take 5 mg.", "Tome 5 mg."),
        c("no-space", "Take 10 mg.", "Tome 10mg."),
        c("nbsp", "Take 5 mg.", f"Tome 5{NBSP}mg."),
        c("spelled-es", "Take 5 mg.", "Tome 5 miligramos."),
        c("ru-mg", "Take 5 mg.", "Примите 5 мг.", "ru"),
        c("zh-mg", "Take 5 mg.", "服用5毫克。", "zh"),
        c("ar-mg", "Take 10 mg.", "تناول ١٠ ملغ.", "ar"),
        c("hi-mg", "Take 10 mg.", "१० मिलीग्राम लें।", "hi"),
        c("fa-mg", "Take 10 mg.", "۱۰ میلی‌گرم مصرف کنید.", "fa"),
        c("ru-mg-per-kg", "Give 5 mg/kg.", "Дайте 5 мг/кг.", "ru"),
        c("zh-mg-per-kg", "Give 5 mg/kg.", "给予5毫克/公斤。", "zh"),
        c("micro-sign", "Take 500 mcg.", "Tome 500 µg."),
        c("ml-capital", "Take 5 ml.", "Nehmen Sie 5 mL.", "de"),
        c("mmol-per-l", "Aim for 5 mmol/L.", "Objetivo: 5 mmol/l."),
        c("percent-fr", "About 50% of people.", "Environ 50 % des personnes.", "fr"),
        c("percent-ar", "About 50% of people.", "حوالي ٥٠٪ من الناس.", "ar"),
        # BUG: Turkish writes the percent sign before the number (%50).
        c("percent-before-tr", "About 50% of people.", "İnsanların yaklaşık %50'si.", "tr"),
        # BUG: "miligramos" is a synonym of mg but "mililitros" is not one of ml.
        c("spelled-ml-es", "Take 5 ml.", "Tome 5 mililitros."),
        # BUG: UK leaflets write "micrograms" and "millilitres" in full (NHS/BNF style).
        c("micrograms-en", "Take 500 micrograms.", "Примите 500 мкг.", "ru"),
        c("millilitres-en", "Take 5 millilitres.", "Tome 5 ml."),
        # BUG: ملجم and مليغرام are common Arabic spellings of mg (Saudi/Egyptian leaflets).
        c("ar-mg-mlgm", "Take 500 mg.", "تناول 500 ملجم.", "ar"),
        c("ar-mg-spelled", "Take 500 mg.", "تناول 500 مليغرام.", "ar"),
        # BUG: Persian mg as Persian writes it: Arabic-keyboard yeh (ي), no ZWNJ, the
        # adjective "10-milligram" (میلی‌گرمی), a direction mark after the number.
        c("fa-mg-arabic-keyboard", "Take 10 mg.", f"۱۰ ميلي{ZWNJ}گرم مصرف کنید.", "fa"),
        c("fa-mg-without-zwnj", "Take 10 mg.", "۱۰ میلیگرم مصرف کنید.", "fa"),
        c("fa-mg-adjective", "One 10 mg tablet.", f"یک قرص ۱۰ میلی{ZWNJ}گرمی.", "fa"),
        c("fa-mg-mark-after-number", "Take 10 mg.", f"۱۰\u200f میلی{ZWNJ}گرم مصرف کنید.",
          "fa"),
        # BUG: the square-mg sign (㎎, U+338E) is mg.
        c("square-mg-sign-zh", "Take 5 mg.", "服用5㎎。", "zh"),
    ],
    "phone": [
        c("same", "Call 020 7188 5000.", "Llame al 020 7188 5000."),
        c("regrouped", "Call 020 7188 5000.", "Llame al 0207 188 5000."),
        c("regrouped-0800", "Call 0800 123 4567.", "Llame al 0800 1234 567."),
        c("parentheses", "Call 020 7188 5000.", "Llame al (020) 7188 5000."),
        c("hyphens", "Call 020 7188 5000.", "Llame al 020-7188-5000."),
        c("international", "Call +44 20 7188 5000.", "Llame al +44 20 7188 5000."),
        c("arabic-indic", "Call 020 7188 5000.", "اتصل بالرقم ٠٢٠ ٧١٨٨ ٥٠٠٠.", "ar"),
        c("moved", "Call 0800 123 4567 now.", "Llame ahora al 0800 123 4567."),
        c("rlo-wrapped-same-digits", PHONE_EN, f"Llame al {RLO}020 7946 0456{PDF}."),
    ],
    "stale-numbers": [
        c("updated", "Take 2 tablets daily.", "Tome 2 comprimidos al día.", **STALE),
        c("not-fuzzy", "Take 2 tablets daily.", "Tome 2 comprimidos al día.",
          previous_msgid="Take 1 tablet daily."),
        c("numbers-unchanged", "Take 1 tablet daily with water.", "Tome 1 comprimido al día.",
          **STALE),
    ],
    "placeholders": [
        c("same", "Hello {name}.", "Hola {name}."),
        c("reordered", "Page {page} of {total}.", "{total} 页中的第 {page} 页。", "zh"),
        c("literal-braces", "Use {{braces}}.", "Use {{llaves}}."),
        c("plural-all-forms", "{n} tablet", ("{n} comprimido", "{n} comprimidos"),
          msgid_plural="{n} tablets"),
        # BUG: a plural form is compared with the singular msgid, not with msgid_plural.
        c("plural-singular-without-number", "One tablet", ("Un comprimido", "{n} comprimidos"),
          msgid_plural="{n} tablets"),
    ],
    "markup": [
        c("bold", "**Do not** stop.", "**No** lo deje."),
        c("emphasis", "Take *one* tablet.", "Tome *un* comprimido."),
        c("code", "Type `help`.", "Escriba `help`."),
        c("link", "See [the NHS](https://www.nhs.uk).", "Vea [el NHS](https://www.nhs.uk)."),
        c("autolink", "Visit <https://www.nhs.uk>.", "Visite <https://www.nhs.uk>."),
    ],
    "urls": [
        c("url", "Visit https://www.nhs.uk/conditions for more.",
          "Visite https://www.nhs.uk/conditions para más."),
        c("url-end-of-sentence", "Visit https://www.nhs.uk.", "Visite https://www.nhs.uk."),
        c("email", "Email renal@gstt.nhs.uk.", "Escriba a renal@gstt.nhs.uk."),
        c("email-ar", "Email renal@gstt.nhs.uk.", "راسلنا على renal@gstt.nhs.uk.", "ar"),
        # BUG: the CJK full stop is taken as part of the URL.
        c("url-zh-full-stop", "Visit https://www.nhs.uk/a.", "请访问 https://www.nhs.uk/a。",
          "zh"),
        # BUG: CJK letters are \w, so they are read as part of the e-mail's local part.
        c("email-zh-no-space", "Email renal@gstt.nhs.uk.", "请发邮件至renal@gstt.nhs.uk。",
          "zh"),
    ],
    "glossary": [
        c("kept", "Take Sensipar daily.", "Tome Sensipar a diario.", glossary=BRAND),
        c("kept-with-mark", "Take Sensipar daily.", "Tome Sensipar® a diario.", glossary=BRAND),
        c("acronym", "CUA is rare.", "La CUA es rara.", glossary=BRAND),
        c("not-in-english", "Take your tablets.", "Tome sus comprimidos.", glossary=BRAND),
        c("kept-ar", "Take Sensipar daily.", "تناول Sensipar يوميًا.", "ar", glossary=BRAND),
        c("kept-zh-no-spaces", "Take Sensipar daily.", "每天服用Sensipar。", "zh", glossary=BRAND),
        c("kept-ko-particle", "Take Sensipar daily.", "매일 Sensipar를 복용하세요.", "ko",
          glossary=BRAND),
        c("kept-ja-particle", "Take Sensipar daily.", "毎日Sensiparを服用してください。", "ja",
          glossary=BRAND),
        c("kept-tr-apostrophe", "Take Sensipar daily.", "Sensipar'ı her gün alın.", "tr",
          glossary=BRAND),
        c("kept-twice", "Sensipar: take Sensipar daily.", "Sensipar: tome Sensipar a diario.",
          glossary=BRAND),
        c("kept-in-emphasis", "Take _Sensipar_ daily.", "Tome _Sensipar_ a diario.",
          glossary=BRAND),
    ],
    "glossary-forbidden": [
        c("preferred", "Take sodium thiosulfate.", "Tome tiosulfato de sodio.", glossary=AVOID),
        c("inside-the-preferred-term", "Sodium thiosulfate helps.",
          "El tiosulfato de sodio ayuda.", glossary=AVOID),
        c("english-without-the-term", "Take your tablets.", "Tome el hiposulfito.",
          glossary=AVOID),
        c("other-locale", "Take sodium thiosulfate.", "Prenez le hiposulfito.", "fr",
          glossary=AVOID),
    ],
    "glossary-term": [
        c("used", "Take sodium thiosulfate.", "Tome tiosulfato de sodio.", glossary=TERMS),
        c("used-any-case", "Sodium thiosulfate helps.", "El Tiosulfato de sodio ayuda.",
          glossary=TERMS),
        c("other-locale", "Take sodium thiosulfate.", "Примите тиосульфат натрия.", "ru",
          glossary=TERMS),
        c("used-before-comma", "Sodium thiosulfate, daily.", "Tiosulfato de sodio, a diario.",
          glossary=TERMS),
        c("not-in-english", "Take your tablets.", "Tome sus comprimidos.", glossary=TERMS),
    ],
    "same-as-english": [
        c("translated", "Pain relief", "Alivio del dolor"),
        c("brand-only", "Sensipar", "Sensipar"),
        c("number-only", "0800 123 4567", "0800 123 4567"),
        # BUG: an entry that is only a URL or an e-mail address must stay identical.
        c("url-only", "https://www.nhs.uk", "https://www.nhs.uk"),
        c("email-only", "renal@gstt.nhs.uk", "renal@gstt.nhs.uk"),
    ],
    "whitespace": [
        c("none", "Keep it clean.", "Manténgalo limpio."),
        c("both-leading", " Keep it clean.", " Manténgalo limpio."),
        c("both-trailing-newline", "Keep it clean.\n", "Manténgalo limpio.\n"),
    ],
    "punctuation": [
        c("full-stop", "Keep it clean.", "Manténgalo limpio."),
        c("question-es", "Do you have pain?", "¿Tiene dolor?"),
        c("question-ar", "Do you have pain?", "هل لديك ألم؟", "ar"),
        c("question-zh", "Do you have pain?", "你疼吗？", "zh"),
        c("full-stop-zh", "Keep it clean.", "保持清洁。", "zh"),
        c("full-stop-hi", "Keep it clean.", "इसे साफ रखें।", "hi"),
        c("full-stop-ur", "Keep it clean.", "اسے صاف رکھیں۔", "ur"),
        c("exclamation-es", "Stop!", "¡Pare!"),
        c("colon-zh", "Symptoms:", "症状：", "zh"),
        c("inside-bold", "**Stop now.**", "**Pare ahora.**"),
        c("before-parenthesis", "Read the leaflet (page 2).", "Lea el folleto (página 2)."),
        # BUG: Greek's question mark is ";" (U+037E, NFC-equivalent to U+003B).
        c("question-el", "Do you have pain?", "Έχετε πόνο;", "el"),
        # BUG: the Ethiopic full stop (።), question mark (፧) and preface colon (፦).
        c("full-stop-am", "Keep it clean.", "ንጹህ ያድርጉት።", "am"),
        c("question-am", "Do you have pain?", "ህመም አለዎት፧", "am"),
        c("colon-am", "Symptoms:", "ምልክቶች፦", "am"),
        # BUG: the Myanmar full stop (။), which the Burmese demo leaflet flagged 7 times.
        c("full-stop-my", "Keep it clean.", "သန့်ရှင်းအောင်ထားပါ။", "my"),
        c("full-stop-then-mark-ar", "Keep it clean.", "حافظ على نظافته.\u200f", "ar"),
    ],
    "length": [
        c("es", LONG_EN, LONG_ES),
        c("zh", LONG_EN, "始终保持伤口清洁干燥。", "zh"),
        c("ja", LONG_EN, "傷口を常に清潔で乾燥した状態に保ってください。", "ja"),
        c("ko", LONG_EN, "상처를 항상 깨끗하고 건조하게 유지하세요.", "ko"),
        c("ar", LONG_EN, "يجب الحفاظ على الجرح نظيفًا وجافًا في جميع الأوقات.", "ar"),
        c("hi", LONG_EN, "घाव को हर समय साफ और सूखा रखें।", "hi"),
        c("short-english-exempt", "Pain", "Dolor muy intenso y persistente en la piel"),
    ],
    "signature": [
        signed_case("signed-by-a-registered-reviewer"),
        c("unsigned", "Keep it clean.", "Manténgalo limpio."),
    ],
    "stamp": [
        c("none", "Keep it clean.", "Manténgalo limpio."),
        c("well-formed", "Keep it clean.", "Manténgalo limpio.", translator_comments=(
            "reviewed: 2026-11-20 Ana Ruiz <ana@clinic.example> sha256:0123456789ab",)),
        c("other-comment", "Keep it clean.", "Manténgalo limpio.",
          translator_comments=("not reviewed yet",)),
    ],
}

BAD: dict[str, list[Case]] = {
    "characters": [
        c("rlo-wrapped-phone", PHONE_EN, f"Llame al {RLO}020 7946 0456{PDF}."),
        c("rlo-wrapped-phone-ar", PHONE_EN, f"اتصل بالرقم {RLO}020 7946 0456{PDF}.", "ar"),
        c("rlm-between-groups-ar", PHONE_EN, "اتصل بالرقم 020\u200f 7946 0456.", "ar"),
        c("lrm-es", "Take 5 mg.", "Tome \u200e5 mg."),
        c("isolate", "Take 5 mg.", "Tome \u20665 mg\u2069."),
        c("zero-width-space-in-number", "Take 10 mg.", "Tome 1\u200b0 mg."),
        c("soft-hyphen", "Keep it clean.", "Manténgalo lim\u00adpio."),
        c("byte-order-mark", "Keep it clean.", "\ufeffManténgalo limpio."),
        c("tag-characters", "Keep it clean.", "Manténgalo limpio.\U000e0041\U000e0042"),
        c("zwnj-latin", "Keep it clean.", f"Manténgalo lim{ZWNJ}pio."),
        c("zwj-between-digits-fa", "Take 10 mg.", f"۱{ZWJ}۰ میلی{ZWNJ}گرم مصرف کنید.", "fa"),
        c("zwnj-after-space-fa", "Take 10 mg.", f"۱۰ {ZWNJ}میلی{ZWNJ}گرم مصرف کنید.", "fa"),
        c("letter-o-for-zero", "Take it 3 times a week.", "Tómelo 3O veces por semana."),
        c("letter-o-for-zero-changed", "Take it 30 times a week.", "Tómelo 3O veces por semana.",
          also=("numbers",)),
        c("small-l-for-one", "Take 1 tablet.", "Tome l1 comprimido."),
        c("capital-i-for-one", "Take 1 tablet.", "Tome I1 comprimido."),
        c("pipe-for-one", "Take 1 tablet.", "Tome 1| comprimido."),
        c("cyrillic-o-ru", "Take it 3 times.", "Принимайте 3О раза.", "ru"),
        c("cyrillic-ze-ru", "Take it 1 time.", "Примите 1З раз.", "ru"),
        c("greek-omicron-el", "Take it 3 times.", "Πάρτε το 3Ο φορές.", "el"),
        c("fullwidth-es", "Take 5 mg.", "Tome ５ mg."),
        c("fullwidth-zh", "Take 5 mg.", "服用５毫克。", "zh"),
        c("mathematical-digit", "Take 5 mg.", "Tome 𝟓 mg."),
        c("devanagari-in-es", "Take 25 g.", "Tome २५ g."),
        c("arabic-indic-in-hi", "Take 25 g.", "٢٥ ग्राम लें।", "hi"),
        c("bengali-in-hi", "Take 25 g.", "২৫ ग्राम लें।", "hi"),
        c("two-scripts-in-one-number-ar", "Take 10 mg.", "تناول 1٠ ملغ.", "ar"),
        c("plural-form", "{n} tablet", ("{n} comprimido", "{n} compri\u200bmidos"),
          msgid_plural="{n} tablets"),
    ],
    "numbers": [
        c("5-to-50", "Take 5 mg.", "Tome 50 mg."),
        c("digit-transposed", "Take 15 mg.", "Tome 51 mg."),
        c("added", "Take the tablets.", "Tome 2 comprimidos."),
        c("missing", "Take 2 tablets.", "Tome los comprimidos."),
        c("changed", "Take 2 tablets 3 times a day.", "Tome 2 comprimidos 4 veces al día."),
        c("english-comma-in-es-reads-as-1", "Up to 1,000 mg a day.", "Hasta 1,000 mg al día."),
        c("decimal-lost", "Take 0.5 ml.", "Tome 5 ml."),
        # BUG: a bare leading decimal mark was dropped, so .5 read as 5 (and ,5 in Spanish).
        c("bare-decimal-lost", "Take .5 ml.", "Tome 5 ml."),
        c("bare-decimal-added", "Take 5 ml.", "Tome ,5 ml."),
        c("decimal-shifted", "Take 0.5 ml.", "Tome 0,05 ml."),
        c("emergency-number", "Call 999.", "Llame al 112."),
        c("range-reversed", "Take 2–3 tablets.", "Tome 3–2 comprimidos.",
          also=("numbers-order",)),
        c("arabic-indic-ar", "Take 10 mg.", "تناول ١٠٠ ملغ.", "ar"),
        c("persian-fa", "Take 10 mg.", "۱۰۰ میلی‌گرم مصرف کنید.", "fa"),
        c("devanagari-hi", "Take 25 g.", "२५० ग्राम लें।", "hi"),
        # BUG: a superscript digit after a digit reads as one more digit (1⁰ = 10).
        c("superscript-digit", "Take 1 mg.", "Tome 1⁰ mg."),
    ],
    "numbers-order": [
        c("swapped", "Take 2 tablets 3 times a day.", "Tome 3 comprimidos 2 veces al día."),
        c("swapped-maximum", "Take 1 tablet, maximum 4 a day.",
          "Tome 4 comprimidos, máximo 1 al día."),
    ],
    "units": [
        c("mg-to-g", "Take 5 mg.", "Tome 5 g."),
        c("mg-per-kg-to-mg-per-g", "Give 5 mg/kg.", "Dé 5 mg/g."),
        c("mg-to-mcg", "Take 5 mg.", "Tome 5 mcg."),
        c("cm-to-mm", "It is 5 cm wide.", "Mide 5 mm de ancho."),
        c("ru-mg-to-g", "Take 10 mg.", "Примите 10 г.", "ru"),
        c("zh-mg-to-g", "Take 10 mg.", "服用10克。", "zh"),
        c("ar-mg-to-g", "Take 10 mg.", "تناول ١٠ غ.", "ar"),
        c("hi-mg-to-g", "Take 10 mg.", "10 ग्राम लें।", "hi"),
        c("dropped", "Take 5 mg.", "Tome 5."),
        # l right after a number is litres (so the characters check leaves it to this one).
        c("small-l-after-number-is-litres", "Take 1 tablet.", "Tome 1l comprimido."),
    ],
    "phone": [
        c("digits-transposed", "Call 0800 123 4567.", "Llame al 0800 123 4576."),
        c("one-digit-changed", "Call 020 7188 5000.", "Llame al 020 7188 5001."),
        c("truncated", "Call 0800 123 4567.", "Llame al 0800 123."),
        c("missing", "Call 0800 123 4567 today.", "Llame hoy a este número.", also=()),
        c("arabic-indic-changed", "Call 020 7188 5000.", "اتصل بالرقم ٠٢٠ ٧١٨٨ ٥٠٠١.", "ar"),
    ],
    "stale-numbers": [
        c("old-dose", "Take 2 tablets daily.", "Tome 1 comprimido al día.", also=("numbers",),
          **STALE),
        c("old-maximum", "Take 1 tablet, maximum 3.", "Tome 1 comprimido, máximo 4.",
          also=("numbers",), flags=("fuzzy",), previous_msgid="Take 1 tablet, maximum 4."),
        c("old-decimal", "Take 5 mg.", "Tome 2,5 mg.", also=("numbers",), flags=("fuzzy",),
          previous_msgid="Take 2.5 mg."),
    ],
    "placeholders": [
        c("missing", "Hello {name}.", "Hola."),
        c("extra", "Hello {name}.", "Hola {name} {name}."),
        c("renamed", "Hello {name}.", "Hola {nombre}."),
        c("unbalanced", "Hello {name}.", "Hola {name."),
        c("plural-form-missing", "{n} tablet", ("{n} comprimido", "varios comprimidos"),
          msgid_plural="{n} tablets"),
        # BUG: the ui domain (Jinja2 {% trans %}) has python-format placeholders, unchecked.
        c("python-format-missing", "Page %(page)s of %(pages)s", "Página %(page)s",
          flags=("python-format",)),
        c("python-format-renamed", "Page %(page)s of %(pages)s", "Página %(pagina)s de %(pages)s",
          flags=("python-format",)),
    ],
    "markup": [
        c("bold-lost", "**Do not** stop.", "No lo deje."),
        c("bold-added", "Keep it clean.", "Manténgalo **limpio**."),
        c("emphasis-lost", "Take *one* tablet.", "Tome un comprimido."),
        c("link-target-changed", "See [the NHS](https://www.nhs.uk).",
          "Vea [el NHS](https://www.nhs.es).", also=("urls",)),
        c("link-lost", "Read more on [the NHS website](https://www.nhs.uk) today.",
          "Lea más hoy en la web del NHS, https://www.nhs.uk."),
        c("html-lost", "Text <br> here", "Texto aquí"),
    ],
    "urls": [
        c("path-changed", "Visit https://www.nhs.uk/conditions for more.",
          "Visite https://www.nhs.uk/condiciones para más."),
        c("domain-changed", "Visit https://www.nhs.uk for more.",
          "Visite https://www.nhs.es para más."),
        c("dropped", "Visit https://www.nhs.uk for more.", "Visite la web del NHS para más."),
        c("email-changed", "Email renal@gstt.nhs.uk.", "Escriba a renal@gstt.nhs.es."),
        c("email-dropped", "Email renal@gstt.nhs.uk today.", "Escríbanos hoy mismo."),
    ],
    "glossary": [
        c("dropped", "Take Sensipar daily.", "Tome el medicamento a diario.", glossary=BRAND),
        c("lowercased", "Take Sensipar daily.", "Tome sensipar a diario.", glossary=BRAND),
        c("transliterated", "Take Sensipar daily.", "Примите Сенсипар ежедневно.", "ru",
          glossary=BRAND),
        c("acronym-expanded", "CUA is rare.", "La calcifilaxis es rara.", glossary=BRAND),
        # BUG: the term was looked for as a substring, so a letter added passed.
        c("extra-letter", "Take Sensipar daily.", "Tome Sensiparo a diario.", glossary=BRAND),
        c("missing-letter", "Take Sensipar daily.", "Tome Sensipa a diario.", glossary=BRAND),
        c("glued-beside-correct", "Sensipar: take Sensipar daily.",
          "Sensipar: tome Sensiparo a diario.", glossary=BRAND),
        c("cyrillic-letter-glued", "Take Sensipar daily.", "Примите Sensiparо ежедневно.", "ru",
          glossary=BRAND),
        c("zero-width-space-glued", "Take Sensipar daily.", "Tome Sensipar\u200bo a diario.",
          glossary=BRAND, also=("characters",)),
        c("acronym-plural", "CUA is rare.", "Las CUAs son raras.", glossary=BRAND),
        # BUG: Markdown emphasis with underscores hid the term in the English.
        c("misspelt-in-emphasis", "Take _Sensipar_ daily.", "Tome _Sensipa_ a diario.",
          glossary=BRAND),
    ],
    "glossary-forbidden": [
        c("forbidden", "Take sodium thiosulfate.", "Tome tiosulfato de sodio (hiposulfito).",
          glossary=AVOID),
        c("deprecated-alone", "Take sodium thiosulfate.", "Tome tiosulfato.", glossary=AVOID,
          also=("glossary-term",)),
        c("forbidden-capitalised", "Sodium thiosulfate helps.",
          "El Hiposulfito, o tiosulfato de sodio, ayuda.", glossary=AVOID),
    ],
    "glossary-term": [
        c("other-wording", "Take sodium thiosulfate.", "Tome tiosulfato sódico.", glossary=TERMS),
        c("capitalised-english", "Sodium thiosulfate helps.", "El tiosulfato sódico ayuda.",
          glossary=TERMS),
        # BUG: the required term was looked for as a substring.
        c("not-a-whole-word", "Take sodium thiosulfate.", "Tome antitiosulfato de sodio.",
          glossary=TERMS),
    ],
    "same-as-english": [
        c("two-words", "Pain relief", "Pain relief"),
        c("sentence", "Keep it clean.", "Keep it clean."),
    ],
    "whitespace": [
        c("leading-added", "Keep it clean.", " Manténgalo limpio."),
        c("trailing-added", "Keep it clean.", "Manténgalo limpio. "),
        c("newline-added", "Keep it clean.", "Manténgalo limpio.\n"),
        c("leading-dropped", " Keep it clean.", "Manténgalo limpio."),
    ],
    "punctuation": [
        c("question-to-full-stop", "Do you have pain?", "¿Tiene dolor."),
        c("question-to-full-stop-zh", "Do you have pain?", "你疼吗。", "zh"),
        c("full-stop-to-question-ar", "Keep it clean.", "حافظ على نظافته؟", "ar"),
        c("full-stop-to-exclamation", "Keep it clean.", "¡Manténgalo limpio!"),
        c("full-stop-dropped", "Keep it clean.", "Manténgalo limpio"),
        c("full-stop-dropped-zh", "Keep it clean.", "保持清洁", "zh"),
        c("ethiopic-comma-is-not-a-full-stop", "Keep it clean.", "ንጹህ ያድርጉት፣", "am"),
        c("full-stop-to-question-am", "Keep it clean.", "ንጹህ ያድርጉት፧", "am"),
    ],
    "length": [
        c("too-short", LONG_EN, "Mantenga."),
        c("too-long", LONG_EN, " ".join([LONG_ES] * 3)),
        c("too-short-zh", LONG_EN, "伤口。", "zh"),
    ],
    "signature": [
        signed_case("copied-to-another-locale", "pt"),
        signed_case("signature-edited", translator_comments=tuple(
            c.replace("sig:", "sig:AAAA", 1)[:-4] for c in SIGNED.translator_comments)),
    ],
    "stamp": [
        c("no-date", "Keep it clean.", "Manténgalo limpio.",
          translator_comments=("reviewed: yesterday by Ana",)),
        c("bad-date", "Keep it clean.", "Manténgalo limpio.", translator_comments=(
            "reviewed: 2026-13-01 Ana Ruiz <ana@clinic.example> sha256:0123456789ab",)),
    ],
}

SEVERITY = {
    "characters": Severity.ERROR,
    "numbers": Severity.ERROR,
    "numbers-order": Severity.WARNING,
    "units": Severity.ERROR,
    "phone": Severity.ERROR,
    "stale-numbers": Severity.ERROR,
    "placeholders": Severity.ERROR,
    "markup": Severity.ERROR,
    "urls": Severity.ERROR,
    "glossary": Severity.ERROR,
    "glossary-forbidden": Severity.ERROR,
    "glossary-term": Severity.WARNING,
    "same-as-english": Severity.WARNING,
    "whitespace": Severity.WARNING,
    "punctuation": Severity.WARNING,
    "length": Severity.WARNING,
    "stamp": Severity.WARNING,
    "signature": Severity.ERROR,
}


def _params(table: dict[str, list[Case]]) -> list[Any]:
    return [pytest.param(check_id, case, id=f"{check_id}:{case.name}")
            for check_id, cases in table.items() for case in cases]


def _show(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.check, f.message) for f in findings]


def test_every_registered_check_has_good_and_bad_cases_and_a_severity() -> None:
    assert set(REGISTRY) == set(GOOD) == set(BAD) == set(SEVERITY)
    assert all(GOOD[i] and BAD[i] for i in REGISTRY)


@pytest.mark.parametrize("check_id", sorted(SEVERITY))
def test_severity(check_id: str) -> None:
    assert REGISTRY[check_id].severity is SEVERITY[check_id]


@pytest.mark.parametrize(("check_id", "case"), _params(GOOD))
def test_good(check_id: str, case: Case) -> None:
    found = [f for f in case.findings() if f.check == check_id]
    assert not found, f"{case.english!r} → {case.translation!r} ({case.locale}): {_show(found)}"


@pytest.mark.parametrize(("check_id", "case"), _params(BAD))
def test_bad(check_id: str, case: Case) -> None:
    findings = case.findings()
    assert {f.check for f in findings} == {check_id} | case.also, (
        f"{case.english!r} → {case.translation!r} ({case.locale}): {_show(findings)}")
    for finding in findings:
        assert finding.severity is SEVERITY[finding.check]
        assert finding.blocking is (finding.severity is Severity.ERROR)
        assert finding.silenced is None
        assert finding.message


# Silencing: `calcii18n-ignore: <ids> — <reason>` in a translator comment.

WORDS = ("Take 2 tablets.", "Tome dos comprimidos.")  # a numbers error, on purpose


def _words(*comments: str) -> list[Finding]:
    english, spanish = WORDS
    return run_checks(Message(msgid=english, msgstr=(spanish,), translator_comments=comments),
                      CheckContext("es"))


@pytest.mark.parametrize("comment", [
    pytest.param('calcii18n-ignore: numbers — the Spanish says "dos" in words', id="em-dash"),
    pytest.param("calcii18n-ignore: numbers -- the Spanish says dos", id="double-hyphen"),
    pytest.param("calcii18n-ignore: numbers: the Spanish says dos", id="colon"),
    pytest.param("calcii18n-ignore: numbers, units — the Spanish says dos", id="two-ids"),
])
def test_silenced_with_reason_is_listed_but_not_blocking(comment: str) -> None:
    [finding] = _words(comment)
    assert finding.check == "numbers"
    assert finding.silenced is not None and "dos" in finding.silenced
    assert not finding.blocking
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize("comments", [
    pytest.param(("calcii18n-ignore: numbers",), id="no-reason"),
    pytest.param(("calcii18n-ignore: numbers —",), id="dash-no-reason"),
])
def test_silencing_without_reason_does_not_silence(comments: tuple[str, ...]) -> None:
    [finding] = _words(*comments)
    assert finding.silenced is None
    assert finding.blocking
    assert "reason" in finding.message


def test_silencing_another_check_leaves_this_one_blocking() -> None:
    [finding] = _words("calcii18n-ignore: units — not about units")
    assert finding.check == "numbers" and finding.silenced is None and finding.blocking


def test_silencing_a_warning() -> None:
    msg = Message(msgid="Pain relief", msgstr=("Pain relief",),
                  translator_comments=("calcii18n-ignore: same-as-english — clinic's own name",))
    [finding] = run_checks(msg, CheckContext("es"))
    assert finding.check == "same-as-english"
    assert finding.silenced == "clinic's own name"
    assert not finding.blocking


def test_unsilenced_error_is_blocking() -> None:
    [finding] = _words()
    assert finding.check == "numbers" and finding.blocking and finding.silenced is None


# Which entries are checked.

@pytest.mark.parametrize("msg", [
    pytest.param(Message(msgid="Take 5 mg.", msgstr=("",)), id="untranslated"),
    pytest.param(Message(msgid="Take 5 mg.", msgstr=("",), flags=("fuzzy",),
                         previous_msgid="Take 1 mg."), id="untranslated-fuzzy"),
    pytest.param(Message(msgid="{n} tablet", msgid_plural="{n} tablets",
                         msgstr=("50 comprimido", "")), id="plural-partly-empty"),
    pytest.param(Message(msgid="Take 5 mg.", msgstr=("Tome 50 g",), obsolete=True),
                 id="obsolete"),
])
def test_untranslated_entries_have_no_findings(msg: Message) -> None:
    assert run_checks(msg, CheckContext("es", BOTH)) == []


def test_fuzzy_draft_is_checked() -> None:
    msg = Message(msgid="Take 5 mg.", msgstr=("Tome 50 mg.",), flags=("fuzzy",))
    assert [f.check for f in run_checks(msg, CheckContext("es"))] == ["numbers"]


def test_findings_carry_path_and_line() -> None:
    msg = Message(msgid="Take 5 mg.", msgstr=("Tome 50 mg.",), line=42)
    [finding] = run_checks(msg, CheckContext("es"), path="locale/es/LC_MESSAGES/x.po")
    assert (finding.path, finding.line) == ("locale/es/LC_MESSAGES/x.po", 42)
    assert finding.entry


def test_a_correct_translation_has_no_findings_at_all() -> None:
    msg = Message(msgid="Take **2.5 mg** of Sensipar; call 020 7188 5000.",
                  msgstr=("Tome **2,5 mg** de Sensipar; llame al 0207 188 5000.",))
    assert _show(run_checks(msg, CheckContext("es", BOTH))) == []


# Change severity of an English edit (issue 3, item 6).

CRITICAL = [
    ("number", "Take 1 tablet daily.", "Take 2 tablets daily.", "number"),
    ("number-to-word", "Take 1 tablet.", "Take one tablet.", "number"),
    ("decimal", "Take 2.5 mg.", "Take 25 mg.", "number"),
    ("unit", "Take 5 mg daily.", "Take 5 g daily.", "unit"),
    ("unit-per-kg", "Give 5 mg/kg daily.", "Give 5 mg/g daily.", "unit"),
    ("phone", "Call 020 7188 5000.", "Call 020 7188 5001.", "phone"),
    ("not-removed", "Do not stop taking it.", "Stop taking it.", "negation"),
    ("not-added", "It is painful.", "It is not painful.", "negation"),
    ("never-added", "You should drive.", "You should never drive.", "negation"),
    ("cannot", "You can drive.", "You cannot drive.", "negation"),
    ("dont-ascii", "Take it with food.", "Don't take it with food.", "negation"),
    ("without", "Take it with food.", "Take it without food.", "negation"),
    ("no", "There are side effects.", "There are no side effects.", "negation"),
    # BUG: typographic apostrophes (’), usual in edited Markdown, hide the negation.
    ("dont-typographic", "Take it with food.", "Don’t take it with food.", "negation"),
    ("cant-typographic", "You can drive.", "You can’t drive.", "negation"),
    ("mustnt-typographic", "You must drive.", "You mustn’t drive.", "negation"),
    ("brand-dropped", "Take Sensipar.", "Take cinacalcet.", "glossary term"),
    ("term-dropped", "Take sodium thiosulfate.", "Take the medicine.", "glossary term"),
]

HARMLESS = [
    ("rewording", "Keep the wound clean.", "Keep your wound clean."),
    ("punctuation", "Keep the wound clean.", "Keep the wound clean!"),
    ("spacing", "Keep the wound clean.", "Keep the wound  clean."),
    ("phone-regrouped", "Call 020 7188 5000.", "Call 0207 188 5000."),
    ("trailing-zero", "Take 2.5 mg.", "Take 2.50 mg."),
    ("same-numbers-reworded", "Take 1 tablet daily.", "Every day, take 1 tablet."),
    ("same-term-reworded", "Sensipar lowers calcium.", "Sensipar reduces calcium."),
]


@pytest.mark.parametrize(("previous", "current", "reason"),
                         [pytest.param(p, n, r, id=i) for i, p, n, r in CRITICAL])
def test_change_severity_critical(previous: str, current: str, reason: str) -> None:
    result = change_severity(previous, current, BOTH)
    assert result.critical, (previous, current)
    assert any(reason in r for r in result.reasons), result.reasons


@pytest.mark.parametrize(("previous", "current"),
                         [pytest.param(p, n, id=i) for i, p, n in HARMLESS])
def test_change_severity_harmless(previous: str, current: str) -> None:
    result = change_severity(previous, current, BOTH)
    assert not result.critical, result.reasons
    assert result.reasons == ()


def test_separators_of_an_unknown_locale_are_englishs_but_a_bug_surfaces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from calcii18n.checks import quantities as q

    assert q._symbols("xx") == (".", ",")
    assert q._symbols("ru") == (",", "\xa0")

    def broken(locale: str) -> str:
        raise RuntimeError("a bug, not an unknown locale")

    monkeypatch.setattr(q, "get_decimal_symbol", broken)
    q._symbols.cache_clear()
    try:
        with pytest.raises(RuntimeError):
            q._symbols("de")
    finally:
        q._symbols.cache_clear()
