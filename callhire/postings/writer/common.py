"""Language-neutral helpers the wording modules share: lists, amounts, durations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from callhire.screening import catalog

# catalog.HOURS is both a Unit and, further down, the full-time/part-time names; the second wins.
HOURS_UNIT = catalog.Unit("hour", "hours", "jam")


def join(items: Sequence[str], last: str) -> str:
    """Join words as a person lists them: "a", "a and b", "a, b and c" (``last`` is "and"/"or")."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capital(text: str) -> str:
    """Capitalise the first letter only (``macOS`` and ``SPM`` stay as they are)."""
    return text[:1].upper() + text[1:]


def number(value: float) -> str:
    """A count as people write it: 12, 1.5, 10000 -> 10,000."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return catalog.format_number(value)


def duration(months: int, lang: str) -> str:
    """Months as a person writes them: 1 month, 6 months, 1 year (12), 2 years (24), 18 months."""
    if months >= 12 and months % 12 == 0:
        return catalog.YEARS.format(months // 12, lang)
    return catalog.MONTHS.format(months, lang)


def has_cents(pay: Mapping[str, Any]) -> bool:
    return any(not float(pay[name]).is_integer() for name in ("min", "max") if name in pay)


def amount(value: float, cents: bool) -> str:
    """An amount of money: 2,200 or, when any amount of the range has cents, 14.00."""
    return f"{value:,.2f}" if cents else f"{int(round(value)):,}"


def money(value: float, currency: str, cents: bool) -> str:
    """An amount with its currency: RM2,200 for ringgit, USD 14.00 for the others."""
    if currency == "MYR":
        return f"RM{amount(value, cents)}"
    return f"{currency} {amount(value, cents)}"


def pay_range(pay: Mapping[str, Any], dash: str, repeat_currency: bool) -> tuple[str, str]:
    """The amounts of a pay range and which of "range", "min", "max", "exact" it is.

    ``dash`` goes between the two amounts; ``repeat_currency`` writes the currency on both
    (always for ringgit: RM2,200 - RM2,800).
    """
    currency = str(pay["currency"])
    cents = has_cents(pay)
    low, high = pay.get("min"), pay.get("max")
    if low is not None and high is not None and low != high:
        if repeat_currency or currency == "MYR":
            return f"{money(low, currency, cents)}{dash}{money(high, currency, cents)}", "range"
        return f"{money(low, currency, cents)}{dash}{amount(high, cents)}", "range"
    if low is not None and high is not None:
        return money(low, currency, cents), "exact"
    if low is not None:
        return money(low, currency, cents), "min"
    assert high is not None
    return money(high, currency, cents), "max"


def code_words(text: str) -> str:
    """A code written as words (insurance_license -> insurance license); other text unchanged."""
    if text and text == text.lower() and " " not in text and "_" in text:
        return text.replace("_", " ")
    return text
