"""rag.stream.Stream: deltas once, the final value however the stream is consumed."""

from __future__ import annotations

from collections.abc import Generator

from rag.stream import Stream


def produce(calls: list[str]) -> Generator[str, None, int]:
    calls.append("started")
    yield "Rubio "
    yield "said [1]."
    return 42


def test_deltas_then_result_and_a_second_pass_yields_nothing() -> None:
    calls: list[str] = []
    stream = Stream(produce(calls))
    assert list(stream) == ["Rubio ", "said [1]."]
    assert stream.result() == 42
    assert list(stream) == [] and stream.result() == 42
    assert calls == ["started"]


def test_result_first_drains_the_deltas() -> None:
    calls: list[str] = []
    stream = Stream(produce(calls))
    assert stream.result() == 42
    assert list(stream) == []


def test_nothing_runs_until_asked() -> None:
    calls: list[str] = []
    Stream(produce(calls))
    assert calls == []


def test_yield_from_a_stream_gives_its_result_to_the_outer_producer() -> None:
    def outer() -> Generator[str, None, str]:
        inner = yield from Stream(produce([]))
        yield "!"
        return f"inner returned {inner}"

    stream = Stream(outer())
    assert "".join(stream) == "Rubio said [1].!"
    assert stream.result() == "inner returned 42"
