"""Testers T23 and T24 (conversations of 1 December 2026), items of branch h54."""
from __future__ import annotations

import pytest

from actions import answers
from actions.informational import WHERE_TO_FIND_FACT
from actions.third_person import Person, about_the_person
from tests.actions.test_probation_facts import mapped_slots, run, told
from tests.actions.test_what_if import Conversation
from tests.actions.conftest import make_tracker, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T24 c06, c14, c26: "le code suffit si vous il inscrit": the reflexive "vous vous inscrivez" said of another
# person kept the user's "vous" (R20, service-public.fr F1704) ------------------------------------------------------

@pytest.mark.parametrize("text, said", [
    ("Mon client a perdu tous ses points, il a reçu la 48SI le 5 octobre 2026 et rendu son permis le 12 octobre "
     "2026. Il avait le permis depuis 2010. Il peut repasser quand et quoi ?", "le code suffit s'il s'inscrit à"),
    ("Ma cliente a reçu la 48SI le 5 octobre 2026 et a rendu son permis le 12 octobre 2026, elle l'avait depuis "
     "2010. Elle peut repasser quand ?", "le code suffit si elle s'inscrit à"),
])
def test_the_registration_for_the_code_is_said_of_the_person(domain, text, said):
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today="2026-12-01"),
                    domain)
    assert said in answer, answer
    assert "vous il" not in answer and "vous elle" not in answer


@pytest.mark.parametrize("feminine, said", [
    (True, "Si elle s'est inscrite à l'examen du code"), (False, "S'il s'est inscrit à l'examen du code")])
def test_a_reflexive_verb_in_the_past_agrees_with_the_person(feminine, said):
    text = "Si vous vous êtes inscrit à l'examen du code au plus tard le 12 juillet 2027, le code suffit."
    assert about_the_person(text, Person("fille" if feminine else "fils", feminine)).startswith(said)


# --- T23 c31: "Si elle n'en est pas sûr": what is said of a woman agrees with her ----------------------------------

@pytest.mark.parametrize("fact", ["complementary_training", "supervised_driving"])
def test_not_being_sure_agrees_with_the_daughter(fact):
    daughter, son = about_the_person(WHERE_TO_FIND_FACT[fact], Person("fille", True)), \
        about_the_person(WHERE_TO_FIND_FACT[fact], Person("fils", False))
    assert "Si elle n'en est pas sûre, répondez" in daughter, daughter
    assert "S'il n'en est pas sûr, répondez" in son, son


@pytest.mark.parametrize("text, said", [
    ("Si vous êtes finalement condamné, vous perdez ces points.", "Si elle est finalement condamnée, elle perd"),
    ("Vous n'êtes pas obligé de faire un stage.", "Elle n'est pas obligée de faire"),
    ("Si vous êtes certain de la date, dites-la-moi.", "Si elle est certaine de la date"),
])
def test_the_other_words_said_of_her_agree_too(text, said):
    assert about_the_person(text, Person("fille", True)).startswith(said)


# --- T23 c05: "et si je suis en permis probatoire ? j'ai eu le permis il y a 1 an": the licence's date told in the
# indicative is the user's own fact, kept, not a world to imagine and forget (R5, R7, R15) -------------------------

def speeding_of_12(domain) -> Conversation:
    text = "flashé à 92 sur une route à 80, ça fait combien de points ?"
    return Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(domain, text, "ask_offence_points", "2026-12-01"), today="2026-12-01")


@pytest.mark.parametrize("text, licence, said", [
    ("et si je suis en permis probatoire ? j'ai eu le permis il y a 1 an", "2025-12-01",
     "J'ai noté votre permis obtenu le 1er décembre 2025."),
    ("et si je suis jeune permis ? j'ai mon permis depuis 2025", "2025", "J'ai noté la date de votre permis."),
])
def test_the_users_own_licence_told_with_a_probation_if_is_a_fact(domain, text, licence, said):
    chat = speeding_of_12(domain)
    reply = chat.say(text, "ask_probation", answers.ActionAnswerOffencePoints())
    assert "n'entraîne pas de lettre 48N" in reply  # R15: 1 point in probation
    assert "C'est une hypothèse" not in reply, reply
    assert said in reply and "dites-moi la date de l'infraction" in reply
    assert chat.slots.get("licence_date") == licence and chat.slots.get("probationary") is True


def test_a_probation_imagined_without_a_licence_told_stays_a_hypothesis(domain):
    chat = speeding_of_12(domain)
    reply = chat.say("et si j'étais en permis probatoire ?", "ask_probation", answers.ActionAnswerOffencePoints())
    assert "n'entraîne pas de lettre 48N" in reply and "J'ai noté" not in reply
    assert chat.slots.get("probationary") is not True


# --- T23 c07, c12, c22, c35: "C'est une hypothèse : je garde pour la suite…" after a stage planned, which changes
# none of the facts told; said (shorter) only when a fact told is replaced or an offence added -----------------------

def test_a_stage_planned_gets_no_hypothesis_note(domain):
    chat = Conversation(domain, "j'ai perdu 3 points pour le téléphone au volant, l'amende je l'ai payée le 10 février "
                                "2025, quand est-ce que je récupère mes points ? j'ai mon permis depuis 2005",
                        "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2025-02-10", "last_offence_points": 3, "offence_type": "phone",
                         "licence_date": "2005"}, today="2026-12-01")
    reply = chat.say("Et si je fais un stage en janvier ça change quoi ?", "ask_points_after_stage",
                     answers.ActionAnswerAutoRecovery())
    assert "Si vous faites un stage commençant le 1er janvier 2027, alors :" in reply, reply
    assert "hypothèse" not in reply


def test_an_offence_imagined_keeps_a_short_note(domain):
    chat = speeding_of_12(domain)
    reply = chat.say("et si je me fais reprendre au téléphone en janvier ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert reply.endswith("C'est une hypothèse : je garde vos informations telles quelles."), reply


# --- T23 c24: the price asked with the cancellation was left out until asked again (R11: price free, centre's terms)

@pytest.mark.parametrize("text", [
    "Je voudrais savoir combien coûte un stage de récupération de points et comment annuler si je peux pas venir",
    "c'est quel tarif un stage ? et si je peux pas y aller je peux annuler ?",
])
def test_the_price_and_the_cancellation_asked_together_are_both_answered(domain, text):
    _, answer = run(answers.ActionAnswerStageInfo(), told(domain, text, "ask_stage_info", today="2026-12-01"), domain)
    assert "Le prix est fixé librement" in answer, answer
    assert "Annulation ou report" in answer


def test_a_missed_day_asked_alone_gets_its_part_alone(domain):
    text = "je suis malade le 2e jour du stage, je peux me faire rembourser ?"
    _, answer = run(answers.ActionAnswerStageInfo(), told(domain, text, "ask_stage_info", today="2026-12-01"), domain)
    assert answer.startswith("Si vous manquez tout ou partie du stage") and "Le prix" not in answer


# --- T23 c12: a stage planned for tomorrow, on the anniversary of the last one: the year "est écoulé depuis le 2
# décembre 2026" was said on 1 December; the tense follows the day against today (R13). The stage planned changes no
# fact told: no hypothesis note either --------------------------------------------------------------------------

def test_a_year_ending_tomorrow_is_not_said_over(domain):
    text = "Puis-je refaire un stage ? j'en ai fait un le 2 et 3 décembre 2025"
    chat = Conversation(domain, text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        mapped_slots(domain, text, "ask_stage_eligibility", "2026-12-01"), today="2026-12-01")
    assert "qu'à partir du 2 décembre 2026" in chat.reply
    reply = chat.say("donc si je commence demain c bon ?", "ask_stage_eligibility",
                     answers.ActionAnswerStageEligibility())
    assert reply.startswith("Si le stage commence le 2 décembre 2026, alors :"), reply
    assert "sera écoulé le 2 décembre 2026" in reply and "est écoulé depuis le 2 décembre 2026" not in reply
    assert "hypothèse" not in reply


# --- T24 c13, c19: the 72-hour retention of a roadside check appended where nobody asked; "il prend combien ?" of
# driving while suspended got the stage during a suspension (L.224-1, L.224-16) ---------------------------------------

def suspension_answer(domain, text):
    return run(answers.ActionAnswerSuspension(), told(domain, text, "ask_suspension", today="2026-12-01"), domain)[1]


@pytest.mark.parametrize("text", [
    "et il peut le faire pendant sa suspension de permis ? il est suspendu 2 mois depuis le 20 novembre",
    "je suis suspendu 2 mois, je peux faire un stage ?",
    "suspension de permis",
])
def test_no_retention_paragraph_unless_asked(domain, text):
    answer = suspension_answer(domain, text)
    assert "stage pendant la suspension" in answer, answer
    assert "72 heures" not in answer


@pytest.mark.parametrize("text", [
    "salut, mon pote a eu son permis en 2022, il s'est fait choper sans permis... enfin avec le permis suspendu en "
    "octobre, il prend combien ?",
    "j'ai été contrôlé en roulant avec mon permis suspendu, je risque quoi ?",
    "conduite pendant une suspension de permis",
])
def test_driving_while_suspended_gets_its_penalty(domain, text):
    answer = suspension_answer(domain, text)
    assert "délit : retrait de 6 points, jusqu'à 2 ans d'emprisonnement et 4 500 € d'amende" in answer, answer
    assert "72 heures" not in answer


def test_the_retention_asked_still_gets_its_part(domain):
    assert "72 heures" in suspension_answer(domain, "la rétention du permis ça dure combien de temps ?")


# --- T24 c05: "un emoji 👍 ça veut dire quoi ?" got "Quelle lettre avez-vous reçue ?" and 8 letter buttons: the meaning
# of something that is not a letter is not the letter's question ----------------------------------------------------

@pytest.mark.parametrize("text", ["merci. et un emoji 👍 ca veut dire quoi pour toi ?", "ce smiley 😅 ça signifie quoi ?"])
def test_the_meaning_of_an_emoji_is_not_the_letter_question(domain, text):
    import asyncio
    from actions import forms
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text, "2026-12-01"))
    required = asyncio.run(forms.ValidateLetterForm().required_slots(["letter_code"], None, tracker, domain))
    assert required == []
    events, answer = run(answers.ActionAnswerLetter(), tracker, domain)
    assert "utter_out_of_scope" in answer and "Quelle lettre" not in answer, answer


def test_a_letter_asked_by_its_code_is_still_explained(domain):
    text = "c quoi la lettre 48M ?"
    _, answer = run(answers.ActionAnswerLetter(), told(domain, text, "ask_letter", today="2026-12-01"), domain)
    assert answer.startswith("La lettre 48M")


# --- T24 c18: "elle a reçu hier une lettre recommandée … 48N": the day between the verb and the letter is the 48N's
# receipt (R15: the 4 months run from it), not a day the form asks again ------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("elle a reçu hier une lettre recommandée du ministère de l'intérieur avec marqué 48N en haut", "2026-11-30"),
    ("j'ai reçu ce matin le courrier 48N", "2026-12-01"),
])
def test_a_letter_received_yesterday_is_dated(text, day):
    assert [e["value"] for e in parsed(text, "2026-12-01") if e.get("role") == "letter_48n"] == [day]


def test_the_48n_received_yesterday_gives_its_deadline_at_once(domain):
    text = ("Bonjour, ma cliente Mme Leroy a reçu hier une lettre recommandée du ministère de l'intérieur avec marqué "
            "48N en haut, elle a son permis depuis le 3 mai 2025, elle téléphonait au volant le 10 août 2026, amende "
            "payée le 25 août 2026. Elle a jusqu'à quand pour faire le stage et est-ce qu'elle sera remboursée ?")
    tracker = told(domain, text, "ask_mandatory_stage", today="2026-12-01")
    assert tracker.get_slot("letter_48n_date") == "2026-11-30"
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "30 mars 2027" in answer, answer


# --- T23 c13: a parent's long letter with its question ("Combien lui reste-t-il de points, et que risque-t-elle ?")
# got "J'ai noté les informations de votre message, mais pas votre question", and the payment's day told after a
# comma ("payé l'amende tout de suite, le 10 octobre") was asked again ------------------------------------------------

C13 = ("Madame, Monsieur, je me permets de vous écrire car ma fille, qui a obtenu son permis de conduire le 12 septembre "
       "2024 (elle n'a pas fait la conduite accompagnée), a été contrôlée le 8 octobre dernier à 0,3 g d'alcool dans "
       "le sang. Elle a payé l'amende tout de suite, le 10 octobre. Combien lui reste-t-il de points, et que "
       "risque-t-elle ? Je vous remercie par avance.")


def test_the_parents_question_is_found_in_the_long_letter(domain):
    from actions import fallback
    tracker = told(domain, C13, "nlu_fallback", today="2026-12-01")
    assert tracker.get_slot("fine_payment_date") == "2026-10-10"
    events, said = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "pas votre question" not in said
    assert {"event": "followup", "timestamp": None, "name": "action_answer_check_balance"} in events


@pytest.mark.parametrize("text, intent", [
    ("Combien lui reste-t-il de points, et que risque-t-elle ?", "ask_check_balance"),
    ("elle a combien de points maintenant ?", "ask_check_balance"),
    ("combien il lui reste de points ?", "ask_check_balance"),
])
def test_the_balance_of_another_person_is_asked(text, intent):
    from actions.two_part import question_of
    assert question_of(text) == intent


@pytest.mark.parametrize("text, role", [
    ("Elle a payé l'amende tout de suite, le 10 octobre.", "payment"),
    ("j'ai été flashé sur l'autoroute, le 3 mars", "offence"),
])
def test_a_day_after_a_comma_dates_the_clause_before(text, role):
    assert [e.get("role") for e in parsed(text, "2026-12-01") if e["entity"] == "date"] == [role]
