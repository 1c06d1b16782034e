"""Facts of T7's conversations (BOT_TODAY=2026-12-01) read at last as told, each with 2–3 wordings: the speed kept
after the radar's margin (c11), a balance said after an excess (c27), a long story's offences (c26), a stage's two
days after a 48N's deadline (c19), an alcohol level under the threshold, a voluntary stage's yearless day."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, informational
from actions.offence_history import told_retraits
from tests.actions import conftest
from tests.actions.conftest import make_tracker
from tests.actions.test_what_if import Conversation, mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def parsed(text):
    return conftest.parsed(text, DAY)


class Chat(Conversation):
    """A conversation parsed on the testers' day."""

    def __init__(self, domain, text, intent, action, slots=None):
        self.domain = domain
        slots = mapped_slots(parsed(text), domain) if slots is None else slots
        self.events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent},
                                                                        "entities": parsed(text)}}] + [
            {"event": "slot", "name": k, "value": v} for k, v in slots.items()]
        self.slots = dict(slots)
        self.reply = self._answer(action, make_tracker(slots=slots, text=text, entities=parsed(text), intent=intent))

    def tracker(self, text, intent, form=None):
        entities = parsed(text)
        return make_tracker(slots=self.slots, new_slots=mapped_slots(entities, self.domain), text=text,
                            entities=entities, intent=intent, history=list(self.events), form=form)


# --- T7 c11: "flashé à 140 sur une 110, retenu 133" is an excess of 23 km/h, 2 points (R4) ------------------------

@pytest.mark.parametrize("text", [
    "jai ete flashé a 140 sur une 110, retenu 133",
    "flashé à 140 km/h sur l'autoroute limitée à 110, vitesse retenue 133 km/h",
    "pris à 140 sur une 110 (133 km/h après abattement), combien de points ?",
])
def test_the_points_of_an_excess_count_from_the_retained_speed(domain, text):
    reply = Chat(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints()).reply
    assert reply.startswith("Excès de 23 km/h (133 km/h retenus pour 110 km/h autorisés) : retrait de 2 points "
                            "(contravention de 4e classe) (article R.413-14 du Code de la route).")
    assert "140" not in reply and "Si 133 km/h est la vitesse mesurée" not in reply


@pytest.mark.parametrize("text", ["non je tai dit retenu 133 !! cest marqué sur lavis", "non, vitesse retenue 133",
                                  "non ils ont retenu 133 km/h"])
def test_the_retained_speed_told_after_the_answer_corrects_it(domain, text):
    told = "jai ete flashé a 140 sur une 110"
    chat = Chat(domain, told, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "Excès de 30 km/h" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("C'est noté, je refais le calcul.\nExcès de 23 km/h (133 km/h retenus pour 110 km/h "
                            "autorisés) : retrait de 2 points")
    assert "C'est une hypothèse" not in reply and "Si 133 km/h est la vitesse mesurée" not in reply


# --- T7 c27: "donc jsuis a 12 là ?" after an excess of 15 km/h: the balance, the excess stays 15 ------------------

@pytest.mark.parametrize("text", ["donc jsuis a 12 la ?", "du coup je suis à 12 maintenant ?", "chui à 12 là ?"])
def test_a_balance_said_after_an_excess_does_not_change_the_excess(domain, text):
    chat = Chat(domain, "jai payé une amende pour exces de vitesse de 15 km/h le 12 mars 2026, je recupere mon point "
                        "quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                {"offence_type": "speeding", "speed_excess": 15})
    chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert chat.slots["speed_excess"] == 15 and chat.slots["current_balance"] == 12


# --- T7 c26: a long story's three offences, no amber light invented, and the summary told again adds none ---------

STORY = ("Bonjour alors voila je vous explique ma situation parce que je comprend plus rien du tout. J'ai mon permis "
         "depuis 2011, je l'ai eu du premier coup. En 2023 j'ai eu un flash a 64 au lieu de 50 en ville, j'ai payé "
         "direct. Ensuite en janvier 2025 je me suis fait arreter avec le telephone a la main, j'ai payé 90 euros le 20 "
         "janvier 2025. Apres ca j'ai rien eu pendant un moment et puis le 3 septembre 2026 j'ai grillé un feu rouge, "
         "{light} et j'ai payé l'amende le 15 septembre 2026. Ma femme me dit que je vais perdre mon permis. Bref ma "
         "question c'est : il me reste combien de points et quand est ce que je recupere tout ?")


@pytest.mark.parametrize("light", ["enfin il etait orange bien mur mais bon,", "enfin il était plutôt orange,",
                                   "limite orange,"])
def test_a_long_story_keeps_its_three_offences(domain, light):
    text = STORY.format(light=light)
    chat = Chat(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "mal décrite" not in chat.reply
    # 14 km/h in town (1 point, 4e class, back 6 months later, R8), phone (3), red light (4): 12 - 8 + 1 (R1, R9)
    assert "Solde aujourd'hui : 5 points" in chat.reply and "8 points retirés, 1 point revenu" in chat.reply
    assert "votre permis retrouvera son maximum de points le 15 septembre 2029" in chat.reply
    summary = ("bon je resume: exces 14 km/h en ville payé en juin 2023, telephone payé le 20 janvier 2025, feu rouge "
               "commis le 3 septembre 2026 payé le 15 septembre 2026. combien il me reste ?")
    reply = chat.say(summary, "inform", corrections.ActionApplyCorrection())
    assert "31 décembre 2023" not in reply and "8 points retirés, 1 point revenu" in reply
    assert [r.offence_type for r in told_retraits(chat.tracker("ok", "affirm"))] == ["speeding", "phone", "red_light"]


# --- T7 c19: "ok donc le 27 et 28 février ça passe ?" after the 48N's deadline: that stage, in time or not (R15) ---

@pytest.mark.parametrize("text, first_day, in_time", [
    ("ok donc le 27 et 28 fevrier ca passe ?", "2027-02-27", True),
    ("et les 27 et 28 février ?", "2027-02-27", True),
    ("les 2 et 3 mars c'est trop tard ?", "2027-03-02", False),
])
def test_a_stage_s_two_days_after_the_48n_deadline_are_checked_against_it(domain, text, first_day, in_time):
    chat = Chat(domain, "J'ai eu un 48N le 31 octobre 2026, jusqu'à quand pour faire le stage ?", "ask_mandatory_stage",
                answers.ActionAnswerMandatoryStage(), {"letter_code": "48N", "letter_48n_date": "2026-10-31"})
    assert "au plus tard le 28 février 2027" in chat.reply
    events, _ = run(fallback.ActionSuggestQuestions(), chat.tracker(text, "nlu_fallback"), domain)
    assert events == [{"event": "followup", "name": "action_apply_correction", "timestamp": None}]
    reply = chat.say(text, "nlu_fallback", corrections.ActionApplyCorrection())
    assert chat.slots["letter_48n_date"] == "2026-10-31" and chat.slots["stage_first_day"] == first_day
    assert "Le délai a expiré" not in reply and "rien ne change" not in reply
    assert reply.startswith("Obligation remplie") is in_time and ("après la date limite du 28 février 2027" in reply) \
        is not in_time


# --- earlier work: an alcohol level under the threshold is no offence, unless in probation (R4, R.234-1) ----------

@pytest.mark.parametrize("text", ["contrôlé à 0,3 g/l", "j'ai soufflé 0,15 mg/l, je perds des points ?",
                                  "permis depuis 2010, contrôlé à 0,3 g/l"])
def test_an_alcohol_level_under_the_threshold_withdraws_no_point(domain, text):
    reply = Chat(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints()).reply
    assert reply.startswith("À 0,3 g/l de sang, le seuil de 0,5 g/l n'est pas atteint : pas d'infraction d'alcoolémie "
                            "ni de retrait de points (article R.234-1 du Code de la route).")
    assert "6 points" not in reply


@pytest.mark.parametrize("text", ["permis obtenu en mars 2025, contrôlé à 0,3 g/l",
                                  "jeune permis depuis mars 2025, j'ai soufflé 0,15 mg/l"])
def test_in_probation_the_threshold_is_0_2(domain, text):
    reply = Chat(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints()).reply
    assert reply.startswith("Alcool au volant (contravention) : retrait de 6 points (contravention de 4e classe)")


@pytest.mark.parametrize("text", ["contrôlé à 0,9 g/l", "alcool au volant, 6 points ?"])
def test_a_level_of_the_delit_or_no_level_reads_as_before(domain, text):
    reply = Chat(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints()).reply
    assert "retrait de 6 points" in reply


# --- earlier work: a voluntary stage's yearless day after a court stage is the next one -----------------------------

@pytest.mark.parametrize("text", [
    "stage imposé par le juge le 15/03/2026, et stage volontaire le 14 décembre, il compte ?",
    "le juge m'a imposé un stage en mars 2026. Stage volontaire les 14 et 15 décembre : ça me rend des points ?",
])
def test_a_voluntary_stage_in_two_weeks_is_not_a_year_ago(text):
    reply = informational.court_stage_answer(make_tracker(text=text, entities=parsed(text)))
    assert "Votre stage volontaire qui commence le 14 décembre 2026 pourra donc vous rendre jusqu'à 4 points" in reply


@pytest.mark.parametrize("text", [
    "feu orange payé le 3 mars 2026, et téléphone au volant payé le 5 avril 2026, je récupère quand ?",
    "j'ai grillé un feu orange le 2 février 2026 payé le 10 février, puis un téléphone au volant payé le 5 avril 2026, "
    "je récupère quand ?",
])
def test_an_offence_that_costs_no_point_is_no_retrait_of_the_story(domain, text):
    # an amber light: 35 €, 0 point (R4); only an offence that withdraws points restarts the 3 years (L.223-6, R9)
    reply = Chat(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery()).reply
    assert "mal décrite" not in reply
    assert reply.startswith("Sans nouvelle infraction, votre permis retrouvera son maximum de points le 5 avril 2029.")
