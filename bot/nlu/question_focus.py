"""Rasa 3.6 components: a long message is classified with its question sentence weighing more than its story.

In config.yml, `QuestionFocus` before SpacyNLP and `QuestionFocusEnd` after the featurizers:

    - name: bot.nlu.question_focus.QuestionFocus
    - name: SpacyNLP
    ...
    - name: CountVectorsFeaturizer
    - name: bot.nlu.question_focus.QuestionFocusEnd

`QuestionWordsIntent`, after the intent classifier and before the FallbackClassifier, lets the question sentence
decide when its words ask one question unmistakably (`QUESTION_WORDS_WIN`): "…j'ai perdu 2 points en probatoire.
Si je fais le stage, j'aurais combien ?" asks the points after the stage, even if the story reads as a probation
question.

A driver who tells their story ("j'ai mon permis depuis 2009, en mars je me suis fait flasher…") asks their
question in its last sentence ("quand est-ce que je vais récupérer mes points ?"). In a message of several
hundred characters, the story's words outweigh the question's in the n-gram counts, and the intent drifts to
what the story is about. `QuestionFocus` appends the question sentence once more to the text the featurizers
read (so its words count twice); `QuestionFocusEnd` then gives the later components (the facts extractor)
and the tracker the text as it was. Short messages are left untouched.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.fact_parsing import fold
from bot.nlu.question_words import SENTENCE_END, asked_sentence, asks_which_letter_comes, intent_of_a_title

#: from this length, a message of several sentences is a story with a question
LONG_MESSAGE_CHARS = 100
#: the message's text before the question was appended (only set while the featurizers run)
TEXT_AS_SENT = "text_before_question_focus"
INTENT_RANKING = "intent_ranking"

# How many points a stage will leave: "j'aurai(s) combien ?", "il aura combien ?", "combien de points j'aurai
# après ?", "je passe à combien ?", "ça me fera combien ?" (folded text). With "stage" in the same sentence, every
# such example of data/nlu and of both held-out sets is ask_points_after_stage (21 of 21, 2026-12-02).
COUNT_AFTER = re.compile(
    r"\b(?:j'?\s?|tu\s+|il\s+|elle\s+|on\s+|vous\s+|nous\s+)(?:en\s+)?aur(?:ai|ais|ait|a|as|ez|ons|iez|ions)\s+"
    r"combien\b"
    r"|\bcombien\b[^?.!]{0,40}?\b(?:j'?\s?(?:en\s+)?aurai[st]?|aurai[st]?-je|(?:il|elle|on)\s+(?:en\s+)?aur(?:a|ait)"
    r"|aura(?:it)?-t-(?:il|elle|on)|vous\s+aur(?:ez|iez))\b"
    r"|\b(?:je|il|elle|on)\s+(?:passe|passerai[st]?|passera(?:it)?|remonte|remonterai[st]?|remontera(?:it)?|serai[st]?"
    r"|sera(?:it)?|monte|monterai[st]?|montera(?:it)?)\s+a\s+combien\b"
    r"|\b(?:ca|cela|il|le stage)\s+(?:me\s+|lui\s+)?(?:fera|ferait|donnera|donnerait|mettra|mettrait)\s+(?:a\s+)?"
    r"combien\b")
_STAGE = re.compile(r"\bstages?\b")


def asks_points_after_a_stage(sentence: str) -> bool:
    """Whether a sentence asks how many points a stage will leave ("si je fais le stage, j'aurais combien ?")."""
    folded = fold(sentence)
    return bool(_STAGE.search(folded) and COUNT_AFTER.search(folded))


# When points come back by themselves: "quand est-ce que je récupère mes points ?", "je retrouve mes 12 points
# quand ?", "au bout de combien de temps mes points reviennent ?" (folded text).
_WHEN = re.compile(r"\bquand\b(?! meme\b)|\bcombien de temps\b|\bau bout de\b|\bdans combien\b|\ba? ?quelle date\b|\bdelai\b")
_POINTS_COME_BACK = re.compile(
    r"\b(?:recup\w*|retrouv\w*|reviennent|revient|reviendr\w*|revenir|regagn\w*|remont\w*)\b[^?.!]{0,25}"
    r"\b(?:points?|pts?)\b"
    r"|\b(?:points?|pts?)\b[^?.!]{0,25}\b(?:recup\w*|retrouv\w*|reviennent|revient|reviendr\w*|revenir)\b")
# A stage as a fact of the story, not the way the points come back: done long ago ("j'ai fait un stage il y a 2
# ans", "mon dernier stage date de 2023") or ruled out ("sans refaire de stage", "sans en refaire un", "pas de stage").
# "quelle lettre on reçoit quand on récupère ses points ?": the letter is what is asked, not when
_OTHER_SUBJECT = re.compile(r"\blettres?\b|\bcourriers?\b|\b48\s?[a-z]*\b")
_STAGE_RULED_OUT = re.compile(
    r"\b(?:sans|pas|jamais|aucun)\b(?:\s+(?:de|d'|un|le|mon|nouveau|autre|en|faire|refaire|passer|repasser|"
    r"suivre|nouveau))*\s*\bstages?\b"
    r"|\bsans\s+(?:en\s+)?(?:re)?(?:faire|passer|suivre)\b")
_STAGE_DONE_BEFORE = re.compile(
    r"\b(?:j'?\s?ai|j ai|jai|avais|a)\s+(?:deja\s+)?(?:fait|suivi|passe|effectue)\s+(?:un|le|mon|des|deux|2)\s+stages?\b"
    r"|\b(?:dernier|precedent|ancien|premier)\s+stage\b|\bstages?\s+(?:fait|suivi|effectue)s?\b"
    r"|\bstages?\s+(?:date|remonte)\b")
_STAGE_RECENT_OR_TO_COME = re.compile(
    r"\bhier\b|\bsemaine derniere\b|\bce (?:week-?end|matin|mois)\b|\brecemment\b|\bvien[st] (?:de|d')"
    r"|\bil y a (?:\d+|quelques|deux|trois|quatre|cinq|six|dix|quinze) jours\b|\bmois dernier\b"
    r"|\bsi (?:je|j'|il|elle|on)\b|\bprochain|\bapres (?:le|un|mon|ce|son)\s+stage\b|\bavec (?:le|un|ce)\s+stage\b"
    r"|\bgrace au stage\b|\ben faisant\b|\b(?:vais|compte|dois|devrais|veux|voudrais|pourrais|peux) (?:(?!pas\b|plus\b|jamais\b)\w+ )?(?:re)?faire\b")


def asks_automatic_recovery(sentence: str, text: str = "") -> bool:
    """Whether a question sentence asks when the points come back ("quand est-ce que je récupère mes points ?") while
    the stages the message tells are facts of the story: done before ("j'ai fait un stage il y a 2 ans, quand je
    récupère mes points ?") or ruled out ("sans refaire de stage, quand je retrouve mes 12 points ?"), T4/T6 m056,
    m013. A stage just done, planned or supposed ("si je fais un stage", "après le stage") leaves it to the
    classifier: its points come the day after it (ask_points_after_stage)."""
    folded, whole = fold(sentence), fold(text or sentence)
    if not (_WHEN.search(folded) and _POINTS_COME_BACK.search(folded)) or _OTHER_SUBJECT.search(folded):
        return False
    stages = list(_STAGE.finditer(whole))
    if not stages:
        return True
    if _STAGE_RECENT_OR_TO_COME.search(whole):
        return False
    told = [m.span() for pattern in (_STAGE_RULED_OUT, _STAGE_DONE_BEFORE) for m in pattern.finditer(whole)]
    return all(any(start <= m.start() < end for start, end in told) for m in stages) or \
        bool(_STAGE_RULED_OUT.search(whole) and not _STAGE.search(_STAGE_RULED_OUT.sub(" ", whole)))


# Whether one may take a stage: "je peux en faire un ?", "est-ce que je peux faire un stage ?", "puis-je suivre un
# stage ?", "il peut en refaire un ?" (folded text); its other questions are the stage's own: its price, the online stage,
# the 48N's compulsory one, a suspension, an invalidation (their answers, not eligibility); when ("quand est-ce que je
# peux en refaire un ?") is left to the classifier
_MAY_TAKE_A_STAGE = re.compile(
    r"\b(?:peux|peut|puis|pourrai\w*|pourrait|pourrions|pouvons|pouvez)(?:[- ](?:je|il|elle|on|t-il|t-elle|t-on))?\s+"
    r"(?:(?:quand meme|encore|deja|aussi|quand|bien|en)\s+)*(?:re)?(?:faire|suivre|passer)\s+(?:un|une|le|des)\b")
_STAGE_BY_ITS_PRONOUN = re.compile(r"\ben\s+(?:(?:quand meme|encore|deja|aussi)\s+)*(?:re)?(?:faire|suivre|passer)\s+un\b")
_NOT_ELIGIBILITY = re.compile(r"\b48\s?(?:n|si)\b|\bobligatoire\b|\ben ligne\b|\bcombien\b|\bprix\b|\bcoute\w*\b"
                              r"|\bsuspen\w*|\binvalid\w*|\bannul\w*|\bretenu\b|\bretention\b|\bquand\b"
                              # where and when in the week: the stage's practicalities ("dans un autre département")
                              r"|\bdepartements?\b|\bregions?\b|\bville\b|\bpres de chez\b|\bailleurs\b"
                              r"|\bdans (?:un|une) autre\b|\bweek-?end\b|\bsamedi\b|\bdimanche\b")


def asks_if_a_stage_may_be_taken(sentence: str) -> bool:
    """Whether a question sentence asks if a stage may be taken ("si je suis en permis probatoire je peux en faire un
    ?", T15 c08: read as the probation's question): the stage's eligibility (R14), whatever the story says of the
    licence."""
    folded = fold(sentence)
    return bool(_MAY_TAKE_A_STAGE.search(folded)
                and (_STAGE.search(folded) or _STAGE_BY_ITS_PRONOUN.search(folded))
                and not _NOT_ELIGIBILITY.search(folded))


# Where the user stands, their balance: "je voudrais savoir où j'en suis", "où j'en suis niveau points ?", "je veux
# faire le point sur mes points", "où en sont mes points ?", "où il en est, mon frère ?" (folded text); not where one
# stands with something else the sentence names (a stage, a letter, a refund, a suspension, the probation), which is
# that thing's question, nor "j'en suis à 7 points" (a balance told)
_WHERE_ONE_STANDS = re.compile(
    r"\bou\s+(?:j'?\s?|tu\s+|il\s+|elle\s+|on\s+|vous\s+|nous\s+)en\s+(?:suis|es|est|etes|sommes|sont)\b"
    r"(?!\s+(?:a|au)\s+\d)"
    r"|\bou\s+en\s+(?:sont|est)\s+(?:mes|ses|son|mon|vos|votre|leurs?)\s+(?:points?|pts?|solde|permis)\b"
    r"|\bfaire\s+le\s+point\s+sur\s+(?:mes|ses|son|mon|vos|votre)\s+(?:points?|pts?|solde|permis)\b")
_WHERE_WITH_ANOTHER_THING = re.compile(r"\bstages?\b|\blettres?\b|\bcourriers?\b|\b48\s?[a-z]*\b|\brembours\w*"
                                       r"|\bsuspen\w*|\bprobatoire\b|\bamende\s+(?:a|majoree)\b|\bdossier\b"
                                       r"|\bcontestation\b|\brecours\b|\btribunal\b|\bprocedure\b")


def asks_where_one_stands(sentence: str) -> bool:
    """Whether a question sentence asks where the user (or the person told of) stands, i.e. the balance: "j'ai le
    permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir où j'en suis" (T54 c01: read as a fact told,
    "C'est noté. Quelle est votre question ?") — unless it names another subject (a stage, a letter, a refund…)."""
    folded = fold(sentence)
    return bool(_WHERE_ONE_STANDS.search(folded) and not _WHERE_WITH_ANOTHER_THING.search(folded))


#: The questions a question sentence asks so plainly by its words that they win over the topic of the story around it
#: (the other readings of question words are not precise enough: "combien j'ai" is also asked of a probation). Each
#: test reads the question sentence and the whole message.
QUESTION_WORDS_WIN = (("ask_points_after_stage", lambda sentence, text: asks_points_after_a_stage(sentence)),
                      ("ask_auto_recovery", asks_automatic_recovery),
                      # "…payé 90 euros le 10 octobre. Je vais recevoir quoi comme courrier ?" (T10 c12): which letter
                      ("ask_letter", lambda sentence, text: asks_which_letter_comes(sentence)),
                      # "ok et si je suis en permis probatoire je peux en faire un ?" after the stage's card (T15 c08)
                      ("ask_stage_eligibility", lambda sentence, text: asks_if_a_stage_may_be_taken(sentence)),
                      # "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir où j'en suis" (T54
                      # c01): the balance
                      ("ask_check_balance", lambda sentence, text: asks_where_one_stands(sentence)))
#: The classifier must still see the question among its 3 likeliest, at this confidence or more: the words only
#: settle between readings it hesitates over.
WORDS_WIN_AMONG = 3
WORDS_WIN_FROM_CONFIDENCE = 0.1
#: The question its words ask is answered, not sent back to be rephrased: it gets at least this confidence, above the
#: FallbackClassifier's threshold (0.4 in config.yml). A story told before the question spreads the classifier's
#: probability over the story's topics ("permis obtenu le 17/03/2026… arrêté avec le téléphone… payé 90 euros… Je
#: vais recevoir quoi comme courrier ?": ask_letter first at 0.396, T10 c12).
WORDS_WIN_MIN_CONFIDENCE = 0.45
#: ... and at least this much above the next intent: the FallbackClassifier's ambiguity threshold (0.1), which would
#: otherwise send it back too ("…grillé un feu rouge le 3 novembre, amende payée. Ils vont m'envoyer quoi ?": ask_letter
#: 0.45 after the floor, inform 0.391)
WORDS_WIN_MARGIN = 0.1


def question_sentence(text: str) -> Optional[str]:
    """The question of a long message: its last sentence ending with "?", else its last sentence; None for a
    short message, or one that is a single sentence."""
    if len(text) < LONG_MESSAGE_CHARS:
        return None
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences if s.endswith("?")]
    return questions[-1] if questions else sentences[-1]


class _TextStage(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "_TextStage":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        raise NotImplementedError


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class QuestionFocus(_TextStage):
    """Appends a long message's question sentence to the text the featurizers read."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            question = question_sentence(text) if isinstance(text, str) else None
            if question:
                message.set(TEXT_AS_SENT, text)
                message.set(TEXT, f"{text}\n{question}")
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class QuestionFocusEnd(_TextStage):
    """Gives the message its text back once the featurizers have read it."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            sent = message.get(TEXT_AS_SENT)
            if sent is not None:
                message.set(TEXT, sent)
                message.data.pop(TEXT_AS_SENT, None)
        return messages


def asked_by_its_words(text: str) -> Optional[str]:
    """The question a message's question sentence (its last sentence ending with "?", else its last sentence) asks by
    its words alone, among `QUESTION_WORDS_WIN`; None when its words settle nothing."""
    sentence = asked_sentence(text)
    return next((intent for intent, asks in QUESTION_WORDS_WIN if asks(sentence, text)), None)


def promoted(ranking: List[Dict[str, Any]], intent: str) -> List[Dict[str, Any]]:
    """A copy of an intent ranking where `intent` comes first: it and the first intent swap their confidences."""
    top = ranking[0]
    chosen = next(entry for entry in ranking if entry.get(INTENT_NAME_KEY) == intent)
    reordered = [dict(entry) for entry in ranking]
    for entry in reordered:
        if entry.get(INTENT_NAME_KEY) == top.get(INTENT_NAME_KEY):
            entry[PREDICTED_CONFIDENCE_KEY] = chosen.get(PREDICTED_CONFIDENCE_KEY)
        elif entry.get(INTENT_NAME_KEY) == intent:
            entry[PREDICTED_CONFIDENCE_KEY] = top.get(PREDICTED_CONFIDENCE_KEY)
    reordered.sort(key=lambda entry: -(entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0))
    return reordered


class RankingStage(_TextStage):
    """A component after the intent classifier that reorders its ranking: nothing to learn, and the training examples
    keep their intent."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class QuestionWordsIntent(RankingStage):
    """After the intent classifier: the intent the question sentence's words ask (`asked_by_its_words`) comes
    first when the classifier ranked it among its likeliest, the two swapping their confidences, and with at least
    `WORDS_WIN_MIN_CONFIDENCE` and `WORDS_WIN_MARGIN` above the next (the FallbackClassifier then judges the message
    as before)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING) or []
            text = message.get(TEXT)
            titled = intent_of_a_title(text) if isinstance(text, str) else None
            if titled:
                # a button's title alone ("Points d'une infraction"): its question, as its payload would (T23 c28)
                chosen = {INTENT_NAME_KEY: titled, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING, [chosen] + [dict(entry) for entry in ranking
                                                        if entry.get(INTENT_NAME_KEY) != titled], add_to_output=True)
                continue
            asked = asked_by_its_words(text) if isinstance(text, str) and ranking else None
            likely = [entry for entry in ranking[:WORDS_WIN_AMONG]
                      if (entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= WORDS_WIN_FROM_CONFIDENCE]
            names = [entry.get(INTENT_NAME_KEY) for entry in likely]
            if asked is None or asked not in names:
                continue
            if names[0] == asked and (likely[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= WORDS_WIN_MIN_CONFIDENCE:
                continue
            reordered = promoted(ranking, asked)
            second = max((entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0 for entry in reordered[1:]), default=0.0)
            # (a thousandth more: the FallbackClassifier's "less than the threshold apart" is read in floats)
            reordered[0][PREDICTED_CONFIDENCE_KEY] = min(1.0, max(
                reordered[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0, WORDS_WIN_MIN_CONFIDENCE,
                round(second + WORDS_WIN_MARGIN + 0.001, 6)))
            message.set(INTENT, reordered[0], add_to_output=True)
            message.set(INTENT_RANKING, reordered, add_to_output=True)
        return messages
