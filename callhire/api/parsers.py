from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError

MAX_BODY_BYTES = 1024 * 1024  # a profile document is a few kilobytes; nothing the API takes is near this


class TooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def _check_text(value) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise ParseError(_("Text may not contain NUL characters."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate such as "\\ud800": valid JSON, not storable text
            raise ParseError(_("Text must be valid Unicode.")) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)


class JSONParser(parsers.JSONParser):
    """Parse JSON, refusing text no database can store, so bad input is a 400 and not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        # Refused before reading: DRF parses the stream itself, past Django's own size limit.
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise TooLarge(_("The body is larger than %(mb)s MB.") % {"mb": MAX_BODY_BYTES // (1024 * 1024)})
        data = super().parse(stream, media_type, parser_context)
        _check_text(data)
        return data
