from django.conf import settings
from django.db import migrations


def create_head_and_triggers(apps, schema_editor):
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditChainHead.objects.get_or_create(pk=1)
    if getattr(settings, "ZWFW_AUDIT_DB_TRIGGERS", True):
        from zwfw.core.audit_chain import append_only_triggers_install

        append_only_triggers_install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    from zwfw.core.audit_chain import append_only_triggers_remove

    append_only_triggers_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_head_and_triggers, remove_triggers)]
