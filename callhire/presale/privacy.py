"""The privacy notice candidates accept when they apply.

Its text lives in templates/presale/privacy_notice.html. Change the text only together with
NOTICE_VERSION: every application stores the version its candidate accepted.
"""

NOTICE_VERSION = "2026-11-27"
RETENTION_MONTHS = 12
