"""Decode an article page when its charset is missing or wrong, and say which of the two happened.

Sahel outlets run old CMSs: ISO-8859-1 pages without a charset, or "utf-8" in the header over Latin-1 bytes. A wrong
guess turns "tués" into "tu\ufffds" or "tuÃ©s", and the extraction downstream misses the word, so the page is decoded
strictly and the charset corrected when the declared one does not fit the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

_SINGLE_BYTE = {"cp1252", "latin_1", "iso8859_15", "ascii"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    problem: str | None  # charset_missing | charset_wrong | None


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    resolved = resolve_encoding(name)
    if not resolved:
        return None
    import codecs

    return codecs.lookup(resolved).name.replace("-", "_")


def decode_html(body: bytes, content_type: str | None) -> Decoded:
    """The page as text. Declared charset (BOM, header, then <meta>) if the bytes fit it; else UTF-8, else cp1252."""
    bom, _ = read_bom(body)
    if bom:
        encoding = _codec(bom) or "utf_8"
        return Decoded(body.decode(encoding, errors="replace").lstrip("\ufeff"), encoding, None)
    declared = _codec(http_content_type_encoding(content_type) if content_type else None) or _codec(
        html_body_declared_encoding(body)
    )
    utf8 = _strict(body, "utf_8")
    if declared is None:
        if utf8 is not None:
            return Decoded(utf8, "utf_8", None if body.isascii() else "charset_missing")
        return Decoded(body.decode("cp1252", errors="replace"), "cp1252", "charset_missing")
    text = _strict(body, declared)
    if text is not None:
        if declared in _SINGLE_BYTE and utf8 is not None and not body.isascii():
            # Latin-1 bytes almost never form valid multi-byte UTF-8: valid UTF-8 here means the label is wrong.
            return Decoded(utf8, "utf_8", "charset_wrong")
        return Decoded(text, declared, None)
    if utf8 is not None:
        return Decoded(utf8, "utf_8", "charset_wrong")
    return Decoded(body.decode("cp1252", errors="replace"), "cp1252", "charset_wrong")
