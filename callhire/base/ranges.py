"""Serve a stored file with HTTP range requests, so an <audio> element can seek in a recording.

Chromium plays a file whose server ignores Range, but it cannot jump to a word of the transcript
until the whole file has arrived; with `206 Partial Content` it fetches just the part it needs.
Only one range per request (what browsers send); anything else gets the whole file.
"""

from __future__ import annotations

import re
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """Return the (first, last) byte positions of a single `Range: bytes=` header, or None to send it all.

    Raises ValueError for a range that lies wholly past the end (answered with 416).
    """
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(0, size - length), size - 1
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if start >= size:
        raise ValueError("range starts past the end")
    if end < start:
        return None  # not a valid range: ignore the header
    return start, end


def _read(source: IO[bytes], start: int, length: int):
    try:
        source.seek(start)
        while length > 0:
            block = source.read(min(CHUNK, length))
            if not block:
                break
            length -= len(block)
            yield block
    finally:
        source.close()


def ranged_file_response(request: HttpRequest, source: IO[bytes], size: int, content_type: str) -> HttpResponse:
    """Answer with the whole file, or with the part the request's Range header asks for."""
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except ValueError:
        source.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        response: HttpResponse = FileResponse(source, content_type=content_type)
    else:
        start, end = wanted
        response = StreamingHttpResponse(_read(source, start, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response
