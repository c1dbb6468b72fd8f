"""Dates as machines read them: RFC 3339 (Atom, JSON Feed, HTML's ``datetime``, JSON-LD, the sitemap) and RFC 822
(RSS). Their offsets are hours and minutes, but a zone's offset before its standard time came was the place's local
mean time, with seconds (Asia/Jakarta's +07:07:12 until 1924): ``isoformat`` wrote '+07:07:12' and RSS '+070712',
which feedparser read eleven hours off. Such a moment is written in UTC, the same moment exactly."""
from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime


def writable(d: datetime) -> datetime:
    """``d``, or the same moment in UTC when its offset has seconds (local mean time)."""
    offset = d.utcoffset()
    return d.astimezone(timezone.utc) if offset is not None and offset.seconds % 60 else d


def iso(d: datetime) -> str:
    """``d`` in RFC 3339: '2025-06-13T09:00:00+07:00', '1900-02-28T16:52:48+00:00' for Jakarta's 1900-03-01
    midnight. A page writes dozens: the offset is read from the text ('+07:07:12'), as fast as ``isoformat``."""
    text = d.isoformat()
    return text if text[-9:-8] not in ("+", "-") else d.astimezone(timezone.utc).isoformat()


def rfc822(d: datetime) -> str:
    """``d`` as RSS writes it: 'Fri, 13 Jun 2025 09:00:00 +0700', in English whatever the locale."""
    return format_datetime(writable(d))
