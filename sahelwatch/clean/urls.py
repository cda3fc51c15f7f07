"""Canonical URLs, so one article reached through tracking links, AMP or mobile pages is recognised as one.

w3lib does the RFC-level canonicalisation (case, escapes, sorted query); the rules for tracking parameters and
AMP/mobile variants are ours. courlan was tried and drops value-less query keys, which would merge every SPIP
article (`spip.php?article123`) into one URL; here `article123` is kept as the distinct key it is.
The result is a comparison key, not a link to show: it drops `www.`, a trailing slash and the default port.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|xtor|at_\w+|ocid|cmpid|"
    r"ref_src|ref_url|s_cid|_ga|_gl|igshid|wt_\w+|__twitter_impression|amp|share|"
    r"fb_action_ids|fb_action_types|fb_source|spref|via)$",
    re.IGNORECASE,
)
_AMP_VALUES = re.compile(r"^(amp|1|true)?$", re.IGNORECASE)
_AMP_KEYS = re.compile(r"^(output|outputtype|format)$", re.IGNORECASE)
_AMP_PATH = re.compile(r"/amp(\.html?)?/?$|(?<=\w)\.amp(?=\.html?$|$)")
_AMP_PREFIX = re.compile(r"^/amp(?=/)")
_AMP_CACHE = re.compile(r"^/[cv]/(s/)?(?P<host>[^/]+)(?P<path>/.*)?$")
_HOST_PREFIX = re.compile(r"^(www\d?|m|mobile|amp)\.")
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def _tracking(key: str, value: str) -> bool:
    """Analytics and share parameters; `ref` only when it names a referrer rather than an article number."""
    if _TRACKING.match(key):
        return True
    if key.lower() == "ref":
        return not value.isdigit()
    return bool(_AMP_KEYS.match(key)) and value.lower() == "amp"


def _unwrap_amp_cache(url: str) -> str:
    """https://www-site-ml.cdn.ampproject.org/c/s/www.site.ml/article -> https://www.site.ml/article."""
    parts = urlsplit(url)
    if not parts.netloc.lower().endswith(".cdn.ampproject.org"):
        return url
    match = _AMP_CACHE.match(parts.path)
    if not match:
        return url
    return urlunsplit(("https", match["host"], match["path"] or "/", parts.query, ""))


def _host(netloc: str, scheme: str) -> str:
    host = netloc.lower().removesuffix(_DEFAULT_PORTS.get(scheme, "\0"))
    return _HOST_PREFIX.sub("", host)


def _path(path: str) -> str:
    path = _AMP_PREFIX.sub("", _AMP_PATH.sub("", path))
    return path.rstrip("/") or "/"


def canonical_url(url: str) -> str:
    """The form of a URL used for exact duplicate detection."""
    parts = urlsplit(canonicalize_url(_unwrap_amp_cache(url.strip()), keep_fragments=False))
    host = _host(parts.netloc, parts.scheme)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k, v)]
    scheme = "https" if parts.scheme in ("http", "https") and not _is_loopback(host) else parts.scheme
    encoded = "&".join(
        pair.rstrip("=") if pair.endswith("=") else pair for pair in urlencode(query, doseq=True).split("&") if pair
    )
    return urlunsplit((scheme, host, _path(parts.path), encoded, ""))


def _is_loopback(host: str) -> bool:
    """The test replica serves plain http on loopback; keep its scheme so links stay usable."""
    return host.startswith(("127.", "localhost", "[::1]"))
