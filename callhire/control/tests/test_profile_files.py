import json

from django.core.files.uploadedfile import SimpleUploadedFile

from callhire.test import BaseTestCase, demo_document


class ProfileFilesTestCase(BaseTestCase):
    def test_it_downloads_the_profile_as_yaml_and_json(self):
        self.client.force_login(self.alice)
        r = self.client.get(f"/control/postings/{self.posting.pk}/profile.json")
        self.assertEqual(json.loads(r.content)["requirements"]["typing_wpm"]["value"], 30)
        r = self.client.get(f"/control/postings/{self.posting.pk}/profile.yaml")
        self.assertIn(b"typing_wpm:", r.content)
        self.assertEqual(self.client.get(f"/control/postings/{self.posting.pk}/profile.exe").status_code, 404)

    def test_it_imports_a_profile_file(self):
        self.client.force_login(self.alice)
        doc = demo_document("home-contractor.yaml")
        upload = SimpleUploadedFile("p.json", json.dumps(doc).encode(), "application/json")
        self.client.post(f"/control/postings/{self.posting.pk}/profile/upload/", {"file": upload})
        self.assertEqual(self.posting.current_version().document["job"]["employment_type"], "contractor")

    def test_an_invalid_file_names_the_field_and_saves_nothing(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("p.yaml", b"title: X\nrequirements:\n  min_age: {value: 9}\n")
        r = self.client.post(f"/control/postings/{self.posting.pk}/profile/upload/", {"file": upload}, follow=True)
        self.assertContains(r, "requirements.min_age.value: must be between 14 and 70")
        self.assertEqual(self.posting.current_version().document["title"], "Inbound Customer Service Agent")

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(f"/control/postings/{self.posting.pk}/profile.yaml").status_code, 404)
        upload = SimpleUploadedFile("p.yaml", b"title: X\n")
        r = self.client.post(f"/control/postings/{self.posting.pk}/profile/upload/", {"file": upload})
        self.assertEqual(r.status_code, 404)
