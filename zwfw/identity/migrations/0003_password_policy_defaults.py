"""The two password policies with their defaults (editable by the 系统管理员 afterwards)."""

from django.db import migrations

DEFAULTS = {
    # 等保 level 3 (GB/T 22239-2019 8.1.4.1): complexity and periodic change.
    "dengbao": {"min_length": 12, "min_classes": 3, "max_age_days": 90, "history_count": 5},
    # OWASP ASVS 4.0.3 V2.1: length over composition, no forced rotation.
    "asvs": {"min_length": 12, "min_classes": 0, "max_age_days": 0, "history_count": 0},
}


def forwards(apps, schema_editor):
    PasswordPolicy = apps.get_model("identity", "PasswordPolicy")
    for profile, values in DEFAULTS.items():
        PasswordPolicy.objects.get_or_create(profile=profile, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("identity", "0002_pii_organisations_passwords")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
