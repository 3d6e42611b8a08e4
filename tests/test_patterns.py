"""The pattern cache: a pattern read back from it behaves as the one compiled, and a cache that
is missing, corrupt, foreign or turned off changes nothing but the start-up time."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from _support import EXAMPLES, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from parser import patterns
from parser.patterns import CACHE_ENV, PatternCache, cache_dir, cache_file, key_of

# patterns of the shapes the stages compile: lexicon rows with named lists, a reversed search,
# look-arounds, possessive and atomic groups, Unicode properties, a case-insensitive one
SAMPLES: list[tuple[str, int, dict[str, list[str]]]] = [
    (r"(?<!将|拟)(?:召开|举行)(?!的)[^，。]{0,10}?\L<meeting>", 0, {"meeting": ["会议", "座谈会", "会"]}),
    (r"[，。；]|——", regex.REVERSE, {}),
    (r"(?P<names>\p{Han}{2,3})\s*摄(?:影)?(?=\s*$|[\s。）)])", 0, {}),
    (r"(?>(?:尊敬的)?[\p{Han}·]{0,4}?(?:同志们|朋友们))[，：:]?", 0, {}),
    (r"\s*+[-_|｜]++\s*+", 0, {}),
    (r"<(/?)([a-z][^\s/>]{0,63})[^>]*+(>|\Z)", regex.I | regex.S, {}),
]
ALPHABET = "将拟召开举行的会议座谈会，。；——张伟摄影同志们朋友们尊敬·：:）) -_|｜<>/aBpDiv\n"


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


def _round_trip(tmp_path: Path) -> list[regex.Pattern[str]]:
    """The samples compiled into a cache file and read back by a new cache."""
    path = tmp_path / "patterns.pickle"
    first = PatternCache(path)
    for source, flags, lists in SAMPLES:
        words = {name: frozenset(v) for name, v in lists.items()}
        first.add(key_of(source, flags, True, words), regex.compile(source, flags, ignore_unused=True, **lists))
    first.save()
    second = PatternCache(path)
    assert len(second.known) == len(SAMPLES)
    return list(second.known.values())


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60))
def test_a_pattern_read_back_finds_what_the_compiled_one_finds(tmp_path_factory: pytest.TempPathFactory,
                                                                text: str) -> None:
    read_back = _round_trip(tmp_path_factory.mktemp("cache"))
    for (source, flags, lists), loaded in zip(SAMPLES, read_back, strict=True):
        fresh = regex.compile(source, flags, ignore_unused=True, **lists)
        assert (loaded.pattern, loaded.flags) == (fresh.pattern, fresh.flags)
        assert _spans(loaded, text) == _spans(fresh, text)


def test_compile_serves_one_pattern_once_per_process() -> None:
    first = patterns.compile(r"\p{Han}{2}\L<meeting>", 0, meeting=["会"])
    assert patterns.compile(r"\p{Han}{2}\L<meeting>", 0, meeting=["会"]) is first
    # other flags or other lists are another pattern
    assert patterns.compile(r"\p{Han}{2}\L<meeting>", regex.I, meeting=["会"]) is not first
    other = patterns.compile(r"\p{Han}{2}\L<meeting>", 0, meeting=["会议"])
    assert other.fullmatch("召开会议") is not None and first.fullmatch("召开会议") is None


def test_a_bytes_pattern_compiles() -> None:
    assert patterns.compile(rb"charset=([\w-]+)").search(b'charset="gb2312"') is None
    assert patterns.compile(rb"charset=([\w-]+)").search(b"charset=gb2312").group(1) == b"gb2312"


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    path.write_bytes(b"not a pickle")
    path.chmod(0o600)
    cache = PatternCache(path)
    assert cache.known == {}
    cache.add(("a+", 0, False, ()), regex.compile("a+"))
    cache.save()
    assert list(PatternCache(path).known) == [("a+", 0, False, ())]


def test_a_cache_others_may_write_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    path.write_bytes(pickle.dumps({("a+", 0, False, ()): regex.compile("a+")}))
    path.chmod(0o600)
    assert len(PatternCache(path).known) == 1
    path.chmod(0o666)
    assert PatternCache(path).known == {}


def test_an_entry_whose_key_is_not_its_pattern_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    path.write_bytes(pickle.dumps({("b+", 0, False, ()): regex.compile("a+"), "x": 1}))
    path.chmod(0o600)
    assert PatternCache(path).known == {}


def test_saving_keeps_what_another_process_wrote_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    ours, theirs = PatternCache(path), PatternCache(path)
    ours.add(("a+", 0, False, ()), regex.compile("a+"))
    theirs.add(("b+", 0, False, ()), regex.compile("b+"))
    theirs.save()
    ours.save()
    assert set(PatternCache(path).known) == {("a+", 0, False, ()), ("b+", 0, False, ())}


def test_too_many_entries_keep_only_those_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_ENTRIES", 1)
    path = tmp_path / "patterns.pickle"
    old = PatternCache(path)
    old.add(("a+", 0, False, ()), regex.compile("a+"))
    old.save()
    new = PatternCache(path)
    new.add(("b+", 0, False, ()), regex.compile("b+"))
    new.save()
    assert set(PatternCache(path).known) == {("b+", 0, False, ())}


def test_an_unwritable_folder_is_left_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    cache = PatternCache(blocker / "patterns.pickle")
    cache.add(("a+", 0, False, ()), regex.compile("a+"))
    cache.save()  # raises nothing
    assert cache.added


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "meeting-report-parser"
    assert cache_file(tmp_path).name.endswith(f"-regex{regex.__version__}.pickle")


def _parse(example: Path, cache: str) -> str:
    env = {**os.environ, CACHE_ENV: cache, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "parser", str(example)], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True)
    return done.stdout


def test_the_command_writes_the_cache_and_parses_the_same_with_it(tmp_path: Path) -> None:
    example = EXAMPLES / "plain_meeting.txt"
    without = _parse(example, "off")
    assert not list(tmp_path.iterdir())
    first = _parse(example, str(tmp_path))  # compiles, and writes the cache at exit
    written = list(tmp_path.iterdir())
    assert [p.name for p in written] == [cache_file(tmp_path).name]
    assert (written[0].stat().st_mode & 0o077) == 0  # readable by this user only
    second = _parse(example, str(tmp_path))  # reads the patterns back
    assert without == first == second


def test_workers_leave_what_they_compiled_in_the_cache(tmp_path: Path) -> None:
    """A ``-j 2`` run fills the cache with every pattern its workers compiled: a single-process
    run of the same file afterwards finds all it needs there and writes nothing."""
    cache = tmp_path / "cache"
    done = subprocess.run([sys.executable, "-m", "parser", str(EXAMPLES), "--jsonl", "-q", "-j", "2"],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, CACHE_ENV: str(cache)})
    assert done.returncode == 0, done.stderr
    after_batch = cache_file(cache).read_bytes()
    _parse(EXAMPLES / "plain_meeting.txt", str(cache))
    assert cache_file(cache).read_bytes() == after_batch
