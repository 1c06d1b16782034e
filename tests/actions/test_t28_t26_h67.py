"""T28 / T26 (outside testers' conversations, replayed with today = 1 December 2026), items of branch h67: a belt
put on the passenger after the offences of one check (c08), ..."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import Conversation, mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")

TODAY = "2026-12-01"


def _through_the_form(chat: Conversation, text: str, intent: str, form: str, validation, action) -> str:
    """The message as Rasa plays it when its intent starts a form: the slots its entities fill, validated by the
    form's validation action, then the answer action."""
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots=chat.slots, new_slots=mapped_slots(entities, chat.domain), text=text,
                           entities=entities, intent=intent, history=list(chat.events), form=form)
    events, _ = run(validation, tracker, chat.domain)
    chat.events = tracker.events[:] + [{"event": "action", "name": form}, *events]
    chat.slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    answer_tracker = make_tracker(slots=chat.slots, text=text, entities=entities, intent=intent)
    answer_tracker.events[:] = chat.events + [{"event": "user_featurization", "use_text_for_featurization": False}]
    return chat._answer(action, answer_tracker)


C08_STORY = ("Salut, jai 12 pts. Le 28 octobre 2026 on m'a arrêté : telephone en main + pas de ceinture + 45 km/h au "
             "dessus (limite 80, 125 retenu). J'ai payé les amendes le 5 novembre. Il me reste combien ?")
C08_SLOTS = {"current_balance": 12, "fine_payment_date": "2026-11-05", "offence_date": "2026-10-28",
             "offence_type": "speeding", "speed_limit": 80, "speed_excess": 45, "other_offences": ["phone", "seatbelt"]}


def test_a_belt_put_on_the_passenger_counts_the_check_again_without_it(domain):
    # T28 c08: phone + seatbelt + 45 km/h at one check, 10 capped at 8 (R3), 12 -> 4; then "ah non pardon, la ceinture
    # c'était mon passager (adulte), pas moi. ça change ?" got the passenger's card (R21) and "il me reste combien du
    # coup ?" 4 again: without the belt the check costs 4 + 3 = 7, 12 - 7 = 5
    chat = Conversation(domain, C08_STORY, "ask_offence_points", answers.ActionAnswerOffencePoints(), C08_SLOTS,
                        today=TODAY)
    assert "il vous reste 4 points" in chat.reply
    reply = _through_the_form(chat, "ah non pardon, la ceinture c'etait mon passager (adulte), pas moi. ça change ?",
                              "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                              answers.ActionAnswerOffencePoints())
    assert "aucun point n'est retiré sur votre permis" in reply, reply
    assert "Excès de vitesse de 45 km/h : 4 points ; téléphone tenu en main" in reply, reply
    assert "plafonnés" not in reply
    assert "il vous reste 5 points" in reply, reply
    assert chat.slots["last_offence_points"] == 7
    reply = chat.say("donc il me reste combien du coup ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "12 points à 5 points" in reply and "12 points à 4 points" not in reply, reply


def test_a_passenger_named_for_a_check_without_the_drivers_belt_changes_nothing(domain):
    slots = {**C08_SLOTS, "other_offences": ["phone"]}
    chat = Conversation(domain, C08_STORY.replace(" + pas de ceinture", ""), "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), slots, today=TODAY)
    text = "ah non pardon, et mon passager avait pas sa ceinture, ça change ?"
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots=chat.slots, text=text, entities=entities, intent="ask_offence_points",
                           history=list(chat.events), form="offence_points_form")
    assert forms.check_without_the_drivers_belt(tracker) is None


C07_STORY = ("Bonsoir. Permis en 2019. J'ai perdu 1 point pour un petit exces de vitesse (limite 90, retenu 101) commis "
             "le 10 mai 2026, payé le 2 juin 2026. Quand est-ce que je recupere ce point ?")
C07_SLOTS = {"licence_date": "2019", "last_offence_points": 1, "offence_type": "speeding", "speed_limit": 90,
             "speed_measured": 101, "offence_date": "2026-05-10", "fine_payment_date": "2026-06-02"}


@pytest.mark.parametrize("question, intent, action", [
    ("et si je me fais flasher aujourd'hui même pour un autre petit excès, je perds le point qui devait revenir "
     "demain ?", "ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("non ma question c'est : une nouvelle infraction commise aujourd'hui 1er decembre, ça bloque le retour du point "
     "prévu le 2 décembre ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
def test_another_offence_today_blocks_the_single_point_due_tomorrow(domain, question, intent, action):
    # T28 c07: 1 point (101 for 90) paid 2 June 2026, back on 2 December 2026 (R8); "et si je me fais flasher aujourd'hui
    # même pour un autre petit excès, je perds le point ?" got the first excess's card, the question said again the
    # recovery's answer: an offence with a retrait committed on 1 December, within the 6 months, blocks that return
    chat = Conversation(domain, C07_STORY, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), C07_SLOTS,
                        today=TODAY)
    assert "revient le 2 décembre 2026" in chat.reply
    reply = chat.say(question, intent, action)
    assert "ne reviendrait pas le 2 décembre 2026 : une infraction commise le 1er décembre 2026, avant cette date, " \
           "empêche son retour" in reply, reply
    assert "Amende forfaitaire : 68 €" not in reply


C24_STORY = ("coucou 😊 c'est pour ma copine elle a 2 points et elle vient de se faire flasher (1 pt) hier, elle a rien "
             "payé encore, elle fait quoi ?? 😭")
C24_SLOTS = {"current_balance": 2, "offence_type": "speeding", "speed_limit": 80, "speed_measured": 95,
             "offence_date": "2026-11-30", "fine_payment_date": "not_paid"}


@pytest.mark.parametrize("question", ["oui mais elle a que 2 points !! elle doit faire un stage avant de payer ??",
                                      "je paye d'abord ou je fais le stage d'abord ?"])
def test_pay_or_stage_first_with_a_retrait_that_leaves_points_gives_both_orders(domain, question):
    # T26 c24: 2 points, a 1-point excess not paid yet; "elle doit faire un stage avant de payer ??" got the stage's
    # 2 -> 6 alone. Either order leaves the licence valid (R18): stage first 2 + 4 = 6, then 6 - 1 = 5; fine first
    # 2 - 1 = 1, then 1 + 4 = 5 (R12); a stage starting today gives its points the day after its last day
    chat = Conversation(domain, C24_STORY, "ask_offence_points", answers.ActionAnswerOffencePoints(), C24_SLOTS,
                        today=TODAY)
    assert "retrait de 1 point" in chat.reply
    reply = chat.say(question, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert reply.startswith("Les deux ordres sont possibles : après le retrait de 1 point, il reste 1 point et le "
                            "permis reste valide"), reply
    assert "6 − 1 = 5 points" in reply and "2 − 1 = 1 point ; " in reply and "1 + 4 = 5 points" in reply
    assert "le solde final est de 5 points" in reply
    assert "Un stage qui commence le 1er décembre 2026 lui rend ses points le 3 décembre 2026" in reply


def test_pay_or_stage_first_near_the_ceiling_says_which_order_is_better():
    from actions.stage_timing import stage_or_fine_first
    history = [{"event": "user", "text": "j'ai 10 points, feu rouge hier pas encore payé",
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": []}},
               {"event": "action", "name": "action_answer_offence_points"}]
    tracker = make_tracker(slots={"current_balance": 10, "last_offence_points": 4, "fine_payment_date": "not_paid",
                                  "offence_date": "2026-11-30"},
                           text="je paye d'abord ou je fais le stage d'abord ?", history=history)
    reply = stage_or_fine_first(tracker)
    # R18 example 1: stage first 12 (capped) - 4 = 8; fine first 6 + 4 = 10
    assert "12 − 4 = 8 points" in reply and "6 + 4 = 10 points" in reply, reply
    assert "Mieux vaut l'amende d'abord : 10 points au lieu de 8 points." in reply


def test_a_stage_starting_today_one_day_before_the_year_gives_no_point(domain):
    # T28 c19: last stage 2-3 December 2025, 8 points: points from 2 December 2026 (R13 ex. 1); "et si je trouve un
    # stage qui commence aujourd'hui ?" (1 December 2026) got the same card: that stage gives 0 points (R13 ex. 2)
    story = "Est-ce que je peux faire un stage ? mon dernier stage c'était les 2 et 3 décembre 2025. Je suis à 8 points"
    chat = Conversation(domain, story, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "2025-12-02", "current_balance": 8}, today=TODAY)
    assert "qu'à partir du 2 décembre 2026" in chat.reply
    reply = chat.say("et si je trouve un stage qui commence aujourd'hui ?", "ask_stage_eligibility",
                     answers.ActionAnswerStageEligibility())
    assert reply.startswith("Si le stage commence le 1er décembre 2026, alors :\nAucun point : "), reply


def test_an_earlier_4th_class_offence_makes_the_full_recovery_3_years(domain):
    # T28 c12: "le clignotant ça fait perdre des points ?" (3 points, 2e classe, 2 years), then "et si j'avais déjà un feu
    # rouge il y a un an, c'est toujours 2 ans ?" got the red light's own card: one 4th-class contravention in the
    # cycle makes it 3 years, from the last payment (R9)
    chat = Conversation(domain, "le clignotant ça fait perdre des points ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "no_indicator"}, today=TODAY)
    assert "le délai de récupération totale est de 2 ans" in chat.reply
    reply = chat.say("et si j'avais déjà un feu rouge il y a un an, c'est toujours 2 ans ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert reply.startswith("Non : avec ces deux infractions, le délai de récupération totale est de 3 ans : "
                            "l'infraction « feu rouge (fixe ou clignotant) non respecté » est une contravention de 4e "
                            "classe"), reply
    assert "Il court depuis le paiement de la dernière amende" in reply
    assert "Amende forfaitaire : 135 €" not in reply


def test_during_the_48n_stage_the_refund_answer_says_the_points_asked_and_the_request_day(domain):
    # T28 c10: 48N received 1 August 2026 (deadline 1 December, R15), stage 30 November - 1 December, "je serai
    # remboursé de l'amende (90€ payés) et j'aurai combien ? j'étais à 3 points sur 8": refund yes (R16), 3 -> 7 on 2
    # December (R12), and the refund request within 15 days of the stage (R16: by 16 December 2026)
    story = ("J'ai recu une lettre 48N le 1er août 2026, je suis en permis probatoire. Je dois faire le stage avant quelle "
             "date exactement ? je veux le faire les 30 novembre et 1er décembre, ça passe ?")
    assert ("2026-11-30", "stage") in [(e["value"], e.get("role")) for e in parsed(story, TODAY)]
    chat = Conversation(domain, story, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                        {"letter_48n_date": "2026-08-01", "letter_code": "48N", "probationary": True,
                         "stage_first_day": "2026-11-30"}, today=TODAY)
    reply = chat.say("oui je suis dedans là, c'est le 2e jour. Du coup je serai remboursé de l'amende (90€ payés) et "
                     "j'aurai combien ? j'étais à 3 points sur 8", "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert "l'amende payée vous sera remboursée" in reply, reply
    assert "votre solde passera de 3 à 7 points" in reply
    assert "au plus tard le 16 décembre 2026 (15 jours après le stage)" in reply


def test_an_offence_told_as_own_before_the_forms_questions_is_learnt_and_its_order_asked(domain):
    # T26 c24 as played: the story told the offence as hers ("elle vient de se faire flasher (1 pt) hier"), then the
    # form asked the limit and the excess; the answer to "15 km/h" did not learn the 1 point, so "elle doit faire un
    # stage avant de payer ??" had no retrait to order against (R18)
    from tests.actions.conftest import user_said
    history = [user_said(C24_STORY, "ask_offence_points"), {"event": "action", "name": "offence_points_form"},
               {"event": "bot", "text": "Quelle était la vitesse maximale autorisée (en km/h) ?"},
               user_said("80", "inform"), {"event": "action", "name": "offence_points_form"},
               {"event": "bot", "text": "De combien de km/h a-t-elle dépassé la limite ?"}]
    slots = {"current_balance": 2, "offence_type": "speeding", "speed_limit": 80, "speed_excess": 15,
             "offence_date": "2026-11-30"}
    tracker = make_tracker(slots=slots, text="15 km/h", entities=parsed("15 km/h", TODAY), history=history)
    events, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "retrait de 1 point" in reply
    assert any(e.get("name") == "last_offence_points" and e.get("value") == 1 for e in events), events


def test_a_48n_received_with_the_payment_gives_its_missed_deadline_in_the_first_answer(domain):
    # T28 c02 (already right on this base, kept): daughter AAC, licence 2 December 2024, 3 points in March 2026 paid 3
    # April, "la 48N est arrivée le 25 mai" with "elle doit faire quoi ?": the deadline of 25 September 2026 is past,
    # said in the first answer (R15, R16), not after a second question
    story = ("bjr, ma fille a eu son permis le 2 décembre 2024, conduite accompagnée. Elle a été flashée en mars 2026, 3 "
             "points je crois, et elle a reçu une 48N. Elle a combien de points et elle doit faire quoi ?")
    slots = {"licence_date": "2024-12-02", "supervised_driving": True, "letter_48n_date": "2026-05-25",
             "fine_payment_date": "2026-04-03", "offence_date": "2026-03", "probation_offence": True,
             "last_offence_points": 3, "offence_class": "c4", "offence_type": "speeding", "letter_code": "48N",
             "complementary_training": False}
    chat = Conversation(domain, story, "ask_probation", answers.ActionAnswerProbation(), slots, today=TODAY)
    assert "6 points sur 9" in chat.reply
    assert "laissait jusqu'au 25 septembre 2026 : ce délai est dépassé" in chat.reply, chat.reply
