"""Rasa 3.6 component: the labelling policy of data/nlu settles two pairs of intents the n-gram classifier hesitates over.

In config.yml, after FrenchFactsExtractor and the intent classifier, before the FallbackClassifier:

    - name: bot.nlu.policy_pairs.PolicyPairIntent

The classifier reads words and character n-grams; some boundaries of the labelling policy are not about words but
about what the message does, which the fact parser and a few question cues read plainly:

- ask_offence_points / inform (data/nlu/offences.yml, inform.yml): an offence or a speed named WITH a question, "points"/
  "pts", "retrait", "je risque", or as a follow-up ("et pour un stop ?") asks its points; named alone ("pas de
  ceinture", "à 135 au lieu de 110") it is a fact given. The parser reads whether an offence or a speed is named
  (`FrenchFactsExtractor`'s entities); `asks_about_it` reads the cues. Every example of data/nlu and of both held-out
  sets that names an offence and carries one of the two labels follows this rule (481 and 33 of them, 2026-12-03).
- out_of_scope / the stage questions (general.yml, stage.yml): a "stage" named by what it teaches when that is not driving
  ("stage de ski", "stage d'équitation", "stage de piano"), in a message without a word of the licence, is
  out_of_scope (`stage_of_something_else`); so is a question about one's car insurance ("l'assurance va augmenter si je
  perds des points ?"), not driving uninsured (`about_insurance`).

The rule only settles between the classifier's two likeliest intents when they are the pair: it never brings in an
intent the classifier did not consider. The chosen intent takes the first place with the first one's confidence (the
two swap, as in `QuestionWordsIntent`), so the FallbackClassifier judges the message as before.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Callable, Iterable, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES, ENTITY_ATTRIBUTE_TYPE, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from bot import reference_date
from bot.nlu.fact_parsing import fold
from bot.nlu.question_focus import INTENT_RANKING, RankingStage, promoted

#: the parser's entities that name an offence: its kind, or a speed (an excess of speed)
OFFENCE_ENTITIES = frozenset({"offence_type", "offence_class", "speed_measured", "speed_excess", "speed_limit"})
# What makes a named offence a question about its points (offences.yml's policy), folded text: a question mark or word,
# the points, the retrait or what it costs, a risk, or a follow-up opening ("et pour un stop ?", "mais à 95 ?").
_ASKS_ABOUT_IT = re.compile(
    r"\?|\b(?:combien|cb|quoi|quel(?:le)?s?|est[- ]ce|comment|pourquoi|quand)\b"
    r"|\b(?:points?|pts?)\b|\bretrai\w*|\bretir\w*|\brisqu\w*|\bperd\w*|\benlev\w*|\bcout\w*|\bsanction\w*"
    r"|^\s*(?:et|mais)\b")


def asks_about_it(text: str) -> bool:
    """Whether a message that names an offence asks about it (its points, its retrait, what one risks) rather than
    giving it as a fact: "téléphone au volant combien de points", "feu rouge pts", "flashé à 75, je risque quoi",
    "et pour un stop ?" (but not "pas de ceinture", "à 135 au lieu de 110")."""
    return bool(_ASKS_ABOUT_IT.search(fold(text)))


def offence_points_or_fact(text: str, entity_types: Iterable[str]) -> Optional[str]:
    """ask_offence_points or inform by the policy, for a message whose parsed facts (`entity_types`) name an offence;
    None when none is named."""
    if not OFFENCE_ENTITIES & set(entity_types):
        return None
    return "ask_offence_points" if asks_about_it(text) else "inform"


# "stage de ski", "stages d'équitation", "un stage de la ...": the word that says what the stage teaches
_STAGE_OF = re.compile(r"\bstages?\s+(?:de\s+|d'\s*|d\s+)(?:la\s+|l'\s*)?([a-z0-9]\w*)")
# what follows "stage de" in the licence's own stages, or says when or how long ("stage de 2 jours", "de 14h",
# "stage de la semaine prochaine", "stage d'il y a un an", "stage de la composition pénale")
_STAGE_OF_THE_LICENCE = re.compile(
    r"(?:recup\w*|sensibilis\w*|securite|prevention|points?|pts?|permis|conduite|code|rattrapage|formation|48\w*"
    r"|\d+(?:h\w*|j\w*)?|un|une|deux|trois|quatre|ce|cette|mon|ma|il|an|annee|semaine|mois|demain|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre"
    r"|novembre|decembre|volontaire|obligatoire|jeune|deja|composition|tribunal|justice|juge|substitution)")
_WORDS_OF_THE_LICENCE = re.compile(
    r"\b(?:permis|points?|pts?|conduite|conduire|volant|route|radar|flash\w*|amende|pv|infraction|vitesse"
    r"|probatoire|ants|recup\w*|sensibilis\w*|48\s?[a-z]+|retrait|suspension|annulation|code de la route"
    r"|jeune conducteur)\b")


def stage_of_something_else(text: str) -> bool:
    """Whether the message names a stage of something else than driving ("stage de ski pour les enfants", "combien
    coûte un stage de parachute ?") and no word of the licence."""
    folded = fold(text)
    named = _STAGE_OF.search(folded)
    return bool(named and not _STAGE_OF_THE_LICENCE.fullmatch(named.group(1))
                and not _WORDS_OF_THE_LICENCE.search(folded))


# the price or the cover of one's car insurance (general.yml's out_of_scope: "mon assurance va augmenter après un
# accident ?", "malus assurance après sinistre"); not driving without insurance, an offence ("défaut d'assurance",
# "rouler sans assurance", "pas assuré")
_INSURANCE = re.compile(r"\b(?:assurances?|assureurs?|malus)\b")  # (not "le bonus de 2 points" of a probation)
_UNINSURED = re.compile(r"\b(?:defaut|sans|pas|non|faute) (?:d'\s?|de |d )?(?:assurance|assure)\w*")


def about_insurance(text: str) -> bool:
    """Whether the message asks about one's car insurance ("l'assurance va augmenter si je perds des points ?"), not
    about driving uninsured."""
    folded = fold(text)
    return bool(_INSURANCE.search(folded)) and not _UNINSURED.search(folded)


def _offence_pair(text: str, entity_types: List[str], first: str, second: str) -> Optional[str]:
    if {first, second} != {"ask_offence_points", "inform"}:
        return None
    return offence_points_or_fact(text, entity_types)


def _other_stage(text: str, entity_types: List[str], first: str, second: str) -> Optional[str]:
    if second != "out_of_scope":
        return None
    return "out_of_scope" if stage_of_something_else(text) or about_insurance(text) else None


# What makes a balance told a question about it (inform.yml's policy: "il me reste 7 points" is a fact given; "donc il
# me reste 6 ?", "il m'en reste combien", "calculez mon solde", "je suis à 3 points c bien ça" ask it), folded text
_ASKS_THE_BALANCE = re.compile(
    r"\?|\b(?:combien|cb|quoi|quel(?:le)?s?|comment|pourquoi|calcul\w*|verifi\w*)\b|(?<!c')(?<!c )\best[- ]ce\b"
    r"|\bc(?:'est|'\s?est| est)? bien (?:ca|ça)\b|\bc'?\s?est (?:ca|ça|juste|exact)\b")


def balance_asked_or_told(text: str, entity_types: Iterable[str]) -> Optional[str]:
    """ask_check_balance or inform by the policy, for a message whose parsed facts name a number of points ("il me
    reste quatre points", "mon solde est de 10 points": inform; "donc il me reste 6 ?": ask_check_balance); None when
    none is named. Every example of data/nlu labelled one of the two that names points follows it (147 of 147,
    2026-12-04)."""
    if "points" not in set(entity_types):
        return None
    return "ask_check_balance" if _ASKS_THE_BALANCE.search(fold(text)) else "inform"


def _balance_pair(text: str, entity_types: List[str], first: str, second: str) -> Optional[str]:
    if {first, second} != {"ask_check_balance", "inform"}:
        return None
    return balance_asked_or_told(text, entity_types)


# A licence held for more than the 3 years of a probation, told by its age ("j'ai 20 ans de permis", "permis depuis plus
# de 5 ans") or its year ("permis depuis 2008", "permis de 2015"), folded text; a word of a young licence overrides it
_LICENCE_YEARS_HELD = re.compile(
    r"\b(\d{1,2}|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|quarante) ans (?:de|d'\s?)\s?permis\b"
    r"|\bpermis depuis (?:plus de )?(\d{1,2}|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|quarante) ans\b")
_LICENCE_YEAR = re.compile(r"\bpermis (?:depuis|de|en|obtenu en|passe en|eu en)\s+((?:19|20)\d\d)\b")
_YOUNG_LICENCE = re.compile(
    r"probatoire|\bproba\b|jeunes? (?:conducteur|permis)|\bja\b|\bpermis (?:a|de|depuis) (?:moins|peine)"
    r"|\b(?:1|2|3|premiere|deuxieme|troisieme)(?:e|eme|ere)? annee\b|conduite accompagnee|\baac\b|\b6 (?:points|pts)\b"
    r"|\bsix points\b")
_NUMBER_WORDS = {"quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "quinze": 15,
                 "vingt": 20, "trente": 30, "quarante": 40}


def licence_past_its_probation(text: str, today: Optional[date] = None) -> bool:
    """Whether the message tells a licence held for more than the 3 years of a probation (R: the probationary period
    lasts 3 years, 2 after an apprentissage anticipé), with no word of a young licence: its balance is the ordinary
    one (recovery.yml's policy: the balance "without a young-licence context" is ask_check_balance)."""
    folded = fold(text)
    if _YOUNG_LICENCE.search(folded):
        return False
    for match in _LICENCE_YEARS_HELD.finditer(folded):
        years = next(group for group in match.groups() if group)
        if int(_NUMBER_WORDS.get(years, years) if not years.isdigit() else years) > 3:
            return True
    year = (today or reference_date.today()).year
    return any(int(match.group(1)) <= year - 4 for match in _LICENCE_YEAR.finditer(folded))


def _balance_of_an_old_licence(text: str, entity_types: List[str], first: str, second: str) -> Optional[str]:
    if {first, second} != {"ask_check_balance", "ask_probation"}:
        return None
    return "ask_check_balance" if licence_past_its_probation(text) else None


#: each rule reads (text, the parsed facts' entity types, the first and second intents of the ranking) and gives the
#: intent of the two the policy chooses, or None when it does not apply
POLICY_PAIRS: List[Callable[[str, List[str], str, str], Optional[str]]] = [
    _offence_pair, _other_stage, _balance_pair, _balance_of_an_old_licence]
#: a stage of something else is out_of_scope even when the classifier ranked out_of_scope third ("stage de ski pour les
#: enfants pendant les vacances": inform, ask_stage_info, out_of_scope), at this confidence or more
OTHER_STAGE_AMONG = 3
OTHER_STAGE_FROM_CONFIDENCE = 0.05


def settled_by_policy(text: str, entity_types: List[str], first: str, second: str,
                      third: Optional[str] = None) -> Optional[str]:
    """The intent, of the classifier's two likeliest, that the labelling policy gives the message (or out_of_scope
    when third, for a stage of something else); None when no rule applies."""
    chosen = next((chosen for rule in POLICY_PAIRS if (chosen := rule(text, entity_types, first, second))), None)
    if chosen is None and third == "out_of_scope" and first != "out_of_scope" and stage_of_something_else(text):
        return "out_of_scope"
    return chosen


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PolicyPairIntent(RankingStage):
    """After the intent classifier: between its two likeliest intents, the one the labelling policy gives the message
    (`settled_by_policy`) comes first, the two swapping their confidences."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING) or []
            text = message.get(TEXT)
            if len(ranking) < 2 or not isinstance(text, str):
                continue
            first, second = ranking[0].get(INTENT_NAME_KEY), ranking[1].get(INTENT_NAME_KEY)
            third = next((entry.get(INTENT_NAME_KEY) for entry in ranking[2:OTHER_STAGE_AMONG]
                          if (entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= OTHER_STAGE_FROM_CONFIDENCE), None)
            entity_types = [entity.get(ENTITY_ATTRIBUTE_TYPE) for entity in message.get(ENTITIES) or []]
            chosen = settled_by_policy(text, entity_types, first, second, third)
            if chosen is None or chosen == first:
                continue
            reordered = promoted(ranking, chosen)
            message.set(INTENT, reordered[0], add_to_output=True)
            message.set(INTENT_RANKING, reordered, add_to_output=True)
        return messages
