"""A message the NLU is unsure of: ask to rephrase, suggesting the questions it most likely meant.

The FallbackClassifier marks the message `nlu_fallback`; the intent ranking still says which
questions came closest. Up to three of them become buttons ("Vouliez-vous parler de…"), so that
a hesitant reading costs the user one click instead of a rewrite."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (ActionAnswerMandatoryStage, ActionAnswerRetraitTiming, ActionAnswerZeroPoints,
                             licence_again_after_invalidation, stage_supposed_before_48si_answer,
                             stage_timing_with_pending_retrait)
from actions.corrections import last_bot_question
from actions.closing import closing_reply
from actions.follow_ups import (ASKS_DEADLINE, ASKS_RISK, _deadline_of_the_stage, _form_asked_since_answer,
                                above_maximum_asked, answer_in_context,
                                new_subject_in_context, previous_answer)
from actions.informational import (HOW_TO_CHECK_BALANCE, court_stage_answer, estimate_offer,
                                  most_points_at_once_answer, outside_the_points_system, points_to_lose_answer,
                                  side_question_answer, stage_day_missed_answer, stage_info_for, STAGE_INFO)
from actions.forms import (
    BALANCE_NOT_KNOWN, FORM_OF_QUESTION, designation_answer, latest_text_says, paid_by_owner_without_naming, slots_set_by_latest_message, stage_days_told,
    licence_told_by_pronoun, probation_said, stage_day_told_in_time_asked, stage_in_time_asked,
    told_retraits_in_latest_message,
)
from actions.reminders import reminding
from actions.offence_history import told_retraits
from actions.slot_values import CORRECTION
from actions.third_person import said_of_the_subject
from actions.retrait_timing import asks_when_withdrawn
from actions.two_part import SECOND_QUESTIONS, question_of, story_question, story_questions, then_other_question
from actions.what_if import restored_facts
from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from bot.nlu.question_focus import LONG_MESSAGE_CHARS, question_sentence
from bot.nlu.question_words import QUESTION_TITLES

# The questions a story's question clause may ask when the NLU is unsure (see actions.two_part).
STORY_QUESTIONS = (*SECOND_QUESTIONS, "ask_zero_points", "ask_letter")
# the ceiling of the user's licence asked (folded text): "c quoi mon plafond", "quel est son plafond de points ?", "mon
# plafond actuel" (R5, R7); not the cap of one check's retraits ("le plafond de 8 points", R3)
_ASKS_OWN_CEILING = re.compile(r"\b(?:mon|son|ton|votre|notre|leur) plafond\b|\bplafond (?:de|du) (?:mon|son|ton|votre) "
                               r"permis\b")
# Shown when no question comes close.
DEFAULT_SUGGESTIONS = ["ask_points_after_stage", "ask_stage_eligibility", "ask_auto_recovery",
                       "ask_probation", "ask_offence_points"]
MAX_SUGGESTIONS = 3
#: the answers that give the 48N's deadline ("au plus tard le …", R15)
ANSWERS_OF_THE_48N = ("action_answer_mandatory_stage", "action_answer_refund_48n", "action_answer_letter")
# Below this confidence a question is not worth suggesting.
MIN_CONFIDENCE = 0.1


def suggested_questions(intent_ranking: List[Dict[str, Any]]) -> List[str]:
    """The most likely questions of the ranking, best first; [] when none comes close."""
    likely = [entry["name"] for entry in intent_ranking
              if entry.get("name") in QUESTION_TITLES and (entry.get("confidence") or 0.0) >= MIN_CONFIDENCE]
    return likely[:MAX_SUGGESTIONS]


def follow_up_in_context(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """A short follow-up of the last answer, whatever the NLU read it as: answered in context ("c'est gratuit ?" after
    the answer on checking the balance), or a new subject of that answer's question asked ("et avec le téléphone ?"
    after an offence answer); None when the message is neither."""
    in_context = answer_in_context(tracker)
    if in_context:
        # (said of the person whose licence it is, as the answer it follows: "son solde", T10 c28)
        dispatcher.utter_message(text=said_of_the_subject(tracker, in_context))
        # (a hypothesis's facts are not the user's) then the message's other question, which the reply to its first
        # left to its own answer: "pourquoi 9 et pas 10 ? et il aura 12 quand du coup ?" (T51 c02: dropped)
        return restored_facts(tracker) + then_other_question(tracker, "action_suggest_questions")
    if new_subject_in_context(tracker):
        return [FollowupAction("action_apply_correction")]
    return None


def balance_not_known_answer(tracker: Tracker) -> str:
    """The balance not known: how to read it (Mes Points Permis, the relevé intégral, L.225-3), then the facts that
    let it be computed, about the offence the message mentions when it dates one ("un truc en 2024")."""
    return f"{HOW_TO_CHECK_BALANCE}\n\n{estimate_offer(tracker)}"


# "et si je fais un stage (volontaire) ?", "je peux faire un stage après ?" (folded text)
_STAGE_ASKED_AFTER = re.compile(r"\b(?:et si|si|je peux|peut|puis-je)\b[^?.!]{0,25}\bstages?\b")


class ActionSuggestQuestions(Action):
    def name(self) -> Text:
        return "action_suggest_questions"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        designation = designation_answer(tracker)
        if designation:  # "c'est la voiture de ma boîte, je dois désigner ?" (L.121-6), before any follow-up's reading
            dispatcher.utter_message(text=designation)
            return []
        supposed = stage_supposed_before_48si_answer(tracker)
        if supposed:
            # "non je parle d'un stage qu'on aurait fait AVANT de recevoir la lettre, ça aurait marché ?" after a 48SI:
            # the stage supposed before its notification (R18; T33 c05 got "C'est noté. Quelle est votre question ?")
            dispatcher.utter_message(text=supposed)
            return restored_facts(tracker)  # (the stage supposed is not the user's)
        missed = stage_day_missed_answer(tracker)
        if missed:
            # "si je rate la 2e journée à cause d'un rdv médical, j'ai quand même les points ?" after the stage's sheet:
            # a stage missed in part gives no points (R11: R.223-5, R.223-8; T61 c23 got a request to rephrase)
            dispatcher.utter_message(text=missed)
            return [SlotSet("last_question", "action_answer_stage_info")]
        followed = follow_up_in_context(dispatcher, tracker)
        if followed is not None:
            return followed
        above = above_maximum_asked(tracker)
        if above:  # "on peut avoir plus de 12 points ou pas ?", "15 points c possible ?" (R1; T50 c10)
            dispatcher.utter_message(text=above)
            return []
        part = stage_info_for((tracker.latest_message or {}).get("text")) \
            if previous_answer(tracker) == "action_answer_stage_info" else STAGE_INFO
        if part != STAGE_INFO:
            # "vous répondez pas à ma question, paiement en 3 fois possible ou pas ?" after the stage's card: the one
            # part of the card it asks (T62 c22 got a request to rephrase)
            dispatcher.utter_message(text=part)
            return [SlotSet("last_question", "action_answer_stage_info")]
        licence = licence_told_by_pronoun(tracker)
        if licence and latest_text_says(tracker, _STAGE_ASKED_AFTER):
            # "je l'ai eu le 3 avril 2026. et si je fais un stage volontaire après ?" after the licence's date was
            # approximated: that licence's day, then what the stage gives, its form asking what it still needs (R5,
            # R12; tester T43 c25 got the suggestions, then "vers le 1er avril 2026" again)
            return [SlotSet("licence_date", licence), FollowupAction("points_after_stage_form")]
        closing = closing_reply(tracker)
        if closing:
            # "ah ok merci, c'était une blague lol": a thank-you that asks nothing, not a question to rephrase (T19 c11)
            dispatcher.utter_message(response=closing)
            return []
        if latest_text_says(tracker, _JUST_ASKING) and "?" not in ((tracker.latest_message or {}).get("text") or ""):
            # "j'en ai pas reçu, c'était juste pour savoir" after a letter's answer: nothing to answer, not a question
            # to rephrase (tester T14 c14)
            dispatcher.utter_message(text="Entendu ! N'hésitez pas si vous avez une autre question.")
            return []
        if last_bot_question(tracker):
            # "pas encore, il va le déposer demain", "le 2 décembre" to the day the licence is (or will be) handed back,
            # or to another date the assistant asked after an answer: that answer, read by the correction action (R20;
            # tester T28 c05 got a request to rephrase, then "Quelle est votre question ?")
            return [FollowupAction("action_apply_correction")]
        if tracker.get_slot("last_question") and latest_text_says(tracker, CORRECTION) and (
                tracker.latest_message or {}).get("entities"):
            # "ah non en fait c'était pour avoir tourné sans clignotant" after an answer: a fact of it corrected
            return [FollowupAction("action_apply_correction")]
        deadline = _deadline_of_the_stage(tracker) if tracker.get_slot("last_question") in ANSWERS_OF_THE_48N and \
            latest_text_says(tracker, ASKS_DEADLINE) else None
        if deadline:
            # "j'ai pas encore réservé, c'est justement pour savoir jusqu'à quand j'ai le droit" after the 48N's answer,
            # too long for a follow-up: the deadline it gave (R15; tester T20 c12 got a request to rephrase)
            reminding(dispatcher, tracker, recompute=False).utter_message(text=deadline)
            return []
        told_stage = stage_day_told_in_time_asked(tracker)
        if told_stage:
            # "48n reçue le 2 août. stage trouvé le 1er et 2 décembre. ça passe ?": that stage against the deadline
            # (R15; T37 c33 got the deadline alone)
            return [SlotSet("stage_first_day", told_stage), FollowupAction("action_answer_mandatory_stage")]
        if stage_in_time_asked(tracker):
            # "je veux savoir si le stage du 3 décembre est dans les temps !!" after a 48N: the stage against the
            # deadline (R15, R16; tester T20 c24 got a request to rephrase)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        if tracker.get_slot("last_question") and stage_days_told(tracker):
            # "ok donc le 27 et 28 février ça passe ?" after an answer: the stage's two days, that answer's question
            # again with them (T7 c19)
            return [FollowupAction("action_apply_correction")]
        if licence_again_after_invalidation(tracker):
            # "et du coup ? je repasse tout ? quand ?" after a 48SI notified: the new licence's day and exams (R20;
            # tester T55 c18 got a request to rephrase)
            return ActionAnswerZeroPoints().run(dispatcher, tracker, domain)
        if asks_when_withdrawn(tracker):
            # "à partir de quand les points sont retirés quand on conteste ?" read with too little confidence: the
            # words say the question (R2)
            return ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        if paid_by_owner_without_naming(tracker):
            # "flashé avec mon véhicule de fonction, mon patron a payé l'amende, je vais perdre des points ?": no
            # points for anyone, the company owes the fine for not designating the driver (R21, L.121-6)
            return [FollowupAction("offence_points_form")]
        if stage_timing_with_pending_retrait(tracker):
            # "amende pour téléphone, 9 points avant… je fais le stage avant ou après avoir payé ?" (R18)
            return [FollowupAction("stage_eligibility_form")]
        court = court_stage_answer(tracker)
        if court is not None:
            # "le juge m'a imposé un stage le 15 mars 2026, puis j'ai fait un stage volontaire les 20 et 21 avril, j'avais
            # 6 points, j'en ai combien ?": what each stage gives, the voluntary one from the balance told (R11 ex. 2)
            dispatcher.utter_message(text=court)
            return [SlotSet("last_question", "action_answer_stage_eligibility")]
        side = side_question_answer((tracker.latest_message or {}).get("text"),
                                    (tracker.latest_message or {}).get("entities"))
        if side:
            # "un solde de points pour chaque permis ou un seul ?", "le tel sur un support, juste le GPS ?", "le stage
            # en présentiel c'est obligatoire ?" read with too little confidence: answered (R1, R4, R11; T20 c11,
            # c16, c29), not a request to rephrase
            dispatcher.utter_message(text=side)
            return []
        beside = outside_the_points_system((tracker.latest_message or {}).get("text"))
        if beside:
            # "je peux conduire en Espagne avec mes points ?" (T6 r150): beside the points system, where to look (once),
            # not a request to rephrase a question the assistant cannot answer
            reminding(dispatcher, tracker, recompute=False).utter_message(text=beside)
            return []
        if latest_text_says(tracker, BALANCE_NOT_KNOWN):
            # "je sais pas combien j'en ai vraiment, j'ai eu un truc en 2024 je crois": where to read the balance, and
            # what to tell for it to be computed (tester T15 c14 got "Je n'ai pas bien compris")
            dispatcher.utter_message(text=balance_not_known_answer(tracker))
            return [SlotSet("last_question", "action_answer_check_balance")]
        to_lose = points_to_lose_answer(tracker)
        if to_lose:
            # "je peux en perdre combien avant qu'on me le retire ?" read with too little confidence (T32 c23)
            dispatcher.utter_message(text=to_lose)
            return [SlotSet("last_question", "action_answer_zero_points")]
        most = most_points_at_once_answer(tracker, today())
        if most:
            # "c'est possible d'avoir 9 points en moins d'un coup ?": the rule of the most points at once (R3), not
            # "J'ai noté les informations de votre message, mais pas votre question" (tester T19 c29)
            dispatcher.utter_message(text=most)
            return [SlotSet("last_question", "action_answer_offence_points")]
        likely = suggested_questions((tracker.latest_message or {}).get("intent_ranking") or [])
        if asks_the_balance_in_short(tracker):
            # "ok mais en chiffres, j'ai combien là ?" after an offence's answer: "combien" is the points, unless money
            # is said (tester T9 c32: the fine was answered)
            return [FollowupAction("action_answer_check_balance")]
        if "ask_check_balance" in likely and asks_the_balance_after_a_story(tracker):
            # "…j'ai fait le stage les 12 et 13 janvier. J'ai combien de points maintenant ?": the story's facts
            # drown the question; its last sentence asks the balance, which the facts may give
            return [FollowupAction("action_answer_check_balance")]
        if asks_the_balance_before_its_story(tracker):
            return [FollowupAction("action_answer_check_balance")]
        if asks_the_balance_of_the_story(tracker):
            # "ok mais du coup il a combien de points aujourd'hui mon élève, avec les 2 infractions ?" after a
            # correction: the balance of the retraits told in the conversation (T26 c01 got "Je n'ai pas bien compris",
            # twice)
            return [FollowupAction("action_answer_check_balance")]
        if asks_the_recovery_after_a_story(tracker):
            # "J'ai payé le 29 octobre une amende à 1 point. J'avais aussi grillé un stop… Est-ce que le point m'a été
            # rendu, et quand ?": several offences told with their dates, the question asks their return (R8–R10)
            return [FollowupAction("action_answer_auto_recovery")]
        text = (tracker.latest_message or {}).get("text") or ""
        # (a short message is its own question clause: "mon fils est jeune conducteur, il va recevoir une lettre ?")
        asked = story_question(text) or (question_of(text, text) if len(text) < LONG_MESSAGE_CHARS else None)
        if asked is None and slots_set_by_latest_message(tracker).get("offence_type") and \
                (_ASKS_AN_OFFENCE_S_COST.search(fold(text)) or "?" not in text):
            # "en 2e année de probatoire, excès de 15 km/h, combien de points ?", or the offence told alone ("excès de
            # 15 km/h sur une route à 80 pendant ma 2e année de probatoire"): its points, class and fine (R4), as an
            # offence told outside a question is answered (actions.corrections); the limit is asked when it decides
            # the class (it got the suggestions, then "80" was read as an excess of 80 km/h)
            asked = "ask_offence_points"
        if asked is None and slots_set_by_latest_message(tracker).get("offence_type") and ASKS_RISK.search(fold(text)):
            # "Il s'est fait arrêter le 5 novembre pour alcool 0,4 g/l et téléphone… Qu'est-ce qui va se passer ?": the
            # consequences of the offence told, a question of its own (T30 c24 got "J'ai noté les informations de votre
            # message, mais pas votre question"): for a licence in probation, its answer (retrait, 48N or 48SI, frozen
            # ceiling: R7, R15, R18, R20); otherwise the offence's points, class and fine (R4)
            if probation_said(tracker):
                return [FollowupAction(FORM_OF_QUESTION["ask_probation"])]
            asked = "ask_offence_points"
        if asked is None and _ASKS_OWN_CEILING.search(fold(text)):
            # "Bjr, g eu mon permis il y a 18 mois, c quoi mon plafond": the licence's ceiling, the probation's answer
            # (R5, R7), its form asking what it lacks (tester T49 c18 got "J'ai noté les informations…" and buttons)
            return [FollowupAction(FORM_OF_QUESTION["ask_probation"])]
        if asked in STORY_QUESTIONS and any(value is not None for value in slots_set_by_latest_message(tracker).values()):
            # "mon fils a eu son permis en janvier…, il va perdre combien de points ?": the story's facts drown the
            # question for the NLU; its question clause says it, and the facts are kept for its answer
            return [FollowupAction(FORM_OF_QUESTION.get(asked) or asked.replace("ask_", "action_answer_", 1))]
        answered = (previous_answer(tracker) or "").replace("action_answer_", "ask_", 1)
        if asked in STORY_QUESTIONS and answered and asked != answered and not _form_asked_since_answer(tracker) \
                and not (tracker.active_loop or {}).get("name"):
            # "ok mais le stage je peux le faire et j'aurai combien ?" after the refund's answer: another question, its
            # words say which, answered with the facts already told (T30 c28 got "Je n'ai pas bien compris votre
            # question sur le remboursement de l'amende" and a menu)
            return [FollowupAction(FORM_OF_QUESTION.get(asked) or asked.replace("ask_", "action_answer_", 1))]
        if tracker.get_slot("letter_code") and "letter_code" in slots_set_by_latest_message(tracker) \
                and asked is None:
            # "jai recu une 48si": a letter told with no other question, what it means and what to do (R19)
            return [FollowupAction("action_answer_letter")]
        previous = previous_answer(tracker)
        # (or a stage's day: "et si il a déjà fait un stage volontaire en mars ?" after the 48N's deadline, T27 c02)
        told = any(value is not None for value in slots_set_by_latest_message(tracker).values()) or \
            bool(told_retraits_in_latest_message(tracker)) or any(
                e.get("entity") == "date" and e.get("role") == "stage"
                for e in (tracker.latest_message or {}).get("entities") or [])
        if previous and not _form_asked_since_answer(tracker) and not (tracker.active_loop or {}).get("name"):
            if told:
                # "tu peux pas me le calculer ? j'ai eu 12 puis un feu rouge payé en mai 2025" after how to check the
                # balance, "et les 6 mois ils commencent quand si je le rends demain ?" after a 48SI: facts told for
                # the last answer's question, which is answered again with them (T8 c16, c33)
                return [FollowupAction("action_apply_correction")]
            # nothing to answer it from: a request to rephrase that names the topic the conversation is on, and offers
            # it first (not the generic menu)
            dispatcher.utter_message(text=rephrase_on_topic(previous), buttons=topic_buttons(previous, likely))
            return []
        buttons = [{"title": QUESTION_TITLES[intent], "payload": f"/{intent}"}
                   for intent in likely or DEFAULT_SUGGESTIONS]
        if likely and any(value is not None for value in slots_set_by_latest_message(tracker).values()):
            # the facts of the message are kept (slot mappings ran): one click asks the question with them
            text = ("J'ai noté les informations de votre message, mais pas votre question. "
                    "Laquelle de ces questions voulez-vous poser ?")
            buttons.append({"title": "Autre chose", "payload": "/help"})
        elif likely:
            text = "Je n'ai pas bien compris. Pouvez-vous reformuler ? Vouliez-vous parler de :"
            buttons.append({"title": "Autre chose", "payload": "/help"})
        else:
            text = "Je n'ai pas bien compris. Pouvez-vous reformuler ? Voici ce que je sais faire :"
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


# The topic of each answer, as a request to rephrase names it.
ANSWER_TOPICS = {
    "action_answer_points_after_stage": "vos points après le stage",
    "action_answer_stage_eligibility": "le stage que vous pouvez faire",
    "action_answer_auto_recovery": "la récupération de vos points",
    "action_answer_probation": "votre permis probatoire",
    "action_answer_offence_points": "les points de l'infraction",
    "action_answer_mandatory_stage": "le stage obligatoire (lettre 48N)",
    "action_answer_refund_48n": "le remboursement de l'amende",
    "action_answer_letter": "votre lettre",
    "action_answer_zero_points": "l'invalidation de votre permis",
    "action_answer_retrait_timing": "le moment où les points sont retirés",
    "action_answer_check_balance": "votre solde de points",
    "action_answer_stage_info": "le déroulement du stage",
    "action_answer_suspension": "la suspension de votre permis",
}


def rephrase_on_topic(previous: str) -> str:
    """A request to rephrase a follow-up of the answer `previous` that nothing answers, naming that answer's topic."""
    topic = ANSWER_TOPICS.get(previous)
    on = f" sur {topic}" if topic else ""
    return (f"Je n'ai pas bien compris votre question{on}. Pouvez-vous la reformuler en une phrase ? Je garde ce que "
            "vous m'avez déjà dit. Vous pouvez aussi choisir :")


def topic_buttons(previous: str, likely: List[str]) -> List[Dict[str, str]]:
    """The question of the last answer first, then the likely ones, then "Autre chose"."""
    intent = previous.replace("action_answer_", "ask_", 1)
    intents = list(dict.fromkeys(([intent] if intent in QUESTION_TITLES else []) + likely))[:MAX_SUGGESTIONS]
    return [{"title": QUESTION_TITLES[name], "payload": f"/{name}"} for name in intents] + [
        {"title": "Autre chose", "payload": "/help"}]


class ActionGreet(Action):
    """A greeting. One that carries facts ("Bonjour, ma 48N est arrivée", "bonjour j'ai 6 points et un stage en
    janvier") is greeted, then read as a message whose question the NLU was unsure of: its facts are kept and its
    question asked or proposed."""

    def name(self) -> Text:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if not (tracker.latest_message or {}).get("entities"):
            dispatcher.utter_message(response="utter_greet")
            return []
        dispatcher.utter_message(text="Bonjour !")
        return ActionSuggestQuestions().run(dispatcher, tracker, domain)


class ActionOutOfScope(Action):
    """A message read as off-topic: a short follow-up of the last answer ("et en trottinette électrique ?" after a
    cyclist's red light) is answered in context; anything else gets the polite refusal and what the assistant does."""

    def name(self) -> Text:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        designation = designation_answer(tracker)
        if designation:  # "c'est la voiture de ma boîte, je dois désigner ?": read as off-topic, answered (L.121-6)
            dispatcher.utter_message(text=designation)
            return []
        followed = follow_up_in_context(dispatcher, tracker)
        if followed is not None:
            return followed
        beside = outside_the_points_system((tracker.latest_message or {}).get("text"))
        if beside:  # "mon permis marocain est valable en France ?": where to look (ANTS, service-public.fr), once
            reminding(dispatcher, tracker, recompute=False).utter_message(text=beside)
            return []
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionBotChallenge(Action):
    """"tu es un robot ?": the assistant says what it is. A short follow-up of the last answer read as such ("c'est un
    délit ou pas ?" after an offence: the "ou pas" of "t'es un robot ou pas ?") is answered in context first, as
    off-topic messages and greetings are."""

    def name(self) -> Text:
        return "action_bot_challenge"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        followed = follow_up_in_context(dispatcher, tracker)
        if followed is not None:
            return followed
        dispatcher.utter_message(response="utter_iamabot")
        return []


# what an offence costs, asked without saying whose balance: "combien de points ?", "quelle amende ?", "ça coûte quoi ?"
# "c'était juste pour savoir", "par curiosité", "pour info", "je me renseigne" (folded)
_JUST_ASKING = re.compile(r"\bjuste pour savoir\b|\bc'?\s?(?:etait|est) (?:juste |seulement )?pour savoir\b"
                          r"|\bpar (?:simple )?curiosite\b|\bpour info\b|\bje me renseigne\b|\bsimple question\b")
_ASKS_AN_OFFENCE_S_COST = re.compile(r"\bcombien de (?:points|pts)\b|\bquelle amende\b|\bcombien d'amende\b"
                                     r"|\bca (?:me |lui )?coute (?:combien|quoi)\b|\bcombien (?:ca|cela) (?:me |lui )?coute\b"
                                     r"|\bje risque quoi\b"
                                     # "Ça fait quoi pour moi ?", "ça donne quoi ?", "qu'est-ce que ça implique ?"
                                     # after an offence told (tester T23 c28 got the suggestions)
                                     r"|\bca (?:me |lui )?(?:fait|donne|implique|change) quoi\b"
                                     r"|\bqu'?\s?est[- ]ce que (?:ca|cela) (?:me |lui )?(?:fait|donne|implique|change)\b"
                                     r"|\bquelles? (?:sont les )?consequences?\b")


def asks_the_balance_in_short(tracker: Tracker) -> bool:
    """A short message that asks how many points ("j'ai combien là ?", "il m'en reste combien ?"), money not said."""
    from actions.follow_ups import FOLLOW_UP_MAX_CHARS, asks_the_fine
    text = fold((tracker.latest_message or {}).get("text") or "")
    return len(text) <= FOLLOW_UP_MAX_CHARS and bool(_STORY_ASKS_BALANCE.search(text) or _SHORT_ASKS_BALANCE.search(text)) \
        and not asks_the_fine(text)


# "il m'en reste combien ?", "je suis à combien ?", "ça me laisse combien ?"
_SHORT_ASKS_BALANCE = re.compile(r"\b(?:il m'en reste|m'en reste|je suis a|j'en suis a|jsuis a|chui a|me laisse|ca me laisse"
                                 # of someone else's licence: "il lui en reste combien", "elle est à combien"
                                 r"|il lui (?:en )?reste|lui en reste|(?:il|elle) (?:en )?est a|ca lui laisse)"
                                 r" combien\b")


def asks_the_balance_after_a_story(tracker: Tracker) -> bool:
    """A story of several sentences whose question sentence asks today's balance."""
    question = question_sentence((tracker.latest_message or {}).get("text") or "")
    return bool(question) and bool(_STORY_ASKS_BALANCE.search(fold(question)))


# (unlike a short follow-up, the story's question may ask the return dates too: "combien il me reste et quand je
# récupère le point ?"; the balance answer gives both)
_STORY_ASKS_BALANCE = re.compile(r"\b(?:combien|cb) (?:de (?:points|pts) )?(?:il me reste|me reste|j'?\s?ai|j'en ai"
                                 r"|il m'en reste"
                                 # of someone else's licence (a parent, a secretary): "combien il lui reste", "combien
                                 # de points il a", "il a combien de points aujourd'hui" (T26 c01)
                                 r"|il lui (?:en )?reste|lui reste|(?:il|elle) (?:en )?a)\b"
                                 r"|\bj'?\s?ai (?:combien|cb)\b|\b(?:il|elle) (?:en )?a (?:combien|cb)\b"
                                 r"|\breste (?:combien|cb)\b|\bmon solde\b|\bson solde\b")


def asks_the_balance_of_the_story(tracker: Tracker) -> bool:
    """The question sentence of the message asks today's balance, no stage named, money not asked, and the
    conversation has told dated retraits it is computed from (R1)."""
    from actions.follow_ups import asks_the_fine
    text = (tracker.latest_message or {}).get("text") or ""
    # (a single long sentence: what follows its last comma, "…flashé à 95 sur une route à 80 le mois dernier, cb il me
    # reste de points ?", tester T32 c01 got "J'ai noté les informations de votre message, mais pas votre question")
    question = fold(question_sentence(text) or (text if len(text) < LONG_MESSAGE_CHARS else "")
                    or " ".join(story_questions(text)))
    return bool(question) and bool(_STORY_ASKS_BALANCE.search(question)) and not asks_the_fine(question) and \
        not re.search(r"\bstages?\b|\bsi\b", question) and bool(told_retraits(tracker))


def asks_the_balance_before_its_story(tracker: Tracker) -> bool:
    """"ben cb jai de points. une pour 25 km/h de trop le 10 janvier 2025 payée le 15 janvier, et un stop le 3 aout
    2026 payé le 6 aout": a sentence that only asks the balance, then the retraits it is computed from (R1; tester T23
    c20 got the points lost, 6, not the balance, 2, until asking again)."""
    text = (tracker.latest_message or {}).get("text") or ""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    return len(sentences) >= 2 and bool(told_retraits_in_latest_message(tracker)) and any(
        _STORY_ASKS_BALANCE.search(fold(sentence)) and len(sentence.split()) <= 8 for sentence in sentences)


def asks_the_recovery_after_a_story(tracker: Tracker) -> bool:
    """A story of several offences, each told with its dates, whose question sentence asks when points come back; or
    of one, when that sentence names the points or the 10 years' rule ("est-ce que les 4 points de 2016 me reviennent
    en mai 2026 avec la règle des 10 ans ?": T51 c29 got "J'ai noté les informations … mais pas votre question")."""
    question = question_sentence((tracker.latest_message or {}).get("text") or "")
    if not question or not _STORY_ASKS_RECOVERY.search(fold(question)):
        return False
    told = len(told_retraits_in_latest_message(tracker))
    return told > 1 or (told == 1 and bool(_NAMES_POINTS_OR_TEN_YEARS.search(fold(question))))


_STORY_ASKS_RECOVERY = re.compile(r"\brecup\w*|\brendu\w*|\brevien\w*|\brevenu\w*|\bretrouv\w*")
# (one retrait told: the question names its points, or the 10 years' rule, not a licence handed back, R10)
_NAMES_POINTS_OR_TEN_YEARS = re.compile(r"\bpoints?\b|\bpts?\b|\b(?:10|dix) ans\b")
