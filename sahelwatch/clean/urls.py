"""Canonical URLs, so one article reached through tracking links, AMP or mobile pages is recognised as one.

w3lib does the RFC-level canonicalisation (case, escapes, sorted query); the rules for tracking parameters and
AMP/mobile variants are ours. courlan was tried and drops value-less query keys, which would merge every SPIP
article (`spip.php?article123`) into one URL.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|xtor|at_\w+|ocid|cmpid|ref|ref_src|"
                       r"amp|outputType|output|share|s_cid|_ga|igshid|wt_\w+|__twitter_impression)$", re.IGNORECASE)
_AMP_PATH = re.compile(r"/(amp|amp\.html)/?$")
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.")


def canonical_url(url: str) -> str:
    """The form of a URL used for exact duplicate detection."""
    parts = urlsplit(canonicalize_url(url.strip(), keep_fragments=False))
    host = _MOBILE_HOST.sub("", parts.netloc.lower())
    path = _AMP_PATH.sub("/", parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    scheme = "https" if parts.scheme in ("http", "https") and not _is_loopback(host) else parts.scheme
    return urlunsplit((scheme, host, path, urlencode(query, doseq=True).replace("=&", "&").rstrip("="), ""))


def _is_loopback(host: str) -> bool:
    """The test replica serves plain http on loopback; keep its scheme so links stay usable."""
    return host.startswith(("127.", "localhost", "[::1]"))
