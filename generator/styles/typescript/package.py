"""The package view-model: names, credentials, resources and models of one generated TypeScript client."""

from __future__ import annotations

from ...core import package as core_package
from ...core.style import PackageSpec
from ...diagnostics import Diagnostics
from ...immutable import immutable
from ...ir import Api
from . import naming
from .models import ModelSet, build_models
from .operations import ResourceVM
from .resources import build_resources
from .types import ts_literal

PUBLIC_ERRORS = tuple(sorted((*core_package.RUNTIME_ERRORS, "FileExistsError", "PaginationError", "TokenError")))
PUBLIC_VALUES = ("DEFAULT_RETRY", "Hooks", "JobHandle", "StreamedResponse")
PUBLIC_TYPES = (
    "AfterResponse",
    "BeforeRequest",
    "FetchLike",
    "HookLists",
    "HookRequest",
    "OnError",
    "Page",
    "ProgressCallback",
    "RequestOptions",
    "RetryPolicy",
    "SaveOptions",
    "WaitOptions",
)
CLIENT_OPTIONS = ("baseUrl", "fetch", "timeoutMs", "retry", "defaultHeaders", "maxBodySize", "hooks")
TOKEN_KEYS = {
    "client_id": "clientId",
    "client_secret": "clientSecret",
    "username": "username",
    "password": "password",
    "refresh_token": "refreshToken",
}
"""The runtime's ``OAuth2Secrets`` key of each OAuth2 token part."""

TS_LITERALS = core_package.Literals(
    text=ts_literal, plain="string", union=" | ".join, array=lambda values: "[" + ", ".join(values) + "]"
)
"""Server variables as client options: unions of string literals, arrays of choices."""


@immutable
class CredentialVM(core_package.CredentialView):
    credential: core_package.Credential
    scheme: str
    """The security scheme's name as a string literal."""
    build: str
    """Expression building the runtime credential from the arguments."""
    token_grants: tuple[str, ...] = ()
    """The runtime's ``OAuth2Grant`` objects of the scheme's flows (object literals); empty: no token source."""
    token_secrets: str = ""
    """The ``OAuth2Secrets`` object literal built from ``token_args`` (and the scopes the operations ask)."""


@immutable(kw_only=True)
class PackageVM(core_package.PackageBasics[CredentialVM, ResourceVM, ModelSet]):
    npm_name: str
    client: str

    @property
    def base_url_expr(self) -> str:
        """What the client sends to: ``baseUrl``, else the default address with the server options in it."""
        if self.server.required:
            return "options.baseUrl"
        if self.server_args:
            return "options.baseUrl ?? serverUrl(options)"
        return "options.baseUrl ?? DEFAULT_BASE_URL"

    @property
    def options_type(self) -> str:
        return f"{self.client}Options"

    @property
    def public_values(self) -> list[str]:
        return sorted((*PUBLIC_ERRORS, *PUBLIC_VALUES))


def build_package(api: Api, spec: PackageSpec, diagnostics: Diagnostics) -> PackageVM:
    client = naming.pascal(spec.package, fallback="Client")
    taken = {*PUBLIC_ERRORS, *PUBLIC_VALUES, *PUBLIC_TYPES, client, f"{client}Options"}
    core_package.warn_document(api, diagnostics)
    models = build_models(api, taken)
    resources = build_resources(api, models, taken)
    distribution = spec.package.replace("_", "-").lower()
    basics = core_package.package_basics(
        api, spec, diagnostics, TYPESCRIPT_PACKAGE, distribution=distribution, resources=resources, models=models
    )
    return PackageVM(**basics, npm_name=distribution, client=client)


def _credential(credential: core_package.Credential) -> CredentialVM:
    plan, args = credential.plan, credential.args
    scheme = plan.scheme
    if plan.kind == "apiKey":
        build = (
            f'{{ kind: "apiKey", value: {args[0].name}, name: {ts_literal(scheme.parameter_name)}, '
            f"location: {ts_literal(scheme.location)} }}"
        )
    elif plan.kind == "basic":
        build = f'{{ kind: "basic", username: {args[0].name}, password: {args[1].name} }}'
    else:
        build = f'{{ kind: "bearer", token: {args[0].name} }}'
    grants: tuple[str, ...] = ()
    secrets = ""
    if plan.oauth is not None:
        grants = tuple(
            f"{{ grant: {ts_literal(g.grant)}, tokenUrl: {ts_literal(g.token_url)}, "
            f"refreshUrl: {ts_literal(g.refresh_url)} }}"
            for g in plan.oauth.grants
        )
        keys = [
            arg.name if arg.name == TOKEN_KEYS[part.base] else f"{TOKEN_KEYS[part.base]}: {arg.name}"
            for part, arg in zip(plan.oauth.parts, credential.token_args, strict=True)
        ]
        if plan.oauth.scopes:
            keys.append(f"scopes: [{', '.join(ts_literal(s) for s in plan.oauth.scopes)}]")
        secrets = f"{{ {', '.join(keys)} }}"
    return CredentialVM(
        credential=credential,
        scheme=ts_literal(scheme.name),
        build=build,
        token_grants=grants,
        token_secrets=secrets,
    )


TYPESCRIPT_PACKAGE = core_package.PackageStyle(
    case=lambda name, fallback: naming.camel(name, fallback=fallback),
    client_args=frozenset(CLIENT_OPTIONS),
    otherwise="pass a fetch function of your own that adds it",
    literals=TS_LITERALS,
    credential=_credential,
)
