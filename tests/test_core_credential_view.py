"""``core.package.CredentialView``: what every style's credential view-model says of the core's credential."""

from __future__ import annotations

import dataclasses

import pytest

from generator.core.credentials import CredentialPart, CredentialPlan
from generator.core.package import Credential, CredentialArg, CredentialView
from generator.ir import Origin, SecurityScheme
from generator.styles.go.package import CredentialVM as GoCredential
from generator.styles.python.package import CredentialVM as PythonCredential
from generator.styles.typescript.package import CredentialVM as TypeScriptCredential


@dataclasses.dataclass(frozen=True, slots=True)
class _Spelled(CredentialView):
    credential: Credential
    build: str


def test_it_shows_the_scheme_s_name_and_the_client_s_arguments() -> None:
    scheme = SecurityScheme(
        name="partnerKey", kind="apiKey", location="header", parameter_name="X-Key", origin=Origin(file="api.yaml")
    )
    plan = CredentialPlan(scheme=scheme, kind="apiKey", parts=(CredentialPart("api_key", "the key"),))
    key = CredentialArg("partner_key", "IMAGES_PARTNER_KEY", "the key")
    token = CredentialArg("client_id", "IMAGES_CLIENT_ID", "the client id")
    view = _Spelled(Credential(plan, (key,), (token,)), build="ApiKey(partner_key)")
    assert (view.scheme_name, view.args, view.token_args) == ("partnerKey", (key,), (token,))


@pytest.mark.parametrize("vm", [PythonCredential, TypeScriptCredential, GoCredential])
def test_every_style_s_credential_takes_them_from_the_core_s_not_from_fields_of_its_own(vm: type) -> None:
    assert issubclass(vm, CredentialView)
    own = {f.name for f in dataclasses.fields(vm)}
    assert "credential" in own and not own & {"scheme_name", "args", "token_args"}
