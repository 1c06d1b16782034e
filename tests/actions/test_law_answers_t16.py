"""Law answers of tester T16's conversations (BOT_TODAY=2026-12-01), each with 2–3 wordings: the single point of
the last offence told after offences "since" (c19, R8), ..."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_t7_facts_read import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T16 c19: offences regularly since 2016, the last one cost 1 point, paid 3 October 2026 -----------------------

@pytest.mark.parametrize("text", [
    "J'ai eu une amende pour téléphone au volant payée le 10 mai 2016, et depuis je prends des PV régulièrement "
    "(petits excès de vitesse, 1 point à chaque fois). J'ai entendu parler d'une règle des 10 ans, elle s'applique à "
    "moi ?",  # T16 c19
    "un stop payé le 4 juin 2016 et depuis plein de flashs à 1 point, la règle des 10 ans joue pour moi ?",
])
def test_the_last_single_point_comes_back_after_six_months_despite_the_offences_before(domain, text):
    # R8 with CE 04/12/2017: the offences since were committed before the last one, they do not block its point
    chat = Chat(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                slots={"fine_payment_date": "2026-10-03", "last_offence_points": 1})
    assert "revient le 3 avril 2027, si vous ne commettez pas d'autre infraction" in chat.reply
    assert "3 octobre 2036" in chat.reply  # the 10-year rule stays the latest date (R10)


# --- T16 c12: the 48SI supposed presented on 10 December, the stage on 14–15 December -----------------------------

_C12_FIRST = ("Je suis avocat. Mon client avait 3 points, il a eu un retrait de 6 points (alcool 0,6 g/l) décidé le 5 "
              "novembre 2026. Il n'a pas reçu de 48SI pour l'instant. Un stage peut-il le sauver ?")


@pytest.mark.parametrize("text", [
    "Et si la 48SI lui est présentée le 10 décembre alors que le stage est prévu les 14 et 15 décembre ?",  # T16 c12
    "et s'il reçoit la 48SI le 10 décembre, avec un stage prévu les 14 et 15 décembre ?",
    "Si la lettre 48SI arrive le 10 décembre et qu'il fait le stage le 14 décembre, ça passe ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_eligibility", answers.ActionAnswerStageEligibility()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
])
def test_a_48si_supposed_presented_before_the_stage_ends_is_a_plain_no(domain, text, intent, action):
    # R18 with CE 17/04/2025 n° 492072: a registered letter presented is notified that day, even not collected; the
    # stage ending after it saves nothing; then what follows the invalidation (R20)
    chat = Chat(domain, _C12_FIRST, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "un stage terminé avant cette notification le sauve" in chat.reply
    reply = chat.say(text, intent, action)
    assert reply.startswith("Non : une lettre 48SI présentée le 10 décembre 2026 est notifiée ce jour-là, même si le "
                            "recommandé n'est pas retiré.")
    assert "serait invalidé (Conseil d'État, 17 avril 2025, n° 492072)" in reply
    assert "6 mois après" in reply and "examen médical et psychotechnique" in reply  # R20
    assert "sauve le permis si" not in reply and "2025" not in reply.replace("17 avril 2025", "")


def test_a_48si_supposed_after_the_stage_leaves_the_stage_saving(domain):
    chat = Chat(domain, _C12_FIRST, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    reply = chat.say("et si la 48SI lui est présentée le 20 décembre, avec le stage les 14 et 15 décembre ?",
                     "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "sauve le permis si la lettre 48SI ne lui est pas notifiée d'ici le 15 décembre 2026" in reply
    assert not reply.startswith("Non")


# --- T16 c06: "c quoi ça ?" to the training's question gets what the training is (R6) -----------------------------

@pytest.mark.parametrize("text, intent, new_slots, answered", [
    ("c quoi ca ? je crois pas non", "deny", {"complementary_training": False}, False),  # T16 c06
    ("c'est quoi ça ? non je pense pas", "deny", {"complementary_training": False}, False),
    ("qu'est-ce que c'est ?", "nlu_fallback", {}, None),
])
def test_what_is_it_to_the_training_question_explains_the_training(domain, text, intent, new_slots, answered):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_forms import run
    tracker = make_tracker(new_slots=new_slots, intent=intent, text=text, entities=parsed(text),
                           requested_slot="complementary_training", form="probation_form",
                           slots={"licence_date": "2025-06-15", "supervised_driving": True})
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert messages[0].startswith("La formation complémentaire post-permis est une formation facultative de 7 heures")
    assert "entre le 6e et le 12e mois" in messages[0] and "18 mois au lieu de 2 ans" in messages[0]
    assert "(article R.223-1 du Code de la route)" in messages[0]
    assert slots.get("complementary_training") is answered
    assert not any("juste après" in m for m in messages)


# --- T16 c18: "est-ce que je vais perdre mon permis ?" at 5 points with 6 to lose: a plain yes without a stage -------

@pytest.mark.parametrize("text", [
    "ben est ce que je vais perdre mon permis ? j'ai 5 points et je vais en perdre 6",  # T16 c18
    "j'ai 5 points et je vais en perdre 6, mon permis va sauter ?",
    "il me reste 5 points, je vais en perdre 6 : et si je fais pas de stage ?",
])
def test_losing_the_licence_asked_gets_yes_without_a_stage(domain, text):
    # R18, R20: at -1 once the retrait is decided, the 48SI invalidates the licence once notified; a stage after the
    # decision and before the 48SI leaves 3 points
    reply = Chat(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints()).reply
    assert reply.startswith("Votre solde calculé est de -1")
    assert "\n\nOui, sans stage : une fois le retrait décidé, votre solde sera à 0 (solde calculé de -1), et votre " \
           "permis sera invalidé dès que la lettre 48SI vous sera notifiée" in reply
    assert "attendre au moins 6 mois" in reply and "(articles L.223-1 et L.223-5 du Code de la route)" in reply
    assert "vous laisserait 3 points" in reply


def test_the_same_loss_asked_again_gets_the_plain_yes_first(domain):
    # T16 c18: "je vais etre a 0 ? je fais quoi", then "ben est ce que je vais perdre mon permis ?": not the same reply
    chat = Chat(domain, "jai que 5 points et je vais en perdre 6 pour un pieton, je vais etre a 0 ? je fais quoi",
                "ask_zero_points", answers.ActionAnswerZeroPoints())
    reply = chat.say("ben est ce que je vais perdre mon permis ? j'ai 5 points et je vais en perdre 6",
                     "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Oui, sans stage : une fois le retrait décidé, votre solde sera à 0 (solde calculé de -1)")
    assert reply != chat.events[-5:] and "Comme indiqué" not in reply


def test_a_balance_that_stays_above_zero_gets_no_such_yes(domain):
    reply = Chat(domain, "j'ai 8 points et je vais en perdre 4, je vais perdre mon permis ?", "ask_zero_points",
                 answers.ActionAnswerZeroPoints()).reply
    assert not reply.startswith("Oui, sans stage")


# --- T16 c34: the company's manager asks about its car's fine: said to the company (R21 example 2, L.121-6) --------

@pytest.mark.parametrize("text", [
    "Bonjour, je suis gérante d'une petite boîte, une de nos voitures de société a été flashée à 105 sur une route à "
    "90 (vitesse retenue). Si la société paie sans désigner le salarié, quelqu'un perd des points ?",  # T16 c34
    "notre entreprise a reçu un avis de radar pour un de nos véhicules, si on paie sans désigner le salarié, il perd "
    "des points ?",
    "je suis le patron, mon salarié a été flashé avec la voiture de société, si l'entreprise paie sans le désigner, "
    "qui perd les points ?",
])
def test_the_company_asking_is_told_nobody_loses_points_and_the_designation_fine(domain, text):
    from tests.actions.test_answers import run
    from tests.actions.test_probation_facts import told
    _, answer = run(answers.ActionAnswerOffencePoints(), told(domain, text, "ask_offence_points", today="2026-12-01"),
                    domain)
    assert answer.startswith("Amende payée par l'entreprise, titulaire du certificat d'immatriculation, sans désigner "
                             "le conducteur : aucun point n'est retiré à personne : si la société ne désigne pas le "
                             "conducteur, personne ne perd de points, ni le salarié qui conduisait ni le dirigeant ; "
                             "elle paie en plus l'amende pour non-désignation (article L.121-3 du Code de la route).")
    assert "contravention de 4e classe" in answer and "45 jours" in answer and "(article L.121-6" in answer
    assert "vélo" not in answer and "votre permis" not in answer and "vous désigne" not in answer


# --- T16 c02: an open question ("je dois envoyer quoi et à qui") gets no "Oui :", nor the stage's points again ------

_C02_SLOTS = {"licence_date": "2025-06-10", "supervised_driving": False, "letter_code": "48N",
              "letter_48n_date": "2026-11-20", "fine_payment_date": "2026-10-15", "offence_type": "phone",
              "current_balance": 5, "stage_first_day": "2027-01-12", "previous_stage_date": "none"}


@pytest.mark.parametrize("text", [
    "et pour le remboursement je dois envoyer quoi et a qui",  # T16 c02
    "pour se faire rembourser, il faut envoyer quels papiers ?",
    "le remboursement, on l'envoie où et comment ?",
])
def test_the_refunds_steps_asked_openly_get_no_yes_and_no_points_again(domain, text):
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_answers import run
    tracker = make_tracker(slots=_C02_SLOTS, intent="ask_refund_48n", text=text, entities=parsed(text, "2026-12-01"))
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert not answer.startswith(("Oui", "Non")), answer
    assert answer.startswith("S")  # "Si vous suivez tout le stage prévu…" (R16)
    assert "comptable public" in answer  # the steps (arrêté du 25 février 2004)
    assert "rendra 3 points" not in answer and "de 5 à 8 points" not in answer


@pytest.mark.parametrize("text, lead", [
    ("je dois envoyer quoi et à qui ?", False),
    ("d'accord. et l'amende elle est remboursée comment ?", False),
    ("je serai remboursé ?", True),
    ("ok merci. et je serai bien remboursée ?", True),
    ("je dois quand même faire le stage ?", True),
    ("à quoi bon le faire alors ?", True),
])
def test_a_yes_no_lead_stays_only_for_a_yes_no_question(text, lead):
    from actions.yes_no import without_yes_no_lead
    from tests.actions.conftest import make_tracker
    answer = without_yes_no_lead(make_tracker(text=text), "Oui : si vous suivez tout le stage, l'amende est remboursée.")
    assert answer.startswith("Oui : ") is lead
    assert answer.endswith("i vous suivez tout le stage, l'amende est remboursée.")
