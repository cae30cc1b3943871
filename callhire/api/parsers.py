from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


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
        data = super().parse(stream, media_type, parser_context)
        _check_text(data)
        return data
