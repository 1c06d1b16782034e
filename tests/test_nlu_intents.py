"""The trained model reads outside testers' follow-up wordings (2026-12-04) as the labelling policy of data/nlu says,
above the fallback threshold (0.4, config.yml). The sentences are the testers' and other wordings of the same
questions, none of them a training example (data/nlu is written apart): the model, not a memorised sentence."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("rasa")

FALLBACK_THRESHOLD = 0.4


@pytest.fixture(scope="module")
def agent(trained_model):
    from rasa.core.agent import Agent

    return Agent.load(str(trained_model))


def intent_of(agent, text: str):
    # (in a thread of its own: a test run before this module may leave an event loop running in the main thread,
    # where asyncio.run refuses to start)
    with ThreadPoolExecutor(max_workers=1) as pool:
        parsed = pool.submit(asyncio.run, agent.parse_message(text)).result()
    return parsed["intent"]["name"], parsed["intent"]["confidence"]


@pytest.mark.parametrize("text, expected", [
    # a balance told, then what a stage makes of it: how many points after it (stage.yml), not the fallback
    ("il me reste 5 points, et si je fais un stage ?", "ask_points_after_stage"),
    ("j'ai 7 pts si je fais un stage jen aurai cb", "ask_points_after_stage"),
    ("bon g 2 pts, et un stage ça me remet a combien", "ask_points_after_stage"),
    ("il m'en reste 3 et si je fais un stage jarrive a quoi", "ask_points_after_stage"),
    # the cap of 8 points of one check (R3), asked by its figure: the offences' points (offences.yml)
    ("c'est pas plafonné à 8 ?", "ask_offence_points"),
    ("le max c'est pas 8 points par infraction ?", "ask_offence_points"),
    ("on peut vraiment perdre 9 points en une fois ?", "ask_offence_points"),
    # an offence asked back after an answer (offences.yml)
    ("et le feu rouge alors ? ça compte pas ?", "ask_offence_points"),
    ("et mon téléphone il compte pas ?", "ask_offence_points"),
    ("et la ceinture tu l'as pas comptée ?", "ask_offence_points"),
    # a balance computed by the user, asked back to check it (recovery.yml)
    ("10-8 = 2 non ?", "ask_check_balance"),
    ("donc il me reste 5 ?", "ask_check_balance"),
    ("ca me fait 4 pts alors ?", "ask_check_balance"),
    ("12 moins 4 ça fait 8 c'est ça ?", "ask_check_balance"),
    # the figure the assistant gave, said back: a doubt about the answer with its figure (mid_form.yml), not whether
    # the assistant is a bot, nor a goodbye ("tout à l'heure")
    ("8 ??? c toi qui me l'a dit", "inform"),
    ("mais tu m'as dit 8 tout à l'heure", "inform"),
    ("c'est toi qui m'as dit 5", "inform"),
    ("t'as dit 4 tout a l'heure", "inform"),
    # the practicalities of the stage, in a room or online (stage.yml; n11): not the fallback
    ("le stage je peux le suivre en visio ?", "ask_stage_info"),
    ("c'est possible de faire le stage sur internet ?", "ask_stage_info"),
    # a phone on a holder asked about (offences.yml; n11)
    ("le portable sur son support juste pour le gps ça retire des points ?", "ask_offence_points"),
    # a balance told again, with a doubt, after "15 n'est pas possible" (inform.yml; T37 c11 got "Au revoir"), not a
    # goodbye for its "bon"
    ("ah bon. bon jen ai 9 alors je pense", "inform"),
    ("ah ok bon j'en ai 7 alors", "inform"),
])
def test_a_follow_up_wording_gets_its_intent(agent, text, expected):
    name, confidence = intent_of(agent, text)
    assert (name, confidence >= FALLBACK_THRESHOLD) == (expected, True), (text, name, confidence)
