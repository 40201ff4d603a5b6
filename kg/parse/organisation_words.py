"""Words that build, head and open organisation names, in English, French and Spanish.

``kg.parse.organisations`` reads a run of capitalised words as a name by these: connectors
inside names ("of", "de"), nouns that head a name at its end ("... Unit") or its start
("Ministry of ..."), generic qualifiers ("National") and sentence openers ("The", "With").
"""

from __future__ import annotations

CONNECTORS = frozenset({
    "of", "for", "on", "and", "the", "against", "de", "des", "du", "la", "les", "del", "el", "los",
    "las", "y", "et", "pour", "para", "contra", "d'", "l'", "d’", "l’", "&", "al", "au", "aux",
})
OF_WORDS = frozenset({"of", "for", "on", "against", "de", "des", "du", "del", "d'", "d’", "pour",
                       "para", "contra", "al", "au", "aux"})
AND_WORDS = frozenset({"and", "et", "y", "&"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


END_HEADS = _words("""
    office ministry department agency council commission committee authority bureau directorate
    secretariat service services unit force police organization organisation association
    foundation institute union federation centre center university embassy network coalition
    society court parliament assembly board alliance trust taskforce chamber cross crescent fund
    bank corps guard coastguard gendarmerie tribunal consulate forum government confederation
    academy college
""")
"""Nouns that head a name at its end ("Ghana Police Academy"). Not "school": title case also
gives it to methods and ages ("Farmer Field School", "Primary School age")."""
INITIAL_HEADS = _words("""
    ministry department office government embassy council commission committee bureau
    directorate secretariat agency institute university federation union association court
    parliament consulate organisation organization service unit centre center chamber
    confederation ministère direction département gouvernement ambassade conseil secrétariat
    agence institut université unité commissariat comité cellule ministerio gobierno embajada
    consejo dirección secretaría oficina agencia instituto universidad comisión procuraduría
    fiscalía defensoría policía servicio unidad organización asociación fundación federación
    centro academy college académie academia
""")
GOVERNMENT = frozenset({"government", "gouvernement", "gobierno"})
GENERIC = _words("""
    national regional local provincial district central general joint global international
    country municipal technical working steering project programme program relevant public
    sub-regional subregional coordinating coordination advisory executive head main special new
    governmental interagency inter-agency multi-stakeholder our their its each every all both
    other respective host partner donor key
""")
OPENERS = _words("""
    the this that these those a an in on at with by for from under through during since as while
    after before following similarly furthermore moreover however finally additionally and but
    both its their our le la les el los las un une una con avec selon dans en por par pour para
    des du del de au aux al según desde durante tras ce cette este esta ms mr mrs dr when where
    together meanwhile also thanks grâce gracias lastly yesterday today recently last next then
    if once
""")
PROGRAMME_HEADS = _words("""
    programme program programmes programs initiative initiatives project projects partnership
    strategy framework plan campaign facility mechanism compact process action agenda
    programa proyecto iniciativa estrategia marco projet stratégie cadre
""")
"""Nouns that end the name of a programme rather than of an organisation: a run of capitalised
words ending in one ("IOM Joint Initiative ... Programme") names an undertaking that holds an
organisation's name, and a verb after it is the undertaking's, not the organisation's."""
WORD_ACRONYMS = frozenset({"WHO", "UN"})
"""Acronyms of known organisations that are also words: a word in capitals beside one that is
no organisation's name ("WHO WE ARE", "WHO BENEFITS", "IOM AND WHO SIGN ...") makes it a word
of a line or heading set in capitals, not the organisation. "who", "Who" are never read as it."""
ARTICLE_ACRONYMS = frozenset({"UN"})
"""Word acronyms that are the French or Spanish article ("UN PROJET POUR LES JEUNES"), and no
English word: the article only before a word in capitals (its noun), and never in a run of
capitals holding one of ENGLISH_WORDS ("IOM AND UN PARTNERS LAUNCH ...", "UN AGENCIES MEET IN
DILI")."""
ENGLISH_WORDS = _words("of for and the against to in with from by at")
"""Short words that mark a run of capitals as English: no French or Spanish word is written so
("on" is, the French pronoun)."""
