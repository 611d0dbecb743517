"""The translation catalogues: complete, consistent with what the package shows, plural-correct."""

from __future__ import annotations

import re

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from annotated_lessons.core.msgids import all_msgids, pot, template_msgids
from annotated_lessons.core.script_strings import SCRIPT_STRINGS
from annotated_lessons.core.translations import (
    LOCALES,
    categories,
    english,
    interface_language,
    match_language,
    override_problems,
    read_catalogue,
    supported_languages,
    translation,
)

SHIPPED = ("ar", "de", "en", "es", "fr", "pl", "pt", "ru", "uk", "zh")
OTHERS = tuple(code for code in SHIPPED if code != "en")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _key(msgid: str | tuple[str, str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def test_every_promised_language_ships() -> None:
    assert set(SHIPPED) <= set(supported_languages())


@pytest.mark.parametrize("language", OTHERS)
def test_every_language_translates_every_english_string(language: str) -> None:
    reference = english()
    found = read_catalogue(language)
    missing = sorted(set(reference) - set(found))
    assert not missing, f"{language}.po lacks {missing}"
    extra = sorted(set(found) - set(reference))
    assert not extra, f"{language}.po has strings the English catalogue does not: {extra}"
    locale = Locale.parse(language)
    for msgid, message in reference.items():
        theirs = found[msgid]
        assert theirs.plural == message.plural, f"{language}: {msgid!r} must keep msgid_plural {message.plural!r}"
        if message.plural is None:
            assert theirs.text, f"{language}: {msgid!r} is not translated"
            assert set(PLACEHOLDER.findall(theirs.text)) == set(PLACEHOLDER.findall(msgid)), (language, msgid)
            continue
        assert set(theirs.forms) == set(categories(language)), f"{language}: {msgid!r} needs every plural form"
        wanted = set(PLACEHOLDER.findall(message.plural))
        for category, text in theirs.forms.items():
            got = set(PLACEHOLDER.findall(text))
            # A form for exactly one number (Arabic 'one' is 1, 'two' is 2) may spell the number out.
            exact = [n for n in range(1000) if locale.plural_form(n) == category]
            assert got == wanted or (len(exact) == 1 and got == wanted - {"count"}), (language, msgid, category)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_plural_header_has_one_form_per_cldr_category(language: str) -> None:
    with (LOCALES / f"{language}.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    assert catalog.num_plurals == len(categories(language))


def test_the_english_catalogue_is_exactly_the_strings_the_package_uses() -> None:
    used = {_key(m): m for m in all_msgids()}
    reference = english()
    assert sorted(set(used) - set(reference)) == [], "a string is shown that the catalogue lacks: run msgids"
    assert sorted(set(reference) - set(used)) == [], "the catalogue has strings nothing uses any more"
    for key, msgid in used.items():
        assert reference[key].plural == (None if isinstance(msgid, str) else msgid[1]), key


def test_every_template_and_script_string_is_in_the_english_catalogue() -> None:
    reference = english()
    for msgid in [*template_msgids(), *SCRIPT_STRINGS]:
        assert _key(msgid) in reference, msgid
    assert len(template_msgids()) > 40  # the extraction finds the templates' strings at all


def test_en_po_is_what_the_extractor_writes() -> None:
    assert (LOCALES / "en.po").read_text(encoding="utf-8") == pot()


EXPECTED_NOTES = {
    "uk": {1: "1 примітка", 2: "2 примітки", 5: "5 приміток", 11: "11 приміток", 21: "21 примітка"},
    "ru": {1: "1 примечание", 2: "2 примечания", 5: "5 примечаний", 11: "11 примечаний", 21: "21 примечание"},
    "ar": {1: "ملاحظة واحدة", 2: "ملاحظتان", 5: "5 ملاحظات", 11: "11 ملاحظة", 21: "21 ملاحظة"},
    "pl": {1: "1 komentarz", 2: "2 komentarze", 5: "5 komentarzy", 11: "11 komentarzy", 21: "21 komentarzy"},
    "en": {1: "1 note", 2: "2 notes", 5: "5 notes", 11: "11 notes", 21: "21 notes"},
}


@pytest.mark.parametrize("language", sorted(EXPECTED_NOTES))
def test_counts_take_the_plural_form_of_their_language(language: str) -> None:
    ui = translation(language)
    for count, expected in EXPECTED_NOTES[language].items():
        assert ui.n("%(count)s note", "%(count)s notes", count) == expected


def test_a_count_is_written_the_languages_way() -> None:
    assert translation("en").n("%(count)s minute", "%(count)s minutes", 12345) == "12,345 minutes"
    assert translation("uk").n("%(count)s minute", "%(count)s minutes", 12345) == "12\u00a0345 хвилин"
    assert translation("de").n("%(count)s minute", "%(count)s minutes", 12345) == "12.345 Minuten"


@pytest.mark.parametrize("language", SHIPPED)
def test_the_script_strings_carry_every_category_the_browser_may_pick(language: str) -> None:
    sent = translation(language).script_strings
    for entry in SCRIPT_STRINGS:
        if isinstance(entry, tuple):
            assert set(sent[entry[0]]) == set(categories(language))


QUOTES = {"en": "“%(text)s”", "de": "„%(text)s“", "pl": "„%(text)s”", "fr": "«\u00a0%(text)s\u00a0»",
          "ru": "«%(text)s»", "uk": "«%(text)s»", "es": "«%(text)s»", "pt": "“%(text)s”", "ar": "«%(text)s»",
          "zh": "“%(text)s”"}


@pytest.mark.parametrize("language", SHIPPED)
def test_quotations_use_the_languages_quotation_marks(language: str) -> None:
    assert translation(language)["“%(text)s”"] == QUOTES[language]


@pytest.mark.parametrize(("requested", "expected"), [
    ("uk", "uk"), ("de-AT", "de"), ("pt-BR", "pt"), ("zh", "zh"), ("zh-Hans", "zh"), ("zh_CN", "zh"),
    ("zh-Hant", None), ("zh-TW", None), ("sw", None), ("EN", "en"),
])
def test_a_language_tag_finds_its_catalogue(requested: str, expected: str | None) -> None:
    assert match_language(requested) == expected


def test_an_unknown_language_is_english_with_a_warning_naming_the_supported_ones() -> None:
    code, warning = interface_language("sw")
    assert code == "en"
    assert warning is not None and "'sw'" in warning
    assert all(language in warning for language in SHIPPED)
    assert interface_language(None) == ("en", None)
    assert interface_language("uk") == ("uk", None)


def test_an_override_replaces_one_string_and_leaves_the_rest() -> None:
    ui = translation("uk", {"Next note": "Далі", "%(count)s note": {"one": "%(count)s нотатка"}})
    assert ui["Next note"] == "Далі"
    assert ui["Previous note"] == "Попередня примітка"
    assert ui.n("%(count)s note", "%(count)s notes", 21) == "21 нотатка"
    assert ui.n("%(count)s note", "%(count)s notes", 5) == "5 приміток"
    assert translation("uk")["Next note"] == "Наступна примітка", "an override must not leak into the catalogue"


@pytest.mark.parametrize(("overrides", "language", "expected"), [
    ({"Nxt note": "x"}, "en", "'Nxt note' is not a text of the interface; did you mean 'Next note'?"),
    ({"Next note": 3}, "en", "'Next note' must be replaced by a text"),
    ({"Note %(number)s": "Note %(num)s"}, "en", "unknown placeholder %(num)s (this text has: %(number)s)"),
    ({"Note %(number)s": "100% %(number)s"}, "en", "a '%' that is not a placeholder must be written '%%'"),
    ({"%(count)s note": "notes"}, "uk", "give one text per plural form of 'uk': one, few, many, other"),
    ({"%(count)s note": {"two": "x"}}, "uk", "'two' is not a plural form of 'uk' (its forms: one, few, many, other)"),
    (["Next note"], "en", "'strings' must be a mapping"),
])
def test_a_bad_override_is_a_clear_error(overrides: object, language: str, expected: str) -> None:
    problems = override_problems(overrides, language)
    assert any(expected in p for p in problems), problems


def test_good_overrides_raise_nothing() -> None:
    assert override_problems({"Next note": "Далі", "Note %(number)s": "№ %(number)s",
                              "%(count)s note": {"one": "%(count)s", "few": "%(count)s"}}, "uk") == []
    assert override_problems(None, "en") == []
