"""The progress bar names the file being read and the stage: the pipeline tells it which file
starts before reading it, and when the rules run."""

from __future__ import annotations

import shutil

import fincheck
from fincheck.render.terminal import ProgressBar

from .helpers import EXAMPLE, write_csv


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def start(self, path) -> None:
        self.events.append(("start", str(path)))

    def __call__(self, path) -> None:
        self.events.append(("done", str(path)))

    def stage(self, name: str) -> None:
        self.events.append(("stage", name))


def _two(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "a.xlsx")
    write_csv(tmp_path / "b.csv", "项目,金额\n合计,10.00\n  A,4.00\n  B,6.00\n")
    return tmp_path


def _expected(folder):
    a, b = str(folder / "a.xlsx"), str(folder / "b.csv")
    return [("start", a), ("done", a), ("start", b), ("done", b), ("stage", "rules")]


def test_check_names_each_file_before_reading_it_then_the_rules_stage(tmp_path):
    folder = _two(tmp_path)
    rec = Recorder()
    fincheck.check(folder, progress=rec)
    assert sorted(rec.events[:4]) == sorted(_expected(folder)[:4])
    assert [e[0] for e in rec.events] == ["start", "done", "start", "done", "stage"]
    assert rec.events[0][1] == rec.events[1][1] and rec.events[-1] == ("stage", "rules")


def test_batch_names_the_file_it_waits_for(tmp_path):
    folder = _two(tmp_path)
    rec = Recorder()
    fincheck.check_many([folder], jobs=2, progress=rec)
    assert [e[0] for e in rec.events] == ["start", "done", "start", "done", "stage"]


def test_a_plain_callable_still_works(tmp_path):
    done = []
    fincheck.check(_two(tmp_path), progress=done.append)
    assert len(done) == 2


def test_progress_bar_shows_stage_and_current_file():
    for lang, read, rules in (("zh", "读取", "校验规则"), ("en", "reading", "checking rules")):
        bar = ProgressBar(2, lang)
        try:
            task = bar.progress.tasks[0]
            bar.start("x/a.xlsx")
            assert task.description == read and task.fields["path"] == "x/a.xlsx" and task.completed == 0
            bar("x/a.xlsx")
            assert task.completed == 1
            bar.stage("rules")
            assert task.description == rules and task.fields["path"] == ""
        finally:
            bar.close()


class Watcher:
    """A progress bar's hooks, recording what a real :class:`ProgressBar` would show."""

    def __init__(self, lang=None) -> None:
        self.bar = ProgressBar(2, lang)
        self.shown: list[tuple[str, str]] = []

    def _record(self) -> None:
        task = self.bar.progress.tasks[0]
        self.shown.append((task.description, task.fields["path"]))

    def start(self, path) -> None:
        self.bar.start(path)
        self._record()

    def language(self, lang) -> None:
        self.bar.language(lang)

    def __call__(self, path) -> None:
        self.bar(path)
        self._record()

    def stage(self, name: str) -> None:
        self.bar.stage(name)
        self._record()


def test_a_batch_with_jobs_shows_the_current_file_and_the_stage_as_one_job_does(tmp_path):
    folder = _two(tmp_path)
    seen = {}
    for jobs in (1, 2):
        watch = Watcher()
        try:
            fincheck.check_many([folder], jobs=jobs, progress=watch)
        finally:
            watch.bar.close()
        seen[jobs] = watch.shown
        a, b = str(folder / "a.xlsx"), str(folder / "b.csv")
        # the first file is named before its language is known; from then on the stage is said
        assert watch.shown[0] == ("", a), watch.shown
        assert watch.shown[1:] == [("读取", a), ("读取", b), ("读取", b), ("校验规则", "")], watch.shown
    assert seen[1] == seen[2]
    with_lang = Watcher("en")
    try:
        fincheck.check_many([folder], jobs=2, progress=with_lang, lang="en")
    finally:
        with_lang.bar.close()
    assert [d for d, _ in with_lang.shown] == ["reading"] * 4 + ["checking rules"]
