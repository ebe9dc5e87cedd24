"""Babel extractor for the questionnaire YAML.

``babel.cfg`` names it in its ``[extractors]`` section (Babel splits a
section name at its first colon, so the dotted path cannot go there).

Yields every translatable text with its line and a translator comment such as
``questionnaire: taal.spreken option nog_niet``. The msgids are exactly the
strings the loader puts in the model (see ``loader.clean_text``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .loader import NULL_TAG, TEXT_TAGS, clean_text

__all__ = ["extract_questionnaire", "iter_messages"]

Message = tuple[int, None, str, list[str]]

_DOMAIN_TEXTS = ("title", "why")
_QUESTION_TEXTS = ("text", "help", "unit", "low", "high")
# Keys in scales.yaml whose values are names, not texts.
_NOT_TEXT = frozenset({"pictogram"})


def _pairs(node: Node | None) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}


def _message(node: Node | None, comment: str) -> Iterator[Message]:
    if isinstance(node, ScalarNode) and node.tag in TEXT_TAGS and node.tag != NULL_TAG:
        text = clean_text(node.value)
        if text:
            yield (node.start_mark.line + 1, None, text, [f"questionnaire: {comment}"])


def _domain(top: dict[str, Node]) -> Iterator[Message]:
    did = top["domain"].value if isinstance(top["domain"], ScalarNode) else "?"
    for key in _DOMAIN_TEXTS:
        yield from _message(top.get(key), f"{did} {key}")
    for level, node in _pairs(top.get("team_score")).items():
        yield from _message(node, f"{did} team_score {level}")
    questions = top.get("questions")
    for item in questions.value if isinstance(questions, SequenceNode) else []:
        q = _pairs(item)
        qid = q["id"].value if isinstance(q.get("id"), ScalarNode) else f"{did}.?"
        for key in _QUESTION_TEXTS:
            yield from _message(q.get(key), f"{qid} {key}")
        options = q.get("options")
        for opt_node in options.value if isinstance(options, SequenceNode) else []:
            opt = _pairs(opt_node)
            oid = opt["id"].value if isinstance(opt.get("id"), ScalarNode) else "?"
            yield from _message(opt.get("text"), f"{qid} option {oid}")


def _scales(node: Node, path: tuple[str, ...]) -> Iterator[Message]:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value not in _NOT_TEXT:
                yield from _scales(v, (*path, k.value))
    elif isinstance(node, SequenceNode):
        for i, v in enumerate(node.value):
            yield from _scales(v, (*path, str(i)))
    else:
        yield from _message(node, "scales " + ".".join(path))


def iter_messages(text: str) -> Iterator[Message]:
    """Messages of one questionnaire file (domain file or scales.yaml)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return
    top = _pairs(root)
    if "domain" in top:
        yield from _domain(top)
    else:
        yield from _scales(root, ())


def extract_questionnaire(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Message]:
    """Babel extraction method: ``(lineno, None, message, [comment])``."""
    data = fileobj.read()
    if isinstance(data, bytes):
        encoding = (options or {}).get("encoding", "utf-8-sig")
        data = data.decode(encoding)
    yield from iter_messages(data)
