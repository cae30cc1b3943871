"""Shared personas for tests: alice and bob recruit for Acme, charlie for another employer."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import TestCase

from callhire.base import services
from callhire.base.models import Employer, Membership, Posting
from callhire.screening.profile import load_profile

DEMO_DIR = Path(__file__).parent / "base" / "demo"


def demo_document(name: str) -> dict:
    """Return a demo profile document by file name, e.g. "inbound-office.yaml"."""
    return load_profile((DEMO_DIR / name).read_text(encoding="utf-8"), name).to_document()


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.acme = Employer.objects.create(name="Acme Contact", slug="acme", website="https://acme.example/jobs")
        cls.alice = User.objects.create_user("alice@acme.test", "alice@acme.test", "password")
        cls.bob = User.objects.create_user("bob@acme.test", "bob@acme.test", "password")
        Membership.objects.create(user=cls.alice, employer=cls.acme, role=Membership.Role.ADMIN)
        Membership.objects.create(user=cls.bob, employer=cls.acme, role=Membership.Role.RECRUITER)

        cls.other = Employer.objects.create(name="Other BPO", slug="other")
        cls.charlie = User.objects.create_user("charlie@other.test", "charlie@other.test", "password")
        Membership.objects.create(user=cls.charlie, employer=cls.other, role=Membership.Role.ADMIN)

        cls.posting = Posting.objects.create(
            employer=cls.acme, title="Inbound Customer Service Agent", location="Tomball, TX", status="open"
        )
        services.profile_save(cls.posting, demo_document("inbound-office.yaml"))


def make_pdf(text: str) -> bytes:
    """Return a one-page PDF whose text layer holds `text` (ASCII)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_docx(text: str) -> bytes:
    """Return a Word (.docx) file with one paragraph per line of `text`."""
    import io
    import zipfile

    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buf.getvalue()


def application_data(**extra) -> dict:
    """Return a valid application form for the inbound-office demo profile, with `extra` on top."""
    import uuid

    data = {
        "name": "Dee Lim",
        "email": "dee@example.com",
        "q_age_years": "yes",
        "q_education": "high_school",
        "q_work_authorization": "yes",
        "q_computer_skills": ["email", "data_entry"],
        "q_availability_weekends": "yes",
        "consent": "on",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data
