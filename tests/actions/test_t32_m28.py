"""T32 (tester of 1 December 2026), items taken by the lead: a balance asked at the end of one long sentence, a payment
told with the licence's day, how many points may still be lost."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, follow_ups
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import Conversation, mapped_slots, run

TODAY = "2026-12-01"
pytestmark = pytest.mark.usefixtures("first_of_december")

# --- T32 c01: "…flashé à 95 sur une route à 80 le mois dernier, cb il me reste de points ?" (one sentence, 125 chars)

C01 = ("jai eu mon permis en juin 2025 et je me suis fait flasher a 95 sur une route a 80 le mois dernier, cb il me reste "
       "de points ?")


def test_the_balance_asked_after_the_last_comma_of_a_long_sentence_is_answered(domain):
    # the classifier hesitated (ask_offence_points 0.43, ask_probation 0.40): the fallback showed "J'ai noté les
    # informations de votre message, mais pas votre question" and a menu; its last clause asks the balance (R1)
    chat = Conversation(domain, "bonjour", "greet", fallback.ActionGreet(), {}, today=TODAY)
    tracker = chat.tracker(C01, "nlu_fallback")
    events, _ = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_answer_check_balance"]


def test_a_payment_told_with_the_licence_s_day_establishes_the_offence(domain):
    # "jai deja payé l'amende le 20 novembre. et … permis le 12 juin 2025": the payment dates the one offence told
    # (R2), the licence's day beside it is the licence's; the answer kept "ne retire rien tant qu'elle n'est pas
    # établie" (9 points) until the payment was said again alone
    chat = Conversation(domain, C01, "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        mapped_slots(parsed(C01, TODAY), domain, "ask_check_balance"), today=TODAY)
    assert "pas établie" in chat.reply
    reply = chat.say("jai deja payé l'amende le 20 novembre. et jai oublié de dire jai fait la conduite accompagnée, "
                     "permis le 12 juin 2025", "inform", corrections.ActionApplyCorrection())
    assert "Votre solde est aujourd'hui de 8 points sur 9" in reply  # (AAC: 6 + 3 on 12 June 2026, then − 1, R5, R7)
    assert "pas établie" not in reply
    assert "revient le 20 mai 2027" in reply  # (6 months after the payment, R8)


# --- T32 c23: "je peux en perdre combien avant qu'on me le retire ?"

@pytest.mark.parametrize("text, said", [
    ("ok alors robot, j'ai 15 points sur mon permis, je peux en perdre combien avant qu'on me le retire",
     "Un permis compte au plus 12 points : 15 n'est pas possible. Votre permis n'est invalidé qu'à 0 point"),
    ("il me reste combien de points à perdre avant de perdre mon permis ?",
     "avec 12 points, le maximum, vous pouvez en perdre 11 et le garder"),
    ("j'ai 5 points, combien je peux encore en perdre ?", "avec 5 points, vous pouvez en perdre 4 et le garder"),
    ("il a 1 point, il peut en perdre combien ?", "avec 1 point, le moindre retrait l'amènerait à 0"),
])
def test_how_many_points_may_still_be_lost(domain, text, said):
    # T32 c23: "Non : avec 15 points, votre permis reste valable" then "15 n'est pas possible", then the stage's answer;
    # the question (all points but one, R1; what one event can cost, R3) never answered
    chat = Conversation(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(text, TODAY), domain, "ask_zero_points"), today=TODAY)
    assert said in chat.reply
    assert "plafonné à 8 points" in chat.reply and "Une infraction seule retire au plus 6 points" in chat.reply
    assert "reste valable ;" not in chat.reply


def test_the_question_said_with_a_stage_refused_is_answered(domain):
    # "je veux pas de stage. je demande combien je peux en perdre avant l'invalidation" after a stage's answer: the
    # apology, then the answer (T32 c23 got the apology alone)
    chat = Conversation(domain, "j'ai 12 points, un stage me rapporterait combien ?", "ask_points_after_stage",
                        answers.ActionAnswerPointsAfterStage(), {"current_balance": 12}, today=TODAY)
    tracker = chat.tracker("je veux pas de stage. je demande combien je peux en perdre avant l'invalidation",
                           "ask_points_after_stage")
    said = follow_ups.balance_asked_without_a_stage(tracker)
    assert said.startswith("Pardon, je vous ai mal compris : je laisse le stage de côté.")
    assert "avec 12 points, vous pouvez en perdre 11 et le garder" in said


# --- T32 c09: "donc mon collègue a tort pour les 6 mois ?", then "pourquoi 3 ans et pas 2 ?"

C09 = ("Bonjour, j'ai reçu une lettre simple du ministère de l'intérieur, ref 48, qui dit qu'on m'a retiré 2 points. "
       "C'est normal que ce soit pas un recommandé ? c'est pour un excès de vitesse de juin.")


def test_what_a_colleague_said_of_six_months_is_answered_and_why_after_it(domain):
    # both got "Je n'ai pas bien compris votre question sur la récupération de vos points" (the second read the first's
    # request to rephrase as the answer to explain); "mon collègue a tort" made the colleague the licence holder
    chat = Conversation(domain, C09, "ask_letter", answers.ActionAnswerLetter(),
                        mapped_slots(parsed(C09, TODAY), domain, "ask_letter"), today=TODAY)
    chat.say("ok. j'avais 12, permis depuis 2008. payé le 3 juillet. je les recupere quand ces 2 points ? un collegue "
             "dit 6 mois", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    reply = chat.say("donc mon collegue a tort pour les 6 mois ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Oui, ici ce n'est pas 6 mois : le retour au bout de 6 mois ne vaut que pour une infraction "
                            "qui n'a retiré qu'1 point")
    assert "Votre infraction vous a retiré 2 points" in reply and "le 3 juillet 2029" in reply  # (R8, R9)
    reply = chat.say("pourquoi 3 ans et pas 2 ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Voici sur quoi repose ce résultat :")
    assert "il est de 3 ans à cause d'un délit ou d'une contravention de 4e ou 5e classe" in reply
    assert "Je n'ai pas bien compris" not in reply and "6 mois ne vaut" not in reply


def test_a_follow_up_after_a_request_to_rephrase_reads_the_answer_before_it(domain):
    chat = Conversation(domain, C09, "ask_letter", answers.ActionAnswerLetter(),
                        mapped_slots(parsed(C09, TODAY), domain, "ask_letter"), today=TODAY)
    chat.say("ok. j'avais 12, permis depuis 2008. payé le 3 juillet. je les recupere quand ces 2 points ?",
             "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    asked = chat.say("bof bof", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Je n'ai pas bien compris" in asked
    reply = chat.say("pourquoi 3 ans ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "il est de 3 ans à cause d'un délit ou d'une contravention de 4e ou 5e classe" in reply


# --- T32 c06: the stage's days said after an eligibility answer that counted another day

C06_SLOTS = {"current_balance": 5, "previous_stage_date": "2025-12-02", "stage_first_day": "2026-12-03",
             "letter_code": "48M"}


def test_the_stage_days_said_after_the_answer_replace_the_day_it_counted(domain):
    # "Un stage ne vous rendra des points qu'à partir du 2 décembre 2026 … date prudente : 3 décembre 2026", then "ya
    # une place demain 2 et 3 decembre pres de chez moi, c'est bon ou c'est trop tot d'un jour ?" (read as the
    # eligibility question again) got "je n'ai pas d'autre réponse": the stage of 2 December is the one asked about,
    # allowed from date to date (R13)
    text = "ok. il me reste 5 je crois. dernier stage jen ai fait un le 2 decembre 2025, je peux en refaire un quand ?"
    chat = Conversation(domain, text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        {"current_balance": 5, "previous_stage_date": "2025-12-02"}, today=TODAY)
    assert "à partir du 2 décembre 2026" in chat.reply
    asked = "ya une place demain 2 et 3 decembre pres de chez moi, c'est bon ou c'est trop tot d'un jour ?"
    # (the stage_eligibility_form ran first in that turn, setting again the slots it had: the correction action the
    # answer handed over to then found nothing to correct and said nothing, T34 c06)
    tracker = chat.tracker(asked, "ask_stage_eligibility")
    for name in ("previous_stage_date", "current_balance"):
        tracker.events.append({"event": "slot", "name": name, "value": chat.slots[name]})
    events, reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "stage_first_day", "value": "2026-12-02"} in events
    assert "Le stage vous rendra 4 points, avec effet au 4 décembre 2026 : votre solde passera de 5 à 9 points" in reply
    assert "pas d'autre réponse" not in reply and not [e for e in events if e.get("event") == "followup"]


# --- T34 c11: "trop bien. et si demain je me fais flasher a 92 sur une 80, … ?" is a hypothesis

@pytest.mark.parametrize("text", [
    "trop bien. et si demain je me fais flasher a 92 sur une 80, je suis encore en probatoire ou pas ? ça fait combien ?",
    "ok merci ! et si demain il se fait flasher à 92 sur une 80 ?",
])
def test_a_hypothesis_after_thanks_is_no_offence_day_in_the_future(text):
    # the thanks before it and "demain" between "si" and its subject hid the hypothesis: "Le 2 décembre 2026 est dans
    # le futur (nous sommes le 1er décembre 2026). Quelle est la date de l'infraction ?"
    from actions.what_if import states_a_hypothesis
    assert states_a_hypothesis(text)


def test_the_offence_supposed_tomorrow_gets_its_points_without_a_future_date_refused(domain):
    first = "slt jsuis en permis probatoire depuis le 1er decembre 2023, aucune infraction. jai combien la ?"
    chat = Conversation(domain, first, "ask_probation", answers.ActionAnswerProbation(),
                        {**mapped_slots(parsed(first, TODAY), domain, "ask_probation"), "supervised_driving": False},
                        today=TODAY)
    reply = chat.say("trop bien. et si demain je me fais flasher a 92 sur une 80, je suis encore en probatoire ou pas ? "
                     "ça fait combien ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "dans le futur" not in reply and "Quelle est la date de l'infraction" not in reply
    assert "retrait de 1 point (contravention de 3e classe)" in reply  # (R4)


# --- T35/T36 c07: "le probatoire repart à zéro quand on fait une infraction ?" asked three times, never answered

C07 = ("Bonjour, mon permis probatoire vient de se terminer (permis obtenu le 25 novembre 2023, filière classique). J'ai "
       "eu une seule infraction : 25 km/h de trop, commise le 3 avril 2025 et payée le 20 avril 2025. Normalement j'ai "
       "12 points maintenant non ?")


@pytest.mark.parametrize("text, intent, action", [
    ("et pour le probatoire qui repart à zéro c'est vrai ou pas ?", "ask_probation", answers.ActionAnswerProbation()),
    ("oui mais mon pote dit que la periode probatoire recommence a zero apres une infraction, c'est vrai ?",
     "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_whether_the_probation_restarts_is_answered(domain, text, intent, action):
    chat = Conversation(domain, C07, "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        {**mapped_slots(parsed(C07, TODAY), domain, "ask_check_balance"), "supervised_driving": False},
                        today=TODAY)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Non : une infraction ne fait ni repartir à zéro ni prolonger la période probatoire"), reply
    assert "Conseil d'État, avis, 31 mai 2013, Bizet, n° 366865" in reply  # (R7)
    assert "La période probatoire a pris fin le 25 novembre 2026." in reply  # (the end the answer gave)
