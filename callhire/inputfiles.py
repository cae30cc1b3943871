"""Reading the command line's input files, with one clear message for each way that fails."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input the command cannot use; the message names the file and, where it helps, the line."""


def read_text_file(path: Path | str, limit: int, what: str, encoding: str = "utf-8") -> str:
    """Return a text file's contents; raise InputError if it is missing, too big or not text."""
    file = Path(path)
    try:
        if file.stat().st_size > limit:
            raise InputError(f"{path}: {what} may be at most {limit / 1_000_000:g} MB")
        return file.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
