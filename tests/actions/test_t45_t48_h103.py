"""Testers T45-T48 (replays on 1 December 2026), items of branch h103: a category added to a licence held is no new
licence; a balance the bot's own answer established is known for the next question."""
from __future__ import annotations

import pytest

from actions import answers, forms
from actions.licence_to_come import new_category_of_a_held_licence
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t48-c28: B since 2015, the A2 next year: "je vais repartir en probatoire avec 6 pts ?" (R5, R1)

C28_1 = ("salut, je passe le permis moto A2 l'an prochain, j'ai le B depuis 2015. je vais repartir en probatoire avec "
         "6 pts ?")
C28_3 = "est ce que passer le permis A2 quand on a deja le B depuis 2015 remet en periode probatoire"


def test_a_new_category_of_a_licence_held_is_no_new_probation(domain):
    # t48-c28: "Le jour où vous obtiendrez votre permis, il aura 6 points : c'est un permis probatoire", then on the
    # question asked again a retrait of 6 points on 31 December 2015, a balance of 0 and a 48SI invented from "6 pts"
    # and "2015". R5: adding a category to a licence out of probation does not count; one balance for all (R1)
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form(C28_1, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Non : passer une nouvelle catégorie"), reply
    assert "ne vous fait pas repartir à 6 points" in reply
    assert "obtenu en 2015, n'est plus probatoire depuis 2018" in reply
    assert "Le jour où vous obtiendrez" not in reply
    reply = chat.say_in_form(C28_3, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Non : passer une nouvelle catégorie"), reply
    for invented in ("48SI", "à 0 point", "retrait de 6", "31 décembre 2015"):
        assert invented not in reply, reply
    assert not chat.slots.get("last_offence_points") and not chat.slots.get("offence_date"), chat.slots


def test_a_licence_held_for_less_than_three_years_keeps_its_probation(domain):
    # R5: the probation runs from the first category obtained; a later one neither restarts nor extends it
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form("j'ai le permis B depuis mars 2025, si je passe le permis moto je recommence à 6 points ?",
                             "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Non : passer une nouvelle catégorie"), reply
    assert "continue de courir depuis la première catégorie obtenue" in reply


@pytest.mark.parametrize("text, added", [
    (C28_1, True),
    (C28_3, True),
    ("j'ai déjà le permis, si je passe le A je repars en probatoire ?", True),
    ("j'ai le A1 depuis 2023 et je passe le B en janvier", True),
    ("j'ai le permis depuis 2015 et je vais passer le permis moto", True),
    ("je passe mon permis en janvier", False),
    ("quand j'aurai le permis je commence avec combien", False),
    ("j'ai le permis depuis 2010, je repasse le permis après invalidation", False),
    ("j'ai le permis B depuis 2019, j'ai perdu 3 points, je dois faire à nouveau un stage", False),
])
def test_a_category_added_to_a_licence_held(text, added):
    assert new_category_of_a_held_licence(text) is added


# --- t48-c23: a daughter's AAC licence of 5 September 2024, 1 point paid on 18 April 2025: 6 points; a stage? (R5, R12)

C23 = ("Bonjour, ma fille a eu son permis le 5 septembre 2024 (conduite accompagnée). Elle a pris 1 point pour un excès "
       "de vitesse en ville en avril 2025, payé le 18 avril 2025. Combien a-t-elle de points maintenant ?")


def test_the_maximum_asked_about_is_no_balance_told(domain):
    # t48-c23: "6 points" (the AAC ceiling frozen at 6 by the offence, R7), then to "elle est au maximum ou pas ? Elle
    # peut faire un stage pour remonter ?" "Aucun point à gagner : son solde (12) est déjà au plafond": "au maximum ou
    # pas ?" was read as a balance of 12 told. R5, R12: probation over on 5 September 2026, a stage takes her 6 → 10
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form(C23, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Solde aujourd'hui : 6 points"), reply
    reply = chat.say_in_form("Je ne comprends pas, elle est au maximum ou pas ? Elle peut faire un stage pour remonter ?",
                             "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                             answers.ActionAnswerStageEligibility())
    assert "Aucun point à gagner" not in reply and "(12)" not in reply, reply
    assert "de 6 à 10 points" in reply, (chat.form_said, reply)


@pytest.mark.parametrize("text, told", [
    ("elle est au maximum ou pas ?", False),
    ("il a tous ses points ?", False),
    ("ma fille a tous ses points ou non ?", False),
    ("il avait tous ses points", True),
    ("mais j'avais tous mes points ?!", True),
    ("j'étais au max, j'ai perdu 3 points", True),
    ("il est au max", True),
])
def test_the_full_balance_told_or_asked(text, told):
    from tests.actions.conftest import parsed
    assert any(e["entity"] == "points" and e["value"] == 12 for e in parsed(text, TODAY)) is told


# --- t46-c17: 8/8 in probation until 28 February 2027, a stage on 10-11 March 2027 asked after one in March 2026

C17_1 = ("coucou 🙂 ma fille a eu son permis le 28 février 2024, elle a pas fait de conduite accompagnée. elle a eu une "
         "amende pour ceinture le 2 mars 2025 (payée le 10 mars 2025). elle a fait un stage volontaire le 14 et 15 avril "
         "2025. combien de points maintenant ?")


def test_the_balance_answered_is_known_for_a_stage_after_the_probation(domain):
    # t46-c17: "Son solde est aujourd'hui de 8 points sur 8", then for a stage on 10-11 March 2027 "Réponse sous
    # réserve de : son solde de points". R7, R12: the probation ends on 28 February 2027, the ceiling is then 12, the
    # stage takes her from 8 to 12
    from actions import corrections
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say_in_form(C17_1, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Son solde est aujourd'hui de 8 points sur 8"), reply
    chat.say_in_form("ah ok. et si elle refait un stage en mars 2026 ça lui sert à quelque chose ?",
                     "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    reply = chat.say("ah pardon je voulais dire mars 2027, le 10 et 11 mars", "inform",
                     corrections.ActionApplyCorrection())
    assert "sous réserve de : son solde" not in reply, reply
    assert "de 8 à 12 points" in reply, reply
