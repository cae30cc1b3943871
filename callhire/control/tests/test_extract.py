from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from callhire.base.models import ProfileVersion
from callhire.test import BaseTestCase, make_docx

POSTING = """Customer Service Representative

Requirements:
- High school diploma or GED required.
- At least one (1) year of customer service experience.
- Must type 35 wpm.

Preferred qualifications:
- Bilingual in Spanish.
"""


class ExtractTestCase(BaseTestCase):
    def url(self, suffix=""):
        return f"/control/postings/{self.posting.pk}/read/{suffix}"

    def test_it_proposes_a_profile_with_the_evidence_marked(self):
        self.client.force_login(self.alice)
        r = self.client.post(self.url(), {"text": POSTING})
        self.assertContains(r, "<mark")
        self.assertContains(r, "Customer-service experience")
        self.assertContains(r, "customer_service_experience_months")
        self.assertContains(r, "value: 12")

    def test_it_reads_an_uploaded_word_file(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("ad.docx", make_docx(POSTING))
        r = self.client.post(self.url(), {"file": upload})
        self.assertContains(r, "education")
        self.assertContains(r, "high_school")

    def test_it_says_what_is_wrong_with_a_binary_file(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("ad.pdf", b"\x00\x01\x02garbage" * 100)
        r = self.client.post(self.url(), {"file": upload})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'class="errors"')

    def test_it_asks_for_text_when_given_nothing(self):
        self.client.force_login(self.alice)
        r = self.client.post(self.url(), {"text": "   "})
        self.assertContains(r, "Paste the posting")

    @override_settings(CALLHIRE_MAX_UPLOAD_BYTES=1000)
    def test_it_refuses_an_upload_over_the_limit(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("ad.txt", b"a" * 5000)
        r = self.client.post(self.url(), {"file": upload})
        self.assertEqual(r.status_code, 413)
        self.assertContains(r, "larger than", status_code=413)

    def test_saving_the_corrected_profile_makes_it_the_postings_profile(self):
        self.client.force_login(self.alice)
        text = "title: Agent\nrequirements:\n  education: {level: required, value: high_school}\n"
        r = self.client.post(self.url("save/"), {"profile": text})
        self.assertRedirects(r, f"/control/postings/{self.posting.pk}/")
        version = self.posting.current_version()
        self.assertEqual(version.source, ProfileVersion.Source.EXTRACTED)
        self.assertEqual(list(version.document["requirements"]), ["education"])

    def test_an_invalid_correction_is_shown_back_and_nothing_is_saved(self):
        self.client.force_login(self.alice)
        text = "title: Agent\nrequirements:\n  education: {level: required, value: phd}\n"
        r = self.client.post(self.url("save/"), {"profile": text})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "requirements.education.value", status_code=400)
        self.assertContains(r, "value: phd", status_code=400)
        self.assertEqual(self.posting.current_version().document["title"], "Inbound Customer Service Agent")

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), {"text": POSTING}).status_code, 404)
        self.assertEqual(self.client.post(self.url("save/"), {"profile": "title: X"}).status_code, 404)
