"""T32 (outside tester's replays of 1 December 2026), items of branch h77: law cases answered wrong, facts misread."""
from __future__ import annotations

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots, run

TODAY = "2026-12-01"


def start(domain, text: str, intent: str, action) -> Conversation:
    return Conversation(domain, text, intent, action, mapped_slots(parsed(text, TODAY), domain), today=TODAY)


# --- T32 c33: "pas mis la ceinture à mon fils de 8 ans à l'arrière, 135 €": the child's belt, 0 points (R4, R21)

C33 = ("bonsoir, jai recu une amende pour avoir pas mis la ceinture a mon fils de 8 ans a l'arriere, 135 euros. je "
       "perds des points ?")


def test_the_belt_not_put_on_a_child_is_the_childs_offence(domain, first_of_december):
    # T32 c33: "Conducteur sans ceinture de sécurité : retrait de 3 points" — the driver's belt; a child passenger not
    # restrained costs the driver 135 € and no point (R.412-2, R4 seatbelt row, R21)
    assert [e["value"] for e in parsed(C33, TODAY) if e["entity"] == "offence_type"] == ["child_restraint"]
    chat = start(domain, C33, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "retrait de 3 points" not in chat.reply and "Conducteur sans ceinture" not in chat.reply
    assert "aucun point" in chat.reply, chat.reply
    assert "135 €" in chat.reply


# --- T32 c10: a second invalidation within 5 years, the first told in the story: 1 year, not 6 months (R20)

C10_HANDED_BACK = ("je l'ai rendu le 15 juin 2026. c'est la 2eme fois malheureusement, la 1ere fois je l'avais rendu en "
                   "mars 2022")
C10_DOUBT = ("6 mois ? mais c'est pas 1 an quand c'est la 2eme fois en moins de 5 ans ? je l'avais rendu en mars 2022 la "
             "premiere fois je vous dis")


def rasa_mapped_slots(entities, domain, intent=None):
    """The slots Rasa 3.6 fills from a message's entities (test_what_if.mapped_slots takes the last value, as Rasa)."""
    return mapped_slots(entities, domain, intent)


def invalidated(domain, monkeypatch) -> Conversation:
    from tests.actions import conversation
    monkeypatch.setattr(conversation, "mapped_slots", rasa_mapped_slots)
    chat = Conversation(domain, "permis invalidé", "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        {"licence_status": "invalidated"}, today=TODAY)
    assert "À quelle date avez-vous rendu votre permis" in chat.reply, chat.reply
    return chat


def test_the_earlier_invalidation_told_in_the_story_makes_the_wait_a_year(domain, first_of_december, monkeypatch):
    # T32 c10: "je l'ai rendu le 15 juin 2026. c'est la 2eme fois, la 1ere fois je l'avais rendu en mars 2022" got
    # "à partir du 15 décembre 2026, 6 mois après": the earlier hand-back (March 2022) is within 5 years (R20)
    chat = invalidated(domain, monkeypatch)
    reply = chat.say(C10_HANDED_BACK, "inform", corrections.ActionApplyCorrection())
    assert "15 juin 2027" in reply and "15 décembre 2026" not in reply, reply
    assert chat.slots["licence_handed_back_date"] == "2026-06-15"  # (this licence's, not the earlier one's)


def test_a_year_doubted_after_an_invalidation_is_its_wait_not_the_single_point(domain, first_of_december, monkeypatch):
    # T32 c10: "6 mois ? mais c'est pas 1 an quand c'est la 2eme fois en moins de 5 ans ?" got the 1-point rule (LOPPSI
    # 2, R8): after an invalidation's answer the year doubted is R20's wait
    from actions import fallback
    chat = invalidated(domain, monkeypatch)
    chat.say(C10_HANDED_BACK, "inform", corrections.ActionApplyCorrection())
    tracker = chat.tracker(C10_DOUBT, "nlu_fallback")
    events, reply = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "LOPPSI" not in reply and "point retiré" not in reply, reply
    if not reply:  # (the fallback hands the message to the correction action, which Rasa runs next on the same turn)
        assert {"event": "followup", "name": "action_apply_correction", "timestamp": None} in events, events
        events, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "15 juin 2027" in reply and "LOPPSI" not in reply, reply
    assert [e["value"] for e in events if e.get("name") == "licence_handed_back_date"][-1:] in ([], ["2026-06-15"])


# --- T32 c32: B on 1 December 2024, A1 since 15 June 2022: the probation runs from the first category (R5, R.223-1)

C32 = ("Bonjour, je suis secrétaire dans une auto-école. Une ancienne élève a eu son permis B le 1er décembre 2024 mais "
       "elle avait déjà le permis AM/A1 depuis le 15 juin 2022. Elle me demande quand finit sa période probatoire et "
       "combien de points elle a, sans infraction.")


def test_the_probation_runs_from_the_first_category_told_first(domain, first_of_december, monkeypatch):
    # T32 c32: "10 points, probatoire jusqu'au 1er décembre 2027" (from the B): the A1 of 15 June 2022 told in the same
    # message starts the probation, whatever the category (R.223-1): over on 15 June 2025, 12 points (R5)
    from tests.actions import conversation
    monkeypatch.setattr(conversation, "mapped_slots", rasa_mapped_slots)
    assert [e["value"] for e in parsed(C32, TODAY) if e.get("role") == "licence"] == ["2024-12-01", "2022-06-15"]
    chat = start(domain, C32, "ask_probation", answers.ActionAnswerProbation())
    chat.slots.update(supervised_driving=False)
    reply = chat.say("Non", "deny", answers.ActionAnswerProbation())
    assert "1er décembre 2027" not in reply and "10 points" not in reply, reply
    assert "15 juin 2025" in reply and "12 points" in reply, reply
    from actions import fallback
    events, sources = run(fallback.ActionSuggestQuestions(),
                          chat.tracker("super merci, c'est quel article qui dit ça pour la premiere categorie ?",
                                       "nlu_fallback"), domain)
    assert "Article R.223-1 du Code de la route" in sources, sources


# --- T32 c28: "avec 9 points si je fais le stage aujourd'hui et demain j'en ai combien ?": the balance, not a loss

C28 = ("Salut ! Question rapide : j'ai fait un stage le 1er et 2 décembre 2025. On est le 1er décembre 2026, je peux en "
       "commencer un aujourd'hui ?")


def test_points_told_with_avec_before_a_stage_question_are_the_balance(domain, first_of_december):
    # T32 c28: read twice as "Si vous commettiez le 1er décembre 2026 une infraction qui retire 9 points"; 9 + 4 capped
    # at 12: 3 points, with effect on 3 December 2026 (R12, R13)
    from actions import fallback
    chat = Conversation(domain, C28, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "2025-12-01"}, today=TODAY)  # (Rasa's mapping for that intent)
    assert "le délai d'un an depuis le 1er décembre 2025 est écoulé" in chat.reply, chat.reply
    chat.say("j'ai 9 points. c'est écrit où exactement cette regle du date a date ? sur quel article ?", "nlu_fallback",
             fallback.ActionSuggestQuestions())
    for text in ["ok donc avec 9 points si je fais le stage aujourd'hui et demain j'en ai combien et a partir de quand ?",
                 "?? je parle du STAGE. stage du 1er au 2 decembre 2026, j'ai 9 points, combien apres ?"]:
        chat.slots["stage_first_day"] = "2026-12-01"  # (Rasa's mapping of the stage's day for ask_points_after_stage)
        reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
        assert "Si vous commettiez" not in reply and "retire 9 points" not in reply, reply
        assert "de 9 à 12 points" in reply or "form" in reply, reply


# --- T32 c27: a 48SI signed for by the wife on 20 November: the licence was due by 30 November (R19, R20)

C27 = ("Bonjour. Mon mari a eu une lettre 48SI le 20 novembre mais il était en déplacement, c'est moi qui ai signé "
       "l'accusé de réception. Il a fait un stage du 23 au 24 novembre, réservé avant. Est-ce que ça peut sauver son "
       "permis ? Il avait 2 points avant la dernière infraction (un feu rouge).")


def test_the_hand_back_day_of_a_48si_signed_for_is_computed(domain, first_of_december, monkeypatch):
    # T32 c27: the 10 days from the receipt (30/11/2026, passed) never said, even asked twice; "c'est sûr même si
    # c'est moi qui ai signé ?" got the red light's fine (R15 parameters, R19, R20)
    from tests.actions import conversation
    monkeypatch.setattr(conversation, "mapped_slots", rasa_mapped_slots)
    entities = parsed(C27, TODAY)
    assert {"entity": "date", "value": "2026-11-20", "start": 39, "end": 53, "role": "letter_48n"} in entities
    assert [e["value"] for e in entities if e.get("role") == "stage"] == ["2026-11-23"]  # (done, booked before)
    chat = Conversation(domain, C27, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        rasa_mapped_slots(entities, domain), today=TODAY)
    assert "Un stage ne peut donc plus sauver son permis" in chat.reply
    assert "au plus tard le 30 novembre 2026" in chat.reply, chat.reply
    reply = chat.say("c'est sûr meme si c'est moi qui ai signé et pas lui ? et il doit le rendre avant quelle date "
                     "exactement ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert "au plus tard le 30 novembre 2026" in reply and "accusé de réception a été signé" in reply, reply
    assert "Feu rouge" not in reply and "20 mars 2027" not in reply and "48N" not in reply
    reply = chat.say("avant quelle date il doit rendre son permis à la prefecture ?", "ask_zero_points",
                     answers.ActionAnswerZeroPoints())
    assert "au plus tard le 30 novembre 2026" in reply, reply


# --- T32 c24: "Le 30 novembre, donc avant-hier, elle a été contrôlée": the check's day, said once (R2, R15)

C24 = ("Bonjour, je suis la maman d'Inès, 18 ans. Elle a son permis depuis le 20 octobre 2025 (conduite accompagnée). "
       "Le 30 novembre, donc avant-hier, elle a été contrôlée à 0,25 mg par litre d'air expiré. Les gendarmes ont "
       "retenu son permis. Qu'est-ce qui va se passer pour ses points ?")


def test_a_day_said_again_as_avant_hier_is_the_offences_day_once():
    # T32 c24: "avant-hier" became a second date, and neither was the check's: its day was asked again
    dates = [e for e in parsed(C24, TODAY) if e["entity"] == "date"]
    assert [(e["value"], e.get("role")) for e in dates] == [("2025-10-20", "licence"), ("2026-11-30", "offence")]


def test_nothing_paid_with_a_relative_day_to_the_payment_question_is_not_a_payment(domain):
    # T32 c24: "rien payé, c'etait avant hier ! on a rien reçu" to "À quelle date avez-vous payé l'amende ?" got
    # "Impossible de répondre : le paiement … ne peut pas précéder la date de l'infraction" and the question again
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from actions.slot_values import NOT_PAID
    from tests.actions.conftest import make_tracker
    slots = {"licence_date": "2025-10-20", "supervised_driving": True, "complementary_training": False,
             "probation_offence": True, "offence_type": "alcohol", "offence_date": "2026-11-30"}
    text = "rien payé, c'etait avant hier ! on a rien reçu"
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots=slots, new_slots={"fine_payment_date": entities[0]["value"]},
                           requested_slot="fine_payment_date", form="probation_form", intent="inform", text=text,
                           entities=entities)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    said = [m.get("text") for m in dispatcher.messages]
    assert not any("Impossible" in (t or "") for t in said), said
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["fine_payment_date"] == NOT_PAID
    assert said == [forms.NOT_PAID_YET_REPLY]


# --- T32 c15: a phone in September "pas encore payé" after a point paid on 1 June: not established (R2, R8)

def test_an_offence_told_not_paid_is_not_paid_in_its_month(domain, first_of_december, monkeypatch):
    # T32 c15: "j'ai eu un téléphone au volant en septembre, je l'ai pas encore payé" got "l'infraction payée en
    # septembre 2026 … maximum de points le 30 septembre 2029" (the slot held June's payment), the same after "je l'ai
    # PAS payé": its fine is not paid, nothing is withdrawn yet, its clock runs from the payment to come
    from actions import fallback
    from tests.actions import conversation
    monkeypatch.setattr(conversation, "mapped_slots", rasa_mapped_slots)
    chat = Conversation(domain, "le 1er juin", "inform", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-06-01", "last_offence_points": 1, "offence_class": "c3"},
                        today=TODAY)
    assert "est revenu le 1er décembre 2026" in chat.reply
    tracker = chat.tracker("ah mais attendez j'ai eu un téléphone au volant en septembre, je l'ai pas encore payé. ça "
                           "change ?", "nlu_fallback")
    events, reply = run(fallback.ActionSuggestQuestions(), tracker, domain)
    if not reply:  # (the fallback hands the message to the correction action, which Rasa runs next on the same turn)
        events, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "payée en septembre" not in reply and "30 septembre 2029" not in reply, reply
    assert "pas encore établie" in reply and "ne revient pas le 1er décembre 2026" in reply, reply


def test_two_days_of_one_licence_are_no_categories():
    # (first_category_licence: "permis a été…" names no category; a correction of the day keeps its own reading)
    from actions.slot_values import first_category_licence
    told = [{"entity": "date", "role": "licence", "value": "2020-03-03"},
            {"entity": "date", "role": "licence", "value": "2020-03-05"}]
    assert first_category_licence({"text": "mon permis a été obtenu le 3 mars 2020, non le 5 mars", "entities": told}) \
        is None
    assert first_category_licence({"text": "permis B le 5 mars 2020, le A1 le 3 mars 2020", "entities": told}) == \
        "2020-03-03"
