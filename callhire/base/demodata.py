"""Demo data reflecting the seed: four postings at three employers, with screened applicants."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from callhire.base import services
from callhire.base.models import Application, Employer, Membership, Posting
from callhire.screening.profile import load_profile

DEMO_DIR = Path(__file__).parent / "demo"
DEMO_PASSWORD = "callhire-demo"

EMPLOYERS = [
    {
        "slug": "sunrise",
        "name": "Sunrise Contact Centers",
        "about": "Sunrise runs customer-care lines for retail and utility brands from three US sites and a home-agent network.",
        "website": "https://careers.sunrise.example",
        "apply_email": "jobs@sunrise.example",
        "recruiter": "recruiter@sunrise.test",
    },
    {
        "slug": "desert-health",
        "name": "Desert Health Line",
        "about": "Desert Health Line answers nurse-advice and appointment calls for clinics across Arizona, in English and Spanish.",
        "website": "https://desert-health.example/careers",
        "apply_email": "",
        "recruiter": "recruiter@desert-health.test",
    },
    {
        "slug": "kl-bpo",
        "name": "Maju Hubungan Sdn Bhd",
        "about": "Maju Hubungan ialah syarikat BPO di Kuala Lumpur yang mengendalikan khidmat pelanggan untuk bank dan syarikat telekomunikasi.",
        "website": "https://maju-hubungan.example/kerjaya",
        "apply_email": "kerjaya@maju-hubungan.example",
        "recruiter": "recruiter@kl-bpo.test",
    },
]

POSTINGS = [
    ("sunrise", "inbound-office.yaml", "Tomball, TX", "en"),
    ("sunrise", "home-contractor.yaml", "United States (home based)", "en"),
    ("desert-health", "bilingual-health.yaml", "Phoenix, AZ (hybrid)", "en"),
    ("kl-bpo", "kl-bpo.yaml", "Bangsar South, Kuala Lumpur", "ms"),
]

# Facts of a few applicants, so the demo shows every verdict.
APPLICANTS = [
    (
        "Aisha Rahman",
        {
            "age_years": True,
            "education": "high_school",
            "customer_service_experience_months": 0,
            "work_authorization": True,
            "computer_skills": ["email", "data_entry", "office"],
            "availability": {"weekends": True},
            "languages": ["en", "ms"],
            "residence": {"country": "Malaysia", "region": "Selangor"},
        },
    ),
    (
        "Ben Ortiz",
        {
            "age_years": True,
            "education": "associate",
            "customer_service_experience_months": 30,
            "call_center_experience_months": 14,
            "work_authorization": True,
            "computer_skills": ["email", "chat", "crm", "windows", "data_entry"],
            "languages": ["en", "es"],
            "licenses": ["rn"],
            "industries": ["healthcare"],
            "has_headset": True,
            "wired_connection": True,
            "quiet_workspace": True,
            "computer_os": "windows",
            "internet_download_mbps": 50,
            "internet_upload_mbps": 10,
            "residence": {"country": "United States", "region": "Arizona"},
            "availability": {"weekends": True, "nights": True, "hours_per_week": 40},
            "can_attend_onsite": True,
        },
    ),
    ("Chloe Tan", {"age_years": False, "education": "none", "work_authorization": True}),
]


def load_demo(stdout=None) -> None:
    """Create (or bring up to date) the demo employers, users, postings and applicants."""
    User = get_user_model()
    with transaction.atomic():
        admin, _ = User.objects.get_or_create(username="admin@callhire.test", defaults={"email": "admin@callhire.test"})
        admin.is_staff = admin.is_superuser = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        employers = {}
        for spec in EMPLOYERS:
            fields = {k: v for k, v in spec.items() if k not in ("slug", "recruiter")}
            employer, _ = Employer.objects.update_or_create(slug=spec["slug"], defaults=fields)
            employers[spec["slug"]] = employer
            user, _ = User.objects.get_or_create(username=spec["recruiter"], defaults={"email": spec["recruiter"]})
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.get_or_create(user=user, employer=employer, defaults={"role": Membership.Role.ADMIN})
        for slug, filename, location, language in POSTINGS:
            profile = load_profile((DEMO_DIR / filename).read_text(encoding="utf-8"), filename)
            posting, created = Posting.objects.get_or_create(
                employer=employers[slug],
                title=profile.title,
                defaults={"location": location, "language": language, "status": Posting.Status.OPEN},
            )
            if created or posting.current_version() is None:
                services.profile_save(posting, profile.to_document(), source="imported")
            if not posting.applications.exists():
                for name, facts in APPLICANTS:
                    email = name.lower().replace(" ", ".") + "@example.com"
                    application = Application.objects.create(posting=posting, name=name, email=email, facts=facts)
                    services.application_screen(application)
    if stdout is not None:
        stdout.write(
            f"Demo data ready: {Posting.objects.count()} postings, {Application.objects.count()} applications."
        )
