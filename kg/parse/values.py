"""Read field values: budgets, years, identifiers, placeholders and value-list concepts.

Each reader returns ``None`` for text it cannot read; the caller turns that into an issue.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.records import Budget, MemberState
from kg.reference.countries import fold, gazetteer
from kg.reference.vocabularies import Concept, find_concept

# ISO 4217 active codes: a three-letter word in a budget is a currency only if listed here.
_ISO_4217_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS
GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW
KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD
NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES
VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
"""
_ISO_4217 = frozenset(_ISO_4217_CODES.split())
_CURRENCY_WORDS = {
    "us$": "USD", "usd$": "USD", "$": "USD", "us": "USD", "dollars": "USD", "dollar": "USD",
    "dolares": "USD", "€": "EUR", "euros": "EUR", "euro": "EUR",
    "£": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF",
}
_MULTIPLIERS = {
    "million": 6, "millions": 6, "m": 6, "mn": 6, "mio": 6, "millon": 6, "millones": 6,
    "thousand": 3, "k": 3, "mille": 3, "mil": 3, "billion": 9, "bn": 9, "milliard": 9,
    "milliards": 9,
}
_NUMBER = re.compile(r"\d(?:[\d.,'’]|[ \u00a0\u202f](?=\d{3}(?!\d)))*")
_SPACES = re.compile(r"[ \u00a0\u202f'’]")
_WORDS = re.compile(r"us\$|usd\$|[$€£]|[^\W\d_]+|\S", re.IGNORECASE)
_THOUSANDS = {",": re.compile(r"\d{1,3}(?:,\d{3})+"), ".": re.compile(r"\d{1,3}(?:\.\d{3})+")}
_BUDGET_NOISE = frozenset("():;,.-\u2212")
# Words saying an amount is an estimate ("USD 350,000 (approx.)", "environ 300 000 EUR").
_APPROXIMATION_WORDS = frozenset({
    "approx", "approximately", "approximate", "about", "around", "circa", "ca", "estimated",
    "estimate", "est", "roughly", "some", "environ", "approximativement", "estime", "aprox",
    "aproximadamente", "alrededor", "cerca", "unos"})
_MINUS_SIGNS = ("-", "\u2212")  # a minus written against the digits; "- 350" is a separator

_MONTH_NAMES = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
janv fevr avr juil
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
ene abr ago dic
"""
_MONTHS = frozenset(_MONTH_NAMES.split())
_DATE_FILLERS = frozenset({"de", "del", "of", "the", "le", "el", "er", "st", "nd", "rd", "th",
                           "fy"})
_DATE_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\s\w]", re.UNICODE)
_RANGE_DASHES = frozenset("–—")  # "2021–22": never a date's own separator
_DATE_PUNCTUATION = frozenset("/-.,") | _RANGE_DASHES
_RANGE_MARKS = frozenset("/-") | _RANGE_DASHES
_RANGE_WORDS = frozenset({"to", "until", "till", "through", "au", "a", "al", "hasta"})
_SPAN_JOINS = _RANGE_MARKS | _RANGE_WORDS

PRIMA_ID_FORM = r"[A-Z]{2}\d{2}[A-Z]\d{3,5}"
"""A Prima ID ("GE10P0377"), or one typed with another letter or a digit too many or too few
("GE10P377"), to be found inside text; ``PRIMA_ID`` is a whole value of it."""
PRIMA_ID = re.compile(rf"^{PRIMA_ID_FORM}$")
PRIMA_ID_PATTERN = re.compile(r"[A-Z]{2}\d{2}P\d{4}")
"""A Prima ID as IOM gives them, the pattern of shapes/project.ttl: "GE10P0377"."""
PRIMA_ID_SHAPE = "two letters, two digits, P and four digits, as in GE10P0377"
"""``PRIMA_ID_PATTERN`` in words, for the messages that report a value it does not take."""
_PRIMA_ID_INSIDE = re.compile(rf"(?<![^\W_]){PRIMA_ID_PATTERN.pattern}(?![^\W_])")
PROJECTS_ID_FORM = r"[A-Z]{2,4}\d{0,2}[.\-/]\d{2,5}"
"""A Projects ID ("PX.0220"), to be found inside text; ``PROJECTS_ID`` is a whole value of it."""
PROJECTS_ID = re.compile(rf"^{PROJECTS_ID_FORM}$")
_PLACEHOLDERS = frozenset({
    "n a", "na", "n d", "nd", "tbd", "tbc", "none", "unknown", "not available", "not applicable",
    "non disponible", "non applicable", "inconnu", "no disponible", "no aplica", "desconocido",
    "sin datos", "s o", "",
})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
NOT_ENDED = "not ended"
"""``pending_date`` of a value saying the project has not ended ("Ongoing", "En cours")."""
NOT_FIXED = "not fixed"
"""``pending_date`` of a value saying the date is not known yet ("TBC", "Por confirmar")."""
_PENDING_DATES = {
    **dict.fromkeys(("ongoing", "ongoing project", "en cours", "projet en cours", "en curso",
                     "proyecto en curso", "present", "to date", "a ce jour", "a la fecha",
                     "la actualidad", "actualidad"), NOT_ENDED),
    **dict.fromkeys(("tbc", "tbd", "to be confirmed", "to be determined", "a confirmer",
                     "a determiner", "por confirmar", "por determinar"), NOT_FIXED),
}
_ACRONYM_SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]{1,15})\)$")


def find_prima_ids(text: str) -> list[str]:
    """The Prima IDs written whole in ``text`` ("GE10P0377 (phase II)" -> ["GE10P0377"]), as
    ``PRIMA_ID_PATTERN`` takes them: "ge10p0377", "GE10P377" and "XGE10P0377" hold none."""
    return _PRIMA_ID_INSIDE.findall(text)


@lru_cache(maxsize=4096)
def is_placeholder(text: str) -> bool:
    """True for values that say "no value" ("N/A", "-", "TBD", "Non disponible")."""
    return len(text) <= 20 and folded_key(text) in _PLACEHOLDERS


def folded_key(text: str) -> str:
    """Text as word lists compare it: folded, runs of other characters than letters and digits
    as one space ("N/A" -> "n a", "À confirmer" -> "a confirmer"; field labels too:
    ``fields.label_key``)."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def pending_date(text: str) -> str | None:
    """What a date value that gives no year, and is not wrong, says: ``NOT_ENDED`` for
    "Ongoing", "En cours", "En curso"; ``NOT_FIXED`` for "TBC", "To be confirmed", "À
    confirmer", "Por confirmar"; else None."""
    if len(text) > 30:
        return None
    return _PENDING_DATES.get(folded_key(text))


# "January 2021 – ongoing", "2021 - present", "enero de 2021 – a la fecha": a span left open.
# "2021 to date": the end's own words ("to date", "à ce jour") follow the year directly.
_OPEN_SPAN = re.compile(r"(?P<first>.*?\d{4}.*?)\s*(?:[–—-]+\s*)?(?P<rest>[^\d–—-]+)")


def open_span_start(text: str) -> int | None:
    """The first year of a span whose end says the project goes on ("January 2021 – ongoing",
    "2021 - present", "mars 2021 – en cours"), else None."""
    found = _OPEN_SPAN.fullmatch(text.strip())
    if found is None or pending_date(found["rest"]) != NOT_ENDED:
        return None
    span = parse_year_span(found["first"])
    return span[0] if span is not None and span[0] == span[1] else None


def _to_decimal(number: str, has_multiplier: bool) -> Decimal | None:
    """"1,200,000.00", "1 200 000,00", "1.200.000", "1,2" -> Decimal, or None."""
    number = _SPACES.sub("", number)
    commas, dots = number.count(","), number.count(".")
    if commas and dots:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if decimal_mark == "," else ",", "")
        number = number.replace(",", ".")
    elif commas or dots:
        mark = "," if commas else "."
        grouped = _THOUSANDS[mark].fullmatch(number) is not None
        if grouped and not (has_multiplier and commas + dots == 1):
            number = number.replace(mark, "")
        elif commas + dots == 1:
            number = number.replace(",", ".")
        else:
            return None
    try:
        return Decimal(number)
    except InvalidOperation:
        return None


@lru_cache(maxsize=4096)
def parse_budget(text: str, currency: str | None = None) -> Budget | None:
    """Amount and currency from "300000.00", "USD 200,000.00", "US$ 1.2 million", "1 200 000,00 €".

    ``currency`` is what the label says ("Budget (EUR)"); a currency in the value wins; USD if none.
    A value naming two currencies for its one amount ("USD 150,000 (EUR)") is None: which one
    holds is not the parser's to choose (``named_currencies`` says which they are).
    """
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    number = numbers[0].rstrip(".,' ")
    head, _, tail = text.partition(numbers[0])
    found_currency: str | None = None
    exponent = 0
    for word in _WORDS.findall(f"{head} {tail}"):
        if (named := currency_of_word(word)) is not None:
            if found_currency not in (None, named):
                return None
            found_currency = named
        elif (folded := fold(word)) in _MULTIPLIERS and not exponent:
            exponent = _MULTIPLIERS[folded]
        elif word not in _BUDGET_NOISE and folded not in _APPROXIMATION_WORDS:
            return None
    amount = _to_decimal(number, has_multiplier=exponent > 0)
    if amount is None:
        return None
    if head.endswith(_MINUS_SIGNS):  # "-350,000", "USD -350,000": kept, for the shapes to flag
        amount = -amount
    if exponent:
        amount = amount.scaleb(exponent)
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
    return Budget(amount=amount, currency=found_currency or currency or "USD")


_CONVERTED = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<other>[^()]+)\)\s*$")
_NO_CURRENCY = "?"


def parse_converted_budget(text: str, currency: str | None = None) -> tuple[Budget, str] | None:
    """A budget given with the same money in another currency in brackets ("USD 150,000 (EUR
    135,000)", "USD 250,000 (approx. EUR 230,000)"): the first amount, and the bracketed text,
    which is not kept. None unless both read as amounts and the brackets name another
    currency."""
    found = _CONVERTED.match(text)
    if found is None:
        return None
    main = parse_budget(found["main"], currency)
    other = parse_budget(found["other"], _NO_CURRENCY)
    if main is None or other is None or other.currency in (_NO_CURRENCY, main.currency):
        return None
    return main, found["other"].strip()


def named_currencies(text: str) -> list[str]:
    """The currencies a value names, each once, in order ("USD 150,000 (EUR)": USD, EUR)."""
    named = (currency_of_word(word) for word in _WORDS.findall(text))
    return list(dict.fromkeys(currency for currency in named if currency is not None))


def currency_of_word(word: str) -> str | None:
    """The currency a word names: an ISO 4217 code in capitals ("EUR"), a sign or a word ("$",
    "euros", "dólares"); else None."""
    if word.isupper() and word in _ISO_4217:
        return word
    return _CURRENCY_WORDS.get(fold(word))


def is_approximate(text: str) -> bool:
    """True when a budget value says its amount is an estimate ("USD 350,000 (approx.)")."""
    return any(fold(word) in _APPROXIMATION_WORDS for word in _WORDS.findall(text))


def amount_in_parentheses(text: str) -> bool:
    """True when parentheses enclose a budget's amount ("(350,000)", "USD (350,000)", "(USD
    350,000)"): accounting's way to write a negative. Not "350,000 (USD)" nor "(USD) 350,000"."""
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return False
    head, _, tail = text.partition(numbers[0])
    opened = head.rfind("(")
    closed = tail.find(")")
    return opened > head.rfind(")") and closed >= 0 and "(" not in tail[:closed]


# A duration's length, as a page may give it beside the dates: "24 months", "2 years", "18 mois",
# "24 meses", "approx. 30 months", "two years".
_LENGTH = (r"(?:(?:approx(?:imately)?\.?|about|some|environ|aprox(?:imadamente)?\.?)\s+)?"
           r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|un|une|deux|trois|quatre|cinq|uno|una"
           r"|dos|tres|cuatro|cinco)\s+(?:months?|years?|mois|ans?|années?|meses|mes|años?)")
_DATES_AND_LENGTH = re.compile(rf"(?P<dates>.*?\d{{4}}.*?)[\s,;]*\(\s*{_LENGTH}\s*\)\s*", re.I)
_LENGTH_AND_DATES = re.compile(rf"\s*{_LENGTH}[\s,;:]*\((?P<dates>[^()]*\d{{4}}[^()]*)\)\s*", re.I)


def duration_dates(text: str) -> str:
    """The dates of a duration, without the length a page gives beside them in brackets:
    "January 2021 – June 2023 (30 months)" and "30 months (January 2021 – June 2023)" ->
    "January 2021 – June 2023". Any other text is returned as it is."""
    for form in (_DATES_AND_LENGTH, _LENGTH_AND_DATES):
        if (match := form.fullmatch(text)) is not None:
            return match.group("dates").strip()
    return text


@lru_cache(maxsize=4096)
def parse_year_span(text: str) -> tuple[int, int] | None:
    """(first, last) year of a date or a span of years, or None when unreadable.

    "2021", "March 2021", "01/03/2021", "2021-03" -> (2021, 2021); "2021/22", "2021-2022",
    "FY2021/22", "March 2021 – February 2023", "2021 to 2023" -> (2021, 2022 or 2023). Two
    years must be joined by a dash, a slash or a word ("to", "à", "hasta") and run forwards;
    "2009-10" is October 2009 (ISO), "2009/10" a span; "2021 to" is unreadable.
    """
    tokens = _DATE_TOKEN.findall(fold(text))
    years: list[int] = []  # token positions of the four-digit years
    numbers: list[int] = []  # token positions of the other numbers
    for position, token in enumerate(tokens):
        if token.isdigit():
            if len(token) == 4 and 1900 <= int(token) <= 2100:
                years.append(position)
            elif len(token) > 2:
                return None
            else:
                numbers.append(position)
        elif (token not in _MONTHS and token not in _DATE_FILLERS
              and token not in _DATE_PUNCTUATION and token not in _RANGE_WORDS):
            return None
    if len(years) == 2:
        return _whole_years_span(tokens, years[0], years[1])
    if len(years) != 1 or _RANGE_WORDS.intersection(tokens):  # "2021 to": a span cut short
        return None
    year = int(tokens[years[0]])
    if numbers == [years[0] + 2] and tokens[years[0] + 1] in _RANGE_MARKS:
        return _short_year_span(year, tokens[years[0] + 1], int(tokens[numbers[0]]))
    return year, year


def _whole_years_span(tokens: list[str], first: int, last: int) -> tuple[int, int] | None:
    """The span between the years at token positions ``first`` and ``last``: joined by a dash,
    a slash or a word ("2021/2022", "01/03/2021 - 31/12/2022", "2021 to 2023", "de 2021 à
    2023") and running forwards, else None."""
    start, end = int(tokens[first]), int(tokens[last])
    if start > end or _SPAN_JOINS.isdisjoint(tokens[first + 1:last]):
        return None
    return start, end


def _short_year_span(year: int, mark: str, number: int) -> tuple[int, int] | None:
    """"2021/22" -> (2021, 2022); "2021-03" (ISO year and month) -> (2021, 2021); None when the
    two digits are neither a later year nor a month ("2021/15")."""
    later = year - year % 100 + number
    is_month = 1 <= number <= 12 and mark not in _RANGE_DASHES
    if is_month and (mark == "-" or later <= year):
        return year, year
    return (year, later) if later > year else None


def parse_year(text: str) -> int | None:
    """The year of "2021", "March 2021", "1er mars 2021", "01/03/2021", "2021-03-01"; the first
    year of a span ("2021/22"); else None."""
    span = parse_year_span(text)
    return span[0] if span is not None else None


def is_year_only(text: str) -> bool:
    """True when the value is a bare four-digit year."""
    stripped = text.strip()
    return len(stripped) == 4 and stripped.isdigit()


@lru_cache(maxsize=4096)
def find_value_concept(scheme: str, text: str) -> Concept | None:
    """The concept a value names, trying "Name (ACRONYM)" as the name and as the acronym too."""
    found = find_concept(scheme, text)
    if found is None and (parts := _ACRONYM_SUFFIX.match(text.strip())) is not None:
        found = find_concept(scheme, parts.group("name")) or find_concept(
            scheme, parts.group("acronym"))
    return found


@lru_cache(maxsize=4096)
def read_value_concept(scheme: str, text: str) -> tuple[Concept | None, str | None]:
    """The concept a value names and the language of the value ("fr", "es"; None for the
    English label or no concept): ``find_value_concept`` and ``concept_language`` at once."""
    found = find_value_concept(scheme, text)
    return found, (concept_language(found, text) if found is not None else None)


def concept_language(concept: Concept, text: str) -> str | None:
    """"fr" or "es" when the value is the concept's French or Spanish label, not its English one."""
    key = fold(text).strip()
    if key == fold(concept.label_en):
        return None
    for language in ("fr", "es"):
        if key == fold(concept.labels[language]):
            return language
    return None


@lru_cache(maxsize=16384)
def _split_countries(text: str) -> tuple[tuple[MemberState, ...], tuple[str, ...]]:
    """Gazetteer.split, cached (member state lines recur) and immutable, for sharing."""
    found, unknown = gazetteer().split(text)
    return tuple(found), tuple(unknown)


def split_member_states(text: str) -> tuple[list[MemberState], list[str]]:
    """Countries named on one line and the spans that name no country (see Gazetteer.split)."""
    found, unknown = _split_countries(text)
    return list(found), list(unknown)


def is_country_line(text: str) -> bool:
    """True when the line names one or more countries and nothing else."""
    found, unknown = _split_countries(text)
    return bool(found) and not unknown
