"""Submitted answers cannot change: not through save(), queryset.update() or raw SQL.

- evaluation_response and evaluation_answer: no UPDATE, no DELETE;
- evaluation_freetextcomment: no DELETE, and an UPDATE may change only whether the lead
  withholds it (is_withheld, withheld_by), never its text, prompt or campaign;
- evaluation_invitation: once has_responded is true it stays true.

(TRUNCATE, used to empty test databases, fires no row triggers.)
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION evaluation_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'submitted evaluation answers cannot be changed (% on %)',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER evaluation_response_immutable
    BEFORE UPDATE OR DELETE ON evaluation_response
    FOR EACH ROW EXECUTE FUNCTION evaluation_refuse_change();

CREATE TRIGGER evaluation_answer_immutable
    BEFORE UPDATE OR DELETE ON evaluation_answer
    FOR EACH ROW EXECUTE FUNCTION evaluation_refuse_change();

CREATE TRIGGER evaluation_freetextcomment_no_delete
    BEFORE DELETE ON evaluation_freetextcomment
    FOR EACH ROW EXECUTE FUNCTION evaluation_refuse_change();

CREATE TRIGGER evaluation_freetextcomment_text_fixed
    BEFORE UPDATE ON evaluation_freetextcomment
    FOR EACH ROW
    WHEN (OLD.text IS DISTINCT FROM NEW.text
          OR OLD.prompt IS DISTINCT FROM NEW.prompt
          OR OLD.campaign_id IS DISTINCT FROM NEW.campaign_id
          OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
          OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION evaluation_refuse_change();

CREATE TRIGGER evaluation_invitation_response_kept
    BEFORE UPDATE ON evaluation_invitation
    FOR EACH ROW
    WHEN (OLD.has_responded AND NOT NEW.has_responded)
    EXECUTE FUNCTION evaluation_refuse_change();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS evaluation_invitation_response_kept ON evaluation_invitation;
DROP TRIGGER IF EXISTS evaluation_freetextcomment_text_fixed ON evaluation_freetextcomment;
DROP TRIGGER IF EXISTS evaluation_freetextcomment_no_delete ON evaluation_freetextcomment;
DROP TRIGGER IF EXISTS evaluation_answer_immutable ON evaluation_answer;
DROP TRIGGER IF EXISTS evaluation_response_immutable ON evaluation_response;
DROP FUNCTION IF EXISTS evaluation_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
