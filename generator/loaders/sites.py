"""Where in the document each of openapi-spec-validator's findings is.

The validator checks in two steps. The first (the document against the
OpenAPI JSON Schema) gives every error its path from the root. The second
walks paths, operations, parameters and schema objects with "keyword
validators" that raise errors with no place at all (a default breaking its
schema came out at ``#``). ``located_validator`` subclasses each keyword
validator so that an error leaving it carries the node it was checking; the
node's path (as the validator walked it, through ``$ref``s) is then followed
in the document to the pointer of the node itself.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import unquote

from ..ir import escape_pointer
from ..sources import resolve_pointer
from .findings import Worded, listed, plain, quoted, word

SITE = "_generator_site"
"""The attribute a located error carries: (keyword, the node's path parts, the keyword validator's other arguments)."""

Site = tuple[str, tuple[Any, ...], tuple[Any, ...]]


@cache
def located_validator(validator_class: type[Any]) -> type[Any]:
    """``validator_class`` whose keyword validators mark each error with the node they were checking."""
    keywords = {name: _located_keyword(name, cls) for name, cls in validator_class.keyword_validators.items()}
    return type(validator_class.__name__, (validator_class,), {"keyword_validators": keywords})


def _located_keyword(name: str, keyword_class: type[Any]) -> type[Any]:
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    def call(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        paths = [a for a in args if isinstance(a, SchemaPath)]
        site = (name, tuple(paths[0].parts) if paths else (), tuple(a for a in args if isinstance(a, (str, int))))
        try:
            for error in keyword_class.__call__(self, *args, **kwargs):
                if not hasattr(error, SITE):
                    if not isinstance(error, OpenAPIValidationError):  # else the validator replaces it, site and all
                        error = OpenAPIValidationError.create_from(error)
                    setattr(error, SITE, site)
                yield error
        except Exception as exc:  # the validator tripped over this node: say which
            if not hasattr(exc, SITE):
                with contextlib.suppress(Exception):  # some exceptions are frozen: they go without a site
                    setattr(exc, SITE, site)
            raise

    return type(keyword_class.__name__, (keyword_class,), {"__call__": call})


def finding(data: Any, error: Any) -> tuple[str, str, str]:
    """(pointer, message, kind) for one error of the validator."""
    site: Site | None = getattr(error, SITE, None)
    worded = word(error)
    if site is None:  # the first step: the path is from the root
        return _pointer(worded.path), worded.message, worded.kind
    keyword, parts, others = site
    base = node_pointer(data, parts)
    if base is None:
        return "", worded.message, worded.kind
    special = _special(data, type(error).__name__, keyword, base, parts, others, str(error.message))
    if special is not None:
        return special
    if keyword == "default":  # the default value checked against the schema it sits in
        return base + "/default" + _pointer(worded.path), worded.message, "default"
    if keyword == "schema" and str(error.message).endswith("is not of type 'object', 'boolean'"):
        return base, f"a schema must be an object or a boolean, not {_kind_of(data, base)}", "schema"
    return base + _pointer(worded.path), worded.message, worded.kind


def _pointer(path: tuple[Any, ...] | list[Any]) -> str:
    return "".join("/" + escape_pointer(str(p)) for p in path)


def node_pointer(data: Any, parts: tuple[Any, ...]) -> str | None:
    """The pointer of the node at ``parts`` (a path that may pass through local ``$ref``s), itself resolved."""
    pointer, node = "", data
    for part in parts:
        pointer, node = _dereferenced(data, pointer, node)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return pointer or None
        pointer += "/" + escape_pointer(str(part))
    return _dereferenced(data, pointer, node)[0]


def _dereferenced(data: Any, pointer: str, node: Any) -> tuple[str, Any]:
    for _ in range(64):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            break  # another file's node: its place here is the $ref
        target = unquote(ref[1:])
        try:
            node = resolve_pointer(data, target)
        except (KeyError, ValueError):
            break
        pointer = target
    return pointer, node


def _kind_of(data: Any, pointer: str) -> str:
    try:
        node = resolve_pointer(data, pointer)
    except (KeyError, ValueError):
        return "this"
    from .findings import described

    return described(node)


def _special(
    data: Any, error_class: str, keyword: str, base: str, parts: tuple[Any, ...], others: tuple[Any, ...], text: str
) -> tuple[str, str, str] | None:
    """The validator's own checks (not JSON Schema keywords): placed at the node they are about, reworded."""
    if error_class == "ExtraParametersError":
        return base + "/required", f"required {_names_in(text)} not defined by the schema or its allOf", "required"
    if error_class == "DuplicateOperationIDError":
        operation_id = _follow(data, base + "/operationId")
        return base + "/operationId", f"operationId {quoted(operation_id)} is used by another operation", error_class
    if error_class == "ParameterDuplicateError":
        return _duplicate_parameter(data, base)
    if error_class == "UnresolvableParameterError" and len(others) >= 2:
        return _unresolved_path_parameter(data, base, parts, str(others[0]), text)
    if keyword == "tags" and text.startswith("Duplicate tag name"):
        return _duplicate_tag(data, base)
    return None


def _names_in(text: str) -> str:
    start, end = text.find("["), text.rfind("]")
    import ast

    try:
        names = ast.literal_eval(text[start : end + 1]) if 0 <= start < end else []
    except (ValueError, SyntaxError):
        names = []
    return listed(sorted(str(n) for n in names)) if names else "fields"


def _follow(data: Any, pointer: str) -> Any:
    try:
        return resolve_pointer(data, pointer)
    except (KeyError, ValueError):
        return None


def _resolved(data: Any, node: Any) -> Any:
    return _dereferenced(data, "", node)[1]


def _duplicate_parameter(data: Any, base: str) -> tuple[str, str, str]:
    parameters = _follow(data, base)
    seen: set[tuple[str, str]] = set()
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
        parameter = _resolved(data, parameter)
        if not isinstance(parameter, dict):
            continue
        key = (str(parameter.get("name")), str(parameter.get("in")))
        if key in seen:
            message = f"parameter {quoted(key[0])} in {key[1]} is declared twice"
            return f"{base}/{index}", message, "ParameterDuplicateError"
        seen.add(key)
    return base, "a parameter is declared twice", "ParameterDuplicateError"


def _duplicate_tag(data: Any, base: str) -> tuple[str, str, str]:
    tags = _follow(data, base)
    seen: set[str] = set()
    for index, tag in enumerate(tags if isinstance(tags, list) else []):
        name = str(_resolved(data, tag).get("name")) if isinstance(_resolved(data, tag), dict) else ""
        if name in seen:
            return f"{base}/{index}/name", f"tag {quoted(name)} is declared twice", "tags"
        seen.add(name)
    return base, "a tag name is declared twice", "tags"


def _unresolved_path_parameter(
    data: Any, base: str, parts: tuple[Any, ...], url: str, text: str
) -> tuple[str, str, str]:
    """A ``{name}`` of the URL no path parameter declares, or a path parameter the URL has no ``{name}`` for."""
    name = text.split("'")[1] if text.count("'") >= 2 else ""
    try:
        in_url = {field for _, field, _, _ in string.Formatter().parse(url) if field}
    except ValueError:
        in_url = set()
    kind = "UnresolvableParameterError"
    if name in in_url:
        return base, f"{{{name}}} in the path has no parameter with in: path declaring it", kind
    path_item = node_pointer(data, parts[:-1]) if parts else None
    for owner in (base, path_item):
        parameters = _follow(data, f"{owner}/parameters") if owner is not None else None
        for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
            parameter = _resolved(data, parameter)
            if isinstance(parameter, dict) and parameter.get("in") == "path" and parameter.get("name") == name:
                return (
                    f"{owner}/parameters/{index}",
                    f"path parameter {quoted(name)} has no {{{name}}} in the path",
                    kind,
                )
    return base, f"path parameter {quoted(name)} has no {{{name}}} in the path", kind


def failure(data: Any, exc: Exception) -> tuple[str, str, str]:
    """The validator stopped on ``exc``: at the ``$ref`` it could not follow when that is why, else at the root."""
    ref = getattr(exc, "ref", None)
    if isinstance(ref, str):
        fragment = ref.partition("#")[2] if "#" in ref else ref
        for pointer, value in _refs(data):
            if value == ref or unquote(value.partition("#")[2]) == unquote(fragment):
                return pointer, f"$ref {quoted(value)} points at nothing; validation stopped here", "validator"
    site: Site | None = getattr(exc, SITE, None)
    pointer = (node_pointer(data, site[1]) or "") if site is not None else ""
    reason = f"{type(exc).__name__}: {plain(str(exc))}" if str(exc) else type(exc).__name__
    return pointer, f"the validator cannot read this and stopped ({reason})", "validator"


def _refs(data: Any) -> Iterator[tuple[str, str]]:
    """(pointer, value) of every ``$ref`` string, in document order."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield pointer + "/$ref", node["$ref"]
            children = [(f"{pointer}/{escape_pointer(str(k))}", v) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(f"{pointer}/{i}", v) for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))


__all__ = ["SITE", "Worded", "failure", "finding", "located_validator", "node_pointer"]
