"""The package view-model: names, credentials, resources and models of one generated Python client."""

from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import Diagnostics
from ...ir import Api
from ..credentials import CredentialPart, credential_plans
from ..portable import warn_unportable_values
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

    @property
    def given(self) -> str:
        """The condition under which every argument of this credential is set."""
        return " and ".join(f"{arg.name} is not None" for arg in self.args)


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

    @property
    def credential_call(self) -> str:
        """The call that gathers the credentials from the client's arguments."""
        return f"_credentials({', '.join(arg.name for arg in self.credential_args)})"


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
    warn_unportable_values(api, diagnostics)
    models = build_models(api, body_roots(api))
    client_prefix = naming.pascal(package)
    resources = build_resources(api, models, (client_prefix, f"Async{client_prefix}", *PUBLIC_RUNTIME))
    credentials = _credentials(api, env_prefix, diagnostics)
    server = base_url or (api.servers[0].url if api.servers else "")
    return PackageVM(
        package=package,
        distribution=package.replace("_", "-"),
        title=title or api.title,
        description=api.description,
        api_version=api.version,
        base_url=server,
        client_prefix=client_prefix,
        credentials=credentials,
        resources=tuple(resources),
        models=models,
        header=header,
    )


def _credentials(api: Api, prefix: str, diagnostics: Diagnostics) -> tuple[CredentialVM, ...]:
    result: list[CredentialVM] = []
    taken: set[str] = set()

    def arg(part: CredentialPart) -> CredentialArg:
        name = naming.unique([naming.snake(part.base)], taken)[0]
        taken.add(name)
        return CredentialArg(name=name, env=f"{prefix}_{name.upper()}", description=part.description)

    for plan in credential_plans(api, diagnostics, otherwise="pass a configured http_client instead"):
        args = tuple(arg(part) for part in plan.parts)
        names = ", ".join(a.name for a in args)
        if plan.kind == "apiKey":
            build = (
                f"_rt.ApiKey({names}, name={py_literal(plan.scheme.parameter_name)}, "
                f"location={py_literal(plan.scheme.location)})"
            )
        else:
            build = f"_rt.{'BasicAuth' if plan.kind == 'basic' else 'BearerToken'}({names})"
        result.append(CredentialVM(scheme=plan.scheme.name, args=args, build=build))
    return tuple(result)
