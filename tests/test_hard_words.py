"""OA503's signs of wordy writing (``text.style.HardWords``) and its lists
(``rules/hard-words.toml``): nouns made from verbs, their constructions, wordy phrases."""

from __future__ import annotations

import pytest

from openaccess.config import ConfigError
from openaccess.ruledata import RuleData
from openaccess.text import engine
from openaccess.text.analysis import list_words, syllable_counter
from openaccess.text.style import Wording, hard_words, made_noun

TABLE = engine.syllable_table()


def known(word: str) -> bool:
    return TABLE.count(word) is not None


def wording(sentence: str, skip: frozenset[str] = frozenset()) -> Wording:
    finder = hard_words(RuleData().hard_words["en"])
    return finder.wording(list_words(sentence), skip, syllable_counter("en").word, known)


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("requirements", "requirement"),  # require
        ("enumeration", "enumeration"),  # enumerate
        ("clarification", "clarification"),  # clarify
        ("suppression", "suppression"),  # suppress
        ("description", "description"),  # describe
        ("distinction", "distinction"),  # distinct
        ("readability", "readability"),  # readable
        ("performance", "performance"),  # perform
        ("consistency", "consistency"),  # consistent
        ("awareness", "awareness"),  # aware
        ("serialization", "serialization"),  # serialize: the noun itself is not in CMUdict
        ("popularity", "popularity"),  # popular: "-arity" makes nouns from adjectives
        ("vulnerabilities", "vulnerability"),  # vulnerable
        ("authority", None),  # "author" is a word, but "-ity" is not made from a noun
        ("priority", None),  # nor from "prior", "fidelity" from "Fidel", "identity"...
        ("fidelity", None),
        ("environment", None),  # "environ" is not a word
        ("function", None),  # nor "funct"
        ("experience", None),
        ("parameter", None),
        ("running", None),
    ],
)
def test_a_noun_made_from_a_verb_or_adjective_is_found_by_its_ending_and_stem(word, noun):
    assert made_noun(word, known) == noun


def test_familiar_nouns_terms_names_and_repeated_words_are_not_signs():
    assert wording("Every configuration needs information about the application.").signs == 0
    # Short ones are plain enough ("action" is a noun made from "act").
    assert wording("Each action has a question and a mention.").signs == 0
    found = wording("Replication and concatenation flatten the array.")
    assert found.nouns == ("Replication", "concatenation")
    skip = frozenset({"replication"})  # a term of the page, or a name
    assert wording("Replication and concatenation flatten the array.", skip).nouns == (
        "concatenation",
    )
    # Used twice, a word is the sentence's subject by then.
    assert wording("The concatenation step runs after each concatenation.").signs == 0


def test_nouns_that_only_look_made_from_a_verb_are_not_signs():
    """The dictionary has "instant", "convene" and "depart", but an instance, a
    convention and a department are not made from them: the list of familiar nouns holds
    each such noun the corpus showed."""
    found = wording("Each instance follows the conventions of its department and facility.")
    assert found.signs == 0
    assert wording("The replication of each record awaits its confirmation.").nouns == (
        "replication", "confirmation",
    )  # fmt: skip


def test_a_noun_in_a_verbs_place_is_one_sign_with_its_noun():
    """One place to mend with one verb ("before declaring the variable"): it points at
    wordy writing, but is one sign, like a wordy phrase."""
    found = wording("An alternate format places it before the declaration of the variable.")
    assert (found.nouns, found.constructions, found.signs, found.pointed) == (
        ("declaration",), ("the declaration of",), 1, True,
    )  # fmt: skip
    found = wording("This enables the capture or suppression of data written by the host.")
    assert found.constructions == ("enables the capture or suppression",)
    found = wording("The cmdlet performs recursive enumeration on the matching directory.")
    assert found.constructions == ("performs recursive enumeration",)
    # More than one other word between them: the verb has its own object.
    found = wording("It allows you to start the replication later.")
    assert (found.nouns, found.constructions) == (("replication",), ())


def test_a_wordy_phrase_is_one_sign_and_a_star_is_any_one_word():
    found = wording("As previously stated, run it on a weekly basis in order to save time.")
    assert found.phrases == ("As previously stated", "on a weekly basis", "in order to")
    assert found.signs == 3
    assert found.describe(2) == '"As previously stated", "on a weekly basis", …'


def test_nouns_alone_do_not_point_at_wordy_writing():
    """Technical writing names operations with such nouns: a list of them is no sign of a
    hidden verb. A phrase or a noun in a verb's place is."""
    found = wording("Some operations, such as replication and concatenation, flatten it.")
    assert (found.signs, found.pointed) == (2, False)
    assert wording("As previously stated, replication flattens it.").pointed


def test_words_that_plain_words_swaps_are_not_signs():
    """OA506 reports them, with a fix: the same words are not OA503's too."""
    from openaccess.text.style import plain_words, swapped_words

    swaps = plain_words(RuleData().plain_words["en"])
    sentence = "In order to facilitate migration, the utilization of memory grows."
    words = list_words(sentence)
    taken = swapped_words(sentence, words, swaps)
    assert [words[i] for i in sorted(taken)] == ["In", "order", "to", "facilitate", "utilization"]
    assert wording(sentence).signs == 4  # the three phrases, and "migration"
    finder = hard_words(RuleData().hard_words["en"])
    found = finder.wording(words, frozenset(), syllable_counter("en").word, known, taken)
    assert (found.nouns, found.phrases, found.pointed) == (("migration",), (), False)
    # Where the swap does not fit ("it is essential that you" is on OA506's list, "it
    # is essential that the" is not), the phrase is OA503's sign.
    sentence = "It is essential that the record is verified."
    words = list_words(sentence)
    assert swapped_words(sentence, words, swaps) == frozenset()
    assert wording(sentence).phrases == ("It is essential that",)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Utilization grows.", "Utilization"),  # also a noun made from "utilize"
        ("The utilization of memory grows.", "utilization"),  # and "the ... of"
        ("We take into consideration the budget.", "take into consideration"),
    ],
)
def test_a_word_of_a_wordy_phrase_is_not_counted_again_as_a_noun(sentence, phrase):
    """A wordy phrase is one sign, whatever nouns it is made of: one word is never two or
    three signs."""
    found = wording(sentence)
    assert (found.phrases, found.nouns, found.constructions) == ((phrase,), (), ())
    assert found.signs == 1


def test_bad_hard_words_lists_are_a_config_error(tmp_path):
    (tmp_path / "hard-words.toml").write_text('[en]\nwordy = "in order to"\n')
    with pytest.raises(ConfigError, match="wordy must be a list of strings"):
        _ = RuleData(tmp_path).hard_words
    (tmp_path / "hard-words.toml").write_text("[en]\nfamilar = []\n")
    with pytest.raises(ConfigError, match="unknown key 'familar'"):
        _ = RuleData(tmp_path).hard_words
    (tmp_path / "hard-words.toml").write_text('en = "x"\n')
    with pytest.raises(ConfigError, match=r"\[en\] must be a table"):
        _ = RuleData(tmp_path).hard_words


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('wordy = ["* basis"]', 'wordy "\\* basis": must start with a word, not \\*'),
        ('wordy = ["e.g."]', 'wordy "e.g.": must be words without punctuation'),
        ('wordy = ["  "]', 'wordy "  ": is empty'),
        ('familiar = ["well-known"]', 'familiar "well-known": must be words without'),
        ('light_verbs = ["carry out"]', 'light_verbs "carry out": must be one word'),
    ],
)
def test_hard_words_entries_that_could_never_match_are_a_config_error(tmp_path, entry, problem):
    """Sentences are matched by their words as ``list_words`` splits them: an entry with
    punctuation, a phrase that starts with ``*`` or a light verb of two words would be
    dead data, accepted without a word."""
    (tmp_path / "hard-words.toml").write_text(f"[en]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        _ = RuleData(tmp_path).hard_words
