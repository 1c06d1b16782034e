"""Short follow-ups read with the answer they follow (actions/follow_ups.py)."""
from __future__ import annotations

import pytest

from actions import follow_ups, informational
from tests.actions.conftest import make_tracker

PHONE_ANSWER = ("Téléphone tenu en main, oreillette ou casque : retrait de 3 points (contravention de 4e classe).\n"
                "- Amende forfaitaire : 135 € (service-public.fr, fiche F1685).\n"
                "- Sans nouvelle infraction, le délai de récupération totale est de 3 ans.")


def after(answer_action: str, bot_text: str, text: str, intent: str = "ask_stage_info"):
    history = [{"event": "user", "text": "la question d'avant"},
               {"event": "action", "name": answer_action},
               {"event": "bot", "text": bot_text},
               {"event": "action", "name": "action_listen"}]
    return make_tracker(text=text, intent=intent, history=history)


@pytest.mark.parametrize("text", ["et ca coute combien ?", "et ça coûte combien ?", "c'est cher ?", "combien ?"])
def test_the_price_after_an_offence_is_its_fine(text):
    tracker = after("action_answer_offence_points", PHONE_ANSWER, text)
    assert follow_ups.answer_in_context(tracker) == \
        "Pour cette infraction : amende forfaitaire : 135 € (service-public.fr, fiche F1685)."


@pytest.mark.parametrize("text", ["c'est gratuit ?", "et en ligne ?", "c payant ?"])
def test_price_or_online_after_the_balance_answer_is_the_free_teleservice(text):
    tracker = after("action_answer_check_balance", informational.HOW_TO_CHECK_BALANCE, text, intent="nlu_fallback")
    assert follow_ups.answer_in_context(tracker) == follow_ups.BALANCE_SERVICE_FREE


@pytest.mark.parametrize("previous, text", [
    ("action_answer_offence_points", "et le stage ça coûte combien ?"),  # names its topic: the stage's price
    ("action_answer_offence_points", "combien de points pour un feu rouge ?"),
    ("action_answer_stage_eligibility", "et ça coûte combien ?"),  # no follow-up known after this answer
    (None, "et ça coûte combien ?"),  # nothing answered before
])
def test_other_messages_are_not_follow_ups(previous, text):
    tracker = after(previous, PHONE_ANSWER, text) if previous else make_tracker(text=text, intent="ask_stage_info")
    assert follow_ups.answer_in_context(tracker) is None


def test_the_stage_info_answer_uses_the_context_then_the_part_asked():
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    informational.answer_stage_info(dispatcher, after("action_answer_offence_points", PHONE_ANSWER, "et ça coûte combien ?"))
    assert "135 €" in dispatcher.messages[0]["text"]
    dispatcher = CollectingDispatcher()
    informational.answer_stage_info(dispatcher, make_tracker(text="le stage se fait en ligne ?", intent="ask_stage_info"))
    assert dispatcher.messages[0]["text"].startswith("Non, le stage ne se fait pas en ligne")


@pytest.mark.parametrize("text, starts", [
    ("c'est combien un stage ?", "Le prix est fixé librement"),
    ("paiement en 4 fois possible ?", "Le prix est fixé librement"),
    ("c faisable depuis la maison ?", "Non, le stage ne se fait pas en ligne"),
    ("je prends quoi avec moi ?", "Apportez votre permis"),
    ("jpeux annuler ou pas", "Annulation ou report"),
    ("combien de temps ça dure ?", "Le stage dure 2 jours"),
    ("et il y a un examen à la fin ?", "Le stage est animé"),
    ("je peux le faire dans un autre département ?", "Vous pouvez faire le stage"),
    # tester Y: these got the whole card
    ("ya des stages pres de chez moi ? jsuis a lyon", "Vous pouvez faire le stage"),
    ("ou est ce que je peux trouver la liste des centres agréés ?", "Vous pouvez faire le stage"),
    ("comment je m'inscris a un stage ?", "Inscrivez-vous directement"),
    ("c'est combien d'heures en tout", "Le stage dure 2 jours"),
    ("faut amener quoi le jour du stage", "Apportez votre permis"),
    ("je peux le faire de chez moi ?", "Non, le stage ne se fait pas en ligne"),
    ("c'est quoi un stage de récupération ?", "Le stage de sensibilisation"),  # nothing precise: the whole card
    ("combien ça coûte et ça dure combien de temps ?", "Le stage de sensibilisation"),  # two parts: the card
    # T6 n034: whether the two days must follow each other (R11, R.223-5)
    ("les 2 jours du stage doivent être consécutifs ?", "Oui : le stage se fait sur 2 jours consécutifs"),
    ("le stage peut se faire sur deux week-ends ?", "Oui : le stage se fait sur 2 jours consécutifs"),
    ("on peut faire le premier jour un samedi et le deuxième jour le samedi d'après ?",
     "Oui : le stage se fait sur 2 jours consécutifs"),
    ("faut-il faire les deux jours d'affilée ?", "Oui : le stage se fait sur 2 jours consécutifs"),
    ("je peux payer le stage en 2 fois ?", "Le prix est fixé librement"),
    ("je peux séparer les deux jours ?", "Oui : le stage se fait sur 2 jours consécutifs"),
    ("un jour de stage en mai et l'autre en juin, ça marche ?", "Oui : le stage se fait sur 2 jours consécutifs"),
])
def test_a_practical_question_gets_its_part_of_the_stage_card(text, starts):
    assert informational.stage_info_for(text).startswith(starts)


@pytest.mark.parametrize("text, intent", [("et l'amende ?", "ask_refund_48n"), ("l'amende c'est combien ?", "ask_refund_48n")])
def test_the_fine_asked_after_an_offence_is_its_fine_not_the_48n_refund(text, intent):
    tracker = after("action_answer_offence_points", PHONE_ANSWER, text, intent=intent)
    assert "135 €" in follow_ups.answer_in_context(tracker)


def test_a_new_offence_named_is_not_a_follow_up():
    tracker = after("action_answer_offence_points", PHONE_ANSWER, "et pour un feu rouge ça coûte combien ?")
    tracker.latest_message["entities"] = [{"entity": "offence_type", "value": "red_light"}]
    assert follow_ups.answer_in_context(tracker) is None


def test_a_follow_up_that_opens_a_form_is_answered_without_questions(domain):
    # "et l'amende ?" read as the 48N refund question: the refund form asks nothing, its answer gives the fine
    from actions import answers, forms
    from tests.actions.test_answers import run as run_action
    from tests.actions.test_forms import run as run_validation
    tracker = after("action_answer_offence_points", PHONE_ANSWER, "et l'amende ?", intent="ask_refund_48n")
    tracker.active_loop = {"name": "refund_48n_form"}  # as Rasa calls the validation on activation
    slots, messages = run_validation(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["requested_slot"] is None and messages == []
    _, text = run_action(answers.ActionAnswerRefund48n(), tracker, domain)
    assert text.startswith("Pour cette infraction : amende forfaitaire : 135 €")


DEADLINE_ANSWER = ("Vous devez terminer le stage obligatoire au plus tard le 3 février 2027 (4 mois après la réception "
                   "de la lettre 48N le 3 octobre 2026) (article R.223-4 du Code de la route).\n"
                   "- Sinon : contravention de 4e classe (article R.223-4 du Code de la route).")


@pytest.mark.parametrize("text", ["c'est quoi la date limite pour le stage alors ?", "je dois le faire avant quand ?",
                                  "jusqu'a quand ?"])
def test_the_deadline_after_the_48n_answer_is_its_line(text):
    tracker = after("action_answer_mandatory_stage", DEADLINE_ANSWER, text)
    assert follow_ups.answer_in_context(tracker).startswith("La date limite est le 3 février 2027 : le stage")


def test_the_deadline_after_the_48n_letter_answer_is_the_one_it_gave():
    letter = ("La lettre 48N (recommandée avec avis de réception) vous oblige, en période probatoire, à suivre un stage "
              "dans les 4 mois après sa réception, soit au plus tard le 1er mars 2027 (article R.223-4 du Code de la "
              "route).")
    tracker = after("action_answer_letter", letter, "c'est quoi la date limite pour le stage alors ?")
    assert follow_ups.answer_in_context(tracker).startswith("La date limite est le 1er mars 2027")


@pytest.mark.parametrize("text", ["c'est sûr ?", "vous etes sur ?", "t'es certain ?", "mais c'est vraiment sûr ?"])
def test_how_sure_after_an_answer_names_the_articles_it_applied(text):
    tracker = after("action_answer_mandatory_stage", DEADLINE_ANSWER, text, intent="affirm")
    reply = follow_ups.answer_in_context(tracker)
    assert reply.startswith("Ce résultat applique l'article R.223-4 du Code de la route")
    assert "Mes Points Permis" in reply


def test_how_sure_with_no_answer_before_is_not_a_follow_up():
    assert follow_ups.answer_in_context(make_tracker(text="c'est sûr ?", intent="affirm")) is None


@pytest.mark.parametrize("text, expected", [("et pour le portable ?", True), ("et avec le téléphone ?", True),
                                            ("et le stage pour un feu rouge ça coûte combien ?", False),
                                            ("ok merci", False)])
def test_a_new_offence_named_in_a_short_follow_up_is_its_question(text, expected):
    from tests.actions.conftest import parsed
    tracker = after("action_answer_offence_points", PHONE_ANSWER, text)
    tracker.latest_message["entities"] = parsed(text)
    assert follow_ups.new_subject_in_context(tracker) is expected


@pytest.mark.parametrize("text", ["et si je le fais pas ?", "et sinon ?", "si je le rate ?", "et s'il ne le fait pas ?"])
def test_if_the_48n_stage_is_not_done_after_its_answer_is_its_line(text):
    answer = ("Vous devez terminer le stage obligatoire au plus tard le 3 février 2027 (4 mois après la réception de la "
              "lettre 48N le 3 octobre 2026) (article R.223-4 du Code de la route).\n"
              "- Sans stage terminé le 3 février 2027 : contravention de 4e classe (135 €, jusqu'à 750 €), suspension "
              "possible du permis jusqu'à 3 ans, et l'amende de l'infraction ne sera pas remboursée (article R.223-4 "
              "du Code de la route).")
    tracker = after("action_answer_mandatory_stage", answer, text, intent="deny")
    assert follow_ups.answer_in_context(tracker).startswith("Sans stage terminé le 3 février 2027 : contravention")


@pytest.mark.parametrize("text", ["donc je fais quoi ?", "du coup il fait quoi ?", "que faire ?", "et concrètement on fait quoi"])
def test_what_to_do_after_an_answer_is_its_result(text):
    tracker = after("action_answer_mandatory_stage", DEADLINE_ANSWER, text, intent="help")
    assert follow_ups.answer_in_context(tracker) == "En résumé : vous devez terminer le stage obligatoire au plus tard " \
        "le 3 février 2027 (4 mois après la réception de la lettre 48N le 3 octobre 2026) (article R.223-4 du Code de " \
        "la route)."


PROBATION_ANSWER = ("Votre solde est aujourd'hui de 7 points sur 10 : 3 points retirés (article L.223-1 du Code de la route).\n"
                    "- Votre permis est probatoire jusqu'au 1er décembre 2026.")


@pytest.mark.parametrize("text", ["et j'ai combien de points ?", "donc j'ai combien maintenant", "il m'en reste combien du coup ?"])
def test_the_balance_asked_again_after_an_answer_that_computed_it_is_its_line(text):
    tracker = after("action_answer_probation", PROBATION_ANSWER, text, intent="ask_check_balance")
    assert follow_ups.answer_in_context(tracker) == PROBATION_ANSWER.splitlines()[0]


def test_the_balance_asked_after_the_how_to_check_answer_is_not_its_price():
    tracker = after("action_answer_check_balance", informational.HOW_TO_CHECK_BALANCE, "donc j'ai combien maintenant",
                    intent="ask_check_balance")
    assert follow_ups.answer_in_context(tracker) is None


@pytest.mark.parametrize("text", ["combien de points j'aurai après mon stage ?", "et si je fais un stage j'ai combien ?",
                                  "je récupère mes points quand ?"])
def test_a_new_balance_question_after_an_answer_is_not_its_balance_line(text):
    assert follow_ups.answer_in_context(after("action_answer_probation", PROBATION_ANSWER, text)) is None


@pytest.mark.parametrize("text", ["et l'amende je la récupère ?", "l'amende est remboursée ?", "je serai remboursé ?"])
def test_the_fine_after_a_voluntary_stage_answer_is_not_refunded(text):
    tracker = after("action_answer_points_after_stage", "Le stage vous rend 4 points.", text, intent="ask_refund_48n")
    assert follow_ups.answer_in_context(tracker) == follow_ups.VOLUNTARY_STAGE_NO_REFUND
    tracker.slots["letter_48n_date"] = "2026-11-02"  # a 48N told: the refund question is its own
    assert follow_ups.answer_in_context(tracker) is None


@pytest.mark.parametrize("text", ["et si je conteste ?", "je peux contester ?", "et si je fais une requête en exonération"])
def test_contesting_after_an_offence_answer_says_when_the_points_go(text):
    assert follow_ups.answer_in_context(after("action_answer_offence_points", PHONE_ANSWER, text)) == \
        follow_ups.CONTESTED_OFFENCE


def test_the_fine_of_a_delit_after_its_answer_is_the_tribunal_s():
    answer = ("Alcool au volant (délit, 0,8 g/l ou plus, ou ivresse manifeste) : retrait de 6 points (délit).\n"
              "- Pour un délit, le montant de l'amende est fixé par le tribunal ou par une amende forfaitaire délictuelle "
              "quand elle existe (service-public.fr, fiche F1685).")
    tracker = after("action_answer_offence_points", answer, "et l'amende ?", intent="ask_refund_48n")
    assert follow_ups.answer_in_context(tracker).startswith("Pour cette infraction : pour un délit, le montant")


@pytest.mark.parametrize("text", ["et j'aurai 12 quand ?", "je serai à 12 quand", "et quand j'aurai mes 12 ?"])
def test_when_12_after_an_answer_that_gave_it_is_that_line(text):
    answer = ("Sans infraction depuis votre permis, votre solde est aujourd'hui de 9 points.\n"
              "- À la fin de la période probatoire, le 20 juin 2027, votre permis aura 12 points si vous ne commettez "
              "pas d'infraction (article L.223-1 du Code de la route).")
    tracker = after("action_answer_probation", answer, text, intent="ask_auto_recovery")
    assert follow_ups.answer_in_context(tracker) == answer.splitlines()[1].lstrip("- ")


PHONE_ANSWER_WITH_MINOREE = PHONE_ANSWER.replace(
    "Amende forfaitaire : 135 € (service-public.fr, fiche F1685).",
    "Amende forfaitaire : 135 € ; 90 € (amende minorée) si vous la payez dans les 15 jours, quand l'avis le prévoit "
    "(service-public.fr, fiche F1685).")


@pytest.mark.parametrize("text", ["et si je paye vite ?", "si je paie tout de suite ?", "et en payant rapidement ?",
                                  "c'est quoi l'amende minorée ?"])
def test_paying_fast_after_an_offence_is_its_minoree_and_what_paying_means(text):
    reply = follow_ups.answer_in_context(after("action_answer_offence_points", PHONE_ANSWER_WITH_MINOREE, text))
    assert reply.startswith("Amende forfaitaire : 135 € ; 90 € (amende minorée)")
    assert "les points sont retirés à la date du paiement" in reply and "L.223-1" in reply


PROBATION_ANSWER = (
    "Votre solde est aujourd'hui de 6 points sur 8 (article L.223-1 du Code de la route).\n"
    "- Le plafond reste à 8 points : une infraction commise pendant la période probatoire arrête les "
    "majorations annuelles (article L.223-1 du Code de la route).\n"
    "- Le stage obligatoire est à faire au plus tard le 1er avril 2027 (article R.223-4 du Code de la route).\n"
    "Ce calcul est une estimation.")


def test_why_after_an_answer_gives_its_reasons_those_naming_the_number_first():
    reply = follow_ups.answer_in_context(after("action_answer_probation", PROBATION_ANSWER, "pourquoi 8 et pas 12 ?"))
    assert reply.startswith("Voici sur quoi repose ce résultat :")
    assert "Le plafond reste à 8 points" in reply and "1er avril 2027" not in reply
    plain = follow_ups.answer_in_context(after("action_answer_probation", PROBATION_ANSWER, "pourquoi ?"))
    assert "1er avril 2027" in plain and "estimation" not in plain


def test_why_after_an_answer_without_reasons_or_a_why_question_of_its_own_is_not_a_follow_up():
    assert follow_ups.answer_in_context(after("action_answer_probation", "Bonjour !", "pourquoi ?")) is None
    assert follow_ups.answer_in_context(after("action_answer_probation", PROBATION_ANSWER,
                                              "pourquoi je perds des points ?")) is None


INVALIDATION_ANSWER = ("Votre permis est invalidé.\n- La lettre 48SI vous notifie l'invalidation du permis : vous ne "
                       "pouvez plus conduire et devez le remettre à la préfecture dans les 10 jours, soit au plus tard "
                       "le 11 décembre 2026 (le refus est puni de 2 ans de prison et 4 500 € d'amende) (article L.223-5).")


def test_the_prefecture_after_a_48si_answer_is_handing_the_licence_back():
    reply = follow_ups.answer_in_context(after("action_answer_letter", INVALIDATION_ANSWER, "je dois aller en préfecture ?"))
    assert reply.startswith("Oui, dans votre cas : la lettre 48SI") and "11 décembre 2026" in reply


@pytest.mark.parametrize("text", ["je l'ai rendu le 10 novembre à la préfecture", "permis remis en prefecture hier",
                                  "j'ai déposé mon permis à la préfecture"])
def test_a_licence_handed_back_at_the_prefecture_is_a_fact_not_a_question(text):
    # tester T3 c17: "je l'ai rendu le 10 novembre" got "Oui, dans votre cas : … rendez votre permis … dans les 10 jours"
    assert follow_ups.answer_in_context(after("action_answer_letter", INVALIDATION_ANSWER, text)) is None


@pytest.mark.parametrize("bot_text", [PHONE_ANSWER, "Vous pouvez faire le stage dans un centre agréé par une préfecture."])
def test_the_prefecture_otherwise_is_no_step_for_points(bot_text):
    reply = follow_ups.answer_in_context(after("action_answer_offence_points", bot_text, "faut aller en prefecture ?"))
    assert reply == follow_ups.NO_PREFECTURE_FOR_POINTS


def test_the_refund_after_an_eligibility_answer_with_a_48n_told_is_not_the_voluntary_stage_s():
    # R17: a 48N received after a voluntary stage; the compulsory stage gives no points within the year, but the fine
    # is still refunded: "non, un stage volontaire ne rend pas l'amende" would be wrong
    tracker = after("action_answer_stage_eligibility", "Un stage ne vous rendra des points qu'à partir du 2 juin 2027.",
                    "et je serai remboursé ?")
    tracker.events.insert(0, {"event": "user", "text": "48N reçue le 15/11/2026", "parse_data": {
        "entities": [{"entity": "letter_code", "value": "48N"}]}})
    assert follow_ups.answer_in_context(tracker) != follow_ups.VOLUNTARY_STAGE_NO_REFUND


def test_the_deadline_after_any_answer_that_gave_one_is_that_date():
    answer = ("Vous devez terminer le stage obligatoire au plus tard le 15 mars 2027 (4 mois après la réception de la "
              "lettre 48N le 15 novembre 2026).")
    reply = follow_ups.answer_in_context(after("action_answer_stage_eligibility", answer, "je dois le faire avant quand ?"))
    assert reply.startswith("La date limite est le 15 mars 2027")


def test_why_a_delay_picks_the_line_naming_it():
    answer = ("Sans nouvelle infraction, votre permis retrouvera son maximum de points le 3 octobre 2029 (article "
              "L.223-6 du Code de la route).\n- Le délai est de 3 ans à cause d'une contravention de 4e classe "
              "(article L.223-6 du Code de la route).\n- Solde aujourd'hui : 6 points (article L.223-6 du Code de la "
              "route).")
    reply = follow_ups.answer_in_context(after("action_answer_auto_recovery", answer, "pourquoi 3 ans et pas 2 ?"))
    assert "Le délai est de 3 ans" in reply and "Solde aujourd'hui" not in reply


def test_a_follow_up_of_an_answer_given_by_the_correction_action_is_read_with_it():
    # "j'ai grillé un feu rouge payé le 4 octobre" read as a fact: the correction action answered the offence question
    answer = ("Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points (contravention de 4e classe).\n"
              "- Sans nouvelle infraction, le délai de récupération totale est de 3 ans (article L.223-6 du Code de la "
              "route).")
    history = [{"event": "user", "text": "j'ai grillé un feu rouge"},
               {"event": "action", "name": "action_apply_correction"},
               {"event": "bot", "text": answer},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
               {"event": "action", "name": "action_listen"}]
    reply = follow_ups.answer_in_context(make_tracker(text="pourquoi 3 ans ?", intent="ask_letter", history=history))
    assert reply.startswith("Voici sur quoi repose ce résultat :") and "3 ans" in reply


@pytest.mark.parametrize("text, starts", [
    ("je peux faire un stage pendant ma suspension ?", "Un permis suspendu ou retenu n'est pas invalidé"),
    ("retention du permis c'est combien de temps ?", "Lors d'un contrôle"),
    ("les flics m'ont retenu le permis hier soir pour 45 km/h au dessus, ca se passe comment ?", "Lors d'un contrôle"),
    ("mon permis est suspendu, je peux conduire ?", "Non : tant que la suspension"),
    ("c'est quoi la difference entre suspension et invalidation", "Une suspension interdit de conduire"),
    # tester T1 c33: the whole card, the stage's part first; the retention's part tells both
    ("c quoi la difference entre retention et suspension du permis", "Lors d'un contrôle"),
    ("suspension ou annulation c'est pareil ?", "Une suspension interdit de conduire"),
    ("suspension de permis", "Un permis suspendu ou retenu n'est pas invalidé"),  # nothing precise: the card
    # tester T4 m127: the suspension itself costs no point
    ("Suspension de permis de 2 mois, est-ce que je perds des points en plus ?", "Non : la suspension (ou la rétention) ne retire"),
    ("on m'a retiré le permis pour 3 mois, ça m'enlève des points aussi ?", "Non : la suspension (ou la rétention) ne retire"),
    ("suspendu 6 mois, ca coute combien de points la suspension", "Non : la suspension (ou la rétention) ne retire"),
])
def test_a_suspension_question_gets_its_part_of_the_card(text, starts):
    # tester Y: all of these got the paragraph about a stage during a suspension
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    informational.answer_suspension(dispatcher, make_tracker(text=text, intent="ask_suspension"))
    answer = dispatcher.messages[0]["text"]
    assert answer.startswith(starts)
    if "combien de temps" in text:
        assert "72 heures" in answer and "L.224-1" in answer


@pytest.mark.parametrize("text", ["retention de permis + stage possible?", "suspension de permis",
                                  "Est-ce que je peux récupérer des points avec un stage pendant que mon permis est "
                                  "retenu par les gendarmes et c'est long combien de temps ?"])
def test_the_card_tells_the_driving_rule_without_answering_no_to_an_unasked_question(text):
    # tester T4 m117, m119: "- Non : tant que la suspension…" read as "no" right after "vous pouvez… suivre un stage"
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    informational.answer_suspension(dispatcher, make_tracker(text=text, intent="ask_suspension"))
    answer = dispatcher.messages[0]["text"]
    assert "Non :" not in answer and "vous pouvez en principe suivre un stage" in answer


SERIOUS_EXCESS_ANSWER = (
    "Excès de 60 km/h (150 km/h retenus pour 90 km/h autorisés) : retrait de 6 points (délit) (article L.413-1 du "
    "Code de la route).\n- Amende forfaitaire délictuelle : 300 € (décret n° 2025-1269 du 22 décembre 2025).")


@pytest.mark.parametrize("text", ["c'est un délit ?", "c'est considéré comme un délit ?", "et je vais passer au tribunal ?"])
def test_delit_or_not_after_an_offence_answer_reads_its_class(text):
    # tester Y: these fell back after a serious excess (R4: a délit since 29 December 2025)
    reply = follow_ups.answer_in_context(after("action_answer_offence_points", SERIOUS_EXCESS_ANSWER, text))
    assert reply.startswith("Oui : c'est un délit") and "amende forfaitaire délictuelle : 300 €" in reply
    reply = follow_ups.answer_in_context(after("action_answer_offence_points", PHONE_ANSWER, text))
    assert reply.startswith("Non : c'est une contravention de 4e classe, pas un délit.")


def _after(answer_action: str, bot_text: str, text: str, intent: str = "out_of_scope"):
    history = [{"event": "user", "text": "question"}, {"event": "action", "name": answer_action},
               {"event": "bot", "text": bot_text},
               {"event": "slot", "name": "last_question", "value": answer_action},
               {"event": "action", "name": "action_listen"}]
    return make_tracker(text=text, intent=intent, history=history)


_CYCLIST = ("Infraction à vélo : aucun point n'est retiré sur votre permis (service-public.fr, fiche F20443).\n"
            "- Les infractions commises à vélo, en trottinette, à pied, ou payées par le titulaire de la carte grise "
            "sans désigner le conducteur ne retirent pas de points (service-public.fr, fiche F20443).")


@pytest.mark.parametrize("text", ["et en trottinette électrique ?", "et à pied ?", "pareil en gyroroue ?"])
def test_another_way_without_a_licence_after_a_cyclist_answer_gets_no_points_either(text):
    # tester T3 c33: "et en trottinette électrique ?" was out of scope, though the answer itself covered it (R21 ex. 1)
    from actions.fallback import ActionOutOfScope
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    ActionOutOfScope().run(dispatcher, _after("action_answer_offence_points", _CYCLIST, text), {})
    assert dispatcher.messages[0]["text"].startswith("Non plus : les infractions commises à vélo, en trottinette")


def test_out_of_scope_without_a_context_gets_the_polite_refusal():
    from actions.fallback import ActionOutOfScope
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    ActionOutOfScope().run(dispatcher, make_tracker(text="il fait beau demain ?", intent="out_of_scope"), {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_out_of_scope"]


@pytest.mark.parametrize("previous", ["action_answer_retrait_timing", "action_answer_offence_points"])
@pytest.mark.parametrize("text", ["et si je paie pas du tout ?", "et si je la paye jamais ?", "si je ne la paie pas"])
def test_a_fine_never_paid_still_costs_the_points_at_the_titre_executoire(previous, text):
    # tester T3 c60 (R2 example 2): the points go when the titre exécutoire of the majorée is issued
    reply = follow_ups.answer_in_context(_after(previous, "Les points ne sont retirés ni le jour de l'infraction…",
                                                text, "nlu_fallback"))
    assert reply.startswith("Ne pas payer n'évite pas le retrait") and "titre exécutoire" in reply
    assert "L.223-1" in reply


@pytest.mark.parametrize("text", ["et si j'ai pas franceconnect ?", "j'ai pas internet", "je peux le savoir par courrier ?"])
def test_checking_the_balance_without_franceconnect(text):
    # tester T3 c18: the same paragraph came back; FranceConnect opens with an account the user already has
    reply = follow_ups.answer_in_context(_after("action_answer_check_balance", "Pour connaître votre solde…", text,
                                                "ask_check_balance"))
    assert reply.startswith("FranceConnect s'ouvre avec un compte") and "France Services" in reply


@pytest.mark.parametrize("text, starts, also", [
    # tester T4 m095–m098: the part of the zero-points card asked, not the whole card (R18, R20)
    ("permis invalidé pour la 2e fois en 3 ans, délai ?", "Pour une deuxième perte totale", "un an"),
    ("c'est la deuxieme fois que je perds tous mes points, je dois attendre combien ?", "Pour une deuxième perte totale",
     "L.223-5"),
    ("visite medicale après invalidation", "Après une invalidation, un examen médical", "à vos frais"),
    ("faut passer devant la commission medicale pour repasser le permis ?", "Après une invalidation, un examen médical",
     "L.223-5"),
    ("je suis à 0 point mais j'ai pas encore reçu de lettre, je peux conduire ?", "Oui : à 0 point, votre permis reste",
     "n° 461479"),
    ("0 pts et pas encore eu la 48si, mon permis est encore valable ?", "Oui : à 0 point, votre permis reste",
     "4 points"),
    ("solde négatif -2 je peux sauver mon permis ?", "Oui, si le stage est terminé avant", "-2 + 4 = 2 points"),
    ("je suis a moins 3 points, un stage peut me sauver ?", "Oui, si le stage est terminé avant", "-3 + 4 = 1 point"),
    ("j'ai -5 points, je peux sauver mon permis ?", "Non : avec un solde calculé de -5", "inférieur à -3"),
    # not collected at the post office: notified (R18), never "still valid"
    ("je n'ai pas récupéré la lettre 48SI à la poste et je l'ai pas reçue, je peux conduire ?", "À 0 point", ""),
    ("que se passe-t-il à 0 point ?", "À 0 point, votre permis perd sa validité", "48SI"),
    # T6 n030: a registered letter not collected, not named: if it is the 48SI, it is notified (CE 2025)
    ("zero point, le facteur a laissé un avis de passage pour un recommandé il y a 3 jours, je l'ai pas encore "
     "retiré, je peux encore faire un stage ?", "Attention : si ce recommandé est la lettre 48SI", "n° 492072"),
    # T4 m148: the card lost, not the points
    ("j'ai perdu mon permis dans le train, je fais comment ?", "Si c'est la carte de votre permis", "ANTS"),
    ("on m'a volé mon permis avec mon portefeuille", "Si c'est la carte de votre permis", "gendarmerie"),
    ("j'ai perdu mon permis de conduire dans le train, je fais comment ?", "Si c'est la carte de votre permis", "ANTS"),
    ("j'ai perdu mon permis à cause des points, je fais quoi ?", "À 0 point", "48SI"),
])
def test_a_zero_points_question_gets_its_part_of_the_card(text, starts, also):
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    informational.answer_zero_points(dispatcher, make_tracker(text=text, intent="ask_zero_points"))
    answer = dispatcher.messages[0]["text"]
    assert answer.startswith(starts) and also in answer


def test_a_follow_up_answered_by_another_question_s_action_keeps_the_thread():
    # tester T5 c60: "et si je conteste ?" read as the refund question was answered in context by the refund action,
    # which then stood as the answer followed; "et si je paie pas du tout ?" was no longer read with R2's answer
    from rasa_sdk.executor import CollectingDispatcher
    from actions.answers import ActionAnswerRefund48n
    first = "Les points ne sont retirés ni le jour de l'infraction… (article L.223-1 du Code de la route)."
    tracker = _after("action_answer_retrait_timing", first, "et si je conteste l'amende ?", "ask_refund_48n")
    dispatcher = CollectingDispatcher()
    events = ActionAnswerRefund48n().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Tant que l'infraction est contestée")
    history = tracker.events + [{"event": "action", "name": "action_answer_refund_48n"},
                                {"event": "bot", "text": dispatcher.messages[0]["text"]}, *events,
                                {"event": "action", "name": "action_listen"}]
    third = make_tracker(text="et si je paie pas du tout ?", intent="nlu_fallback", history=history)
    assert follow_ups.answer_in_context(third).startswith("Ne pas payer n'évite pas le retrait")


@pytest.mark.parametrize("text, recorded", [
    ("J'ai reçu une lettre 48 m'informant d'un retrait de 4 points, est ce que je peux les récupérer par un stage ?", True),
    ("j'ai eu la 48M pour mes 4 points de feu rouge, un stage ?", True),
    ("je vais recevoir une lettre 48 pour mes 4 points, un stage ?", False),
])
def test_a_retrait_letter_received_tells_a_retrait_already_recorded(text, recorded):
    # tester T6 r025: "le retrait de 4 points pas encore enregistré sera déduit après le stage : solde final 8" after
    # a lettre 48 received: the letter says the retrait is recorded (R19), the stage gives 8 -> 12
    from actions.answers import _retrait_letter_received
    from tests.actions.conftest import user_said
    tracker = make_tracker(text="8", history=[user_said(text, "ask_points_after_stage")])
    assert _retrait_letter_received(tracker) is recorded
