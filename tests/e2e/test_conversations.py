"""Whole conversations in French against the real servers (REST channel, BOT_TODAY=2026-11-23).

The computed dates and numbers are asserted: they come from rules_core through the action server.
"""
from __future__ import annotations

import pytest


def test_probation_question_with_facts_in_the_first_message(conversation):
    reply = conversation.say_text("je suis en permis probatoire depuis mars 2024, j'ai combien de points ?")
    assert "conduite accompagnée" in reply  # the licence date is not asked again
    # the formation complémentaire is not asked: a probation still running in December 2026 on a licence of March
    # 2024 was not shortened by it (R6: it would have ended in March 2026), so it changes nothing (T22 c25)
    reply = conversation.say_text("non")
    assert "formation complémentaire" not in reply and "retiré des points" in reply
    answer = conversation.say_text("non")
    assert "10 points" in answer and "31 mars 2027" in answer and "L.223-1" in answer
    assert "31 mars 2024" in answer  # the safe date chosen for "mars 2024" is said

    # the facts stay known: the second question asks neither the licence date nor the balance just computed
    # (10 of 10 with no offence since the licence: a probationary licence stays at its ceiling, so no stage day is
    # asked: nothing to gain, R1 example 3, R5; T15 c06)
    reply = conversation.say_text("et si je fais un stage, j'aurai combien de points ?")
    assert "Combien de points vous reste-t-il" not in reply and "commence" not in reply
    assert "Aucun point à gagner" in reply and "plafond de 10 points" in reply
    # a balance said later corrects the computed one, and the user is told so
    reply = conversation.say_text("en fait il me reste 5 points")
    assert "C'est noté, je corrige." in reply and "commence" in reply
    assert "Avant ce stage, en aviez-vous déjà fait un" in conversation.say_text("le 7 décembre 2026")
    answer = conversation.say_text("non jamais")
    assert "9 décembre 2026" in answer and "9 points" in answer
    assert "Fichier national des permis de conduire" in answer


def test_points_after_stage_step_by_step(conversation):
    assert "Combien de points vous reste-t-il" in conversation.say_text("combien de points j'aurai après mon stage ?")
    assert "obtenu votre permis" in conversation.say_text("7")
    assert "commence" in conversation.say_text("je l'ai eu en 2010")
    assert "Avant ce stage, en aviez-vous déjà fait un" in conversation.say_text("le 03/12/2026")
    answer = conversation.say_text("non")
    assert "11 points" in answer and "5 décembre 2026" in answer and "4 points" in answer


def test_48n_refund(conversation):
    assert "48N" in conversation.say_text("est-ce que mon remboursement 48N est encore possible ?")
    assert "stage" in conversation.say_text("je l'ai reçue le 05/09/2026")
    answer = conversation.say_text("le stage a commencé le 2 novembre 2026")
    assert "remboursée" in answer and "5 janvier 2027" in answer


def test_mandatory_stage_deadline(conversation):
    reply = conversation.say_text("j'ai reçu la lettre 48N le 5 septembre 2026, j'ai jusqu'à quand pour le stage ?")
    assert "5 janvier 2027" in reply and "R.223-4" in reply


def test_impossible_balance_is_refused_and_asked_again(conversation):
    conversation.say_text("je peux refaire un stage ?")
    assert "points" in conversation.say_text("non jamais")
    reply = conversation.say_text("il me reste 15 points")
    assert "au plus 12 points" in reply and "Combien de points vous reste-t-il" in reply
    answer = conversation.say_text("8")
    assert "stage" in answer.lower() and "L.223-6" in answer


def test_future_date_is_refused(conversation):
    conversation.say_text("j'ai une lettre 48N, quel délai pour le stage ?")
    reply = conversation.say_text("je l'ai reçue le 12/03/2031")
    # one question, the validator's own: the form does not ask it a second time
    assert "dans le futur" in reply and "date de réception de la lettre 48N ?" in reply
    assert reply.count("?") == 1


def test_dont_know_the_balance(conversation):
    conversation.say_text("je peux faire un nouveau stage de récupération ?")
    conversation.say_text("jamais fait")
    reply = conversation.say_text("je sais pas")
    assert "Mes Points Permis" in reply


def test_side_question_in_a_form_then_the_form_resumes(conversation):
    conversation.say_text("combien de points après un stage ?")
    reply = conversation.say_text("au fait le stage dure combien de temps ?")
    assert "2 jours consécutifs" in reply and "Combien de points vous reste-t-il" in reply


def test_cancel_a_question(conversation):
    conversation.say_text("quand vais-je récupérer mes points ?")
    assert "abandonne" in conversation.say_text("laisse tomber")
    assert "Bonjour" in conversation.say_text("bonjour")


def test_correction_after_the_answer(conversation):
    conversation.say_text("j'ai mon permis depuis mars 2024, combien de points j'ai ?")
    conversation.say_text("non")
    conversation.say_text("non")
    conversation.say_text("non")
    answer = conversation.say_text("non, c'était en mars 2023")
    assert "refais le calcul" in answer and "31 mars 2026" in answer


def test_speeding_points(conversation):
    answer = conversation.say_text("flashé à 135 au lieu de 110, combien de points je perds ?")
    assert "2 points" in answer and "135 €" in answer


def test_an_offence_named_alone_gets_its_points(conversation):
    """Whether the NLU reads "téléphone au volant" as a question or a bare fact, it gets the answer."""
    assert "3 points" in conversation.say_text("téléphone au volant")
    assert "2 points" in conversation.say_text("et à 135 au lieu de 110 ?")


@pytest.mark.parametrize("message", [
    "", "   ", "😀🚗💨", "<script>alert('x')</script>", "<b>bonjour</b>", "a" * 5000,
    "combien de points " * 300,
])
def test_bad_input_gets_a_french_answer(conversation, message):
    reply = conversation.say_text(message)
    assert reply.strip(), "the bot must never stay silent"
    assert "<script>" not in reply
    # the conversation goes on
    assert "Bonjour" in conversation.say_text("bonjour")


def test_html_is_read_as_its_visible_text(conversation):
    """Markup never decides the intent: formatted text is understood, a bare script is not."""
    assert "Bonjour ! Je suis l'assistant du permis à points" in conversation.say_text("<b>bonjour</b>")
    reply = conversation.say_text('<img src=x onerror="alert(1)"><script>alert("stage")</script>')
    assert "Pouvez-vous reformuler" in reply and conversation.last_payload[-1]["buttons"]
    # The conversation keeps what was sent, exactly.
    sent = [e["text"] for e in conversation.tracker()["events"] if e.get("event") == "user"]
    assert sent[-2:] == ["<b>bonjour</b>", '<img src=x onerror="alert(1)"><script>alert("stage")</script>']


@pytest.mark.parametrize("message", ["g 0 pt sur mon permis", "il ne me reste plus aucun pts", "mon solde est à zéro, je fais quoi ?"])
def test_a_zero_balance_however_written_gets_the_zero_points_answer(conversation, message):
    """data/nlu/regexes.yml pools the spellings of a zero balance, which word n-grams alone confused with '7 points'."""
    assert "48SI" in conversation.say_text(message)


def test_a_non_zero_balance_is_not_read_as_zero(conversation):
    assert "48SI" not in conversation.say_text("il me reste 6 pts sur mon permis")


def test_recovery_of_points_lost_for_an_offence_named_in_the_question(conversation):
    """The phone costs 3 points, 4th class (barème): only the payment date is asked, not the offence date."""
    reply = conversation.say_text("jai perdu des pts pour un tel au volant il y a 7 mois, ils reviennent quand")
    assert "payé l'amende" in reply and "montant" not in reply
    answer = conversation.say_text("le 20 mai")
    assert "20 mai 2029" in answer and "L.223-6" in answer


def test_recovery_with_i_dont_know_then_the_amount_of_the_fine(conversation):
    conversation.say_text("quand vais-je récupérer mes points ?")
    # (3 points: offences of several classes cost them, so the fine's amount is asked; 2 or 4 are always 4th class)
    assert "montant de l'amende" in conversation.say_text("3")
    reply = conversation.say_text("je sais pas")
    # where to find it, and no loop: the longest delay is counted, and said (R9)
    assert "avis de contravention" in reply and "le délai le plus long" in reply and "payé l'amende" in reply
    answer = conversation.say_text("le 3 mars 2026")
    assert "3 mars 2029" in answer and "le délai de récupération le plus long" in answer


def test_recovery_with_the_amount_of_the_fine(conversation):
    conversation.say_text("quand vais-je récupérer mes points ?")
    assert "montant de l'amende" in conversation.say_text("3")
    assert "payé l'amende" in conversation.say_text("135 €")
    answer = conversation.say_text("le 3 mars 2026")
    assert "3 mars 2029" in answer  # 4th class: 3 years (R9)


def test_recovery_of_two_points_needs_no_amount(conversation):
    # 2 points are always a 4th-class offence (an excess of 20 to 29 km/h, R4): the fine's amount is not asked
    conversation.say_text("quand vais-je récupérer mes points ?")
    reply = conversation.say_text("2")
    assert "montant de l'amende" not in reply and "payé l'amende" in reply
    assert "3 mars 2029" in conversation.say_text("le 3 mars 2026")  # 4th class: 3 years (R9)


def test_i_dont_know_a_date_says_where_to_find_it(conversation):
    conversation.say_text("j'ai reçu une lettre 48N, je dois faire quoi ?")
    reply = conversation.say_text("je ne sais pas")
    assert "avis de réception" in reply and "reçu la lettre 48N" in reply
    assert "10 février 2027" in conversation.say_text("le 10 octobre")


def test_a_month_then_the_day_alone_makes_the_date(conversation):
    """"le 12" after "janvier 2026" is the 12th of January 2026, not the last 12th before today."""
    reply = conversation.say_text("j'ai fait un stage en janvier 2026, je peux en refaire un ?")
    assert "Quel jour de janvier 2026" in reply
    # the date of the last stage is all the answer needs (R13): the balance is not asked
    answer = conversation.say_text("le 12")
    assert "12 janvier 2027" in answer and "novembre 2027" not in answer
    assert "Combien de points vous reste-t-il" not in answer


def test_probation_question_with_an_offence_counts_it(conversation):
    # R7 + R8: licence 3/02/2025 (8 points on 3/02/2026), 62 for 50 in October 2026 (12 over: 1 point,
    # 4e class), paid 20/10/2026: ceiling frozen at 8, balance 7, the point back on 20/04/2027
    reply = conversation.say_text("bonjour, je suis jeune conducteur, j'ai eu mon permis le 3 février 2025 sans AAC "
                                  "et je me suis fait flasher à 62 au lieu de 50 le mois dernier, il me reste combien ?")
    # the formation complémentaire is not asked: an offence before the end it would have given (3 February 2027)
    # cancels its reduction (R6), so it changes nothing (T21 c16, T22 c13)
    assert "formation complémentaire" not in reply and "payé l'amende" in reply
    answer = conversation.say_text("le 20/10/2026")
    assert "7 points sur 8" in answer and "20 avril 2027" in answer and "3 février 2028" in answer
    assert "L.223-1" in answer


def test_a_general_question_gets_the_rule_then_the_facts_are_asked(conversation):
    reply = conversation.say_text("en combien de temps on récupère un point ?")
    assert "En bref" in reply and "6 mois" in reply and "L.223-6" in reply
    assert "Combien de points votre dernière infraction" in reply


def test_a_planned_stage_written_without_its_year_is_ahead(conversation):
    # today is pinned to 23/11/2026: "le 5 décembre" is in 12 days; points on 7 December 2026 (R12)
    conversation.say_text("j'ai 7 points et mon permis depuis 2010, combien j'aurai après mon stage ?")
    assert "Avant ce stage, en aviez-vous déjà fait un" in conversation.say_text("le 5 décembre")
    answer = conversation.say_text("non jamais")
    assert "7 décembre 2026" in answer and "11 points" in answer


def test_a_48m_does_not_make_a_stage_compulsory(conversation):
    answer = conversation.say_text("jai recu une 48M, je suis obligé de faire un stage ?")
    assert "sans obligation" in answer and "À quelle date" not in answer


def test_a_month_then_its_day_even_after_i_dont_know(conversation):
    # today is pinned to 23/11/2026. One question at a time; "je sais plus" takes the safe day (the 1st: the
    # shortest deadline, R15), and the day said later still completes September
    reply = conversation.say_text("j'ai reçu ma lettre 48N en septembre, jusqu'à quand pour faire le stage ?")
    assert "Quel jour de septembre 2026" in reply and reply.count("?") == 1
    answer = conversation.say_text("je sais plus")
    assert "1er septembre 2026" in answer and "au plus tard le 1er janvier 2027" in answer
    assert "au plus tard le 3 janvier 2027" in conversation.say_text("ah si c'était le 3")


def test_a_year_then_its_month_for_the_licence(conversation):
    reply = conversation.say_text("jai eu mon permi en 2024 cb jai de pts")
    assert "En quel mois de 2024" in reply and reply.count("?") == 1
    assert "conduite accompagnée" in conversation.say_text("mars")
    assert conversation.tracker()["slots"]["licence_date"] == "2024-03"


def test_the_price_asked_after_an_offence_is_its_fine(conversation):
    assert "3 points" in conversation.say_text("téléphone au volant ça fait combien de points ?")
    reply = conversation.say_text("et ça coûte combien ?")
    assert "135 €" in reply and "centre agréé" not in reply


def test_thanks_in_the_middle_of_a_question_keep_it(conversation):
    # "ok merci" while a question waits is politeness: the question is asked again, and the answer that follows
    # fills it (tester Y: the question was dropped, then "4" fell into the void)
    assert "Combien de points" in conversation.say_text("quand est-ce que je récupère mes points ?")
    reply = conversation.say_text("ok merci")
    assert reply.startswith("Avec plaisir") and "Combien de points" in reply
    assert conversation.tracker()["active_loop"]["name"] == "auto_recovery_form"
    assert "montant de l'amende" in conversation.say_text("3")


def test_a_stage_can_save_a_licence_about_to_reach_zero(conversation):
    # R18 example 2: 2 points left, a stop (4 points): -2; a stage finished before the 48SI saves it with 2
    answer = conversation.say_text("il me reste 2 points et je vais perdre 4 points pour un stop, "
                                   "je peux encore sauver mon permis ?")
    assert "solde calculé est de -2" in answer and "le sauve (solde 2 points)" in answer


def test_a_stage_done_before_the_48si_not_received_saved_the_licence(conversation):
    # R18 example 2 in a tester's words: 3 - 4 = -1, stage 20-21 April before any 48SI: saved with 3 points; never
    # "la 48SI vous notifie l'invalidation" (the 48SI was said not received)
    answer = conversation.say_text("il me reste 3 points, retrait de 4 points décidé le 2 avril 2026, j'ai fait un "
                                   "stage les 20 et 21 avril 2026, je n'ai pas encore eu la lettre 48SI")
    assert "sauvé votre permis" in answer and "3 points" in answer and "22 avril 2026" in answer, answer
    assert "notifie l'invalidation" not in answer and "a été notifiée" not in answer


def test_will_a_48n_come_asks_the_offence_then_answers_with_its_points(conversation):
    reply = conversation.say_text("je vais recevoir une 48N ?")
    assert "Quelle infraction" in reply and "À quelle date" not in reply
    answer = conversation.say_text("téléphone au volant")
    assert "3 points" in answer and "lettre 48N" in answer


def test_a_hypothesis_typed_while_a_question_waits_is_held_then_answered(conversation):
    # testers, item 1 (C18): "et si je fais le stage en janvier ?" while the 48N date is asked overwrote nothing
    # told, and its January never became the letter's receipt; it is answered after the real answer (R15, R16)
    reply = conversation.say_text("j'ai reçu une lettre 48N, est-ce que mon amende sera remboursée si je fais le stage ?")
    assert "reçu la lettre 48N" in reply
    reply = conversation.say_text("et si je fais le stage en janvier ?")
    assert reply.startswith("C'est une hypothèse") and "reçu la lettre 48N" in reply and "je corrige" not in reply
    # C18 as played: the day said next is the hypothesis's, never a receipt in the past
    reply = conversation.say_text("le 12 janvier")
    assert "votre hypothèse : le 12 janvier 2027" in reply and "reçu la lettre 48N" in reply
    assert "commence" in conversation.say_text("le 12 novembre")
    answer = conversation.say_text("le 15 décembre")
    assert "16 décembre 2026" in answer and "12 mars 2027" in answer  # the real stage, in time (R16)
    assert "Pour votre hypothèse (« et si je fais le stage en janvier ? »)" in answer
    assert "Si le stage commence le 12 janvier 2027" in answer and "13 janvier 2027" in answer


def test_a_stage_question_after_a_balance_answer_takes_the_balance_computed(conversation):
    # testers, item 2: 12 - 3 - 1 = 8 (R1); the stage question neither asks the balance nor takes the 12 before
    answer = conversation.say_text("j'avais 12 points, j'ai perdu 3 points en mars 2025 et 1 point en octobre 2026, "
                                   "il m'en reste combien ?")
    assert answer.startswith("Solde aujourd'hui : 8 points")
    reply = conversation.say_text("et si je fais un stage ?")
    assert "votre solde est aujourd'hui de 8 points" in reply and "Combien de points vous reste-t-il" not in reply


def test_a_letter_to_come_for_someone_else_asks_the_offence(conversation):
    # testers, item 3: not "Quelle lettre avez-vous reçue ?" (R15, R19)
    reply = conversation.say_text("mon fils est jeune conducteur, il va recevoir une lettre ?")
    assert "Quelle lettre avez-vous reçue" not in reply and "infraction" in reply
    answer = conversation.say_text("téléphone au volant")
    assert "3 points" in answer and "lettre 48N" in answer


# --- testers' items (2026-12)

def test_the_year_of_probation_gives_the_stage_s_ceiling(conversation):
    # R12 example 3: year 2 (ceiling 8 without AAC), 5 points, stage 21-22/09/2026 → 8 on 23/09/2026; the licence's
    # date is not asked
    reply = conversation.say_text("2e année de probatoire, il me reste 5 points, stage les 21 et 22 septembre 2026, "
                                  "combien j'ai ?")
    assert "conduite accompagnée" in reply and "obtenu votre permis" not in reply
    assert "Avant ce stage" in conversation.say_text("non")
    answer = conversation.say_text("non")
    assert "avec effet au 23 septembre 2026 : votre solde passe de 5 à 8 points" in answer
    assert "2e année" in answer and "6 points (infraction commise en 1re année)" in answer


def test_a_judge_s_stage_then_a_voluntary_one_with_the_balance(conversation):
    # R11 example 2 / R13 example 4: the judge's stage gives no points and does not start the year; the voluntary
    # one gives 4 (6 → 10 on 22 April 2026); it got the suggestions, then an impossible answer twice
    answer = conversation.say_text("le juge m'a imposé un stage le 15 mars 2026, puis j'ai fait un stage volontaire "
                                   "les 20 et 21 avril 2026, j'avais 6 points, j'en ai combien ?")
    print(answer)
    assert "cas 4) ne rend pas de points" in answer
    assert "vous a rendu 4 points le 22 avril 2026 : votre solde est passé de 6 à 10 points" in answer
    assert "précédent" not in answer and "2027" not in answer


def test_a_small_excess_in_probation_its_class_from_the_limit(conversation):
    # R4, R7 example 3: the limit asked when the fine is asked (under 20 km/h it sets the class), then 3e class,
    # 1 point, 68 € (the points alone are answered at once: see the next test, m076)
    reply = conversation.say_text("en 2e année de probatoire, excès de 15 km/h, combien de points et quelle amende ?")
    assert "vitesse maximale autorisée" in reply
    answer = conversation.say_text("80")
    assert "retrait de 1 point (contravention de 3e classe)" in answer and "68 €" in answer
    assert "délit" not in answer


def test_a_small_excess_gets_its_point_at_once_and_the_fine_for_both_limits(conversation):
    # m076: 1 point whatever the limit (R4); the limit only sets the class and the fine, both said
    answer = conversation.say_text("flashé à 12 km/h au-dessus de la limite, je perds combien de points ?")
    assert "retrait de 1 point" in answer and "68 €" in answer and "135 €" in answer
    assert "vitesse maximale autorisée" not in answer
