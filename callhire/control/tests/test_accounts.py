import re

import pyotp
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache

from callhire.base import accounts
from callhire.base.models import Membership, TwoFactor
from callhire.test import BaseTestCase


class LoginTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()

    def test_a_recruiter_logs_in_with_email_and_password(self):
        r = self.client.post("/control/login/", {"username": "bob@acme.test", "password": "password"})
        self.assertRedirects(r, "/control/", fetch_redirect_response=False)

    def test_sign_in_is_rate_limited_per_account(self):
        with self.settings(CALLHIRE_LOGIN_RATE=(3, 900)):
            for _ in range(3):
                r = self.client.post("/control/login/", {"username": "bob@acme.test", "password": "wrong"})
                self.assertEqual(r.status_code, 200)
            r = self.client.post("/control/login/", {"username": "bob@acme.test", "password": "password"})
        self.assertEqual(r.status_code, 429)
        self.assertContains(r, "Too many sign-in attempts", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_with_a_second_factor_the_password_alone_does_not_sign_in(self):
        factor = accounts.two_factor_begin(self.bob)
        factor.confirmed = True
        factor.save()
        r = self.client.post(
            "/control/login/", {"username": "bob@acme.test", "password": "password", "next": "/control/account/"}
        )
        self.assertRedirects(r, "/control/login/code/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/control/").status_code, 302)  # still signed out

        r = self.client.post("/control/login/code/", {"code": "000000"})
        self.assertContains(r, "That code is not right")
        code = pyotp.TOTP(factor.secret).now()
        r = self.client.post("/control/login/code/", {"code": code})
        self.assertRedirects(r, "/control/account/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.bob.pk)

    def test_a_code_cannot_be_used_twice(self):
        factor = accounts.two_factor_begin(self.bob)
        code = pyotp.TOTP(factor.secret).now()
        self.assertTrue(accounts.two_factor_verify(factor, code))
        self.assertFalse(accounts.two_factor_verify(TwoFactor.objects.get(pk=factor.pk), code))

    def test_the_code_step_cannot_be_reached_without_the_password(self):
        r = self.client.get("/control/login/code/")
        self.assertRedirects(r, "/control/login/", fetch_redirect_response=False)


class TwoFactorSetupTestCase(BaseTestCase):
    def test_a_user_turns_the_second_factor_on_and_off(self):
        self.client.force_login(self.bob)
        r = self.client.get("/control/account/two-factor/")
        self.assertContains(r, "otpauth://totp/")
        factor = TwoFactor.objects.get(user=self.bob)
        r = self.client.post("/control/account/two-factor/", {"code": "123456"})
        self.assertContains(r, "That code is not right")
        r = self.client.post("/control/account/two-factor/", {"code": pyotp.TOTP(factor.secret).now()})
        self.assertRedirects(r, "/control/account/", fetch_redirect_response=False)
        self.assertTrue(accounts.two_factor_enabled(self.bob))

        r = self.client.post("/control/account/two-factor/off/", {"password": "nope"})
        self.assertContains(r, "That password is not right")
        self.client.post("/control/account/two-factor/off/", {"password": "password"})
        self.assertFalse(accounts.two_factor_enabled(self.bob))


class PasswordTestCase(BaseTestCase):
    def test_a_weak_new_password_is_refused(self):
        self.client.force_login(self.bob)
        r = self.client.post(
            "/control/account/password/",
            {"old_password": "password", "new_password1": "12345678", "new_password2": "12345678"},
        )
        self.assertContains(r, "too common")
        self.bob.refresh_from_db()
        self.assertTrue(self.bob.check_password("password"))


class TeamTestCase(BaseTestCase):
    def url(self):
        return "/control/employers/acme/team/"

    def test_an_admin_adds_a_new_teammate_who_sets_a_password_by_email(self):
        self.client.force_login(self.alice)
        r = self.client.post(self.url(), {"email": "Dana@Acme.test", "role": "hiring_manager"})
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        dana = User.objects.get(username="dana@acme.test")
        self.assertFalse(dana.has_usable_password())
        self.assertEqual(Membership.objects.get(user=dana).role, "hiring_manager")
        link = re.search(r"http://\S+/control/password/reset/\S+/", mail.outbox[-1].body).group(0)
        self.client.logout()
        r = self.client.get(link, follow=True)
        r = self.client.post(
            r.redirect_chain[-1][0], {"new_password1": "Quiet-Harbour-42", "new_password2": "Quiet-Harbour-42"}
        )
        dana.refresh_from_db()
        self.assertTrue(dana.check_password("Quiet-Harbour-42"))

    def test_adding_someone_twice_says_so(self):
        self.client.force_login(self.alice)
        r = self.client.post(self.url(), {"email": "bob@acme.test", "role": "recruiter"})
        self.assertContains(r, "already on the team")

    def test_the_last_admin_cannot_be_demoted_or_removed(self):
        self.client.force_login(self.alice)
        membership = Membership.objects.get(user=self.alice, employer=self.acme)
        self.client.post(f"{self.url()}{membership.pk}/", {"role": "recruiter"})
        self.client.post(f"{self.url()}{membership.pk}/", {"action": "remove"})
        membership.refresh_from_db()
        self.assertEqual(membership.role, "admin")

    def test_an_admin_changes_a_role_and_removes_a_teammate(self):
        self.client.force_login(self.alice)
        membership = Membership.objects.get(user=self.bob, employer=self.acme)
        self.client.post(f"{self.url()}{membership.pk}/", {"role": "hiring_manager"})
        membership.refresh_from_db()
        self.assertEqual(membership.role, "hiring_manager")
        self.client.post(f"{self.url()}{membership.pk}/", {"action": "remove"})
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())

    def test_a_recruiter_cannot_manage_the_team(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        membership = Membership.objects.get(user=self.bob, employer=self.acme)
        r = self.client.post(f"{self.url()}{membership.pk}/", {"action": "remove"})
        self.assertEqual(r.status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())
