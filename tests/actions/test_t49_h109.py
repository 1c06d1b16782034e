"""Tester T49 (replays on 1 December 2026), items of branch h109: an offence supposed in the past weighed on the
balance computed, then dropped ("c'était juste une hypothèse"); the total asked of several offences; a balance computed not
said told."""
from __future__ import annotations

from typing import Optional

import pytest
from rasa_sdk import Tracker

from actions import answers, corrections, fallback, forms
from tests.actions.conversation import FormConversation, opened, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

#: the actions a FollowupAction names in these conversations
_FOLLOWED = {"action_apply_correction": corrections.ActionApplyCorrection}


def say_followed(chat: FormConversation, text: str, intent: str, action) -> str:
    """`chat.say`, then the action the first one hands the same message to (a FollowupAction), as the Rasa server
    runs it: both answers of that turn, in order."""
    tracker = chat.tracker(text, intent)
    chat.events, chat.slots = tracker.events[:], dict(tracker.slots)
    replies = [chat._answer(action, tracker)]
    follow: Optional[str] = next((e.get("name") for e in reversed(chat.events) if e.get("event") == "followup"), None)
    user_at = max(i for i, e in enumerate(chat.events) if e.get("event") == "user")
    if follow is not None and any(e.get("event") == "followup" for e in chat.events[user_at:]):
        followed = Tracker(sender_id="test", slots=dict(chat.slots), latest_message=tracker.latest_message,
                           events=[e for e in chat.events if e.get("name") != "action_listen" or
                                   chat.events.index(e) < user_at], paused=False, followup_action=None,
                           active_loop={}, latest_action_name=action.name())
        replies.append(chat._answer(_FOLLOWED[follow](), followed))
    return "\n".join(r for r in replies if r)


# --- t49-c21: red light 5 October 2023 paid on the 12th (12 points since 12 October 2026), then "et si j'avais été
# flashé à +10 … en juin 2026, payé le 1er juillet 2026 ?", then "c'était juste une hypothèse" (R1, R2, R8, R9)

C21 = "bonjour j'avais 12 points, feu rouge le 5 octobre 2025 payé le 12 octobre 2025. il m'en reste combien ?"
C21_FIX = "ah non pardon c'etait en 2023, pas 2025"
C21_IF = "et si jvais ete flashé a +10 sur une route a 80 en juin 2026, payé le 1er juillet 2026 ?"
C21_UNDO = "non non c'etait juste une hypothese, en vrai j'ai rien eu depuis le feu rouge"


def c21_chat(domain) -> FormConversation:
    chat = opened(domain, C21, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 8 points"), chat.reply
    reply = say_followed(chat, C21_FIX, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Solde aujourd'hui : 12 points" in reply, reply
    return chat


def test_c21_an_offence_supposed_in_the_past_is_weighed_on_the_balance(domain):
    # t49-c21: the supposed excess got its sheet alone (1 point, 68 €), nothing on the balance. R1, R2, R8, R9: with
    # it, 12 − 4 (red light, its return stopped: the 3 years ran from 12 October 2023) − 1 = 7 points today, its
    # point back on 1 January 2027, 12 on 1 July 2029 (3 years: the red light is a 4th class); said as a supposition
    chat = c21_chat(domain)
    reply = say_followed(chat, C21_IF, "nlu_fallback", fallback.ActionSuggestQuestions())
    print(reply)
    assert "7 points" in reply, reply
    assert "1er janvier 2027" in reply and "1er juillet 2029" in reply, reply
    assert "hypothèse" in reply, reply
    assert "C'est noté" not in reply and "12 octobre 2028" not in reply, reply
    assert "Amende forfaitaire" not in reply, reply


def test_c21_the_supposition_taken_back_restates_the_balance_without_it(domain):
    # t49-c21: "c'était juste une hypothèse, en vrai j'ai rien eu depuis le feu rouge" got "C'est noté, je refais le
    # calcul" and the red light's sheet. The supposition dropped, the balance of the facts told: 12 points (R1, R9)
    chat = c21_chat(domain)
    say_followed(chat, C21_IF, "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = say_followed(chat, C21_UNDO, "deny", corrections.ActionApplyCorrection())
    print(reply)
    assert "Solde aujourd'hui : 12 points" in reply, reply
    assert "Amende forfaitaire" not in reply and "7 points" not in reply, reply
    assert reply.startswith("C'est noté : ce n'était qu'une hypothèse, je ne la compte pas."), reply
    assert "je refais le calcul" not in reply, reply


# --- t49-c26: dangerous parking (3 points) and a child not belted (fine, no point), "combien de points en tout ?" (R3,
# R4)

C26 = ("Bonjour. Mon mari a pris un PV pour stationnement dangereux et un autre pour non port de ceinture de notre fils "
       "de 8 ans à l'arrière. Combien de points en tout ?")


def offence_points_opened(domain, text: str) -> FormConversation:
    """The conversation `text` opens through the offence form (its validation puts the offences told after the first
    in other_offences), then the offence's answer."""
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.slots, chat.events = domain, TODAY, {}, []
    chat.reply = chat.say_in_form(text, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                                  answers.ActionAnswerOffencePoints())
    return chat


def test_c26_the_total_asked_first_is_answered_at_once(domain):
    # t49-c26: each offence's points, the total ("combien en tout ?") only at the next turn. R3, R4: 3 + 0 = 3 points,
    # under the cap of 8 of one check, whether found together or not
    chat = offence_points_opened(domain, C26)
    print(chat.reply)
    assert "Au total : 3 points (3 + 0)" in chat.reply, chat.reply
    assert "aucun point" in chat.reply, chat.reply


@pytest.mark.parametrize("text, total", [
    ("combien de points pour un feu rouge et un refus de priorité à un piéton et un stop, en tout ?",
     "Au total : 14 points (4 + 6 + 4) si les infractions ont été constatées lors de contrôles différents ; au même "
     "contrôle, le retrait est plafonné à 8 points"),
])
def test_the_total_of_offences_asked_in_the_first_message(domain, text, total):
    chat = offence_points_opened(domain, text)
    print(chat.reply)
    assert total in chat.reply, chat.reply


# --- t49-c15: probation, stage 5-6 March 2026, 48N received on 10 November 2026; the balance (3) computed by the form,
# never told (R1, R12)

C15 = ("Bonjour. Permis obtenu le 10/01/2025. En août 2025 excès de 25 km/h (payé le 20 août), j'ai fait un stage "
       "volontaire les 5 et 6 mars 2026. Puis téléphone au volant le 15 septembre 2026, payé le 20/09. J'ai reçu la "
       "48N le 10 novembre 2026. Est-ce que le stage obligatoire va me rendre des points vu que j'en ai déjà fait un "
       "cette année ?")
C15_SLOTS = dict(licence_date="2025-01-10", previous_stage_date="2026-03-05", letter_48n_date="2026-11-10",
                 fine_payment_date="2026-09-20", offence_date="2026-09-15", offence_type="phone", speed_excess=25,
                 letter_code="48N", supervised_driving=False, stage_first_day="2027-03-08", current_balance=3)


@pytest.mark.parametrize("computed", [True, False])
def test_c15_the_balance_computed_is_not_said_told(computed):
    # t49-c15: "Ce calcul part du solde que vous m'avez indiqué" after the form's "D'après ce que vous m'avez dit,
    # votre solde est aujourd'hui de 3 points": no balance was told; the caveat says it is a calculation. A balance the
    # user told (set from their message) keeps "que vous m'avez indiqué"
    from tests.actions.conftest import make_tracker, user_said
    from tests.actions.conversation import run
    history = [user_said(C15, "ask_stage_eligibility"),
               {"event": "action", "name": "points_after_stage_form"} if computed else
               {"event": "user_featurization", "use_text_for_featurization": False},
               {"event": "slot", "name": "current_balance", "value": 3}]
    tracker = make_tracker(slots=C15_SLOTS, text="bon disons le 8 mars 2027", intent="inform", history=history)
    _, reply = run(answers.ActionAnswerPointsAfterStage(), tracker)
    print(reply)
    assert "votre solde passera de 3 à 6 points" in reply, reply
    assert ("solde que vous m'avez indiqué" in reply) is not computed, reply
    assert ("C'est un calcul à partir de ce que vous m'avez dit" in reply) is computed, reply


def test_c15_two_stage_days_asked_which_is_better_are_compared():
    # t49-c15: "j'hésite entre le 14-15 janvier et le 8-9 mars. lequel est le mieux ?" while the stage's day was asked
    # got "je n'en retiens aucune" and the question again. R13: points only for a stage started from 5 March 2027 (a
    # year after the stage of 5 March 2026); R15, R16: both end before 10 March 2027 (48N received on 10 November
    # 2026): the obligation met and the fine refunded either way; so 8 March is better
    from rasa_sdk.executor import CollectingDispatcher
    from tests.actions.conftest import make_tracker, parsed
    text = "j'hésite entre le 14-15 janvier et le 8-9 mars. lequel est le mieux ?"
    slots = {**C15_SLOTS, "stage_first_day": None}
    tracker = make_tracker(slots=slots, new_slots={"stage_first_day": "2026-03-08"}, text=text,
                           entities=parsed(text, TODAY), requested_slot="stage_first_day", form="points_after_stage_form")
    dispatcher = CollectingDispatcher()
    found = forms.ValidatePointsAfterStageForm().validate_stage_first_day("2026-03-08", dispatcher, tracker, {})
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    print(said)
    assert found == {"stage_first_day": None}
    assert "Stage commençant le 14 janvier 2027 : aucun point" in said, said
    assert "à partir du 5 mars 2027" in said, said
    assert "Stage commençant le 8 mars 2027 : il peut vous rendre des points" in said, said
    assert said.count("il remplit l'obligation de la lettre 48N, et l'amende vous sera remboursée") == 2, said
    assert "Le mieux est donc le stage du 8 mars 2027." in said, said
    assert "je n'en retiens aucune" not in said, said
