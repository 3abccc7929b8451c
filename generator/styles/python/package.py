"""The package view-model: names, credentials, resources and models of one generated Python client."""

from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import Diagnostics
from ...ir import Api, SecurityScheme
from . import naming
from .imports import export_order
from .models import ModelSet, build_models
from .operations import ResourceVM, body_roots, build_resources
from .types import py_literal

PUBLIC_RUNTIME = (
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "DownloadError",
    "InternalServerError",
    "JobFailedError",
    "JobTimeoutError",
    "LinkExpiredError",
    "MissingCredentialsError",
    "NotFoundError",
    "NotReadyTimeoutError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "RequestValidationError",
    "ResponseDecodeError",
    "RetryPolicy",
    "UnprocessableEntityError",
)


@dataclass(frozen=True, slots=True)
class CredentialArg:
    name: str
    env: str
    description: str


@dataclass(frozen=True, slots=True)
class CredentialVM:
    scheme: str
    """The security scheme's name, as operations list it."""
    args: tuple[CredentialArg, ...]
    build: str
    """Expression building the runtime credential from the arguments."""


@dataclass(frozen=True, slots=True)
class PackageVM:
    package: str
    distribution: str
    title: str
    description: str | None
    api_version: str
    base_url: str
    client_prefix: str
    credentials: tuple[CredentialVM, ...]
    resources: tuple[ResourceVM, ...]
    models: ModelSet
    header: str

    @property
    def client_names(self) -> list[str]:
        return export_order([self.client_prefix, f"Async{self.client_prefix}"])

    @property
    def public_names(self) -> list[str]:
        """What the package's ``__init__`` exports: both clients and the runtime's public classes."""
        return export_order([self.client_prefix, f"Async{self.client_prefix}", *PUBLIC_RUNTIME])

    @property
    def credential_args(self) -> tuple[CredentialArg, ...]:
        return tuple(arg for cred in self.credentials for arg in cred.args)


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
    models = build_models(api, body_roots(api))
    resources = build_resources(api, models)
    used = {name for op in api.operations for req in op.security for name, _ in req.schemes}
    credentials = _credentials([s for s in api.security_schemes if s.name in used], env_prefix, diagnostics)
    server = base_url or (api.servers[0].url if api.servers else "")
    return PackageVM(
        package=package,
        distribution=package.replace("_", "-"),
        title=title or api.title,
        description=api.description,
        api_version=api.version,
        base_url=server,
        client_prefix=naming.pascal(package),
        credentials=credentials,
        resources=tuple(resources),
        models=models,
        header=header,
    )


def _credentials(schemes: list[SecurityScheme], prefix: str, diagnostics: Diagnostics) -> tuple[CredentialVM, ...]:
    api_keys = [s for s in schemes if s.kind == "apiKey"]
    result: list[CredentialVM] = []
    taken: set[str] = set()

    def arg(base: str, description: str) -> CredentialArg:
        name = naming.unique([naming.snake(base)], taken)[0]
        taken.add(name)
        return CredentialArg(name=name, env=f"{prefix}_{name.upper()}", description=description)

    for scheme in schemes:
        if scheme.kind == "apiKey":
            default = "api_key" if len(api_keys) == 1 else scheme.name
            key = arg(_named(scheme, 0, default), scheme.description or "API key")
            build = (
                f"_rt.ApiKey({key.name}, name={py_literal(scheme.parameter_name)}, "
                f"location={py_literal(scheme.location)})"
            )
            result.append(CredentialVM(scheme=scheme.name, args=(key,), build=build))
        elif scheme.kind == "http" and scheme.http_scheme == "basic":
            user = arg(_named(scheme, 0, "username"), "user name for HTTP basic auth")
            password = arg(_named(scheme, 1, "password"), "password for HTTP basic auth")
            result.append(
                CredentialVM(
                    scheme=scheme.name, args=(user, password), build=f"_rt.BasicAuth({user.name}, {password.name})"
                )
            )
        elif scheme.kind in ("oauth2", "openIdConnect") or (scheme.kind == "http" and scheme.http_scheme == "bearer"):
            token = arg(_named(scheme, 0, "access_token"), scheme.description or "bearer token")
            result.append(CredentialVM(scheme=scheme.name, args=(token,), build=f"_rt.BearerToken({token.name})"))
        else:
            diagnostics.warning(
                "W001",
                f"security scheme {scheme.name!r} ({scheme.kind}) has no generated "
                "credential; pass a configured http_client instead",
                scheme.origin,
            )
    return tuple(result)


def _named(scheme: SecurityScheme, index: int, default: str) -> str:
    """The spec's name for a credential (``x-credential-names``), else the usual one."""
    return scheme.credential_names[index] if len(scheme.credential_names) > index else default
