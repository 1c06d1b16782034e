"""Testers T50–T52 (replays on 1 December 2026), items of branch h120: a bound quoted from the 48M's answer is no
balance, and "je peux vérifier où ?" read as a stage's question gets where to read the official balance (R19)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import form_opened, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")

# --- t50-c07: the 48M's definition ("quand le solde tombe à 6 points ou moins"), then the user doubts the figure

C07_LETTER = "bon ok. c koi une lettre 48M ? jen ai recu une hier"
C07_DOUBT = ("6 points ou moins ?? mais j'ai jamais perdu autant, c'est possible qu'ils se soient trompés ? "
             "je peux verifier ou ?")
WHERE_TO_READ = "connectez-vous gratuitement au téléservice « Mes Points Permis »"


def letter_48m_told(domain):
    chat = opened_in_form(domain, C07_LETTER, "ask_letter", "letter_form", forms.ValidateLetterForm(),
                          answers.ActionAnswerLetter())
    assert "6 points ou moins" in chat.reply, chat.reply
    return chat


def test_c07_a_bound_quoted_from_the_answer_is_no_balance(domain):
    # "6 points ou moins ??" after "quand le solde tombe à 6 points ou moins": the letter's threshold repeated, not the
    # user's balance (the stage was then computed "de 6 à 10 points", "le solde que vous m'avez indiqué")
    chat = letter_48m_told(domain)
    chat.read_by_form("6 points ou moins ?? mais j'ai jamais perdu autant", "ask_stage_eligibility",
                      "stage_eligibility_form", forms.ValidateStageEligibilityForm())
    assert chat.slots.get("current_balance") is None, chat.slots


def test_c07_a_balance_told_with_a_bound_not_from_the_answer_is_still_read(domain):
    # (a count the assistant did not say stays the user's: "j'ai 5 points ou moins, je peux faire un stage ?")
    chat = letter_48m_told(domain)
    chat.read_by_form("j'ai 5 points ou moins, je peux faire un stage ?", "ask_stage_eligibility",
                      "stage_eligibility_form", forms.ValidateStageEligibilityForm())
    assert chat.slots.get("current_balance") == 5, chat.slots


def test_c07_where_to_check_read_as_a_stage_question_gets_where_to_read_the_balance(domain):
    # "je peux verifier ou ?" read as ask_stage_eligibility: "Avez-vous déjà fait un stage… ?" then a stage computed on
    # 6 points; where to read the official balance answers at once (R19)
    chat = letter_48m_told(domain)
    chat.read_by_form(C07_DOUBT, "ask_stage_eligibility", "stage_eligibility_form",
                      forms.ValidateStageEligibilityForm())
    assert chat.slots.get("current_balance") is None, chat.slots
    reply = chat.answer_after_form(C07_DOUBT, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    print(reply)
    assert WHERE_TO_READ in reply and "relevé d'information intégral" in reply, reply
    assert "stage" not in reply.split("Le solde affiché")[0], reply


@pytest.mark.parametrize("form, validator, action", [
    ("stage_eligibility_form", forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility()),
    ("points_after_stage_form", forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())])
def test_c07_where_to_check_while_the_stage_form_asks_gets_where_to_read_the_balance(domain, form, validator, action):
    # "non mais je veux juste savoir ou verifier mes points" to "Avez-vous déjà fait un stage… ?": got the stage's
    # computation "Il vous rendrait 4 points… de 6 à 10 points"
    chat = letter_48m_told(domain)
    chat.read_by_form("6 points ou moins ?? mais j'ai jamais perdu autant", "ask_stage_eligibility", form, validator,
                      question="Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à quelle date "
                               "a-t-il commencé ?", asks="previous_stage_date")
    text = "non mais je veux juste savoir ou verifier mes points"
    chat.read_by_form(text, "ask_check_balance", form, validator, requested="previous_stage_date")
    reply = chat.answer_after_form(text, "ask_check_balance", action)
    print(reply)
    assert WHERE_TO_READ in reply, reply
    assert "rendrait" not in reply and "de 6 à 10" not in reply, reply


# --- t50-c25: probation since 5 January 2025, 2 points lost (paid in April 2025), stage 4 → 6 "plafond de 6 points"

C25_OPENING = ("jeune permis depui le 5 janvier 2025. j'ai perdu 2 pts pour 22 km/h de trop (payé en avril 2025). si je "
               "fais un stage le 10 et 11 decembre j'aurai cb de points ?")


def c25_stage_answered(domain):
    form, validator = "points_after_stage_form", forms.ValidatePointsAfterStageForm()
    chat = form_opened(domain, C25_OPENING, "ask_points_after_stage", form, validator)
    chat.read_by_form(C25_OPENING, "ask_points_after_stage", form, validator,
                      question="Avez-vous appris à conduire en conduite accompagnée (AAC) ?", asks="supervised_driving")
    chat.read_by_form("nan", "deny", form, validator, requested="supervised_driving", supervised_driving=False,
                      question="Avant ce stage, en aviez-vous déjà fait un qui vous a rendu des points ? Si oui, à "
                               "quelle date a-t-il commencé ?", asks="previous_stage_date")
    chat.read_by_form("jamais", "deny", form, validator, requested="previous_stage_date")
    reply = chat.answer_after_form("jamais", "deny", answers.ActionAnswerPointsAfterStage())
    assert "de 4 à 6 points" in reply and "plafond de 6 points" in reply, reply
    return chat


@pytest.mark.parametrize("text", ["pourquoi plafond 6 ? mon pote a eu son permis en meme temps que moi et il est a 8",
                                  "mais pourquoi je suis bloqué a 6 ?"])
def test_c25_why_the_ceiling_of_6_is_the_offence_of_the_first_year(domain, text):
    # "pourquoi plafond 6 ?" got "Quel jour d'avril 2025 ?": the probation starts at 6 and gains 2 on each anniversary
    # without offence; the offence of the first year stopped them, the ceiling stays 6 until 5 January 2028 (R5, R7)
    chat = c25_stage_answered(domain)
    said = chat.read_by_form(text, "ask_probation", "probation_form", forms.ValidateProbationForm())
    assert "Quel jour" not in said and chat.slots.get("requested_slot") is None, (said, chat.slots)
    reply = chat.answer_after_form(text, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert reply.startswith("Parce qu'un permis probatoire commence avec 6 points"), reply
    assert "avant le premier anniversaire (5 janvier 2026), arrête ces majorations : le plafond reste à 6 points " \
           "jusqu'à la fin de la période probatoire, le 5 janvier 2028" in reply, reply
    assert "passé à 8 points le 5 janvier 2026" in reply, reply


# --- t50-c27: a driving school's secretary, a pupil of 14 March 2022 (A1) answered, then a new pupil of today

C27_OPENING = ("Bonjour, auto-école Dupont, secrétariat. Une élève a obtenu le permis A1 le 14 mars 2022 puis le permis "
               "B le 2 octobre 2025. Sa période probatoire se termine quand, et elle a combien de points ? Aucune "
               "infraction.")
C27_NEW_PUPIL = ("Parfait, merci. Et un élève qui vient juste de réussir son permis aujourd'hui, il démarre avec combien "
                 "de points, et il aura 12 quand s'il ne fait rien de mal ?")
DECEMBER_FIRST = "2026-12-01"


def c27_first_pupil_answered(domain):
    chat = form_opened(domain, C27_OPENING, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                       today=DECEMBER_FIRST)
    reply = chat.answer_after_form(C27_OPENING, "ask_probation", answers.ActionAnswerProbation())
    assert "terminée depuis le 14 mars 2025" in reply, reply
    return chat


def test_c27_a_new_pupil_of_today_gets_a_new_licence_points_not_the_previous_pupil_again(domain):
    # the question about a pupil who passed today, the first pupil's licence date still known: "Sur ce point précis,
    # je n'ai pas d'autre réponse…" and the first pupil's 12 points; a licence of today: 6 points, 8, 10, then 12 on
    # 1 December 2029 (9 then 12 on 1 December 2028 after the AAC) (R5, R6)
    chat = c27_first_pupil_answered(domain)
    reply = chat.say(C27_NEW_PUPIL, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert reply.startswith("Un permis obtenu aujourd'hui, le 1er décembre 2026, commence avec 6 points"), reply
    assert "8 points le 1er décembre 2027, 10 points le 1er décembre 2028, 12 points le 1er décembre 2029" in reply
    assert "9 points le 1er décembre 2027, 12 points le 1er décembre 2028" in reply, reply
    assert "14 mars" not in reply and "pas d'autre réponse" not in reply, reply


def test_c27_the_training_is_not_asked_for_a_licence_younger_than_its_window(domain):
    # "permis B obtenu le 1er décembre 2026, sans conduite accompagnée" on that day: "A-t-il suivi la formation
    # complémentaire (… entre le 6e et le 12e mois du permis) ?" cannot be yes (R6): not asked, the answer follows
    text = "permis B obtenu le 1er décembre 2026, sans conduite accompagnée, aucune infraction, il a combien de points ?"
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                       today=DECEMBER_FIRST)
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None, chat.slots
    reply = chat.answer_after_form(text, "ask_probation", answers.ActionAnswerProbation())
    print(reply)
    assert "aujourd'hui de 6 points" in reply and "1er décembre 2029" in reply, reply


def test_c27_pas_encore_evidemment_to_the_training_question_is_a_no(domain):
    # "pas encore évidemment, il l'a eu ce matin" got "Je n'ai pas compris votre réponse" (R6: not followed)
    text = "permis B obtenu le 1er mars 2026, sans conduite accompagnée, aucune infraction, il a combien de points ?"
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                       today=DECEMBER_FIRST)
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) == "complementary_training", chat.slots
    said = chat.read_by_form("pas encore évidemment, il n'a pas eu le temps", "nlu_fallback", "probation_form",
                             forms.ValidateProbationForm(), requested="complementary_training")
    assert "pas compris" not in said, said
    assert chat.slots.get("complementary_training") is False, chat.slots
