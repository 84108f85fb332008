from django.db import models
from django.utils import timezone


class Omfangsversjon(models.Model):
    """A token per scope («felles», «hf:<id>», «k:<id>») that changes whenever content readers
    in that scope see changes (bupkart.cache). Kept in the database so that every app server
    agrees on it, whatever cache each one uses. A scope without a row has never changed."""

    nokkel = models.CharField(max_length=24, primary_key=True)
    token = models.CharField(max_length=32)
    # When the token last moved: the Last-Modified of what the read API answers (api/).
    endret = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "omfangsversjon"
        verbose_name_plural = "omfangsversjoner"

    def __str__(self):
        return f"{self.nokkel}: {self.token}"
