"""Outside tester T10 (BOT_TODAY=2026-12-01): a story's question asked without "?" (c32), and stages after a story: a
licence at 0 computed (c07, c30), a stage asked with the balance on a day (c38), a stage in the last months of
probation (c39). R7, R12, R13, R18."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_stage_balance_first_day import DAY, Chat, mapped


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


# --- T10 c32: a story whose last sentence asks the balance without "?": the balance, not the offence's table

@pytest.mark.parametrize("text", [
    "excès de 12 km/h sur autoroute le 20 septembre 2026, amende réglée le 3 octobre 2026. J'ai eu mon permis le 6 "
    "juin 2024, pas de conduite accompagnée. il me reste combien et quand je récupère le point",
    "flashé à 15 au dessus sur autoroute le 20/09/2026, payé le 03/10/2026. permis obtenu le 6 juin 2024 sans "
    "conduite accompagnée. combien il me reste",
    "pour un excès de 15 km/h sur autoroute le 20 septembre 2026, payé le 3 octobre 2026. Permis le 6 juin 2024 sans "
    "conduite accompagnée. j'en ai combien maintenant",
])
def test_a_story_asking_the_balance_without_a_question_mark_gets_the_balance(domain, text):
    tracker = make_tracker(new_slots=mapped(domain, text, "nlu_fallback"), intent="nlu_fallback", text=text,
                           entities=parsed(text, DAY))
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": confidence} for name, confidence in
        (("nlu_fallback", 0.4), ("ask_probation", 0.45), ("ask_auto_recovery", 0.4), ("inform", 0.11))]
    events, _ = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_answer_check_balance"}], events
    _, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    # licence of 6 June 2024 (ceiling 10 since 6 June 2026), 1 point paid 3 October 2026: 9/10, back 3 April 2027 (R8)
    assert "9 points sur 10" in reply and "3 avril 2027" in reply, reply


# --- T10 c07: a probationary licence brought to 0 by a recent retrait, then a stage asked about: the balance the
# story computes (0) answers, not asked again; a stage saves the licence only once the retrait is decided (recorded)
# and before the 48SI (R18 parameters, examples 1 and 3)

def form_step(chat: Chat, text: str, intent: str, known=None, form: str = "stage_eligibility_form", keep: bool = True):
    """A form's validation of `text` (the stage eligibility form's by default): the slots it sets (requested_slot:
    what it asks next). `keep`: the message and the slots stay in the conversation (the form asks again); without,
    the answer that follows the form is said with them (`Chat.say(text, …, slots)`)."""
    from actions import forms
    from tests.actions.test_stage_to_take import form_run
    validation = {"stage_eligibility_form": forms.ValidateStageEligibilityForm,
                  "points_after_stage_form": forms.ValidatePointsAfterStageForm}[form]
    new = {**mapped(chat.domain, text, intent), **(known or {})}
    tracker = make_tracker(slots=chat.slots, new_slots=new, intent=intent, text=text, entities=parsed(text, DAY),
                           history=list(chat.events), form=form, requested_slot=chat.slots.get("requested_slot"))
    slots, _ = form_run(validation(), tracker, chat.domain)
    if not keep:
        return slots
    chat.events = tracker.events[:] + [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    chat.slots = {**tracker.slots, **slots}
    return slots


ZERO_STORIES = [
    ("Mon fils a son permis depuis le 10 juin 2026. Contrôlé à 0,3 g/l d'alcool le 15 novembre, amende payée le 25 "
     "novembre. Il va perdre son permis ?", "il peut faire un stage le 3 et 4 décembre ?", "3 décembre 2026"),
    ("permis obtenu le 10 juin 2026, j'ai été contrôlée à 0,25 g d'alcool le 15 novembre, j'ai payé l'amende le 25 "
     "novembre, je perds mon permis ?", "je peux faire un stage les 3 et 4 décembre, ça marche ?", "3 décembre 2026"),
    ("Ma fille a eu son permis le 10 juin 2026, elle a été contrôlée à 0,3 g d'alcool le 15 novembre et a payé le 25 "
     "novembre. Son permis est perdu ?", "elle peut faire le stage du 7 et 8 décembre ?", "7 décembre 2026"),
]


@pytest.mark.parametrize("story, question, first_day", ZERO_STORIES)
def test_a_stage_after_a_loss_to_zero_reuses_the_balance_and_says_the_order(domain, story, question, first_day):
    chat = Chat(domain)
    first = chat.say(story, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert first.split(" ", 1)[1].startswith("solde calculé est de 0"), first
    # the order said from the first answer: paid 25 November, the decision may still be to come (R18 example 1)
    assert "Attention à l'ordre : le stage ne sauve le permis que s'il commence après la décision de retrait" in first
    assert "plafonné à 6 points, puis le retrait déduit : solde final 0 point" in first
    asked = form_step(chat, question, "ask_stage_eligibility")
    assert asked["requested_slot"] == "previous_stage_date", asked
    done = form_step(chat, "non jamais", "deny", {"previous_stage_date": "none"}, keep=False)
    assert done["requested_slot"] is None, done  # the balance is not asked: the story computes it
    reply = chat.say("non jamais", "deny", answers.ActionAnswerStageEligibility(), done)
    assert reply.split(" ", 1)[1].startswith("solde calculé est de 0"), reply
    assert "sauve le permis si la lettre 48SI ne vous est pas notifiée" in reply or \
        "sauve le permis si la lettre 48SI ne lui est pas notifiée" in reply, reply
    assert f"et si le retrait a été décidé avant le {first_day}" in reply
    assert "Attention à l'ordre" in reply and "Combien de points" not in reply


# --- T10 c30: at 0 points, a stage within the year of the last one: no points, said plainly, and it saves nothing;
# only a stage from the anniversary, ended before the 48SI is notified, saves the licence (R13, R18)

AT_ZERO = [
    ("bonjour j'ai 0 point, mon permis est il encore valable ? j'ai rien recu",
     "je peux faire un stage la semaine prochaine ? mon dernier stage c'était le 10 janvier 2026", "2026-12-07"),
    ("j'ai plus que 0 point et aucune lettre reçue, c'est fini ?",
     "du coup un stage le 9 décembre ça me sauve ? j'en ai déjà fait un le 10 janvier 2026", "2026-12-09"),
    ("il me reste 0 point mais pas de lettre 48SI pour l'instant, je peux encore conduire ?",
     "j'ai fait un stage le 10 janvier 2026, je peux en faire un autre le 14 décembre pour sauver mon permis ?",
     "2026-12-14"),
]


@pytest.mark.parametrize("story, question, planned", AT_ZERO)
def test_at_zero_a_stage_within_the_year_gives_nothing_and_saves_nothing(domain, story, question, planned):
    chat = Chat(domain)
    chat.say(story, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert chat.slots.get("current_balance") == 0
    done = form_step(chat, question, "ask_stage_eligibility", keep=False)
    assert done.get("stage_first_day") == planned and done.get("previous_stage_date") == "2026-01-10", done
    reply = chat.say(question, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), done)
    assert reply.startswith("Aucun point : le stage précédent ayant rapporté des points date du 10 janvier 2026"), reply
    assert "Ce stage ne sauverait donc pas votre permis : votre solde resterait à 0 point." in reply
    assert "Seul un stage commencé à partir du 10 janvier 2027 et terminé avant la notification de la lettre 48SI " \
           "le sauverait (0 + 4 points = 4 points)" in reply
    assert "Le permis est sauvé" not in reply


# --- T10 c39: AAC licence of 21 February 2025, 2 points paid 10 May 2026 (ceiling frozen at 9): 7/9; a stage before
# the end of probation is capped at 9 (+2), one from 21 February 2027, when the ceiling is 12, gives 4 (R5, R7, R12)

PROBATION_C39 = {"licence_date": "2025-02-21", "supervised_driving": True, "complementary_training": False,
                 "probation_offence": True, "offence_date": "2026-04-28", "fine_payment_date": "2026-05-10",
                 "last_offence_points": 2, "offence_class": "c4", "current_balance": 7, "previous_stage_date": "none"}


@pytest.mark.parametrize("text, day, effect", [
    ("Et si je fais un stage les 11 et 12 janvier 2027, j'aurai combien ?", "2027-01-11", "13 janvier 2027"),
    ("je compte faire un stage le 8 janvier 2027, ça me rend combien ?", "2027-01-08", "10 janvier 2027"),
    ("un stage le 14 décembre me rendrait combien de points ?", "2026-12-14", "16 décembre 2026"),
])
def test_a_stage_capped_by_the_probation_ceiling_says_what_one_after_its_end_gives(domain, text, day, effect):
    chat = Chat(domain)
    chat.slots.update(PROBATION_C39)
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"stage_first_day": day})
    assert reply.startswith(f"Le stage vous rendra 2 points, avec effet au {effect} : votre solde passera de 7 à 9 "
                            "points"), reply
    assert "Votre période probatoire se termine le 21 février 2027 : votre plafond passe alors à 12 points. Un stage " \
           "commencé à partir de cette date vous rendrait 4 points au lieu de 2 (votre solde passerait de 7 à 11 " \
           "points)." in reply


def test_no_wait_is_advised_when_the_probation_ends_more_than_a_year_later(domain):
    # licence of 10 January 2026 (standard, probation until 10 January 2029), 3 points paid 1 March 2026: 3/6
    chat = Chat(domain)
    chat.slots.update({**PROBATION_C39, "licence_date": "2026-01-10", "supervised_driving": False,
                       "offence_date": "2026-02-20", "fine_payment_date": "2026-03-01", "last_offence_points": 3,
                       "current_balance": 3})
    reply = chat.say("un stage le 14 décembre me rend combien ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage(), {"stage_first_day": "2026-12-14"})
    assert "votre solde passera de 3 à 6 points" in reply and "période probatoire se termine" not in reply, reply


def test_no_wait_is_advised_when_a_48n_stage_is_due(domain):
    # the same licence, 3 points for the phone: a 48N, whose stage is due within 4 months of it (R15)
    chat = Chat(domain)
    chat.slots.update({**PROBATION_C39, "last_offence_points": 3, "offence_type": "phone", "current_balance": 6})
    reply = chat.say("un stage le 14 décembre me rend combien ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage(), {"stage_first_day": "2026-12-14"})
    assert "votre solde passera de 6 à 9 points" in reply and "période probatoire se termine" not in reply, reply


def test_the_stage_what_if_after_the_probation_answer_says_it_too(domain):
    chat = Chat(domain)
    chat.slots.update({k: v for k, v in PROBATION_C39.items() if k not in ("current_balance", "previous_stage_date")})
    first = chat.say("j'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation())
    assert "7 points sur 9" in first, first
    reply = chat.say("Et si je fais un stage les 11 et 12 janvier 2027, j'aurai combien ? Je n'en ai jamais fait.",
                     "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "Le stage vous rendra 2 points, avec effet au 13 janvier 2027" in reply, reply
    assert "vous rendrait 4 points au lieu de 2 (votre solde passerait de 7 à 11 points)" in reply


# --- T10 c38: the balance on a day and a stage asked in one message after the balance answer: both answered (R12)

STORY_C38 = ("Bonjour, permis depuis 1998. J'avais 12 points. J'ai eu un stop (amende payée le 15 janvier 2026) et un "
             "téléphone au volant (payé le 3 mai 2026, commis le 20 avril 2026). Combien aujourd'hui ?")


@pytest.mark.parametrize("text, effect", [
    ("et au 1er juin 2027 j'en aurai combien ? et si je fais un stage en février ?", "3 février 2027"),
    ("combien il me restera le 1er juin 2027 ? et si je fais un stage le 10 février 2027 ?", "12 février 2027"),
    ("ok, et le 1er juin 2027 j'aurai combien ? et si je passe un stage en février 2027 ?", "3 février 2027"),
])
def test_a_stage_asked_after_the_balance_on_a_day_is_answered_with_it(domain, text, effect):
    chat = Chat(domain)
    first = chat.say(STORY_C38, "ask_probation", answers.ActionAnswerProbation(),
                     {"probation_offence": True, "balance_unknown": False})
    assert first.startswith("Solde aujourd'hui : 5 points"), first
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), {"stage_first_day": None})
    # 12 - 4 (stop) - 3 (phone) = 5, nothing back before 2029 (R9): 5 + 4 = 9 from the day after the stage (R12)
    assert f"Le stage vous rendra 4 points, avec effet au {effect} : votre solde passera de 5 à 9 points" in reply, reply
    assert "Solde au 1er juin 2027 : 5 points sans stage, 9 points avec ce stage." \
        in reply
    # (a stage planned changes no fact told: no "C'est une hypothèse" note, T23 c07/c12/c22/c35)
    assert reply.startswith("Si vous faites un stage commençant le") and "C'est une hypothèse" not in reply


@pytest.mark.parametrize("text", [
    "ok mais au 1er juin 2027 j'aurai combien de points ? et avec un stage en février 2027 ?",
    "et le 1er juin 2027 il m'en restera combien ? et avec un stage en février ?",
])
def test_a_stage_of_the_second_question_without_si_is_not_asked_its_day(domain, text):
    chat = Chat(domain)
    chat.say(STORY_C38, "ask_probation", answers.ActionAnswerProbation(),
             {"probation_offence": True, "balance_unknown": False})
    done = form_step(chat, text, "ask_points_after_stage", form="points_after_stage_form", keep=False)
    assert done.get("requested_slot") is None and done.get("stage_first_day") is None, done
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), done)
    assert "Le stage vous rendra 4 points, avec effet au 3 février 2027 : votre solde passera de 5 à 9 points" in reply, reply
    assert "Solde au 1er juin 2027 : 5 points sans stage, 9 points avec ce stage." \
        in reply
