"""English style checks on measured sentences: passive voice, plain-word swaps and the
signs of wordy writing.

All are deliberately simple and explainable, like the GOV.UK and plainlanguage.gov
guidance they come from: a passive is a form of "be" or "get", up to two adverbs, then a
past participle; a plain word is a phrase from ``rules/plain-words.toml``; a sign of
wordy writing is a phrase from ``rules/hard-words.toml`` (padding such as "it is
important to", or another wordy phrase), or a noun made from a verb (by its ending and
the dictionary) in the verb's place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from fnmatch import fnmatchcase
from functools import cache
from typing import Any

from msgspec import Struct

from openaccess.text.analysis import (
    CODE_SPACE,
    QUOTED_TEXT,
    SECOND_PERSON,
    list_words,
    singulars,
)

_BE = r"(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't)"
_GET = r"(?:get|gets|got|gotten|getting)"
_ADVERB = (
    r"(?:\w+ly|not|also|then|often|still|now|never|always|usually|very|so|too|quite|rather|pretty)"
)
# Adverbs of degree: "was extremely scared" is "be" + adjective, not a passive.
_DEGREE = frozenset({
    "very", "extremely", "so", "too", "quite", "really", "rather", "pretty", "fairly",
    "incredibly", "terribly", "awfully", "somewhat", "deeply", "increasingly", "totally",
    "completely", "truly", "genuinely", "particularly", "especially", "slightly",
})  # fmt: skip
# Regular participles (-ed) and the common irregular ones.
_IRREGULAR = (
    "awoken beaten become begun bent bound bitten blown broken brought built burnt bought "
    "caught chosen come cut dealt done drawn dreamt driven drunk eaten fallen fed felt fought "
    "found flown forbidden forgotten forgiven frozen given gone grown hung had heard hidden hit "
    "held hurt kept known laid led left lent let lit lost made meant met paid put quit read "
    "ridden rung risen run said seen sought sold sent set shaken shown shut sung sunk sat slept "
    "slid spoken spent spun spread stood stolen stuck stung struck sworn swept swum taken "
    "taught torn told thought thrown understood woken worn won withdrawn written"
)
# Words ending in -ed that are not participles, or read as adjectives after "be" ("I am
# interested", "it is based on", "you are supposed to").
_NOT_PARTICIPLES = frozenset({
    "red", "bed", "shed", "feed", "seed", "speed", "indeed", "tired", "interested", "excited",
    "based", "supposed", "concerned", "pleased", "worried", "scared", "surprised", "amazed",
    "bored", "married", "overwhelmed", "frustrated", "confused", "embarrassed", "ashamed",
    "exhausted", "motivated", "inspired", "dedicated", "committed", "experienced", "skilled",
    "qualified", "talented", "sophisticated", "complicated", "advanced", "detailed",
    "related", "attuned", "affiliated",
})  # fmt: skip
# "get" + these is an idiom, not a passive ("get started", "get involved", "get paid").
_GET_IDIOMS = frozenset({
    "started", "involved", "used", "paid", "lost", "stuck", "rid", "dressed", "acquainted",
    "accustomed", "engaged", "hooked", "done", "set", "left", "read", "hit", "hurt", "sick",
    "bored", "tired", "excited", "burnt", "burned", "attached", "organized", "organised",
    "ready", "let", "put", "cut", "come", "gone", "had",
})  # fmt: skip
_PARTICIPLE_FORMS = rf"\w+ed|{'|'.join(_IRREGULAR.split())}"
_PARTICIPLE = rf"(?P<participle>{_PARTICIPLE_FORMS})"
_PASSIVE = re.compile(
    rf"\b(?P<verb>{_BE}|{_GET})\s+(?P<adverbs>(?:{_ADVERB}\s+){{0,2}}){_PARTICIPLE}\b",
    re.IGNORECASE,
)


# Where a passive may start: a form of "be" or "get" then a space (a little more than
# that: each place is then tried with _PASSIVE). Its first letter is a plain character
# class ("i" also as "\u0130" and "\u0131", which a case-insensitive "i" matches), so a
# search skips from one such letter to the next instead of trying _PASSIVE everywhere.
_VERB_START = re.compile(
    r"[aAbBgGiIwW\u0130\u0131](?<!\w.)"
    r"(?i:m|s|re|as|ere|e|een|eing|sn't|ren't|asn't|eren't|et|ets|ot|otten|etting)\s"
)


def _passive_matches(sentence: str) -> Iterator[re.Match[str]]:
    """``_PASSIVE.finditer(sentence)``, tried only where ``_VERB_START`` finds a verb."""
    end = 0
    for verb in _VERB_START.finditer(sentence):
        if verb.start() >= end and (match := _PASSIVE.match(sentence, verb.start())):
            end = match.end()
            yield match


def _is_adjective_or_name(participle: str) -> bool:
    """ "is Closed" (a state's name, often in code), "is unspecified" (un-...-ed reads as
    an adjective, not as something done by someone)."""
    return participle[:1].isupper() or (
        participle[:2].lower() == "un" and participle[-2:].lower() == "ed"
    )


def _passives(sentence: str, allowed: re.Pattern[str] | None) -> Iterator[re.Match[str]]:
    """The passive constructions of an English sentence, in order.

    A construction inside a match of ``allowed`` (``passive_allow``) is not one. Those
    matches are looked for only in a sentence with a construction (most have none)."""
    allowed_spans: list[tuple[int, int]] | None = None
    for match in _passive_matches(sentence):
        written = match.group("participle")
        participle = written.lower()
        if participle in _NOT_PARTICIPLES or _is_adjective_or_name(written):
            continue
        if _DEGREE.intersection(match.group("adverbs").lower().split()):
            continue  # "was extremely scared": an adjective
        if match.group("verb").lower().startswith("g") and participle in _GET_IDIOMS:
            continue
        if allowed_spans is None:
            allowed_spans = [m.span() for m in allowed.finditer(sentence)] if allowed else []
        if any(start <= match.start() and match.end() <= end for start, end in allowed_spans):
            continue
        yield match


def passive_phrase(sentence: str, allowed: re.Pattern[str] | None = None) -> str | None:
    """The first passive construction in an English sentence ("is expected"), if any."""
    match = next(_passives(sentence, allowed), None)
    return " ".join(match.group(0).replace(CODE_SPACE, " ").split()) if match else None


# Which passives are worth a writer's time. Careful editors, reading real pages, leave
# most passives alone: "after the response is sent", "from which a route is called",
# "the object is nested", "SSE is commonly used for". Two kinds they rewrite: a passive
# that names its doer ("is defined by PowerShell": the doer can be the subject), and a
# modal passive in a main clause, where the hidden doer is usually the reader ("must be
# saved": "save"; "can be used": "you can use").
_NAME = r"[\w$#@](?:[\w$#@.:/+\ue000-]*[\w$#@])?"  # a word, or a name: New-PSDrive, try/catch
# A doer's first name may also be written as code that starts with a mark: .NET, *-History.
_DOER_HEAD = r"[\w$#@.*](?:[\w$#@.:/+*\ue000-]*[\w$#@])?"
_DETERMINER = r"(?:the|a|an|its|their|your|our|this|these|those|each|all|any)"
# Words that end the doer's name ("by Group Policies and", "by the parameters of", "by
# this rule instead"), and that cannot start it: "governed by and construed by the laws".
# A possessive goes on to its noun: "by the new solver's term".
_AFTER_DOER = (
    r"(?:and|or|of|in|on|at|to|for|from|with|without|into|through|via|as|than|like|if|under|"
    r"when|while|after|before|during|because|that|which|but|so|is|are|was|were|be|can|"
    r"will|must|should|may|might|would|could|has|have|only|using|instead|too|also|again|"
    r"here|there|first|later|anyway|either|already|yesterday|today|tomorrow|now|then|"
    r"where|whether|what|how|why|who|whom|"
    r"last(?=\s+(?:week|month|year|night|quarter|spring|summer|autumn|fall|winter)\b)|"
    r"\w+ly|\w+ed(?=\s+by\b))(?![\w-])"
)  # a time: "by the editors last week"; a participle with a "by" of its own: "by a team
# orchestrated by the customer";
# a word ends before a space, not a hyphen: "by permanent in-house teams" goes on.
_AFTER_DOER_WORD = re.compile(_AFTER_DOER, re.IGNORECASE)
_DOER_WORDS = rf"(?:\s+(?!{_AFTER_DOER}){_NAME}(?:['’]s)?){{0,2}}"
# A proper name goes on in capitals past the doer's usual words, an initial's full stop
# too: "by the OpenSSF Best Practices Working Group", "by David A. Wheeler".
_NAME_GOES_ON = re.compile(
    r"(?P<stop>(?<=(?<![\w.])[A-Z])\.)?\s+(?P<word>(?:&\s+)?[A-Z][\w'’-]*)"
)  # "by the Data & Analytics Team" too
_NOT_IN_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "i",
})  # fmt: skip
_BY_DOER = re.compile(
    rf"\s+by\s+(?P<doer>(?:{_DETERMINER}\s+)?(?!{_DETERMINER}\s|{_AFTER_DOER})"
    rf"(?P<head>{_DOER_HEAD}(?:['’]s)?){_DOER_WORDS}"
    # Two names share the doer's words: "by the Enable-PSTrace and Disable-PSTrace
    # cmdlets", "by the Windows and PowerShell policies".
    rf"(?:\s+(?:and|or)\s+(?-i:[A-Z])(?!{_AFTER_DOER}){_NAME}{_DOER_WORDS})?)",
    re.IGNORECASE,
)
_BY = re.compile(r"\s+by\b", re.IGNORECASE)
# A second participle that shares the passive's "be" and names the doer of both: "can be
# referenced and outputted by terraform".
_AND_PARTICIPLE = re.compile(
    rf"\s+(?:and|or)\s+(?:{_ADVERB}\s+)?(?:{_PARTICIPLE_FORMS})(?=\s+by\b)",
    re.IGNORECASE,
)
# Participles whose "by" tells how or in what order, not who: "separated by commas",
# "followed by", "replaced by its value", "sorted by name", "increased by 1".
_BY_MEANS = frozenset({
    "accompanied", "aggregated", "arranged", "backed", "bounded", "categorised",
    "categorized", "characterized", "classified", "clustered", "combined", "connected",
    "decreased", "decremented", "delimited", "denoted", "divided", "enclosed", "filtered",
    "followed", "grouped", "identified", "incremented", "increased", "indexed", "joined",
    "keyed", "measured", "multiplied", "offset", "ordered", "organised", "organized",
    "partitioned", "passed", "powered", "preceded", "prefixed", "reduced", "replaced",
    "represented", "segmented", "separated", "sorted", "subdivided", "suffixed",
    "surrounded",
})  # fmt: skip
# Words after "by" that are no doer: "by default", "by hand", "by name", "by the time".
_NOT_DOERS = frozenset({
    "accident", "category", "chance", "comparison", "consensus", "contrast", "convention", "date",
    "default", "definition", "design", "email", "end", "far", "hand", "herself", "himself",
    "itself", "mail", "means", "mistake", "name", "now", "number", "phone", "position",
    "reference", "region", "request", "role", "size", "then", "themselves", "time", "type",
    "value", "way",
})  # fmt: skip
_OR_MORE = re.compile(r"\s+or\s+(?:more|fewer|less)\b", re.IGNORECASE)
# Words that end a "by" of means, not of a doer: "reached by other means".
_MEANS_NOUNS = frozenset({"means", "way", "ways"})
# Heads that start a quantity, not a name: "used by more than one session".
_QUANTITIES = frozenset({"fewer", "less", "more"})
# A modal right before the passive's "be" (up to two adverbs between): "can be used",
# "must not be changed", "needs to be installed". "Will be" and "would be" are left out:
# they tell what a program does next ("the value will be dropped"), which reads fine.
_MODAL_BEFORE = re.compile(
    r"\b(?P<modal>can|cannot|can['’]t|must|mustn['’]t|should|shouldn['’]t|"
    r"(?:need|needs|has|have) to)\s+(?:(?:not|also|only|still|then|always|never|\w+ly)\s+){0,2}$",
    re.IGNORECASE,
)
# "Cannot be changed", "can never be changed": a limit of the thing, nobody can. "Must
# not be" is an order.
_CANNOT = re.compile(r"can(?:not|['’]t|\s+not|\s+never)\b", re.IGNORECASE)
_MODAL_REACH = 60  # characters before "be" where ``_MODAL_BEFORE`` looks
# What opens a subordinate or relative clause: a modal passive there tells a condition
# or describes a noun ("if the module can't be imported", "methods that can be called").
_SUBORDINATORS = frozenset({
    "after", "although", "as", "because", "before", "how", "if", "once", "since", "than",
    "that", "though", "unless", "until", "what", "whenever", "when", "where", "wherever",
    "whether", "which", "while", "who", "whom", "whose", "why",
})  # fmt: skip
# A relative clause after a noun ("the verbs that are available") has a form of "be";
# the next one, or a modal, is the main clause's verb ("...are determined by").
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
_FINITE_BE = frozenset({"is", "are", "was", "were"})
_MAIN_VERB_AFTER_RELATIVE = _FINITE_BE | {
    "can", "cannot", "can't", "can’t", "must", "mustn't", "mustn’t", "should", "shouldn't",
    "shouldn’t", "need", "needs", "has", "have", "had",
}  # fmt: skip
# ...unless a conjunction joins it to the relative clause, adverbs between or not:
# "modules that are installed and (then) can be imported".
_CONJUNCTIONS = frozenset({"and", "or", "but"})
# Verbs whose "that" opens the sentence's point, not a relative clause: "Note that the
# module must be imported".
_POINT_VERBS = frozenset({"ensure", "mean", "means", "mind", "note", "remember", "sure"})
_THAT_OPENS_MAIN = _POINT_VERBS | {"", ","}  # also at a clause's start: "That file..."
# Where a clause ends, and the words in it. A comma, semicolon or colon ends one only
# before a space: not in "maml:para" or "1,000".
_CLAUSE_TOKEN = re.compile(r"[,;:](?!\S)|[()\u2013\u2014]|\s-\s|\w[\w'’]*")


class Passive(Struct, frozen=True):
    """A passive worth rewriting, and how."""

    phrase: str  # "is defined by PowerShell", "can be used"
    advice: str  # 'make "PowerShell" the subject'


# Words that open an aside after a comma: "HTML controls, such as buttons, can be used".
_ASIDE_OPENERS = frozenset({"such", "including", "especially", "notably"})


class _Clauses:
    """Whether a place in a sentence is in a main clause: the words since the last
    comma, semicolon, colon or dash hold no subordinator. A relative clause after a noun
    also ends at the next form of "be" once it has one: "The verbs that are available
    are determined by..." Words in brackets are a clause of their own, and the clause
    around them goes on after them. Places are asked in order and each token is read once
    (linear time)."""

    def __init__(self, sentence: str) -> None:
        self.tokens = _CLAUSE_TOKEN.finditer(sentence)
        self.pending: re.Match[str] | None = None
        self.subordinate = False
        self.previous = ""  # the clause's last word, lowercased ("" at its start)
        self.relative = 0  # forms of "be" read in a relative clause after a noun
        self.outside_relative = False  # whether the clause around that one is subordinate
        self.joined = False  # a conjunction since the last verb: "installed and then can be"
        self.outer: list[tuple[bool, str, int, bool]] = []  # clauses around open brackets
        # The clause at the last comma, and the one an aside after a comma interrupts
        # ("when HTML controls, such as buttons, can be used"): it goes on after the
        # aside when a verb follows it (``resumable``).
        self.at_comma: tuple[bool, int, bool] | None = None
        self.aside: tuple[bool, int, bool] | None = None
        self.resumable: tuple[bool, int, bool] | None = None

    def main_clause_at(self, place: int) -> bool:
        """Whether ``place`` is in a main clause, after the first word of its sentence,
        bracket or dash-led item ("Can't be changed." alone is a terse definition, not a
        sentence to rewrite)."""
        while True:
            token = self.pending or next(self.tokens, None)
            if token is None or token.start() >= place:
                self.pending = token
                ends_relative = (
                    token is not None
                    and self.relative == 2
                    and not self.joined
                    and token.group(0).lower() in _MAIN_VERB_AFTER_RELATIVE
                )
                subordinate = self.outside_relative if ends_relative else self.subordinate
                if self.resumable is not None and token is not None:
                    resumes = token.group(0).lower() in _MAIN_VERB_AFTER_RELATIVE
                    subordinate = self.resumable[0] if resumes else subordinate
                return self.previous not in ("", "(") and not subordinate
            self.pending = None
            self._read(token.group(0).lower())

    def _read(self, token: str) -> None:
        if token == "(":
            self.outer.append(
                (self.subordinate, self.previous, self.relative, self.outside_relative)
            )
            self.subordinate, self.previous, self.relative = False, "(", 0
        elif token == ")" and self.outer:
            state = self.outer.pop()
            self.subordinate, self.previous, self.relative, self.outside_relative = state
        elif not (token[0].isalnum() or token[0] == "_"):  # a comma, a dash...
            self._read_mark(token)
        else:
            if self.previous == "," and token in _ASIDE_OPENERS:
                self.aside = self.at_comma
            if self.resumable is not None and token in _MAIN_VERB_AFTER_RELATIVE:
                self.subordinate, self.relative, self.outside_relative = self.resumable
                self.aside = None
            self.resumable = None
            if token in _SUBORDINATORS and not (
                token == "that" and self.previous in _THAT_OPENS_MAIN
            ):  # "That file must be saved", "Note that it must be saved": main clauses
                if token in _RELATIVE_PRONOUNS:
                    self.relative, self.outside_relative = 1, self.subordinate
                else:
                    self.relative = 0
                self.subordinate, self.joined = True, False
            elif token in _CONJUNCTIONS:
                self.joined = True
            elif token in _MAIN_VERB_AFTER_RELATIVE:
                if self.relative == 1 and token in _FINITE_BE:
                    self.relative = 2  # the relative clause's own verb
                elif self.relative == 2 and not self.joined:
                    self.subordinate, self.relative = self.outside_relative, 0  # the next verb
                self.joined = False
            self.previous = token

    def _read_mark(self, token: str) -> None:
        """After a comma the sentence has begun: "The value, which is a string, is set by
        the cmdlet." But when the comma closes an aside ("such as buttons and links,") and
        a verb follows, the clause the aside interrupted goes on: "when HTML controls, such
        as buttons, can be used". A dash or a colon may start a terse item: "Constant -
        Can't"."""
        clause = (self.subordinate, self.relative, self.outside_relative)
        self.resumable = self.aside if token == "," else None
        self.at_comma = clause if token == "," else None
        if token != ",":
            self.aside = None  # an aside's list goes on across commas: "such as A, B, and C"
        self.previous = "," if token == "," else ""
        self.subordinate, self.relative, self.joined = False, 0, False


def rewritable_passive(sentence: str, allowed: re.Pattern[str] | None = None) -> Passive | None:
    """The first passive in a main clause of an English sentence that a careful editor
    would rewrite: one with its doer ("is set by the cmdlet"), or a modal one ("must be
    installed"). Other passives count for the page's share but are not worth a finding:
    in a relative clause ("the variables that are exported by the module") the rewrite
    gains nothing, and "cannot be changed" states a limit, with no doer hidden."""
    clauses = _Clauses(sentence)
    for match in _passives(sentence, allowed):
        if match.group("participle").lower() in _BY_MEANS and _BY.match(sentence, match.end()):
            continue  # "can be separated by commas": "by" tells how, no doer is hidden
        if _no_clause_verb(sentence, match):
            continue
        phrase_end = match.end()
        by = _BY_DOER.match(sentence, phrase_end)
        if by is None and (joined := _AND_PARTICIPLE.match(sentence, phrase_end)):
            phrase_end = joined.end()  # "released and returned by free"
            by = _BY_DOER.match(sentence, phrase_end)
        doer = _doer(by)
        modal = _modal_start(sentence, match)
        if doer is None and (modal is None or _states_a_rule(sentence, modal)):
            continue
        start = match.start() if modal is None else modal
        if not clauses.main_clause_at(start):
            continue
        if doer is not None:
            doer = doer.replace(CODE_SPACE, " ")
            phrase = f"{sentence[start:phrase_end]} by {doer}"
            return Passive(" ".join(phrase.split()), f'make "{doer}" the subject')
        phrase = " ".join(sentence[modal : match.end()].split())
        return Passive(phrase, 'say who does it (often "you")')
    return None


def _doer(by: re.Match[str] | None) -> str | None:
    """Who does it, when "by" right after the participle names them."""
    if by is None:
        return None
    head = by.group("head").lower()
    doer = by.group("doer").split()
    # "by using", "by the following element", "by threat hunting" (a method), but not
    # "by long-running tasks" nor "by Mary Manning"
    method = len(doer) == 2 and doer[0].islower() and doer[1].islower()
    gerund = (head.endswith("ing") or (method and doer[1].endswith("ing"))) and "-" not in head
    if head in _NOT_DOERS or gerund or head.endswith("ly") or head[0].isdigit():
        return None  # "by default", "by using", "by recursively calling", "by 2"
    if head in _QUANTITIES or doer[-1].lower() in _MEANS_NOUNS:
        return None  # "by more than one configuration", "by other means"
    if _OR_MORE.match(by.string, by.end()):
        return None  # "by one or more of the following": a count, its name ends later
    if not any(character.isalnum() for character in head):
        return None  # code that names no one: "by `..=`"
    return " ".join(doer) + _rest_of_name(by)


def _rest_of_name(by: re.Match[str]) -> str:
    """The capitalised words that go on a doer whose last word is capitalised (see
    ``_NAME_GOES_ON``), with their spaces; "" when there are none."""
    if not by.group("doer").split()[-1][:1].isupper():
        return ""
    rest, end = "", by.end()
    while (more := _NAME_GOES_ON.match(by.string, end)) and not _ends_name(more.group("word")):
        rest += f"{more.group('stop') or ''} {more.group('word')}"
        end = more.end()
    return rest


def _ends_name(word: str) -> bool:
    return word.lower() in _NOT_IN_NAMES or _AFTER_DOER_WORD.fullmatch(word) is not None


_FINITE_BEFORE = re.compile(
    r"(?:\b(?:am|is|are|was|were)|['’](?:s|re|m))\s+(?:(?:not|\w+ly)\s+)?$", re.IGNORECASE
)


def _no_clause_verb(sentence: str, match: re.Match[str]) -> bool:
    """Whether a passive is a participle phrase, no clause's verb: "memory not being
    used by applications", "changes being made by the user". After a form of "be" it is
    one: "it's being used by people"."""
    if match.group("verb").lower() != "being":
        return False
    return not _FINITE_BEFORE.search(sentence, max(0, match.start() - 30), match.start())


def _states_a_rule(sentence: str, modal: int) -> bool:
    """Whether a modal passive with no doer states a limit or a requirement, not a task
    with a hidden doer: "cannot be changed" (nobody can), or a specification's "MUST be
    set", whose capitals (RFC 2119) make the passive its accepted register."""
    if _CANNOT.match(sentence, modal):
        return True
    word = _WORD.match(sentence, modal)
    return word is not None and len(word.group(0)) > 1 and word.group(0).isupper()


def _modal_start(sentence: str, match: re.Match[str]) -> int | None:
    """Where the modal before a passive's bare "be" starts ("can", "must", "needs to")."""
    if match.group("verb").lower() != "be":
        return None
    before = _MODAL_BEFORE.search(sentence, max(0, match.start() - _MODAL_REACH), match.start())
    return before.start("modal") if before is not None else None


_WORD = re.compile(r"\w+")
_NEXT_TOKEN = re.compile(r"\s*(\w+|[^\w\s])")
_PREVIOUS_TOKEN = re.compile(r"(\w+(?:['’]\w+)?|[^\w\s])\s*$")  # "don't" is one word
_SENTENCE_END = re.compile(r"(?:^|[.!?:][\"'”’)\]]*)\s*$")
NEAR_WORDS = 6  # ``not_near`` looks this many words ahead
# Words of degree that govern both words joined by "and": "more detailed and numerous".
_DEGREE_WORDS = frozenset({"more", "most", "less", "least", "fewer", "very", "so", "too"})
# A character joined to the phrase that makes it part of a name or keyword: #Requires,
# $additional, requires-comment, utilize(x), obtain.Value.
_NAME_BEFORE = frozenset("#$@-./\\_")
_NAME_AFTER = re.compile(r"[-_(]|\.\w|=")
# Two capitalised words next (or acronyms): the phrase starts a title-case name
# ("Additional Status Codes", "Additional JSON Schema Details"), not a sentence ("Utilize
# Docker to build", "Obtain GitHub tokens").
_TITLE_WORD = r"[A-Z](?:[a-z]|[A-Z0-9]+\b)"
_CAPITALISED_NEXT = re.compile(rf"[ \t]+{_TITLE_WORD}\w*[ \t]+{_TITLE_WORD}")
SWAP_KEYS = ("use", "not_before", "not_after", "only_before", "only_after", "not_near", "start")
# A modal cannot follow "do": a swap to one fits no question that opens with it.
_MODALS = frozenset({"can", "must", "may", "should", "will"})
_DO_QUESTION = re.compile(r"(?:^|[.!?:]\s+)(?:do|does|did)(?:n['’]t)?\s[^.!?:]*$", re.IGNORECASE)


class Swap(Struct, frozen=True):
    """A plainer alternative and where it fits the grammar (``rules/plain-words.toml``):
    the next word (or punctuation mark) must not match ``not_before`` and, when
    ``only_before`` is set, must match it; the same for the previous one with
    ``not_after``/``only_after`` (``*`` matches any letters: ``*ing``); none of the
    ``not_near`` words or phrases among the next six words; ``start``: true only at the
    start of a sentence, false never there."""

    use: str
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    only_before: tuple[str, ...] | None = None
    only_after: tuple[str, ...] | None = None
    not_near: tuple[str, ...] = ()
    start: bool | None = None

    @classmethod
    def parse(cls, value: str | dict[str, Any]) -> Swap:
        if isinstance(value, str):
            return cls(value)

        def words(key: str) -> tuple[str, ...]:
            return tuple(" ".join(word.lower().split()) for word in value.get(key, ()))

        return cls(
            value["use"],
            words("not_before"),
            words("not_after"),
            words("only_before") if "only_before" in value else None,
            words("only_after") if "only_after" in value else None,
            words("not_near"),
            value.get("start"),
        )

    def fits(self, text: str, start: int, end: int) -> bool:
        """Whether the swap fits the words around ``text[start:end]``."""
        after = _NEXT_TOKEN.match(text, end)
        following = after.group(1).lower() if after else ""
        if _matches(following, self.not_before) or (
            self.only_before is not None and not _matches(following, self.only_before)
        ):
            return False
        before = _PREVIOUS_TOKEN.search(text, max(0, start - 40), start)
        preceding = before.group(1).lower() if before else ""
        if self._after(text, start, preceding, self.not_after) or (
            self.only_after is not None and not self._after(text, start, preceding, self.only_after)
        ):
            return False
        if preceding in ("and", "or") and self.not_after and self._shared_word_before(text, start):
            return False
        if self.not_near:
            ahead = _WORD.findall(text, end, min(len(text), end + 120))[:NEAR_WORDS]
            window = f" {' '.join(ahead).lower()} "
            if any(f" {phrase} " in window for phrase in self.not_near):
                return False
        if self.use in _MODALS and _DO_QUESTION.search(text, max(0, start - 200), start):
            return False  # "Do all members have the ability to...?": no "Do all members can"
        return self.start is None or sentence_start(text, start) == self.start

    @staticmethod
    def _after(text: str, start: int, preceding: str, patterns: tuple[str, ...]) -> bool:
        """Whether the word before the phrase is one of ``patterns``; "^" stands for a
        sentence's start."""
        if _matches(preceding, patterns):
            return True
        return "^" in patterns and sentence_start(text, start)

    def _shared_word_before(self, text: str, start: int) -> bool:
        """Whether a degree word the swap may not follow governs the word before "and" or
        "or" too: "more detailed and numerous" is "more numerous", so no "many" fits."""
        words = _WORD.findall(text, max(0, start - 80), start)[-3:]
        if len(words) < 3 or (degree := words[0].lower()) not in _DEGREE_WORDS:
            return False
        return _matches(degree, self.not_after)


def _matches(word: str, patterns: tuple[str, ...]) -> bool:
    """``word`` equals one of ``patterns``, where ``*`` stands for any letters."""
    return any(fnmatchcase(word, pattern) for pattern in patterns) if word else False


def sentence_start(text: str, index: int) -> bool:
    """Whether ``text[index:]`` starts a sentence (or a block, or follows a colon)."""
    return _SENTENCE_END.search(text, max(0, index - 20), index) is not None


def _is_name(text: str, start: int, end: int) -> bool:
    """A keyword, identifier or proper name, not a word to swap: joined to code-like
    characters (#Requires, requires-comment), all capitals, capitalised in the middle
    of a sentence (the Terminate method, the Additional Properties tab), or the first of
    three capitalised words ("Additional Status Codes", a feature's name)."""
    if start and text[start - 1] in _NAME_BEFORE:
        return True
    if _NAME_AFTER.match(text, end):
        return True
    found = text[start:end]
    if len(found) > 1 and found.isupper():
        return True
    if not found[:1].isupper():
        return False
    if not sentence_start(text, start):
        return True
    title_case = all(word[:1].isupper() for word in found.split())
    return title_case and _CAPITALISED_NEXT.match(text, end) is not None


class PlainWord(Struct, frozen=True):
    """A phrase with a plainer alternative, found in a text."""

    start: int  # indices into the searched text
    end: int
    found: str
    suggestion: str


class PlainWords:
    """A phrase -> plainer alternative list, matched case-insensitively on word
    boundaries, offered only where the swap fits the grammar and the phrase is a word
    (not code, a keyword or a name)."""

    def __init__(self, swaps: dict[str, str | dict[str, Any]]) -> None:
        self.swaps = {
            " ".join(k.lower().split()): Swap.parse(v) for k, v in swaps.items() if k.strip()
        }
        phrases = sorted(self.swaps, key=len, reverse=True)
        alternation = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        self.pattern = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE) if phrases else None
        self.first_words = frozenset(p.split()[0] for p in phrases)
        # Each phrase's words, filed under its longest one (the least common, as a rule):
        # a block holds a phrase only if it holds all of its words.
        self.by_word: dict[str, list[frozenset[str]]] = {}
        for phrase in phrases:
            words = _WORD.findall(phrase) or [""]  # "" holds a phrase of punctuation alone
            self.by_word.setdefault(max(words, key=len), []).append(frozenset(words))

    def find(self, text: str, code: Sequence[tuple[int, int]] = ()) -> list[PlainWord]:
        """Each phrase on the list in ``text`` whose swap fits, never inside a code span
        (``code``)."""
        found: list[PlainWord] = []
        if self.pattern is None or not self._may_hold_phrase(text):
            return found
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position or word.group().lower() not in self.first_words:
                continue
            match = self.pattern.match(text, word.start())
            if match is None or any(a < match.end() and match.start() < b for a, b in code):
                continue
            start, end = match.span()
            words = match.group(0)
            # None: a letter the expression matched without case that lowercases to
            # another ("aſ" for "as"): not the phrase on the list.
            swap = self.swaps.get(" ".join(words.lower().split()))
            if swap is None or _is_name(text, start, end) or not swap.fits(text, start, end):
                continue
            found.append(PlainWord(start, end, words, match_case(words, swap.use)))
            position = end
        return found

    def _may_hold_phrase(self, text: str) -> bool:
        """Whether ``text``, lowercased, holds every word of some phrase: ``find`` finds
        none otherwise. Most blocks hold no phrase, but nearly all hold a first word
        ("in", "a"), so this spares ``find`` a look at each of their words."""
        words = set(_WORD.findall(text.lower()))
        words.add("")
        return any(
            phrase <= words for key in self.by_word.keys() & words for phrase in self.by_word[key]
        )


def match_case(original: str, replacement: str) -> str:
    """Keep a capital first letter ("Utilize" -> "Use")."""
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def _frozen(value: Any) -> Any:
    """A hashable copy of a plain-words entry, for the compiled-list cache."""
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return {k: list(v) if isinstance(v, tuple) else v for k, v in value}
    return value


@cache
def _compiled(items: tuple[tuple[str, Any], ...]) -> PlainWords:
    return PlainWords({phrase: _thawed(value) for phrase, value in items})


def plain_words(swaps: dict[str, Any]) -> PlainWords:
    """A compiled list, shared between pages and rules."""
    return _compiled(tuple(sorted((k, _frozen(v)) for k, v in swaps.items())))


# -- wordy, abstract sentences (OA503) -------------------------------------------------------
# A noun made from a verb or an adjective ("suppression" from "suppress", "readability"
# from "readable"): its ending, and the endings of the word it may be made from. A noun
# counts only when the dictionary (CMUdict, the syllable table) has that word, so
# "environment" or "function" (no "environ", "funct") are not taken for one.
NOUN_ENDINGS = (
    ("ication", ("y",)),
    ("ization", ("ize",)),
    ("isation", ("ise",)),
    ("ation", ("", "e", "ate")),
    ("ition", ("", "e", "it")),
    ("ution", ("ve", "ute")),
    ("ption", ("be", "pt")),
    ("ction", ("ct", "ce")),
    ("ssion", ("ss", "t", "de")),
    ("sion", ("de", "d", "se", "t")),
    ("tion", ("t", "te")),
    ("ment", ("",)),
    ("ance", ("", "e", "ant")),
    ("ence", ("", "e", "ent")),
    ("ancy", ("ant", "")),
    ("ency", ("ent", "")),
    # "-ity" makes nouns from adjectives, each ending its own: "readability" from
    # "readable", "popularity" from "popular". Not from any word the dictionary has:
    # "authority" is not made from "author", nor "priority" from "prior".
    ("ability", ("able",)),
    ("ibility", ("ible",)),
    ("ility", ("ile",)),
    ("ality", ("al",)),
    ("arity", ("ar",)),
    ("icity", ("ic",)),
    ("ivity", ("ive",)),
    ("idity", ("id",)),
    ("osity", ("ous",)),
    ("iness", ("y",)),
    ("ness", ("",)),
)
_ENDINGS = tuple(ending for ending, _ in NOUN_ENDINGS)
MIN_STEM = 4  # letters: shorter "stems" are chance words ("nation" is not from "n")
NOUN_SYLLABLES = 3  # "action" and "motion" are short words
# Words that may come between a light verb and its noun ("enables the capture or
# suppression"), besides one other word; so "allows you to access the configuration"
# has no light verb.
_LIGHT_GAP = frozenset({"a", "an", "the", "this", "that", "its", "their", "your", "our",
                        "some", "any", "further", "more", "or", "and"})  # fmt: skip
LIGHT_WINDOW = 4  # words back from the noun
SWAP_SLACK = 2  # words either side of where an OA506 phrase is looked for
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "your", "our"})


def made_noun(word: str, known: Callable[[str], bool]) -> str | None:
    """The singular of a lowercased ``word`` that is a noun made from a verb or an
    adjective the dictionary (``known``) has: "requirements" -> "requirement"."""
    for noun in (word, *singulars(word)):
        if not noun.endswith(_ENDINGS):
            continue
        for ending, stems in NOUN_ENDINGS:
            if noun.endswith(ending):
                root = noun[: -len(ending)]
                if any(len(root + s) >= MIN_STEM and known(root + s) for s in stems):
                    return noun
    return None


class Wording(Struct, frozen=True):
    """What makes a sentence wordy, each in one place the writer could mend with a verb
    or one plain word: wordy ``phrases`` from the list ("in an appropriate manner", "be
    able to"), ``constructions`` that put a noun made from a verb in the verb's place
    ("the declaration of", "allows the collection"), and ``padding``: phrases that put
    empty words before the point ("it is important to", "it is recommended that").
    ``advice``: what to write instead of a phrase, where the list says ("provides the
    ability to" -> "lets you"; "" to cut it).

    A noun alone is no sign: technical writing names things with such nouns
    ("replication and concatenation"), and readers found a message that named one
    ("alternation") no help. A sentence needs signs in several places to be wordy, or
    padding: one other phrase is a swap, OA506's job."""

    phrases: tuple[str, ...] = ()
    constructions: tuple[str, ...] = ()
    padding: tuple[str, ...] = ()
    advice: tuple[tuple[str, str], ...] = ()  # (phrase as written, what to write instead)

    @property
    def signs(self) -> int:
        return len(self.padding) + len(self.phrases) + len(self.constructions)

    @property
    def all_advised(self) -> bool:
        """Whether the list says what to write instead of every sign: a message then
        needs no general "use verbs and plain words"."""
        advised = {phrase for phrase, _ in self.advice}
        return not self.constructions and advised.issuperset((*self.padding, *self.phrases))

    def describe(self, shown: int) -> str:
        """The first ``shown`` of them, quoted, each with what to write instead where the
        list says, for a message: ``cut "It's important to note that"; "provides the
        ability to" -> "lets you"; "in a generic fashion"`` (commas when none has advice:
        ``"in the absence of", "the replication of"``)."""
        advice = dict(self.advice)
        found = [
            _advised(sign, advice.get(sign))
            for sign in (*self.padding, *self.phrases, *self.constructions)
        ]
        between = "; " if advice else ", "
        return between.join(found[:shown]) + (f"{between}…" if len(found) > shown else "")


def _advised(sign: str, advice: str | None) -> str:
    if advice is None:
        return f'"{sign}"'
    if not advice:
        return f'cut "{sign}"'
    return f'"{sign}" -> "{match_case(sign, advice)}"'


# One word of a wordy phrase: the words it may be (None: any word, ``*``).
PhraseWord = frozenset[str] | None
NAME_LETTERS = 4  # a phrase with a name this long among its words is no sign (code)
ADVICE = "->"  # in a list entry: "provide the ability to -> lets you"
NOT_AFTER = "!"  # a first word "!{must}": the phrase is no sign after these words
NOT_BEFORE = "!"  # a last word "!understand": nor before these


class Phrase(Struct, frozen=True):
    """One entry of the ``wordy`` or ``padding`` list (``rules/hard-words.toml``).

    ``words``: what each place may hold. ``padded``: a padding phrase. ``advice``: what
    to write instead ("" to cut it; None: the list does not say), where ``{let}`` is the
    word of the ``let`` forms group in the place the matched verb has in its own group
    ("provided" -> "let"). ``not_after``: words it is no sign after ("must have the
    ability to" has no plainer form); ``not_before``: words it is no sign before ("it is
    important to understand the rules": cut, it leaves "Understand the rules", an order
    no one can follow). ``groups``: each place's forms group, in order."""

    words: tuple[PhraseWord, ...]
    padded: bool
    advice: str | None = None
    not_after: frozenset[str] = frozenset()
    groups: tuple[tuple[str, ...] | None, ...] = ()
    not_before: frozenset[str] = frozenset()

    @property
    def to_reader(self) -> bool:
        """Whether its advice speaks to the reader ("lets you"): it fits only a page that
        does too. A language specification that never says "you" would change register."""
        return bool(self.advice) and not SECOND_PERSON.isdisjoint(self.advice.lower().split())

    def advice_for(self, matched: list[str], forms: dict[str, tuple[str, ...]]) -> str | None:
        """The advice for the ``matched`` words (lowercased), its ``{name}`` forms
        chosen; None when the group has no word in that place."""
        if not self.advice or "{" not in self.advice:
            return self.advice
        place = next(
            (group.index(word) for group, word in zip(self.groups, matched, strict=True)
             if group is not None and word in group),
            0,
        )  # fmt: skip
        words = []
        for word in self.advice.split():
            if word.startswith("{") and word.endswith("}"):
                group = forms.get(word[1:-1], ())
                if place >= len(group):
                    return None
                word = group[place]
            words.append(word)
        return " ".join(words)


class HardWords:
    """One language's lists (``rules/hard-words.toml``): familiar nouns, wordy phrases
    (with the forms of their verbs) and light verbs, compiled once."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.familiar = frozenset(w.lower() for w in table.get("familiar", ()))
        self.light_verbs = frozenset(w.lower() for w in table.get("light_verbs", ()))
        self.forms = word_forms(table.get("forms", ()))
        found: dict[tuple[PhraseWord, ...], Phrase] = {}
        for key, padded in (("padding", True), ("wordy", False)):
            for entry in table.get(key, ()):
                phrase = parse_phrase(entry, self.forms, padded)
                if phrase.words:
                    found.setdefault(phrase.words, phrase)  # padding first: it wins
        # Wordy phrases by the two words they may start with (None: any second word, or
        # none), longest first: most words of a sentence start no phrase, and the rest
        # few, so matching costs a dictionary lookup or two a word.
        self.wordy: dict[tuple[str, str | None], list[Phrase]] = {}
        for phrase in sorted(found.values(), key=_phrase_order):
            words = phrase.words
            seconds = words[1] if len(words) > 1 and words[1] is not None else (None,)
            for first in words[0] or ():
                for second in seconds:
                    self.wordy.setdefault((first, second), []).append(phrase)
        self.starts = frozenset(first for first, _ in self.wordy)

    def wording(
        self, words: list[str], skip: frozenset[str], syllables: Callable[[str], int],
        known: Callable[[str], bool], ignored: frozenset[int] = frozenset(),
        names: frozenset[str] = frozenset(), shown: list[str] | None = None,
        addressed: bool = True,
    ) -> Wording:  # fmt: skip
        """The signs of wordy writing in a sentence, from its ``words`` as ``list_words``
        gives them. A noun in ``skip`` (the page's terms and the sentence's names,
        lowercased) or used twice in the sentence (its subject by then) is no sign; nor
        is a phrase with one of the sentence's ``names`` among its longer words (a code
        span). The words at ``ignored`` (indices) are no sign: those OA506 offers a
        plainer word for ("in order to" is one finding, not two), and those inside
        quotation marks (someone else's words, or a label). ``shown``: the words as the
        sentence writes them ("it’s", "per-user"; ``written_words``), for the message.

        Padding alone makes a sentence wordy because the message can say what to write
        instead. So a padding phrase whose advice does not fit where it stands is an
        ordinary sign, with no advice: when its advice has no form for the sentence's
        verb ("having the ability to": no form of "can"), or speaks to the reader ("lets
        you") on a page that is not ``addressed`` to them
        (``Sentence.page_addresses_reader``)."""
        lowered = [word.lower() for word in words]
        shown = shown or words
        uses = Counter(lowered)
        phrases = [
            (start, phrase)
            for start, phrase in self._phrases(lowered)
            if ignored.isdisjoint(range(start, start + len(phrase.words)))
            and not _named(lowered[start : start + len(phrase.words)], names)
        ]
        taken = ignored | {i for start, p in phrases for i in range(start, start + len(p.words))}
        seen: set[str] = set()
        constructions: list[str] = []
        for index, word in enumerate(lowered):
            if index in taken or word in skip or uses[word] > 1:
                continue
            if syllables(word) < NOUN_SYLLABLES:
                continue
            noun = made_noun(word, known)
            if noun is None or noun in self.familiar or noun in seen:
                continue
            seen.add(noun)
            start = self._construction(lowered, index)
            end = _construction_end(lowered, index)
            if start is not None and taken.isdisjoint(range(start, end)):
                constructions.append(" ".join(shown[start:end]))
                taken = taken | set(range(start, end))

        signs: list[str] = []
        padding: list[str] = []
        advice: list[tuple[str, str]] = []
        for start, phrase in phrases:
            found = " ".join(shown[start : start + len(phrase.words)])
            said = phrase.advice_for(lowered[start : start + len(phrase.words)], self.forms)
            if not addressed and said is not None and phrase.to_reader:
                said = None
            if said is not None:
                advice.append((found, said))
            fits = said is not None or phrase.advice is None
            (padding if phrase.padded and fits else signs).append(found)
        return Wording(tuple(signs), tuple(constructions), tuple(padding), tuple(advice))

    def _phrases(self, lowered: list[str]) -> list[tuple[int, Phrase]]:
        """(start, entry) of the wordy phrases among the words."""
        found: list[tuple[int, Phrase]] = []
        index = 0
        while index < len(lowered):
            if lowered[index] not in self.starts:
                index += 1
                continue
            phrase = self._phrase_at(lowered, index)
            if phrase is not None:
                found.append((index, phrase))
            index += len(phrase.words) if phrase is not None else 1
        return found

    def _phrase_at(self, lowered: list[str], index: int) -> Phrase | None:
        """The longest wordy phrase starting at ``index``, if any."""
        first = lowered[index]
        second = lowered[index + 1] if index + 1 < len(lowered) else None
        previous = lowered[index - 1] if index else ""

        def following(phrase: Phrase) -> str:
            end = index + len(phrase.words)
            return lowered[end] if end < len(lowered) else ""

        longest: Phrase | None = None
        for bucket in ((first, second), (first, None)):
            for phrase in self.wordy.get(bucket, ()):
                if longest is not None and len(phrase.words) <= len(longest.words):
                    break  # longest first: no longer phrase in this bucket
                candidate = lowered[index : index + len(phrase.words)]
                if (
                    len(candidate) == len(phrase.words)
                    and previous not in phrase.not_after
                    and (not phrase.not_before or following(phrase) not in phrase.not_before)
                    and all(
                        want is None or got in want
                        for want, got in zip(phrase.words, candidate, strict=True)
                    )
                ):
                    longest = phrase
                    break
        return longest

    def _construction(self, lowered: list[str], index: int) -> int | None:
        """Where a construction starts that puts the noun at ``index`` in a verb's place:
        "the declaration of" (a determiner, the noun, "of"), or a light verb a few words
        before it ("performs recursive enumeration", "enables the capture or
        suppression"); None when the noun is in no such construction."""
        after = lowered[index + 1] if index + 1 < len(lowered) else ""
        if after == "of" and index and lowered[index - 1] in _DETERMINERS:
            return index - 1
        others = 0  # one other word may come between: an adjective, or a first noun
        for back in range(index - 1, max(index - 1 - LIGHT_WINDOW, -1), -1):
            if lowered[back] in self.light_verbs:
                return back
            others += lowered[back] not in _LIGHT_GAP
            if others > 1:
                return None
        return None


def _phrase_order(phrase: Phrase) -> tuple[int, list[tuple[bool, list[str]]]]:
    """Longest first, a phrase before one as long with ``*`` in its place ("in a timely
    manner", with its advice, before "in a * manner"), then by its words: the same
    order in every run (a frozenset's repr is not)."""
    return -len(phrase.words), [(word is None, sorted(word or ())) for word in phrase.words]


def _named(phrase: list[str], names: frozenset[str]) -> bool:
    """Whether a longer word of a wordy phrase is a name: "it is important to" in the
    code span `it is important to` (its short words are too common to tell)."""
    return any(len(word) >= NAME_LETTERS and word in names for word in phrase)


def _construction_end(lowered: list[str], index: int) -> int:
    """The end (exclusive) of the construction of the noun at ``index``: "the
    declaration of" takes its "of", a light verb's construction ends at the noun."""
    determined = index and lowered[index - 1] in _DETERMINERS
    return index + 2 if determined and lowered[index + 1 : index + 2] == ["of"] else index + 1


def word_forms(groups: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The ``forms`` list of ``rules/hard-words.toml``: each entry names the forms of one
    word, the first its name ("make makes made making"); ``{make}`` stands for them. In
    order: advice's ``{let}`` takes the word in the place the matched verb has."""
    forms: dict[str, tuple[str, ...]] = {}
    for group in groups:
        words = group.lower().split()
        if words:
            forms[words[0]] = tuple(words)
    return forms


def parse_phrase(entry: str, forms: dict[str, tuple[str, ...]], padded: bool) -> Phrase:
    """One ``wordy`` or ``padding`` entry: ``!{must} have the ability to -> can``, or
    ``it {be} important to !understand|know ->``."""
    pattern, advice = entry, None
    if ADVICE in entry:
        pattern, advice = (part.strip() for part in entry.split(ADVICE, 1))
    words = pattern.lower().split()
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    if words and words[0].startswith(NOT_AFTER):
        not_after = _phrase_word(words.pop(0)[1:], forms) or frozenset()
    if words and words[-1].startswith(NOT_BEFORE):
        not_before = _phrase_word(words.pop()[1:], forms) or frozenset()
    places = [_phrase_word(word, forms) for word in words]
    groups = tuple(
        forms.get(word[1:-1]) if word.startswith("{") and word.endswith("}") else None
        for word in words
    )
    return Phrase(tuple(places), padded, advice, not_after, groups, not_before)


def _phrase_word(word: str, forms: dict[str, tuple[str, ...]]) -> PhraseWord:
    """The words one place of a phrase may hold: ``*`` any (None), ``a|an`` one of
    these, ``{be}`` any form of "be" (``forms``)."""
    if word == "*":
        return None
    if word.startswith("{") and word.endswith("}"):
        return frozenset(forms.get(word[1:-1], ()))
    return frozenset(word.split("|"))


def swapped_words(text: str, words: list[str], swaps: PlainWords) -> frozenset[int]:
    """The indices in ``words`` (``list_words(text)``) of the words OA506 offers a swap
    for in the sentence ``text``. Each phrase ``swaps`` finds is looked for where the
    words before it end, a word or two either side (linear time: a phrase that
    ``list_words`` splits otherwise, such as "utilize's", is not looked for further)."""
    lowered = [word.lower() for word in words]
    taken: set[int] = set()
    index = position = 0
    for found in swaps.find(text):
        index += len(list_words(text[position : found.start]))
        position = found.start
        phrase = [word.lower() for word in list_words(found.found)]
        for start in range(max(0, index - SWAP_SLACK), index + SWAP_SLACK + 1):
            if phrase and lowered[start : start + len(phrase)] == phrase:
                taken.update(range(start, start + len(phrase)))
                break
    return frozenset(taken)


_TOKEN_EDGES = "\"“”‘'’()[]{}<>,.;:!?*_`"  # around a word, not part of it


def written_words(text: str, words: list[str]) -> list[str]:
    """``words`` (``list_words(text)``) as ``text`` writes them, with the hyphens and
    apostrophes ``list_words`` drops ("per-user", "it’s"), for a message; ``words``
    itself when the text's tokens do not line up with them one for one."""
    written: list[str] = []
    for token in text.split():
        found = list_words(token)
        written.extend([token.strip(_TOKEN_EDGES) or found[0]] if len(found) == 1 else found)
    return written if len(written) == len(words) else words


def quoted_words(text: str, words: list[str]) -> frozenset[int]:
    """The indices in ``words`` (``list_words(text)``) of the words inside quotation
    marks in ``text``. Each quotation's words are counted from where the last one ended
    (linear time)."""
    inside: set[int] = set()
    index = position = 0
    for found in QUOTED_TEXT.finditer(text):
        index += len(list_words(text[position : found.start()]))
        length = len(list_words(found.group()))
        inside.update(range(index, min(index + length, len(words))))
        index += length
        position = found.end()
    return frozenset(inside)


@cache
def _compiled_hard_words(items: tuple[tuple[str, tuple[str, ...]], ...]) -> HardWords:
    return HardWords(dict(items))


def hard_words(table: dict[str, Any]) -> HardWords:
    """A compiled ``rules/hard-words.toml`` language table, shared between pages."""
    return _compiled_hard_words(tuple(sorted((k, tuple(v)) for k, v in table.items())))
