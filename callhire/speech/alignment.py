"""Align what was heard with what should have been said, word by word."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Edit:
    """One reading error: ``op`` is "missed", "added" or "changed"; ``position`` indexes the script."""

    op: str
    expected: str
    heard: str
    position: int


def align_words(expected: list[str], heard: list[str]) -> tuple[list[Edit], list[int | None]]:
    """Return the fewest edits turning ``expected`` into ``heard`` and, per expected word, the heard index matched.

    Plain Levenshtein over words (substitution, deletion and insertion all cost 1), the measure
    word error rate is defined by, so "allow" read as "allowed" is one changed word.
    """
    n, m = len(expected), len(heard)
    # cost[i][j] = (edits, substitutions): fewest edits first, then fewest substitutions, which keeps
    # the most words matched ("the mat" heard as "mat today": miss "the", add "today", keep "mat").
    cost = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = (i, 0)
    for j in range(m + 1):
        cost[0][j] = (j, 0)
    for i in range(1, n + 1):
        row, prev = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1]
            if expected[i - 1] != heard[j - 1]:
                diag = (diag[0] + 1, diag[1] + 1)
            up, left = prev[j], row[j - 1]
            row[j] = min(diag, (up[0] + 1, up[1]), (left[0] + 1, left[1]))
    edits: list[Edit] = []
    matched: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 or j > 0:
        here = cost[i][j]
        if i > 0 and j > 0 and expected[i - 1] == heard[j - 1] and here == cost[i - 1][j - 1]:
            matched[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif i > 0 and j > 0 and here == (cost[i - 1][j - 1][0] + 1, cost[i - 1][j - 1][1] + 1):
            edits.append(Edit("changed", expected[i - 1], heard[j - 1], i - 1))
            i, j = i - 1, j - 1
        elif i > 0 and here == (cost[i - 1][j][0] + 1, cost[i - 1][j][1]):
            edits.append(Edit("missed", expected[i - 1], "", i - 1))
            i -= 1
        else:
            edits.append(Edit("added", "", heard[j - 1], i))
            j -= 1
    edits.reverse()
    return edits, matched


def word_error_rate(expected: list[str], heard: list[str]) -> float:
    """Return (substitutions + deletions + insertions) / words expected; 0 for an empty script read as nothing."""
    if not expected:
        return 0.0 if not heard else 1.0
    edits, _ = align_words(expected, heard)
    return len(edits) / len(expected)
