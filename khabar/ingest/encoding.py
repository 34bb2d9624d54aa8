"""Decode bytes of unknown encoding into text, never garbling Arabic.

Order: BOMs (UTF-8, UTF-16, UTF-32) → strict UTF-8 → BOM-less UTF-16 (NUL pattern) →
the Arabic single-byte code pages (cp1256, ISO-8859-6), chosen by how many of the decoded
words are real Arabic words (the ANT-learned vocabulary) → refusal. Binary input is
refused with :class:`DecodeError`, so a caller can name the file and go on with the batch.
"""

from __future__ import annotations

import codecs
import re

from ..text.textnorm import normalize

MAX_DOC_BYTES = 50 * 1024 * 1024


class DecodeError(ValueError):
    """The bytes are binary or in no encoding khabar can read without garbling them."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"MZ", b"\x1f\x8b",
    b"BZh", b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"SQLite format",
)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x7F <= ord(c) < 0xA0 or c == "\ufffd")
    return bad / len(text)


def _arabic_word_score(text: str) -> float:
    from ..text.tokenize import vocabulary

    vocab = vocabulary()
    words = _WORD.findall(text[:20000])
    if not words:
        return 0.0
    return sum(1 for w in words if normalize(w) in vocab) / len(words)


def sniff_binary(data: bytes) -> str | None:
    """A reason string if ``data`` looks like a binary file, else None."""
    head = data[:16]
    for magic in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary content (starts with {magic[:8]!r})"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` when it cannot be done faithfully."""
    if len(data) > MAX_DOC_BYTES:
        raise DecodeError(f"document too large ({len(data) / 1e6:.0f} MB > {MAX_DOC_BYTES / 1e6:.0f} MB)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + "-bom"
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {enc} after byte-order mark: {e.reason} at byte {e.start}") from None
    reason = sniff_binary(data)
    if reason:
        raise DecodeError(reason)
    if not data:
        return "", "empty"
    # BOM-less UTF-16: the high byte of each code unit is 0x00 (Latin) or 0x06 (Arabic).
    sample = data[:4000]
    if len(sample) >= 4:
        for enc, highs in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            if sum(1 for b in highs if b in (0, 6)) >= len(highs) * 0.9 and highs.count(0) < len(highs):
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _control_ratio(text) < 0.01:
                    return text, enc
        if sample.count(0) > len(sample) * 0.1:
            raise DecodeError("binary content (NUL bytes)")
    candidates: list[str] = []
    if declared:
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    try:
        text = data.decode("utf-8")
        if _control_ratio(text) > 0.05:
            raise DecodeError("binary content (control characters)")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for enc in [*candidates, "cp1256", "iso8859-6"]:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.05:
            continue
        score = _arabic_word_score(text)
        if best is None or score > best[0] + 1e-9:
            best = (score, enc, text)
    if best and best[0] >= 0.3:
        return best[2], best[1]
    # Latin-only text in a legacy code page: accept cp1252 if it has no control bytes.
    try:
        text = data.decode("cp1252")
        if _control_ratio(text) < 0.001 and not _WORD.search(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    raise DecodeError("undecodable: not UTF-8/UTF-16 and no Arabic code page gives real Arabic words")
