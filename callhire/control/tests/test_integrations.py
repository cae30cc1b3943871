from django.test import override_settings

from callhire.base.models import ApiToken, Webhook, WebhookDelivery
from callhire.base.tests.webhook_receiver import Receiver
from callhire.test import BaseTestCase

BASE = "/control/employers/acme/api/"


class TokenAdminTestCase(BaseTestCase):
    def test_an_admin_sees_the_settings_page(self):
        self.client.force_login(self.alice)
        r = self.client.get("/control/")
        self.assertContains(r, BASE)
        r = self.client.get(BASE)
        self.assertContains(r, "Issue a token")

    def test_an_admin_issues_a_token_shown_once(self):
        self.client.force_login(self.alice)
        r = self.client.post(f"{BASE}tokens/", {"name": "HR sync", "can_write": "on"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Cache-Control"], "no-store")
        token = ApiToken.objects.get()
        secret = r.context["secret"]
        self.assertContains(r, secret)
        self.assertTrue(token.matches(secret))
        self.assertTrue(token.can_write)
        self.assertEqual((token.employer, token.created_by), (self.acme, self.alice))
        # The list shows the prefix, never the secret.
        r = self.client.get(BASE)
        self.assertContains(r, token.prefix)
        self.assertNotContains(r, secret)
        api = self.client.get("/api/v1/postings/", headers={"authorization": f"Bearer {secret}"})
        self.assertEqual(api.status_code, 200)

    def test_a_token_needs_a_name(self):
        self.client.force_login(self.alice)
        r = self.client.post(f"{BASE}tokens/", {"name": ""})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_an_admin_revokes_a_token(self):
        token, secret = ApiToken.issue(self.acme, "old", user=self.alice)
        self.client.force_login(self.alice)
        self.client.post(f"{BASE}tokens/{token.pk}/revoke/")
        token.refresh_from_db()
        self.assertIsNotNone(token.revoked)
        api = self.client.get("/api/v1/postings/", headers={"authorization": f"Bearer {secret}"})
        self.assertEqual(api.status_code, 401)

    def test_a_recruiter_may_not_manage_tokens(self):
        token, _ = ApiToken.issue(self.acme, "old", user=self.alice)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(BASE).status_code, 403)
        self.assertEqual(self.client.post(f"{BASE}tokens/", {"name": "x"}).status_code, 403)
        self.assertEqual(self.client.post(f"{BASE}tokens/{token.pk}/revoke/").status_code, 403)
        self.assertEqual(ApiToken.objects.count(), 1)

    def test_an_outsider_gets_404(self):
        token, _ = ApiToken.issue(self.acme, "old", user=self.alice)
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(BASE).status_code, 404)
        self.assertEqual(self.client.post(f"{BASE}tokens/", {"name": "x"}).status_code, 404)
        self.assertEqual(self.client.post(f"{BASE}tokens/{token.pk}/revoke/").status_code, 404)
        # ...and their own settings page cannot reach Acme's token either.
        self.assertEqual(self.client.post(f"/control/employers/other/api/tokens/{token.pk}/revoke/").status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked)

    def test_a_visitor_is_sent_to_log_in(self):
        r = self.client.get(BASE)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/control/login/", r["Location"])


@override_settings(CALLHIRE_WEBHOOK_ALLOW_PRIVATE=True)
class WebhookAdminTestCase(BaseTestCase):
    def test_an_admin_adds_tests_and_edits_a_webhook(self):
        self.client.force_login(self.alice)
        with Receiver("unused") as receiver:
            r = self.client.post(
                f"{BASE}webhooks/new/", {"url": receiver.url, "events": ["application.submitted"], "active": "on"}
            )
            webhook = Webhook.objects.get()
            self.assertRedirects(r, f"{BASE}webhooks/{webhook.pk}/")
            self.assertEqual(webhook.events, ["application.submitted"])
            self.assertTrue(webhook.secret.startswith("whsec_"))
            receiver.secret = webhook.secret
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(f"{BASE}webhooks/{webhook.pk}/ping/")
        self.assertEqual([r["payload"]["event"] for r in receiver.requests], ["ping"])
        self.assertTrue(receiver.requests[0]["valid"])
        r = self.client.get(f"{BASE}webhooks/{webhook.pk}/")
        self.assertContains(r, "Delivered")
        self.assertContains(r, "Redeliver")
        old_secret = webhook.secret
        self.client.post(f"{BASE}webhooks/{webhook.pk}/secret/")
        webhook.refresh_from_db()
        self.assertNotEqual(webhook.secret, old_secret)
        self.client.post(
            f"{BASE}webhooks/{webhook.pk}/", {"url": receiver.url, "events": ["application.stage_changed"]}
        )
        webhook.refresh_from_db()
        self.assertEqual((webhook.events, webhook.active), (["application.stage_changed"], False))

    def test_the_admin_redelivers_from_the_log(self):
        webhook = Webhook.objects.create(
            employer=self.acme, url="http://127.0.0.1:9/", events=["application.submitted"]
        )
        delivery = WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={"id": "e1"}, state="failed")
        self.client.force_login(self.alice)
        r = self.client.post(f"{BASE}deliveries/{delivery.pk}/redeliver/")
        self.assertRedirects(r, f"{BASE}webhooks/{webhook.pk}/")
        self.assertEqual(WebhookDelivery.objects.filter(payload={"id": "e1"}).count(), 2)

    @override_settings(CALLHIRE_WEBHOOK_ALLOW_PRIVATE=False)
    def test_a_private_address_is_refused_with_a_message(self):
        self.client.force_login(self.alice)
        r = self.client.post(
            f"{BASE}webhooks/new/", {"url": "http://127.0.0.1:8000/", "events": ["application.submitted"]}
        )
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "private or local address", status_code=400)
        r = self.client.post(f"{BASE}webhooks/new/", {"url": "https://example.com/", "events": []})
        self.assertContains(r, "This field is required", status_code=400)
        self.assertFalse(Webhook.objects.exists())

    def test_an_admin_deletes_a_webhook(self):
        webhook = Webhook.objects.create(employer=self.acme, url="http://127.0.0.1:9/", events=[])
        self.client.force_login(self.alice)
        self.client.post(f"{BASE}webhooks/{webhook.pk}/delete/")
        self.assertFalse(Webhook.objects.exists())

    def test_a_recruiter_may_not_manage_webhooks(self):
        webhook = Webhook.objects.create(employer=self.acme, url="http://127.0.0.1:9/", events=[])
        self.client.force_login(self.bob)
        for url in ("webhooks/new/", f"webhooks/{webhook.pk}/"):
            self.assertEqual(self.client.get(BASE + url).status_code, 403)
        self.assertEqual(self.client.post(f"{BASE}webhooks/{webhook.pk}/delete/").status_code, 403)
        self.assertTrue(Webhook.objects.exists())

    def test_an_outsider_gets_404_for_every_webhook_page(self):
        webhook = Webhook.objects.create(employer=self.acme, url="http://127.0.0.1:9/", events=[])
        delivery = WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={})
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(f"{BASE}webhooks/new/").status_code, 404)
        for url in (
            f"webhooks/{webhook.pk}/",
            f"webhooks/{webhook.pk}/delete/",
            f"webhooks/{webhook.pk}/ping/",
            f"webhooks/{webhook.pk}/secret/",
            f"deliveries/{delivery.pk}/redeliver/",
        ):
            self.assertEqual(self.client.post(BASE + url).status_code, 404, url)
        other = "/control/employers/other/api/"
        self.assertEqual(self.client.get(f"{other}webhooks/{webhook.pk}/").status_code, 404)
        self.assertEqual(self.client.post(f"{other}deliveries/{delivery.pk}/redeliver/").status_code, 404)
        self.assertEqual(WebhookDelivery.objects.count(), 1)
        self.assertTrue(Webhook.objects.filter(pk=webhook.pk).exists())
