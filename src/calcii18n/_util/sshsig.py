"""SSH signatures (OpenSSH's SSHSIG format) with Ed25519 keys people already have.

A review is signed with the reviewer's SSH key, and anyone can check it with stock OpenSSH:
what we sign is exactly what `ssh-keygen -Y sign -n calcii18n` signs, so
`ssh-keygen -Y verify` accepts our signatures and we accept its (tests hold both ways).
Signing and verifying run in this process with `cryptography` (checking 20,000 signatures
must not mean 20,000 processes); only a key held by ssh-agent is signed through
`ssh-keygen -Y sign`, which knows how to ask the agent.

SSHSIG (PROTOCOL.sshsig in OpenSSH): the key signs
  "SSHSIG" || string(namespace) || string("") || string("sha512") || string(SHA-512(message))
and the signature file is that signature with the public key, namespace and hash name,
armoured in base64. We keep only the 64 signature bytes in a catalogue (the key is in the
people registry) and can rebuild the armoured file from them (`armoured`).
"""

from __future__ import annotations

import base64
import hashlib
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_ssh_private_key

from calcii18n.errors import Calcii18nError

KEY_TYPE = "ssh-ed25519"
HASH = "sha512"


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _read_string(data: bytes, at: int) -> tuple[bytes, int]:
    if at + 4 > len(data):
        raise ValueError("truncated")
    (size,) = struct.unpack(">I", data[at:at + 4])
    if at + 4 + size > len(data):
        raise ValueError("truncated")
    return data[at + 4:at + 4 + size], at + 4 + size


@dataclass(frozen=True, slots=True)
class PublicKey:
    """An Ed25519 public key as an OpenSSH `.pub` line gives it."""

    raw: bytes  # the 32 key bytes

    @property
    def blob(self) -> bytes:
        return _string(KEY_TYPE.encode()) + _string(self.raw)

    @property
    def fingerprint(self) -> str:
        """As `ssh-keygen -l` prints it: SHA256: and unpadded base64."""
        return _fingerprint(self.raw)

    def line(self) -> str:
        return f"{KEY_TYPE} {base64.b64encode(self.blob).decode()}"


@lru_cache(maxsize=1024)
def _fingerprint(raw: bytes) -> str:
    """Worked out once per key: the registry finds a signer by it, for every signature."""
    blob = _string(KEY_TYPE.encode()) + _string(raw)
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    return f"SHA256:{digest}"


def parse_public_key(text: str) -> PublicKey:
    """The key of an OpenSSH public key line (`ssh-ed25519 AAAA... comment`); ValueError
    with a reason for anything else (another key type, a damaged blob)."""
    parts = text.split()
    if len(parts) < 2:
        raise ValueError("not an SSH public key (expected: ssh-ed25519 AAAA...)")
    if parts[0] != KEY_TYPE:
        raise ValueError(f"a {parts[0]} key: only ssh-ed25519 keys can sign reviews")
    try:
        blob = base64.b64decode(parts[1], validate=True)
        kind, at = _read_string(blob, 0)
        raw, at = _read_string(blob, at)
    except (ValueError, base64.binascii.Error):  # type: ignore[attr-defined]
        raise ValueError("a damaged key (its base64 does not decode to an ed25519 key)") from None
    if kind != KEY_TYPE.encode() or len(raw) != 32 or at != len(blob):
        raise ValueError("a damaged key (its base64 does not decode to an ed25519 key)")
    return PublicKey(raw)


def signed_data(namespace: str, message: bytes) -> bytes:
    """What the key signs for `message` in `namespace` (PROTOCOL.sshsig)."""
    return (b"SSHSIG" + _string(namespace.encode()) + _string(b"") + _string(HASH.encode())
            + _string(hashlib.sha512(message).digest()))


# Verdicts already reached in this process, by the SHA-256 of all that was checked: a build
# looks at each signature in several passes (update, check, status, the gate, the release
# record), and an Ed25519 check costs a hundred times the hash. Bounded: cleared when full.
_VERDICTS: dict[bytes, bool] = {}
_VERDICTS_MAX = 1 << 20


def verify(key: PublicKey, namespace: str, message: bytes, signature: bytes) -> bool:
    """Whether `signature` (64 bytes) is `key`'s SSH signature of `message`."""
    seen = hashlib.sha256(b"".join((_string(key.raw), _string(namespace.encode()),
                                    _string(signature), message))).digest()
    known = _VERDICTS.get(seen)
    if known is not None:
        return known
    try:
        Ed25519PublicKey.from_public_bytes(key.raw).verify(signature,
                                                           signed_data(namespace, message))
        verdict = True
    except (InvalidSignature, ValueError):
        verdict = False
    if len(_VERDICTS) >= _VERDICTS_MAX:
        _VERDICTS.clear()
    _VERDICTS[seen] = verdict
    return verdict


def armoured(key: PublicKey, namespace: str, signature: bytes) -> str:
    """The signature as `ssh-keygen -Y sign` writes it, for `ssh-keygen -Y verify`."""
    blob = (b"SSHSIG" + struct.pack(">I", 1) + _string(key.blob) + _string(namespace.encode())
            + _string(b"") + _string(HASH.encode())
            + _string(_string(KEY_TYPE.encode()) + _string(signature)))
    text = base64.b64encode(blob).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"])


def raw_signature(armour: str, key: PublicKey, namespace: str) -> bytes:
    """The 64 signature bytes of an armoured SSH signature by `key` in `namespace`."""
    body = "".join(line for line in armour.strip().splitlines() if not line.startswith("-----"))
    try:
        blob = base64.b64decode(body, validate=True)
        if not blob.startswith(b"SSHSIG"):
            raise ValueError("not an SSH signature")
        at = 10  # magic and version
        signer, at = _read_string(blob, at)
        space, at = _read_string(blob, at)
        _, at = _read_string(blob, at)
        _, at = _read_string(blob, at)
        sig, at = _read_string(blob, at)
        kind, inner = _read_string(sig, 0)
        raw, _ = _read_string(sig, inner)
    except (ValueError, base64.binascii.Error):  # type: ignore[attr-defined]
        raise ValueError("not an SSH signature") from None
    if signer != key.blob or space != namespace.encode() or kind != KEY_TYPE.encode():
        raise ValueError("a signature by another key or for another purpose")
    return raw


def _encrypted(text: str) -> bool:
    """Whether an OpenSSH private key file is protected by a passphrase (its cipher is not
    "none"), read from the file itself: older `cryptography` releases say only that they
    cannot read such a key."""
    body = "".join(line for line in text.strip().splitlines() if not line.startswith("-----"))
    try:
        blob = base64.b64decode(body)
    except (ValueError, base64.binascii.Error):  # type: ignore[attr-defined]
        return False
    magic = b"openssh-key-v1\x00"
    if not blob.startswith(magic):
        return False
    try:
        cipher, _ = _read_string(blob, len(magic))
    except ValueError:
        return False
    return cipher != b"none"


class Signer:
    """Signs with one key: a private key file, or the key ssh-agent holds for a public
    key file. Raises Calcii18nError (one line, no key material) when it cannot."""

    def __init__(self, path: Path, shown: str) -> None:
        self.shown = shown
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise Calcii18nError(shown, None, f"cannot read the key: {exc.strerror}") from None
        self._private: Ed25519PrivateKey | None = None
        self._agent_pub: Path | None = None
        text = data.decode("utf-8", "replace")
        if text.startswith(KEY_TYPE + " "):  # a .pub: the agent holds the private half
            try:
                self.public = parse_public_key(text)
            except ValueError as exc:
                raise Calcii18nError(shown, 1, str(exc)) from None
            self._agent_pub = path
            return
        if "PRIVATE KEY" not in text:
            raise Calcii18nError(shown, None, "not an SSH private key (nor an ssh-ed25519 "
                                 "public key whose private half ssh-agent holds)")
        if _encrypted(text):
            raise Calcii18nError(shown, None, "the key has a passphrase: add it to ssh-agent "
                                 "(ssh-add) and pass its .pub file instead")
        try:
            key = load_ssh_private_key(data, password=None)
        except TypeError:
            raise Calcii18nError(shown, None, "the key has a passphrase: add it to ssh-agent "
                                 "(ssh-add) and pass its .pub file instead") from None
        except (ValueError, UnsupportedAlgorithm):
            raise Calcii18nError(shown, None, "not a readable OpenSSH private key") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise Calcii18nError(shown, None, "not an ed25519 key: only ssh-ed25519 keys can "
                                 "sign reviews (ssh-keygen -t ed25519)")
        self._private = key
        self.public = PublicKey(key.public_key().public_bytes_raw())

    def sign(self, namespace: str, message: bytes) -> bytes:
        if self._private is not None:
            return self._private.sign(signed_data(namespace, message))
        assert self._agent_pub is not None
        return self._agent_sign(namespace, message)

    def _agent_sign(self, namespace: str, message: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "message"
            data.write_bytes(message)
            try:
                done = subprocess.run(
                    ["ssh-keygen", "-Y", "sign", "-q", "-n", namespace,
                     "-f", str(self._agent_pub), str(data)],
                    capture_output=True, stdin=subprocess.DEVNULL, timeout=60, check=False)
            except (OSError, subprocess.TimeoutExpired):
                raise Calcii18nError(self.shown, None, "ssh-keygen could not be run to sign "
                                     "with ssh-agent") from None
            signature = data.with_name("message.sig")
            if done.returncode != 0 or not signature.exists():
                raise Calcii18nError(self.shown, None, "ssh-agent did not sign: is the key "
                                     "added (ssh-add -l) and SSH_AUTH_SOCK set?")
            return raw_signature(signature.read_text(), self.public, namespace)
