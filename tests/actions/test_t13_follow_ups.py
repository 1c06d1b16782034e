"""Short follow-ups after an answer (outside tester T13, BOT_TODAY=2026-12-01): each is answered on its own point,
not with a request to rephrase nor with "Sur ce point précis, je n'ai pas d'autre réponse…" and the whole answer
again. Each behaviour is tested with wordings of our own."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def bubbles(text: str):
    """The messages the REST channel sends for one text (Rasa splits it on blank lines)."""
    return [part for part in text.strip().split("\n\n") if part.strip()]


# --- c04: another offence, not named, after a 1-point recovery answer (R8, R9)


def one_point_recovery(domain, paid: str = "2026-05-31") -> Conversation:
    return Conversation(domain, "flashé a 8km/h de trop sur autoroute (130), amende payee le 31 mai 2026. je recupere "
                                "le point quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": paid, "last_offence_points": 1, "offence_class": "c3",
                         "offence_type": "speeding", "speed_excess": 8, "speed_limit": 130}, today=TODAY)


@pytest.mark.parametrize("text", [
    "et si j'ai un autre excès demain ?",
    "et si je prends une nouvelle amende la semaine prochaine ?",
    "si jamais j'ai une autre infraction en janvier ?",
])
def test_another_offence_to_come_is_the_hypothesis_of_that_offence(domain, text):
    conversation = one_point_recovery(domain)
    reply = conversation.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "reformuler" not in reply, reply
    assert reply.startswith("Si vous commettiez le"), reply
    # R8: its own point comes back 6 months later, and with it the 12 points of the full licence: that is the day of
    # the full recovery, not R9's 2 years later (T16 c04)
    assert "retrouverait alors ses 12 points" in reply and "repartirait" not in reply and "L.223-6" in reply, reply
    # the caveats in one message after the answer, not one each (T13 c04 got five)
    assert len(bubbles(reply)) == 2, bubbles(reply)
    assert bubbles(reply)[1].endswith(what_if_note()), reply


def what_if_note() -> str:
    from actions.what_if import HYPOTHESIS_NOTE
    return HYPOTHESIS_NOTE


def test_another_offence_before_the_six_months_blocks_the_single_point(domain):
    # R8: paid on 15 October 2026, the point comes back on 15 April 2027 unless an offence is committed before
    conversation = one_point_recovery(domain, paid="2026-10-15")
    reply = conversation.say("et si j'ai un autre excès demain ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "15 avril 2027" in reply and "ne reviendrait pas" in reply, reply


@pytest.mark.parametrize("text", ["et si j'ai une autre question ?", "et si je fais un autre stage ?"])
def test_another_question_or_stage_is_no_offence_to_come(domain, text):
    conversation = one_point_recovery(domain)
    reply = conversation.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Si vous commettiez" not in reply


# --- c19: "aide" after the help text got its first line alone


@pytest.mark.parametrize("before, again, intent", [
    ("ok. tu sers a quoi exactement", "aide", "help"),
    ("qu'est-ce que tu sais faire ?", "help", "help"),
    ("aide", "tu peux m'aider ?", "help"),
])
def test_help_asked_again_gets_the_whole_list(domain, before, again, intent):
    from actions.informational import HELP_TEXT
    from tests.actions.conftest import make_tracker, parsed, user_said
    from tests.actions.test_what_if import run
    tracker = make_tracker(intent=intent, text=again, entities=parsed(again, TODAY),
                           history=[user_said(before, "help"), {"event": "action", "name": "action_help"},
                                    {"event": "bot", "text": HELP_TEXT}])
    _, reply = run(answers.ActionHelp(), tracker, domain)
    assert reply == HELP_TEXT, reply


def conversation(domain, text: str, intent: str, action, extra: dict = None) -> Conversation:
    """The first question answered with the slots its entities fill (and `extra`, as the form would)."""
    from tests.actions.conftest import parsed
    from tests.actions.test_what_if import mapped_slots
    return Conversation(domain, text, intent, action, {**mapped_slots(parsed(text, TODAY), domain), **(extra or {})},
                        today=TODAY)


# --- c06: the other fines after a 10-year-rule answer (R8, R9, R10)

TEN_YEARS = ("Bonjour, j'ai grillé un feu rouge en 2017 (payé le 3 avril 2017), et depuis j'ai eu plusieurs petites "
             "amendes tous les ans. Est-ce que je récupère un jour ces 4 points ?")


@pytest.mark.parametrize("text, intent, action", [
    ("ah ok et les autres petites amendes alors ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("et celles d'après, elles reviennent quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("ok mais les points de mes autres PV ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
def test_the_other_fines_get_their_own_delays(domain, text, intent, action):
    first = conversation(domain, TEN_YEARS, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                         {"last_offence_points": 4, "offence_class": "c4"})
    assert "3 avril 2027" in first.reply
    reply = first.say(text, intent, action)
    assert reply.startswith("Chacune de vos autres amendes a ses propres délais"), reply
    assert "10 ans après ce paiement" in reply and "6 mois après son paiement" in reply  # R10, R8
    assert "2 ans passent sans nouvelle infraction" in reply and "3 ans" in reply and "L.223-6" in reply  # R9
    assert "3 avril 2027" not in reply  # (not the red light's answer again)


# --- c16: at 0 points, no letter yet: the stage's deadline is the 48SI's notification (R18)

ZERO = "il me reste 0 point mais jai pas encore recu de lettre, je peux faire un stage pour sauver mon permis ?"


@pytest.mark.parametrize("text, intent, action", [
    ("Y a une date limite pour le stage ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
    ("je dois le faire avant quand ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("j'ai combien de temps pour faire le stage ?", "ask_stage_info", answers.ActionAnswerStageInfo()),
])
def test_the_stage_to_save_the_licence_has_no_fixed_deadline(domain, text, intent, action):
    first = conversation(domain, ZERO, "ask_zero_points", answers.ActionAnswerZeroPoints())
    reply = first.say(text, intent, action)
    assert reply.startswith("Il n'y a pas de date limite fixe"), reply
    assert "avant que la lettre 48SI vous soit notifiée" in reply and "464635" not in reply
    assert "48N" not in reply and "reformuler" not in reply


def test_with_the_retrait_told_the_stage_is_to_take_now(domain):
    from actions import corrections
    first = conversation(domain, ZERO, "ask_zero_points", answers.ActionAnswerZeroPoints())
    first.say("javais 2 points et j'ai grillé un feu rouge, amende payée le 20 novembre", "inform",
              corrections.ActionApplyCorrection())
    reply = first.say("ok je fais le stage quand alors, y a une date limite ?", "nlu_fallback",
                      fallback.ActionSuggestQuestions())
    # R18: the fine paid, the retrait is decided: a stage before the 48SI brings -2 + 4 = 2 points
    assert reply.startswith("Il n'y a pas de date limite fixe") and "solde à 2 points" in reply, reply


# --- c34: the 48N's stage within the year of a voluntary one: no points, still due, fine refunded (R17)

C34 = ("Jeune conducteur. J'ai fait un stage volontaire les 2 et 3 juin 2026 (j'avais perdu 2 pts). La j'ai recu une "
       "48N le 10 novembre 2026 pour un telephone. Je dois refaire un stage ??")


@pytest.mark.parametrize("text, intent, action", [
    ("ok donc je le fais quand meme pour rien en points ?", "ask_stage_eligibility",
     answers.ActionAnswerStageEligibility()),
    ("mais ça sert à rien si j'ai aucun point ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("à quoi bon le faire alors ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
])
def test_the_compulsory_stage_without_points_is_still_due(domain, text, intent, action):
    first = conversation(domain, C34, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                         {"previous_stage_date": "2026-06-02"})
    reply = first.say(text, intent, action)
    assert reply.startswith("Oui : le stage de la lettre 48N reste obligatoire"), reply
    assert "10 mars 2027" in reply and "remboursée" in reply and "135 €" in reply and "R.223-4" in reply
    assert "Sur ce point précis" not in reply and "reformuler" not in reply


# --- c37: a second invalidation; the exams during the one-year wait (R20)

C37 = ("Mon permis a été invalidé une 1ere fois en 2023 (rendu le 12 mai 2023). Re-invalidé, je l'ai rendu le 10 "
       "octobre 2026. Quand je peux repasser le permis ?")


@pytest.mark.parametrize("text, intent, action", [
    ("ok merci, et je peux faire le code avant ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("est-ce que je peux passer le code pendant l'attente d'un an ?", "ask_zero_points",
     answers.ActionAnswerZeroPoints()),
    ("je peux m'inscrire à l'examen maintenant ou faut attendre ?", "ask_stage_info", answers.ActionAnswerStageInfo()),
])
def test_the_exams_may_be_taken_during_the_wait(domain, text, intent, action):
    first = conversation(domain, C37, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                         {"licence_handed_back_date": "2026-10-10"})
    assert "10 octobre 2027" in first.reply
    reply = first.say(text, intent, action)
    assert reply.startswith("Oui : les examens peuvent être passés pendant le délai d'attente"), reply
    assert "à partir du 10 octobre 2027" in reply and "L.223-5" in reply
    assert "le code et l'épreuve de conduite" in reply  # (the invalidation lasts a year: both, R20 example 2)
    assert "Conduire malgré" not in reply  # (not the whole answer again)


# --- c40: how long before the retrait is recorded, after "stage now or wait" (R2, R12, R18 example 1)

C40 = ("Bonjour, j'ai 10 points. Je viens de payer une amende de 4 points (stop) le 25 novembre, c'est pas encore sur "
       "mon compte. Je fais un stage tout de suite ou j'attends ?")


@pytest.mark.parametrize("text, intent, action", [
    ("ok j'attends alors. ca met combien de temps a etre enregistré ?", "ask_stage_eligibility",
     answers.ActionAnswerStageEligibility()),
    ("le retrait apparaît quand sur mon compte en général ?", "ask_retrait_timing", answers.ActionAnswerRetraitTiming()),
    ("d'accord. et c'est long avant que ce soit pris en compte ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_time_to_record_the_retrait(domain, text, intent, action):
    first = conversation(domain, C40, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                         {"previous_stage_date": "none"})
    assert first.reply.startswith("Mieux vaut attendre")
    reply = first.say(text, intent, action)
    assert reply.startswith("Aucun délai n'est fixé par la loi"), reply
    assert "quelques semaines" in reply and "364635" in reply  # R2: no deadline binds the ministry
    assert "enregistrés dans le mois" in reply and "lettre 47" in reply and "R.223-8" in reply  # R12
    assert "Sur ce point précis" not in reply and "Mieux vaut attendre" not in reply


def test_the_stage_s_points_recording_asked_alone(domain):
    first = conversation(domain, C40, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                         {"previous_stage_date": "none"})
    reply = first.say("et les points du stage ils sont crédités quand ?", "ask_points_after_stage",
                      answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Les points du stage comptent dès le lendemain de son dernier jour"), reply
