"""T20 (tester's conversations of 1 December 2026), items of branch h43: follow-ups and side questions read with
the answer they follow (48SI supposed to come, driving after a 48SI, a 48N of long ago, stage and recovery
hypotheses, the radar's speeds, questions beside a form)."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_t7_facts_read import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T20 c13: probation year 1, alcohol 0.35 mg/l (6 points) paid 1 October, a stage on 5-6 December ----------------

_C13_FIRST = ("Salut. jai eu le permis le 2 fevrier 2026 (sans AAC). Le 14 septembre 2026 controle d'alcoolemie, 0,35 "
              "mg par litre d'air. Jai paye l'amende le 1er octobre. J'ai pas encore recu de lettre. On m'a dit que "
              "j'allais perdre mon permis, c'est vrai ? je peux faire quoi")
_C13_SLOTS = {"licence_date": "2026-02-02", "supervised_driving": False, "fine_payment_date": "2026-10-01",
              "offence_date": "2026-09-14", "offence_type": "alcohol", "probation_offence": True,
              "last_offence_points": 6, "offence_class": "c4", "complementary_training": False}


def c13_chat(domain) -> Chat:
    chat = Chat(domain, _C13_FIRST, "ask_probation", answers.ActionAnswerProbation(), slots=dict(_C13_SLOTS))
    assert "0 point sur 6" in chat.reply
    return chat


@pytest.mark.parametrize("text", [
    "et si la 48SI arrive le 4 decembre, avant le stage ?",  # T20 c13
    "et si je reçois la lettre 48SI le 4 décembre ?",
    "Et si la lettre 48SI est présentée le 4 décembre, juste avant le stage ?",
])
@pytest.mark.parametrize("intent, action", [
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
    ("ask_letter", answers.ActionAnswerLetter()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
])
def test_a_48si_supposed_on_a_day_to_come_is_a_hypothesis_not_a_future_receipt(domain, text, intent, action):
    # R18 with CE 17/04/2025 n° 492072: a 48SI presented on 4 December is notified that day; the stage of 5-6
    # December then ends after it and saves nothing; not "la réception de la lettre ne peut pas être dans le futur"
    chat = c13_chat(domain)
    chat.say("ok donc si je fais un stage les 5 et 6 decembre ca me sauve ? et si la lettre arrive le 4 ?",
             "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    reply = chat.say(text, intent, action)
    assert "dans le futur" not in reply and "vérifier les informations" not in reply
    assert reply.startswith("Non : une lettre 48SI présentée le 4 décembre 2026 est notifiée ce jour-là")
    assert "Le stage des 5 et 6 décembre 2026 se terminerait après" in reply
    assert "(Conseil d'État, 17 avril 2025, n° 492072)" in reply
    assert reply.count("Non : une lettre 48SI") == 1
    # the supposed letter is not the user's: no 48SI received, the licence not invalidated
    assert chat.slots.get("letter_48n_date") is None and chat.slots.get("licence_status") != "invalidated"


def test_a_stage_planned_after_a_loss_to_zero_counts_from_the_probationary_ceiling(domain):
    # T20 c13: the balance before the alcohol offence was the year-1 ceiling, 6 (R5, R7), not 12; 6 - 6 = 0, then
    # the stage's 4 points (R18)
    chat = c13_chat(domain)
    reply = chat.say("ok donc si je fais un stage les 5 et 6 decembre ca me sauve ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "votre solde passera de 0 à 4 points" in reply
    assert "(6 points avant la première infraction que vous m'avez indiquée)" in reply
    assert "12 points avant" not in reply
    # R18: the stage to come saves it only if the 48SI is not notified by its last day (CE 17/04/2025)
    assert "Le permis serait sauvé" in reply and "Le permis est sauvé" not in reply
    assert "à condition que la lettre 48SI ne vous soit pas notifiée d'ici le 6 décembre 2026" in reply


# --- T20 c07: a 48SI received "hier" (30 November 2026): hand the licence back by 10 December, no driving meanwhile --

_C07_FIRST = "c koi la lettre 48 si ?? jlai recu hier"


def test_a_48si_received_yesterday_gives_the_day_to_hand_the_licence_back(domain):
    # R19, R20: the licence is handed back within 10 days of the 48SI's receipt: 30 November + 10 days
    chat = Chat(domain, _C07_FIRST, "ask_letter", answers.ActionAnswerLetter())
    assert "au plus tard le 10 décembre 2026" in chat.reply or "10 décembre 2026" in chat.reply
    assert "sous réserve de : la date de réception" not in chat.reply


@pytest.mark.parametrize("text", [
    "et en attendant de le rendre j'ai le droit de conduire ou pas ?",  # T20 c07
    "je peux encore conduire en attendant ?",
    "d'ici là je peux rouler ou pas ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_eligibility", answers.ActionAnswerStageEligibility()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_driving_asked_after_a_48si_received_is_no_with_the_hand_back_day(domain, text, intent, action):
    # R20, L.224-16: notified, the licence is no longer valid, even before it is handed back; it is due by
    # 10 December 2026 (10 days after its receipt, L.223-5); not the stage's questions
    chat = Chat(domain, _C07_FIRST, "ask_letter", answers.ActionAnswerLetter())
    reply = chat.say(text, intent, action)
    assert reply.startswith("Non : vous avez reçu la lettre 48SI le 30 novembre 2026 : depuis, votre permis n'est "
                            "plus valable, même avant de le rendre.")
    assert "au plus tard le 10 décembre 2026" in reply and "(article L.224-16 du Code de la route)" in reply
    assert "stage" not in reply.split("\n")[0] and "Avez-vous déjà fait un stage" not in reply


# --- T20 c17: licence 20 November 2024 with AAC (probation over 20 November 2026), 2 points (25 km/h) paid 10 Jan 2026 --

_C17_FIRST = ("Bonjour, je travaille à l'accueil d'un centre de stage. Une cliente me demande : elle a eu son permis en "
              "conduite accompagnée le 20 novembre 2024, elle a perdu 2 points pour un excès de 25 km/h commis le 3 "
              "janvier 2026 et payé le 10 janvier 2026. Elle veut faire un stage volontaire chez nous les 14 et 15 "
              "décembre. Elle aura combien de points après ?")
_C17_SLOTS = {"licence_date": "2024-11-20", "supervised_driving": True, "offence_date": "2026-01-03",
              "fine_payment_date": "2026-01-10", "last_offence_points": 2, "speed_excess": 25,
              "offence_type": "speeding"}


def test_the_balance_offered_starts_from_the_probationary_ceiling_of_the_offence_day(domain):
    # T20 c17: 9 (AAC, 2nd year, R5) - 2 = 7: "7 points si elle en avait 9 avant", not "12 avant" (12 - 2 is 10)
    from actions.ask import balance_if_full_before
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(slots={**_C17_SLOTS, "stage_first_day": "2026-12-14"}, intent="ask_points_after_stage",
                           text=_C17_FIRST, entities=parsed(_C17_FIRST, "2026-12-01"),
                           form="points_after_stage_form", requested_slot="current_balance")
    computed, before = balance_if_full_before(tracker)
    assert computed == 7 and before.startswith("9 avant l'infraction")


@pytest.mark.parametrize("text", [
    "super. et si elle fait pas le stage, elle revient a 12 quand ?",  # T20 c17
    "et sans stage, elle récupère tous ses points quand ?",
    "si elle ne fait pas de stage elle sera à 12 quand ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_points_after_stage", answers.ActionAnswerPointsAfterStage()),
    ("ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
def test_the_recovery_without_the_stage_after_a_stage_answer(domain, text, intent, action):
    # R9 with R7: 3 years from the payment of a 4e-class excess, after the probation's end: 10 January 2029; no
    # stage day asked
    chat = Chat(domain, _C17_FIRST, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                slots={**_C17_SLOTS, "stage_first_day": "2026-12-14", "current_balance": 7,
                       "previous_stage_date": "none"})
    assert "de 7 à 11 points" in chat.reply
    reply = chat.say(text, intent, action)
    assert "10 janvier 2029" in reply
    assert "commence" not in reply and "Quelle" not in reply


# --- T20 c11, c16, c29: questions beside the computations, read with too little confidence ------------------------

def _fallback_reply(domain, text: str, slots=None) -> str:
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_answers import run
    tracker = make_tracker(slots=slots or {}, intent="nlu_fallback", text=text, entities=parsed(text, "2026-12-01"))
    _, reply = run(fallback.ActionSuggestQuestions(), tracker, domain)
    return reply


@pytest.mark.parametrize("text", [
    "j'ai le permis B et le permis A, j'ai un solde de points pour chaque permis ou un seul ?",  # T20 c11
    "bon ben et pour le permis moto ça marche pareil les points ?",  # T20 c11
    "un solde de points pour la moto et la voiture, ou un seul ?",
])
def test_one_balance_for_every_category(domain, text):
    # R1 edge case: one balance covers all the categories of the licence (A, B…)
    reply = _fallback_reply(domain, text)
    assert reply.startswith("Un seul solde : les points sont ceux de votre permis de conduire")
    assert "reformuler" not in reply


@pytest.mark.parametrize("text", [
    "et si j'avais le tel sur un support, juste le gps ?",  # T20 c16
    "téléphone fixé sur un support pour le GPS, c'est autorisé ?",
])
def test_a_phone_on_a_holder_as_a_gps_is_not_the_hand_held_phone(domain, text):
    reply = _fallback_reply(domain, text, slots={"last_question": "action_answer_offence_points"})
    assert reply.startswith("Un téléphone fixé sur un support et utilisé seulement comme GPS n'est pas le téléphone "
                            "« tenu en main »")
    assert "R.412-6-2" in reply and "reformuler" not in reply


@pytest.mark.parametrize("text", [
    "du coup le stage en présentiel c'est obligatoire ou pas ?",  # T20 c29
    "le stage on peut le faire en visio ?",
])
def test_a_practical_question_on_the_stage_gets_its_part_of_the_card(domain, text):
    # R11: two consecutive days in a room, not online (R.223-5)
    reply = _fallback_reply(domain, text)
    assert reply.startswith("Non, le stage ne se fait pas en ligne : il a lieu en salle")


# --- T20 c14: three offences of 2025, a stage on 12-13 January 2026, 8 points; a stage planned on 8-9 January 2027 ---

_C14_FIRST = ("Bonjour,\nJe me permets de vous contacter car je suis un peu perdu. J'ai mon permis B depuis le "
              "10/05/2018. Le 3 mars 2025 j'ai été contrôlé sans ceinture (-3), réglé le 10 mars. Puis le 22 juin 2025 "
              "un radar m'a flashé à 58 pour 50 (-1), payé le 30 juin. Et enfin le 8 novembre 2025 j'ai brûlé un feu "
              "rouge (-4), payé le 20 novembre 2025. J'ai fait un stage les 12 et 13 janvier 2026. Je voudrais savoir "
              "où j'en suis aujourd'hui et quand je retrouve mes 12 points. Merci d'avance, cordialement, Patrick")


@pytest.mark.parametrize("text", [
    "Merci. Et si je refais un stage les 8 et 9 janvier 2027 je remonte à 12 ?",  # T20 c14
    "et si je fais un nouveau stage le 8 janvier 2027, je reviens à 12 ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_points_after_stage", answers.ActionAnswerPointsAfterStage()),
    ("ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
def test_a_stage_planned_too_early_is_the_stage_question_not_the_recovery(domain, text, intent, action):
    # R13: the stage of 12 January 2026 gave points; one planned on 8 January 2027 gives none, the first possible
    # day is 12 January 2027 (date à date); not "Non, pas encore le 8 janvier 2027 : … 20 novembre 2028"
    chat = Chat(domain, _C14_FIRST, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "Solde aujourd'hui : 8 points" in chat.reply
    reply = chat.say(text, intent, action)
    print(reply)
    assert "Non, pas encore" not in reply
    assert "12 janvier 2027" in reply and "Aucun point" in reply


# --- T20 c23: 143 km/h retained on a 130 road, not paid yet, 12 points: a stage before paying? ----------------------

_C23_FIRST = ("Bonjour, j'ai eu une amende pour excès de vitesse : 143 km/h retenu sur autoroute limitée à 130, le 10 "
              "novembre 2026. Je ne l'ai pas encore payée. J'ai 12 points. Est-ce que je perds un point si je paie "
              "maintenant, et est-ce que je peux faire un stage avant de payer pour éviter de perdre le point ?")


def test_the_speeds_told_give_the_class_of_the_retrait_told_by_its_points(domain):
    # R4: 13 km/h over a 130 limit is 1 point, 3e classe: the class is known, not "Sans la nature de l'infraction…"
    slots = {"current_balance": 12, "last_offence_points": 1, "offence_type": "speeding", "speed_limit": 130,
             "speed_excess": 13}
    reply = Chat(domain, _C23_FIRST, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                 slots=slots).reply
    assert "Mieux vaut attendre que le retrait de 1 point soit enregistré" in reply
    assert "Sans la nature de l'infraction" not in reply


@pytest.mark.parametrize("text", [
    "je l'ai recu hier, je dois rendre mon permis avant quand ?",  # T20 c07
    "c'est quoi la date limite alors ?",
])
def test_the_deadline_asked_after_the_48si_is_the_hand_back_not_a_stage(domain, text):
    # R19, R20: 10 days after the 48SI's receipt (30 November): hand the licence back by 10 December 2026; not the
    # 48N's compulsory stage
    chat = Chat(domain, _C07_FIRST, "ask_letter", answers.ActionAnswerLetter())
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "10 décembre 2026" in reply
    assert "48N" not in reply and "stage obligatoire" not in reply
