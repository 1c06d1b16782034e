"""Testers T41-T44 (replays on 1 December 2026), items of branch h98: facts that cannot change the answer are not
asked (the month of an AAC licence whose probation is over, the training, the fine an offence's points or a radar
fix), nor facts already told asked again."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import form_opened, mapped_slots, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t41-c27: AAC licence of 2023, 2 points paid on 12 May 2026: "C'est quand que j'aurai 12 points ?" (R4, R5, R9)

C27 = ("J'ai eu mon permis en 2023 avec la conduite accompagnée, je me suis pris 2 points en mai 2026 (payé le 12 mai). "
       "C'est quand que j'aurai 12 points ?")


def test_an_aac_licence_over_its_probation_is_not_asked_its_month_training_nor_fine(domain):
    # t41-c27: asked the month of 2023 ("le mois compte"), the training, then the fine. R5: an AAC probation of 2
    # years begun in 2023 is over by the end of 2025, before the offence of May 2026; R4: 2 points is the 4th class
    # (3 years, R9): 12 on 12 May 2029 whatever was asked
    chat = form_opened(domain, C27, "ask_probation", "probation_form", forms.ValidateProbationForm(), TODAY)
    assert "le mois compte" not in chat.form_said
    assert chat.slots["licence_date"] == "2023" and chat.slots["offence_class"] == "c4"
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None
    reply = chat.answer_after_form(C27, "ask_probation", answers.ActionAnswerProbation())
    assert "Solde aujourd'hui : 10 points" in reply and "le 12 mai 2029" in reply
    assert "Donnez-moi le jour exact" not in reply


def test_the_aac_shortens_the_window_an_offence_falls_in_probation(domain):
    # t41-c27 with the month given ("juillet"): the training was asked, as if an offence of May 2026 might fall in a
    # 3-year probation; with the AAC it ended in July 2025 at the latest (R5), the training only shortens it (R6)
    text = C27.replace("en 2023", "en juillet 2023")
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(), TODAY)
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None


def test_an_aac_licence_still_possibly_in_probation_is_asked_its_month(domain):
    # (an AAC licence of 2024: its probation ends in 2026, before or after today by its month, R5: the month is asked)
    text = "J'ai eu mon permis en 2024 avec la conduite accompagnée, c'est quand que j'aurai 12 points ?"
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(), TODAY)
    assert "le mois compte" in chat.form_said and chat.slots.get("licence_date") is None


def test_an_aac_licence_year_is_asked_when_an_offence_may_fall_in_its_probation(domain):
    # (an AAC licence of 2023 and 2 points paid in March 2025: the offence is in probation or not by the month, R7)
    text = ("J'ai eu mon permis en 2023 avec la conduite accompagnée, je me suis pris 2 points en mars 2025 (payé le "
            "12 mars). C'est quand que j'aurai 12 points ?")
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(), TODAY)
    assert "le mois compte" in chat.form_said and chat.slots.get("licence_date") is None


# --- t43-c09: licence of 1 September 2023, a 1-point excess paid on 15 August 2026, "sur une route à 80" (R4, R8, R9)

C09 = ("Bonjour, j'ai eu mon permis le 1er septembre 2023. J'ai eu un excès de vitesse (1 point) payé le 15 août 2026. "
       "Est-ce que je vais avoir mes 2 points au 1er septembre ?")


def test_a_one_point_excess_on_a_road_at_80_is_not_asked_its_fine(domain):
    # t43-c09: after "le 28 juillet 2026, sur une route à 80", the fine was asked; R4: an excess under 20 km/h above a
    # 50 km/h limit is of the 3rd class (68 €), which the form takes (2 years, R9)
    validator = forms.ValidateProbationForm()
    chat = form_opened(domain, C09, "ask_probation", "probation_form", validator, TODAY)
    chat.read_by_form("Non", "deny", "probation_form", validator, requested="supervised_driving",
                      supervised_driving=False)
    chat.read_by_form("Non", "deny", "probation_form", validator, requested="complementary_training",
                      complementary_training=False)
    chat.read_by_form("le 28 juillet 2026, sur une route à 80", "inform", "probation_form", validator,
                      requested="offence_date", offence_date="2026-07-28")
    chat.read_by_form("1 point, je l'ai dit", "inform", "probation_form", validator, requested="last_offence_points",
                      last_offence_points=1)
    assert chat.slots["offence_date"] == "2026-07-28" and chat.slots["offence_class"] == "c3"
    assert chat.next_asked("probation_form", validator) != "offence_class"


# --- t44-c14: "j'ai pris un flash le 28 novembre, 3 pts", not paid yet, then "et si je paye demain ?" (R2, R4, R9)

C14 = "cc jai pris un flash le 28 novembre, 3 pts. quand est ce que je les recup"


@pytest.mark.parametrize("text, klass", [
    (C14, "c4"),                                                   # a radar's flash, 3 points: 30 to 39 km/h over
    ("flashé par un radar en octobre, j'ai perdu 2 points, je les récupère quand ?", "c4"),
    ("j'ai perdu 4 points en octobre, je les récupère quand ?", "c4"),   # any 4-point offence is 4th class
])
def test_the_fine_is_not_asked_when_the_points_fix_the_class(domain, text, klass):
    # t44-c14: the fine was asked; R4: a flash is an excess of speed, and 2, 3 or 4 points of it the 4th class
    validator = forms.ValidateAutoRecoveryForm()
    chat = form_opened(domain, text, "ask_auto_recovery", "auto_recovery_form", validator, TODAY)
    assert chat.slots.get("offence_class") == klass
    assert chat.next_asked("auto_recovery_form", validator) == "fine_payment_date"


@pytest.mark.parametrize("text", [
    "j'ai perdu 3 points en octobre, je les récupère quand ?",     # the phone (4th), the turn signal (2nd)...
    "j'ai perdu 1 point en octobre, je le récupère quand ?",       # 3rd or 4th class by the limit
])
def test_the_fine_is_asked_when_the_points_leave_the_class_open(domain, text):
    validator = forms.ValidateAutoRecoveryForm()
    chat = form_opened(domain, text, "ask_auto_recovery", "auto_recovery_form", validator, TODAY)
    assert chat.slots.get("offence_class") is None


def test_not_paid_yet_is_said_once_and_paying_tomorrow_is_not_answered_pas_encore(domain):
    # t44-c14: "C'est noté : l'amende n'est pas encore payée, donc aucun point n'est encore retiré." then "Pas
    # encore : tant que l'amende n'est pas payée, aucun point n'est retiré." (the same twice), and "et si je paye
    # demain ?" answered "Pas encore : …". R2 example 4: the 3 points go on the day of the payment, back 3 years later
    validator = forms.ValidateAutoRecoveryForm()
    chat = form_opened(domain, C14, "ask_auto_recovery", "auto_recovery_form", validator, TODAY)
    said = chat.read_by_form("jai pas encore paye", "deny", "auto_recovery_form", validator,
                             requested="fine_payment_date")
    assert said == forms.NOT_PAID_YET_REPLY and chat.slots["fine_payment_date"] == "not_paid"
    reply = chat.answer_after_form("jai pas encore paye", "deny", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Les 3 points de cette infraction seront retirés le jour du paiement"), reply
    assert "aucun point n'est retiré" not in reply and "3 ans après ce jour (contravention de 4e classe)" in reply
    reply = chat.say("et si je paye demain ?", "ask_retrait_timing", answers.ActionAnswerRetraitTiming())
    assert reply.startswith("Aucun point n'est retiré tant que l'infraction n'est pas établie. Les 3 points de cette "
                            "infraction seront retirés le 2 décembre 2026, le jour où vous paierez l'amende"), reply
    assert "le 2 décembre 2029 (3 ans, contravention de 4e classe)" in reply


# --- t42-c22: the last stage told by its year, when no day of it changes the answer (R13)

def test_a_last_stage_told_by_an_old_year_is_not_asked_its_day(domain):
    # t42-c22: "je n'ai pas fait de stage depuis 2019" got "Quelle est la date du premier jour de votre dernier stage ?"
    # R13: more than a year ago whatever its day
    validator = forms.ValidateStageEligibilityForm()
    text = ("J'ai 2 points. J'ai grillé un feu rouge le 25 novembre. Quelqu'un m'a dit que si je fais un stage AVANT de "
            "payer l'amende c'est mieux, c'est vrai ? je n'ai pas fait de stage depuis 2019.")
    chat = form_opened(domain, text, "ask_stage_eligibility", "stage_eligibility_form", validator, TODAY)
    assert "J'ai besoin du jour exact" not in chat.form_said
    assert "le jour exact de 2019 ne change rien ici" in chat.form_said
    assert chat.slots["previous_stage_date"] == "2019-12-31"


# --- t42-c29: "j'ai 7 points, permis depuis 2015, mon dernier stage c'était en mai 2024" to the balance question (R13)

def test_the_last_stage_told_with_the_balance_is_not_asked_right_after(domain):
    # t42-c29: "Avez-vous déjà fait un stage qui vous a rendu des points ?" came right after "mon dernier stage c'était
    # en mai 2024"; R13: more than a year ago whatever its day, a stage gives points again: 7 + 4 = 11
    validator = forms.ValidatePointsAfterStageForm()
    chat = form_opened(domain, "Bonjour, je veux savoir combien de points je vais avoir après un stage",
                       "ask_points_after_stage", "points_after_stage_form", validator, TODAY)
    text = "ok. j'ai 7 points, permis depuis 2015, mon dernier stage c'était en mai 2024"
    said = chat.read_by_form(text, "inform", "points_after_stage_form", validator, requested="current_balance")
    assert chat.slots["previous_stage_date"] == "2024-05-31", chat.slots
    assert "le jour exact de mai 2024 ne change rien ici" in said
    assert chat.next_asked("points_after_stage_form", validator) != "previous_stage_date"


# --- t44-c16: a stage of 24-25 November, "j'avais 6 points", answered, then "javais 9 pts pas 6" (R12, R13)

def test_the_balance_before_a_stage_corrected_keeps_the_stage_and_the_last_one(domain):
    # t44-c16: after the correction, the stage's date and "Avant ce stage, en aviez-vous déjà fait un … ?" were asked
    # again (the answer had made the stage the last one done); R12: 9 + 3, the ceiling 12, effective 26 November
    from actions import corrections
    from tests.actions.conversation import Conversation
    text = ("Bonjour, j'ai fait un stage volontaire du 24 au 25 novembre, j'avais 6 points. Mon permis date de 2008. "
            "Combien j'ai maintenant ?")
    chat = Conversation(domain, text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                        {"current_balance": 6, "licence_date": "2008", "stage_first_day": "2026-11-24",
                         "previous_stage_date": "none"}, today=TODAY)
    assert "votre solde passe de 6 à 10 points" in chat.reply
    reply = chat.say("ah non pardon je me suis trompé javais 9 pts pas 6", "deny", corrections.ActionApplyCorrection())
    assert "votre solde passe de 9 à 12 points" in reply, reply
    assert "À quelle date commence" not in reply and "en aviez-vous déjà fait un" not in reply


# --- t44-c23: "ah et je suis jeune permis, depuis aout 2025. je vais avoir une 48N ?", then "il me restera cb de pts ?"

def test_the_licence_said_held_since_a_month_is_not_asked_again(domain):
    # t44-c23: "À quelle date avez-vous obtenu votre permis ?" after "jeune permis, depuis aout 2025" (answered by the
    # 48N's question); R5: August 2025 gives the ceiling today (8 points) whatever its day
    said = "ah et je suis jeune permis, depuis aout 2025. je vais avoir une 48N ?"
    history = [{"event": "user", "text": "jai ete flashe a 120 au lieu de 80 le 1er decembre 2026",
                "parse_data": {"intent": {"name": "inform"},
                               "entities": parsed("jai ete flashe a 120 au lieu de 80 le 1er decembre 2026", TODAY)}},
               {"event": "user", "text": said, "parse_data": {"intent": {"name": "ask_mandatory_stage"},
                                                              "entities": parsed(said, TODAY)}},
               {"event": "action", "name": "action_answer_mandatory_stage"}]
    text = "il me restera cb de pts ? pas de conduite accompagnee, jamais eu dinfraction avant"
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots={"probationary": True}, new_slots=mapped_slots(entities, domain, "ask_probation"),
                           text=text, entities=entities, intent="ask_probation", form="probation_form", history=history)
    events, _ = run_messages(forms.ValidateProbationForm(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("licence_date") == "2025-08", slots
    assert slots.get("requested_slot") != "licence_date"
