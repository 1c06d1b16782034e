"""The balance a stage is credited on, with the user's retraits counted once: before the stage when recorded by its
first day, after it when still to come (R1, R2, R12, R18 example 1), in the stage's answer and in its what-ifs
(answers.balance_on_stage_first_day). Outside testers, BOT_TODAY=2026-12-01: T5 c36, c59, c68, T6 n050."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run

DAY = "2026-12-01"


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def mapped(domain, text: str, intent: str) -> Dict[str, Any]:
    """The slots Rasa fills from the message outside a form: a text slot keeps the last of several values."""
    from tests.actions.test_probation_facts import mapped_slots
    lists = {name for name, slot in domain["slots"].items() if slot.get("type") == "list"}
    return {name: value[-1] if isinstance(value, list) and name not in lists else value
            for name, value in mapped_slots(domain, text, intent, DAY).items()}


class Chat:
    """A conversation as the Rasa server sends it to the action server: events, and the slots they leave."""

    def __init__(self, domain):
        self.domain = domain
        self.events: List[dict] = []
        self.slots: Dict[str, Any] = {}

    def say(self, text: str, intent: str, action, known: Optional[Dict[str, Any]] = None) -> str:
        new = {**mapped(self.domain, text, intent), **(known or {})}
        tracker = make_tracker(slots=self.slots, new_slots=new, intent=intent, text=text,
                               entities=parsed(text, DAY), history=list(self.events))
        self.events, self.slots = tracker.events[:], dict(tracker.slots)
        events, reply = run(action, tracker, self.domain)
        self.events += [{"event": "action", "name": action.name()}, {"event": "bot", "text": reply}, *events,
                        {"event": "action", "name": "action_listen"}]
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        return reply


def stage_answer(domain, text: str, **known) -> str:
    chat = Chat(domain)
    return chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                    {"previous_stage_date": "none", **known})


# --- T6 n050: two paid offences told in one story, each counted once from the balance told before them

TWO_PAID = [
    ("Bonjour, j'ai mon permis depuis 2010 et j'avais 12 points. En mars 2026 j'ai grillé un feu rouge, amende payée "
     "le 20 mars 2026. Puis en septembre j'ai été flashé à 20 km/h au dessus, payé le 15 septembre 2026. Si je fais "
     "un stage les 14 et 15 décembre, j'aurai combien de points ?", 6),
    ("Au départ j'avais 12 points. Feu rouge payé le 20 mars 2026 et un excès de 25 km/h payé le 15 septembre 2026, "
     "permis de 2010. Stage prévu le 14 décembre, je serai à combien ?", 6),
    ("permis 2012, j'avais 12 pts avant : téléphone au volant payé le 2 avril 2026 et un stop payé le 10 août 2026. "
     "stage le 14 décembre ça me fait combien ?", 5),
]


@pytest.mark.parametrize("text, walked", TWO_PAID)
def test_two_paid_offences_are_each_subtracted_once_from_the_balance_told_before(domain, text, walked):
    answer = stage_answer(domain, text)
    assert answer.startswith(f"Le stage vous rendra 4 points, avec effet au 16 décembre 2026 : votre solde passera de "
                             f"{walked} à {walked + 4} points"), answer
    assert f"J'ai compté les 12 points que vous aviez avant vos infractions, moins les retraits enregistrés d'ici " \
           f"le 14 décembre 2026 : {walked} points ce jour-là." in answer
    assert "déjà au plafond" not in answer and "pas encore enregistré" not in answer


@pytest.mark.parametrize("text, walked", TWO_PAID[:2])
@pytest.mark.parametrize("what_if", ["et si je le fais en janvier ?", "et si je fais le stage le 12 janvier ?"])
def test_the_what_if_of_that_stage_counts_the_same_balance(domain, text, walked, what_if):
    # the December stage told is the one moved, not a stage done before the January one (R12, R13)
    chat = Chat(domain)
    chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"previous_stage_date": "none"})
    reply = chat.say(what_if, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si le stage commence le "), reply
    assert f"votre solde passera de {walked} à {walked + 4} points" in reply and "C'est une hypothèse" in reply
    assert chat.slots["stage_first_day"] == "2026-12-14"


# --- T5 c59: the balance told before an offence paid recently is not today's balance

BEFORE_A_RECENT_ONE = [
    "j'avais 12 points, j'ai eu un excès de vitesse de 25 km/h, payé le 3 novembre, je fais un stage le 14 décembre, "
    "j'aurai combien ? permis depuis 2012",
    "permis obtenu en 2012. J'avais 12 points avant de me faire flasher à 25 km/h au dessus, amende réglée le 3 "
    "novembre. Si je fais un stage le 14 décembre je serai à combien ?",
    "avant mon excès de vitesse de 25 km/h (payé le 3 novembre 2026) j'avais 12 points, permis obtenu en 2012 : si je "
    "fais un stage le 14 décembre, il me rendrait combien ?",
]


@pytest.mark.parametrize("text", BEFORE_A_RECENT_ONE)
def test_a_recent_retrait_after_the_balance_told_is_counted_once_after_the_stage(domain, text):
    # 12 before a 2-point excess paid 3 November 2026, likely not recorded by 14 December: a stage then is capped at
    # 12 and the retrait follows (10); recorded first, 10 + 2 = 12: better wait (R18 example 1)
    answer = stage_answer(domain, text)
    assert answer.startswith("Mieux vaut attendre que le retrait de 2 points soit enregistré"), answer
    assert "vous passeriez alors de 10 à 12 points" in answer and "solde final 10 points" in answer
    assert "votre solde sans ce retrait (12) est déjà au plafond de 12 points" in answer
    assert "Aucun point à gagner : votre solde (12)" not in answer
    assert "J'ai compté les 12 points que vous aviez avant votre infraction." in answer
    assert "S'il l'est déjà (voyez « Mes Points Permis »), le stage part de 10 points." in answer


@pytest.mark.parametrize("text", BEFORE_A_RECENT_ONE)
def test_a_stage_after_the_retrait_is_recorded_starts_from_the_balance_after_it(domain, text):
    answer = stage_answer(domain, text, stage_first_day="2027-02-15")
    assert answer.startswith("Le stage vous rendra 2 points, avec effet au 17 février 2027 : votre solde passera de 10 à "
                             "12 points"), answer
    assert "déjà au plafond" not in answer and "pas encore enregistré" not in answer


@pytest.mark.parametrize("text", BEFORE_A_RECENT_ONE[:2])
def test_the_january_what_if_of_that_stage_keeps_the_retrait_and_the_ceiling_of_12(domain, text):
    # T5 c59/c68: "et si je fais le stage en janvier ?" was dropped to the form ("au plafond", the retrait forgotten),
    # and a licence of 2012 is not probationary: its ceiling is 12, never 6 (R1, R5)
    chat = Chat(domain)
    chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"previous_stage_date": "none"})
    reply = chat.say("et si je fais le stage en janvier ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si le stage commence le 1er janvier 2027, alors :"), reply
    assert "vous passeriez alors de 10 à 12 points" in reply and "solde final 10 points" in reply
    assert "plafond de 12 points" in reply and "plafond de 6" not in reply
    assert chat.slots["stage_first_day"] == "2026-12-14"


# --- T5 c36: a retrait not withdrawn yet, counted once, in the answer and in its follow-ups

@pytest.mark.parametrize("text", [
    "j'avais 8 points avant le retrait de 3 points, si je fais un stage le 14 décembre j'aurai combien ?",
    "il me restait 8 points avant de perdre 3 points, pas encore enregistré, et je fais un stage le 14 décembre",
])
def test_a_balance_said_before_a_retrait_not_recorded_is_not_subtracted_twice(domain, text):
    # 8, then the stage (+4, 12), then the retrait of 3: 9; waiting, 5 + 4 = 9 too (R18 example 1). Before: 5 + 4 - 3 = 6
    answer = stage_answer(domain, text, licence_date="2012")
    assert answer.startswith("Le stage vous rendra 4 points, avec effet au 16 décembre 2026 : votre solde passera de 8 à "
                             "12 points"), answer
    assert "solde final 9 points" in answer and "solde final 6 points" not in answer


STORY_WITH_A_LETTER_TO_COME = [
    "permis depuis 2012, j'ai 10 points. J'ai eu un excès de vitesse de 35 km/h payé le 20 novembre, je n'ai pas "
    "encore reçu la lettre 48. il me reste combien ?",
    "permis de 2012, 10 points au compteur, excès de 35 km/h payé le 20 novembre 2026, rien reçu encore, j'en ai "
    "combien maintenant ?",
]


@pytest.mark.parametrize("text", STORY_WITH_A_LETTER_TO_COME)
@pytest.mark.parametrize("what_if", ["et si je fais un stage le 10 janvier ?",
                                     "et si je fais un stage le 10 janvier, j'aurai combien ?"])
def test_a_stage_what_if_after_the_balance_counts_the_retrait_to_come_once(domain, text, what_if):
    chat = Chat(domain)
    chat.say(text, "ask_check_balance", answers.ActionAnswerCheckBalance())
    reply = chat.say(what_if, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    # 10 on the file on 10 January, the stage capped at 12 (+2), then the 3 points: 9; recorded first, 7 + 4 = 11
    assert reply.startswith("Si vous faites un stage commençant le 10 janvier 2027, alors :"), reply
    assert "de 10 à 12 points" in reply and "solde final 9 points" in reply and "de 7 à 11 points" in reply
    assert "solde final 8 points" not in reply and "de 7 à 11 points (article" not in reply
    assert chat.slots.get("current_balance") in (None, 10)


@pytest.mark.parametrize("story, known", [
    ("j'ai 9 points, je viens de payer une amende pour un feu rouge", {}),
    ("9 points, et un stop pas encore payé", {"fine_payment_date": "not_paid"}),
])
def test_the_stage_day_is_asked_when_a_retrait_is_still_to_come(domain, story, known):
    # "je sais pas encore" to the day: with a retrait still to come the day decides whether it is recorded before the
    # stage (R18 example 1): not "le jour du stage ne change rien", the day is asked again; without it, not asked
    from tests.actions.test_stage_to_take import ASKED_STAGE_DAY, NINE_POINTS_2015, form_run, said
    history = [{"event": "user", "text": story, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                               "entities": parsed(story, DAY)}}, *ASKED_STAGE_DAY]
    slots = {**NINE_POINTS_2015, "last_offence_points": 4, **known}
    tracker = said("je sais pas encore, pas réservé", "dont_know", slots, {}, form="points_after_stage_form",
                   requested="stage_first_day", history=history)
    asked, messages = form_run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert asked["requested_slot"] == "stage_first_day" and not any("ne change rien" in m for m in messages)
    tracker = said("je sais pas encore, pas réservé", "dont_know", NINE_POINTS_2015, {},
                   form="points_after_stage_form", requested="stage_first_day", history=ASKED_STAGE_DAY)
    assert forms.stage_day_not_needed(tracker)


@pytest.mark.parametrize("text, walked", [
    ("permis depuis 2010, j'avais 12 points, feu rouge payé le 20 mars 2026 et excès de 25 km/h payé le 15 septembre "
     "2026, est-ce que ça vaut le coup de faire un stage ?", 6),
    ("Au départ j'avais 12 points. Feu rouge payé le 20 mars 2026 et un stop payé le 15 septembre 2026, permis obtenu "
     "en 2010. Je peux faire un stage pour récupérer des points ?", 4),
])
def test_whether_a_stage_is_worth_it_reads_the_balance_after_the_retraits_told(domain, text, walked):
    # T6 n050 on the eligibility route: 12 before the retraits is not "déjà au plafond" (R1, R12)
    answer = Chat(domain).say(text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                              {"previous_stage_date": "none"})
    assert answer.startswith("Un stage volontaire peut vous rendre des points dès maintenant"), answer
    assert "Il vous rendrait 4 points (plafond 12)" in answer and "déjà au plafond" not in answer
    assert f"J'ai compté les 12 points que vous aviez avant vos infractions, moins les retraits déjà enregistrés : " \
           f"{walked} points aujourd'hui." in answer


@pytest.mark.parametrize("what_if", ["et si je fais un stage en janvier, j'aurai combien ?",
                                     "et si je fais le stage en janvier, il me restera combien ?"])
def test_a_stage_moved_to_january_with_a_balance_question_is_the_stage_moved(domain, what_if):
    # T5 c36: after the stage's answer, "…en janvier, j'aurai combien ?" was read as the balance on 31 January (the
    # December stage then counted as done) instead of the stage moved to January, the retrait to come counted once
    chat = Chat(domain)
    first = chat.say("j'ai 10 points, j'ai grillé un feu rouge et j'ai payé l'amende le 25 novembre, les points ne sont "
                     "pas encore retirés. Si je fais un stage le 14 décembre, j'aurai combien ?",
                     "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                     {"previous_stage_date": "none", "licence_date": "2012"})
    assert "de 10 à 12 points" in first and "solde final 8 points" in first, first
    reply = chat.say(what_if, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si le stage commence le 1er janvier 2027, alors :"), reply
    assert "de 10 à 12 points" in reply and "solde final 8 points" in reply and "Au 31 janvier" not in reply


@pytest.mark.parametrize("story", [
    "j'avais 12 points, j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, il m'en reste combien ?",
    "il me restait 12 points, puis j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, j'en ai combien ?",
])
def test_the_balance_computed_from_the_story_is_not_subtracted_the_retrait_to_come_again(domain, story):
    # 12 - 3 - 1 = 8 today, taken as the balance by the stage's form; the October point may not be recorded by the
    # stage of 14 December: 9 then, +3 (capped at 12), then -1 = 11; waiting, 8 + 4 = 12 (R18 example 1). Before:
    # "de 8 à 12 points" then that point again
    chat = Chat(domain)
    assert chat.say(story, "ask_check_balance", answers.ActionAnswerCheckBalance()).startswith(
        "Solde aujourd'hui : 8 points")
    reply = chat.say("non jamais", "deny", answers.ActionAnswerPointsAfterStage(),
                     {"current_balance": 8, "licence_date": "2010", "stage_first_day": "2026-12-14",
                      "previous_stage_date": "none"})
    assert reply.startswith("Mieux vaut attendre que le retrait de 1 point soit enregistré"), reply
    assert "de 8 à 12 points" in reply and "de 9 à 12 points" in reply and "solde final 11 points" in reply


@pytest.mark.parametrize("text, what_if", [
    ("j'ai grillé un feu rouge, amende payée le 25 novembre 2026, permis depuis 2012, je récupère mes points quand ?",
     "et si je fais un stage en janvier, j'aurai combien ?"),
    ("feu rouge payé le 25 novembre 2026, permis de 2012, quand est-ce que je retrouve mes points ?",
     "et si je fais un stage le 1er janvier ?"),
])
def test_a_stage_what_if_after_a_recovery_counts_its_retrait_to_come_once(domain, text, what_if):
    # 12 before the red light (4 points) paid 25 November 2026, computed 8; likely not recorded on 1 January 2027: a
    # stage then is capped at 12 and the retrait follows (8); recorded first, 8 + 4 = 12 (R18 example 1). Before:
    # 8 → 12, then the 4 points again
    chat = Chat(domain)
    chat.say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
             {"offence_type": "red_light", "last_offence_points": 4, "fine_payment_date": "2026-11-25",
              "licence_date": "2012"})
    reply = chat.say(what_if, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si vous faites un stage commençant le 1er janvier 2027, alors :"), reply
    assert "vous passeriez alors de 8 à 12 points" in reply and "solde final 8 points" in reply
    assert "J'ai compté votre solde de 8 points au 1er janvier 2027" in reply
    assert "dont le retrait de 4 points, sans doute pas encore enregistré ce jour-là" in reply
    assert "solde final 4 points" not in reply


@pytest.mark.parametrize("what_if", ["et si c'était en janvier ?", "et si le stage c'était en janvier ?",
                                     "et si c'était le 12 janvier ?"])
def test_a_past_tense_date_hypothesis_after_a_stage_answer_moves_the_stage_not_the_licence(domain, what_if):
    # T5 c68: the licence's date (2012), told last, was the date moved: "en janvier" made it a licence of January 2026,
    # probationary, and the answer said "au plafond de 6". After a stage's answer, a day said without naming another
    # fact is the stage's, the next one to come (R12, R13); a licence of 2012 keeps its ceiling of 12 (R1, R5)
    chat = Chat(domain)
    chat.say("j'ai 8 points, j'ai un PV pour un stop pas encore payé, si je fais un stage le 14 décembre je serai à "
             "combien ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"previous_stage_date": "none"})
    first = chat.say("2012", "inform", answers.ActionAnswerPointsAfterStage(), {"licence_date": "2012"})
    assert "de 8 à 12 points" in first and "solde final 8 points" in first, first
    reply = chat.say(what_if, "inform", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Si le stage commence le "), reply
    assert "janvier 2027, alors :" in reply.split("\n")[0]
    assert "de 8 à 12 points" in reply and "solde final 8 points" in reply
    assert "plafond de 6" not in reply and "probatoire" not in reply and "obtention du permis" not in reply
    assert chat.slots["licence_date"] == "2012"


# --- T9 c39, c40: the balance a what-if stage starts from is the probationary ceiling on the first offence's day

@pytest.mark.parametrize("story, known, what_if, start, counted", [
    # AAC licence of 21 February 2025: 9 on the day of the excess (28 April 2026), 7 after it (R5, R7)
    ("permis le 21/02/2025 en conduite accompagnée, excès de 22 km/h commis le 28 avril 2026, payé le 10 mai 2026, "
     "j'ai combien de points ?",
     {"licence_date": "2025-02-21", "supervised_driving": True, "complementary_training": False},
     "et si je fais un stage les 11 et 12 janvier 2027, j'aurai combien ? je n'en ai jamais fait", 9, 7),
    # licence of 4 July 2023 without AAC: 6 on the day of the red light (1 March 2024), 2 after it (R5, R7)
    ("j'ai mon permis depuis le 4 juillet 2023, sans conduite accompagnée. J'ai grillé un feu rouge le 1er mars 2025 "
     "et j'ai payé le 10 mars 2025. J'ai combien de points ?",
     {"licence_date": "2023-07-04", "supervised_driving": False, "complementary_training": False},
     "si je fais un stage en janvier 2027 je gagne des points ?", 8, 4),
])
def test_a_stage_what_if_says_the_probationary_ceiling_it_started_from(domain, story, known, what_if, start,
                                                                         counted):
    chat = Chat(domain)
    chat.say(story, "ask_check_balance", answers.ActionAnswerCheckBalance(), known)
    reply = chat.say(what_if, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert f"({start} points avant la première infraction que vous m'avez indiquée)" in reply, reply
    assert f"J'ai compté votre solde de {counted} points" in reply


# --- T10 c25: a client's balance told before a 9-point offence, then the stage (R3, R12, R18 example 4)

def _client_offence(domain) -> Chat:
    # (its 9 points told withdrawn: a délit without amende forfaitaire délictuelle told by its day alone is established
    # by its conviction become final, not 45 days after it, R2; T12 c30: see test_t12_training_and_delit.py)
    chat = Chat(domain)
    chat.say("mon client a perdu 9 points le 4 octobre 2026, controle positif au cannabis et a 0.6g d'alcool en meme "
             "temps. c'est bien ça ?", "ask_offence_points", answers.ActionAnswerOffencePoints(),
             {"offence_type": "alcohol_and_drugs", "offence_date": "2026-10-04"})
    return chat


@pytest.mark.parametrize("text", [
    "il avait 11 pts. il lui en reste 2 du coup ? s'il fait le stage chez nous les 10-11 decembre il remonte a combien",
    "elle en avait 11 avant. s'il fait le stage les 10 et 11 décembre il aura combien ?",
])
def test_the_balance_a_client_had_before_the_offence_is_the_start(domain, text):
    # 11 before, 9 withdrawn: 2, and the stage gives 2 + 4 = 6 on 12 December 2026 (not "2 before", R3, R12)
    reply = _client_offence(domain).say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                                        {"licence_date": "2010", "previous_stage_date": "none",
                                         "stage_first_day": "2026-12-10"})
    assert "passera de 2 à 6 points" in reply and "les 11 points qu" in reply, reply


def test_a_stage_after_retraits_past_minus_three_does_not_save_the_licence(domain):
    # 2 before a 9-point retrait: -7 + 4 = -3, not saved (R18 example 4); it was "0 + 4 = 4, sauvé"
    reply = _client_offence(domain).say(
        "il avait 2 pts avant. s'il fait le stage les 10-11 decembre il remonte a combien", "ask_points_after_stage",
        answers.ActionAnswerPointsAfterStage(),
        {"licence_date": "2010", "previous_stage_date": "none", "stage_first_day": "2026-12-10"})
    assert "-7 + 4 = -3" in reply and "sauvé" not in reply, reply
