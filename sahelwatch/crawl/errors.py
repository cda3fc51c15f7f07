"""Names for the ways a fetch fails, so source health can be counted by kind."""

from __future__ import annotations

from twisted.internet import error as net_error
from twisted.python.failure import Failure


def classify_failure(failure: Failure) -> str:
    """A short, stable error kind for logs and the warehouse's source health."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError

    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http_{status // 100}xx"
    if failure.check(net_error.DNSLookupError):
        return "dns"
    if failure.check(net_error.TimeoutError, net_error.TCPTimedOutError):
        return "timeout"
    if failure.check(net_error.ConnectionRefusedError):
        return "connection_refused"
    if failure.check(IgnoreRequest):
        return "ignored"
    if "SSL" in failure.getErrorMessage() or "certificate" in failure.getErrorMessage():
        return "tls"
    return "network"
