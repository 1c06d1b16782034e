"""T54 (replays of T50/T51), helper h125: a stage history told step by step (c22), a stage's days asked about after
the eligibility answer (c05), the 15 days of the refund request questioned (c30), whether a stage is worth it for one
point that comes back by itself (c27). Today: 1 December 2026."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import user_said

TODAY = "2026-12-01"
pytestmark = pytest.mark.usefixtures("first_of_december")

# --- t54-c22: 5 points, stage 10-11 June 2024 (→ 9), red light paid 3 February 2025 (−4 → 5), a second stage 9-10
# June 2025, one day before the year (R13 example 2: 0 points), a third stage planned on 14 December 2026

C22_FIRST = ("Bonjour, je voudrais savoir si je peux encore faire un stage. Je vous raconte : j'avais 5 points et j'ai "
             "fait un stage les 10 et 11 juin 2024.")
C22_LATER_TOLD = ("non. mais après ce stage j'ai grillé un feu rouge, payé le 3 février 2025, et j'ai refait un stage "
                  "les 9 et 10 juin 2025")
EARLIER_STAGE_ASKED = ("Avant ce stage, en aviez-vous déjà fait un qui vous a rendu des points ? Si oui, à quelle date "
                       "a-t-il commencé ?")


def c22_asked_before_the_stage(domain):
    """The form asks for a stage before the one of 10 June 2024 (licence of 2001, 5 points before it)."""
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.slots = {"current_balance": 5, "stage_first_day": "2024-06-10", "licence_date": "2001",
                  "balance_unknown": False, "requested_slot": "previous_stage_date"}
    chat.events = [user_said(C22_FIRST, "ask_points_after_stage"),
                   {"event": "action", "name": "points_after_stage_form"},
                   {"event": "active_loop", "name": "points_after_stage_form"},
                   {"event": "slot", "name": "stage_first_day", "value": "2024-06-10"},
                   {"event": "slot", "name": "current_balance", "value": 5},
                   {"event": "bot", "text": "À quelle date avez-vous obtenu votre permis ?"},
                   {"event": "action", "name": "action_listen"},
                   user_said("en 2001", "inform"),
                   *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                   {"event": "bot", "text": EARLIER_STAGE_ASKED},
                   {"event": "action", "name": "action_listen"}]
    return chat


def test_a_later_stage_told_after_no_earlier_one_is_no_impossible_fact(domain):
    # t54-c22 turn 3: "non. mais après ce stage … j'ai refait un stage les 9 et 10 juin 2025" to the stage before
    # the one of 10 June 2024 got "Impossible de répondre : le stage précédent doit avoir eu lieu avant celui-ci" and
    # the same question again: the "non" answers it; the later stage began one day before the year, 0 points (R13 ex. 2)
    chat = c22_asked_before_the_stage(domain)
    said = chat.read_by_form(C22_LATER_TOLD, "inform", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), requested="previous_stage_date",
                             previous_stage_date="2025-06-09")
    assert chat.slots["previous_stage_date"] == "none"
    reply = chat.answer_after_form(C22_LATER_TOLD, "inform", answers.ActionAnswerPointsAfterStage())
    assert "Impossible" not in said + reply and "Avant ce stage" not in said + reply
    assert "Le stage des 9 et 10 juin 2025 n'a rendu aucun point" in said, said
    assert "moins d'un an après celui du 10 juin 2024" in said and "à partir du 10 juin 2025" in said
    assert "de 5 à 9 points" in reply, reply


def test_a_later_stage_told_with_its_day_alone_is_no_impossible_fact_either(domain):
    # the same later stage told as the answer, more than a year after: no "Impossible", the question asked again
    chat = c22_asked_before_the_stage(domain)
    said = chat.read_by_form("après celui-là j'en ai refait un le 3 septembre 2025", "inform",
                             "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             requested="previous_stage_date", previous_stage_date="2025-09-03")
    assert "Impossible" not in said and "aucun point" not in said
    assert chat.slots.get("previous_stage_date") is None and chat.slots["stage_first_day"] == "2024-06-10"


C22_THIRD = ("ensuite feu rouge payé le 3 fevrier 2025 (-4) et 2eme stage les 9 et 10 juin 2025. et là je voudrais en "
             "faire un 3eme le 14 decembre 2026. j'aurai combien ?")
C22_ASKED = "le stage de juin 2025 il m'a bien rendu des points ? c'etait les 9 et 10 juin"


def c22_answered(domain, **slots):
    """After the answer to the first stage (5 → 9 on 12 June 2024), the last stage with points of 10 June 2024."""
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.slots = {"current_balance": 9, "previous_stage_date": "2024-06-10", "licence_date": "2001",
                  "fine_payment_date": "2025-02-03", "offence_type": "red_light", "balance_unknown": False,
                  "last_question": "action_answer_points_after_stage", **slots}
    chat.events = [user_said(C22_FIRST, "ask_points_after_stage"), {"event": "action", "name": "action_listen"},
                   user_said("en 2001", "inform"), {"event": "action", "name": "action_listen"},
                   user_said(C22_LATER_TOLD, "inform"), {"event": "action", "name": "action_listen"},
                   user_said("Non, jamais", "deny"), {"event": "action", "name": "action_listen"},
                   {"event": "bot", "text": "Le stage vous rend 4 points, avec effet au 12 juin 2024 : votre solde "
                                            "passe de 5 à 9 points (article L.223-6 du Code de la route)."},
                   *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                   {"event": "action", "name": "action_listen"}]
    return chat


def test_a_second_stage_told_within_the_year_is_said_to_have_given_nothing(domain):
    # t54-c22 turn 5: "… 2eme stage les 9 et 10 juin 2025 … un 3eme le 14 décembre 2026, j'aurai combien ?" got 5 → 9
    # with only "J'ai compté les 5 points que vous aviez avant votre infraction": the June 2025 stage began one day
    # before the year since 10 June 2024, 0 points (R13 ex. 2), which is said; the year counts from 10 June 2024
    from actions.corrections import ActionApplyCorrection
    chat = c22_answered(domain)
    reply = chat.say(C22_THIRD, "nlu_fallback", ActionApplyCorrection())
    assert "Le stage des 9 et 10 juin 2025 n'a rendu aucun point" in reply, reply
    assert "de 5 à 9 points" in reply and "16 décembre 2026" in reply
    assert chat.slots["previous_stage_date"] == "2024-06-10"


@pytest.mark.parametrize("asked", [C22_ASKED, "et celui des 9 et 10 juin 2025, j'ai récupéré des points avec ?",
                                   "est-ce que le stage du 9 juin 2025 m'a redonné 4 points ?"])
def test_whether_the_second_stage_gave_points_is_answered_no(domain, asked):
    # t54-c22 turn 6: "le stage de juin 2025 il m'a bien rendu des points ? c'était les 9 et 10 juin" got "Un stage ne
    # vous rendra des points qu'à partir du 14 décembre 2027" and a stage beginning today: no, one day too early (R13)
    chat = c22_answered(domain, stage_first_day="2026-12-14")
    said = chat.read_by_form(asked, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), previous_stage_date="2025-06-09")
    reply = chat.answer_after_form(asked, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert (said + reply).startswith("Aucun point : le stage précédent ayant rapporté des points date du 10 juin 2024"), \
        said + reply
    assert "10 juin 2024" in said + reply and "14 décembre 2027" not in said + reply
    assert "1er décembre 2026" not in said + reply


# --- t54-c05: the last stage on 4-5 December 2025 (R13: points again from 4 December 2026, prudent 5 December), then a
# stage on 2-3 December 2026 asked about: too early, 0 points, whatever the balance

C05_FIRST = "je peux refaire un stage de recup de points ? j'en ai deja fait un l'an dernier"


def c05_answered(domain):
    from tests.actions.conversation import opened
    chat = opened(domain, C05_FIRST, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY,
                  previous_stage_date="2025-12-04")
    assert "à partir du 4 décembre 2026" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text, intent", [
    ("g trouvé une place le 2 et 3 decembre c moins cher, ça passe ?", "ask_stage_info"),
    ("y a une place moins chère les 2 et 3 décembre, ça marche ?", "ask_stage_info"),
    ("un centre propose le 2 et 3 décembre pour 180 €, je peux le prendre ?", "ask_stage_info"),
])
def test_a_stage_day_asked_with_its_price_is_measured_against_the_year(domain, text, intent):
    # t54-c05 turn 3 got the prices only: the days of a stage asked about after the answer that a stage gives points
    # from 4 December 2026 are too early, 0 points (R13 ex. 2), said without asking the balance or the licence's date
    chat = c05_answered(domain)
    reply = chat.say(text, intent, answers.ActionAnswerStageInfo())
    assert reply.startswith("Pour un stage qui commence le 2 décembre 2026 :\nAucun point"), reply
    assert "à partir du 4 décembre 2026" in reply and "Le prix" not in reply
    assert "Combien de points" not in reply and "obtenu votre permis" not in reply


def test_the_price_of_a_stage_asked_alone_is_still_the_price(domain):
    # (the price asked with no stage's days: the information on prices, as before)
    chat = c05_answered(domain)
    reply = chat.say("ça coûte combien un stage ?", "ask_stage_info", answers.ActionAnswerStageInfo())
    assert "Le prix est fixé librement" in reply, reply


# --- t54-c30: 48N received 2 September 2026, stage 29-30 November: refund, request "au plus tard le 15 décembre 2026
# (15 jours après le stage) … à vérifier" (R16: the 15 days are no forfeiture rule found in any text, [U])

C30_FIRST = ("j'ai fini mon stage obligatoire 48N hier (29 et 30 novembre). comment je fais pour me faire rembourser "
             "l'amende ?")


def c30_answered(domain):
    from tests.actions.conversation import opened
    chat = opened(domain, C30_FIRST, "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY,
                  letter_48n_date="2026-09-02", stage_first_day="2026-11-29")
    assert "au plus tard le 15 décembre 2026" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text", ["t'es sûr pour les 15 jours ? si j'envoie le 20 décembre c'est perdu ?",
                                  "et si je l'envoie le 20 décembre je perds le remboursement ?"])
def test_a_request_sent_after_the_15_days_is_not_said_lost(domain, text):
    # t54-c30 turn 4 got "Je n'ai pas bien compris": after the 15 days, yes, but no text removes the refund (R16 [U])
    from actions.fallback import ActionSuggestQuestions
    chat = c30_answered(domain)
    reply = chat.say(text, "nlu_fallback", ActionSuggestQuestions())
    assert "20 décembre 2026 est après le délai indiqué" in reply, reply
    assert "Aucun texte ne prévoit" in reply and "pas bien compris" not in reply


@pytest.mark.parametrize("text", ["le délai de 15 jours pour envoyer la demande de remboursement, il est obligatoire ?",
                                  "vous êtes sûr pour les 15 jours ?"])
def test_whether_the_15_days_are_binding_is_answered(domain, text):
    # t54-c30 turn 5 got the whole refund card again: the 15 days are service-public's, no text makes them a
    # forfeiture (R16 [U]); the request as soon as possible
    from actions.fallback import ActionSuggestQuestions
    chat = c30_answered(domain)
    reply = chat.say(text, "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert "Aucun texte" in reply and "15 décembre 2026" in reply, reply
    assert "Envoyez au comptable public" not in reply


# --- t54-c27: 1 point (87 on an 80 road) paid in early July 2026, 11 points: the point comes back by itself in January
# 2027 (R8); a stage would give it a month earlier and use up the year (R1 ex. 2, R13)

C27_ASKED = "j'ai 11 points là. ça vaut le coup de faire un stage maintenant ?"


def c27_answered(domain):
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.slots = {"current_balance": None, "fine_payment_date": "2026-07-10", "last_offence_points": 1,
                  "offence_class": "c3", "offence_type": "speeding", "speed_limit": 80, "balance_unknown": False,
                  "last_question": "action_answer_auto_recovery"}
    from tests.actions.conftest import parsed
    told = [("salut, g perdu 1 point pour un petit exces (87 retenu sur une route a 80), payé y'a 5 mois. Je le recup "
             "qd ?", "ask_auto_recovery"), ("ben je t'ai dit, y'a 5 mois, debut juillet quoi", "inform")]
    chat.events = [*({"event": "user", "text": text, "parse_data": {"intent": {"name": intent},
                                                                     "entities": parsed(text, TODAY)}}
                     for text, intent in told),
                   *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                   {"event": "action", "name": "action_answer_auto_recovery"},
                   {"event": "bot", "text": "Le point retiré pour l'infraction payée le 10 juillet 2026 revient le 10 "
                                            "janvier 2027, si vous ne commettez pas d'autre infraction avec retrait "
                                            "d'ici là (article L.223-6 du Code de la route)."},
                   {"event": "action", "name": "action_listen"}]
    chat.slots.update(current_balance=11, previous_stage_date="none")
    chat.reply = chat.say(C27_ASKED, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "de 11 à 12 points" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text", ["donc ça vaut le coup ou pas ? 1 point pour 250 balles...",
                                  "250 € pour 1 point, ça vaut vraiment le coup ?",
                                  "c'est rentable ou pas pour un seul point ?"])
def test_whether_a_stage_is_worth_one_point_coming_back_is_weighed(domain, text):
    # t54-c27 turn 5 got "Je n'ai pas bien compris": the point comes back by itself on 10 January 2027 (R8); a stage
    # gives only that point (11 → 12, R1 ex. 2) and uses up the year for another stage (R13)
    from actions.fallback import ActionSuggestQuestions
    chat = c27_answered(domain)
    reply = chat.say(text, "nlu_fallback", ActionSuggestQuestions())
    assert "pas bien compris" not in reply, reply
    assert "revient de lui-même le" in reply and "ne ferait qu'avancer ce retour" in reply, reply
    assert "pendant un an" in reply
