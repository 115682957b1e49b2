"""bench.support's pure parts: reading smtp-sink's running count as its output arrives."""

from __future__ import annotations

from bench.support import SinkCounter


def record(n: int) -> bytes:
    """One of the records ``smtp-sink -c`` writes after each event."""
    return f"sess={n} quit={n} mesg={n}\r".encode()


def test_each_count_is_stamped_with_the_time_it_was_first_seen() -> None:
    counter = SinkCounter()
    counter.feed(record(1) + record(2), now=10.001)
    counter.feed(record(2), now=10.002)  # a session's QUIT: the count did not move
    counter.feed(record(3), now=10.250)
    assert counter.count == 3
    assert counter.reached_at(1) == 10.001
    assert counter.reached_at(2) == 10.001
    assert counter.reached_at(3) == 10.250
    assert counter.reached_at(4) is None


def test_a_record_split_between_chunks_is_read_whole() -> None:
    counter = SinkCounter()
    counter.feed(record(99) + b"sess=100 quit=100 mesg=10", now=1.0)
    assert counter.count == 99  # not 10: the last record is not complete yet
    counter.feed(b"0\r", now=1.5)
    assert counter.count == 100
    assert counter.reached_at(100) == 1.5
    counter.feed(b"sess=101 qu", now=2.0)
    counter.feed(b"it=101 mes", now=2.1)
    counter.feed(b"g=101\r", now=2.2)
    assert (counter.count, counter.reached_at(101)) == (101, 2.2)


def test_a_target_between_two_counts_is_reached_at_the_larger() -> None:
    counter = SinkCounter()
    counter.feed(record(5), now=1.0)
    counter.feed(record(10), now=2.0)  # several copies in one record's time
    assert counter.reached_at(7) == 2.0
    assert counter.reached_at(0) == 1.0
