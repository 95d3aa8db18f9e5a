"""Objects set aside from the garbage collector for a run are handed back, and results do not change."""

from __future__ import annotations

import gc

import pytest

from annotate import annotate
from annotate.longlived import YOUNG_THRESHOLD, long_lived
from corpus import analyze, source_from_text


def test_nothing_stays_frozen_after_the_context_also_on_an_error() -> None:
    with long_lived() as settle:
        held = [{"k": [i]} for i in range(100)]
        settle()
        assert gc.get_freeze_count() >= len(held)
    assert gc.get_freeze_count() == 0

    def failing_stage() -> None:
        with long_lived() as settle:
            settle()
            raise RuntimeError("stage failed")

    with pytest.raises(RuntimeError, match="stage failed"):
        failing_stage()
    assert gc.get_freeze_count() == 0


def test_cyclic_garbage_made_after_settling_is_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    with long_lived() as settle:
        settle()
        node = Node()
        gc.collect()
        before = sum(isinstance(o, Node) for o in gc.get_objects())
        del node
        gc.collect()
        assert sum(isinstance(o, Node) for o in gc.get_objects()) == before - 1


def test_annotate_leaves_nothing_frozen_and_gives_what_it_gave_with_collection_off() -> None:
    doc = analyze(source_from_text("Talks\n\nTalks began in 1933. They ended in 1935 in Paris.\n", "ex"))
    content = annotate([doc])
    assert gc.get_freeze_count() == 0
    gc.disable()
    try:
        plain = annotate([doc])
    finally:
        gc.enable()
    assert content == plain


def _in_collector_view(obj: object) -> bool:
    # Frozen objects are left out of gc.get_objects(). The freeze count alone cannot say whose they
    # are: frozen garbage freed by reference counting lowers it at any moment.
    return any(o is obj for o in gc.get_objects())


def test_objects_the_caller_froze_stay_frozen() -> None:
    held = [[] for _ in range(10)]
    gc.freeze()
    try:
        assert not _in_collector_view(held[0])
        with long_lived() as settle:
            more = [[] for _ in range(10)]
            settle()
            assert _in_collector_view(more[0])  # nothing more set aside
        assert not _in_collector_view(held[0])  # and the caller's stay frozen
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert _in_collector_view(held[0])


def test_young_collections_are_rarer_inside_and_the_thresholds_restored_after() -> None:
    before = gc.get_threshold()
    with long_lived():
        inside = gc.get_threshold()
        assert inside[0] >= YOUNG_THRESHOLD
        assert inside[1:] == before[1:]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), long_lived():
        raise RuntimeError("stage failed")
    assert gc.get_threshold() == before
