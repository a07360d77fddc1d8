"""Who is acting when no person is: background jobs and management commands.

Every Celery task runs inside a history context naming the task (connected in
`AuditConfig.ready`); a management command that changes tracked rows wraps its work in
`job_context("command name")`.
"""

import pghistory
from celery.signals import task_postrun, task_prerun

_OPEN: dict[str, pghistory.context] = {}


def job_context(name: str) -> pghistory.context:
    """The history context for a job: events it writes say `job: <name>`."""
    return pghistory.context(job=name)


@task_prerun.connect
def _enter_task_context(task_id=None, task=None, **_kwargs) -> None:
    context = job_context(f"task {task.name}" if task else "task")
    context.__enter__()
    _OPEN[task_id] = context


@task_postrun.connect
def _exit_task_context(task_id=None, **_kwargs) -> None:
    context = _OPEN.pop(task_id, None)
    if context is not None:
        context.__exit__(None, None, None)
