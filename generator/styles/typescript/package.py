"""The package view-model: names, credentials, resources and models of one generated TypeScript client."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.cookies import warn_unsendable_cookies
from ...core.credentials import CredentialPart, credential_plans
from ...core.naming import environment_name
from ...core.portable import warn_unportable_values
from ...core.schemas import warn_unbuildable_models
from ...core.servers import ServerPlan, server_plan
from ...diagnostics import Diagnostics
from ...ir import Api
from . import naming
from .models import ModelSet, build_models
from .operations import ResourceVM
from .resources import build_resources
from .types import ts_literal

PUBLIC_ERRORS = (
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DownloadError",
    "FileExistsError",
    "InternalServerError",
    "JobFailedError",
    "JobTimeoutError",
    "LinkExpiredError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotReadyTimeoutError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "ResponseDecodeError",
    "UnprocessableEntityError",
)
PUBLIC_VALUES = ("DEFAULT_RETRY", "JobHandle", "StreamedResponse")
PUBLIC_TYPES = ("FetchLike", "Page", "ProgressCallback", "RequestOptions", "RetryPolicy", "SaveOptions", "WaitOptions")
CLIENT_OPTIONS = ("baseUrl", "fetch", "timeoutMs", "retry", "defaultHeaders")


@dataclass(frozen=True, slots=True)
class CredentialArg:
    name: str
    env: str
    description: str


@dataclass(frozen=True, slots=True)
class CredentialVM:
    scheme: str
    """The security scheme's name as a string literal."""
    scheme_name: str
    args: tuple[CredentialArg, ...]
    build: str
    """Expression building the runtime credential from the arguments."""


@dataclass(frozen=True, slots=True)
class ServerOption:
    """A server variable as an option of the client."""

    name: str
    key: str
    type: str
    default: str
    choices: str
    """The enum as an array literal, or empty."""
    description: str
    default_text: str


@dataclass(frozen=True, slots=True)
class PackageVM:
    package: str
    npm_name: str
    title: str
    description: str | None
    api_version: str
    base_url: str
    server: ServerPlan
    server_options: tuple[ServerOption, ...]
    client: str
    credentials: tuple[CredentialVM, ...]
    resources: tuple[ResourceVM, ...]
    models: ModelSet
    header: str

    @property
    def credential_args(self) -> tuple[CredentialArg, ...]:
        return tuple(arg for cred in self.credentials for arg in cred.args)

    @property
    def base_url_expr(self) -> str:
        """What the client sends to: ``baseUrl``, else the default address with the server options in it."""
        if self.server.required:
            return "options.baseUrl"
        if self.server_options:
            return "options.baseUrl ?? serverUrl(options)"
        return "options.baseUrl ?? DEFAULT_BASE_URL"

    @property
    def options_type(self) -> str:
        return f"{self.client}Options"

    @property
    def public_values(self) -> list[str]:
        return sorted((*PUBLIC_ERRORS, *PUBLIC_VALUES))


def build_package(
    api: Api,
    *,
    package: str,
    title: str | None,
    base_url: str | None,
    env_prefix: str,
    header: str,
    diagnostics: Diagnostics,
) -> PackageVM:
    client = naming.pascal(package, fallback="Client")
    taken = {*PUBLIC_ERRORS, *PUBLIC_VALUES, *PUBLIC_TYPES, client, f"{client}Options"}
    warn_unportable_values(api, diagnostics)
    warn_unsendable_cookies(api, diagnostics)
    warn_unbuildable_models(api, diagnostics)
    models = build_models(api, taken)
    resources = build_resources(api, models, taken)
    credentials = _credentials(api, env_prefix, diagnostics)
    server = server_plan(api, base_url, diagnostics)
    taken_options = {*CLIENT_OPTIONS, *(arg.name for cred in credentials for arg in cred.args)}
    option_names = naming.unique((naming.camel(v.key, fallback="server") for v in server.variables), taken_options)
    return PackageVM(
        package=package,
        npm_name=package.replace("_", "-").lower(),
        title=title or api.title,
        description=api.description,
        api_version=api.version,
        base_url=server.template,
        server=server,
        server_options=tuple(
            ServerOption(
                name=name,
                key=v.key,
                type=" | ".join(ts_literal(c) for c in v.enum) if v.enum else "string",
                default=ts_literal(v.default),
                choices="[" + ", ".join(ts_literal(c) for c in v.enum) + "]" if v.enum else "",
                description=(v.description or f"The server variable {v.key}").rstrip(".") + ".",
                default_text=v.default,
            )
            for name, v in zip(option_names, server.variables, strict=True)
        ),
        client=client,
        credentials=credentials,
        resources=tuple(resources),
        models=models,
        header=header,
    )


def _credentials(api: Api, prefix: str, diagnostics: Diagnostics) -> tuple[CredentialVM, ...]:
    result: list[CredentialVM] = []
    taken: set[str] = set(CLIENT_OPTIONS)
    env_taken: set[str] = set()

    def arg(part: CredentialPart) -> CredentialArg:
        name = naming.unique([naming.camel(part.base, fallback="credential")], taken)[0]
        taken.add(name)
        return CredentialArg(
            name=name, env=environment_name(prefix, part.base, env_taken), description=part.description
        )

    for plan in credential_plans(api, diagnostics, otherwise="pass a fetch function of your own that adds it"):
        args = tuple(arg(part) for part in plan.parts)
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
        result.append(CredentialVM(scheme=ts_literal(scheme.name), scheme_name=scheme.name, args=args, build=build))
    return tuple(result)
