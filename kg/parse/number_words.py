"""Read an amount written in words, in English, French or Spanish ("three hundred thousand",
"deux cent cinquante mille", "trescientos mil"), as a page may write it beside the digits.

Words come folded (``kg.reference.countries.fold``: no case, no accents), "-" as a word.
"""

from __future__ import annotations

_UNITS_AND_TENS = """
zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11
twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19
twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90
zero:0 un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 sept:7 huit:8 neuf:9 dix:10 onze:11
douze:12 treize:13 quatorze:14 quinze:15 seize:16 vingt:20 vingts:20 trente:30 quarante:40
cinquante:50 soixante:60
cero:0 uno:1 una:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9 diez:10 once:11
doce:12 trece:13 catorce:14 quince:15 dieciseis:16 diecisiete:17 dieciocho:18 diecinueve:19
veinte:20 veintiuno:21 veintiun:21 veintiuna:21 veintidos:22 veintitres:23 veinticuatro:24
veinticinco:25 veintiseis:26 veintisiete:27 veintiocho:28 veintinueve:29 treinta:30
cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80 noventa:90 cien:100 ciento:100
doscientos:200 doscientas:200 trescientos:300 trescientas:300 cuatrocientos:400
cuatrocientas:400 quinientos:500 quinientas:500 seiscientos:600 seiscientas:600
setecientos:700 setecientas:700 ochocientos:800 ochocientas:800 novecientos:900 novecientas:900
"""
_ADDED = {word: int(value) for word, _, value in
          (pair.partition(":") for pair in _UNITS_AND_TENS.split())}
_HUNDREDS = frozenset({"hundred", "cent", "cents"})
_SCALES = {"thousand": 3, "mille": 3, "mil": 3, "million": 6, "millions": 6, "millon": 6,
           "millones": 6, "billion": 9, "milliard": 9, "milliards": 9}
_JOINS = frozenset({"and", "et", "y", "-"})
# Words that are numbers and articles alike ("une contribution", "one-off"): no amount alone.
_ARTICLES = frozenset({"one", "un", "une", "uno", "una"})
NUMBER_WORDS = frozenset(_ADDED) | _HUNDREDS | frozenset(_SCALES)
"""Every word ``amount_in_words`` reads as (part of) a number, folded."""


def names_an_amount(words: list[str]) -> bool:
    """True when the folded ``words`` hold a number word that is no article ("three", "mille";
    not "une" in "une contribution")."""
    return any(word in NUMBER_WORDS and word not in _ARTICLES for word in words)


def amount_in_words(words: list[str]) -> int | None:
    """The number the folded ``words`` write ("three hundred and fifty thousand" -> 350000,
    "quatre vingt dix" -> 90, "doscientos mil" -> 200000), or None when a word is no number
    word (nor "and", "et", "y", "-" between them)."""
    total = current = 0
    previous = ""
    read = False  # a number word, not "and" alone
    for word in words:
        if word in ("vingt", "vingts") and previous == "quatre":  # "quatre-vingt(s)": 80
            current += 76
        elif word in _ADDED:
            current += _ADDED[word]
        elif word in _HUNDREDS:
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * 10 ** _SCALES[word]
            current = 0
        elif word not in _JOINS:
            return None
        read = read or word not in _JOINS
        if word != "-":
            previous = word
    return total + current if read else None

