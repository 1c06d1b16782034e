"""T24 (outside tester's hard conversations of 1 December 2026), items of branch h56."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

C11_FIRST = ("Bonjour, question pour un client : il a été flashé à 142 km/h sur une nationale limitée à 90 le 15 "
             "novembre 2025. Combien de points ? Et il récupère quand ?")


def client_judged_for_a_great_excess(domain) -> Conversation:
    chat = Conversation(domain, C11_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C11_FIRST, "2026-12-01"), domain), today="2026-12-01")
    chat.slots.update({"fine_payment_date": "2026-03-31", "last_offence_points": 6, "offence_class": "c5"})
    return chat


def test_a_judgment_told_is_the_date_not_a_question_on_court(domain, first_of_december):
    # T24 c11: 52 km/h over on 15 November 2025 is a 5th class judged by the tribunal de police (R4, before the
    # délit of 29/12/2025); "il est passé au tribunal, jugement définitif en mars 2026" tells its réalité (R2), and
    # the answer is the recovery (R9: 3 years), not "elle se règle par l'amende forfaitaire"
    chat = client_judged_for_a_great_excess(domain)
    assert "contravention de 5e classe" in chat.reply
    for text in ("il est passé au tribunal, jugement définitif en mars 2026 (je sais pas le jour)",
                 "non mais il a été jugé, c'est fini. donc il récupère ses 6 points quand ?"):
        reply = chat.say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
        assert "amende forfaitaire" not in reply and "que si vous la contestez" not in reply
        assert "31 mars 2029" in reply


def test_the_same_excess_judged_later_is_counted_once(domain, first_of_december):
    # T24 c11: "jugement définitif le 31 mars 2026 pour l'excès de 52 km/h" is the judgment of the excess of
    # 15 November 2025, not a second excess (a délit since 29/12/2025): 6 points once, 3 years from the judgment (R9)
    chat = client_judged_for_a_great_excess(domain)
    reply = chat.say("je reformule : jugement définitif le 31 mars 2026 pour l'excès de 52 km/h, quand est-ce qu'il "
                     "retrouve ses 12 points ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "31 mars 2029" in reply
    assert "(délit)" not in reply and "6 points pour « excès de vitesse » (délit)" not in reply


def test_a_great_excess_before_the_delit_goes_to_the_tribunal_de_police(domain, first_of_december):
    # T24 c11 / R4: 52 km/h over on 15 November 2025 is a 5th class without amende forfaitaire (R.413-14-1): asked
    # "je vais passer au tribunal ?", not "elle se règle par l'amende forfaitaire indiquée", which the answer denied
    from actions import fallback
    chat = client_judged_for_a_great_excess(domain)
    reply = chat.say("il va passer au tribunal ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Non : c'est une contravention de 5e classe, pas un délit")
    assert "tribunal de police qui la juge" in reply and "amende forfaitaire indiquée" not in reply


C14_FIRST = ("Mon client a perdu tous ses points, il a reçu la 48SI le 5 octobre 2026 et rendu son permis le 12 octobre "
             "2026. Il avait le permis depuis 2010. Il peut repasser quand et quoi ?")


@pytest.mark.parametrize("text", ["et s'il refait une bêtise et reperd tout en 2029 ?",
                                  "et s'il perd encore tous ses points en 2029 ?"])
def test_a_second_total_loss_within_5_years_waits_a_year(domain, first_of_december, text):
    # T24 c14 / R20 (L.223-5): a new total loss within 5 years of the licence handed back on 12 October 2026 (until
    # 12 October 2031): 1 year's wait instead of 6 months, code and driving test
    from actions import fallback
    chat = Conversation(domain, C14_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(C14_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "12 avril 2027" in chat.reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "deuxième perte totale" in reply and "1 an" in reply and "au lieu de 6 mois" in reply
    assert "12 octobre 2031" in reply and "pas bien compris" not in reply


def test_an_offence_dated_in_the_future_is_flagged(domain, first_of_december):
    # T24 c15: "flashé le 12/01/2027" on 1 December 2026 got its points as if committed; the date is flagged as the
    # form flags it, the scale given as of today, and the date not kept for the recovery asked next
    text = "flashé le 12/01/2027 à 70 au lieu de 50, combien de points pour mon client ?"
    chat = Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert chat.reply.startswith("Le 12 janvier 2027 est dans le futur (nous sommes le 1er décembre 2026).")
    assert "retrait de 2 points" in chat.reply
    assert chat.slots["offence_date"] is None


def test_an_offence_to_come_as_a_hypothesis_is_not_flagged(domain, first_of_december):
    text = "et s'il se fait flasher le 12/01/2027 à 70 au lieu de 50 ?"
    chat = Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert "dans le futur" not in chat.reply


@pytest.mark.parametrize("text, feminine, said", [
    ("le code seul, si vous vous inscrivez dans les 9 mois.", False, "le code seul, s'il s'inscrit dans les 9 mois."),
    ("le code suffit si vous vous inscrivez à l'examen", True, "le code suffit si elle s'inscrit à l'examen"),
])
def test_a_reflexive_verb_said_of_the_person(text, feminine, said):
    # T24 c06, c14: "si vous vous inscrivez" said of a son was "si vous il inscrit"
    from actions.third_person import Person, about_the_person
    assert about_the_person(text, Person("fille" if feminine else "fils", feminine)) == said


def test_the_day_asked_for_the_offence_is_its_day_outside_the_month_read(domain, first_of_december):
    # T24 c06: "l'été dernier" read as June 2026, the answer asked the offence's day ("dites-moi sa date pour un calcul
    # exact", the ceiling depends on it: R7); "c'était le 14 juillet 2026" became the licence's day (obtained
    # 2 June 2025), not the offence's
    from actions import corrections
    from actions.forms import OFFENCE_DAY_ASKED
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    text = "c'était le 14 juillet 2026. Donc il a encore son permis oui ou non ?"
    slots = {"licence_date": "2025-06-02", "supervised_driving": True, "offence_date": "2026-06",
             "offence_type": "alcohol", "fine_payment_date": "2026-08",
             "last_question": "action_answer_stage_eligibility"}
    history = [{"event": "bot", "text": "Sans la date exacte de l'infraction, j'ai compté le plafond de 6 points. "
                                        "Commise à partir du 2 juin 2026, elle laisse un plafond de 9 points : "
                                        + OFFENCE_DAY_ASKED}, {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, "2026-12-01"), intent="nlu_fallback",
                           history=history)
    events, _ = run(corrections.ActionApplyCorrection(), tracker, domain)
    set_slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_slots.get("offence_date") == "2026-07-14"
    assert "licence_date" not in set_slots


C06_FIRST = ("Bonjour. Je vous écris pour le compte de mon fils qui est à l'étranger. Il a le permis depuis le 2 juin "
             "2025, conduite accompagnée (AAC). L'été dernier il a été contrôlé avec 0,3 g d'alcool dans le sang, il a "
             "payé l'amende en août. Il n'a jamais reçu de courrier. Est-ce qu'il a encore son permis ? Est-ce qu'il "
             "peut faire un stage pour le sauver ?")


def test_a_probationary_licence_left_with_points_is_not_cancelled(domain, first_of_december):
    # T24 c06: AAC licence of 2 June 2025, ceiling 9 from 2 June 2026 (R5: +3), 0,3 g/l on 14 July 2026 (R4: 6 points
    # in probation), paid in August: 3 points left, the licence valid, a 48N to come (R15). "est-ce que son permis est
    # annulé ?" got the card of 0 points, and the status asked was read as a licence cancelled then obtained again
    # (no AAC: ceiling 8)
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    text = "vous ne répondez pas : combien de points il a maintenant, et est-ce que son permis est annulé ?"
    start = text.index("annulé")
    history = [{"event": "user", "text": C06_FIRST, "parse_data": {"intent": {"name": "ask_stage_eligibility"},
                                                                  "entities": parsed(C06_FIRST, "2026-12-01")}}]
    slots = {"licence_date": "2025-06-02", "supervised_driving": True, "fine_payment_date": "2026-08",
             "offence_date": "2026-07-14", "offence_type": "alcohol", "previous_stage_date": "none",
             "balance_unknown": True, "last_question": "action_answer_stage_eligibility"}
    entities = [{"entity": "licence_status", "value": "cancelled", "start": start, "end": start + len("annulé")}]
    tracker = make_tracker(slots=slots, new_slots={"licence_status": "cancelled"}, text=text, entities=entities,
                           intent="ask_zero_points", history=history)
    _, reply = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert reply.startswith("Non : d'après ce que vous m'avez dit, ") and "reste 3 points (9 − 6)" in reply
    assert "48N" in reply and "À 0 point" not in reply


@pytest.mark.parametrize("text", ["15 km/h", "de 15 km/h", "+15 km/h", "15km/h"])
def test_a_speed_alone_answers_the_speed_asked(domain, first_of_december, text):
    # T24 c24: "15 km/h" to "De combien de km/h a-t-elle dépassé la limite ?" got "Je n'ai pas compris votre réponse"
    # twice (the facts extractor keeps "N km/h" from the bare numbers): the excess asked, 1 point on a road at 80 (R4)
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    tracker = make_tracker(slots={"offence_type": "speeding", "speed_limit": 80}, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="speed_excess",
                           form="offence_points_form")
    slots, messages = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots.get("speed_excess") == 15
    assert not any("pas compris" in (m or "") for m in messages)
