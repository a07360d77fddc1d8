"""Every write to cases goes through these functions (STYLE.md: writes in one place)."""

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from agencies.models import Agency, Membership, Role, User

from .case_import import parse_case_csv
from .models import (
    Case,
    CaseCategoryChange,
    CaseImport,
    CaseImportStatus,
)


def normalise_initials(value: str) -> str:
    """'j.s.' → 'JS': initials only, letters in capitals."""
    return "".join(ch for ch in value.upper() if ch.isalpha())


def _check_practitioner(agency: Agency, practitioner: User | None) -> None:
    if practitioner is None:
        return
    is_member = (
        Membership.objects.active()
        .filter(agency=agency, user=practitioner)
        .with_role(Role.PRACTITIONER)
        .exists()
    )
    if not is_member:
        raise ValidationError({"allocated_practitioner": "Choose a practitioner of this agency."})


def _check_meeting(next_meeting_type: str, next_meeting_on: date | None) -> None:
    if next_meeting_type and next_meeting_on is None:
        raise ValidationError({"next_meeting_on": "Enter the date of the next statutory meeting"})
    if next_meeting_on is not None and not next_meeting_type:
        raise ValidationError(
            {"next_meeting_type": "Select the type of the next statutory meeting"}
        )


def _record_category(
    *, case: Case, from_category: str, by: User | None, on: date, source: str
) -> None:
    CaseCategoryChange.objects.create(
        agency_id=case.agency_id,
        case=case,
        from_category=from_category,
        to_category=case.category,
        changed_on=on,
        changed_by=by,
        source=source,
    )


@transaction.atomic
def create_case(
    *,
    agency: Agency,
    by: User | None,
    reference: str,
    initials: str,
    year_of_birth: int,
    category: str,
    allocated_practitioner: User | None = None,
    next_meeting_type: str = "",
    next_meeting_on: date | None = None,
    source: str = "manual",
) -> Case:
    """Add a case to the agency. The first category starts the category history."""
    reference = reference.strip()
    if Case.objects.filter(agency=agency, reference__iexact=reference).exists():
        raise ValidationError({"reference": "This agency already has a case with that reference."})
    _check_practitioner(agency, allocated_practitioner)
    _check_meeting(next_meeting_type, next_meeting_on)
    case = Case(
        agency=agency,
        reference=reference,
        initials=normalise_initials(initials),
        year_of_birth=year_of_birth,
        category=category,
        allocated_practitioner=allocated_practitioner,
        next_meeting_type=next_meeting_type,
        next_meeting_on=next_meeting_on,
    )
    case.full_clean(exclude=["agency", "allocated_practitioner"])
    case.save()
    _record_category(case=case, from_category="", by=by, on=timezone.localdate(), source=source)
    return case


@transaction.atomic
def update_case(
    *,
    case: Case,
    by: User | None,
    initials: str,
    year_of_birth: int,
    category: str,
    allocated_practitioner: User | None,
    next_meeting_type: str,
    next_meeting_on: date | None,
    source: str = "manual",
) -> Case:
    """Change a case. A change of category is added to the case's category history."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_practitioner(case.agency, allocated_practitioner)
    _check_meeting(next_meeting_type, next_meeting_on)
    previous_category = case.category
    case.initials = normalise_initials(initials)
    case.year_of_birth = year_of_birth
    case.category = category
    case.allocated_practitioner = allocated_practitioner
    case.next_meeting_type = next_meeting_type
    case.next_meeting_on = next_meeting_on
    case.full_clean(exclude=["agency", "allocated_practitioner", "reference"])
    case.save()
    if previous_category != category:
        _record_category(
            case=case,
            from_category=previous_category,
            by=by,
            on=timezone.localdate(),
            source=source,
        )
    return case


def mark_cases_discussed(*, agency: Agency, case_ids: Iterable[UUID], on: date) -> int:
    """Move each case's "last discussed" date forward to `on` (never backwards), in one
    update. Called when a session record that discussed them is signed."""
    return (
        Case.objects.filter(agency=agency, id__in=list(case_ids))
        .filter(Q(last_discussed_on__isnull=True) | Q(last_discussed_on__lt=on))
        .update(last_discussed_on=Greatest(F("last_discussed_on"), on))
    )


# --- Import from the case management system's CSV export ------------------------------


@transaction.atomic
def preview_case_import(
    *, agency: Agency, uploaded_by: User, filename: str, content: bytes
) -> CaseImport:
    """Parse and check an uploaded CSV without changing any case. Keeps only the recognised
    columns, already cleaned, with every row's errors, for the person to confirm."""
    practitioners = {
        email.lower(): user_id
        for email, user_id in Membership.objects.active()
        .filter(agency=agency)
        .with_role(Role.PRACTITIONER)
        .values_list("user__email", "user_id")
    }
    existing = {
        ref.lower(): ref
        for ref in Case.objects.filter(agency=agency).values_list("reference", flat=True)
    }
    parsed = parse_case_csv(content, practitioner_ids=practitioners, existing_references=existing)
    return CaseImport.objects.create(
        agency=agency,
        uploaded_by=uploaded_by,
        filename=filename[:200],
        rows=parsed.rows,
        errors=parsed.errors,
        ignored_columns=parsed.ignored_columns,
    )


@transaction.atomic
def apply_case_import(*, case_import: CaseImport, by: User) -> CaseImport:
    """Create or update every case of a checked import, or none: any error (found at
    preview or now) rolls the whole import back. Two confirmations of the same import
    apply it once (the status is claimed with a conditional update)."""
    claimed = CaseImport.objects.filter(
        pk=case_import.pk, status=CaseImportStatus.PREVIEWED, errors=[]
    ).update(status=CaseImportStatus.IMPORTED, imported_at=timezone.now())
    if claimed != 1:
        raise ValidationError(
            "This import has already been used or has errors. Upload the file again."
        )
    case_import.refresh_from_db()
    agency = case_import.agency
    practitioners = {
        u.id: u
        for u in User.objects.filter(
            id__in=[
                r["allocated_practitioner_id"]
                for r in case_import.rows
                if r["allocated_practitioner_id"]
            ]
        )
    }
    existing = {
        c.reference.lower(): c
        for c in Case.objects.select_for_update().filter(
            agency=agency, reference__in=[r["reference"] for r in case_import.rows]
        )
    }
    created = updated = 0
    for number, row in enumerate(case_import.rows, start=2):
        practitioner = (
            practitioners.get(UUID(row["allocated_practitioner_id"]))
            if row["allocated_practitioner_id"]
            else None
        )
        meeting_on = date.fromisoformat(row["next_meeting_on"]) if row["next_meeting_on"] else None
        fields = {
            "by": by,
            "initials": row["initials"],
            "year_of_birth": row["year_of_birth"],
            "category": row["category"],
            "allocated_practitioner": practitioner,
            "next_meeting_type": row["next_meeting_type"],
            "next_meeting_on": meeting_on,
            "source": "import",
        }
        try:
            case = existing.get(row["reference"].lower())
            if case is None:
                create_case(agency=agency, reference=row["reference"], **fields)
                created += 1
            else:
                update_case(case=case, **fields)
                updated += 1
        except ValidationError as exc:
            raise ValidationError(
                f"Row {row.get('line', number)}: {'; '.join(exc.messages)}"
            ) from exc
    case_import.created_count = created
    case_import.updated_count = updated
    case_import.save(update_fields=["created_count", "updated_count"])
    return case_import


@transaction.atomic
def discard_case_import(*, case_import: CaseImport) -> None:
    """Throw a previewed import away; its rows are cleared so nothing lingers."""
    CaseImport.objects.filter(pk=case_import.pk, status=CaseImportStatus.PREVIEWED).update(
        status=CaseImportStatus.DISCARDED, rows=[], errors=[]
    )
