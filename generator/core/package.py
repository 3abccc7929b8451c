"""The language-neutral skeleton of a package, decided once for every style.

The warnings every style gives about a document (values no language holds, cookies
no client can send, models no test can build), which credentials the clients take
and what they are read from (environment variables), which server variables become
client arguments and how they are documented, and the error classes every runtime
exports. A style cases the names (``api_key`` or ``apiKey``), avoids its own
reserved ones, and writes types and literals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from ..diagnostics import Diagnostics
from ..immutable import immutable
from ..ir import Api
from .cookies import warn_unsendable
from .credentials import CredentialPlan, credential_plans
from .naming import claim_all, environment_names, unique
from .operations import HelperFlags, ResourceT, WithHelpers, bulk_jobs
from .schemas import warn_unbuildable_models
from .servers import ServerPlan, ServerVariableVM, server_plan
from .style import PackageSpec

RUNTIME_ERRORS = (
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ChecksumMismatchError",
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
    "RequestValidationError",
    "ResponseDecodeError",
    "UnprocessableEntityError",
)
"""The error classes every runtime exports, by the same names."""

Case = Callable[[str, str], str]
"""A style's casing of a name for an argument (``snake`` or ``camel``), given the name and a fallback."""


@immutable
class CredentialArg:
    name: str
    env: str
    """The environment variable the client reads it from when not given."""
    description: str


@immutable
class Credential:
    """A security scheme's credential: the plan and the client's arguments for its parts."""

    plan: CredentialPlan
    args: tuple[CredentialArg, ...]
    token_args: tuple[CredentialArg, ...] = ()
    """For an OAuth2 token plan: the client's arguments for its parts (client id, secret, ...)."""


@immutable
class ServerArgument:
    """A server variable as an argument (or option) of the client."""

    name: str
    variable: ServerVariableVM
    description: str


@immutable
class ServerArgVM:
    """A server variable as an argument (or option) of the clients, in a style's types and literals."""

    name: str
    key: str
    type: str
    default: str
    choices: str
    """The enum as the language's tuple or array literal, or empty."""
    description: str
    default_text: str


@immutable
class Literals:
    """How a style writes a server variable's type and values."""

    text: Callable[[str], str]
    """A string literal."""
    plain: str
    """The type of any string."""
    union: Callable[[list[str]], str]
    """The type of one of these literals."""
    array: Callable[[list[str]], str]
    """A tuple or array of these literals."""


def server_arg_vms(args: Iterable[ServerArgument], literals: Literals) -> tuple[ServerArgVM, ...]:
    """Each argument with its type (any string, or the union of its enum's literals), default and choices."""
    vms: list[ServerArgVM] = []
    for arg in args:
        v = arg.variable
        values = [literals.text(c) for c in v.enum]
        vms.append(
            ServerArgVM(
                name=arg.name,
                key=v.key,
                type=literals.union(values) if values else literals.plain,
                default=literals.text(v.default),
                choices=literals.array(values) if values else "",
                description=arg.description,
                default_text=v.default,
            )
        )
    return tuple(vms)


@immutable
class PackageSkeleton:
    credentials: tuple[Credential, ...]
    server: ServerPlan
    server_args: tuple[ServerArgument, ...]

    @property
    def credential_args(self) -> tuple[CredentialArg, ...]:
        return tuple(arg for credential in self.credentials for arg in credential.args)


def warn_document(api: Api, diagnostics: Diagnostics) -> None:
    """The warnings about the document every style gives before building anything."""
    warn_unsendable(api, diagnostics)
    warn_unbuildable_models(api, diagnostics)


def package_skeleton(
    api: Api,
    spec: PackageSpec,
    diagnostics: Diagnostics,
    *,
    case: Case,
    client_args: Iterable[str],
    otherwise: str,
) -> PackageSkeleton:
    """Credentials and server arguments, named by ``case`` apart from each other and from ``client_args``.

    ``otherwise`` ends the warning for a security scheme that gets no credential.
    """
    taken = set(client_args)
    plans = credential_plans(api, diagnostics, otherwise=otherwise)
    parts = [[*plan.parts, *(plan.oauth.parts if plan.oauth else ())] for plan in plans]
    every = [part for own in parts for part in own]
    # each namespace claimed in one pass, as one at a time would name them (and in linear time)
    arg_names = iter(claim_all([case(part.base, "credential") for part in every], taken))
    envs = iter(environment_names(spec.env_prefix, [part.base for part in every], set()))
    credentials: list[Credential] = []
    for plan, own in zip(plans, parts, strict=True):
        args = [CredentialArg(next(arg_names), next(envs), part.description) for part in own]
        credentials.append(Credential(plan, tuple(args[: len(plan.parts)]), tuple(args[len(plan.parts) :])))
    server = server_plan(api, spec.base_url, diagnostics)
    names = unique((case(v.key, "server") for v in server.variables), taken)
    server_args = tuple(
        ServerArgument(name, v, (v.description or f"The server variable {v.key}").rstrip(".") + ".")
        for name, v in zip(names, server.variables, strict=True)
    )
    return PackageSkeleton(tuple(credentials), server, server_args)


class CredentialView:
    """A style's view-model of the core's ``credential``: its scheme's name, the client's arguments for its parts
    and for its token plan's; the style adds how its language spells them."""

    __slots__ = ()
    credential: Credential

    @property
    def scheme_name(self) -> str:
        return self.credential.plan.scheme.name

    @property
    def args(self) -> tuple[CredentialArg, ...]:
        return self.credential.args

    @property
    def token_args(self) -> tuple[CredentialArg, ...]:
        return self.credential.token_args


CredentialT = TypeVar("CredentialT", bound=CredentialView)
ModelsT = TypeVar("ModelsT")


@immutable(kw_only=True)
class PackageBasics(Generic[CredentialT, ResourceT, ModelsT]):
    """The fields every style's package view-model starts with (its ``PackageVM`` subclasses this).

    Credentials, resources and models are the style's own view-models.
    """

    package: str
    title: str
    description: str | None
    api_version: str
    user_agent: str
    """The ``User-Agent`` every request carries (``user_agent``)."""
    base_url: str
    server: ServerPlan
    server_args: tuple[ServerArgVM, ...]
    """The server variables as arguments (or options) of the clients."""
    header: str
    credentials: tuple[CredentialT, ...]
    resources: tuple[ResourceT, ...]
    models: ModelsT

    @property
    def credential_args(self) -> tuple[CredentialArg, ...]:
        """Every credential's arguments, in order: the clients' credential parameters (or options)."""
        return tuple(arg for credential in self.credentials for arg in credential.args)

    @property
    def token_args(self) -> tuple[CredentialArg, ...]:
        """The arguments (or options) OAuth2 token sources take (client id, secret, ...), after the credentials'."""
        return tuple(arg for credential in self.credentials for arg in credential.token_args)

    @property
    def bulk_jobs(self) -> tuple[tuple[ResourceT, WithHelpers, HelperFlags], ...]:
        """The job helpers with their resource and operation: the bulk path a README names."""
        return bulk_jobs(self.resources)


@immutable
class PackageStyle(Generic[CredentialT]):
    """How a style names a package's client arguments and writes its credentials and server variables."""

    case: Case
    client_args: frozenset[str]
    """The clients' own parameters (or options), which credentials and server variables must not take."""
    otherwise: str
    """How to send a credential the client cannot take, ending the warning about it."""
    literals: Literals
    credential: Callable[[Credential], CredentialT]
    """The style's view of a credential."""


def package_basics(
    api: Api,
    spec: PackageSpec,
    diagnostics: Diagnostics,
    style: PackageStyle[CredentialT],
    *,
    distribution: str,
    resources: Iterable[ResourceT],
    models: ModelsT,
) -> dict[str, Any]:
    """Every field of ``PackageBasics`` as keyword arguments of a style's ``PackageVM``.

    ``distribution`` is the package's name on its language's index.
    """
    skeleton = package_skeleton(
        api, spec, diagnostics, case=style.case, client_args=style.client_args, otherwise=style.otherwise
    )
    server = skeleton.server
    return {
        "package": spec.package,
        "title": spec.title or api.title,
        "description": api.description,
        "api_version": api.version,
        "user_agent": user_agent(distribution, api.version),
        "base_url": server.template,
        "server": server,
        "server_args": server_arg_vms(skeleton.server_args, style.literals),
        "header": spec.header,
        "credentials": tuple(style.credential(c) for c in skeleton.credentials),
        "resources": tuple(resources),
        "models": models,
    }


_TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def user_agent(product: str, version: str) -> str:
    """``product/version`` as RFC 9110 wants a product in ``User-Agent``: each part a token.

    The version is the document's (``info.version``), any text at all; a character a token
    cannot hold becomes ``-``, so the header every request carries can always be sent.
    """

    def token(text: str) -> str:
        return "".join(ch if ch in _TOKEN_CHARS else "-" for ch in text) or "unknown"

    return f"{token(product)}/{token(version)}"
