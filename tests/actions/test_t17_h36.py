"""T17 (tester's conversations of 1 December 2026), items of branch h36: parts of a question ignored, loops, and
questions asked in the middle of a form."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import mapped_slots as probation_slots
from tests.actions.test_what_if import Conversation


def aac_daughter_with_training(domain) -> Conversation:
    # T17 c11: licence 20 January 2026 after the AAC, complementary training on 15 September 2026, no offence
    slots = {"licence_date": "2026-01-20", "supervised_driving": True, "complementary_training": True,
             "training_date": "2026-09-15", "probation_offence": False}
    return Conversation(domain, "ma fille a eu son permis le 20 janvier 2026 en conduite accompagnée, formation post "
                                "permis le 15 septembre 2026, aucune infraction. elle aura ses 12 points quand ?",
                        "ask_probation", answers.ActionAnswerProbation(), slots, today="2026-12-01")


@pytest.mark.parametrize("text", [
    "et si elle se fait flasher a +10 sur une route a 80 le 10 fevrier 2027 et qu'elle paye le 20 fevrier ?",
    "et si elle prend un excès de 10 km/h sur une route à 80 le 10/02/2027, payé le 20/02 ?",
    "et si elle se fait flasher à +10 (route à 80) le 10 février 2027 avec l'amende réglée le 20 février 2027 ?",
])
def test_an_offence_to_come_paid_on_another_day_counts_from_the_payment(domain, first_of_december, text):
    # T17 c11: the clocks run from the payment, the réalité of the infraction (R2, R8, R9), not the offence's day
    chat = aac_daughter_with_training(domain)
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "payée le jour même" not in reply
    assert "avec l'amende payée le 20 février 2027" in reply
    assert "9 points à 8 points le 20 février 2027" in reply
    assert "reviendrait le 20 août 2027" in reply  # R8: 6 months from the payment
    assert "10 août 2027" not in reply and "10 février 2029" not in reply
    assert "20 février 2029" in reply  # R9: 2 years from the payment (3e class)


def test_an_offence_to_come_without_its_payment_is_paid_the_same_day(domain, first_of_december):
    chat = aac_daughter_with_training(domain)
    reply = chat.say("et si elle se fait flasher a +10 sur une route a 80 le 10 fevrier 2027 ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert "payée le jour même" in reply and "9 points à 8 points ce jour-là" in reply
    assert "reviendrait le 10 août 2027" in reply


@pytest.mark.parametrize("text", [
    "Bonjour ma fille a eu son permis le 20 janvier 2026 en conduite accompagnée et elle a fait la formation post "
    "permis le 15 septembre 2026. aucune infraction. elle aura ses 12 points quand ?",
    "permis le 3 mars 2025, formation complémentaire le 10 octobre 2025, pas d'infraction, j'aurai mes 12 points quand ?",
    "mon fils a eu son permis le 5 mai 2025 en AAC, jamais d'infraction, il sera à 12 points quand ?",
])
def test_the_full_balance_asked_is_not_taken_for_a_retrait(domain, first_of_december, text):
    # T17 c11: "ses 12 points" is the balance asked about; no retrait can be 12 (R3), none was told: no
    # "Une infraction retire de 1 à 9 points." before the answer
    slots = probation_slots(domain, text, "ask_probation", "2026-12-01")
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text, "2026-12-01"), new_slots=slots)
    filled, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert not any("retire de 1 à" in (m or "") for m in messages)
    assert filled.get("last_offence_points") is None


@pytest.mark.parametrize("text, intent", [
    ("attends d'abord c'est quoi la difference entre stage volontaire et obligatoire ?", "ask_stage_eligibility"),
    ("non mais explique moi l'obligatoire", "deny"),
    ("volontaire ou obligatoire, ça change quoi ?", "ask_mandatory_stage"),
])
@pytest.mark.parametrize("form, action, requested", [
    ("points_after_stage_form", forms.ValidatePointsAfterStageForm, "current_balance"),
    ("stage_eligibility_form", forms.ValidateStageEligibilityForm, "previous_stage_date"),
])
def test_the_two_stages_told_apart_mid_form_then_the_question_again(domain, text, intent, form, action, requested):
    # T17 c36: asked while the balance was asked, the difference got another form's opening, then the balance's
    # question twice; it is answered (R11 cas 1 and 2, R15, R16) and the form asks its question again
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text), requested_slot=requested, form=form,
                           new_slots={"previous_stage_date": "none"} if intent == "deny" else None)
    slots, messages = run_form(action(), tracker, domain)
    assert slots.get(requested) is None and slots["requested_slot"] == requested
    assert slots.get("previous_stage_date") is None  # the "non" of "non mais explique…" answers nothing
    assert len(messages) == 1
    said = messages[0]
    assert "volontaire (cas 1)" in said and "obligatoire (cas 2)" in said
    assert "48N" in said and "4 mois" in said and "remboursée" in said and "R.223-4" in said


def test_a_voluntary_stage_told_to_the_last_stage_question_is_an_answer(domain):
    text = "j'ai fait un stage volontaire le 3 mars 2026"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text), requested_slot="previous_stage_date",
                           form="stage_eligibility_form", new_slots={"previous_stage_date": "2026-03-03"},
                           slots={"current_balance": 8})
    slots, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") == "2026-03-03"
    assert not any("cas 1" in (m or "") for m in messages)


LOST_ANSWER = ("Votre solde calculé est de -4 : même avec un stage (0), le permis ne peut pas être sauvé (article "
               "L.223-6 du Code de la route).\n- Sans la date de la décision de retrait, nous prenons celle du paiement "
               "(30 novembre 2026) : cette décision est prise ce jour-là ou un peu plus tard.")
CAVEAT = ("Ce calcul part du solde que vous m'avez indiqué : votre solde officiel est celui du Fichier national des "
          "permis de conduire (consultable sur « Mes Points Permis »).")
C26_SLOTS = {"current_balance": 2, "last_offence_points": 6, "fine_payment_date": "2026-11-30",
             "licence_date": "2001", "offence_type": "pedestrian_priority"}


def zero_points_reply(domain, text: str, history: list) -> str:
    from tests.actions.test_what_if import run as run_action
    tracker = make_tracker(slots=C26_SLOTS, intent="ask_zero_points", text=text, entities=parsed(text, "2026-12-01"),
                           history=history)
    _, said = run_action(answers.ActionAnswerZeroPoints(), tracker, domain)
    return said


def c26_history(*turns: str) -> list:
    history = [{"event": "user", "text": "il me reste 2 points et je vais perdre 6 points pour un refus de priorité "
                                         "piéton (payé hier). un stage peut me sauver ? permis depuis 2001"},
               {"event": "action", "name": "action_answer_zero_points"},
               {"event": "bot", "text": LOST_ANSWER}, {"event": "bot", "text": CAVEAT}]
    for user, bot in zip(turns[::2], turns[1::2]):
        history += [{"event": "user", "text": user}, {"event": "action", "name": "action_answer_zero_points"},
                    {"event": "bot", "text": bot}]
    return history


@pytest.mark.parametrize("text", [
    "et du coup c'est quoi la suite, je devrai repasser le code seulement ?",
    "je parle de l'invalidation, qu'est ce que je dois repasser et dans combien de temps ?",
    "ok et après il se passe quoi ?",
])
def test_after_a_licence_that_cannot_be_saved_what_follows_is_the_invalidation(domain, first_of_december, text):
    # T17 c26: the "-4, cannot be saved" answer three times; what follows is R20: the 48SI, the licence handed back,
    # 6 months (1 year if again within 5 years), the code alone for a licence held 3 years or more if registered
    # within 9 months, the medical and psychotechnical examination
    said = zero_points_reply(domain, text, c26_history())
    assert "ne peut pas être sauvé" not in said
    assert "48SI" in said and "6 mois" in said and "1 an" in said and "10 jours" in said
    assert "2001" in said and "le code suffit" in said and "9 mois" in said and "psychotechnique" in said


def test_the_same_question_of_what_follows_again_is_not_the_same_answer_word_for_word(domain, first_of_december):
    first = "et du coup c'est quoi la suite, je devrai repasser le code seulement ?"
    answer = zero_points_reply(domain, first, c26_history())
    again = zero_points_reply(domain, "je parle de l'invalidation, qu'est ce que je dois repasser et dans combien de "
                                      "temps ?", c26_history(first, answer))
    assert again and again != answer and "ne peut pas être sauvé" not in again


def test_a_fact_told_after_a_licence_that_cannot_be_saved_is_not_taken_for_what_follows(domain, first_of_december):
    from actions.invalidation_law import what_follows_the_invalidation
    text = "ensuite j'ai fait un stage le 3 décembre 2026"
    tracker = make_tracker(slots=C26_SLOTS, intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           history=c26_history())
    assert what_follows_the_invalidation(tracker) is None


@pytest.mark.parametrize("text", [
    "j'ai plus que 5 points, je suis obligé de faire un stage ?",
    "il me reste 5 points, je dois faire un stage obligatoirement ?",
    "avec 5 points je suis forcé de faire le stage ?",
])
def test_no_obligation_after_a_48m_says_what_a_48n_would_bring_in_probation(domain, first_of_december, text):
    # T17 c15: "aucune obligation" alone; in probation, a retrait of 3 points or more brings a 48N, whose stage is
    # compulsory within 4 months (R15)
    from tests.actions.test_what_if import run as run_action
    tracker = make_tracker(slots={"letter_code": "48M", "last_question": "action_answer_letter"},
                           new_slots={"current_balance": 5}, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, "2026-12-01"),
                           history=[{"event": "user", "text": "lettre 48M ?"},
                                    {"event": "slot", "name": "letter_code", "value": "48M"},
                                    {"event": "action", "name": "action_answer_letter"}])
    _, said = run_action(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert said.startswith("Aucune obligation")
    assert "en permis probatoire" in said and "48N" in said and "4 mois" in said


def test_no_probation_caveat_for_a_licence_past_probation(domain, first_of_december):
    from tests.actions.test_what_if import run as run_action
    text = "j'ai plus que 5 points, je suis obligé de faire un stage ?"
    tracker = make_tracker(slots={"letter_code": "48M", "current_balance": 5, "licence_date": "2010",
                                  "last_question": "action_answer_letter"},
                           intent="ask_mandatory_stage", text=text, entities=parsed(text, "2026-12-01"))
    _, said = run_action(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "En revanche, en permis probatoire" not in said  # (its own answer: the probation ended in 2013)


@pytest.mark.parametrize("text", [
    "ok donc il a recu la lettre recommandée le 20 novembre, il a jusqu'a quand pour le stage ? et ça lui remet combien",
    "48N reçue le 20 novembre, je dois faire le stage avant quand ? et ça me rajoute combien de points ?",
    "lettre 48N reçue le 20/11, date limite du stage ? il lui redonne combien ?",
])
def test_the_points_of_the_compulsory_stage_asked_with_its_deadline_are_the_other_question(text):
    # T17 c02: "jusqu'à quand … et ça lui remet combien": the deadline given, the points dropped; after the deadline's
    # answer, the stage's points are the message's other question (R12, R15)
    from actions.two_part import other_question
    tracker = make_tracker(text=text, intent="ask_mandatory_stage", entities=parsed(text, "2026-12-01"),
                           slots={"letter_48n_date": "2026-11-20", "letter_code": "48N"},
                           history=[{"event": "user", "text": text, "parse_data": {
                               "intent": {"name": "ask_mandatory_stage"}, "entities": parsed(text, "2026-12-01")}}])
    assert other_question(tracker, "action_answer_mandatory_stage") == "ask_points_after_stage"


SUSPENSION_STORY = "mon permis est suspendu 3 mois depuis le 15 novembre par le prefet, jai 5 points. je peux faire " \
                   "un stage pendant la suspension ?"


@pytest.mark.parametrize("text", [
    "ok donc si je le fais les 14 et 15 decembre j'aurai 9 points le 16 ? et la suspension finit quand exactement",
    "le stage des 14 et 15 décembre me rend 4 points ? et c'est quand la fin de ma suspension ?",
    "d'accord, et je suis suspendu jusqu'à quand du coup ?",
])
def test_the_end_of_the_suspension_asked_is_answered(domain, first_of_december, text):
    # T17 c17: the stage's part answered, "la suspension finit quand ?" ignored; a suspension of 3 months from 15
    # November 2026 ends on 15 February 2027, the order's own date prevailing (L.224-1 ff.)
    from actions.two_part import question_clauses, question_of
    from tests.actions.test_what_if import run as run_action
    if len(question_clauses(text)) > 1:
        assert question_of(question_clauses(text)[-1], text) == "ask_suspension"
    history = [{"event": "user", "text": SUSPENSION_STORY, "parse_data": {
        "intent": {"name": "ask_suspension"}, "entities": parsed(SUSPENSION_STORY, "2026-12-01")}},
        {"event": "action", "name": "action_answer_suspension"},
        {"event": "bot", "text": "Un permis suspendu ou retenu n'est pas invalidé : vous pouvez en principe suivre un "
                                 "stage pendant la suspension."}]
    tracker = make_tracker(slots={"licence_status": "suspended", "current_balance": 5}, intent="ask_suspension",
                           text=text, entities=parsed(text, "2026-12-01"), history=history)
    _, said = run_action(answers.ActionAnswerSuspension(), tracker, domain)
    assert "15 février 2027" in said and "suspension de 3 mois" in said and "arrêté" in said


def test_the_end_of_a_suspension_whose_start_is_not_told_says_what_sets_it(domain, first_of_december):
    from tests.actions.test_what_if import run as run_action
    text = "et la suspension finit quand ?"
    tracker = make_tracker(slots={"licence_status": "suspended"}, intent="ask_suspension", text=text,
                           entities=parsed(text, "2026-12-01"))
    _, said = run_action(answers.ActionAnswerSuspension(), tracker, domain)
    assert "arrêté du préfet ou le jugement" in said


def _letter_explained(letter: str) -> list:
    said = f"recu lettre {letter}"
    return [{"event": "user", "text": said, "parse_data": {"intent": {"name": "ask_letter"},
                                                           "entities": parsed(said, "2026-12-01")}},
            {"event": "slot", "name": "letter_code", "value": letter},
            {"event": "action", "name": "action_answer_letter"},
            {"event": "bot", "text": f"La lettre {letter} vous informe d'un retrait de points."},
            {"event": "slot", "name": "letter_code", "value": None},
            {"event": "slot", "name": "last_question", "value": "action_answer_letter"}]


@pytest.mark.parametrize("text", [
    "ca veut dire que je dois faire un truc ? elle dit qu'il me reste 9 points",
    "je dois faire quelque chose alors ?",
    "et je suis obligé de faire un stage ?",
])
def test_the_letter_just_explained_is_not_asked_again(domain, first_of_december, text):
    # T17 c34: "Quelle lettre avez-vous reçue ?" right after "reçu lettre 48", then the same explanation again
    from tests.actions.test_what_if import run as run_action
    tracker = make_tracker(slots={"last_question": "action_answer_letter"}, intent="ask_letter", text=text,
                           entities=parsed(text, "2026-12-01"), history=_letter_explained("48"),
                           form="letter_form")
    filled, _ = run_form(forms.ValidateLetterForm(), tracker, domain)
    assert filled.get("requested_slot") is None
    tracker = make_tracker(slots={"last_question": "action_answer_letter"}, intent="ask_letter", text=text,
                           entities=parsed(text, "2026-12-01"), history=_letter_explained("48"))
    _, said = run_action(answers.ActionAnswerLetter(), tracker, domain)
    assert "lettre 48" in said and "Quelle lettre" not in said


@pytest.mark.parametrize("text", [
    "permis B obtenu le 10 mars 2024 (pas d'AAC, pas de formation post permis). exces de 22 km/h commis le 1er "
    "septembre 2024 payé le 20 septembre 2024. rien d'autre depuis. j'ai combien aujourd'hui, et si je fais un stage "
    "le 14-15 decembre 2026 ?",
    "permis depuis mars 2024, excès de 22 km/h payé le 20 septembre 2024. il me reste combien et si je passe un stage "
    "en janvier ?",
    "permis le 10 mars 2024, excès de 22 km/h payé le 20 septembre 2024 : j'ai combien ? et si je fais le stage les "
    "14 et 15 décembre ?",
])
def test_a_stage_supposed_after_the_balance_asked_is_the_other_question(text):
    # T17 c35: the balance answered, the stage of the same message ignored, its date asked again later (R12)
    from actions.two_part import other_question
    tracker = make_tracker(text=text, intent="ask_probation", entities=parsed(text, "2026-12-01"),
                           history=[{"event": "user", "text": text, "parse_data": {
                               "intent": {"name": "ask_probation"}, "entities": parsed(text, "2026-12-01")}}])
    assert other_question(tracker, "action_answer_probation") == "ask_points_after_stage"


@pytest.mark.parametrize("text, noun, feminine", [
    ("Bonjour, je suis moniteur d'auto-ecole. Un ancien eleve a eu son permis le 20 janvier 2025 (filiere classique). "
     "Combien a-t-il ?", "élève", False),
    ("je suis gérant d'une petite boite, un de mes salariés a été flashé avec la voiture de société a 104 sur une "
     "route a 90. si je paye en tant que societe sans le designer il perd des points ?", "salarié", False),
    ("une de nos employées a eu un excès de 15 km/h, elle perd combien ?", "employée", True),
    ("mon ancienne élève a eu son permis en mars 2025, elle a combien de points ?", "élève", True),
])
def test_a_pupil_or_an_employee_is_the_licence_holder_not_the_user(text, noun, feminine):
    # T17 c37 (a driving instructor about a former pupil), c07 (a manager about an employee; the company car's own
    # answer is h33's): the answers are said of that person ("son solde"), not "votre permis"
    from actions.third_person import about_the_person, subject_person
    person = subject_person(make_tracker(text=text, history=[{"event": "user", "text": text}]))
    assert person is not None and person.noun == noun and person.feminine is feminine
    said = about_the_person("Votre solde est aujourd'hui de 8 points. Votre permis est probatoire.", person)
    assert said.startswith("Son solde") and "Son permis" in said


@pytest.mark.parametrize("year_said, year, ceiling", [
    ("et si je suis en permis probatoire ? 😬 1ere annee", 1, 6),
    ("et en première année de probatoire ?", 1, 6),
    ("et si je suis jeune conducteur, 2e année ?", 2, 8),
])
def test_the_balance_asked_after_an_offence_in_a_probation_year_is_computed(domain, first_of_december, year_said,
                                                                             year, ceiling):
    # T17 c13: a stop (4 points, R4) in probation year 1, "il me reste combien du coup" got only "Mes Points Permis";
    # 6 - 4 = 2 (R5), with the 48N (R15) and the FNPC caveat
    from tests.actions.test_what_if import run as run_action
    text = "il me reste combien du coup"
    history = [{"event": "user", "text": "combien de points pour un stop grillé ??"},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "Stop non respecté : retrait de 4 points (contravention de 4e classe)."},
               {"event": "user", "text": year_said},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "En permis probatoire, pour cette infraction :\nStop non respecté : retrait de 4 "
                                        "points (contravention de 4e classe)."}]
    tracker = make_tracker(slots={"offence_type": "stop_sign"}, intent="ask_check_balance", text=text,
                           entities=parsed(text, "2026-12-01"), history=history)
    _, said = run_action(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert f"{ceiling} − 4 = {ceiling - 4} points" in said and "48N" in said and "Mes Points Permis" in said


@pytest.mark.parametrize("first, points", [
    ("<script>alert('x')</script> 🚗💨 combien de points pour un stop grillé ??", 4),
    ("combien de points on perd pour un feu rouge ?", 4),
    ("le téléphone au volant ça fait perdre combien de points ?", 3),
])
def test_the_balance_in_a_probation_year_counts_the_offence_asked_about_once_its_slot_is_cleared(
        domain, first_of_december, first, points):
    # T18's replay of T17 c13, as the server ran it: the offence answer of a question in general clears the offence's
    # slot, so "il me reste combien du coup" after "et si je suis en permis probatoire ? 1ere annee" found no points
    # and gave where to read the official balance only; the offence the user told counts (R4), 6 - points (R5)
    from tests.actions.test_what_if import run as run_action
    year_said = "et si je suis en permis probatoire ? 😬 1ere annee"
    text = "il me reste combien du coup"
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": parsed(first, "2026-12-01")}},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "slot", "name": "offence_type", "value": None},
               {"event": "bot", "text": "Retrait de points (contravention de 4e classe)."},
               {"event": "user", "text": year_said,
                "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(year_said, "2026-12-01")}},
               {"event": "action", "name": "action_answer_probation"},
               {"event": "bot", "text": "En permis probatoire, pour cette infraction :\nRetrait de points."}]
    tracker = make_tracker(slots={}, intent="ask_check_balance", text=text, entities=parsed(text, "2026-12-01"),
                           history=history)
    _, said = run_action(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert f"6 − {points} = {6 - points} points" in said and "48N" in said, said


@pytest.mark.parametrize("text, asked", [
    ("non mais en 1ere annee j'ai 6 points, donc avec le stop grillé il m'en reste combien ?", []),  # T17 c13
    ("j'ai 8 points, du coup avec le feu rouge il me reste quoi et quand je les récupère ?", []),
    ("j'avais 12, je perds 6, il m'en reste 6 c'est ça ?", [6]),
])
def test_a_balance_told_before_a_question_of_its_own_is_not_asked_back(text, asked):
    # T18's replay of T17 c13: "j'ai 6 points, donc … il m'en reste combien ?" answered "Il vous restera 2 points, pas
    # 6": the clause after the figure asks its own question, the 6 is the balance told
    from actions.forms import balances_asked_back
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text, "2026-12-01"))
    assert balances_asked_back(tracker) == asked


def test_a_year_of_probation_said_makes_the_licence_probationary():
    # "en 1ère année j'ai 6 points": probationary (R5), so a retrait of 4 brings a 48N (R15), not a 48M
    from actions.forms import probation_said
    assert probation_said(make_tracker(slots={"probation_year": 1})) is True
    assert probation_said(make_tracker(slots={})) is None
