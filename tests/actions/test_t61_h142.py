"""Tester T61 (a fresh tester on 1 December 2026), items of branch h142: the speeds and payment of an excess to come
said again in a hypothesis, ..."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t61-c17: a red light paid 20/01/2025, 10 km/h over paid 15/06/2025 (8 points, 12 on 15/06/2028), then "et si
# demain je me fais flasher a 3 km/h au dessus ?", then "et si c'était 15 km/h au dessus, payé le 10 décembre ?"

C17 = ("Bonjour. Je vous explique ma situation. En janvier 2025 j'ai grillé un feu rouge, amende payée le 20 janvier "
       "2025. Puis en juin 2025 j'ai eu un excès de vitesse de 10 km/h sur nationale à 80, payé le 15 juin 2025. Depuis "
       "plus rien. J'ai mon permis depuis 2001. Quand est-ce que je retrouve mes 12 points ?")


def c17_after_the_first_hypothesis(domain):
    chat = opened_in_form(domain, C17, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    assert "8 points" in chat.reply and "15 juin 2028" in chat.reply, chat.reply
    reply = chat.say("et si demain je me fais flasher a 3 km/h au dessus, ca relance tout ?", "nlu_fallback",
                     corrections.ActionApplyCorrection())
    assert reply.startswith("Non"), reply
    return chat


@pytest.mark.parametrize("text, paid", [
    ("et si c'etait 15 km/h au dessus sur une route a 80, payé le 10 decembre ?", "10 décembre 2026"),
    ("et si c'était 15 km/h de trop, payé le 10 décembre ?", "10 décembre 2026"),
    ("et si c'était plutôt 15 km/h de plus, amende réglée le 10 décembre ?", "10 décembre 2026"),
    ("et si c'était 15 au dessus, payée le 10 ?", "10 décembre 2026"),
    ("et si c'était 95 sur la route à 80, payé le 5 janvier ?", "5 janvier 2027"),
])
def test_the_excess_to_come_said_again_with_its_payment(domain, text, paid):
    # t61-c17: read as a correction: the June 2025 excess became 15 km/h paid on 10 December 2025, and the first answer
    # came again. R4: 15 km/h over a limit above 50 costs 1 point; R2: withdrawn on the payment (8 → 7); R8: back 6
    # months later; R9: the full recovery 3 years after it (the red light is of the 4th class). The facts told kept.
    chat = c17_after_the_first_hypothesis(domain)
    reply = chat.say(text, "nlu_fallback", corrections.ActionApplyCorrection())
    assert f"payée le {paid}" in reply and "de 8 points à 7 points" in reply, reply
    year = int(paid[-4:]) + 3
    assert f"{paid[:-4]}{year}" in reply and "au lieu du 15 juin 2028" in reply, reply
    assert "je garde vos informations" in reply, reply
    assert chat.slots.get("fine_payment_date") == "2025-06-15", chat.slots
    assert chat.slots.get("speed_excess") == 10 and chat.slots.get("speed_limit") == 80, chat.slots


# --- t61-c30: "c'est quoi la règle des 10 ans ?" (the auto-recovery form asks the points), "non c'est bon pas besoin de
# calcul, annule", then "un téléphone payé le 10 mai 2016, … dernière payée en juin 2026. les 3 points de 2016 sont
# revenus ?" (R10)

TEN_YEARS = "Bonjour ! Question rapide : c'est quoi la règle des 10 ans pour les points ?"
POINTS_ASKED = "Combien de points votre dernière infraction vous a-t-elle retirés ?"


def ten_year_rule_explained(domain):
    from tests.actions.conversation import FormConversation
    chat = FormConversation.before_first_message(domain, TODAY)
    said = chat.read_by_form(TEN_YEARS, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             question=POINTS_ASKED, asks="last_offence_points")
    assert "la règle des 10 ans" in said, said
    return chat


@pytest.mark.parametrize("text, intent", [
    ("non c'est bon pas besoin de calcul, annule", "nlu_fallback"),
    ("non pas de calcul, annulez", "deny"),
    ("bon laissez tomber", "nlu_fallback"),
    ("annule", "stop"),
])
def test_a_cancel_mid_form_ends_it_in_one_reply(domain, text, intent):
    # t61-c30: "Je n'ai pas bien compris. Pouvez-vous reformuler ?" then "D'accord, j'abandonne cette question": the
    # validation set only requested_slot, which the form rejects (no slot validated), so the core's fallback spoke
    # first; the slot asked is set (to None) as well, the form ends and its answer says the cancel alone
    chat = ten_year_rule_explained(domain)
    said = chat.read_by_form(text, intent, "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             requested="last_offence_points")
    validated = [(e["name"], e["value"]) for e in chat.events if e.get("event") == "slot"][-2:]
    assert validated == [("last_offence_points", None), ("requested_slot", None)], validated
    reply = chat.answer_after_form(text, intent, answers.ActionAnswerAutoRecovery())
    assert said == "" and reply == "utter_cancelled", (said, reply)


@pytest.mark.parametrize("text, back", [
    ("en fait si : un téléphone payé le 10 mai 2016, et depuis j'ai eu plein de petites amendes, dernière payée en "
     "juin 2026. les 3 points de 2016 sont revenus ?", "Les 3 points retirés pour l'infraction payée le 10 mai 2016 "
                                                       "sont revenus le 10 mai 2026"),
    ("téléphone au volant payé le 10 mai 2016, depuis d'autres PV, le dernier réglé en juin 2026. et les points de "
     "2016, je les ai récupérés ?", "retirés pour l'infraction payée le 10 mai 2016 sont revenus le 10 mai 2026"),
    ("un feu rouge payé le 3 mars 2015 puis des petites amendes tous les ans, la dernière payée en octobre 2026. mes 4 "
     "points de 2015 me sont revenus ?", "Les 4 points retirés pour l'infraction payée le 3 mars 2015 sont revenus le 3 "
                                         "mars 2025"),
])
def test_the_points_asked_by_their_year_are_those_of_that_payment(domain, text, back):
    # t61-c30: the last payment told ("juin 2026") was taken: its day asked for nothing, then the 2016 points dated by
    # it ("payée le 20 juin 2016 … revenus le 20 juin 2026"); R10 example 1: 10 May 2016 gives 10 May 2026
    chat = ten_year_rule_explained(domain)
    chat.say_in_form("non c'est bon pas besoin de calcul, annule", "nlu_fallback", "auto_recovery_form",
                     forms.ValidateAutoRecoveryForm(), answers.ActionAnswerAutoRecovery())
    said = chat.read_by_form(text, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm())
    assert "jour exact" not in said, said
    assert chat.next_asked("auto_recovery_form", forms.ValidateAutoRecoveryForm()) is None, chat.slots
    reply = chat.answer_after_form(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert back in reply and "règle des 10 ans" in reply, reply
    assert "2036" not in reply and "20 juin" not in reply, reply
