import re

from django.contrib.auth.models import User

from callhire.base.models import Membership
from callhire.test import BaseTestCase


class PostingDetailTestCase(BaseTestCase):
    def url(self):
        return f"/control/postings/{self.posting.pk}/"

    def test_it_shows_the_profile_and_the_english_description(self):
        self.client.force_login(self.alice)
        r = self.client.get(self.url() + "?preview=en")
        self.assertContains(r, "Inbound Customer Service Agent")
        self.assertContains(r, "Typing speed")
        self.assertContains(r, "version 1")
        self.assertContains(r, '<article class="description" lang="en">')

    def test_it_previews_the_malay_description(self):
        self.client.force_login(self.bob)
        r = self.client.get(self.url() + "?preview=ms")
        self.assertContains(r, '<article class="description" lang="ms">')
        self.assertContains(r, "tahun")

    def test_the_interface_speaks_malay(self):
        self.client.force_login(self.alice)
        self.client.post("/i18n/setlang/", {"language": "ms", "next": "/control/"})
        r = self.client.get(self.url())
        self.assertContains(r, "Profil pekerjaan")
        self.assertContains(r, "Kelajuan menaip")

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_a_stranger_is_sent_to_log_in(self):
        r = self.client.get(self.url())
        self.assertRedirects(r, f"/control/login/?next={self.url()}")

    def test_the_index_lists_only_the_users_employers_postings(self):
        self.client.force_login(self.charlie)
        r = self.client.get("/control/")
        self.assertNotContains(r, "Inbound Customer Service Agent")
        self.client.force_login(self.bob)
        self.assertContains(self.client.get("/control/"), "Inbound Customer Service Agent")

    def test_a_hiring_manager_is_offered_only_what_they_may_open(self):
        dana = User.objects.create_user("dana@acme.test", "dana@acme.test", "a long password 123")
        Membership.objects.create(user=dana, employer=self.posting.employer, role=Membership.Role.HIRING_MANAGER)
        self.client.force_login(dana)
        for page in ("/control/", self.url()):
            html = self.client.get(page).content.decode()
            links = set(re.findall(r'href="(/control/[^"#?]*)', html)) - {"/control/logout/"}
            self.assertTrue(links, page)
            for link in links:
                status = self.client.get(link).status_code
                self.assertIn(status, (200, 302), f"{page} links to {link}: {status}")
            self.assertNotIn("Analytics", html)
            self.assertNotIn("profile/upload/", html)
