"""Demo data reflecting the seed: four postings at three employers, with screened applicants."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from callhire.base import pipeline, services
from callhire.base.models import Application, Employer, Membership, Note, Posting, StageMove
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


# Teammates with the other roles, so each role's view can be tried.
TEAM = [
    ("sunrise", "recruiter2@sunrise.test", Membership.Role.RECRUITER),
    ("sunrise", "manager@sunrise.test", Membership.Role.HIRING_MANAGER),
]

FIRST_NAMES = (
    "Nur Aina Siti Farah Hafiz Amir Kumar Priya Wei Jun Mei Ling Maria Jose Luis Ana Grace Mark Joy Paolo "
    "Jasmine Tyler Dana Marcus Keisha Rosa Diego Emily Jacob Olivia Noah Ava Ethan"
).split()
LAST_NAMES = (
    "Abdullah Ismail Rahman Tan Lim Wong Nair Raj Santos Reyes Cruz Garcia Lopez Johnson Smith Brown Davis "
    "Miller Wilson Nguyen Patel Kim"
).split()
SOURCES = ["board", "board", "board", "careers", "referral", "job_fair", "api"]
# How far along the pipeline the generated applicants got, as (stage reached, weight).
REACHED = [
    ("applied", 30),
    ("screened", 20),
    ("assessment", 18),
    ("interview", 12),
    ("background_check", 6),
    ("offer", 4),
    ("hired", 4),
    ("rejected", 14),
    ("withdrawn", 3),
]


def _generated_facts(rng: random.Random) -> dict:
    experienced = rng.random() < 0.6
    return {
        "age_years": rng.random() < 0.95,
        "education": rng.choice(["high_school", "high_school", "associate", "bachelor", "none"]),
        "customer_service_experience_months": rng.choice([0, 3, 6, 12, 24, 48]) if experienced else 0,
        "call_center_experience_months": rng.choice([0, 6, 12, 36]) if experienced else 0,
        "work_authorization": rng.random() < 0.92,
        "computer_skills": rng.sample(["email", "chat", "crm", "windows", "data_entry", "office"], rng.randint(1, 5)),
        "languages": ["en"] + (["ms"] if rng.random() < 0.4 else []) + (["es"] if rng.random() < 0.2 else []),
        "availability": {"weekends": rng.random() < 0.7, "nights": rng.random() < 0.4, "hours_per_week": 40},
        "typing_wpm": rng.randint(22, 75),
    }


def _walk(application: Application, reached: str, start, team: list, rng: random.Random) -> None:
    """Record a plausible history of moves up to the stage reached, spread over the days since applying."""
    order = [s.key for s in pipeline.posting_stages(application.posting, closed=False)]
    path = order[: order.index(reached) + 1] if reached in order else order[: rng.randint(1, 4)] + [reached]
    moves = [StageMove(application=application, from_stage="", to_stage="applied", cause="candidate", created=start)]
    when = start
    for before, after in zip(path, path[1:], strict=False):
        when = min(when + timedelta(hours=rng.randint(6, 96)), timezone.now())
        reason = rng.choice(["not_qualified", "assessment", "interview", "no_response"]) if after == "rejected" else ""
        cause = "candidate" if after == "withdrawn" else "manual"
        moves.append(
            StageMove(
                application=application,
                from_stage=before,
                to_stage=after,
                reason=reason,
                cause=cause,
                user=None if cause == "candidate" else rng.choice(team),
                created=when,
            )
        )
    StageMove.objects.bulk_create(moves)
    last = moves[-1]
    Application.objects.filter(pk=application.pk).update(
        stage=last.to_stage,
        stage_changed=last.created,
        rejection_reason=last.reason,
        withdrawn_at=last.created if last.to_stage == "withdrawn" else None,
    )


def _generate_applicants(posting: Posting, team: list, count: int, rng: random.Random) -> None:
    now = timezone.now()
    for i in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        email = f"{name.lower().replace(' ', '.')}.{posting.pk}.{i}@example.com"
        created = now - timedelta(days=rng.uniform(0, 42))
        application = Application.objects.create(
            posting=posting,
            name=name,
            email=email,
            facts=_generated_facts(rng),
            created=created,
            source=rng.choice(SOURCES),
            language=posting.language,
            phone=f"+1 555 01{rng.randint(10, 99)}",
        )
        services.application_screen(application)
        reached = rng.choices([r for r, _w in REACHED], [w for _r, w in REACHED])[0]
        _walk(application, reached, created, team, rng)
        if reached in ("interview", "offer", "hired") and rng.random() < 0.5:
            Note.objects.create(
                application=application,
                author=rng.choice(team),
                created=created + timedelta(days=1),
                text=rng.choice(
                    [
                        "Clear voice on the phone screen.",
                        "Good typing, a little slow on the math.",
                        "Can start in two weeks.",
                        "Prefers the evening shift.",
                    ]
                ),
            )


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
        for slug, username, role in TEAM:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": username})
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.get_or_create(user=user, employer=employers[slug], defaults={"role": role})
        rng = random.Random(7)  # the same demo every time
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
                    pipeline.stage_record_start(application)
                team = [m.user for m in posting.employer.memberships.exclude(role=Membership.Role.HIRING_MANAGER)]
                _generate_applicants(posting, team, 60, rng)
    if stdout is not None:
        stdout.write(
            f"Demo data ready: {Posting.objects.count()} postings, {Application.objects.count()} applications."
        )
