"""Tester T49 (replays on 1 December 2026) and the leftovers of the helpers before, items of branch h112: the speed
told in a story of several offences and the radar's margin (R4), the class of a 1-point excess from its limit (R4)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- leftover (t46-c07): "flashée à 89 sur une route à 80" in a story with a stop: the radar's margin not said (R4)

MOTHER = ("Bonjour madame, ma mère de 72 ans a eu son permis en 1975, elle a été flashée à 89 sur une route à 80 "
          "l'hiver dernier et elle a aussi eu un stop au printemps, payé en avril. elle a combien de points maintenant ?")


def test_the_speed_told_in_a_story_is_said_read_as_the_speed_kept(domain):
    # the excess was counted from 89 as the speed kept (9 km/h over an 80 road: 1 point, 3e classe), without saying
    # that 89 read as the radar's measure gives 84 kept, 4 km/h over: no point (R4 edge case, arrêté du 4 juin 2009);
    # the single-offence answer says it (speed_read_as_kept), the story's did not: the figure was lost in its retrait
    chat = opened(domain, MOTHER, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 7 points"), chat.reply
    assert "1 point pour « excès de vitesse » (contravention de 3e classe)" in chat.reply
    assert "Nous avons lu 89 km/h comme la vitesse retenue" in chat.reply
    assert "84 km/h retenus : excès de 4 km/h, aucun point retiré" in chat.reply


def test_a_speed_said_as_the_one_kept_in_a_story_gets_no_other_reading(domain):
    # "retenue à 89": the avis's speed, nothing to read otherwise
    text = ("j'ai été flashé, vitesse retenue 89 sur une route à 80 en janvier 2026 payé le 10 janvier 2026, et un feu "
            "rouge payé le 3 mars 2026. combien de points j'ai ?")
    chat = opened(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "Si 89 km/h est la vitesse mesurée" not in chat.reply, chat.reply


def test_a_story_told_with_its_points_keeps_the_users_count(domain):
    # "perdu 1 point": the user's count stays, no other reading offered
    text = ("j'ai perdu 1 point pour un excès, flashé à 89 sur une route à 80, payé le 10 janvier 2026, puis 4 points "
            "pour un feu rouge payé le 3 mars 2026. combien de points j'ai ?")
    chat = opened(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "Si 89 km/h est la vitesse mesurée" not in chat.reply, chat.reply


# --- leftover and t49-c23: the class of a 1-point excess from its road's limit alone, "en ville" its limit (R4, R9)

C23 = ("Bonjour, ma fille a eu son permis le 5 septembre 2024 (conduite accompagnée). Elle a pris 1 point pour un excès "
       "de vitesse en ville en avril 2025, payé le 18 avril 2025. Combien a-t-elle de points maintenant ?")


def test_one_point_in_town_is_a_fourth_class_without_saying_the_limit_is_unknown(domain):
    # t49-c23: "Sans la vitesse limite, j'ai compté le délai le plus long…" although "en ville" was said: in town the
    # limit is 50 km/h, a 1-point excess there is of the 4e classe (R4), 3 years (R9), nothing assumed
    chat = opened(domain, C23, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    assert "Sans la vitesse limite" not in chat.reply
    assert "18 avril 2028" in chat.reply and "(contravention de 4e classe)" in chat.reply


@pytest.mark.parametrize("road, full", [("sur une route à 80", "10 mars 2027"), ("en ville", "10 mars 2028")])
def test_one_point_on_a_road_of_a_known_limit_gives_its_class(domain, road, full):
    # a 1-point excess told with its road's limit, its excess not said: above 50 km/h the 3e classe, 2 years to the
    # maximum; at 50 km/h or less the 4e, 3 years (R4, R9); neither assumed nor asked
    text = (f"permis depuis 2010, j'ai perdu 1 point pour un excès de vitesse {road}, payé le 10 mars 2025. "
            "je retrouve mes 12 points quand ?")
    chat = opened(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert full in chat.reply, chat.reply
    assert "Sans la vitesse limite" not in chat.reply
    assert "Sans la nature de l'infraction" not in chat.reply


def test_the_class_of_the_slots_one_point_excess_comes_from_its_limit(domain):
    # Facts.offence_class: the one excess of the slots, 1 point on an 80 road, its excess not known: the 3e classe
    # (R4), not the 4e assumed with its note
    from tests.actions.conftest import make_tracker
    tracker = make_tracker(slots={"offence_type": "speeding", "last_offence_points": 1, "speed_limit": 80,
                                  "fine_payment_date": "2025-03-10"}, text="je retrouve mes points quand ?")
    facts = answers.Facts(tracker)
    assert facts.offence_class == "c3"
    assert answers.SINGLE_POINT_EXCESS_CLASS_NOTE not in facts.notes


def test_at_the_maximum_or_not_is_answered_with_a_plain_no_first(domain):
    # t49-c23: "elle est au maximum ou pas ?" got "son solde est aujourd'hui de 6 points" only, the answer implicit:
    # now "Non", and the day she gets her maximum back (R1, R9), before the balance and the stage
    from actions import forms
    chat = opened(domain, C23, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    chat.say_in_form("Je ne comprends pas, elle est au maximum ou pas ? Elle peut faire un stage pour remonter ?",
                     "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    assert chat.form_said.startswith("Non, pas au maximum"), chat.form_said
    assert "18 avril 2028" in chat.form_said and "6 points" in chat.form_said


@pytest.mark.parametrize("text, asked", [
    ("elle est au maximum ou pas ?", True),
    ("j'ai tous mes points ?", True),
    ("il a ses 12 points ou non ? et un stage ?", True),
    ("elle était au maximum avant. elle peut faire un stage ?", False),
    ("quand est-ce qu'elle sera au maximum", False),
])
def test_the_maximum_asked(text, asked):
    from actions import forms
    from bot.nlu.fact_parsing import fold
    found = [m for m in forms._AT_MAXIMUM_ASKED.finditer(fold(text)) if forms._ASKED_AFTER.match(fold(text), m.end())]
    assert bool(found) == asked


# --- t49-c04: a stage on a week-end, and the price "environ" (R11)

C04_PRICE = "ca coute combien environ ? et est ce qu'on peut le faire en ligne, je travaille en semaine"
C04_WEEKEND = "d'accord. et le stage le samedi dimanche ca existe ?"


def test_a_stage_on_a_weekend_is_answered(domain):
    # t49-c04: "le stage le samedi dimanche ça existe ?" got "je n'ai pas d'autre réponse que celle-ci" and the card
    # again; a Saturday and the Sunday after are two consecutive days (R11: R.223-5): yes, centres hold them
    chat = opened(domain, C04_PRICE, "ask_stage_info", answers.ActionAnswerStageInfo(), TODAY)
    reply = chat.say(C04_WEEKEND, "ask_stage_info", answers.ActionAnswerStageInfo())
    assert reply.startswith("Oui, c'est possible : un samedi et le dimanche qui suit sont 2 jours consécutifs"), reply
    assert "je n'ai pas d'autre réponse" not in reply


def test_the_price_asked_gets_its_usual_range_said_as_an_indication(domain):
    # t49-c04: "ça coûte combien environ ?" got no figure; the price is free (R11), its usual range is source 003's
    chat = opened(domain, C04_PRICE, "ask_stage_info", answers.ActionAnswerStageInfo(), TODAY)
    assert "fixé librement" in chat.reply and "à titre indicatif, généralement entre 180 € et 330 €" in chat.reply
    assert "ne peut pas se faire en ligne" in chat.reply, chat.reply
    assert not chat.reply.startswith("Oui, c'est possible")


# --- t49-c27: a retrait added to the story is noted, not "corrected" (R10)

C27 = ("Bonjour, j'ai perdu 6 points il y a dix ans pour un grand excès de vitesse (plus de 50), payé en mars 2016, et "
       "depuis j'ai eu plusieurs petites infractions. Je récupère ces 6 points avec la règle des 10 ans ?")
C27_ADDED = "et un feu rouge payé le 2 juin 2016 ? il revient quand"


def test_a_retrait_added_to_the_story_is_noted_not_corrected(domain):
    # t49-c27: "C'est noté, je corrige." for a red light added to the grand excès: nothing was corrected, both are
    # counted (the excès outside the 10-year rule, the red light's 4 points back on 2 June 2026, R10)
    from actions import forms
    chat = opened(domain, C27, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say_in_form(C27_ADDED, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert "je corrige" not in chat.form_said, chat.form_said
    assert "2 juin 2026" in reply, reply


def test_a_retrait_told_again_otherwise_is_still_a_correction(domain):
    # the same story, its one retrait's payment corrected ("non, payé en avril 2016"): a correction, said so
    from actions import forms
    chat = opened(domain, C27, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    chat.say_in_form("non pardon, c'était 4 points pour un feu rouge, payé en avril 2016", "inform",
                     "auto_recovery_form", forms.ValidateAutoRecoveryForm(), answers.ActionAnswerAutoRecovery())
    assert "C'est noté." != chat.form_said.strip()


@pytest.mark.parametrize("text, weekend", [
    ("d'accord. et le stage le samedi dimanche ca existe ?", True),
    ("on peut le faire un week-end ?", True),
    ("il y a des stages le samedi ?", True),
    ("stage réservé pour samedi mais je ne peux plus y aller, je suis remboursé ?", False),
    ("je suis malade le samedi, le 2e jour du stage, je perds tout ?", False),
])
def test_the_weekend_asked(text, weekend):
    from actions import informational
    assert informational.stage_info_for(text).startswith("Oui, c'est possible : un samedi") == weekend


def test_the_ten_year_rule_asked_of_a_fifth_class_gets_a_plain_no_first(domain):
    # t49-c27: "Je récupère ces 6 points avec la règle des 10 ans ?" of a grand excès (5e classe, 2016): the rule
    # excludes it (R10); the answer said so in its second line only, without a "Non"
    chat = opened(domain, C27, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert chat.reply.startswith("Non : l'infraction payée en mars 2016 (contravention de 5e classe) n'est pas "
                                 "concernée par la règle des 10 ans"), chat.reply
    assert chat.reply.count("n'est pas concernée par la règle des 10 ans") == 1, chat.reply
