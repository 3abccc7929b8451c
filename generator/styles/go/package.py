"""The package view-model: module, client options, credentials, services and models of one Go client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...core import package as core_package
from ...core.operations import operation_groups
from ...core.schemas import body_roots
from ...core.security import security_plan
from ...core.style import PackageSpec
from ...diagnostics import Diagnostics
from ...immutable import immutable
from ...ir import Api, Operation
from . import naming
from .exports import EXPORTED_NAMES
from .literals import gostr
from .models import ModelSet, build_models
from .oauth import TokenPlanVM, token_plan, unique_options
from .operations import OperationBuilder, ServiceVM, method_name

CLIENT_NAMES = frozenset(
    {"Client", "New", "Option", "DefaultBaseURL", "UserAgent", "WithBaseURL", "WithHTTPClient", "WithDownloadClient"}
    | {"WithServerVariable"}
    | {"WithRetryPolicy", "WithTimeout", "WithMaxBodySize", "WithHeader", "WithUserAgent", "WithStallTimeout"}
    | {"CallOption", "SaveOptions", "WaitOptions", "RetryPolicy", "Download", "Pager", "Job", "APIError"}
    | {"WithBeforeRequest", "WithAfterResponse", "WithOnError", "TokenError", "customize"}
    | EXPORTED_NAMES
)
"""Exported names of client.go and exports.go: no model, service or params struct may take them."""

GO_LITERALS = core_package.Literals(
    text=gostr, plain="string", union=lambda _: "string", array=lambda v: "[]string{" + ", ".join(v) + "}"
)


@immutable
class CredentialVM(core_package.CredentialView):
    credential: core_package.Credential
    scheme: str
    """The security scheme's name as a Go string literal."""
    option: str
    """The client option setting it (``WithAPIKey``)."""
    params: str
    """The option's parameters (``value string``)."""
    build: str
    """The ``apicore`` option the client option returns."""
    env_build: str
    """The same, from the environment variables read into ``env0``, ``env1``."""
    hint: str
    """How to provide it, for ``MissingCredentialsError``."""
    token: TokenPlanVM | None = None
    """For an oauth2 scheme with a token endpoint: the options and variables the client gets its tokens with."""


@immutable(kw_only=True)
class PackageVM(core_package.PackageBasics[CredentialVM, ServiceVM, ModelSet]):
    module: str
    go_package: str

    @property
    def services(self) -> tuple[ServiceVM, ...]:
        return self.resources

    @property
    def saves_files(self) -> bool:
        """Whether a helper saves a file (the README then says how downloads are saved)."""
        return any(h.saves_file for service in self.resources for op in service.operations for h in op.helpers)

    @property
    def saves_many(self) -> bool:
        return any(h.saves_many for service in self.resources for op in service.operations for h in op.helpers)


def build_package(api: Api, spec: PackageSpec, diagnostics: Diagnostics) -> PackageVM:
    taken = set(CLIENT_NAMES)
    core_package.warn_document(api, diagnostics)
    groups = operation_groups(api)
    service_types = naming.unique((naming.exported(tag, fallback="API") + "Service" for tag, _, _ in groups), taken)
    taken.update(service_types)
    models = build_models(api, body_roots(api), taken)
    builder = OperationBuilder(models, security_plan(api))
    services: list[ServiceVM] = []
    fields = naming.unique(naming.exported(tag, fallback="API") for tag, _, _ in groups)
    modules = naming.unique(_module(naming.local(tag, fallback="api", reserved=()).lower()) for tag, _, _ in groups)
    from .helpers import add_helpers

    for field, type_, module, (tag, ops, description) in zip(fields, service_types, modules, groups, strict=True):
        names = _method_names(ops)
        built = [builder.operation(op, name, taken) for op, name in zip(ops, names, strict=True)]
        methods = set(names) | {vm.builder for vm in built}
        by_id = {vm.operation_id: vm for vm in built}
        with_helpers = [add_helpers(models, vm, methods, by_id) for vm in built]
        services.append(ServiceVM(field, type_, module, description, tag, tuple(with_helpers)))
    basics = core_package.package_basics(
        api, spec, diagnostics, GO_PACKAGE, distribution=spec.package, resources=services, models=models
    )
    credentials: tuple[CredentialVM, ...] = basics["credentials"]
    plans = unique_options((c.token for c in credentials), taken | {c.option for c in credentials})
    basics["credentials"] = tuple(
        replace(c, token=p, hint=c.hint + _token_hint(p)) for c, p in zip(credentials, plans, strict=True)
    )
    return PackageVM(**basics, module=spec.package, go_package=naming.package_ident(spec.package))


def _token_hint(plan: TokenPlanVM | None) -> str:
    """The token options, for ``MissingCredentialsError``."""
    if plan is None or not plan.options:
        return ""
    return " (or " + ", ".join(o.name for o in plan.options) + ", or their variables)"


def public_methods(api: Api) -> dict[str, str]:
    """Each operation's method as code using the package calls it, by operationId: ``Download.GetDownloadOutput``."""
    groups = operation_groups(api)
    fields = naming.unique(naming.exported(tag, fallback="API") for tag, _, _ in groups)
    return {
        op.operation_id: f"{field}.{name}"
        for field, (_, ops, _) in zip(fields, groups, strict=True)
        for op, name in zip(ops, _method_names(ops), strict=True)
    }


def _method_names(ops: Sequence[Operation]) -> list[str]:
    return naming.unique(method_name(op) for op in ops)


_GOOS = "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos"
_GOARCH = (
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le"
    " ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm"
)
_SUFFIXES = frozenset(["test", *_GOOS.split(), *_GOARCH.split()])
"""What go build reads at the end of a file name: a test file, or one built for that system or processor only."""


def _module(name: str) -> str:
    """A file name for a service that go build does not read as a test or a build constraint.

    One underscore only (``service_``), and never a last word go build knows: a tag ``test``
    made ``service_test.go`` (a test file: its service undefined) and ``iOS`` would make
    ``service_ios.go`` (built for iOS only).
    """
    name = name.replace("_", "") or "api"
    if name in _SUFFIXES:
        name += "api"
    return f"service_{name}"


def _credential(credential: core_package.Credential) -> CredentialVM:
    plan, args = credential.plan, credential.args
    scheme = plan.scheme
    key = gostr(scheme.name)
    option = "With" + "And".join(naming.exported(a.name, fallback="Credential") for a in args)
    if plan.kind == "apiKey":
        params = f"{args[0].name} string"
        build = f"apicore.WithAPIKey({key}, {gostr(scheme.parameter_name)}, {gostr(scheme.location)}, {args[0].name})"
        env = f"apicore.WithAPIKey({key}, {gostr(scheme.parameter_name)}, {gostr(scheme.location)}, env0)"
    elif plan.kind == "basic":
        params = f"{args[0].name}, {args[1].name} string"
        build = f"apicore.WithBasicAuth({key}, {args[0].name}, {args[1].name})"
        env = f"apicore.WithBasicAuth({key}, env0, env1)"
    else:
        params = f"{args[0].name} string"
        build = f"apicore.WithBearerToken({key}, {args[0].name})"
        env = f"apicore.WithBearerToken({key}, env0)"
    return CredentialVM(
        credential=credential,
        scheme=key,
        option=option,
        params=params,
        build=build,
        env_build=env,
        hint="set " + " and ".join(a.env for a in args) + f" or use {option}",
        token=token_plan(credential),
    )


GO_PACKAGE = core_package.PackageStyle(
    case=lambda name, fallback: naming.local(name, fallback=fallback),
    client_args=frozenset({"options", "config", "transport", "client"}),
    otherwise="pass an *http.Client of your own (WithHTTPClient) whose transport adds it",
    literals=GO_LITERALS,
    credential=_credential,
)


def with_services(pkg: PackageVM, services: tuple[ServiceVM, ...]) -> PackageVM:
    return replace(pkg, resources=services)
