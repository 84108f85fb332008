from django.db import models
from django.utils.translation import gettext_lazy as _

from bupkart.fnr import avvis_fodselsnummer
from bupkart.malform import Malform
from bupkart.signaler import Innhold


class Synonymtype(models.TextChoices):
    MALFORM = "malform", _("Bokmål/nynorsk")
    HVERDAGSORD = "hverdagsord", _("Hverdagsord og fagord")


class Synonym(Innhold, models.Model):
    """Words that mean the same to a searcher. A query word that equals any of them also
    searches for the others; with a forløp, the word also leads to that forløp. Felles
    content: a change moves the felles version, which the search's lookup is cached under."""

    type = models.CharField(
        _("type"), max_length=20, choices=Synonymtype.choices, default=Synonymtype.MALFORM
    )
    ord = models.CharField(
        _("ord"),
        max_length=80,
        help_text=_("For eksempel «skole» eller «ADHD»."),
        validators=[avvis_fodselsnummer],
    )
    synonymer = models.CharField(
        _("synonymer"),
        max_length=500,
        help_text=_("Skilt med komma, for eksempel «skule, skolen, skulen»."),
        validators=[avvis_fodselsnummer],
    )
    forlop = models.ForeignKey(
        "forlop.Forlop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leder til forløp"),
        help_text=_("Valgfritt: forløpet dette ordet skal føre til."),
    )

    class Meta:
        ordering = ["ord"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonymer")
        constraints = [models.UniqueConstraint(fields=["ord"], name="synonym_ord_unikt")]

    def __str__(self):
        return f"{self.ord} → {self.synonymer}"

    def ordene(self):
        """All the words of the entry, lower case, the head word first."""
        ord_ = [self.ord, *self.synonymer.split(",")]
        sett, ut = set(), []
        for o in ord_:
            o = " ".join(o.lower().split())
            if o and o not in sett:
                sett.add(o)
                ut.append(o)
        return ut


class Slag(models.TextChoices):
    """What a search result is; also the groups on the result page, in this order on ties."""

    FORLOP = "forlop", _("Forløp")
    SEKSJON = "seksjon", _("Tjenester i forløp")
    FAMILIE = "familie", _("For foreldre og unge")
    SJEKKLISTE = "sjekkliste", _("Sjekklister for henvisning")
    TJENESTE = "tjeneste", _("Tjenester")
    TILBUD = "tilbud", _("Lokale tilbud")
    KOMMUNE = "kommune", _("Kommuner")


class Dokument(models.Model):
    """One searchable thing, denormalised: rebuilt by sok.indeks.bygg() and kept fresh by
    signals. Texts are indexed per Tekst (every scope and målform that is published); the
    search decides with forlop.resolution which of them a reader may see."""

    slag = models.CharField(max_length=12, choices=Slag.choices)
    tittel = models.CharField(max_length=300)
    tekst = models.TextField(blank=True)  # plain text, HTML stripped
    kontekst = models.CharField(max_length=300, blank=True)  # shown under the title
    url = models.CharField(max_length=300)
    anker = models.CharField(max_length=140, blank=True)
    malform = models.CharField(max_length=2, choices=Malform.choices)
    forlop = models.ForeignKey("forlop.Forlop", on_delete=models.CASCADE, null=True, related_name="+")
    tjeneste = models.ForeignKey("tjenester.Tjeneste", on_delete=models.CASCADE, null=True, related_name="+")
    kilde = models.ForeignKey("forlop.Tekst", on_delete=models.CASCADE, null=True, related_name="+")
    tilbud = models.ForeignKey(
        "tjenester.LokaltTilbud", on_delete=models.CASCADE, null=True, related_name="+"
    )
    tekstdel = models.CharField(max_length=20, blank=True)
    helsefellesskap = models.ForeignKey(
        "tjenester.Helsefellesskap", on_delete=models.CASCADE, null=True, related_name="+"
    )
    kommune = models.ForeignKey("tjenester.Kommune", on_delete=models.CASCADE, null=True, related_name="+")
    # The kommune whose map the document is. Not `kommune`: that is the document's scope, and a
    # kommune's map is there for every reader.
    kartkommune = models.ForeignKey(
        "tjenester.Kommune", on_delete=models.CASCADE, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("søkedokument")
        verbose_name_plural = _("søkedokumenter")
        indexes = [models.Index(fields=["slag", "forlop"], name="sok_dok_slag_forlop")]

    def __str__(self):
        return f"{self.slag}: {self.tittel}"

    @property
    def lenke(self):
        return f"{self.url}#{self.anker}" if self.anker else self.url


class Ord(models.Model):
    """A word of the index (titles, contexts, texts and synonyms), lower case: the vocabulary a
    misspelt query word is held against (sok.motor.rett_opp). Rebuilt by sok.indeks.bygg();
    between rebuilds the words of every new document are added, none removed, so a word an
    editor deleted may still be offered until the next rebuild (it then finds nothing new)."""

    ord = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("søkeord")
        verbose_name_plural = _("søkeord")

    def __str__(self):
        return self.ord
