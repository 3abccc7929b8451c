"""The package view-model: names, credentials, resources and models of one generated TypeScript client."""

from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import Diagnostics
from ...ir import Api, SecurityScheme
from ..python import naming as python_naming
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
class PackageVM:
    package: str
    npm_name: str
    title: str
    description: str | None
    api_version: str
    base_url: str
    client: str
    credentials: tuple[CredentialVM, ...]
    resources: tuple[ResourceVM, ...]
    models: ModelSet
    header: str

    @property
    def credential_args(self) -> tuple[CredentialArg, ...]:
        return tuple(arg for cred in self.credentials for arg in cred.args)

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
    models = build_models(api, taken)
    resources = build_resources(api, models, taken)
    used = {name for op in api.operations for req in op.security for name, _ in req.schemes}
    credentials = _credentials([s for s in api.security_schemes if s.name in used], env_prefix, diagnostics)
    server = base_url or (api.servers[0].url if api.servers else "")
    return PackageVM(
        package=package,
        npm_name=package.replace("_", "-").lower(),
        title=title or api.title,
        description=api.description,
        api_version=api.version,
        base_url=server,
        client=client,
        credentials=credentials,
        resources=tuple(resources),
        models=models,
        header=header,
    )


def _credentials(schemes: list[SecurityScheme], prefix: str, diagnostics: Diagnostics) -> tuple[CredentialVM, ...]:
    api_keys = [s for s in schemes if s.kind == "apiKey"]
    result: list[CredentialVM] = []
    taken: set[str] = set(CLIENT_OPTIONS)
    env_taken: set[str] = set()

    def arg(base: str, description: str) -> CredentialArg:
        name = naming.unique([naming.camel(base, fallback="credential")], taken)[0]
        taken.add(name)
        env_name = python_naming.unique([python_naming.snake(base)], env_taken)[0]
        env_taken.add(env_name)
        return CredentialArg(name=name, env=f"{prefix}_{env_name.upper()}", description=description)

    for scheme in schemes:
        literal = ts_literal(scheme.name)
        if scheme.kind == "apiKey":
            default = "api_key" if len(api_keys) == 1 else scheme.name
            key = arg(_named(scheme, 0, default), scheme.description or "API key")
            build = (
                f'{{ kind: "apiKey", value: {key.name}, name: {ts_literal(scheme.parameter_name)}, '
                f"location: {ts_literal(scheme.location)} }}"
            )
            result.append(CredentialVM(scheme=literal, scheme_name=scheme.name, args=(key,), build=build))
        elif scheme.kind == "http" and scheme.http_scheme == "basic":
            user = arg(_named(scheme, 0, "username"), "user name for HTTP basic auth")
            password = arg(_named(scheme, 1, "password"), "password for HTTP basic auth")
            build = f'{{ kind: "basic", username: {user.name}, password: {password.name} }}'
            result.append(CredentialVM(scheme=literal, scheme_name=scheme.name, args=(user, password), build=build))
        elif scheme.kind in ("oauth2", "openIdConnect") or (scheme.kind == "http" and scheme.http_scheme == "bearer"):
            token = arg(_named(scheme, 0, "access_token"), scheme.description or "bearer token")
            result.append(
                CredentialVM(
                    scheme=literal,
                    scheme_name=scheme.name,
                    args=(token,),
                    build=f'{{ kind: "bearer", token: {token.name} }}',
                )
            )
        else:
            diagnostics.warning(
                "W001",
                f"security scheme {scheme.name!r} ({scheme.kind}) has no generated "
                "credential; pass a fetch function of your own that adds it",
                scheme.origin,
            )
    return tuple(result)


def _named(scheme: SecurityScheme, index: int, default: str) -> str:
    """The spec's name for a credential (``x-credential-names``), else the usual one."""
    return scheme.credential_names[index] if len(scheme.credential_names) > index else default
