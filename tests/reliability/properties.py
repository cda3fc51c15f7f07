"""What the property-based tests share: one fixed-seed profile, strategies of hostile text, and a count of the
cases each property ran (printed with -s and recorded in docs/reliability.md).

Hypothesis runs derandomized (the same cases on every run, in CI too), with no example database (nothing is written
to the checkout) and no deadline (a loaded CI machine must not fail a property by being slow).
"""

from __future__ import annotations

import atexit
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = 200  # per property: the floor that issue 17 sets
PROPERTY = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)

CASES: Counter[str] = Counter()


def ran(name: str) -> None:
    """Count one case of the property `name`."""
    CASES[name] += 1


def report(name: str) -> int:
    """Print and return how many cases the property ran; the caller asserts the floor."""
    print(f"\nproperty {name}: {CASES[name]} cases")
    return CASES[name]


@atexit.register
def _summary() -> None:
    if CASES:
        print("\nproperty cases: " + ", ".join(f"{name} {count}" for name, count in sorted(CASES.items())))


# Every code point, lone surrogates (Cs) included, which Hypothesis leaves out by default.
ANY_CHAR = st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"])
BIDI = st.sampled_from(["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"])
SPECIAL = st.sampled_from(
    [
        "\x00",
        "\ud800",
        "\udfff",
        "\udc80",
        "\ud83d",
        "\ufeff",
        "\ufffd",
        "\ufffe",
        "\x1b[31m",
        "\r",
        "\x85",
        "\u2028",
        "\x7f",
        '"',
        "'",
        ",",
        ";",
        "\\",
        "&",
        "<",
    ]
)
# Runs of any characters between hostile ones, so that most texts hold a surrogate, a NUL or a bidi control (a
# plain st.text of every code point draws a lone surrogate in about 1 text of 100).
HOSTILE_TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=40), SPECIAL, BIDI), max_size=8).map("".join)
