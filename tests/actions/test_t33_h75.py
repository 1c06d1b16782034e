"""Tester report T33 (BOT_TODAY=2026-12-01), helper h75: corrections ("non, <fait>"), a hypothesis about the past
around a 48SI, the article of the thing named, a ceiling named in a question, two questions in one message."""
from __future__ import annotations

import pytest

from actions import answers
from actions.corrections import ActionApplyCorrection
from tests.actions.test_stage_balance_first_day import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


def then(chat: Chat, action) -> str:
    """Another action run on the same message, after the one `chat.say` ran (as a rule chains them)."""
    from rasa_sdk import Tracker
    from tests.actions.test_what_if import run
    events = chat.events[:-1]  # (without its action_listen)
    user = next(e for e in reversed(events) if e.get("event") == "user")
    latest = {"text": user["text"], "intent": user["parse_data"]["intent"], "entities": user["parse_data"]["entities"]}
    tracker = Tracker("test", dict(chat.slots), latest, events, False, None, {}, "action_listen")
    said, reply = run(action, tracker, chat.domain)
    chat.events = events + [{"event": "action", "name": action.name()}, {"event": "bot", "text": reply}, *said,
                            {"event": "action", "name": "action_listen"}]
    chat.slots.update({e["name"]: e["value"] for e in said if e.get("event") == "slot"})
    return reply


# --- T33 c04: the 48N's receipt corrected ("fin juillet" → "signé le 3 août") replaces the one taken (R15) ----------

C04 = ("slt jai le permis depuis le 2 fevrier 2024. jai eu un tel au volant le 20 juin 2026 payé le 1er juillet. jai "
       "recu la 48N fin juillet je crois. jai encore le temps pr le stage ?")


def c04_first_answer(domain) -> Chat:
    chat = Chat(domain)
    reply = chat.say(C04, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                     {"letter_48n_date": "2026-07-21"})
    assert "Le délai a expiré le 21 novembre 2026" in reply, reply
    return chat


@pytest.mark.parametrize("text", [
    "ah non attend jai retrouvé l'avis de reception, jai signé le 3 aout",
    "ah non pardon je l'ai reçue le 3 août en fait",
    "non c'est le 3 août que je l'ai reçue",
])
def test_the_receipt_corrected_replaces_the_day_taken(domain, text):
    chat = c04_first_answer(domain)
    reply = chat.say(text, "deny", ActionApplyCorrection())
    # before: "C'est noté, je refais le calcul." then "Le délai a expiré le 21 novembre 2026" (the offence moved to
    # 3 August instead)
    assert "21 novembre" not in reply, reply
    assert "3 décembre 2026" in reply, reply
    assert chat.slots["letter_48n_date"] == "2026-08-03" and chat.slots["offence_date"] == "2026-06-20"


# --- T33 c01: "non, <fait>" corrects the story told: the red light moved to February is counted again (R9) ----------

C01 = ("Bonjour, j'ai mon permis depuis 2008 et j'avais 12 points. Le 15 mars 2026 je me suis fait arrêter, téléphone à "
       "la main et pas de ceinture en même temps, payé le 28 mars. Et en aout j'ai grillé un feu rouge, payé le 2 "
       "septembre 2026. Il me reste combien ?")


def followed(chat: Chat):
    """The action the last one asked to run next, if any."""
    last = [e.get("name") for e in chat.events[chat.events.index(next(
        e for e in reversed(chat.events) if e.get("event") == "user")):] if e.get("event") == "followup"]
    return last[-1] if last else None


def c01_first_answer(domain) -> Chat:
    chat = Chat(domain)
    from actions.two_part import ActionAnswerOtherQuestion
    chat.say(C01, "ask_offence_points", answers.ActionAnswerOffencePoints())
    reply = then(chat, ActionAnswerOtherQuestion())
    assert "retrouvera son maximum de points le 2 septembre 2029" in reply, reply
    return chat


def test_the_red_light_moved_to_february_is_counted_again(domain):
    chat = c01_first_answer(domain)
    reply = chat.say("ah non pardon je me suis trompé, le feu rouge c'était en février, payé le 3 mars. pas en aout. "
                     "ca change quoi ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    if followed(chat) == "action_apply_correction":
        reply = then(chat, ActionApplyCorrection())
    # before: the red light's card ("Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points"), no recount
    assert "le 28 mars 2029" in reply, reply
    assert "2 septembre 2029" not in reply


def test_a_question_opened_by_non_is_answered(domain):
    from actions.fallback import ActionSuggestQuestions
    from tests.actions.test_stage_again_and_figures_t7 import after
    from tests.actions.test_what_if import run
    chat = c01_first_answer(domain)
    chat.say("ah non pardon je me suis trompé, le feu rouge c'était en février, payé le 3 mars. pas en aout. ca change "
             "quoi ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    if followed(chat) == "action_apply_correction":
        then(chat, ActionApplyCorrection())
    tracker = after(chat, "non mais du coup je récupère tous mes points quand ? et il me reste toujours 2 ?",
                    "nlu_fallback")
    events, reply = run(ActionSuggestQuestions(), tracker, domain)
    chained = [e.get("name") for e in events if e.get("event") == "followup"]
    if chained == ["action_apply_correction"]:
        events, reply = run(ActionApplyCorrection(), tracker, domain)
    # before: "D'accord. Quelle est votre question ?" (the "non" read as a refusal)
    assert "utter_what_question" not in reply and "Quelle est votre question" not in reply, reply
    assert "28 mars 2029" in reply, reply


# --- T33 c05: "et si j'avais fait le stage avant la 48SI ?" supposes a stage ended before its notification (R18) ------

C05 = ("Bonjour. J'avais 2 points sur mon permis (permis depuis 2012). J'ai grillé un feu rouge en septembre, payé. "
       "J'ai reçu la lettre 48SI le 10 novembre 2026. Entre-temps j'ai fait un stage les 20 et 21 novembre. Mes "
       "points vont être recrédités ?")


@pytest.mark.parametrize("text, intent", [
    ("et si j'avais fait le stage avant de recevoir la 48SI, ça aurait sauvé mon permis ?", "ask_zero_points"),
    ("si j'avais fait un stage le 28 et 29 octobre, donc avant la 48SI, j'aurais gardé mon permis ?", "ask_zero_points"),
    ("non je parle d'un stage qu'on aurait fait AVANT de recevoir la lettre, genre fin octobre. ça aurait marché ?",
     "nlu_fallback"),
    ("si j'avais fait un stage le 28 et 29 octobre, donc avant la 48SI, j'aurais gardé mon permis ?", "nlu_fallback"),
])
def test_a_stage_supposed_before_the_48si_saves_the_licence(domain, text, intent):
    from actions.fallback import ActionSuggestQuestions
    chat = Chat(domain)
    chat.say(C05, "ask_letter", answers.ActionAnswerLetter())
    chat.say("je l'ai rendu à la préfecture le 15 novembre. Je peux repasser le permis quand ?", "ask_zero_points",
             answers.ActionAnswerZeroPoints())
    reply = chat.say(text, intent, answers.ActionAnswerZeroPoints() if intent == "ask_zero_points"
                     else ActionSuggestQuestions())
    # before: "Aucun point : la lettre 48SI d'invalidation a été notifiée…" (the stage read as the one after it)
    assert reply.startswith("Oui"), reply
    assert "2 points" in reply and "Aucun point" not in reply, reply


# --- T33 c24: "c'est quel article le délai d'un an ?" is the article of that wait, L.223-5 (R20) -------------------

C24 = ("Bonjour, mon mari a déjà eu une invalidation, il avait rendu son permis le 10 mars 2023. Il l'a repassé, nouveau "
       "permis le 5 janvier 2024. Là il a reçu une nouvelle 48SI le 20 novembre 2026 et a rendu le permis le 25 "
       "novembre. Il peut repasser quand ? Et il doit tout repasser, code et conduite ?")


@pytest.mark.parametrize("text, intent", [
    ("c'est quel article le délai d'un an ? on m'avait dit 6 mois", "ask_stage_eligibility"),
    ("non je demande l'article qui dit 1 an au lieu de 6 mois pour une 2e invalidation", "inform"),
])
def test_the_article_of_the_wait_of_a_second_invalidation(domain, text, intent):
    from actions.follow_ups import answer_in_context
    from tests.actions.test_stage_again_and_figures_t7 import after
    chat = Chat(domain)
    reply = chat.say(C24, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "un an après la remise du permis" in reply and "L.223-5" in reply, reply
    reply = chat.say("et s'il fait un stage de récupération de points maintenant, ça sert à rien ?",
                     "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), {"previous_stage_date": "none"})
    assert "Aucun point" in reply, reply
    said = answer_in_context(after(chat, text, intent))
    # before: "Cette réponse s'appuie sur ces textes : - Article L.223-6 … - Conseil d'État, 17 avril 2025", then the
    # single point's 6 months (LOPPSI 2)
    assert said is not None and said.startswith("C'est l'article L.223-5 du Code de la route qui le prévoit."), said
    assert "d'un an au lieu de 6 mois" in said and "L.223-6" not in said, said


# --- T33 c01, c19: "le plafond de 8 points c'est quel article ?" names the cap of one check (R3), no ceiling told ------

@pytest.mark.parametrize("text", [
    "ok merci. et si je fais un stage la semaine prochaine j'aurai combien ? et le plafond de 8 points c'est quel "
    "article ?",
    "c'est quel article le plafond de 8 ? et si je fais un stage le 14 et 15 décembre j'aurai combien ?",
])
def test_the_cap_named_in_a_question_is_no_ceiling_told(domain, text):
    from actions.answers import ceiling_told
    from tests.actions.test_stage_again_and_figures_t7 import after
    chat = c01_first_answer(domain)
    assert ceiling_told(after(chat, text, "ask_points_after_stage")) is None
    chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
             {"previous_stage_date": "none", "stage_first_day": "2026-12-14"})
    reply = chat.say("et pour le stage ? si j'en fais un le 14 décembre", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage(), {"stage_first_day": "2026-12-14"})
    # before: "Vous m'avez indiqué un plafond de 8 points : ce n'est pas celui que donnent la date de votre permis…"
    assert "Vous m'avez indiqué un plafond" not in reply, reply
    assert "votre solde passera de 2 à 6 points" in reply, reply


def test_a_ceiling_stated_is_still_read():
    from actions.answers import ceiling_told
    from tests.actions.conftest import make_tracker
    for text in ("mon plafond est de 8 points, j'en ai 5", "j'avais 3 points sur 8", "le plafond de 8, c'est le mien."):
        assert ceiling_told(make_tracker(text=text)) == 8, text


# --- T33 c10: two domain questions in one message, both answered (the red light's points, R4; the stage, R12) -------

def test_the_points_of_an_offence_asked_beside_a_stage_are_answered(domain):
    from actions.two_part import ActionAnswerOtherQuestion
    chat = Chat(domain)
    first = chat.say("2 questions : cb de points pour un feu rouge ? et est-ce que je peux faire un stage si j'ai "
                     "encore 9 points ?", "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                     {"previous_stage_date": "none"})
    assert "votre solde passerait de 9 à 12 points" in first, first
    # before: the red light's question left unanswered ("et le feu rouge c'est combien de points alors ?")
    assert followed(chat) == "action_other_question"
    second = then(chat, ActionAnswerOtherQuestion())
    assert "Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points" in second, second
