"""Our SSH signatures are OpenSSH's: `ssh-keygen -Y verify` accepts ours, we accept its."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from calcii18n._util import sshsig
from calcii18n.errors import Calcii18nError

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                reason="ssh-keygen (openssh-client) not installed")
NS = "calcii18n"


def keygen(folder: Path, name: str = "id", *extra: str) -> Path:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@test",
                    "-f", str(path), *extra], check=True)
    return path


def test_ssh_keygen_verifies_our_signature(tmp_path: Path) -> None:
    key = keygen(tmp_path)
    signer = sshsig.Signer(key, "id")
    message = "ES · warning-signs · Llame al 999".encode()
    raw = signer.sign(NS, message)
    assert sshsig.verify(signer.public, NS, message, raw)
    (tmp_path / "allowed").write_text(f"rita@test {signer.public.line()}\n")
    (tmp_path / "msg.sig").write_text(sshsig.armoured(signer.public, NS, raw) + "\n")
    done = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed"),
                           "-I", "rita@test", "-n", NS, "-s", str(tmp_path / "msg.sig")],
                          input=message, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


def test_we_verify_ssh_keygens_signature_and_nothing_else(tmp_path: Path) -> None:
    key = keygen(tmp_path)
    (tmp_path / "msg").write_bytes(b"reviewed text")
    subprocess.run(["ssh-keygen", "-Y", "sign", "-q", "-n", NS, "-f", str(key),
                    str(tmp_path / "msg")], check=True)
    public = sshsig.parse_public_key((tmp_path / "id.pub").read_text())
    raw = sshsig.raw_signature((tmp_path / "msg.sig").read_text(), public, NS)
    assert sshsig.verify(public, NS, b"reviewed text", raw)
    assert not sshsig.verify(public, NS, b"reviewed text!", raw)
    assert not sshsig.verify(public, "git", b"reviewed text", raw)
    other = sshsig.parse_public_key((keygen(tmp_path, "other").with_suffix(".pub")).read_text())
    assert not sshsig.verify(other, NS, b"reviewed text", raw)


def test_fingerprint_is_ssh_keygens(tmp_path: Path) -> None:
    key = keygen(tmp_path)
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(key) + ".pub"], capture_output=True,
                            text=True, check=True).stdout.split()[1]
    assert sshsig.parse_public_key((tmp_path / "id.pub").read_text()).fingerprint == listed


@pytest.mark.parametrize(("make", "says"), [
    (lambda d: keygen(d, "locked", "-N", "secret"), "has a passphrase"),
    (lambda d: d / "missing", "cannot read the key"),
    (lambda d: (d / "x.txt").write_text("hello") and d / "x.txt", "not an SSH private key"),
])
def test_keys_that_cannot_sign_are_one_line_errors(tmp_path: Path, make, says: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Calcii18nError, match=says) as info:
        sshsig.Signer(make(tmp_path), "key")
    assert "\n" not in str(info.value) and "PRIVATE" not in str(info.value)


def test_an_rsa_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rsa"
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(path)],
                   check=True)
    with pytest.raises(Calcii18nError, match="only ssh-ed25519"):
        sshsig.Signer(path, "rsa")
    with pytest.raises(ValueError, match="ssh-rsa key"):
        sshsig.parse_public_key((tmp_path / "rsa.pub").read_text())


@pytest.mark.skipif(shutil.which("ssh-agent") is None or shutil.which("ssh-add") is None,
                    reason="ssh-agent not installed")
def test_a_key_held_by_ssh_agent_signs_through_its_pub(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    key = keygen(tmp_path, "locked", "-N", "secret phrase")
    socket = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(socket)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if socket.exists():
                break
            time.sleep(0.05)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(socket))
        askpass = tmp_path / "askpass.sh"
        askpass.write_text("#!/bin/sh\necho 'secret phrase'\n")
        askpass.chmod(0o700)
        env = {"SSH_AUTH_SOCK": str(socket), "SSH_ASKPASS": str(askpass),
               "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0", "PATH": "/usr/bin:/bin"}
        subprocess.run(["ssh-add", str(key)], check=True, capture_output=True,
                       stdin=subprocess.DEVNULL, env=env)
        signer = sshsig.Signer(key.with_name("locked.pub"), "locked.pub")
        raw = signer.sign(NS, b"approved by the agent")
        assert sshsig.verify(signer.public, NS, b"approved by the agent", raw)
        monkeypatch.setenv("SSH_AUTH_SOCK", str(tmp_path / "no-agent"))
        with pytest.raises(Calcii18nError, match="ssh-agent did not sign"):
            signer.sign(NS, b"x")
    finally:
        agent.terminate()
        agent.wait()


def test_a_verdict_is_remembered_for_exactly_what_was_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo of verdicts must never let a changed message, namespace, signature or key
    borrow an earlier True; and the same check twice runs Ed25519 once."""
    monkeypatch.setattr(sshsig, "_VERDICTS", {})
    signer = sshsig.Signer(keygen(tmp_path), "id")
    other = sshsig.Signer(keygen(tmp_path, "other"), "other")
    message = b"ES dose: Tome 1 comprimido"
    raw = signer.sign(NS, message)
    checks = 0
    real = sshsig.Ed25519PublicKey

    class Counted:
        @staticmethod
        def from_public_bytes(data: bytes) -> object:
            nonlocal checks
            checks += 1
            return real.from_public_bytes(data)

    monkeypatch.setattr(sshsig, "Ed25519PublicKey", Counted)
    for _ in range(2):
        assert sshsig.verify(signer.public, NS, message, raw)
        assert not sshsig.verify(signer.public, NS, message + b"0", raw)
        assert not sshsig.verify(signer.public, NS + "x", message, raw)
        assert not sshsig.verify(other.public, NS, message, raw)
        assert not sshsig.verify(signer.public, NS, message, bytes(64))
        # Where one field ends and the next begins is part of what is remembered.
        assert not sshsig.verify(signer.public, NS[:-1], NS[-1:].encode() + message, raw)
    assert checks == 6
