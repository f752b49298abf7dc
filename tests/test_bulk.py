"""The collector is paused inside bulk work and comes back as it was."""

from __future__ import annotations

import gc
import weakref

import pytest

from kommgraph.bulk import bulk, paused_gc


def test_the_collector_is_paused_inside_and_enabled_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not re-enable it early
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_decorator_restores_the_collector_when_the_work_fails() -> None:
    @bulk
    def failing() -> None:
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        failing()
    assert gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_what_a_paused_block_built_joins_the_oldest_generation_and_is_still_collected() -> None:
    with paused_gc():
        kept = [_Node() for _ in range(3)]
        first, second = _Node(), _Node()
        first.other, second.other = second, first  # a cycle, garbage once the block ends
        cycle = weakref.ref(first)
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in kept)
    assert id(first) in oldest
    del first, second
    assert cycle() is not None  # a cycle is not freed by reference counting
    gc.collect()
    assert cycle() is None


def test_objects_the_application_froze_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            _ = [_Node() for _ in range(3)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
