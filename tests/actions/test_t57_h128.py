"""Tester T57 (replays on 1 December 2026), items of branch h128: one offence told by its payment then by its day,
a stage's points for a licence out of probation, a stage after a hypothesis, the next stage's day alone."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t57-c30: a driving-school secretary; a pupil with an AAC licence of 30/11/2025, a 1-point excess paid 10/06/2026

C30_FIRST = ("Bonjour, je suis secrétaire dans une auto-école. Une élève a obtenu le permis B le 12 mai 2024, mais elle "
             "avait déjà le permis A1 depuis le 3 mars 2022. Est-elle encore en période probatoire, et combien de points "
             "a-t-elle ? Aucune infraction.")
C30_PUPIL = ("Merci. Autre élève : permis B le 30/11/2025 en conduite accompagnée. Elle a été flashée à 62 (vitesse "
             "retenue) en ville à 50, amende payée le 10 juin 2026. Où en est-elle aujourd'hui ?")


def c30_pupil(domain) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.say_in_form(C30_FIRST, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                     answers.ActionAnswerProbation())
    chat.read_by_form(C30_PUPIL, "ask_probation", "probation_form", forms.ValidateProbationForm())
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None
    chat.answer_after_form(C30_PUPIL, "ask_probation", answers.ActionAnswerProbation())
    return chat


def test_c30_an_offence_placed_in_the_first_year_by_its_payment_is_counted(domain):
    # t57-c30: the offence's day not asked (its payment places it in the licence's first year, R5, R7) got
    # "Impossible de répondre : infraction mal décrite"; one point withdrawn on 10 June 2026: 5/6, the point back on
    # 10 December 2026 (R8), no increment after it (R7)
    chat = c30_pupil(domain)
    assert "Impossible de répondre" not in chat.reply, chat.reply
    assert chat.reply.startswith("Son solde est aujourd'hui de 5 points sur 6 : 1 point retiré"), chat.reply
    assert "revient le 10 décembre 2026" in chat.reply
    assert "L'infraction payée le 10 juin 2026 arrête les majorations annuelles" in chat.reply
    assert "30 novembre 2027" in chat.reply


@pytest.mark.parametrize("text", [
    "L'infraction date du 28 mai 2026, 1 point retiré.",
    "Elle a commis l'infraction le 28 mai 2026, elle a perdu 1 point",
    "c'était le 28 mai 2026, l'excès",
])
def test_c30_the_day_of_the_offence_paid_is_not_a_second_offence(domain, text):
    # t57-c30: "L'infraction date du 28 mai 2026, 1 point retiré" after the excess paid on 10 June 2026 was counted as a
    # second retrait ("payée le 28 mai 2026"): 4/6 for 5/6; one offence told with its two days is one retrait (R2, R8)
    chat = c30_pupil(domain)
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "5 points sur 6 : 1 point retiré" in reply, reply
    assert "payée le 28 mai 2026" not in reply and "2 points retirés" not in reply
    assert "revient le 10 décembre 2026" in reply
    reply = chat.say("Non, il n'y a qu'une seule infraction : commise le 28 mai 2026 et payée le 10 juin 2026.",
                     "inform", corrections.ActionApplyCorrection())
    assert "4 points sur 6" not in reply and "2 points retirés" not in reply, reply


def test_c30_another_offence_told_on_a_day_before_the_payment_is_counted_apart(domain):
    # (the same words with "une autre infraction": a second retrait, as before)
    chat = c30_pupil(domain)
    reply = chat.say("Elle a aussi eu une autre infraction le 28 mai 2026, 1 point retiré", "inform",
                     corrections.ActionApplyCorrection())
    assert "2 points retirés" in reply, reply


# --- t57-c21: a stage exactly one year after the last one; "celui du 2 décembre" chosen; licence held since 2010

C21_FIRST = ("J'ai fait un stage les 1er et 2 décembre 2025. Est-ce que je peux en faire un aujourd'hui, qui commence "
             "aujourd'hui même ?")
C21_POINTS = ("ok et mon dernier stage m'avait fait passer de 6 à 10, depuis j'ai pris 2 points pour un excès (payé en "
              "juillet). Si je fais celui du 2 décembre j'arrive à combien ?")


def _entities(text):
    from tests.actions.conftest import parsed
    return [(e["entity"], e["value"], e.get("role")) for e in parsed(text, TODAY)]


@pytest.mark.parametrize("text", [
    C21_POINTS,
    "pour le stage, si je prends plutôt celui qui commence le 2 décembre ?",
    "mon dernier stage m'a fait remonter de 6 à 10 points. Avec celui du 2 décembre j'aurai combien ?",
    "si je reserve celui des 2 et 3 décembre pour le stage, ça marche ?",
])
def test_c21_the_stage_chosen_by_celui_is_the_next_one(text):
    # t57-c21: "celui du 2 décembre" had no role and was read in 2025, then taken as the licence's day (probation
    # invented, "4 points (permis probatoire)"), and the stage counted on 1 December (effect 3/12 for 4/12, R12)
    assert ("date", "2026-12-02", "stage") in _entities(text), _entities(text)


@pytest.mark.parametrize("text, balance", [
    (C21_POINTS, 10),
    ("le stage m'a fait remonter de 6 à 10 points", 10),
    ("je suis passé de 5 à 9 points avec mon dernier stage", 9),
])
def test_c21_the_balance_a_past_stage_left_is_read(text, balance):
    # "m'avait fait passer de 6 à 10": the balance after that stage (then the retrait told since: 8, R12)
    assert ("points", balance, "balance") in _entities(text), _entities(text)


def test_c21_a_balance_to_come_asked_is_not_read_as_told():
    assert not any(role == "balance" for _, _, role in _entities("si je fais le stage je passe de 5 à 9 ?"))


def test_c21_j_arrive_a_combien_is_no_letter_received():
    assert not any(entity == "letter_received" for entity, _, _ in _entities(C21_POINTS))
    assert ("letter_received", True, None) in _entities("la lettre est arrivée le 3")


def c21_after_the_rule(domain) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.say_in_form(C21_FIRST, "ask_stage_eligibility", "stage_eligibility_form",
                     forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    chat.say_in_form("t'es sur ? le site ou je reserve me dit qu'il faut 1 an et 1 jour entre 2 stages. qui a raison ?",
                     "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    return chat


@pytest.mark.parametrize("text", [
    C21_POINTS,
    "et si je fais le stage le 2 décembre, j'aurai combien ? je suis passé de 6 à 10 avec le dernier, puis perdu 2 "
    "points en juillet",
])
def test_c21_the_stage_chosen_counts_from_the_balance_told_without_invented_probation(domain, text):
    # t57-c21: "votre solde est aujourd'hui de 4 points (permis probatoire)", the AAC asked, then "avec effet au 3
    # décembre 2026": 10 − 2 = 8, + 4 with the stage of 2 December, effect on 4 December 2026 (R12)
    chat = c21_after_the_rule(domain)
    said = chat.read_by_form(text, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm())
    assert "probatoire" not in said, said
    assert chat.slots.get("stage_first_day") == "2026-12-02"
    assert chat.slots.get("licence_date") is None  # (the retrait's July is not the licence's date)
    asked = chat.next_asked("points_after_stage_form", forms.ValidatePointsAfterStageForm())
    assert asked == "licence_date", asked
    answer = "quoi ? j'ai mon permis depuis 2010, c'est pas un probatoire. j'ai 8 points la normalement"
    chat.read_by_form(answer, "inform", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested=asked)
    assert chat.next_asked("points_after_stage_form", forms.ValidatePointsAfterStageForm()) is None
    reply = chat.answer_after_form(answer, "inform", answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Le stage vous rendra 4 points, avec effet au 4 décembre 2026 : votre solde passera de 8 à "
                            "12 points"), reply
    assert "1er décembre 2026" not in reply


# --- t57-c28: probation of 18 months, no complementary training, a red light supposed, then the 48N's stage

C28_FIRST = ("Bonjour ! Permis B obtenu il y a 18 mois, filière classique, pas de stage post-permis, zéro amende. "
             "Combien de points ?")


def test_c28_pas_de_stage_post_permis_answers_the_complementary_training(domain):
    # t57-c28: "Avez-vous suivi la formation complémentaire post-permis ?" after "pas de stage post-permis" (R6)
    assert ("complementary_training", False, None) in _entities(C28_FIRST)
    assert ("complementary_training", False, None) in _entities("sans stage post permis")
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form(C28_FIRST, "ask_probation", "probation_form", forms.ValidateProbationForm())
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None
    reply = chat.answer_after_form(C28_FIRST, "ask_probation", answers.ActionAnswerProbation())
    assert "votre solde est aujourd'hui de 8 points" in reply, reply


def c28_after_the_red_light(domain) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form(C28_FIRST, "ask_probation", "probation_form", forms.ValidateProbationForm())
    chat.answer_after_form(C28_FIRST, "ask_probation", answers.ActionAnswerProbation())
    reply = chat.say_in_form("et si demain je grille un feu rouge, je tombe à combien et il se passe quoi ?",
                             "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                             answers.ActionAnswerOffencePoints())
    assert "passerait de 8 points à 4 points" in reply, reply
    return chat


@pytest.mark.parametrize("text", [
    "et avec le stage obligatoire derrière, je remonte à 8 ou à 10 ?",
    "et si je fais le stage obligatoire après, j'aurai combien ?",
    "avec le stage de la 48N je récupère combien ?",
])
def test_c28_the_stage_after_a_supposed_offence_counts_from_its_balance(domain, text):
    # t57-c28: "Aucun point à gagner : votre solde (8) est déjà au plafond de 8 points": the hypothesis dropped; the
    # red light leaves 4 points and freezes the ceiling at 8 (R7), the 48N's stage gives 4 back: 8, not 10 (R12, R15)
    chat = c28_after_the_red_light(domain)
    chat.read_by_form(text, "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm())
    assert chat.next_asked("points_after_stage_form", forms.ValidatePointsAfterStageForm()) is None
    reply = chat.answer_after_form(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "Aucun point à gagner" not in reply, reply
    assert "votre solde tomberait à 4 points" in reply and "vous rendrait 4 points" in reply
    assert "vous remonteriez à 8 points" in reply
    assert "Votre plafond ne monterait pas à 10 points" in reply
    assert "C'est une hypothèse : je garde vos informations telles quelles." in reply
    assert chat.slots.get("current_balance") == 8  # (the user's own balance kept)


def test_c28_the_stage_asked_without_a_hypothesis_before_is_today_s(domain):
    # (no offence supposed just before: the stage's own answer, from today's balance, as before)
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form(C28_FIRST, "ask_probation", "probation_form", forms.ValidateProbationForm())
    chat.answer_after_form(C28_FIRST, "ask_probation", answers.ActionAnswerProbation())
    text = "et avec un stage, je remonte à combien ?"
    chat.read_by_form(text, "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm())
    reply = chat.answer_after_form(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "tomberait" not in reply, reply


# --- t57-c08: the next stage's day after a stage of 14-15 March 2026, and nothing else

C08 = ("Mon dernier stage c'était les 14 et 15 mars 2026. A partir de quand je peux en refaire un qui me rend des "
       "points ?")


@pytest.mark.parametrize("text", [
    C08,
    "dernier stage le 3 mai 2026, quand est-ce que je peux faire un autre stage qui rapporte des points ?",
    "j'ai fait un stage le 14 mars 2026, je peux en faire un qui me redonne des points quand ?",
])
def test_c08_a_stage_named_by_the_points_it_gives_asks_no_balance(domain, text):
    # t57-c08: after the right date (R13), "qui me rend des points" was read as a second question, the stage's points:
    # the balance and the licence's date were asked, then "2009" (the licence's year) taken as the last stage's,
    # "Impossible de répondre : le stage précédent doit avoir eu lieu avant celui-ci"; R13 needs neither
    from actions.two_part import other_question
    from tests.actions.conftest import make_tracker, parsed
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form(text, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    assert reply.startswith("Un stage ne vous rendra des points qu'à partir du "), reply
    assert not any(e.get("event") == "followup" for e in chat.events), chat.events
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent="ask_stage_eligibility")
    assert other_question(tracker, "action_answer_stage_eligibility") is None


def test_c08_the_points_a_stage_gives_are_still_asked_as_a_second_question():
    from actions.two_part import question_of
    assert question_of("si je fais le stage il me rend combien de points ?") == "ask_points_after_stage"
    assert question_of("et il me redonne des points ?", "mon dernier stage c'était en mars, et il me redonne des "
                                                          "points ?") == "ask_points_after_stage"
