"""SMART Backend Services as an integrator's system meets it (issue 24): register a client with the CLI, sign a JWT
assertion with PyJWT (RS384 and ES384), get a five-minute token at the discovered token endpoint, read within the
scopes and be refused outside them; replayed, expired and wrongly addressed assertions are refused per RFC 6749 §5.2."""
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.patient import Patient
from jwt.algorithms import ECAlgorithm, RSAAlgorithm


def http(hearth, method, path, token=None, form=None, headers=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(hearth.base_url + path, data=data, method=method)
    request.add_header("Accept", "application/fhir+json")
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, json.loads(error.read() or b"null")


class Client:
    """A backend system with its own key pair, registered by the administrator through `hearth client register`."""

    def __init__(self, hearth, algorithm, scopes):
        self.hearth, self.algorithm = hearth, algorithm
        if algorithm == "ES384":
            self.key = ec.generate_private_key(ec.SECP384R1())
            public = json.loads(ECAlgorithm.to_jwk(self.key.public_key()))
        else:
            self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        self.kid = f"{algorithm.lower()}-{uuid.uuid4().hex[:8]}"
        public.update(kid=self.kid, alg=algorithm)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump({"keys": [public]}, file)
        result = hearth.cli("client", "register", "--name", f"e2e {algorithm}", "--username", "casemanager",
                            "--scopes", scopes, "--jwks-file", file.name)
        os.unlink(file.name)
        assert result.returncode == 0, result.stderr
        self.client_id = result.stdout.splitlines()[0].strip()
        _, _, config = http(hearth, "GET", "/.well-known/smart-configuration")
        self.token_url = config["token_endpoint"]

    def assertion(self, **override):
        claims = {"iss": self.client_id, "sub": self.client_id, "aud": self.token_url,
                  "exp": int(time.time()) + 240, "jti": str(uuid.uuid4())}
        claims.update(override)
        return jwt.encode(claims, self.key, algorithm=self.algorithm, headers={"kid": self.kid})

    def request_token(self, scope, assertion=None):
        return http(self.hearth, "POST", "/oauth/token", form={
            "grant_type": "client_credentials", "scope": scope,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion or self.assertion()})


@pytest.fixture(scope="module")
def es384(hearth):
    return Client(hearth, "ES384", "system/Patient.rs system/Coverage.s")


def test_discovery_advertises_backend_services(hearth):
    status, _, config = http(hearth, "GET", "/.well-known/smart-configuration")
    assert status == 200
    assert config["token_endpoint"].endswith("/oauth/token")
    assert set(config["token_endpoint_auth_signing_alg_values_supported"]) == {"RS384", "ES384"}
    assert "client-confidential-asymmetric" in config["capabilities"]


@pytest.mark.parametrize("algorithm", ["ES384", "RS384"])
def test_a_signed_assertion_gets_a_short_lived_token_that_reads_patients(hearth, algorithm):
    client = Client(hearth, algorithm, "system/Patient.rs")
    status, headers, body = client.request_token("system/Patient.rs")
    assert status == 200, body
    assert headers["cache-control"] == "no-store"
    assert body["token_type"] == "bearer" and body["expires_in"] == 300 and body["scope"] == "system/Patient.rs"
    status, _, bundle = http(hearth, "GET", "/fhir/Patient?_count=2", body["access_token"])
    assert status == 200
    assert bundle["entry"], "the case manager's caseload is visible to her client"
    Patient.parse_obj(bundle["entry"][0]["resource"])


def test_a_token_is_refused_outside_its_scopes(hearth, es384):
    _, _, body = es384.request_token("system/Patient.r")
    token = body["access_token"]
    status, _, outcome = http(hearth, "GET", "/fhir/Patient?_count=1", token)
    assert status == 403
    OperationOutcome.parse_obj(outcome)
    assert "Patient.s" in outcome["issue"][0]["diagnostics"]
    status, _, _ = http(hearth, "GET", "/fhir/Condition?patient=x", token)
    assert status == 403


def test_scopes_beyond_the_registration_are_invalid_scope(es384):
    status, _, body = es384.request_token("system/*.cruds")
    assert status == 400 and body["error"] == "invalid_scope"


@pytest.mark.parametrize("claims, words", [
    ({"exp": int(time.time()) - 300}, "expired"),
    ({"exp": int(time.time()) + 3600}, "five minutes"),
    ({"aud": "https://elsewhere.example/token"}, "aud"),
])
def test_bad_assertions_are_invalid_client(es384, claims, words):
    status, headers, body = es384.request_token("system/Patient.rs", es384.assertion(**claims))
    assert status == 401 and body["error"] == "invalid_client"
    assert words in body["error_description"]


def test_a_replayed_assertion_is_refused(es384):
    assertion = es384.assertion()
    assert es384.request_token("system/Patient.rs", assertion)[0] == 200
    status, _, body = es384.request_token("system/Patient.rs", assertion)
    assert status == 401 and "already used" in body["error_description"]


def test_another_key_cannot_sign_for_the_client(hearth, es384):
    impostor = ec.generate_private_key(ec.SECP384R1())
    forged = jwt.encode({"iss": es384.client_id, "sub": es384.client_id, "aud": es384.token_url,
                         "exp": int(time.time()) + 240, "jti": str(uuid.uuid4())}, impostor, algorithm="ES384", headers={"kid": es384.kid})
    status, _, body = es384.request_token("system/Patient.rs", forged)
    assert status == 401 and body["error"] == "invalid_client"


def test_a_revoked_client_is_refused_and_its_token_stops_working(hearth):
    client = Client(hearth, "ES384", "system/Patient.rs")
    _, _, body = client.request_token("system/Patient.rs")
    assert hearth.cli("client", "revoke", client.client_id).returncode == 0
    assert http(hearth, "GET", "/fhir/Patient?_count=1", body["access_token"])[0] == 401
    assert client.request_token("system/Patient.rs")[0] == 401
