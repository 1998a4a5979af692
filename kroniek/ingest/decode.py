"""Bytes to text: encodings, binary sniffing and the one normalisation every reader applies."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

#: Legacy encodings a news file may plausibly be in. cp1252 covers latin-1's printable range.
LEGACY_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "latin_1",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "koi8_u",
)
_WESTERN = {"cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: How much of a file the binary sniff looks at.
SNIFF_BYTES = 8192


class DecodeError(ValueError):
    """The bytes are not text kroniek can read; ``binary`` tells K103 from K101."""

    def __init__(self, detail: str, binary: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.binary = binary


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the opening: an image, archive or database."""
    head = data[:SNIFF_BYTES]
    if not head or bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > 0.1 * len(head)


def decode_bytes(data: bytes) -> str:
    """Decode a source's bytes: a BOM's encoding, else UTF-8, else the likeliest legacy encoding.

    Raises DecodeError. Bytes that are partly valid UTF-8 and partly not are refused rather than
    guessed at: that is a damaged or concatenated file, and any single guess garbles part of it.
    """
    if looks_binary(data):
        raise DecodeError("binary", binary=True)
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            raise DecodeError(f"invalid {encoding} at byte {err.start}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _UTF8_MULTIBYTE.search(data):
            raise DecodeError(f"invalid UTF-8 at byte {err.start} in text that is otherwise UTF-8") from None
        first_bad = err.start
    return _decode_legacy(data, first_bad)


def _decode_legacy(data: bytes, first_bad: int) -> str:
    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    best = matches.best()
    if best is None:
        raise DecodeError(f"not UTF-8 (byte {first_bad}) nor a known legacy encoding")
    encoding = best.encoding
    if encoding in _WESTERN:
        # charset-normalizer often ranks cp1250 first for Western text it decodes identically
        # ("Liège" becomes "Ličge"); kroniek reads Dutch news, so cp1252 wins a tie.
        for match in matches:
            if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
                encoding = "cp1252"
                break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:  # pragma: no cover - charset-normalizer said it decodes
        raise DecodeError(f"not valid {encoding} at byte {err.start}") from None


def normalise(text: str) -> str:
    """NFC, Unix newlines, no BOM. Nothing else: offsets point into the result."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


_SPACES = re.compile(r"\s+")


def clean_field(value: str) -> str | None:
    """A one-line metadata field (title, publication): normalised, whitespace folded."""
    value = _SPACES.sub(" ", normalise(value)).strip()
    return value or None
