"""Tester T50 (replays on 1 December 2026), items of branch h118: a stage before a pending retrait is recorded,
"je peux continuer à bosser ?", the retrait's day and the stage's timing said alike."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t50-c30: alcohol 0,7 g/l + seatbelt + phone on one check (capped at 8, R3), 10 points before, not paid yet

C30 = ("chauffeur VTC, je me suis fait arreter samedi soir : 0,7 g/l, pas de ceinture et tel en main. la totale. ca "
       "fait combien de points en tout ?")


def test_a_stage_waits_for_the_pending_retrait_and_the_licence_stays_valid(domain):
    # t50-c30: "10 points à 2 points", a stage suggested, then "je vais faire un stage vite fait" got a goodbye; R18
    # example 1: a stage now is capped at 12 and the 8 points come off after (4); after the record, 2 + 4 = 6.
    # "je peux continuer à bosser ?" was not answered: with 2 points the licence stays valid (R1, R20)
    chat = opened(domain, C30, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    # (read as nlu_fallback by the server, whose suggestion action hands it to the balance's answer)
    reply = chat.say("j'avais 10 points. il m'en restera combien ? je peux continuer a bosser ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert "de 10 points à 2 points" in reply, reply
    assert "attendez que le retrait de 8 points soit enregistré : fait après, il ajoute ses points au solde restant " \
           "(2 + 4 = 6) ; fait avant, il serait plafonné à 12 puis le retrait vous laisserait 4 points" in reply
    assert "Oui : avec 2 points, votre permis reste valide et vous pouvez continuer à conduire" in reply


# --- t50-c06: phone + seatbelt on one check (6 points), 10 points before, the fines not paid yet


def test_fine_first_waits_for_the_retrait_to_be_recorded_before_the_stage():
    # t50-c06: "Amende d'abord : le retrait est fait le jour du paiement … le stage fait ensuite 4 + 4 = 8", then
    # "je paye demain et je fais le stage la semaine d'après" got "Mieux vaut attendre que le retrait soit enregistré":
    # R2 (the retrait counts from the ministry's decision, recorded after the payment) and R18 example 1 (a stage
    # between the payment and the record is capped, then the retrait comes off): the two answers say the same now
    from actions.stage_timing import stage_or_fine_first
    from tests.actions.conftest import make_tracker
    history = [{"event": "user", "text": "controlé la semaine derniere avec le tel a la main et pas de ceinture. "
                                         "je perds combien en tout ? j'avais 10 pts",
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": []}},
               {"event": "action", "name": "action_answer_offence_points"}]
    tracker = make_tracker(slots={"current_balance": 10, "last_offence_points": 6, "fine_payment_date": "not_paid",
                                  "offence_date": "2026-11-24"},
                           text="et si je fais un stage tout de suite avant de payer les amendes, c'est mieux ?",
                           history=history)
    reply = stage_or_fine_first(tracker)
    assert reply.startswith("Les deux ordres sont possibles"), reply
    assert "le jour du paiement" not in reply and "le jour où l'amende est payée" not in reply
    assert "le retrait compte une fois décidé et enregistré (« Mes Points Permis », lettre 48), souvent quelques " \
           "semaines après le paiement : 10 − 6 = 4 points ; un stage fait après cet enregistrement rend ses points : " \
           "4 + 4 = 8 points" in reply
    assert "Un stage fait entre le paiement et cet enregistrement compte comme un stage fait d'abord." in reply
    assert "Mieux vaut l'amende d'abord : 8 points au lieu de 6 points." in reply


# --- t50-c29: a stage cancelled for surgery, the 48N's deadline, then a thank-you

@pytest.mark.parametrize("text", ["bon je vais appeler la prefecture. merci quand meme", "merci quand même",
                                  "tant pis, merci quand même !"])
def test_merci_quand_meme_is_a_thank_you(domain, text):
    # t50-c29: "bon je vais appeler la préfecture. merci quand même" (nlu_fallback) got "Je n'ai pas bien compris votre
    # question sur le déroulement du stage": the "quand" of "quand même" was read as a question
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, "et le stage ça se passe comment ?", "ask_stage_info", answers.ActionAnswerStageInfo(), TODAY)
    reply = chat.say(text, "nlu_fallback", ActionSuggestQuestions())
    assert reply == "utter_you_are_welcome", reply


def test_quand_still_asks():
    from actions.closing import _ASKS
    assert _ASKS.search("merci, et je les recupere quand")
    assert not _ASKS.search("merci quand meme")


# --- t50-c16: a stage's points asked, the balance asked by the form, a stop's points asked on the side, the balance

def test_the_balance_told_after_a_side_question_resumes_the_stage_question(domain):
    # t50-c16: "il me reste 5 points maintenant" after the stop's card got "C'est noté. Quelle est votre question ?":
    # the stage question waiting (its form had asked the balance) is resumed with it
    from actions import corrections, forms
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, "2026-12-01")
    chat.read_by_form("je fais un stage les 17 et 18 decembre, combien de points je vais avoir apres ?",
                      "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested=chat.slots.get("requested_slot"),
                      question="Combien de points vous reste-t-il actuellement ? (si vous ne savez pas, dites « je ne "
                      "sais pas »)")
    side = chat.say_in_form("attends avant ca, un stop grillé c'est combien de points ? c'est pour ca que je fais le "
                            "stage", "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                            answers.ActionAnswerOffencePoints())
    assert side.startswith("Stop non respecté : retrait de 4 points"), side
    reply = chat.say("ok. il me reste 5 points maintenant", "inform", corrections.ActionApplyCorrection())
    assert "Quelle est votre question" not in reply, reply
    assert chat.slots["current_balance"] == 5
    # (the form resumed, which asks what it still needs: the licence's date)
    assert any(e.get("event") == "followup" and e.get("name") == "points_after_stage_form" for e in chat.events[-4:])


def test_more_time_asked_after_the_48n_deadline_is_answered(domain):
    # t50-c29: "et si j'ai un certificat médical, on peut pas me donner plus de temps ?" after the deadline of the
    # compulsory stage (20 January 2027) got the stage's information sheet; R15: the deadline is the receipt + 4
    # months, no text extends it; the deadline is said again
    from tests.actions.conftest import make_tracker
    history = [{"event": "user", "text": "c'est un stage obligatoire oui, 48N reçue le 20 septembre. et si je fais rien ?",
                "parse_data": {"intent": {"name": "ask_mandatory_stage"}, "entities": []}},
               {"event": "action", "name": "action_answer_mandatory_stage"},
               {"event": "bot", "text": "Vous devez terminer le stage obligatoire au plus tard le 20 janvier 2027 (4 mois "
                                        "après la réception de la lettre 48N le 20 septembre 2026) (article R.223-4 du "
                                        "Code de la route)."},
               {"event": "action", "name": "action_listen"}]
    text = "et si j'ai un certificat médical, on peut pas me donner plus de temps ?"
    tracker = make_tracker(slots={"letter_code": "48N", "letter_48n_date": "2026-09-20",
                                  "last_question": "action_answer_mandatory_stage"},
                           text=text, intent="ask_stage_info", history=history)
    from tests.actions.conversation import run
    _, reply = run(answers.ActionAnswerStageInfo(), tracker, domain)
    assert reply.startswith("Le Code de la route ne prévoit pas de prolongation du délai de 4 mois, même pour raison "
                            "médicale : la date limite reste le 20 janvier 2027"), reply
    assert "2 jours consécutifs" not in reply
