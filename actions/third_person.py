"""An answer about someone else's licence speaks of that person (testers T3/T5 c15).

A parent asks for a child ("mon fils a eu un excès…", "ma fille vient d'avoir son permis…"): the computed answer,
written to the licence holder ("votre solde", "vous avez"), is said of the person the story is about ("son solde",
"il a"). `subject_person` reads who the latest message telling whose licence it is names;
`about_the_person` rewrites an answer's second person (the licence holder's possessives, the frequent verbs and
the object forms) and leaves any other "vous" to the parent. The hook is the answers' common dispatcher
(`actions.reminders.reminding`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rasa_sdk import Tracker

from bot.nlu.fact_parsing import fold


@dataclass(frozen=True)
class Person:
    noun: str  # "fils", as in "votre fils"
    feminine: bool

    @property
    def pronoun(self) -> str:
        return "elle" if self.feminine else "il"


_MASCULINE = ("fils", "garcon", "gamin", "mari", "epoux", "conjoint", "compagnon", "copain", "frere", "pere",
              "neveu", "petit-fils", "enfant", "ado", "beau-fils", "ami", "pote", "collegue", "voisin", "cousin",
              # a driving school's or a lawyer's: "une cliente a son permis depuis…", "mon élève a eu…" (T9 c10)
              "client", "eleve", "candidat", "stagiaire", "salarie",
              # the familiar words and the rest of the family (helper h21: "mon mec a perdu 3 points…")
              "mec", "homme", "cheri", "petit ami", "petit copain", "oncle", "grand-pere", "beau-pere", "beau-frere",
              "patron", "employe", "associe", "chauffeur")
_FEMININE = ("fille", "gamine", "femme", "epouse", "conjointe", "compagne", "copine", "soeur", "mere", "niece",
             "petite-fille", "belle-fille", "amie", "voisine", "cousine", "cliente", "candidate", "salariee",
             "meuf", "nana", "cherie", "petite amie", "petite copine", "tante", "grand-mere", "belle-mere",
             "belle-soeur", "patronne", "employee", "associee")
# the same word for both: the determiner tells ("une élève", "ma stagiaire")
_EITHER = ("eleve", "stagiaire", "collegue", "enfant", "ado")
_WRITTEN = {"garcon": "garçon", "epoux": "époux", "epouse": "épouse", "frere": "frère", "pere": "père",
            "soeur": "sœur", "mere": "mère", "niece": "nièce", "collegue": "collègue", "eleve": "élève",
            "salarie": "salarié", "salariee": "salariée", "cheri": "chéri", "cherie": "chérie",
            "grand-pere": "grand-père", "grand-mere": "grand-mère", "beau-pere": "beau-père", "belle-mere": "belle-mère",
            "beau-frere": "beau-frère", "belle-soeur": "belle-sœur", "employe": "employé", "employee": "employée",
            "associe": "associé", "associee": "associée"}
_PERSON = r"(" + "|".join(sorted(_MASCULINE + _FEMININE, key=len, reverse=True)) + r")"
# the person is the one whose licence the story tells: "mon fils a eu…", "ma fille vient d'avoir son permis", "le
# permis de mon fils", "pour ma fille", "mon fils (18 ans) est en probatoire"
# "un ami", "une collègue": someone else named without a possessive (not "un enfant", a passenger)
_SOMEONE = (r"(?:un|une)(?=\s+(?:(?:ancien|ancienne|ex|jeune)[- ]\s*)?(?:ami|amie|pote|collegue|voisin|voisine|cousin"
            r"|cousine|client|cliente|eleve|candidat|candidate|stagiaire|salarie|salariee|employe|employee)\b)")
# "un ancien élève", "mon ex-employé", "une jeune conductrice de ma flotte": a word before the noun (T17 c37)
# ("un de nos anciens élèves", T26 c01: the plural after "un de nos")
_BEFORE_THE_NOUN = r"(?:(?:anciens?|anciennes?|ex|jeunes?|nouvel|nouveaux?|nouvelles?)[- ]\s*)?"
# "un de mes salariés", "l'une de nos employées": one of the user's staff or pupils (T17 c07, c37)
_ONE_OF = r"(?:l'\s?)?(?:un|une)\s+de\s+(?:mes|nos)"
# "c'est ma femme qui gère les papiers", "c'est mon père qui a payé l'amende": who handles the user's papers or fine,
# not whose licence it is (folded)
_HANDLES_THE_PAPERS = (r"(?!\s+qui\s+(?:(?:gere|s'?\s?occupe\s+(?:de|des|du)|garde|range|ouvre|a)\s+(?:tous\s+|toutes\s+)?"
                       r"(?:(?:les|des|nos|mes|le|la|l')\s*)?(?:papiers|paperasse|courriers?|comptes|factures|amendes?|pv)\b"
                       r"|(?:a\s+)?(?:paye|paie|regle)\b))")
_PERSON_S_LICENCE = re.compile(
    r"\b(?:mon|ma|notre|" + _SOMEONE + r"|" + _ONE_OF + r")\s+" + _BEFORE_THE_NOUN + _PERSON + r"s?\b(?:\s*\([^)]*\))?(?:\s+(?:de\s+)?\d+\s*ans)?,?\s+"
    r"(?:a|avait|aura|vient|venait|est|etait|sera|va|allait|doit|devra|peut|pourra|s'est|se\s+fait|s'?\s?est\s+fait|"
    r"a\s+ete|n'a|ne|il|elle|vient|roule|conduit|conduisait|passe|recoit|recu|"
    # a support agent's or a parent's report: "un client me demande s'il peut…", "ma fille voudrait savoir…" (T12 c27)
    # ("un ami m'a dit que…" relays what someone said: not whose licence it is)
    r"(?:me|nous|se)\s+demande|demande|voudrait|veut|souhaite|aimerait|hesite)\b"
    # ("mon collègue a tort pour les 6 mois ?", "ma mère a dit…": what someone thinks or said, not whose licence; T32 c09)
    r"(?!\s+(?:tort|raison|dit|lu|entendu|explique|conseille|parle|affirme|pretend)\b)"
    r"|\b(?:permis|points|solde)\s+(?:de|d')\s*(?:mon|ma|notre|" + _SOMEONE + r")\s+" + _PERSON + r"\b"
    # "pour un client : il a été flashé…", "pour le compte de mon fils" (T26 c04, c06, c11)
    r"|\bpour\s+(?:le\s+compte\s+(?:de\s+|d'\s?))?(?:mon|ma|notre|" + _SOMEONE + r")\s+" + _BEFORE_THE_NOUN + _PERSON
    + r"\b"
    # "c'est pas moi c'est mon élève !", "c'est pour ma fille" (T26 c01)
    r"|\bc'?\s?est\s+(?:pour\s+)?(?:mon|ma|notre)\s+" + _BEFORE_THE_NOUN + _PERSON + r"\b"
    # ("donc c'est mon fils qui a raison ?": who is right, not whose licence; T55 c20)
    r"(?!\s+qui\s+(?:a|avait|aurait)\s+(?:tort|raison)\b)"
    # (not "c'est ma femme qui gère les papiers", "c'est mon père qui a payé": who handles the user's fine, T57 c26)
    + _HANDLES_THE_PAPERS +
    # "et mon fils ?", "et pour ma fille ?" after an answer: that person's licence asked about next (T27 c34)
    # ("et son frère, permis classique obtenu le même jour ?" after the daughter's: her brother's, T57 c13)
    r"|(?:^|[.!?]\s)\W*et\s+(?:de\s+|pour\s+)?(?:mon|ma|notre|son|sa|leur)\s+" + _PERSON + r"\b(?=\s*(?:\?|,|alors|lui|elle|$))"
    # "je vous écris de la part de ma mère qui n'est pas à l'aise avec internet. Elle a le permis depuis 1985" (T20 c10)
    r"|\b(?:de la part|a la place)\s+de\s+(?:mon|ma|notre)\s+" + _PERSON + r"\b")
# the user's own licence again: "et moi ?", "pour moi", "mon propre permis", "j'ai eu mon permis"
_OWN_LICENCE = re.compile(r"\bet moi\b|\bpour moi\b|\bmon propre permis\b|\bmoi[- ]meme\b|\bmon permis\b"
                          r"|\bj'?\s?ai (?:eu|perdu|recu|fait|pris)\b|\bje suis (?:en|jeune)\b")


# in the same message, the user's own licence: "c'est mon père qui a payé l'amende sans me désigner, je perds des
# points ?"
_OWN_LICENCE_TOO = re.compile(r"\bje (?:perds|perdrai|vais perdre|recupere|recupererai|risque)\b|\bj'?\s?ai perdu\b"
                              r"|\bmes points\b|\bmon solde\b|\bme designer\b|\bmon propre permis\b"
                              # "c'est mon père qui a payé l'amende, le remboursement après mon stage…"
                              r"|\bmon stage\b")


# someone named anywhere in the message ("un élève de l'auto-école", "mon client qui est…", "ma fille, qui a…")
_SOMEONE_NAMED = re.compile(r"\b(?:mon|ma|notre|nos|mes|" + _SOMEONE + r"|" + _ONE_OF + r")\s+" + _BEFORE_THE_NOUN
                            + _PERSON + r"s?\b")
# ... or by a title and a name, in the message as written: "Mme Dupont, 12 points, a fait…", "ma cliente Mme Leroy"
# (not "Madame, Monsieur," at the head of a letter)
_TITLED = re.compile(r"\b(?:(?P<her>Mme|Madame|Mlle|Mademoiselle)|M\.|Monsieur|Mr)\s+(?!Monsieur\b|Madame\b)"
                     r"[A-ZÀ-Ý][\w'-]+")
# ... whose story the message tells in the third person: "il a reçu une 48N", "Il s'est fait flasher", "elle récupère"
# (not "il y a deux ans", "il faut")
_TOLD_IN_THE_THIRD_PERSON = re.compile(
    r"\b(?:il|elle)\s+(?:ne\s+|n'\s?)?(?:l'\s?|en\s+|s'\s?|se\s+|lui\s+)?"
    r"(?:a|avait|aura|aurait|est|etait|sera|serait|vient|venait|va|allait|doit|devait|devra|peut|pouvait|pourra|"
    r"roule|roulait|conduit|conduisait|perd|perdra|recupere|recuperera|garde|gardera|risque|passe|recoit|fait|fera|"
    r"paie|paye|veut|voudrait|souhaite|aimerait|remonte|retrouve|retrouvera)\b")
# the user says whose parent they are, the child named: "je suis la mère d'Inès", "je suis le papa de Lucas" (folded)
_PARENT_OF = re.compile(r"\bje suis (?:la |le )?(?:mere|pere|maman|papa|tuteur|tutrice|grand-mere|grand-pere|parent)"
                        r"\s+(?:de\s+|d'\s?)(?!mon\b|ma\b|un\b|une\b|la\b|le\b|l'|famille\b)[a-z]")
# a passenger of the user's, not whose licence: "ma fille était passagère, elle avait pas sa ceinture"
_A_PASSENGER = re.compile(r"\bpassag")


def _person_of(noun: str, named: str, told: str = "") -> Person:
    """The person a noun names, its gender from the noun, or from its determiner when the noun has both
    ("une élève", "une de nos anciennes élèves", "ma stagiaire"), else ("mon élève", "l'élève", "mon enfant") from
    the pronoun the user says of that person in `told`, the messages from the one naming the person on (folded): "mon
    élève a eu son permis, elle a…" (tester T58 c30 got "A-t-il commis…" of "une de nos anciennes élèves")."""
    written = _WRITTEN.get(noun, noun)
    if noun not in _EITHER:
        return Person(written, noun in _FEMININE)
    noun_said = re.escape(noun) + r"s?\b"
    if re.search(r"\b(?:ma|une|(?:l'\s?)?une\s+de\s+(?:mes|nos))\s+(?:(?:anciennes?|nouvelles?|jeunes?|ex)[- ]\s*)?"
                 + noun_said + r"|\b(?:anciennes?|nouvelles?)[- ]\s*" + noun_said, named):
        return Person(written, True)
    if re.search(r"\b(?:un|(?:l'\s?)?un\s+de\s+(?:mes|nos))\s+(?:(?:anciens?|nouveaux?|nouvel|jeunes?|ex)[- ]\s*)?"
                 + noun_said + r"|\b(?:anciens?|nouveaux?|nouvel)[- ]\s*" + noun_said
                 + r"|\bmon\s+(?=[^aeiouh\s])" + noun_said, named):
        return Person(written, False)
    return Person(written, _said_elle(told))


def _said_elle(told: str) -> bool:
    """Whether the user speaks of the person as "elle", never as "il" (folded text): "mon élève a eu son permis,
    elle a 6 points", "et si elle grillait un feu rouge ?", "a-t-elle encore des points ?"."""
    pronouns = {found.group(1) for found in re.finditer(r"\b(il|elle)\s", told)
                if _TOLD_IN_THE_THIRD_PERSON.match(told, found.start())}
    pronouns |= {found.group(1) for found in re.finditer(r"\b(?:si|qu'|quand|lorsqu')\s?(il|elle)\s", told)}
    pronouns |= {found.group(1) for found in re.finditer(r"\w-t?-?(il|elle)\b", told)}
    return pronouns == {"elle"}


# what a person named says or thinks, right after the name: "mon voisin dit…", "ma femme m'a dit…" (folded text)
_SAYS = re.compile(r"\s+(?:me\s+|m'\s?a\s+|m'\s?|a\s+)?(?:dit|dis|disait|pense|croit|affirme|assure|soutient|pretend)\b")


def _someone_s_story(said: str, text: str, later: str = "") -> Optional[Person]:
    """The person a message names (`_SOMEONE_NAMED`, `_TITLED`) when it tells the story in the third person and says
    nothing of the user's own licence: "Bonjour, question pour un client : il a été flashé…", "Un ancien élève, Kevin,
    nous appelle paniqué. Il a eu son permis…", "Mme Dupont, 12 points, a fait un excès… Elle récupère quand ?" (T26
    c04, c10, c12, c23, c25). `said` is the message as written, `text` folded, `later` the user's messages after it."""
    if not _TOLD_IN_THE_THIRD_PERSON.search(text) or _OWN_LICENCE.search(text) or _OWN_LICENCE_TOO.search(text) \
            or _A_PASSENGER.search(text):
        return None
    named = _SOMEONE_NAMED.search(text)
    if named and _SAYS.match(text, named.end()):
        return None  # "et mon voisin dit septembre 2029, il a raison ?": what he says, not his licence (T55 c20)
    if named:
        return _person_of(next(group for group in named.groups() if group), named.group(0),
                          text[named.start():] + " " + later)
    if _PARENT_OF.search(text):
        # "je suis la mère d'Inès. Elle a son permis…": the child named by a first name, said "elle" or "il" (T43 c22)
        pronouns = {found.group(1) for found in re.finditer(r"\b(il|elle)\s", text)
                    if _TOLD_IN_THE_THIRD_PERSON.match(text, found.start())}
        if len(pronouns) == 1:
            return Person("enfant", pronouns == {"elle"})
    titled = _TITLED.search(said)
    if titled:
        return Person("madame", True) if titled.group("her") else Person("monsieur", False)
    return None


# "mon fils de 12 ans à l'arrière", "ma fille a côté de moi": the person's place in the car (a passenger), not the
# verb "a" of "mon fils a eu…" (tester T27 c31 got "sur son permis", "s'il la paie" for the driver's own fine)
_PLACE_AFTER_A = re.compile(r"\s*(?:l'\s?arriere|l'\s?avant|cote|bord|la place|mes cotes|l'\s?interieur)\b")


# "et si c'est mon fils de 8 ans derrière qui l'avait pas ?", "si c'est ma fille qui est pas attachée" after the
# seatbelt: a passenger of the driver whose belt it is, not the person whose licence it is (tester T61 c13's follow-up);
# unless the message says that person drove ("c'est mon fils qui conduisait, il avait pas sa ceinture")
_A_PASSENGER_S_BELT = re.compile(r"\bqui\s+(?:ne\s+|n'\s?)?l'\s?(?:avait|a|avaient|ont)\s+pas\b|\bpas\s+attache\w*"
                                 r"|\bpas (?:mis|mise|porte) (?:sa|la|leur) ceinture\b|\bderriere\b|\ba l'\s?arriere\b"
                                 r"|\bsiege (?:auto|enfant)\b|\brehausseur\b")
_TOO_YOUNG_FOR_A_LICENCE = re.compile(r"\s*(?:\(\s*)?(?:de\s+|qui a\s+)?(?<!\d)(?:[1-9]|1[0-3])\s*ans\b")
_DROVE = re.compile(r"\bconduis\w*|\bconduit\b|\bau volant\b|\bson permis\b|\bflashe\w*")


def _a_place(found: "re.Match", raw: str) -> bool:
    """Whether the "a" that ends the match of `_PERSON_S_LICENCE` is the preposition "à" before a place in the car:
    the person is placed, not said to have a licence (an accent alone does not tell: "ma fille à son permis depuis
    mars" is often written for "a"); or whether the message puts the person in the car as a passenger without a belt."""
    text = fold(raw)
    if _A_PASSENGER_S_BELT.search(text) and not _DROVE.search(text):
        return True
    if _TOO_YOUNG_FOR_A_LICENCE.match(text, found.end()) or _TOO_YOUNG_FOR_A_LICENCE.search(found.group(0)):
        # "et si c'est mon fils de 10 ans ?" after a passenger's seatbelt: no licence below 14 (the AM licence's age)
        return True
    return found.group(0).endswith(" a") and bool(_PLACE_AFTER_A.match(text, found.end()))


def subject_person(tracker: Tracker) -> Optional[Person]:
    """The person whose licence the conversation is about, when it is not the user's: the latest user message that
    says whose licence it is decides (a later "et moi ?" or "j'ai eu mon permis…" gives the user's back); the
    person's gender, when the noun and its determiner do not tell it, is the pronoun the user says of them then."""
    later = ""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        raw = event.get("text") or ""
        text = fold(raw)
        found = next((found for found in _PERSON_S_LICENCE.finditer(text) if not _a_place(found, raw)), None)
        if found and not _OWN_LICENCE_TOO.search(text):
            return _person_of(next(group for group in found.groups() if group), found.group(0),
                              text[found.start():] + " " + later)
        someone = _someone_s_story(event.get("text") or "", text, later)
        if someone is not None:
            return someone
        if _OWN_LICENCE.search(text):
            return None
        later = text + " " + later
    return None


# "et mon fils ?", "et pour ma fille ?": another person's licence asked about after an answer (folded text)
_AND_THAT_PERSON = re.compile(r"(?:^|[.!?]\s)\W*et\s+(?:de\s+|pour\s+)?(?:mon|ma|notre|son|sa|leur)\s+" + _PERSON + r"\b")


def another_person_named(tracker: Tracker) -> bool:
    """Whether the latest message turns to another licence holder than the one the conversation spoke of: it names a
    person ("et mon fils ? il a eu son permis le 1er mars 2025") who is neither the one of the messages before (the
    daughter) nor, after "et mon fils ?", the user. That person's facts are to be asked afresh, none of them a
    correction of the other's (tester T27 c34 got "C'est noté, je corrige." and the daughter's offence kept)."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2:
        return False
    latest = fold(users[-1].get("text") or "")
    named = _person_in(users[-1])
    if named is None:
        return False
    before = subject_person(_Events(tracker.events[:tracker.events.index(users[-1])]))
    if before is None:
        return bool(_AND_THAT_PERSON.search(latest))
    return (before.noun, before.feminine) != (named.noun, named.feminine)


class _Events:
    """The events of a conversation up to a message, as subject_person reads them."""

    def __init__(self, events):
        self.events = events


def _person_in(event: dict) -> Optional[Person]:
    """The person one message names as the licence holder, None when it names none."""
    return subject_person(_Events([event]))


# The nouns of the answers that are feminine ("sa période probatoire"); before a vowel or a mute h, "son" (R: French)
_FEMININE_NOUNS = frozenset((
    "période", "lettre", "date", "situation", "récupération", "conduite", "formation", "demande", "carte",
    "majoration", "suspension", "première", "dernière", "deuxième", "troisième", "réduction", "prochaine", "perte",
    "validité", "minorée", "note", "durée", "visite", "dernière", "contravention", "faute", "reprise", "voiture",
    "convocation", "attestation", "amende", "préfecture", "infraction"))
_VOWEL = re.compile(r"^[aeiouyhàâéèêëîïôûü]", re.IGNORECASE)
# "vous <verb>" (the licence holder doing or having) -> the third person
_VERBS = {
    "avez": "a", "aviez": "avait", "aurez": "aura", "auriez": "aurait", "êtes": "est", "étiez": "était",
    "serez": "sera", "seriez": "serait", "pouvez": "peut", "pourrez": "pourra", "pourriez": "pourrait",
    "devez": "doit", "deviez": "devait", "devrez": "devra", "devriez": "devrait", "récupérez": "récupère", "récupérerez": "récupérera",
    "perdez": "perd", "perdrez": "perdra", "perdriez": "perdrait", "allez": "va", "faites": "fait", "ferez": "fera",
    "feriez": "ferait", "recevez": "reçoit", "recevrez": "recevra", "recevriez": "recevrait", "retrouvez": "retrouve",
    "retrouverez": "retrouvera", "gardez": "garde", "restez": "reste", "passez": "passe", "conduisez": "conduit",
    "payez": "paie", "paierez": "paiera", "commettez": "commet", "commettiez": "commettait", "obtenez": "obtient",
    "suivez": "suit", "suivrez": "suivra", "suiviez": "suivait", "aurez-vous": "aura-t-il", "récupériez": "récupérait",
    "étiez-vous": "était-il", "remplissez": "remplit", "attendez": "attend", "envoyez": "envoie", "demandez": "demande",
    "gagnez": "gagne", "gagnerez": "gagnera", "gagneriez": "gagnerait", "terminez": "termine", "contestez": "conteste", "dépassez": "dépasse", "prenez": "prend", "inscrivez": "inscrit",
    # "6 mois après le jour où vous rendez votre permis" -> "il rend son permis", not "vous rendez son permis" (T36 c27)
    "rendez": "rend", "rendrez": "rendra", "rendiez": "rendait",
    # "vous passeriez alors de 0 à 4 points" (R18 example 1, said of a son: T57 c19)
    "passerez": "passera", "passeriez": "passerait",
}
_SUBJECT_VOUS = re.compile(
    r"\b(?P<v>[Vv])ous\s+(?P<neg>ne\s+|n')?(?P<obj>(?:le\s+|la\s+|les\s+|l'|en\s+|y\s+|lui\s+|n'en\s+)?)"
    r"(?P<verb>" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")\b"
    # what the user told ("vous avez indiqué juin 2026", "vous m'avez dit"): the user's, not the person's
    r"(?!\s+(?:indiqué|dit|donné|précisé|écrit|mentionné|répondu|parlé|demandé|signalé)\b)")
# "vous" as the object: what the licence holder is given or told ("il vous reste", "vous rend 4 points")
_OBJECT_VOUS = re.compile(
    r"\bvous\s+(?=(?:en\s+)?(?:reste|restera|resterait|restent|rend|rendra|rendrait|sera|serait|est|a\s|a-t-|ont\s|"
    r"manque|faut|faudra|permet|permettra|donne|donnera|coûte|coûtera|retire|retirera|notifie|notifiera|"
    r"présente|présentera|parvient|parviendra|soit|soient|"
    # "un stage… vous laisserait 4 points", "le point vous revient", "ne vous vaudra pas de 48N" (T58 c22)
    r"laisse|laissera|laisserait|laissait|vaudra|vaudrait|revient|reviendra|seront|seraient|sert|servira|appartient|"
    r"(?:fait|fera|ferait)\s+(?:(?:pas|plus|jamais)\s+)?perdre)\b)")
# a verb whose subject "vous" was said before "et": "il ne peut plus conduire et devez le remettre" (T15 c12)
_COORDINATED_VERB = re.compile(
    r"(?P<pre>\b(?:[Ii]l|[Ee]lle)\s[^.;:!?]*?\b(?:et|puis|mais)\s+(?:ne\s+|n')?(?:le\s+|la\s+|les\s+|l'|en\s+|y\s+|lui\s+)?)"
    r"(?P<verb>" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")\b")
# ... before an infinitive: "un stage peut vous rendre des points", "une infraction ne peut plus vous valoir de lettre
# 48N" (T10 c20, c28)
_OBJECT_VOUS_INFINITIVE = re.compile(
    r"\bvous\s+(?=(?:en\s+)?(?:rendre|redonner|valoir|retirer|enlever|coûter|donner|rapporter|permettre|envoyer|"
    r"notifier|restituer|rester|manquer|faire\s+perdre)\b)")
# ... the direct object: "ne vous remet pas en période probatoire et ne vous fait pas repartir à 6 points" -> "ne la
# remet pas… ne la fait pas repartir" (T59 c30), "vous oblige" -> "l'oblige"
_DIRECT_OBJECT_VOUS = re.compile(
    r"\bvous\s+(?=(?:oblige|obligera|obligerait|concerne|concernera|concernerait|obliger|concerner|remet|remettra|"
    r"remettrait|ramène|ramènera|ramènerait|sauve|sauvera|sauverait|empêche|empêchera|empêcherait|"
    r"(?:fait|fera|ferait|faire)\s+(?:(?:pas|plus|jamais)\s+)?(?:passer|repartir|revenir|tomber|retomber|basculer|sortir|entrer|remonter))\b)")
# the user's own, not the licence holder's: "votre question", "votre message"
_USER_S_NOUNS = frozenset(("question", "message", "réponse"))
# the form's questions put the verb first: "Avez-vous suivi…", "en aviez-vous déjà fait un", "reste-t-il" stays
_INVERTED = {"avez": ("a", True), "aviez": ("avait", False), "aurez": ("aura", True), "êtes": ("est", False),
             "étiez": ("était", False), "devez": ("doit", False),
             # "Quel jour allez-vous le rendre ?" -> "Quel jour va-t-il le rendre ?" (T36 t32c27)
             "allez": ("va", True)}
# (not "pouvez-vous": the assistant asks the user to rephrase or check, "Pouvez-vous la reformuler ?")
_INVERTED_VOUS = re.compile(r"\b(?P<verb>" + "|".join(_INVERTED) + r")-vous\b", re.IGNORECASE)
_ELISION = re.compile(r"\b(?:(si)\s+(il)|(que|lorsque|puisque|quoique)\s+(il|elle))\b", re.IGNORECASE)
# "vous vous inscrivez", "vous vous êtes inscrit": a reflexive verb of the licence holder keeps its "se" ("il
# s'inscrit"), not a "vous" left to the user ("si vous il inscrit", T24 c06, c14, c26)
_REFLEXIVE_VOUS = re.compile(
    r"\b(?P<v>[Vv])ous\s+(?P<neg>ne\s+|n')?vous\s+"
    r"(?P<verb>" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")\b")
# a gerund of the licence holder's: "le code suffit en vous inscrivant dans les 9 mois" -> "en s'inscrivant" (T36 c27)
_GERUND_VOUS = re.compile(r"\ben vous (?P<verb>\w+ant)\b")
# what the licence holder is told to do: "rendez-le sans attendre", "Ne conduisez plus" -> "il doit le rendre…", "Il
# ne doit plus conduire" (T36 t32c27: said to the wife of her husband's licence)
_IMPERATIVES = {"rendez-le": "{p} doit le rendre", "ne conduisez plus": "{p} ne doit plus conduire",
                "ne conduisez pas": "{p} ne doit pas conduire"}
_IMPERATIVE = re.compile(r"\b(" + "|".join(map(re.escape, _IMPERATIVES)) + r")\b", re.IGNORECASE)
# what is said of a woman agrees with her: "si elle n'en est pas sûre", "elle s'est inscrite" (T23 c31)
_AGREEING_WITH_HER = re.compile(
    r"\b(?P<pre>elle\s+(?:ne\s+|n')?(?:en\s+|y\s+|s')?(?:est|était|sera|serait)\s+"
    r"(?:(?:pas|plus|bien|vraiment|finalement|encore|déjà)\s+)*)"
    r"(?P<word>sûr|certain|inscrit|condamné|obligé|tenu|dispensé|concerné|informé|convoqué|prêt)\b(?!e)",
    re.IGNORECASE)


def _possessive(match: "re.Match", person: Person) -> str:
    capital, noun = match.group(1), match.group(2)
    if noun.lower() in _USER_S_NOUNS:
        return match.group(0)
    word = "son" if _VOWEL.match(noun) or noun.lower() not in _FEMININE_NOUNS else "sa"
    return (word.capitalize() if capital == "V" else word) + " " + noun


def _inverted(match: "re.Match", pronoun: str) -> str:
    """"Avez-vous" -> "A-t-il", "aviez-vous" -> "avait-elle" (a "t" between two vowels)."""
    verb, linking_t = _INVERTED[match.group("verb").lower()]
    said = f"{verb}-{'t-' if linking_t else ''}{pronoun}"
    return said.capitalize() if match.group("verb")[0].isupper() else said


def _imperative(match: "re.Match", pronoun: str) -> str:
    said = _IMPERATIVES[match.group(1).lower()].format(p=pronoun)
    return said[0].upper() + said[1:] if match.group(1)[0].isupper() else said


def said_of_the_subject(tracker: Tracker, text: Optional[str]) -> Optional[str]:
    """`text`, written to the licence holder, said of the person whose licence the conversation is about (the
    answers' and the forms' questions alike); unchanged for the user's own licence."""
    person = subject_person(tracker) if text else None
    return about_the_person(text, person) if person is not None else text


def about_the_person(text: str, person: Person) -> str:
    """An answer written to the licence holder, said of `person` (another "vous" is left to the user)."""
    pronoun = person.pronoun
    said = re.sub(r"\b([Vv])otre\s+(\w+)", lambda m: _possessive(m, person), text)
    said = re.sub(r"\b([Vv])os\b", lambda m: "Ses" if m.group(1) == "V" else "ses", said)
    # "après avoir rendu le vôtre" -> "le sien" (t59-c29: "il ne pourra obtenir un nouveau permis qu'un an après avoir
    # rendu le vôtre", said of a brother; h134 and h139 both wrote this line)
    said = re.sub(r"\b(le|la|les) vôtres?\b",
                  lambda m: {"le": "le sien", "la": "la sienne", "les": "les siens"}[m.group(1)], said)
    # a reflexive verb first: "si vous vous inscrivez" -> "s'il s'inscrit", not "si vous il inscrit" (T24 c06, c14)
    said = _REFLEXIVE_VOUS.sub(
        lambda m: (pronoun.capitalize() if m.group("v") == "V" else pronoun) + " " + (m.group("neg") or "")
        + ("s'" if _VOWEL.match(_VERBS[m.group("verb")]) else "se ") + _VERBS[m.group("verb")], said)
    said = _SUBJECT_VOUS.sub(
        lambda m: (pronoun.capitalize() if m.group("v") == "V" else pronoun) + " " + (m.group("neg") or "")
        + m.group("obj") + _VERBS[m.group("verb")], said)
    said = _COORDINATED_VERB.sub(lambda m: m.group("pre") + _VERBS[m.group("verb")], said)
    said = _INVERTED_VOUS.sub(lambda m: _inverted(m, pronoun), said)
    said = _GERUND_VOUS.sub(lambda m: "en " + ("s'" if _VOWEL.match(m.group("verb")) else "se ") + m.group("verb"),
                            said)
    said = _IMPERATIVE.sub(lambda m: _imperative(m, pronoun), said)
    said = _OBJECT_VOUS.sub("lui ", said)
    said = _OBJECT_VOUS_INFINITIVE.sub("lui ", said)
    said = _DIRECT_OBJECT_VOUS.sub(
        lambda m: "l'" if _VOWEL.match(m.string[m.end():]) else ("la " if person.feminine else "le "), said)
    if person.feminine:
        said = _AGREEING_WITH_HER.sub(lambda m: m.group("pre") + m.group("word") + "e", said)
    said = _ELISION.sub(lambda m: (m.group(1) or m.group(3))[:-1] + "'" + (m.group(2) or m.group(4)), said)
    return said


class _SpeakingOfTheSubject:
    """A dispatcher whose texts are said of the person whose licence the conversation is about (the forms' re-asks
    and notes: "En 2023, son permis peut encore être probatoire…")."""

    def __init__(self, dispatcher, tracker: Tracker):
        self._dispatcher, self._tracker = dispatcher, tracker

    def utter_message(self, text: Optional[str] = None, **kwargs) -> None:
        self._dispatcher.utter_message(text=said_of_the_subject(self._tracker, text), **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._dispatcher, name)


def speaking_of_the_subject(dispatcher, tracker: Tracker):
    """`dispatcher`, saying its texts of the person the conversation is about, when it is not the user."""
    return _SpeakingOfTheSubject(dispatcher, tracker) if subject_person(tracker) is not None else dispatcher
