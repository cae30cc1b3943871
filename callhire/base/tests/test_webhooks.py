from datetime import timedelta
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from callhire.base.models import Application, Webhook, WebhookDelivery
from callhire.base.pipeline import stage_move
from callhire.base.tests.webhook_receiver import Receiver
from callhire.base.webhooks import (
    WebhookURLError,
    deliveries_due,
    delivery_attempt,
    delivery_redeliver,
    resolve_url,
    retry_delay,
)
from callhire.test import BaseTestCase, application_data

SECRET = "whsec_test"
ALL = [Webhook.Event.APPLICATION_SUBMITTED, Webhook.Event.APPLICATION_STAGE_CHANGED]


@override_settings(CALLHIRE_WEBHOOK_ALLOW_PRIVATE=True, CALLHIRE_WEBHOOK_TIMEOUT=2, CALLHIRE_WEBHOOK_MAX_ATTEMPTS=3)
class WebhookDeliveryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.app = Application.objects.create(posting=cls.posting, name="Dee Lim", email="dee@example.com")

    def hook(self, url: str, events=ALL, employer=None, **fields) -> Webhook:
        return Webhook.objects.create(employer=employer or self.acme, url=url, secret=SECRET, events=events, **fields)

    def move(self, to_stage: str = "screened"):
        with self.captureOnCommitCallbacks(execute=True):
            stage_move(self.app, to_stage, user=self.bob)

    def test_it_sends_a_signed_stage_change_the_receiver_can_verify(self):
        with Receiver(SECRET) as receiver:
            self.hook(receiver.url)
            self.move()
        self.assertEqual(len(receiver.requests), 1)
        request = receiver.requests[0]
        self.assertTrue(request["valid"])
        self.assertEqual(request["path"], "/hooks/callhire?source=test")
        self.assertEqual(request["headers"]["Callhire-Event"], "application.stage_changed")
        payload = request["payload"]
        self.assertEqual(payload["event"], "application.stage_changed")
        self.assertEqual(payload["data"]["application"]["id"], self.app.pk)
        self.assertEqual(
            (payload["data"]["move"]["from_stage"], payload["data"]["move"]["to_stage"]), ("applied", "screened")
        )
        delivery = WebhookDelivery.objects.get()
        self.assertEqual((delivery.state, delivery.attempts, delivery.response_code), ("delivered", 1, 200))
        self.assertEqual(request["headers"]["Callhire-Delivery"], str(delivery.uid))

    def test_a_signature_under_another_secret_does_not_verify(self):
        with Receiver("whsec_other") as receiver:
            self.hook(receiver.url)
            self.move()
        self.assertFalse(receiver.requests[0]["valid"])

    def test_a_submitted_application_is_announced(self):
        cache.clear()
        with Receiver(SECRET) as receiver:
            self.hook(receiver.url, events=[Webhook.Event.APPLICATION_SUBMITTED])
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data(email="new@example.com"))
        self.assertEqual([r["payload"]["event"] for r in receiver.requests], ["application.submitted"])
        data = receiver.requests[0]["payload"]["data"]
        self.assertEqual((data["application"]["email"], data["created"]), ("new@example.com", True))

    def test_only_the_employers_active_subscribed_webhooks_get_an_event(self):
        with Receiver(SECRET) as receiver:
            self.hook(receiver.url, employer=self.other)
            self.hook(receiver.url, active=False)
            self.hook(receiver.url, events=[Webhook.Event.APPLICATION_SUBMITTED])
            self.move()
        self.assertEqual(receiver.requests, [])
        self.assertFalse(WebhookDelivery.objects.exists())

    def test_a_failed_delivery_is_retried_with_backoff_and_then_given_up(self):
        with Receiver(SECRET, statuses=[500, 503, 500, 200]) as receiver:
            self.hook(receiver.url)
            self.move()
            delivery = WebhookDelivery.objects.get()
            self.assertEqual((delivery.state, delivery.attempts, delivery.response_code), ("pending", 1, 500))
            self.assertIn("500", delivery.last_error)
            self.assertAlmostEqual(
                (delivery.next_attempt - delivery.last_attempt).total_seconds(), retry_delay(1).total_seconds(), delta=5
            )
            self.assertEqual(deliveries_due(), 0)  # not due yet
            for attempts in (2, 3):
                WebhookDelivery.objects.update(next_attempt=timezone.now() - timedelta(seconds=1))
                self.assertEqual(deliveries_due(), 1)
                delivery.refresh_from_db()
                self.assertEqual(delivery.attempts, attempts)
            self.assertEqual(delivery.state, "failed")  # three attempts, the setting's limit
            WebhookDelivery.objects.update(next_attempt=timezone.now() - timedelta(seconds=1))
            self.assertEqual(deliveries_due(), 0)
        self.assertEqual(len(receiver.requests), 3)
        self.assertEqual(retry_delay(2), 2 * retry_delay(1))

    def test_a_retry_that_succeeds_is_delivered_once(self):
        with Receiver(SECRET, statuses=[503]) as receiver:
            self.hook(receiver.url)
            self.move()
            WebhookDelivery.objects.update(next_attempt=timezone.now() - timedelta(seconds=1))
            out = StringIO()
            call_command("deliver_webhooks", stdout=out)
            call_command("deliver_webhooks", stdout=out)  # nothing left to do: running it again is harmless
        delivery = WebhookDelivery.objects.get()
        self.assertEqual((delivery.state, delivery.attempts, delivery.last_error), ("delivered", 2, ""))
        self.assertEqual(len(receiver.requests), 2)
        self.assertEqual(receiver.requests[0]["payload"]["id"], receiver.requests[1]["payload"]["id"])

    def test_a_claimed_delivery_is_not_sent_twice(self):
        with Receiver(SECRET) as receiver:
            webhook = self.hook(receiver.url)
            delivery = WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={"id": "x"})
            self.assertEqual(delivery_attempt(delivery.pk), "delivered")
            self.assertIsNone(delivery_attempt(delivery.pk))
        self.assertEqual(len(receiver.requests), 1)

    @override_settings(CALLHIRE_WEBHOOK_TIMEOUT=0.3)
    def test_a_receiver_that_is_too_slow_counts_as_a_failure(self):
        with Receiver(SECRET, delay=1) as receiver:
            self.hook(receiver.url)
            self.move()
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(delivery.state, "pending")
        self.assertIn("timed out", delivery.last_error)

    def test_a_receiver_that_is_down_counts_as_a_failure(self):
        with Receiver(SECRET) as receiver:
            url = receiver.url
        self.hook(url)
        self.move()
        delivery = WebhookDelivery.objects.get()
        self.assertEqual((delivery.state, delivery.response_code), ("pending", None))
        self.assertIn("Could not reach", delivery.last_error)

    def test_the_receivers_answer_is_kept_short_and_storable(self):
        with Receiver(SECRET, answer=b"ok\x00" + b"\xff" + b"x" * 5000) as receiver:
            self.hook(receiver.url)
            self.move()
        body = WebhookDelivery.objects.get().response_body
        self.assertTrue(body.startswith("ok\ufffd"))
        self.assertLessEqual(len(body), 2000)
        self.assertNotIn("\x00", body)

    def test_a_redirect_is_not_followed(self):
        with Receiver(SECRET, statuses=[302]) as receiver:
            self.hook(receiver.url)
            self.move()
        self.assertIn("Redirects are not followed", WebhookDelivery.objects.get().last_error)

    def test_redelivery_sends_the_same_event_as_a_new_delivery(self):
        with Receiver(SECRET) as receiver:
            self.hook(receiver.url)
            self.move()
            first = WebhookDelivery.objects.get()
            with self.captureOnCommitCallbacks(execute=True):
                again = delivery_redeliver(first)
        again.refresh_from_db()
        self.assertEqual(again.state, "delivered")
        self.assertNotEqual(again.uid, first.uid)
        self.assertEqual(again.payload, first.payload)
        self.assertEqual(len(receiver.requests), 2)

    @override_settings(CALLHIRE_WEBHOOK_KEEP_DAYS=30)
    def test_the_command_forgets_old_finished_deliveries_but_not_pending_ones(self):
        webhook = self.hook("http://127.0.0.1:9/")
        old = timezone.now() - timedelta(days=31)
        later = timezone.now() + timedelta(hours=1)
        for state in ("delivered", "failed", "pending"):
            WebhookDelivery.objects.create(
                webhook=webhook, event="ping", payload={}, state=state, created=old, next_attempt=later
            )
        WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={}, state="delivered")
        out = StringIO()
        call_command("deliver_webhooks", stdout=out)
        self.assertIn("0 deliveries attempted, 2 old ones deleted", out.getvalue())
        self.assertEqual(sorted(WebhookDelivery.objects.values_list("state", flat=True)), ["delivered", "pending"])

    def test_a_switched_off_webhook_sends_nothing_more(self):
        with Receiver(SECRET, statuses=[500]) as receiver:
            webhook = self.hook(receiver.url)
            self.move()
            webhook.active = False
            webhook.save()
            WebhookDelivery.objects.update(next_attempt=timezone.now() - timedelta(seconds=1))
            deliveries_due()
        self.assertEqual(len(receiver.requests), 1)
        self.assertEqual(WebhookDelivery.objects.get().state, "failed")


class WebhookAddressTestCase(BaseTestCase):
    def test_it_refuses_private_loopback_and_odd_addresses(self):
        for url in (
            "http://127.0.0.1/hook",
            "http://10.1.2.3/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/hook",
            "http://[::ffff:127.0.0.1]/hook",
            "http://localhost:8000/hook",
            "ftp://example.com/hook",
            "https://user:pw@example.com/hook",
            "https://example.com:99999/hook",
            "not a url",
        ):
            with self.subTest(url=url), self.assertRaises(WebhookURLError):
                resolve_url(url)

    def test_a_public_address_passes(self):
        self.assertEqual(resolve_url("https://93.184.215.14/hook"), ("93.184.215.14", 443, "93.184.215.14"))

    def test_a_delivery_to_a_private_address_is_not_sent(self):
        with Receiver(SECRET) as receiver:
            webhook = Webhook.objects.create(employer=self.acme, url=receiver.url, secret=SECRET, events=ALL)
            delivery = WebhookDelivery.objects.create(webhook=webhook, event="ping", payload={})
            delivery_attempt(delivery.pk)
        self.assertEqual(receiver.requests, [])
        delivery.refresh_from_db()
        self.assertIn("private or local", delivery.last_error)
