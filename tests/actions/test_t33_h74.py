"""T33 (testers' replays of 1 December 2026), items of branch h74: offences counted wrong, and "et si…" hypotheses."""
from __future__ import annotations

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

TODAY = "2026-12-01"


# --- T33 c18: two checks on one day (phone + belt in the morning, red light in the afternoon): 6 + 4 = 10 (R3)

C18 = ("Sale journée le 14 octobre 2026 : le matin contrôle, téléphone + pas de ceinture. L'après-midi feu rouge "
       "grillé, autre contrôle, autres policiers. Tout payé le 30 octobre. J'avais 12 points (permis 2001). Il me "
       "reste quoi ? Le max c'est 8 d'un coup non ?")


def two_checks_of_one_day(domain) -> Conversation:
    # (the form's validation keeps the offences named together: the first, the others with it; forms.py)
    slots = {**mapped_slots(parsed(C18, TODAY), domain), "offence_type": "phone",
             "other_offences": ["seatbelt", "red_light"]}
    return Conversation(domain, C18, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots, today=TODAY)


def test_two_checks_of_one_day_are_not_capped_together(domain, first_of_december):
    # T33 c18: "plafonnés à 8 points pour des infractions commises en même temps … il vous reste 4 points"; the cap
    # is for the offences of one check, the afternoon's red light was another (R3): 3 + 3 + 4 = 10, 2 left
    chat = two_checks_of_one_day(domain)
    assert "plafonnés à 8" not in chat.reply
    assert "10 points au total" in chat.reply
    assert "il vous reste 2 points" in chat.reply
    assert chat.slots["last_offence_points"] == 10


def test_the_balance_asked_after_two_checks_of_one_day(domain, first_of_december):
    chat = two_checks_of_one_day(domain)
    chat.say("mais c'était deux contrôles différents, un le matin et un l'après midi, c'est pas 'en même temps'",
             "inform", corrections.ActionApplyCorrection())
    reply = chat.say("donc il me reste combien, 2 ou 4 ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "passé de 12 points à 2 points" in reply, reply
    assert "points à 4 points" not in reply and "8 points vous ont été retirés" not in reply


# --- T33 c12: flashed 142 on a 90 road, then "la vitesse retenue c'est 134" with an earlier point: 12 − 1 − 4 = 7 (R4)

C12 = "flashé à 142 sur une route à 90 le 10 octobre 2026, payé le 20 octobre. c un délit ??"
C12_KEPT = ("142 c'est la vitesse mesurée, sur l'avis la vitesse retenue c'est 134. j'avais 12 pts mais j'avais deja "
            "perdu 1 point payé le 12 mai 2026. il me reste combien et je recupere tout quand ?")


def test_the_retained_speed_told_after_decides_the_points_of_the_balance(domain, first_of_december):
    # T33 c12: the balance kept the 6 points of a délit for the 142 measured ("solde 5 points", "délit … pas concernée
    # par la règle des 10 ans"); the avis's 134 on a 90 road is 44 km/h over: 4e class, 4 points (R4), 12 − 1 − 4 = 7
    slots = mapped_slots(parsed(C12, TODAY), domain)
    chat = Conversation(domain, C12, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots, today=TODAY)
    assert "retrait de 6 points (délit)" in chat.reply
    reply = chat.say(C12_KEPT, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 7 points"), reply
    assert "(délit)" not in reply and "6 points pour « excès de vitesse »" not in reply
    assert "le 20 octobre 2029" in reply  # 3 years from its payment (4e class, R9)
    reply = chat.say("ok donc au total il me reste combien de points ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert "7 points" in reply and "5 points retirés" in reply, reply


# --- T33 c08: 1 point paid in June, a new 1-point excess committed at the end of November, not paid (R8, R2)

C08 = ("Bonjour, j'ai perdu 1 point pour un petit excès (retenu 97 sur une route à 90) que j'ai payé début juin. Et fin "
       "novembre je me suis refait flasher, 88 retenu pour 80. Est-ce que je récupère quand même mon point de juin ? "
       "permis depuis 2015 et j'avais 12")


def test_an_offence_committed_after_the_payment_blocks_the_point(domain, first_of_december):
    # T33 c08: "Solde aujourd'hui : 12 points … 1 point revenu … le 1er décembre 2026": the November excess was read as
    # the day of the June one and dropped; committed within the 6 months, it keeps the point from coming back (R8),
    # and is not withdrawn before it is paid (R2): 11 today, 10 once paid
    slots = mapped_slots(parsed(C08, TODAY), domain)
    chat = Conversation(domain, C08, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 11 points"), chat.reply
    assert "1 point revenu" not in chat.reply and "ne revient pas le" in chat.reply
    assert "votre solde passera à 10 points" in chat.reply
    reply = chat.say("j'ai commis un 2e excès de vitesse le 27 novembre 2026 (1 point). Ca bloque le retour du point "
                     "payé début juin ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "une autre infraction a été commise le 27 novembre 2026" in reply, reply
    assert "je n'ai pas d'autre réponse" not in reply


# --- T33 c14: a point due back on 8 December; "et s'il se fait flasher le 5 décembre, il le perd ce point ?" (R8)

def test_an_excess_to_come_without_its_speeds_stops_the_return(domain, first_of_december):
    # T33 c14: "Impossible de répondre : pour un excès de vitesse, il faut la limite et la vitesse retenue"; whatever
    # its speeds, an excess that costs a point committed before 8 December stops that point's return (R8): yes, with
    # the fewest points an excess costs, and the speeds asked for the exact count only
    slots = {"fine_payment_date": "2026-06-08", "last_offence_points": 1, "offence_class": "c3",
             "offence_type": "speeding"}
    chat = Conversation(domain, "mon mari a perdu 1 point pour un excès de vitesse, il a payé le 8 juin. est-ce qu'il "
                                "l'a récupéré ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots,
                        today=TODAY)
    assert "revient le 8 décembre 2026" in chat.reply
    reply = chat.say("et s'il se fait flasher le 5 décembre, il le perd ce point ?", "ask_retrait_timing",
                     answers.ActionAnswerRetraitTiming())
    assert "Impossible de répondre" not in reply
    assert reply.startswith("Oui"), reply
    assert "ne reviendrait pas le 8 décembre 2026" in reply
    assert "Sans la limite ni la vitesse" in reply and "Sans la nature de l'infraction" not in reply


# --- T33 c29: a 48M at 5 points, then "stage la semaine prochaine, sachant que j'ai grillé un stop hier" (R2, R18)

C29 = "J'ai reçu une lettre 48M, il me reste 5 points. Je suis obligé de faire un stage ? J'en ai jamais fait."
C29_STAGE = ("et si je fais un stage la semaine prochaine, sachant que j'ai grillé un stop hier (pas encore payé), je "
             "finis à combien ?")


def test_an_offence_told_after_the_48m_is_a_retrait_to_come(domain, first_of_december):
    # T33 c29: "votre solde passera de 5 à 9 points", the stop ignored: the 48M told the retraits before it, not the
    # stop of yesterday, not paid: the stage is credited on 5 (9), then its 4 points are withdrawn, 5 (R2, R12, R18)
    slots = mapped_slots(parsed(C29, TODAY), domain)
    chat = Conversation(domain, C29, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), slots, today=TODAY)
    assert chat.reply.startswith("Aucune obligation")
    tracker = chat.tracker(C29_STAGE, "ask_points_after_stage")
    chat.events, chat.slots = tracker.events[:], dict(tracker.slots)
    # (the form fills the stage's day from the message, and asks the licence's date)
    chat.slots.update(stage_first_day="2026-12-07", previous_stage_date=False)
    reply = chat.say("2003", "inform", answers.ActionAnswerPointsAfterStage())
    assert "de 5 à 9 points" in reply
    assert "Le retrait de 4 points pas encore enregistré sera déduit après le stage : solde final 5 points" in reply, \
        reply


# --- T33 c30: a 5e-class excess "en 2019 …, payé le 3 février 2019, j'ai perdu 6 points", stages, phone, belt (R9, R10)

C30 = ("Bonjour, je vous raconte tout. Permis depuis 2010, 12 points au départ. En 2019 excès de 55 km/h (à l'époque "
       "contravention de 5e classe), payé le 3 février 2019, j'ai perdu 6 points. Stage les 8 et 9 avril 2019. Puis "
       "téléphone au volant en août 2021, payé le 1er septembre 2021. Ensuite ceinture le 2 juin 2024, payée le 20 juin "
       "2024. Stage les 10 et 11 mars 2025. Rien depuis. J'ai combien et quand je retrouve 12 ?")


def test_an_offence_told_by_its_year_then_its_payment_and_points_is_one_retrait(domain, first_of_december):
    # T33 c30: "18 points retirés … 2 points", "l'infraction payée le 31 décembre 2019", "le stage … a sauvé votre
    # permis": the excess of 2019 counted twice, once by its year, once by its payment and points; one retrait:
    # 12 − 6 + 4 − 3 − 3 + 4 = 8, back to 12 on 20 June 2027 (R9), the 5e class out of the 10-year rule (R10)
    slots = mapped_slots(parsed(C30, TODAY), domain)
    chat = Conversation(domain, C30, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 8 points"), chat.reply
    assert "31 décembre 2019" not in chat.reply and "sauvé" not in chat.reply
    assert "le 20 juin 2027" in chat.reply
    assert "L'infraction payée le 3 février 2019 (contravention de 5e classe) n'est pas concernée par la règle des 10 " \
           "ans" in chat.reply


def test_the_stages_of_the_story_are_not_asked_again(domain, first_of_december):
    # T33 c30 turn 3: "je peux refaire un stage maintenant ?" got "Avez-vous déjà fait un stage qui vous a rendu des
    # points ?" after "Stage les 8 et 9 avril 2019 … Stage les 10 et 11 mars 2025": past stages told in a story, without
    # a verb, are stages done; the last one is the one the year counts from (R13)
    from actions import forms
    slots = mapped_slots(parsed(C30, TODAY), domain)
    chat = Conversation(domain, C30, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    tracker = chat.tracker("ok merci. je peux refaire un stage maintenant ? j'arriverais à combien ?",
                           "ask_stage_eligibility")
    assert forms.stage_told_done_before(tracker) == "2025-03-10"
