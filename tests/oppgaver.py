"""Runs the queued background tasks in the test's own process, with django_tasks_db's worker
(the code `manage.py db_worker` runs), as if the clock stood `fram` ahead: a task put back in
the queue for later (bupkart.varsling's retries) runs once its time has come. The worker's
close_old_connections is left out: between requests it drops a connection older than
CONN_MAX_AGE, and here it would close the one holding the test's transaction."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def kjor_oppgaver(fram: timedelta = timedelta(0)) -> int:
    """Runs every task that is due `fram` from now, then returns how many ran."""
    for_ = DBTaskResult.objects.finished().count()
    na = timezone.now() + fram
    arbeider = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    with (
        mock.patch("django.utils.timezone.now", return_value=na),
        mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"),
    ):
        arbeider.run()
    return DBTaskResult.objects.finished().count() - for_
