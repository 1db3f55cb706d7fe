"""A stored document version is never overwritten: the database refuses to change what
identifies its content (file, hash, size, owner, version chain). Derived columns (extracted
text, language, search vector, the `is_current` flag) may still be written."""

from django.db import migrations

CREATE = """
CREATE FUNCTION documents_content_immutable() RETURNS trigger AS $$
BEGIN
    IF (NEW.municipality_id, NEW.owner_type, NEW.owner_id, NEW.logical_id, NEW.version,
        NEW.previous_version_id, NEW.file_name, NEW.content_type, NEW.size_bytes, NEW.sha256,
        NEW.storage_backend, NEW.storage_key, NEW.created_at)
       IS DISTINCT FROM
       (OLD.municipality_id, OLD.owner_type, OLD.owner_id, OLD.logical_id, OLD.version,
        OLD.previous_version_id, OLD.file_name, OLD.content_type, OLD.size_bytes, OLD.sha256,
        OLD.storage_backend, OLD.storage_key, OLD.created_at)
    THEN
        RAISE EXCEPTION 'a stored document version is never changed; add a new version'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.is_current = FALSE AND NEW.is_current = TRUE THEN
        RAISE EXCEPTION 'an earlier document version cannot become current again'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER documents_content_immutable
    BEFORE UPDATE ON documents_document
    FOR EACH ROW EXECUTE FUNCTION documents_content_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS documents_content_immutable ON documents_document;
DROP FUNCTION IF EXISTS documents_content_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, reverse_sql=DROP)]
