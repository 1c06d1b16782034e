"""Law answers that were wrong or missing for an outside tester (T15, 1 December 2026): the penalty of driving despite
an invalidation (L.224-16, R20), supervised driving after an invalidation (R5, R.211-5), ..."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import told

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


# --- c38: "j'ai conduit alors que mon permis était invalidé, je risque quoi ?" got the invalidation's waiting card

@pytest.mark.parametrize("text", [
    "jai conduit alor que mon permi etait invalider, jrisque koi",  # the tester's
    "CONDUIRE avec un permis invalidé, c'est quoi la peine ?",
    "mon permis a été invalidé et j'ai quand même roulé ce matin, c'est grave ?",
    "qu'est-ce qu'on encourt si on conduit malgré une 48SI ?",
])
def test_driving_despite_the_invalidation_gets_the_penalty_of_l224_16(text, domain):
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert answer.startswith("Conduire alors que l'invalidation de votre permis vous a été notifiée")
    assert "jusqu'à 2 ans d'emprisonnement et 4 500 € d'amende (article L.224-16 du Code de la route)" in answer
    assert "confiscation du véhicule" in answer and "retire aussi 6 points" in answer
    # (the 48SI's receipt not told: before it, the licence was still valid, R18)
    assert "Avant la notification de la lettre 48SI, en revanche, votre permis restait valable" in answer
    assert "Vous pourrez obtenir un nouveau permis" not in answer  # not the waiting card


def test_driving_after_the_48si_told_is_said_of_that_letter(domain):
    text = "non mais g deja recu la 48SI en septembre et jai quand meme conduit hier, je risque quoi comme sanction"
    tracker = told(domain, text, "ask_zero_points", today=DAY)
    assert tracker.get_slot("letter_48n_date") == "2026-09"
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert answer.startswith("Vous avez reçu la lettre 48SI en septembre 2026 : depuis, votre permis n'est plus "
                             "valable. Conduire alors que")
    assert "2 ans d'emprisonnement et 4 500 € d'amende" in answer
    assert "restait valable" not in answer


def test_may_i_drive_before_the_48si_is_not_the_penalty(domain):
    text = "je peux encore conduire en attendant la 48SI ?"
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert "L.224-16" not in answer


# --- c40: "je peux faire la conduite accompagnée pour avoir 12 points en 2 ans ?" after an invalidation

@pytest.mark.parametrize("text", [
    "Bjr, jai perdu mon permis (invalidation) l'an dernier, je vais le repasser. Je peux faire la conduite "
    "accompagnee pour avoir mes 12 points en 2 ans au lieu de 3 ?",  # the tester's
    "ma question c'est la conduite accompagnee (AAC) : c'est possible apres une invalidation ?",
    "après mon invalidation, est-ce que j'ai le droit de repasser le permis en AAC ?",
])
def test_supervised_driving_is_not_open_after_an_invalidation(text, domain):
    _, answer = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today=DAY), domain)
    assert answer.startswith("Non : la conduite accompagnée (apprentissage anticipé de la conduite) n'est pas ouverte "
                             "pour repasser le permis après une invalidation")
    assert "(article R.211-5 du Code de la route)" in answer
    assert "permis probatoire de 3 ans : 6 points au départ" in answer
    assert "selon notre lecture, elle ne la raccourcit pas après une invalidation" in answer  # R6 edge case


def test_supervised_driving_asked_again_after_the_invalidation_answer(domain):
    # the tester's third turn, read as nlu_fallback: "C'est noté. Quelle est votre question ?"
    text = "oui ou non pour la conduite accompagnee ??"
    tracker = make_tracker(slots={"licence_status": "invalidated", "last_question": "action_answer_zero_points"},
                           intent="nlu_fallback", text=text, entities=parsed(text, DAY),
                           history=[{"event": "bot", "text": "Vous pouvez obtenir un nouveau permis depuis le 30 "
                                                             "septembre 2025…"}])
    _, answer = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert answer.startswith("Non : la conduite accompagnée")


# --- c05: this licence handed back 10/11/2026, then "j'avais déjà eu une invalidation, rendu le 3 mars 2023": the
# 2023 day is the previous total loss (1 year from THIS hand-back, R20 example 2), not a correction of this one's

C05_FIRST = ("J'ai recu une lettre 48SI, j'ai plus de points. J'ai rendu mon permis a la prefecture le 10 novembre "
             "2026. Je l'avais depuis 2012. Je peux le repasser quand ?")
C05_SLOTS = {"licence_date": "2012", "current_balance": 0, "licence_handed_back_date": "2026-11-10",
             "letter_code": "48SI", "licence_status": "invalidated", "last_question": "action_answer_zero_points"}


def _said(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": parsed(text, DAY)}}


@pytest.mark.parametrize("earlier", [
    "ah et j'avais deja eu une invalidation en 2023, j'avais rendu le permis le 3 mars 2023. ca change quelque chose ?",
    "ma première invalidation c'était en 2023, permis rendu le 3 mars 2023, ça compte ?",
    "j'ai aussi eu une invalidation avant, je l'avais rendu le 3 mars 2023",
])
def test_an_earlier_invalidation_told_after_makes_the_wait_a_year_from_this_hand_back(earlier, domain):
    from actions import corrections
    from tests.actions.test_probation_facts import mapped_slots
    history = [_said(C05_FIRST, "ask_zero_points"), {"event": "bot", "text": "Vous pourrez obtenir un nouveau permis "
                                                                             "à partir du 10 mai 2027…"}]
    new_slots = mapped_slots(domain, earlier, "inform", DAY)
    assert new_slots.get("licence_handed_back_date") == "2023-03-03"  # (the slot takes the earlier day)
    tracker = make_tracker(slots=C05_SLOTS, new_slots=new_slots, intent="inform", text=earlier,
                           entities=parsed(earlier, DAY), history=history)
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("Nouvelle invalidation moins de 5 ans après la précédente (permis rendu le 3 mars 2023) "
                             ": le délai est d'un an au lieu de 6 mois. Vous pourrez obtenir un nouveau permis à "
                             "partir du 10 novembre 2027, un an après la remise du permis le 10 novembre 2026")
    assert "il faut repasser le code et l'épreuve de conduite" in answer
    assert "3 septembre 2023" not in answer and "3 mars 2024" not in answer
    # then "c'est ma 2e invalidation en moins de 5 ans, je dois attendre 6 mois quand même ?": the same
    again = ("non mais je parle de maintenant, c'est ma 2eme invalidation en moins de 5 ans, je dois attendre 6 mois "
             "quand meme ?")
    tracker = make_tracker(slots={**C05_SLOTS, "licence_handed_back_date": "2023-03-03"}, intent="ask_zero_points",
                           text=again, entities=parsed(again, DAY),
                           history=history + [_said(earlier, "inform"), {"event": "bot", "text": answer}])
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert "à partir du 10 novembre 2027, un an après la remise du permis le 10 novembre 2026" in answer


def test_a_later_day_told_alone_still_corrects_the_hand_back(domain):
    from actions import corrections
    history = [_said(C05_FIRST, "ask_zero_points"), {"event": "bot", "text": "…"}]
    text = "non pardon je l'ai rendu le 12 novembre"
    tracker = make_tracker(slots=C05_SLOTS, new_slots={"licence_handed_back_date": "2026-11-12"}, intent="inform",
                           text=text, entities=parsed(text, DAY), history=history)
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "à partir du 12 mai 2027, 6 mois après la remise du permis le 12 novembre 2026" in answer


# --- c11: a probationary driver awaiting the 48N, "il peut faire un stage volontaire tout de suite ?": wait, and a
# voluntary stage now would be the year's stage, so the compulsory one would give no points (R14, R17)

@pytest.mark.parametrize("text", [
    "il n'a pas encore recu la 48N. il peut faire un stage volontaire tout de suite pour pas perdre de temps ?",
    "je fais un stage tout de suite ou j'attends la lettre ?",
    "je peux faire un stage volontaire maintenant avant la 48N ?",
])
def test_a_voluntary_stage_before_the_48n_is_said_to_use_up_the_year(text):
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text, DAY),
                           slots={"licence_date": "2025-03-04", "last_offence_points": 4, "previous_stage_date": "none",
                                  "current_balance": 4, "supervised_driving": False, "complementary_training": False})
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker)
    first = answer.splitlines()[0]
    assert first.startswith("Après un retrait de 3 points ou plus en période probatoire, attendez la lettre 48N")
    assert "il compterait comme le stage de l'année : le stage obligatoire, toujours dû dans les 4 mois qui suivent " \
           "la 48N, ne rendrait alors aucun point" in first


# --- c30: voluntary stage 2-3 June 2026, 48N received 25/11/2026 (deadline 25/03/2027); after the refund's answer,
# "et si je le fais le 1er juin 2027 pour avoir les points ?" got only "pas de remboursement"

C30_SLOTS = {"previous_stage_date": "2026-06-02", "letter_48n_date": "2026-11-25", "letter_code": "48N",
             "last_question": "action_answer_refund_48n"}
C30_HISTORY = [
    _said("J'ai fait un stage volontaire le 2 et 3 juin 2026 et la je recois une 48N (recue le 25 novembre 2026). Je "
          "dois refaire un stage ?? il me rendra des points ?", "ask_stage_eligibility"),
    {"event": "action", "name": "action_answer_stage_eligibility"},
    {"event": "bot", "text": "Vous devez terminer le stage obligatoire au plus tard le 25 mars 2027…"},
    _said("ok. et c'est quoi les papiers a envoyer pour le remboursement ?", "ask_refund_48n"),
    {"event": "action", "name": "action_answer_refund_48n"},
    {"event": "bot", "text": "L'amende de l'infraction est remboursée si le stage obligatoire est terminé…"},
]


def _c30(text: str, domain) -> str:
    tracker = make_tracker(slots=C30_SLOTS, intent="nlu_fallback", text=text, entities=parsed(text, DAY),
                           history=C30_HISTORY)
    return run(fallback.ActionSuggestQuestions(), tracker, domain)[1]


@pytest.mark.parametrize("text, first_day, last_day", [
    ("merci. et si je le fais le 1er juin 2027 pour avoir les points ?", "1er juin 2027", "2 juin 2027"),  # the tester's
    ("et si je fais le stage le 10 avril ?", "10 avril 2027", "11 avril 2027"),
    ("et si je le passe le 5 juin 2027, ça me rend des points ?", "5 juin 2027", "6 juin 2027"),
])
def test_a_stage_moved_past_the_48n_deadline_says_the_missed_obligation_and_the_points(text, first_day, last_day,
                                                                                       domain):
    answer = _c30(text, domain)
    assert answer.startswith(f"Si le stage commence le {first_day}, alors :")
    assert f"Le stage se terminera le {last_day}, après la date limite du 25 mars 2027 : l'obligation n'est pas " \
           "remplie à temps (135 €, jusqu'à 750 €, et suspension possible), et l'amende n'est pas remboursée" in answer
    if first_day == "5 juin 2027":  # (a year after the voluntary stage's first day: points again, R13)
        assert "Ce stage ne rend pas de points" not in answer
    else:
        assert "Ce stage ne rend pas de points : moins d'un an après celui du 2 juin 2026 (points possibles à partir " \
               "du 2 juin 2027)" in answer


def test_a_stage_moved_within_the_deadline_asking_points_says_none_but_the_refund(domain):
    answer = _c30("et si je le fais le 1er mars, il me rend des points ?", domain)
    assert "Obligation remplie si vous suivez tout le stage : il se termine le 2 mars 2027" in answer
    assert "L'amende de l'infraction vous sera remboursée" in answer
    assert "Ce stage ne rend pas de points : moins d'un an après celui du 2 juin 2026" in answer


# --- c09: a délit told (alcohol 0.9 g/l, suspension), then "j'ai 5 points d'après Mes Points Permis, 9 après un
# stage ?": the 5 may count its 6 points or not (R2); both cases said, not "solde final 3" alone

@pytest.mark.parametrize("offence, balance_said", [
    ("jai pris 3 mois de suspension par le prefet pour alcool (0,9 g). je peux faire un stage pendant la suspension "
     "pour recup des points ?", "la j'ai 5 points d'apres mes points permis, du coup apres le stage j'en aurai 9 ?"),
    ("contrôlé positif aux stupéfiants le mois dernier, ça fait un délit je crois",
     "sur mes points permis il me reste 5 points, avec un stage je remonte à 9 ?"),
])
def test_a_balance_told_after_an_unpaid_delit_gives_both_cases(offence, balance_said, domain):
    history = [_said(offence, "ask_suspension"), {"event": "bot", "text": "…"}, _said(balance_said,
                                                                                       "ask_points_after_stage")]
    slots = {"offence_type": "alcohol_delit", "current_balance": 5, "balance_unknown": False, "licence_date": "2015",
             "stage_first_day": "2026-12-28", "previous_stage_date": "none"}
    tracker = make_tracker(slots=slots, intent="deny", text="Non, jamais", history=history)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le stage vous rendra 4 points, avec effet au 30 décembre 2026 : votre solde passera de 5 à "
                             "9 points")
    assert "Ce calcul suppose que vos 5 points comptent déjà le retrait de 6 points : le stage vous mène alors à 9 " \
           "points. Si ce retrait n'est pas encore enregistré" in answer
    assert "il sera déduit après le stage : solde final 3 points" in answer


def test_a_retrait_said_not_recorded_is_still_subtracted_after_the_stage_alone(domain):
    history = [_said("alcool 0,9 g, pas encore passé au tribunal", "ask_suspension"), {"event": "bot", "text": "…"},
               _said("j'ai 5 points, après le stage j'en aurai 9 ?", "ask_points_after_stage")]
    slots = {"offence_type": "alcohol_delit", "current_balance": 5, "balance_unknown": False, "licence_date": "2015",
             "stage_first_day": "2026-12-28", "previous_stage_date": "none"}
    tracker = make_tracker(slots=slots, intent="deny", text="Non, jamais", history=history)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert "Le retrait de 6 points pas encore enregistré sera déduit après le stage : solde final 3 points" in answer
    assert "Ce calcul suppose" not in answer


# --- c26: licence 20/01/2025, training in October 2025, 8 points, probation ending 20/01/2027; "et si je me fais
# flasher à +10 avant le 20 janvier ?" placed the offence ON 20 January 2027, after the probation (12 → 11)

C26_SLOTS = {"licence_date": "2025-01-20", "complementary_training": True, "training_date": "2025-10",
             "supervised_driving": False, "probation_offence": False, "last_question": "action_answer_probation",
             "current_balance": 8}
C26_HISTORY = [
    _said("jai fait la formation complementaire post permis en octobre 2025, jai eu le permis le 20 janvier 2025. ca "
          "me fait gagner quoi ?", "ask_probation"), _said("non", "deny"), _said("Non", "deny"),
    {"event": "action", "name": "action_answer_probation"},
    {"event": "bot", "text": "Sans infraction depuis votre permis, votre solde est aujourd'hui de 8 points…"}]
# R6 example 3: an offence in probation after the training loses the reduction (probation until 20/01/2028), the
# ceiling stays at 8 (R7), the point comes back 6 months after the payment (R8)
C26_PROBATION = ("Vous perdriez la réduction liée à la formation complémentaire : la période probatoire se terminerait "
                 "le 20 janvier 2028 au lieu du 20 janvier 2027")


@pytest.mark.parametrize("text, day, points_after", [
    ("super et si je me fais flasher a +10 avant le 20 janvier ?", "19 janvier 2027", "de 8 points à 7 points"),
    ("et si je grille un feu rouge d'ici le 20 janvier ?", "19 janvier 2027", "de 8 points à 4 points"),
    ("et si je prends un excès de 10 km/h avant la fin de mon probatoire le 20 janvier ?", "19 janvier 2027",
     "de 8 points à 7 points"),
])
def test_an_offence_before_a_day_is_placed_before_it(text, day, points_after, domain):
    tracker = make_tracker(slots=C26_SLOTS, intent="nlu_fallback", text=text, entities=parsed(text, DAY),
                           history=C26_HISTORY)
    _, answer = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert answer.startswith(f"Si vous commettiez le {day} une infraction")
    assert points_after in answer and C26_PROBATION in answer
    assert "votre plafond resterait à 8 points jusqu'à la fin de la période probatoire, le 20 janvier 2028" in answer
    assert f"J'ai retenu le {day}, avant le 20 janvier 2027 comme vous le dites" in answer


def test_the_day_said_after_before_a_day_is_the_offence_s(domain):
    from actions import corrections
    from actions.what_if import HYPOTHESIS_NOTE
    first = "super et si je me fais flasher a +10 avant le 20 janvier ?"
    history = C26_HISTORY + [_said(first, "nlu_fallback"), {"event": "bot", "text": f"Si vous commettiez…\n{HYPOTHESIS_NOTE}"}]
    text = "non je dis AVANT le 20 janvier, genre le 15 decembre, pendant mon probatoire"
    tracker = make_tracker(slots=C26_SLOTS, intent="inform", text=text, entities=parsed(text, DAY), history=history)
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("Si vous commettiez le 15 décembre 2026 une infraction (excès de vitesse) qui retire 1 "
                             "point")
    assert "de 8 points à 7 points" in answer and "Le point de cette infraction reviendrait le 15 juin 2027" in answer
    assert C26_PROBATION in answer
