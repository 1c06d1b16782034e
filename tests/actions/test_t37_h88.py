"""Tester T37 (replays on 1 December 2026), items of branch h88: offences told one after another, in several
messages, all counted (R1, R4, R8, R9); what the user said kept (R2, R16); no engine text shown."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, mapped_slots, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def opened(domain) -> FormConversation:
    return FormConversation(domain, "bonjour", "greet", fallback.ActionGreet(), {}, today=TODAY)


# --- t37-c31: a 1-point excess told alone, then "payé le 2 février 2026. ensuite un feu rouge payé le 20 mai 2026"

C31_BALANCE = "ok donc au total jai combien et je recupere quand ? javais 12 au depart"


def c31_chat(domain) -> FormConversation:
    chat = opened(domain)
    reply = chat.say("alors jai eu un exces de 15 kmh sur autoroute", "inform", corrections.ActionApplyCorrection())
    assert "retrait de 1 point (contravention de 3e classe)" in reply
    chat.say("paye le 2 fevrier 2026. ensuite un feu rouge paye le 20 mai 2026", "inform",
             corrections.ActionApplyCorrection())
    return chat


def test_c31_the_payment_said_first_dates_the_offence_told_before_and_both_count(domain):
    # t37-c31: "1 point vous a été retiré le 20 mai 2026 … de 12 points à 11 points", full on 20 May 2028: the excess
    # (1 point, paid 2 February) and the red light (4 points, 4e class, paid 20 May) are two retraits: 12 − 1 − 4 = 7
    # (R1), all back 3 years after the red light's payment (R9), the point's 6 months blocked if the red light was
    # committed after 2 February (R8)
    chat = c31_chat(domain)
    reply = chat.say_in_form(C31_BALANCE, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    print(reply)
    assert reply.startswith("Solde aujourd'hui : 7 points"), reply
    assert "5 points retirés" in reply
    assert "retrouvera son maximum de points le 20 mai 2029" in reply
    assert "20 mai 2028" not in reply and "11 points" not in reply


def test_c31_the_balance_asked_back_is_confirmed_from_both_offences(domain):
    # t37-c31: "du coup jai 7 points ?" got "Non, pas 7 points." and 12 → 11
    chat = c31_chat(domain)
    chat.say_in_form(C31_BALANCE, "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    reply = chat.say("du coup jai 7 points ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    print(reply)
    assert reply.startswith("Oui : il vous reste 7 points."), reply
    assert "Non" not in reply.split("\n")[0]


# --- t37-c19: phone paid in 2023 and belt paid in 2024 (12 April), 12 before: 6 today

C19_BALANCE = "ok mais LA maintenant jai combien de points ?? javais 12 avant le telephone"


def test_c19_the_balance_asked_with_an_offence_told_counts_the_whole_story(domain):
    # t37-c19: "il vous restera 9 points" (12 − 3, the phone alone, read as its points question): both offences told
    # are counted, 12 − 3 − 3 = 6 (R1, R4), full on 12 April 2027 (R9)
    chat = opened(domain)
    chat.say("hello, jai telephone au volant paye en 2023 et ceinture paye en 2024", "inform",
             corrections.ActionApplyCorrection())
    text = "la ceinture cetait le 12 avril 2024. et jai combien de points la"
    asked = chat.followed(chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions()), text, "nlu_fallback",
                     corrections.ActionApplyCorrection())
    # (the balance asked with the belt's day: both offences, from the 12 a licence holds at most, R1)
    assert "Solde aujourd'hui : 6 points" in asked, asked
    reply = chat.say_in_form(C19_BALANCE, "ask_offence_points", "offence_points_form",
                             forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    reply = chat.followed(reply, C19_BALANCE, "ask_offence_points", answers.ActionAnswerCheckBalance())
    print(reply)
    assert reply.startswith("Solde aujourd'hui : 6 points"), reply
    assert "9 points" not in reply
    assert "le 12 avril 2027" in reply


def form_followed(chat: FormConversation, text: str, intent: str, form: str, validator, action) -> str:
    """The form an action handed over to (its FollowupAction) for the latest message, then the answer: as the Rasa
    server runs them, with no new user message."""
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from tests.actions.conftest import make_tracker, parsed
    assert chat.events[-2] == {"event": "followup", "timestamp": None, "name": form}, chat.events[-3:]
    latest = max(n for n, e in enumerate(chat.events) if e.get("event") == "user")

    def tracker(in_form: bool):
        made = make_tracker(slots=chat.slots, text=text, entities=parsed(text, TODAY), intent=intent,
                            history=chat.events[:latest], form=form if in_form else None)
        made.events += chat.events[latest + 1:]
        return made
    events = asyncio.run(validator.run(CollectingDispatcher(), tracker(True), chat.domain))
    chat.events += [e for e in events if e.get("event") == "slot"]
    chat.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
    return chat._answer(action, tracker(False))


# --- t37-c10: "un feu rouge en 2016 et des excès de vitesse après, le dernier je crois 2024", the red light paid on
# 10 December 2016

def test_c10_an_offence_without_its_points_yet_is_asked_not_the_engine_s_error_and_the_later_ones_count(domain):
    # t37-c10: "Impossible de répondre : infraction mal décrite : il faut la date de l'infraction, les points retirés et
    # la classe." reached the user, then "Votre permis a retrouvé son maximum de points le 10 décembre 2019" with the
    # later excesses told: the red light's 4 points come back on 10 December 2026 by the 10-year rule (R10), the full
    # recovery waits for the last offence's payment (R9)
    chat = opened(domain)
    chat.say_in_form("bonsoir, ca fait 10 ans que jai des pts en moins, ils reviennent jamais ?", "ask_auto_recovery",
                     "auto_recovery_form", forms.ValidateAutoRecoveryForm(), answers.ActionAnswerAutoRecovery())
    chat.say_in_form("un feu rouge en 2016 et des exces de vitesse apres, le dernier jcrois 2024", "inform",
                     "auto_recovery_form", forms.ValidateAutoRecoveryForm(), answers.ActionAnswerAutoRecovery())
    text = "le feu rouge je lai paye le 10 decembre 2016"
    said = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "Impossible de répondre" not in said and "mal décrite" not in said, said
    reply = form_followed(chat, text, "inform", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery())
    print(said, reply, sep="\n---\n")
    assert "Impossible de répondre" not in reply
    assert "les 4 points retirés pour l'infraction payée le 10 décembre 2016 reviennent le 10 décembre 2026 (règle " \
           "des 10 ans)" in reply, reply
    assert "10 décembre 2019" not in reply


def test_c10_later_offences_told_with_apres_are_offences_since():
    from actions.forms import offences_said_since
    from tests.actions.conftest import make_tracker, user_said
    told = make_tracker(history=[user_said("un feu rouge en 2016 et des exces de vitesse apres, le dernier jcrois 2024")])
    assert offences_said_since(told)
    assert not offences_said_since(make_tracker(history=[user_said("des excès de vitesse après le 3 mars")]))


# --- t37-c24: 48N received 28 July, stage 27–28 November, the majorée (375 €) said paid

C24 = ("Bonjour, ma 48N est arrivée le 28 juillet (recommandé signé). Mon stage est le 27 et 28 novembre. Je serai "
       "remboursé ?")
C24_MAJOREE = "jai paye lamende majoree 375e, je recupere tout ?"


def c24_chat(domain) -> FormConversation:
    from tests.actions.test_what_if import mapped_slots, parsed
    chat = opened(domain)
    chat.slots.update(mapped_slots(parsed(C24, TODAY), domain))
    reply = chat.say_in_form(C24, "ask_refund_48n", "refund_48n_form", forms.ValidateRefund48nForm(),
                             answers.ActionAnswerRefund48n())
    assert reply.startswith("L'amende payée vous est remboursée"), reply
    return chat


def test_c24_the_majoree_said_paid_after_a_refund_answer_is_the_refund_not_the_points(domain):
    # t37-c24: "j'ai payé l'amende majorée 375 €, je récupère tout ?" got the recovery of points and "Combien de points
    # votre dernière infraction vous a-t-elle retirés ?": the fine paid is refunded, in principle not its majoration
    # (R16 [S/U])
    chat = c24_chat(domain)
    reply = chat.say_in_form(C24_MAJOREE, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "Combien de points" not in reply and "règle des 10 ans" not in reply, reply
    assert reply.startswith("L'amende payée vous est remboursée"), reply
    assert "La majoration elle-même n'est en principe pas remboursée" in reply
    assert "n'a pas été payée" not in reply


def test_c24_the_majoree_named_again_stays_the_one_said_paid(domain):
    # t37-c24: "non je parle du remboursement de l'amende, 375 euros majorée" got "Il n'y a rien à vous rembourser,
    # puisque l'amende n'a pas été payée", against "j'ai payé l'amende majorée" (R16: paid, so refunded)
    chat = c24_chat(domain)
    chat.say_in_form(C24_MAJOREE, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                     answers.ActionAnswerAutoRecovery())
    reply = chat.say_in_form("non je parle du remboursement de lamende, 375 euros majoree", "ask_refund_48n",
                             "refund_48n_form", forms.ValidateRefund48nForm(), answers.ActionAnswerRefund48n())
    print(reply)
    assert "n'a pas été payée" not in reply and "rien à vous rembourser" not in reply, reply
    assert "remboursée" in reply and "La majoration elle-même n'est en principe pas remboursée" in reply


def test_a_majoree_never_paid_stays_unpaid():
    from actions.forms import fine_status_said
    from tests.actions.conftest import make_tracker, user_said
    assert fine_status_said(make_tracker(history=[user_said("jamais payée, elle est passée en majorée 375 €")])) \
        == "majoree"
    assert fine_status_said(make_tracker(history=[user_said("jai paye lamende majoree 375e"),
                                                  user_said("375 euros majoree")])) == "paid"


# --- t37-c06: a son's licence of June 2024 after supervised driving (AAC), flashed last week at 102 on a 70 road

C06 = ("Bonjour, mon fils a eu son permis en juin 2024 apres la conduite accompagnee, il a pris un flash la semaine "
       "derniere")
C06_SPEEDS = "il perd combien ? c t a 102 sur autoroute a 130... non pardon sur une 4 voies a 70"


def test_c06_a_limit_said_again_after_a_correction_replaces_the_first():
    # t37-c06: "c t a 102 sur autoroute a 130... non pardon sur une 4 voies a 70" gave two limits and no speeding
    # ("Quelle infraction ?"): 102 on a 70 road, 32 km/h over (R4)
    from tests.actions.conftest import parsed
    facts = {(e["entity"], e["value"]) for e in parsed(C06_SPEEDS, TODAY)}
    assert {("offence_type", "speeding"), ("speed_measured", 102), ("speed_limit", 70), ("speed_excess", 32)} <= facts
    assert ("speed_limit", 130) not in facts
    # (a limit refuted, "et non à 110", stays refuted; two limits in doubt are not a correction)
    assert ("speed_limit", 130) in {(e["entity"], e["value"]) for e in parsed("autoroute à 130 et non à 110, flashé "
                                                                             "à 150", TODAY)}
    assert ("speed_limit", 90) not in {(e["entity"], e["value"]) for e in parsed(
        "à 95 sur une route à 80 ou 90 je sais plus", TODAY)}


def test_c06_the_48n_asked_after_the_offence_is_answered_not_the_offence_again(domain):
    # t37-c06: "et il va recevoir une 48N ? il doit faire un stage ?" after the 3 points of the excess got "Quelle
    # infraction ?" again; an AAC licence of June 2024 left probation on 30 June 2026 at the latest (2 years, R5): the
    # offence of last week brings no 48N (R15)
    from tests.actions.test_what_if import mapped_slots, parsed
    chat = opened(domain)
    chat.slots.update(mapped_slots(parsed(C06, TODAY), domain))
    chat.say(C06, "inform", corrections.ActionApplyCorrection())
    reply = chat.say_in_form(C06_SPEEDS, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                             answers.ActionAnswerOffencePoints())
    assert reply.startswith("Excès de 32 km/h (102 km/h retenus pour 70 km/h autorisés) : retrait de 3 points"), reply
    reply = chat.say_in_form("et il va recevoir une 48N ? il doit faire un stage ?", "ask_mandatory_stage",
                             "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    print(reply)
    assert "Quelle infraction" not in reply, reply
    assert "48N" in reply and "30 juin 2026" in reply, reply
