"""Hypothesis, on a failing property, writes a patch of the failing example with libcst, which breaks on Twisted's
zope interfaces (loaded by the crawl tests): `AttributeError: __provides__`, an INTERNALERROR that hides the failure
itself. The failing example is still printed with the failure; only the patch is skipped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    item.__dict__.pop("_hypothesis_failing_examples", None)
    yield
