"""R2 example 4: an offence told by its day only, not said paid, is not established while its fine may still be
unpaid: its points are to come, never withdrawn on the offence's day, and no clock runs from it (tester T3 c14,
c21: "Solde aujourd'hui : 8 points … Le délai court depuis le 17 novembre 2026, date du paiement")."""
from __future__ import annotations

from actions import answers
from actions.offence_history import told_retraits
from tests.actions.conftest import make_tracker, parsed, user_said


def _conversation(*messages: str, slots=None):
    *before, last = messages
    return make_tracker(slots=slots, history=[user_said(text) for text in before], text=last, entities=parsed(last))


def test_a_speeding_of_two_weeks_ago_then_the_licence_date_keeps_the_points_to_come():
    tracker = _conversation("Bonjour. Flashé à 122 km/h sur une route à 80, il y a deux semaines. combien de points ?",
                            "permis depuis 2001", slots={"licence_date": "2001"})
    text = answers.balance_answer(tracker)
    assert "Les 4 points de l'infraction du 9 novembre 2026 ne sont pas encore retirés" in text
    assert "Votre solde reste aujourd'hui de 12 points" in text and "votre solde passera à 8 points" in text
    assert "Solde aujourd'hui : 8" not in text and "date du paiement" not in text


def test_alcohol_blown_on_saturday_is_not_withdrawn_yet():
    tracker = _conversation("bonjour j'ai soufflé 0,6 g au contrôle samedi, je vais perdre combien ?",
                            "non j'ai mon permis depuis 15 ans", slots={"licence_date": "2011-11-23"})
    text = answers.balance_answer(tracker)
    assert "Les 6 points de l'infraction du 21 novembre 2026 ne sont pas encore retirés" in text
    assert "votre solde passera à 6 points" in text and "Le délai court depuis" not in text


def test_a_red_light_of_last_week_with_the_balance_told_before():
    tracker = _conversation("j'ai grillé un feu rouge la semaine dernière, j'avais 10 points, il m'en reste combien ?")
    text = answers.balance_answer(tracker)
    assert "Votre solde reste aujourd'hui de 10 points" in text and "votre solde passera à 6 points" in text


def test_a_phone_offence_said_not_paid_is_not_established_even_long_ago():
    tracker = _conversation("téléphone au volant le 3 septembre 2026", "je l'ai pas encore payée")
    retraits = told_retraits(tracker)
    assert [r.established for r in retraits] == [False]


def test_an_offence_paid_is_established_on_its_payment():
    tracker = _conversation("feu rouge le 10 novembre 2026, payé le 20 novembre 2026, j'avais 12 points, il m'en reste "
                            "combien ?")
    text = answers.balance_answer(tracker)
    assert "Solde aujourd'hui : 8 points" in text and "20 novembre 2029" in text


def test_an_offence_told_months_ago_without_its_payment_stands_for_it_as_before():
    # past the 45 days to pay, the fine is paid or majorée: the day told stands for its établissement
    retraits = told_retraits(_conversation("j'ai eu un stop en mars 2026, j'avais 12 points, il m'en reste combien ?"))
    assert [r.established for r in retraits] == [True]


def test_points_said_lost_are_withdrawn_whatever_the_day():
    retraits = told_retraits(_conversation("j'ai perdu 3 points la semaine dernière, il m'en reste combien ?"))
    assert retraits and all(r.established for r in retraits)


def test_already_lost_my_points_asked_is_when_they_are_withdrawn():
    # T4 m122: "j'ai déjà perdu mes points ?" asks R2's question; a retrait told is not
    from actions.retrait_timing import asks_when_withdrawn
    for text in ("Je me suis fait arrêter hier pour téléphone, j'ai déjà perdu mes points ?",
                 "flashé la semaine dernière, est-ce que j'ai déjà perdu les 2 points ?",
                 "contrôlé sans ceinture ce matin, j'ai pas encore perdu mes points ?"):
        assert asks_when_withdrawn(make_tracker(text=text, entities=parsed(text))), text
    told = "j'ai déjà perdu mes points pour ça, et là un stop"
    assert not asks_when_withdrawn(make_tracker(text=told, entities=parsed(told)))


def test_already_lost_my_points_read_with_too_little_confidence_gets_the_rule(domain):
    import asyncio
    import inspect

    from rasa_sdk.executor import CollectingDispatcher

    from actions.fallback import ActionSuggestQuestions
    text = "Je me suis fait arrêter hier pour téléphone, j'ai déjà perdu mes points ?"
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text),
                           new_slots={"offence_type": "phone"})
    dispatcher = CollectingDispatcher()
    events = ActionSuggestQuestions().run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        asyncio.run(events)
    answer = dispatcher.messages[0]["text"]
    assert answer.startswith("Les 3 points de cette infraction ne sont retirés ni le jour de l'infraction")
