"""The guide to taking the model into use: four phases, each with its steps, in both målformer
(written for this portal), and for each step the part of the portal that does it. The steps are
data in code, not rows: a helsefellesskap's progress names a step by its slug."""

from dataclasses import dataclass

from bupkart.malform import aktiv_malform


@dataclass(frozen=True)
class Steg:
    slug: str
    namn_nb: str
    namn_nn: str
    gjer_nb: str
    gjer_nn: str
    lenke: str = ""  # a path of the portal, or #anchor on the guide; «{hf}» is the helsefellesskap's slug

    @property
    def namn(self):
        return self.namn_nn if aktiv_malform() == "nn" else self.namn_nb

    @property
    def gjer(self):
        return self.gjer_nn if aktiv_malform() == "nn" else self.gjer_nb

    def adresse(self, hf_slug=None):
        if "{hf}" in self.lenke:
            return self.lenke.format(hf=hf_slug) if hf_slug else ""
        return self.lenke


@dataclass(frozen=True)
class Fase:
    nummer: int
    namn_nb: str
    namn_nn: str
    steg: tuple[Steg, ...]

    @property
    def namn(self):
        return self.namn_nn if aktiv_malform() == "nn" else self.namn_nb


FASAR = (
    Fase(
        1,
        "Avklare behov og etablere prosjekt",
        "Avklare behov og etablere prosjekt",
        (
            Steg(
                "utfordringsbilde",
                "Kartlegg det lokale utfordringsbildet",
                "Kartlegg det lokale utfordringsbiletet",
                "Se på henvisninger, avslag og ventetid i kommunene deres, og på hvor samarbeidet stopper opp i dag.",
                "Sjå på tilvisingar, avslag og ventetid i kommunane dykkar, og på kvar samarbeidet stoppar opp i dag.",
                "/tal/",
            ),
            Steg(
                "mal",
                "Formuler målet",
                "Formuler målet",
                "Skriv kort hva dere vil oppnå, slik at dere senere kan se om dere kom dit.",
                "Skriv kort kva de vil oppnå, slik at de seinare kan sjå om de kom dit.",
            ),
            Steg(
                "styringsgruppe",
                "Sett ned en styringsgruppe",
                "Set ned ei styringsgruppe",
                "Ledere fra kommunene og BUP som kan ta avgjørelser, med en prosjektleder som holder i arbeidet.",
                "Leiarar frå kommunane og BUP som kan ta avgjerder, med ein prosjektleiar som held i arbeidet.",
            ),
            Steg(
                "felles-tekst",
                "Hent inn felles tekst",
                "Hent inn felles tekst",
                "Forvalteren lager helsefellesskapet og laster inn felles tekst fra en bundle; dere tilpasser bare det som må være ulikt.",
                "Forvaltaren lagar helsefellesskapet og lastar inn felles tekst frå ein bundle; de tilpassar berre det som må vere ulikt.",
                # No page of the portal does it (import_innhold is a command): the guide says how.
                "#hent-felles-tekst",
            ),
            Steg(
                "laere-av-andre",
                "Lær av andre",
                "Lær av andre",
                "Snakk med et helsefellesskap som har tatt forløpene i bruk, og se hva de har endret.",
                "Snakk med eit helsefellesskap som har teke forløpa i bruk, og sjå kva dei har endra.",
                "/endringer/",
            ),
        ),
    ),
    Fase(
        2,
        "Forankre og kommunisere",
        "Forankre og kommunisere",
        (
            Steg(
                "forankre",
                "Forankre i helsefellesskapet",
                "Forankre i helsefellesskapet",
                "Legg planen fram for faglig samarbeidsutvalg og partnerskapsmøtet, så arbeidet har et mandat.",
                "Legg planen fram for fagleg samarbeidsutval og partnarskapsmøtet, så arbeidet har eit mandat.",
            ),
            Steg(
                "involvere",
                "Involver brukere og ledere",
                "Involver brukarar og leiarar",
                "Ta med ungdom, foreldre og ledere i tjenestene tidlig, så forløpene svarer på det de trenger.",
                "Ta med ungdom, foreldre og leiarar i tenestene tidleg, så forløpa svarar på det dei treng.",
            ),
            Steg(
                "nettverk",
                "Bygg et nettverk av ressurspersoner",
                "Bygg eit nettverk av ressurspersonar",
                "Hver kommune og BUP-enhet peker ut kontaktpersoner som sprer forløpene og svarer kollegaer.",
                "Kvar kommune og BUP-eining peikar ut kontaktpersonar som spreier forløpa og svarar kollegaer.",
                "/nettverk/{hf}/",
            ),
        ),
    ),
    Fase(
        3,
        "Bli kjent med samhandlingsforløpene",
        "Bli kjend med samhandlingsforløpa",
        (
            Steg(
                "samhandlingsdager",
                "Hold samhandlingsdager",
                "Hald samhandlingsdagar",
                "Fagfolk fra kommune og BUP går gjennom et forløp sammen, gjerne med en kasus fra øvingsverktøyet.",
                "Fagfolk frå kommune og BUP går gjennom eit forløp saman, gjerne med ein kasus frå øvingsverktøyet.",
                "/oving/",
            ),
            Steg(
                "arbeidssamlinger",
                "Hold arbeidssamlinger",
                "Hald arbeidssamlingar",
                "Gå gjennom tekstene seksjon for seksjon og bestem hva som må tilpasses lokalt. Send endringene på høring.",
                "Gå gjennom tekstane seksjon for seksjon og avgjer kva som må tilpassast lokalt. Send endringane på høyring.",
                "/hoyring/",
            ),
        ),
    ),
    Fase(
        4,
        "Ta i bruk samhandlingsforløpene",
        "Ta i bruk samhandlingsforløpa",
        (
            Steg(
                "tenestekart",
                "Lag kart over tjenestene",
                "Lag kart over tenestene",
                "Hver kommune legger inn sine lokale tilbud og kontakter, så kartet svarer på «hvem ringer jeg?».",
                "Kvar kommune legg inn sine lokale tilbod og kontaktar, så kartet svarar på «kven ringjer eg?».",
                "/kommune/sok/",
            ),
            Steg(
                "gevinst",
                "Følg med på gevinstene",
                "Følg med på gevinstane",
                "Følg avslagsprosent og ventetid over tid, og se dem mot datoen dere tok forløpene i bruk.",
                "Følg avslagsprosent og ventetid over tid, og sjå dei mot datoen de tok forløpa i bruk.",
                "/tal/",
            ),
        ),
    ),
)

STEG = {s.slug: s for fase in FASAR for s in fase.steg}
