"""Names for the ways a fetch fails, so source health can be counted by kind.

The kinds are stable strings: they become keys of `raw.source_runs.error_kinds` and columns of health reports.
"""

from __future__ import annotations

from twisted.internet import error as net_error
from twisted.python.failure import Failure


class ForbiddenRequest(Exception):
    """Raised (wrapped in IgnoreRequest) by the address guard: the URL points at a non-public address."""


def classify_failure(failure: Failure) -> str:
    """A short, stable error kind for logs and the warehouse's source health."""
    from scrapy import exceptions as scrapy_error
    from scrapy.spidermiddlewares.httperror import HttpError

    message = failure.getErrorMessage()
    if isinstance(failure.value, HttpError):
        status = failure.value.response.status
        return f"http_{status // 100}xx"
    if isinstance(failure.value, scrapy_error.IgnoreRequest):
        if isinstance(failure.value.__cause__, ForbiddenRequest) or "non-public address" in message:
            return "forbidden_address"
        if "robots.txt" in message:
            return "robots_disallowed"
        if "during decompression" in message:
            return "too_large_decompressed"  # DOWNLOAD_MAXSIZE applied to the decompressed body (gzip bombs)
        if "max redirections" in message.lower():
            return "too_many_redirects"
        return "ignored"
    if failure.check(scrapy_error.DownloadCancelledError):
        return "too_large"  # the HTTP handler cancels a download only when it exceeds DOWNLOAD_MAXSIZE
    if failure.check(scrapy_error.CannotResolveHostError, net_error.DNSLookupError):
        return "forbidden_address" if "non-public address" in message else "dns"
    if failure.check(scrapy_error.DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError):
        return "timeout"
    if failure.check(scrapy_error.DownloadConnectionRefusedError, net_error.ConnectionRefusedError):
        return "connection_refused"
    if failure.check(scrapy_error.ResponseDataLossError):
        return "data_loss"
    if "SSL" in message or "certificate" in message:
        return "tls"
    return "network"
