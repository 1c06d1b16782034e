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
from typing import Callable, Iterable, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

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


#: each rule reads (text, the parsed facts' entity types, the first and second intents of the ranking) and gives the
#: intent of the two the policy chooses, or None when it does not apply
POLICY_PAIRS: List[Callable[[str, List[str], str, str], Optional[str]]] = [_offence_pair, _other_stage]


def settled_by_policy(text: str, entity_types: List[str], first: str, second: str) -> Optional[str]:
    """The intent, of the classifier's two likeliest, that the labelling policy gives the message; None when no
    rule applies."""
    return next((chosen for rule in POLICY_PAIRS if (chosen := rule(text, entity_types, first, second))), None)


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
            entity_types = [entity.get(ENTITY_ATTRIBUTE_TYPE) for entity in message.get(ENTITIES) or []]
            chosen = settled_by_policy(text, entity_types, first, second)
            if chosen is None or chosen == first:
                continue
            reordered = promoted(ranking, chosen)
            message.set(INTENT, reordered[0], add_to_output=True)
            message.set(INTENT_RANKING, reordered, add_to_output=True)
        return messages
