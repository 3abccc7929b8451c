"""The package view-model: names, credentials, resources and models of one generated Python client."""

from __future__ import annotations

from ...core import package as core_package
from ...core.schemas import body_roots
from ...core.style import PackageSpec
from ...diagnostics import Diagnostics
from ...immutable import immutable
from ...ir import Api
from . import naming
from .imports import export_order
from .models import ModelSet, build_models
from .resources import ResourceVM, build_resources
from .types import py_literal, tuple_literal

PUBLIC_RUNTIME = (
    *core_package.RUNTIME_ERRORS,
    "PaginationError",
    "TokenError",
    "Hooks",
    "RequestOptions",
    "RetryPolicy",
)
FIXED_ARGS = frozenset(
    {"base_url", "timeout", "retry", "http_client", "default_headers", "max_body_size", "hooks", "quote", "self"}
)
"""The clients' own parameters, and the names ``_server_url`` uses."""

PY_LITERALS = core_package.Literals(
    text=py_literal,
    plain="str",
    union=lambda values: f"Literal[{', '.join(values)}]",
    array=tuple_literal,
)
"""Server variables as keyword arguments: ``Literal[...]`` types, tuples of choices."""


@immutable
class CredentialVM(core_package.CredentialView):
    credential: core_package.Credential
    build: str
    """Expression building the runtime credential from the arguments."""
    token_build: str = ""
    """Expression building the runtime's token source from ``token_args``, or None when they allow no grant."""

    @property
    def given(self) -> str:
        """The condition under which every argument of this credential is set."""
        return " and ".join(f"{arg.name} is not None" for arg in self.args)


@immutable(kw_only=True)
class PackageVM(core_package.PackageBasics[CredentialVM, ResourceVM, ModelSet]):
    distribution: str
    client_prefix: str

    @property
    def client_names(self) -> list[str]:
        return export_order([self.client_prefix, f"Async{self.client_prefix}"])

    @property
    def public_names(self) -> list[str]:
        """What the package's ``__init__`` exports: both clients and the runtime's public classes."""
        return export_order([self.client_prefix, f"Async{self.client_prefix}", *PUBLIC_RUNTIME])

    @property
    def base_url_arg(self) -> str:
        """The ``base_url`` parameter: required when the API names no absolute address."""
        return "base_url: str" if self.server.required else "base_url: str | None = None"

    @property
    def base_url_expr(self) -> str:
        """What the clients send to: ``base_url``, else the default address with the server arguments in it."""
        if self.server.required:
            return "base_url"
        if self.server_args:
            return f"base_url or _server_url({', '.join(arg.name for arg in self.server_args)})"
        return "base_url or DEFAULT_BASE_URL"

    @property
    def credential_call(self) -> str:
        """The call that gathers the credentials from the client's arguments."""
        return f"_credentials({', '.join(arg.name for arg in (*self.credential_args, *self.token_args))})"


def build_package(api: Api, spec: PackageSpec, diagnostics: Diagnostics) -> PackageVM:
    core_package.warn_document(api, diagnostics)
    models = build_models(api, body_roots(api))
    client_prefix = naming.pascal(spec.package)
    resources = build_resources(api, models, (client_prefix, f"Async{client_prefix}", *PUBLIC_RUNTIME))
    distribution = spec.package.replace("_", "-")
    basics = core_package.package_basics(
        api, spec, diagnostics, PYTHON_PACKAGE, distribution=distribution, resources=resources, models=models
    )
    return PackageVM(**basics, distribution=distribution, client_prefix=client_prefix)


def _credential(credential: core_package.Credential) -> CredentialVM:
    plan = credential.plan
    names = ", ".join(a.name for a in credential.args)
    if plan.kind == "apiKey":
        build = (
            f"_rt.ApiKey({names}, name={py_literal(plan.scheme.parameter_name)}, "
            f"location={py_literal(plan.scheme.location)})"
        )
    else:
        build = f"_rt.{'BasicAuth' if plan.kind == 'basic' else 'BearerToken'}({names})"
    token_build = ""
    if plan.oauth is not None:
        grants = tuple_literal(
            f"_rt.OAuth2Grant({py_literal(g.grant)}, {py_literal(g.token_url)}, {py_literal(g.refresh_url)})"
            for g in plan.oauth.grants
        )
        keywords = [
            f"{part.base}={arg.name}" for part, arg in zip(plan.oauth.parts, credential.token_args, strict=True)
        ]
        if plan.oauth.scopes:
            keywords.append(f"scopes={tuple_literal([py_literal(s) for s in plan.oauth.scopes])}")
        token_build = f"_rt.oauth2_tokens({grants}, {', '.join(keywords)})"
    return CredentialVM(credential=credential, build=build, token_build=token_build)


PYTHON_PACKAGE = core_package.PackageStyle(
    case=lambda name, fallback: naming.snake(name, fallback=fallback),
    client_args=frozenset({*FIXED_ARGS, *naming.RESERVED}),
    otherwise="pass a configured http_client instead",
    literals=PY_LITERALS,
    credential=_credential,
)
