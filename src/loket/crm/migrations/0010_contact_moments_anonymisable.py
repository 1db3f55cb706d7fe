"""Contact moments let the retention job's anonymisation through (loket.core.history), and
keep the one exception of 0003_inbound_mail: an e-mail contact moment recorded before its
sender was known gets its resident once."""

from django.db import migrations

from loket.core.history import append_only_anonymisable

LINK_ONCE = """
    IF TG_OP = 'UPDATE' AND OLD.person_id IS NULL AND NEW.person_id IS NOT NULL
       AND OLD.organisation_id IS NULL
       AND (to_jsonb(NEW) - 'person_id') = (to_jsonb(OLD) - 'person_id') THEN
        RETURN NEW;
    END IF;
"""


class Migration(migrations.Migration):
    dependencies = [("crm", "0009_knowledge_article_versions")]
    operations = [
        append_only_anonymisable(function="crm_contactmoment_append_only", also_allowed=LINK_ONCE)
    ]
