"""Valid documents whose generated code used not to type-check: enums, numbers, names, cycles, servers.

Fast checks on the view-models here; the end-to-end cases (generate, mypy --strict,
tsc --strict) are in ``tests/hostile/test_hostile_typecheck.py``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from generator.build import spec_target
from generator.core.examples import example_json, portable_json
from generator.core.style import PackageSpec
from generator.diagnostics import Diagnostics
from generator.ir import EnumSchema, Origin, SchemaInfo
from generator.spec_files import SpecFiles
from generator.styles.python.naming import package_name
from generator.styles.python.types import enum_hint, py_literal
from generator.styles.typescript.naming import package_name as npm_package_name
from generator.styles.typescript.types import ts_literal

ORIGIN_DIR = Path("out")
ORIGIN = Origin(file="spec.yaml", pointer="/components/schemas/E")


def test_float_enums_are_floats_not_literals() -> None:
    assert enum_hint([0.5, 1.5]) == "float"
    assert enum_hint([1, "a", True, None, 2.5]) == 'Literal[1, "a", True, None] | float'
    assert enum_hint([1, 2]) == "Literal[1, 2]"


def test_numbers_json_cannot_write_are_exact_code() -> None:
    assert py_literal(math.inf) == 'float("inf")'
    assert py_literal(-math.inf) == 'float("-inf")'
    assert ts_literal(math.inf) == "Infinity"
    assert ts_literal(math.nan) == "NaN"
    assert ts_literal(10**400) == "Infinity"  # what JSON.parse makes of it
    assert ts_literal(2**53 + 1) == "9007199254740992"  # the double JavaScript holds, written exactly
    assert ts_literal(123456789012345678901234567890) == "1.2345678901234568e+29"
    assert ts_literal(2**53) == str(2**53)


@pytest.mark.parametrize("given", ["Infinity", "-Infinity", "NaN", "123456789012345678901234567890", "[1, 1e400]"])
def test_test_values_never_take_an_unportable_default(given: str) -> None:
    assert not portable_json(given)
    schema = EnumSchema(kind="number", values=(0.5,), info=SchemaInfo(default_json=given), origin=ORIGIN)
    value = example_json(None, schema, test=True)  # type: ignore[arg-type]  # an enum needs no mapper
    assert value == 0.5
    assert json.loads(json.dumps(value, allow_nan=False)) == value


@pytest.mark.parametrize(
    ("name", "python", "typescript"),
    [
        ("typing", "typing_client", "typing"),
        ("json", "json_client", "json"),
        ("asyncio", "asyncio_client", "asyncio"),
        ("httpx", "httpx_client", "httpx"),
        ("delete", "delete", "delete_client"),
        ("class", "class_client", "class_client"),
        ("fs", "fs", "fs_client"),
        ("path", "path", "path_client"),
        ("my-api", "my_api", "my_api"),
    ],
)
def test_package_names_shadow_nothing(name: str, python: str, typescript: str) -> None:
    assert package_name(name) == python
    assert npm_package_name(name) == typescript
    for style, expected in (("python", python), ("typescript", typescript)):
        diagnostics = Diagnostics()
        target = spec_target(SpecFiles(()), name, ORIGIN_DIR, style, diagnostics)
        assert target.package == expected
        warned = [d.message for d in diagnostics.warnings if d.code == "W003"]
        assert warned == ([f"package name {name!r} is used as {expected!r}"] if expected != name else [])


def test_resource_names_reserve_their_async_twins() -> None:
    from generator.ir import Api, Operation, Response
    from generator.styles.python.models import build_models
    from generator.styles.python.resources import build_resources

    def op(tag: str) -> Operation:
        return Operation(
            operation_id=f"get{tag}",
            method="get",
            path=f"/{tag}",
            tags=(tag,),
            responses=(Response(status="204", description="none", origin=ORIGIN),),
            origin=ORIGIN,
        )

    api = Api(title="t", version="1", operations=(op("X"), op("AsyncX")), origin=ORIGIN)
    resources = build_resources(api, build_models(api, []), ("Edge", "AsyncEdge"))
    classes = [name for r in resources for name in (r.class_name, f"Async{r.class_name}")]
    assert len(set(classes)) == len(classes) == 4, classes
    assert classes[:2] == ["XResource", "AsyncXResource"]


def _server_api(*servers: tuple[str, tuple[tuple[str, str, tuple[str, ...]], ...]]) -> object:
    from generator.ir import Api, Server, ServerVariable

    return Api(
        title="t",
        version="1",
        servers=tuple(
            Server(
                url=url,
                variables=tuple(
                    ServerVariable(name=n, default=d, enum=e, origin=ORIGIN.child("servers", 0, "variables", n))
                    for n, d, e in variables
                ),
                origin=ORIGIN.child("servers", i),
            )
            for i, (url, variables) in enumerate(servers)
        ),
        origin=ORIGIN,
    )


EDGE = PackageSpec(package="edge", title=None, base_url=None, env_prefix="EDGE", header="")


def test_server_variables_become_client_arguments() -> None:
    from generator.styles.python.package import build_package

    api = _server_api(("https://{region}.example.com:{port}/v1", (("region", "us", ("us", "eu")), ("port", "443", ()))))
    diagnostics = Diagnostics()
    pkg = build_package(api, EDGE, diagnostics)  # type: ignore[arg-type]
    assert [(a.name, a.type, a.default) for a in pkg.server_args] == [
        ("region", 'Literal["us", "eu"]', '"us"'),
        ("port", "str", '"443"'),
    ]
    assert pkg.base_url_expr == "base_url or _server_url(region, port)"
    assert not diagnostics.warnings


@pytest.mark.parametrize("servers", [(), (("/v1", ()),), (("{scheme}://api/v1", ()),)])
def test_no_absolute_server_makes_base_url_required(servers: tuple[tuple[str, tuple[()]], ...]) -> None:
    from generator.styles.python.package import build_package

    diagnostics = Diagnostics()
    pkg = build_package(_server_api(*servers), EDGE, diagnostics)  # type: ignore[arg-type]
    assert pkg.base_url_arg == "base_url: str"
    assert pkg.base_url_expr == "base_url"
    assert [d.message for d in diagnostics.warnings] == ["no absolute server URL: the client needs base_url"]


def test_typescript_server_options_and_required_base_url() -> None:
    from generator.styles.typescript.package import build_package as build_ts

    def build(api: object) -> tuple[object, Diagnostics]:
        diagnostics = Diagnostics()
        pkg = build_ts(api, EDGE, diagnostics)  # type: ignore[arg-type]
        return pkg, diagnostics

    pkg, diagnostics = build(_server_api(("https://{region}.example.com/v1", (("region", "us", ("us", "eu")),))))
    assert [(o.name, o.type, o.default) for o in pkg.server_args] == [  # type: ignore[attr-defined]
        ("region", '"us" | "eu"', '"us"')
    ]
    assert pkg.base_url_expr == "options.baseUrl ?? serverUrl(options)"  # type: ignore[attr-defined]
    assert not diagnostics.warnings
    pkg, diagnostics = build(_server_api(("/v1", ())))
    assert pkg.base_url_expr == "options.baseUrl"  # type: ignore[attr-defined]
    assert [d.code for d in diagnostics.warnings] == ["W005"]
