"""A compulsory stage asked about after a story of a licence long out of probation (tester T8 c26): no 48N, no
compulsory stage (R15, R.223-4), not the 48N of a probationary offence nor the last offence's card."""
import pytest

from actions import answers
from tests.actions.conftest import user_said
from tests.actions.test_probation_facts import mapped_slots, run, told

STORY = ("J'ai mon permis depuis 2011. En 2023 j'ai eu un flash a 64 au lieu de 50 en ville, j'ai payé direct. Ensuite en "
         "janvier 2025 je me suis fait arreter avec le telephone a la main, j'ai payé 90 euros le 20 janvier 2025. Le 3 "
         "septembre 2026 j'ai grillé un feu rouge et j'ai payé l'amende le 15 septembre 2026. Il me reste combien de "
         "points et quand est ce que je recupere tout ?")


@pytest.mark.parametrize("question", [
    "non je veux dire avec 5 points est ce que je suis en danger, je dois faire un stage obligatoirement ?",
    "je dois faire un stage tout de suite ou pas, je risque de perdre mon permis ?",
    "du coup le stage il est obligatoire pour moi ?",
])
def test_a_licence_past_probation_owes_no_compulsory_stage_after_its_story(domain, first_of_december, question):
    slots = mapped_slots(domain, STORY, "ask_auto_recovery", today="2026-12-01")
    tracker = told(domain, question, "ask_mandatory_stage", slots=slots, today="2026-12-01",
                   history=[user_said(STORY, "ask_auto_recovery")])
    _, said = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "ne peut plus vous valoir de lettre 48N ni de stage obligatoire" in said, said
    assert "Feu rouge" not in said and "en période probatoire entraîne" not in said


def test_an_offence_of_the_probation_told_before_still_brings_its_48n(domain, first_of_december):
    # R15: licence of 15 October 2023, probation over on 15 October 2026, a stop committed on 1 October 2026
    story = "permis le 15/10/2023, stop grillé le 1er octobre 2026, payé le 20 octobre 2026"
    slots = {**mapped_slots(domain, story, "inform", today="2026-12-01"), "supervised_driving": False,
             "complementary_training": False}
    tracker = told(domain, "je dois faire un stage obligatoirement ?", "ask_mandatory_stage", slots=slots,
                   today="2026-12-01", history=[user_said(story)])
    _, said = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "ne peut plus vous valoir de lettre 48N" not in said, said
