"""E-mail sent in the background, so no reader or editor ever waits for, or sees, the mail server.

`send_epost.enqueue(til=[…], emne=…, tekst=…)` stores the message as a task in the database
(django.tasks with django_tasks_db's backend); a worker (`manage.py db_worker`: `make run` starts
one beside the server, deploy/bupkart-worker.service in production) sends it. When the mail
server cannot be reached the task logs a warning and puts itself back in the queue for later
(VENTETIDER), so a message waits out an outage of the mail server of up to a day; after the last
attempt it logs an error and gives up."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

# How long to wait before attempt 2, 3, …; attempt len(VENTETIDER) + 1 is the last.
VENTETIDER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
)


@task()
def send_epost(
    til: list[str], emne: str, tekst: str, forsok: int = 1, svar_til: list[str] | None = None
) -> int:
    """Sends one plain-text message; `forsok` counts the attempts (the task sets it when it
    retries). `svar_til` is the Reply-To (a reader who asked for an answer). Returns the number
    of messages sent: 1, or 0 when this attempt failed."""
    try:
        return EmailMessage(emne, tekst, to=til, reply_to=svar_til or None).send()
    except (smtplib.SMTPException, OSError) as feil:
        # Neither the addresses nor the text are logged: they may name the reader.
        if forsok > len(VENTETIDER):
            logger.error("E-post «%s» ikke sendt etter %d forsøk, gir opp: %r", emne, forsok, feil)
            return 0
        vent = VENTETIDER[forsok - 1]
        logger.warning("E-post «%s» ikke sendt (forsøk %d): %r; prøver igjen om %s", emne, forsok, feil, vent)
        send_epost.using(run_after=timezone.now() + vent).enqueue(
            til=til, emne=emne, tekst=tekst, forsok=forsok + 1, svar_til=svar_til
        )
        return 0
