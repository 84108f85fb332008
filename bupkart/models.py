from django.db import models


class Innhaldsversjon(models.Model):
    """One row (id 1, made by migration 0002): a token that changes whenever published content
    changes (bupkart.cache). Kept in the database so that every app server agrees on it,
    whatever cache each one uses."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "innhaldsversjon"
        verbose_name_plural = "innhaldsversjon"

    def __str__(self):
        return self.token
