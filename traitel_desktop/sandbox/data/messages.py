"""Texts of inbound SMS, and their wire forms (``ASCII`` escaped, or ``U16`` hex)."""

from __future__ import annotations

ASCII_TEXTS: tuple[str, ...] = (
    "Yes, confirmed for tomorrow at 10am. Thanks!",
    "Can you call me back please",
    "STOP",
    "Running 10 min late, sorry",
    "Hi, is the order ready for pick-up?",
    "Received, thanks.\nRegards, Tom",
    "Appointment OK\nSee you Thursday",
    "Invoice #4471 paid today",
    "Please reschedule to Friday, 2pm",
    "Path is C:\\Users\\Shared\\scan.pdf",
    "Y",
    "No thanks",
    "What are your opening hours on Saturday?",
    'He said "ok" - go ahead',
    "Line 1\nLine 2\nback\\slash done",
)

UNICODE_TEXTS: tuple[str, ...] = (
    "Ευχαριστώ πολύ, τα λέμε αύριο!",
    "Καλημέρα, είναι έτοιμη η παραγγελία;",
    "谢谢，明天见",
    "请给我回电话",
    "See you soon 😀👍",
    "Café ouvert à 9h ? Merci 🙏",
    "Danke schön – bis Montag",
    "🎉 Happy birthday! 🎂",
)


def ascii_wire(text: str) -> str:
    """The ASCII form: backslash as ``\\\\``, newline as ``\\n``."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def u16_wire(text: str) -> str:
    """The U16 form: hex of the UTF-16 big-endian code units (emoji as surrogate pairs)."""
    return text.encode("utf-16-be").hex().upper()


MESSAGES: tuple[tuple[str, str], ...] = tuple(
    [("ASCII", ascii_wire(t)) for t in ASCII_TEXTS]
    + [("U16", u16_wire(t)) for t in UNICODE_TEXTS]
)
#: Weights for :data:`MESSAGES`: about one inbound message in seven is Unicode.
MESSAGE_WEIGHTS: tuple[float, ...] = tuple([6.0] * len(ASCII_TEXTS) + [2.0] * len(UNICODE_TEXTS))
