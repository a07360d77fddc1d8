"""Cases: the children (or sibling groups) known to an agency, and how their category changed.

Data minimisation (DESIGN.md, Confidentiality model): a child is identified by the agency's
case reference, initials and year of birth only, never a name or a full date of birth.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from agencies.models import Agency, User

# Initials only: one to four capital letters (a sibling group may use "AB+2" in the
# reference, never in the initials).
INITIALS_PATTERN = r"^[A-Z]{1,4}$"
EARLIEST_YEAR_OF_BIRTH = 1990


class CaseCategory(models.TextChoices):
    """The spectrum of support under the Children Act 1989 (seed 002, guiding principle 1)."""

    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need (s17)"
    CHILD_PROTECTION = "child_protection", "Child protection (s47, CP plan)"
    CHILD_LOOKED_AFTER = "child_looked_after", "Child looked after"
    CLOSED = "closed", "Closed"


class StatutoryMeeting(models.TextChoices):
    """The next statutory meeting a supervision discussion should come before (seed 002, aim 4)."""

    CIN_REVIEW = "cin_review", "Child in need review"
    CORE_GROUP = "core_group", "Core group"
    INITIAL_CONFERENCE = "initial_conference", "Initial child protection conference"
    REVIEW_CONFERENCE = "review_conference", "Review child protection conference"


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(category=CaseCategory.CLOSED)

    def child_in_need(self):
        return self.filter(category=CaseCategory.CHILD_IN_NEED)


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(
        "Case reference",
        max_length=40,
        help_text="The reference in your agency's case management system.",
    )
    initials = models.CharField(
        max_length=4,
        validators=[RegexValidator(INITIALS_PATTERN, "Enter initials only, like JS")],
    )
    year_of_birth = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST_YEAR_OF_BIRTH), MaxValueValidator(2100)]
    )
    category = models.CharField(max_length=24, choices=CaseCategory.choices)
    allocated_practitioner = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_cases",
    )
    next_meeting_type = models.CharField(
        "Next statutory meeting", max_length=24, choices=StatutoryMeeting.choices, blank=True
    )
    next_meeting_on = models.DateField("Date of the next statutory meeting", null=True, blank=True)
    # Set by recording.services when a record that discussed the case is signed.
    last_discussed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reference"], name="case_reference_unique"),
            models.CheckConstraint(
                condition=Q(initials__regex=INITIALS_PATTERN), name="case_initials_only"
            ),
            models.CheckConstraint(
                condition=Q(year_of_birth__gte=EARLIEST_YEAR_OF_BIRTH, year_of_birth__lte=2100),
                name="case_year_of_birth_range",
            ),
            # A meeting has a date and a date has a meeting, or neither is known.
            models.CheckConstraint(
                condition=Q(next_meeting_type="", next_meeting_on__isnull=True)
                | (~Q(next_meeting_type="") & Q(next_meeting_on__isnull=False)),
                name="case_next_meeting_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "allocated_practitioner"]),
            models.Index(fields=["agency", "category"]),
            models.Index(fields=["agency", "next_meeting_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.initials}, {self.year_of_birth})"

    @property
    def is_open(self) -> bool:
        return self.category != CaseCategory.CLOSED


class CaseCategoryChange(models.Model):
    """One change of a case's category, kept so the history reads as it happened."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="category_changes")
    from_category = models.CharField(max_length=24, choices=CaseCategory.choices, blank=True)
    to_category = models.CharField(max_length=24, choices=CaseCategory.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=16, choices=[("manual", "Changed in SPR"), ("import", "Imported")]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-created_at"]
        indexes = [models.Index(fields=["agency", "case", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.from_category or '-'} → {self.to_category}"


class CaseImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed"
    IMPORTED = "imported", "Imported"
    DISCARDED = "discarded", "Discarded"


class CaseImport(models.Model):
    """An uploaded CSV, parsed and checked, waiting to be confirmed (all rows or none).

    Only the recognised columns are kept (`rows`, already cleaned); any other column of the
    export, such as a name or a full date of birth, is dropped before anything is stored.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="case_imports")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    ignored_columns = models.JSONField(default=list)
    status = models.CharField(
        max_length=16, choices=CaseImportStatus.choices, default=CaseImportStatus.PREVIEWED
    )
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["agency", "created_at"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def can_import(self) -> bool:
        return self.status == CaseImportStatus.PREVIEWED and not self.errors and bool(self.rows)
