"""Roles the words around organisation names give them: funding, implementing or partner.

A cue before a list of names ("funded by X and Y", "in coordination with X"), a verb after a
name ("X implemented ..."), or "together with X, Y implemented ...". English, French, Spanish.
A verb in the passive ("X funded by Y", "X was funded") makes X what is funded: no role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class Span(Protocol):
    """Where a name is in the text: ``end`` also takes in an acronym after it."""

    start: int
    end: int


# Case-insensitive matching is slow over long texts: first letters are spelled out instead.
_ROLE_CUE = re.compile(
    r"(?P<funding>\b(?:[Ff]unded|[Ff]inanced|[Ss]ponsored)\s+by"
    r"|\b(?:[Ff]unding|[Ff]inancing|[Ff]inancial\s+support|[Gg]rants?)\s+(?:from|of|by|provided\s+by)"
    r"|\b[Dd]onors?\b\s*[,:]?|\b[Ff]inancé(?:e|s|es)?\s+par"
    r"|\b(?:[Ss]outien\s+financier|[Aa]ppui\s+financier|[Ff]inancement)\s+d[eu]"
    r"|\b[Ff]inanciad[oa]s?\s+por|\b(?:[Aa]poyo\s+financiero|[Ff]inanciamiento|[Ff]inanciación"
    r"|[Ff]ondos)\s+del?)"
    r"|(?P<implementing>\b(?:[Ii]mplemented|[Ee]xecuted|[Cc]arried\s+out)\s+by"
    r"|\b[Mm]is(?:e|es)?\s+en\s+œuvre\s+par|\b[Ee]xécutée?s?\s+par"
    r"|\b(?:[Ii]mplementad|[Ee]jecutad)[oa]s?\s+por)"
    r"|(?P<partner>\b[Pp]artnering\s+with|\b[Ii]n\s+partnership\s+with"
    r"|\b[Ii]n\s+(?:close\s+)?(?:coordination|collaboration|cooperation)\s+with|\b[Jj]ointly\s+with"
    r"|\b[Ee]n\s+partenariat\s+avec"
    r"|\b[Ee]n\s+(?:étroite\s+)?(?:coordination|collaboration|coopération)\s+avec"
    r"|\b[Ee]n\s+(?:asociación|coordinación|colaboración|cooperación)\s+con)"
)
_LIST_GLUE = re.compile(
    r"(?:\s|,|\band\b|\bas\s+well\s+as\b|\bor\b|\bet\b|\by\b|\bthe\b|\bl['’]|\ble\b|\bla\b"
    r"|\bles\b|\bel\b|\blos\b|\blas\b|\bdu\b|\bdes\b|\bde\b|\bdel\b|\bits\b|\bboth\b)*",
    re.IGNORECASE,
)
# A cue and the list glue after it, ending where a name starts.
_CUE_BEFORE = re.compile(rf"(?:{_ROLE_CUE.pattern})(?:{_LIST_GLUE.pattern})\Z", re.IGNORECASE)
_CUE_WINDOW = 120
# Words every cue contains: the full cue pattern runs only where one of them is near a name.
_CUE_HINT = re.compile(
    r"(?=[FfSsGgDdIiEeCcMmPpAaJj])(?:[Ff]und|[Ff]inanc|[Ss]ponsor|[Gg]rant|[Dd]onor|[Ii]mplement"
    r"|[Ee]xecut|[Ee]xécut|[Ee]jecut|[Cc]arried|[Mm]is|[Pp]artner|[Pp]artenariat|[Cc]oordina"
    r"|[Cc]olabora|[Cc]ollabora|[Cc]oop|[Aa]sociaci|[Jj]ointly|[Ss]outien|[Aa]ppui|[Aa]poyo"
    r"|[Ff]ondos)"
)
_ACTING_VERB = re.compile(
    r"(?:-|\s*,?\s*(?:(?:has|have|had|will|is|are|was|were|jointly|successfully|also)\s+)*)"
    r"(?:(?P<implementing>implement(?:ed|s|ing))|(?P<funding>funded|funds|financed|finances))\b"
    r"(?!\s+by\b)",  # "X funded by Y": X is what is funded
    re.IGNORECASE,
)
# "X was funded", "X is implemented": X is what is funded or implemented, not who does it.
_PASSIVE = re.compile(
    r"\s*,?\s*(?:(?:has|have|had|will|jointly|successfully|also)\s+)*(?:is|are|was|were)\s+"
    r"(?:(?:jointly|successfully|also)\s+)*(?:implemented|funded|financed)\b",
    re.IGNORECASE,
)
_TOGETHER = re.compile(
    r"\b(?:[Tt]ogether|[Aa]long|[Jj]ointly)\s+with\s+(?P<list>[^.;:!?]*?),?\s+"
    r"(?:(?:has|have|had|will|jointly|successfully|also)\s+)*"
    r"(?P<verb>implement\w*|fund\w*|financ\w*)\b"
)
_CONJUNCTION = re.compile(r"\b(?:and|as\s+well\s+as|et|y|or)\b", re.IGNORECASE)


def find_roles(text: str, mentions: Sequence[Span]) -> list[str | None]:
    """The role the text gives each mention (in text order): a cue before a list of names,
    or a verb after.

    Names after a comma join the cue's list only when an "and" later closes the list, so
    "With funding from X, IOM ..." gives X alone the funding role.
    """
    roles: list[str | None] = [None] * len(mentions)
    chain_role: str | None = None
    pending: list[int] = []
    previous_end = 0

    def roll_back() -> None:
        for undone in pending:
            roles[undone] = None
        pending.clear()

    for index, mention in enumerate(mentions):
        window = max(previous_end, mention.start - _CUE_WINDOW)
        cue = None
        if window < mention.start and _CUE_HINT.search(text, window, mention.start):
            cue = _CUE_BEFORE.search(text, window, mention.start)
        if cue is not None:
            roll_back()
            chain_role = roles[index] = cue.lastgroup
        elif chain_role and index and previous_end <= mention.start and _LIST_GLUE.fullmatch(
                text, previous_end, mention.start):
            roles[index] = chain_role
            if _CONJUNCTION.search(text, previous_end, mention.start):
                pending.clear()
            else:
                pending.append(index)
        else:
            roll_back()
            chain_role = None
        previous_end = max(previous_end, mention.end)
    roll_back()
    for index, mention in enumerate(mentions):
        verb = _ACTING_VERB.match(text, mention.end)
        if roles[index] is None and verb is not None and not _PASSIVE.match(text, mention.end):
            roles[index] = verb.lastgroup
    together = "ogether with" in text or "long with" in text or "ointly with" in text
    for group in _TOGETHER.finditer(text) if together else ():
        role = "implementing" if group["verb"].casefold().startswith("implement") else "funding"
        for index, mention in enumerate(mentions):
            inside = group.start("list") <= mention.start < group.end("list")
            leading = mention.end <= group.start() and _LIST_GLUE.fullmatch(
                text, mention.end, group.start()) is not None
            if (inside or leading) and roles[index] is None:
                roles[index] = role
    return roles
